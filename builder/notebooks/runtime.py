"""Five Frames exercise helpers, embedded in every notebook. Standard library only.

This file is copied verbatim into the first code cell of each exercise notebook, so it
must not import the builder or anything outside the standard library (matplotlib is used
for charts only when it is installed). Answer keys arrive encoded, not as literals, so a
student cannot read them before trying.

How the checks mark an answer (the feedback says the same in its own words):

- Spot the loaded words: each phrase must be whole words of the passage. A marked phrase
  counts as found when the words you list cover all its main words (little words such as
  "the" or "of" do not matter). Each phrase that goes outside the marked phrases costs a
  point. It is right when every marked phrase is found and nothing extra is listed.
- Classify the sources: right when every attribution has the label the key gives.
- Multiple choice: right when the letter is the correct option.
- Written answers are never marked right or wrong: a computer cannot judge them. Once an
  answer has the length the task asks for and reads like real sentences, it is recorded,
  and you mark it yourself against the model answer and the rubric.

A wrong try never shows the key. Each try gives a hint, more specific the second time;
after two tries, reveal("exercise-id") shows the key with its explanations.
"""

import base64
import hashlib
import json
import re
import textwrap
import unicodedata
import zlib

_EX: dict = {}
_VOCABULARY: set = set()
_RESULTS: dict = {}  # (exercise id, question number or None) -> status
_TRIES: dict = {}  # (exercise id, question number or None) -> tries that were not yet right
_REVEALED: set = set()  # exercise ids whose key was shown with reveal()

RIGHT, NOT_YET, TODO, RECORDED = "right", "not yet", "not answered", "recorded"
SAY = {RIGHT: "✅ Right", NOT_YET: "❌ Not yet", TODO: "⏳ Not answered", RECORDED: "📝 Recorded"}
WIDTH = 88
MAX_PHRASE_WORDS = 8
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
STOP_WORDS = frozenset("""
    a an the this that these those of in on at to for from by with into onto upon about as than and or
    nor but if then there here it its it's he him his she her hers they them their theirs we us our you
    your i me my which who whom whose what when where why how is are was were be been being am has have
    had having do does did will would shall should can could may might must not no any some both each
    one two three also s t
""".split())


def _setup(blob):
    """Load this notebook's exercises (called once by the first cell)."""
    data = json.loads(zlib.decompress(base64.b64decode(blob)).decode("utf-8"))
    for state in (_EX, _VOCABULARY, _RESULTS, _TRIES, _REVEALED):
        state.clear()
    _EX.update(data["exercises"])
    _VOCABULARY.update(data["vocabulary"])
    print(f"Ready: {len(_EX)} exercise(s). Work through the cells below in order.")


# ---- text helpers ----

_WORD = re.compile(r"\w+(?:['\u2018\u2019]\w+)*")


def _fold(text):
    """Lowercase, straight quotes, single spaces, no edge punctuation: typing style does not matter."""
    text = unicodedata.normalize("NFKC", str(text)).lower()
    text = re.sub("[\u2018\u2019\u201a\u201b`\u00b4]", "'", text)
    text = re.sub("[\u201c\u201d\u201e\u201f\u00ab\u00bb]", '"', text)
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    return " ".join(text.split()).strip(" .,;:!?\"'()[]")


def _tokens(text):
    """The words of a text, folded: 'Thinly-veiled “Trick”' gives ['thinly', 'veiled', 'trick']."""
    return [_fold(m.group()) for m in _WORD.finditer(str(text))]


def _word_count(text):
    """Words as a person counts them: 'nuclear-powered' and 'Xi's' are one word each."""
    return len(re.findall(r"\w+(?:['\u2019\u2010\u2011-]\w+)*", str(text)))


def _is_content(word):
    """A word that can carry meaning on its own (not 'the', 'of' or a single letter)."""
    return len(word) > 1 and word not in STOP_WORDS


def _digest(exercise_id, item, value):
    return hashlib.sha256(f"{exercise_id}|{item}|{_fold(value)}".encode()).hexdigest()


def _say(text, first="", rest=None):
    """Print text wrapped at word boundaries, ``first`` before the first line."""
    print(textwrap.fill(" ".join(str(text).split()), WIDTH, initial_indent=first,
                        subsequent_indent=" " * len(first) if rest is None else rest,
                        break_long_words=False, break_on_hyphens=False))


def _point(text):
    _say(text, "   • ")


def _record(key, status, message):
    _RESULTS[key] = status
    _say(f"{SAY[status]}: {message}")


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


def _plural(n, word):
    return f"{n} {word}" + ("" if n == 1 else "s")


def _quoted(text, limit=60):
    """The text in quotation marks (shortened past ``limit``), unless it has its own at both ends."""
    text = " ".join(str(text).split())
    if len(text) <= limit and len(text) > 1 and text[0] in "\"“„«‘'" and text[-1] in "\"”»’'":
        return text
    return f"“{text if len(text) <= limit else text[:limit].rsplit(' ', 1)[0] + ' …'}”"


# ---- checking an answer ----

def check(exercise_id, answer, question=None):
    """Give feedback on an answer. Safe to run before answering: it only says so."""
    exercise = _EX.get(exercise_id)
    if exercise is None:
        _say(f"{SAY[NOT_YET]}: there is no exercise called {exercise_id!r}. Did you run the first cell?")
        return
    key = (exercise_id, question)
    if _blank(answer):
        _record(key, TODO, "fill in your answer above, then run this cell again.")
        return
    checker = _CHECKS.get(exercise["kind"])
    if checker is None:
        _say(f"{SAY[NOT_YET]}: this notebook cannot check exercises of kind {exercise['kind']!r}. "
             "Ask your teacher for a newer copy.")
        return
    checker(exercise, answer, key)


def _tried(key):
    """Count one more try that was not yet right; returns how many there have been."""
    _TRIES[key] = _TRIES.get(key, 0) + 1
    return _TRIES[key]


def _offer_reveal(exercise_id):
    _say(f"Still stuck? Run reveal({exercise_id!r}) in a new cell to see our key and why each answer "
         "fits. Try once more first if you can: you learn more from finding it.")


# ---- spot the loaded words ----

def _passage_words(exercise):
    """The passage's words as (start, end, folded word), and each marked phrase's word positions."""
    words = [(m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(exercise["passage"])]

    def positions(start, end):
        return [i for i, (s, e, _) in enumerate(words) if s < end and e > start]

    notes = []
    for note in exercise["notes"]:
        wordings = [positions(s, e) for s, e in [note["at"]] + note.get("accept", [])]
        notes.append([[i for i in w if _is_content(words[i][2])] or w for w in wordings if w])
    return words, notes


def _sentence_of(passage, offset):
    """1-based number of the sentence of the passage that holds ``offset``."""
    ends = [m.end() for m in re.finditer(r"(?<!\b[A-Z])[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])",
                                         passage)]  # "U.S. President" does not end a sentence
    return 1 + sum(1 for end in ends if end <= offset)


def _find(phrase, words):
    """Where ``phrase`` (a list of folded words) stands in the passage as whole words."""
    n = len(phrase)
    return [list(range(i, i + n)) for i in range(len(words) - n + 1)
            if [w for _, _, w in words[i:i + n]] == phrase]


def _spot_phrase(item, words, marked, limit):
    """Where one listed phrase stands in the passage: (word positions, None), or (None, why it cannot count)."""
    phrase, shown = _tokens(item), _quoted(item)
    if not phrase:
        return None, f"{shown} has no words in it."
    if len(phrase) == 1 and len(phrase[0]) == 1:
        return None, f"{shown} is a single letter. List whole words or phrases from the passage."
    if not any(_is_content(w) for w in phrase):
        return None, (f"{shown} {'is a little word' if len(phrase) == 1 else 'has only little words'} (like "
                      "“the”, “of” or “has”) of the kind every sentence needs. List the words that carry a "
                      "feeling or a judgement.")
    if len(phrase) > limit:
        return None, (f"{shown} has {len(phrase)} words. Keep each phrase to {limit} words at most and list "
                      "phrases separately: pasting most of the passage shows nothing about your reading.")
    places = _find(phrase, words)
    if not places:
        if " ".join(phrase) in " ".join(w for _, _, w in words):
            return None, f"{shown} is only part of a word in the passage. Copy whole words."
        return None, f"{shown} is not in the passage. Copy the words exactly as they are written."
    return set(max(places, key=lambda p: len(marked.intersection(p)))), None  # the place nearest the key


def _check_spot(exercise, answer, key):
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set)):
        _record(key, NOT_YET, 'give a list of words or phrases, like ["word", "another phrase"].')
        return
    words, notes = _passage_words(exercise)
    marked = {i for note in notes for wording in note for i in wording}
    longest = max(len(_tokens(text)) for note in exercise["notes"] for text in [note["span"]] + note.get("also", []))
    limit = max(longest, min(MAX_PHRASE_WORDS, (len(words) + 1) // 2))
    covered, problems, extras, usable = set(), [], [], False
    for item in answer:
        if _blank(item):
            continue
        place, problem = _spot_phrase(item, words, marked, limit)
        if problem:
            problems.append(problem)
            continue
        usable = True  # a try counts towards reveal() once a phrase is words of the passage
        covered |= place
        outside = [words[i][2] for i in sorted(place - marked) if _is_content(words[i][2])]
        if outside:
            extras.append((_quoted(item), outside, bool(marked & place)))
    found = [n for n, note in enumerate(notes) if any(set(w) <= covered for w in note)]
    partly = [n for n, note in enumerate(notes) if n not in found and covered & {i for w in note for i in w}]
    total = len(notes)
    if len(found) == total and not extras and not problems:
        _record(key, RIGHT, f"you found all {_plural(total, 'marked phrase')}, with nothing extra. Well spotted.")
        _spot_key(exercise)
        return
    tries = _tried(key) if usable else _TRIES.get(key, 0)
    score = max(0, len(found) - len(extras))
    cost = (f" Score: {score} of {total} ({len(found)} found, minus {len(extras)} for "
            f"{_plural(len(extras), 'phrase')} outside them).") if extras else ""
    _record(key, NOT_YET, f"you found {len(found)} of the {_plural(total, 'marked phrase')}.{cost}")
    for problem in problems:
        _point(problem)
    for shown, outside, touches in extras:
        also = "goes beyond the marked phrase it starts in" if touches else "is not among the marked phrases"
        _point(f"{shown} {also}: {', '.join(_quoted(w) for w in outside)} "
               f"{'is' if len(outside) == 1 else 'are'} outside. Annotators often disagree: could you defend it "
               "to a partner? Here it costs a point, so keep it as a comment (a line starting with #).")
    for n in partly:
        part = sorted(covered & {i for w in notes[n] for i in w})
        _point(f"{_quoted(' '.join(words[i][2] for i in part))} is part of a marked phrase. Copy the whole "
               "phrase it belongs to.")
    if tries <= 1 or extras:
        _say("How this check works: each marked phrase you find scores a point; each phrase you list that "
             "goes outside the marked ones costs a point. It is right when you have every marked phrase and "
             "nothing extra.")
    missed = [n for n in range(total) if n not in found and n not in partly]
    if missed:
        _spot_hints(exercise, words, notes, missed, tries)
    elif not extras and not problems:
        _say("Nearly there: finish the phrases you have started.")
    if tries >= 2:
        _offer_reveal(exercise["id"])


def _spot_hints(exercise, words, notes, missed, tries):
    passage = exercise["passage"]
    several = _sentence_of(passage, len(passage)) > 1
    _say(f"Hint: look for {_plural(len(missed), 'more marked phrase')}:")
    for n in missed:
        note, span = exercise["notes"][n], notes[n][0]
        size = len(_tokens(note["span"]))
        what = "a single word" if size == 1 else f"a phrase of {size} words"
        where = f" in sentence {_sentence_of(passage, note['at'][0])}" if several else ""
        if tries <= 1:
            _point(f"{what}{where}. Technique: {note['technique']}.")
        else:
            first = words[span[0]][2]
            _point(f"{what}{where}, with a main word that starts with “{first[0]}”. "
                   f"Technique: {note['technique']}. Run the swap test on each word of that sentence.")


def _spot_key(exercise):
    _say("What each marked phrase does:")
    for note in exercise["notes"]:
        _point(f"{_quoted(note['span'], 200)} ({note['technique']}): {note['explanation']}")
        if note.get("also"):
            _say(f"Also accepted: {', '.join(_quoted(a, 200) for a in note['also'])}.", "     ")


# ---- classify the sources ----

def _label(text):
    """'Other Media', 'other_media' and 'other media' all mean the label 'other-media'."""
    return re.sub(r"[\s_-]+", "-", _fold(text)).strip("-")


def _check_classify(exercise, answer, key):
    if not isinstance(answer, dict):
        _record(key, NOT_YET, 'give a dictionary of item numbers and labels, like {1: "official", 2: "anonymous"}.')
        return
    items, right, lines, usable = exercise["items"], 0, [], False
    for number, item in enumerate(items, 1):
        given = answer.get(number, answer.get(str(number), ""))
        shown = _quoted(item["attribution"])
        if _blank(given):
            lines.append((TODO, f"{number}. {shown}: not labelled yet."))
            continue
        label = _label(given)
        if label not in LABELS:
            lines.append((NOT_YET, f"{number}. {_quoted(given)} is not one of the labels. "
                          f"The labels are: {', '.join(LABELS)}."))
            continue
        usable = True
        if _digest(exercise["id"], number, label) == item["digest"]:
            right += 1
            lines.append((RIGHT, f"{number}. {shown} → {label}. {item['feedback']}"))
        else:
            lines.append((NOT_YET, f"{number}. {shown} → {label}: not the label our key gives."))
    if right == len(items):
        _record(key, RIGHT, f"all {len(items)} labelled as our key does.")
    else:
        tries = _tried(key) if usable else _TRIES.get(key, 0)
        _record(key, NOT_YET, f"{right} of {len(items)} labelled as our key does.")
    for status, line in lines:
        _say(line, f"   {SAY[status]}: ", "      ")
    if right < len(items):
        _say("Hint: for each one ask who is speaking. Is a person named? Do they speak for a government or an "
             "organisation? Is it a document, another outlet, the writer's own work, or nobody at all?")
        if tries >= 2:
            _offer_reveal(exercise["id"])


def _classify_key(exercise):
    _say("Our key:")
    for number, item in enumerate(exercise["items"], 1):
        label = next(k for k in LABELS if _digest(exercise["id"], number, k) == item["digest"])
        _point(f"{number}. {_quoted(item['attribution'])} → {label}. {item['feedback']}")


# ---- questions: multiple choice and written answers ----

_OPENS_RIGHT = ("yes", "right", "correct")
_OPENS_WRONG = ("no", "not quite", "wrong", "incorrect")


def _without_verdict(feedback, right):
    """Feedback minus an opening "Right." or "No.": the status word before it already says so."""
    words = _OPENS_RIGHT if right else _OPENS_WRONG
    match = re.match(r"\s*(" + "|".join(words) + r")[.!]\s+(\S)", feedback, flags=re.I)
    if not match:
        return feedback
    return match.group(2).upper() + feedback[match.end():]


def _check_question(exercise, answer, key):
    questions, question = exercise["questions"], key[1]
    if not isinstance(question, int) or not 1 <= question <= len(questions):
        _say(f"{SAY[NOT_YET]}: this exercise has questions 1 to {len(questions)}; pass question=N.")
        return
    q = questions[question - 1]
    if "options" in q:
        _check_choice(exercise, q, answer, question, key)
    else:
        _check_written(exercise, q, str(answer), key)


def _check_choice(exercise, q, answer, question, key):
    letter = _fold(answer).upper()
    letters = "ABCDEFGH"[:len(q["options"])]
    if len(letter) != 1 or letter not in letters:
        _record(key, NOT_YET, f"answer with one letter: {', '.join(letters)}.")
        return
    option = q["options"][letters.index(letter)]
    right = _digest(exercise["id"], question, letter) == q["digest"]
    _record(key, RIGHT if right else NOT_YET, _without_verdict(option["feedback"], right))
    if not right:
        _say("Try another option: each one has its own feedback.", "   ")


REPORTING_VERBS = ("said", "says", "stated", "told", "reported", "noted", "announced", "declared", "stressed",
                   "claimed", "claims", "insisted", "admitted", "alleged", "warned", "denounced", "argued",
                   "according to")
ATTRIBUTION_CUES = REPORTING_VERBS + ("argues", "writes", "wrote", "reports", "states", "suggests", "calls")


def _known(word):
    """A word of English we can vouch for: in the course's texts (or a plain form of one), or a number."""
    if word in _VOCABULARY or word in STOP_WORDS or word.replace("'", "").isdigit():
        return True
    for ending, back in (("'s", ""), ("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
                         ("ing", "e"), ("ly", ""), ("er", ""), ("est", ""), ("ies", "y"), ("ied", "y")):
        if word.endswith(ending) and word[:-len(ending)] + back in _VOCABULARY:
            return True
    return False


def _unquoted(text):
    """The text with "quoted words" taken out (quoting a loaded word is not using it)."""
    text = re.sub(r"[\"\u201c\u201d][^\"\u201c\u201d]*[\"\u201c\u201d]", " ", text)
    return re.sub(r"(?<!\w)['\u2018][^'\u2018\u2019]+['\u2019](?!\w)", " ", text)


def _trigrams(words):
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def _not_recordable(exercise, q, text):
    """Why a written answer cannot be recorded yet (None when it can)."""
    count, low, high = _word_count(text), q["min_words"], q["max_words"]
    if not low <= count <= high:
        return (f"your answer has {_plural(count, 'word')}. This task asks for {low} to {high} words: "
                + ("say what you noticed and point to the words in the text." if count < low else
                   "keep to what the task asks and cut the rest."))
    words = _tokens(text)
    content = [w for w in words if _is_content(w)]
    top = max((content.count(w) for w in set(content)), default=0)
    if not content or len(set(content)) < 0.4 * len(content) or top > max(4, len(words) // 5):
        return ("your answer repeats the same few words. Write it in your own sentences, with a new idea in "
                "each one.")
    strange = [w for w in dict.fromkeys(words) if not _known(w)]
    if len([w for w in words if not _known(w)]) > len(words) / 2:
        examples = ", ".join(_quoted(w) for w in strange[:3])
        return (f"I cannot recognise many of these words as English (such as {examples}). "
                "Write your answer in plain sentences; names and words from the passages are fine.")
    if sum(1 for w in words if w in STOP_WORDS) < 0.15 * len(words):
        return ("this reads like a list of words, not sentences. Write full sentences that say what you "
                "noticed and why.")
    answer_grams = _trigrams(words)
    copied = set()
    for source in exercise.get("texts", []) + [a["text"] for a in exercise.get("articles", [])] + [q["prompt"]]:
        copied |= answer_grams & _trigrams(_tokens(source))
    if len(copied) > len(answer_grams) / 2:
        return ("most of this is copied from the passages or the question. Use your own words, and quote "
                "only the few words you need, in quotation marks.")
    return None


def _check_written(exercise, q, text, key):
    problem = _not_recordable(exercise, q, text)
    if problem:
        _record(key, NOT_YET, problem + " Your answer is not recorded yet.")
        return
    _record(key, RECORDED, "your answer is saved for this session. A computer cannot tell whether a written "
            "answer is good, so mark it yourself: compare it with the model answer and the rubric below.")
    notes = _written_hints(q, text)
    if notes:
        _say("Things to look at first:")
        for note in notes:
            _point(note)
    print()
    _say(f"Model answer: {q['model_answer']}")
    _say("A strong answer:")
    for point in q["rubric"]:
        _point(point)


def _written_hints(q, text):
    """A few checks a computer can do on a written answer, chosen by the builder from the task."""
    hints, notes = q.get("hints", {}), []
    plain = " " + " ".join(_tokens(_unquoted(text))) + " "
    kept = [p for p in hints.get("loaded", []) if f" {' '.join(_tokens(p))} " in plain]
    if kept:
        notes.append(f"You use {', '.join(_quoted(p) for p in kept)}, which the lesson marks in the passages as "
                     "the writers' own framing. If you mean to report their words, put them in quotation marks; "
                     "if not, swap in plain words.")
    if hints.get("attribution") and not any(f" {cue} " in plain for cue in ATTRIBUTION_CUES):
        notes.append("Your answer never says who claims what (no “said”, “according to” or “argues”). "
                     "The task asks you to attribute claims to their source.")
    if hints.get("quote") and not re.search(r"[\"\u201c\u201d]|(?<!\w)['\u2018]\w", text):
        notes.append("Your answer quotes no words from the text. Point to the exact words, in quotation marks.")
    if hints.get("number") and not re.search(r"\d", text):
        notes.append("Your answer has no number in it, but the task asks you to use one.")
    return notes


# ---- which function checks each kind of exercise, and which shows its key ----

_CHECKS = {"spot-loaded-words": _check_spot, "classify-sources": _check_classify,
           "compare-framings": _check_question, "by-the-numbers": _check_question}
_KEYS = {"spot-loaded-words": _spot_key, "classify-sources": _classify_key}


# ---- the key, and a summary ----

def reveal(exercise_id):
    """Show an exercise's answer key with explanations, once you have tried it at least twice."""
    exercise = _EX.get(exercise_id)
    if exercise is None:
        _say(f"There is no exercise called {exercise_id!r}. Did you run the first cell?")
        return
    show_key = _KEYS.get(exercise["kind"])
    if show_key is None:
        _say("This exercise has no key to reveal: each multiple-choice option gives its own feedback, and a "
             "written answer shows the model answer once it is recorded.")
        return
    key = (exercise_id, None)
    tries = _TRIES.get(key, 0)
    if tries < 2 and _RESULTS.get(key) != RIGHT:
        _say(f"The key opens after two tries at this exercise, and you have made {tries}. Have another go "
             "first: the hints get more specific each time.")
        return
    _REVEALED.add(exercise_id)
    show_key(exercise)


def progress():
    """A summary of your checks so far, and of the written answers you have recorded."""
    keys, written = [], set()
    for exercise in sorted(_EX.values(), key=lambda ex: ex["number"]):  # in the notebook's order
        exercise_id = exercise["id"]
        if "questions" not in exercise:
            keys.append((exercise_id, None))
        if exercise.get("written"):  # recorded, never marked right (a search log)
            written.add((exercise_id, None))
        for number, q in enumerate(exercise.get("questions", []), 1):
            keys.append((exercise_id, number))
            if "model_answer" in q:
                written.add((exercise_id, number))
    checks = [key for key in keys if key not in written]
    right = sum(1 for key in checks if _RESULTS.get(key) == RIGHT)
    recorded = sum(1 for key in written if _RESULTS.get(key) == RECORDED)
    print(f"{right} of {len(checks)} checks right.")
    if written:
        _say(f"{recorded} of {_plural(len(written), 'written answer')} recorded (mark these yourself against "
             "the model answer and the rubric).")
    for key in keys:
        status = _RESULTS.get(key, TODO)
        seen = " (after seeing the key)" if key[0] in _REVEALED and key[1] is None else ""
        print(f"   {SAY[status]}: {key[0]}" + (f", question {key[1]}" if key[1] else "") + seen)


# ---- by the numbers: a small content analysis computed here, from the texts themselves ----

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
