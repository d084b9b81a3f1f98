"""Five Frames exercise helpers, embedded in every notebook. Standard library only.

This file is copied verbatim into the first code cell of each exercise notebook, so it
must not import the builder or anything outside the standard library (matplotlib is used
for charts only when it is installed). Answer keys arrive encoded, not as literals, so a
student cannot read them before trying.
"""

import base64
import hashlib
import json
import re
import unicodedata
import zlib

_EX = {}
_RESULTS = {}
DONE, WRONG, TODO = "✅", "❌", "⏳"
LABELS = {
    "named-person": "a person named in the text",
    "official": "an official or state source",
    "institution": "an institution (a company, university, party, agency)",
    "document-or-data": "a document or data set",
    "other-media": "another news outlet",
    "anonymous": "an unnamed source",
    "self-citation": "the writer's own earlier work (or their own organisation)",
    "unattributed": "no source at all",
}


def _setup(blob):
    """Load this notebook's exercises (called once by the first cell)."""
    _EX.clear()
    _EX.update(json.loads(zlib.decompress(base64.b64decode(blob)).decode("utf-8")))
    print(f"Ready: {len(_EX)} exercise(s). Work through the cells below in order.")


def _fold(text):
    """Lowercase, straight quotes, single spaces, no edge punctuation: typing style does not matter."""
    text = unicodedata.normalize("NFKC", str(text)).lower()
    text = re.sub("[\u2018\u2019\u201a\u201b`\u00b4]", "'", text)
    text = re.sub("[\u201c\u201d\u201e\u201f\u00ab\u00bb]", '"', text)
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    return " ".join(text.split()).strip(" .,;:!?\"'()[]")


def _digest(exercise_id, item, value):
    return hashlib.sha256(f"{exercise_id}|{item}|{_fold(value)}".encode("utf-8")).hexdigest()


def _record(exercise_id, question, status, message):
    _RESULTS[(exercise_id, question)] = status
    print(f"{status} {message}")


def _blank(answer):
    if answer is None or answer is Ellipsis:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, dict):
        return all(_blank(v) for v in answer.values())
    if isinstance(answer, (list, tuple, set)):
        return all(_blank(v) for v in answer)
    return False


def check(exercise_id, answer, question=None):
    """Give feedback on an answer. Safe to run before answering: it only says so."""
    exercise = _EX.get(exercise_id)
    if exercise is None:
        print(f"{WRONG} There is no exercise called {exercise_id!r}. Did you run the first cell?")
        return
    key = (exercise_id, question)
    if _blank(answer):
        _record(exercise_id, question, TODO, "Not yet answered. Fill in your answer above, then run this cell again.")
        return
    kind = exercise["kind"]
    if kind == "spot-loaded-words":
        _check_spot(exercise, answer, key)
    elif kind == "classify-sources":
        _check_classify(exercise, answer, key)
    else:
        _check_question(exercise, answer, question, key)


def _check_spot(exercise, answer, key):
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set)):
        print(f"{WRONG} Give a list of words or phrases, like [\"word\", \"another phrase\"].")
        return
    passage = _fold(exercise["passage"])
    typed = [_fold(a) for a in answer if not _blank(a)]
    notes = exercise["notes"]
    found, extra, outside = set(), [], []
    for phrase in typed:
        hits = [i for i, note in enumerate(notes) if phrase in _fold(note["span"]) or _fold(note["span"]) in phrase]
        if hits:
            found.update(hits)
        elif phrase in passage:
            extra.append(phrase)
        else:
            outside.append(phrase)
    missed = [i for i in range(len(notes)) if i not in found]
    status = DONE if not missed else WRONG
    head = f"You found {len(found)} of the {len(notes)} spans our annotators marked."
    _record(key[0], key[1], status, head if missed else head + " Well spotted.")
    for phrase in outside:
        print(f"   • \"{phrase}\" is not in the passage. Copy words exactly as they appear.")
    for phrase in extra:
        print(f"   • \"{phrase}\" is not in our key. Annotators often disagree: could you defend it to a partner?")
    print("\nWhat each marked span does:")
    for i, note in enumerate(notes):
        mark = "found" if i in found else "missed"
        print(f"   [{mark}] \"{note['span']}\" ({note['technique']}): {note['explanation']}")
    if missed:
        print("\nRead the passage again for the spans you missed, then try once more.")


def _check_classify(exercise, answer, key):
    if not isinstance(answer, dict):
        print(f"{WRONG} Give a dictionary of item numbers and labels, like {{1: \"official\", 2: \"anonymous\"}}.")
        return
    right = 0
    items = exercise["items"]
    lines = []
    for number, item in enumerate(items, 1):
        given = answer.get(number, answer.get(str(number), ""))
        if _blank(given):
            lines.append(f"   {TODO} {number}. \"{item['attribution']}\": not yet labelled.")
            continue
        if _fold(given) not in LABELS:
            lines.append(f"   {WRONG} {number}. {given!r} is not one of the labels: {', '.join(LABELS)}.")
            continue
        ok = _digest(exercise["id"], number, given) == item["digest"]
        right += ok
        verdict = DONE if ok else WRONG
        lines.append(f"   {verdict} {number}. \"{item['attribution']}\" → {given}. {item['feedback']}")
    status = DONE if right == len(items) else WRONG
    _record(key[0], key[1], status, f"{right} of {len(items)} labelled as our key does.")
    print("\n".join(lines))


def _check_question(exercise, answer, question, key):
    questions = exercise["questions"]
    if not isinstance(question, int) or not 1 <= question <= len(questions):
        print(f"{WRONG} This exercise has questions 1 to {len(questions)}; pass question=N.")
        return
    q = questions[question - 1]
    if "options" in q:
        letter = _fold(answer).upper()
        letters = "ABCDEFGH"[:len(q["options"])]
        if len(letter) != 1 or letter not in letters:
            print(f"{WRONG} Answer with one letter: {', '.join(letters)}.")
            return
        option = q["options"][letters.index(letter)]
        ok = _digest(exercise["id"], question, letter) == q["digest"]
        _record(key[0], key[1], DONE if ok else WRONG, ("Correct. " if ok else "Not quite. ") + option["feedback"])
        if not ok:
            print("   Try another option: each one has its own feedback.")
        return
    words = len(str(answer).split())
    if words < q["min_words"]:
        _record(key[0], key[1], WRONG, f"Your answer has {words} word(s). Write at least {q['min_words']}: "
                "say what you noticed and point to the words in the text.")
        return
    _record(key[0], key[1], DONE, "Answer recorded. Compare it with the model answer and the rubric:")
    print(f"\nModel answer: {q['model_answer']}\n\nA strong answer:")
    for point in q["rubric"]:
        print(f"   • {point}")


def progress():
    """A summary of what you have answered so far."""
    total = sum(max(1, len(ex.get("questions", []))) for ex in _EX.values())
    done = sum(1 for status in _RESULTS.values() if status == DONE)
    print(f"{done} of {total} checks passed.")
    for (exercise_id, question), status in sorted(_RESULTS.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        print(f"   {status} {exercise_id}" + (f", question {question}" if question else ""))


# ---- by the numbers: a small content analysis computed here, from the texts themselves ----

REPORTING_VERBS = ("said", "says", "stated", "told", "reported", "noted", "announced", "declared", "stressed",
                   "claimed", "claims", "insisted", "admitted", "alleged", "warned", "denounced", "argued",
                   "according to")


def _words(text):
    return re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", text)


def _sentences(text):
    return [s for s in re.split(r"(?<=[.!?])[\"'\u201d\u2019]?\s+", " ".join(text.split())) if s.strip()]


def measure(exercise_id):
    """Compute this exercise's measure for each article: {article: value}."""
    exercise = _EX[exercise_id]
    name, articles = exercise["measure"], exercise["articles"]
    values = {}
    for article in articles:
        text = article["text"]
        if name == "annotations-per-1000-words":
            values[article["label"]] = round(1000 * article["annotations"] / max(1, len(_words(text))), 1)
        elif name == "attributed-share":
            sentences = _sentences(text)
            cued = [s for s in sentences if re.search(r"\b(" + "|".join(REPORTING_VERBS) + r")\b", s.lower())
                    or re.search("[\"\u201c].{12,}[\"\u201d]", s)]
            values[article["label"]] = round(100 * len(cued) / max(1, len(sentences)), 1)
        else:
            lower = " ".join(text.lower().split())
            values[article["label"]] = {verb: len(re.findall(r"\b" + verb + r"\b", lower))
                                        for verb in REPORTING_VERBS if re.search(r"\b" + verb + r"\b", lower)}
    return values


def chart(exercise_id):
    """Draw the measure: a bar chart with matplotlib when present, a text chart otherwise."""
    exercise = _EX[exercise_id]
    values = measure(exercise_id)
    unit = {"annotations-per-1000-words": "annotated spans per 1,000 words",
            "attributed-share": "% of sentences with an attribution cue (a reporting verb or a quotation)",
            "reporting-verbs": "reporting verbs used (count)"}[exercise["measure"]]
    totals = {k: (sum(v.values()) if isinstance(v, dict) else v) for k, v in values.items()}
    print(unit)
    width = max(len(k) for k in totals)
    top = max(totals.values()) or 1
    for label, value in totals.items():
        print(f"{label.ljust(width)} | {'█' * round(30 * value / top)} {value}")
        if isinstance(values[label], dict) and values[label]:
            print(" " * width + "   " + ", ".join(f"{v}×{k}" for k, v in sorted(values[label].items())))
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        print("\n(matplotlib is not installed, so this is a text chart.)")
        return values
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.barh(list(totals), list(totals.values()))
    ax.set_xlabel(unit)
    ax.invert_yaxis()
    fig.tight_layout()
    plt.show()
    return values
