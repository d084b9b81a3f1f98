"""The capstone's assessed tasks on one unseen text: a source card, one traced claim and a neutral account.

Three parts, each checked in the notebook for what a computer can honestly check, and each saying what
it cannot judge: the source card and the traced claim for completeness and consistency (fields filled
with real words, the outlet, author and date as the text prints them, a verdict that fits what was
found); the account for its length (``ACCOUNT_WORDS``, the one range the task states), real sentences
of the learner's own, the key facts of the event (``facts``) and the loaded words the lesson's
annotations mark. No part is ever marked right: each is recorded, then the model answer and the
rubric are shown.
"""

from __future__ import annotations

import json
import re

from ..escape import md_text
from ..notebooks import in_triple_quotes
from ..notebooks.runtime import _is_content, _tokens, _word_count
from ..prose import plain
from .base import ExerciseKind, KeyItem, LessonChecks

ACCOUNT_WORDS = (60, 100)
"""The neutral account's length, in words: the task says it, and the notebook holds answers to it."""
CARD_FIELDS = {
    "outlet": "the outlet, as the text names it",
    "author": "the author, as the byline gives them",
    "date": "the date, and whether it is printed or worked out",
    "kind_of_text": "the kind of text (news report, opinion column, press release...)",
    "who_runs_it": "who runs the outlet and what they gain from this text",
    "not_verified": "what you could not verify, and what your search for the outlet and author found",
}
"""The source card's fields, in order, with what each asks."""
CLAIM_FIELDS = {
    "claim": "the claim, copied or closely paraphrased from the text",
    "attributed_to": "who the text says makes the claim (or 'the writer')",
    "where_i_looked": "where you looked: the sites or documents you opened",
    "what_i_found": "what you found there, in a sentence or two",
    "verdict": "confirmed, contradicted or can't tell",
}
"""The traced claim's fields, in order, with what each asks."""
VERDICTS = ("confirmed", "contradicted", "can't tell")
PARTS = ("source-card", "traced-claim", "account")

_PROSE = {"$ref": "#/$defs/prose"}
_LINE = {"$ref": "#/$defs/line"}


def _fields(names, verdict: bool = False) -> dict:
    props: dict[str, dict] = {name: _PROSE for name in names}
    if verdict:
        props["verdict"] = {"enum": list(VERDICTS)}
    return {"type": "object", "additionalProperties": False, "required": list(names), "properties": props}


class Capstone(ExerciseKind):
    name = "capstone"
    title = "Capstone: source card, traced claim, neutral account"
    schema_def = "exercise_capstone"
    schema = {
        "description": "The capstone's three assessed tasks on one text: a source card, one traced claim and a "
                       f"{ACCOUNT_WORDS[0]}-{ACCOUNT_WORDS[1]}-word neutral account, with the marking rubric.",
        "required": ["passages", "source_card", "traced_claim", "account", "rubric"],
        "properties": {
            "passages": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"$ref": "#/$defs/slug"},
                         "description": "Passages of the one text the tasks are about, in reading order."},
            "source_card": {"type": "object", "additionalProperties": False, "required": ["model"],
                            "properties": {"prompt": _PROSE, "model": _fields(CARD_FIELDS)}},
            "traced_claim": {"type": "object", "additionalProperties": False, "required": ["model"],
                             "properties": {"prompt": _PROSE, "model": _fields(CLAIM_FIELDS, verdict=True)}},
            "account": {"type": "object", "additionalProperties": False, "required": ["model_answer", "facts"],
                        "properties": {
                            "prompt": _PROSE, "model_answer": _PROSE,
                            "facts": {"type": "array", "minItems": 2, "items": {
                                "type": "object", "additionalProperties": False, "required": ["fact", "words"],
                                "properties": {"fact": _LINE, "words": {
                                    "type": "array", "minItems": 1, "items": {"type": "string", "pattern": r"\w"},
                                    "description": "Words that show the fact is in an account (any one will do)."}},
                            }}}},
            "rubric": {"type": "array", "minItems": 3, "maxItems": 4, "items": {
                "type": "object", "additionalProperties": False, "required": ["criterion", "levels"],
                "properties": {"criterion": _LINE, "levels": {"type": "array", "minItems": 2, "maxItems": 4,
                                                              "items": _PROSE}}}},
        },
    }
    not_prose = frozenset({"passages", "words", "verdict"})
    checker = "_check_capstone"
    runtime = ""  # set below: the notebook code of this kind

    def check(self, state: LessonChecks, spec, where):
        """One text's passages; a model account that passes its own checks; one word range in the task."""
        passages = [state.passage_ref(pid, where + ("passages", j)) for j, pid in enumerate(spec["passages"])]
        found = [p for p in passages if p is not None]
        articles = list(dict.fromkeys(p.article.id for p in found))
        if len(articles) > 1:
            state.error(where + ("passages",), f"the passages come from {len(articles)} articles "
                        f"({', '.join(articles)}); a source card describes one text, so quote one", "capstone-texts")
        model = plain(spec["account"]["model_answer"])
        count, (low, high) = _word_count(model), ACCOUNT_WORDS
        if not low <= count <= high:
            state.error(where + ("account", "model_answer"), f"the model account has {count} words; the task asks "
                        f"for {low} to {high}, so write it to that length", "bad-word-range")
        for j, fact in enumerate(spec["account"]["facts"]):
            if not _has_any(model, fact["words"]):
                state.error(where + ("account", "facts", j, "words"), f"the model account has none of these words "
                            f"for '{fact['fact']}', so it would fail its own check: add the fact or other words",
                            "capstone-fact")
        for path, text in _prompts(spec):
            for a, b in re.findall(r"(\d+)\s*(?:to|-|–|—)\s*(\d+)\s*words", plain(text)):
                if (int(a), int(b)) != ACCOUNT_WORDS:
                    state.error(where + path, f"this says {a} to {b} words, but the account is held to {low} to "
                                f"{high}: the task states one range", "bad-word-range")

    def payload(self, ctx, spec):
        """The passages (answers must not copy them), and each part's checks, model and rubric."""
        passages = [ctx.lesson.passages[p] for p in spec["passages"]]
        meta = passages[0].article.meta
        loaded = [n.text for n in ctx.lesson.annotations if n.passage in passages and len(_tokens(n.text)) <= 4]
        rubric = [f"{r['criterion']}: " + " / ".join(ctx.plain(level) for level in r["levels"]) for r in spec["rubric"]]
        card, claim, account = spec["source_card"], spec["traced_claim"], spec["account"]
        low, high = ACCOUNT_WORDS
        return {"texts": [p.text for p in passages], "questions": [
            {"part": "source-card", "prompt": ctx.plain(card.get("prompt", "")), "fields": list(CARD_FIELDS),
             "printed": {"outlet": _content(_name(meta["outlet"])), "author": _content(_name(meta["author"])),
                         "date": str(meta["date"])[:4]},
             "model_answer": _model_text(ctx, card["model"], CARD_FIELDS), "rubric": rubric},
            {"part": "traced-claim", "prompt": ctx.plain(claim.get("prompt", "")), "fields": list(CLAIM_FIELDS),
             "model_answer": _model_text(ctx, claim["model"], CLAIM_FIELDS), "rubric": rubric},
            {"part": "account", "prompt": ctx.plain(account.get("prompt", "")), "min_words": low, "max_words": high,
             "model_answer": ctx.plain(account["model_answer"]), "rubric": rubric, "loaded": loaded,
             "facts": [{"fact": f["fact"], "words": [" ".join(_tokens(w)) for w in f["words"]]}
                       for f in account["facts"]]},
        ]}

    def key(self, ctx, spec):
        """Each part's model answer, with the rubric under the account."""
        rubric = tuple(f"{r['criterion']}: " + " / ".join(r["levels"]) for r in spec["rubric"])
        card, claim = spec["source_card"]["model"], spec["traced_claim"]["model"]
        return [KeyItem(asked="Source card", model=_model_md(card, CARD_FIELDS)),
                KeyItem(asked="Traced claim", model=_model_md(claim, CLAIM_FIELDS)),
                KeyItem(asked=f"Neutral account ({ACCOUNT_WORDS[0]} to {ACCOUNT_WORDS[1]} words)",
                        model=spec["account"]["model_answer"], notes=rubric, notes_label="Rubric")]

    def cells(self, nb, spec, heading):
        """The text's passages, then the three parts, each with its answer cell; the rubric for teachers."""
        nb.md(heading + "\n\n".join(nb.passage_md(p) for p in spec["passages"]))
        card, claim, account = spec["source_card"], spec["traced_claim"], spec["account"]
        nb.md(_part_md(nb, 1, "Source card", card, "Fill in every field. Then search the web for the outlet's name "
                       "and the author's name, and say in the last field what you found, and what that means."))
        _written(nb.answer_cell(spec["id"], _dict_cell(CARD_FIELDS, card["model"] if nb.teacher else None), question=1))
        nb.md(_part_md(nb, 2, "One traced claim", claim, "Choose one claim the text makes that you could check. "
                       f"Look for it where it started, and give your verdict: {', '.join(VERDICTS)}."))
        _written(nb.answer_cell(spec["id"], _dict_cell(CLAIM_FIELDS, claim["model"] if nb.teacher else None),
                                question=2))
        low, high = ACCOUNT_WORDS
        nb.md(_part_md(nb, 3, "A neutral account", account, f"Write {low} to {high} words between the triple "
                       "quotes: who, what, when and where; every disputed claim with its source; plain verbs; and "
                       "one thing that is still unknown."))
        text = " ".join(plain(account["model_answer"]).split()) if nb.teacher else ""
        _written(nb.answer_cell(spec["id"], f'"""\n{in_triple_quotes(text)}\n"""', question=3))
        if nb.teacher:
            nb.md("**Teacher note: the rubric.**\n\n" + "\n".join(
                f"- **{md_text(r['criterion'])}**: " + " / ".join(nb.prose(level) for level in r["levels"])
                for r in spec["rubric"]))

    def page_lines(self, page, spec):
        """The exercise, then its three parts."""
        low, high = ACCOUNT_WORDS
        return super().page_lines(page, spec) + [
            "    - Part 1: a source card (outlet, author, date, kind of text, who runs it and what they gain, what "
            "you could not verify).",
            "    - Part 2: one traced claim (the claim, who it is attributed to, where you looked, what you found, "
            "your verdict).",
            f"    - Part 3: a neutral account of the event in {low} to {high} words."]


def _prompts(spec) -> list[tuple[tuple, str]]:
    """Every prompt of the exercise, with its path inside it."""
    out: list[tuple[tuple, str]] = [(("prompt",), spec["prompt"])]
    out += [((part, "prompt"), spec[part]["prompt"]) for part in ("source_card", "traced_claim", "account")
            if spec[part].get("prompt")]
    return out


def _has_any(text: str, words: list[str]) -> bool:
    padded = f" {' '.join(_tokens(text))} "
    return any(f" {' '.join(_tokens(w))} " in padded for w in words)


def _name(value: str) -> str:
    """A metadata name without its bracketed note: "The Gull (invented)" gives "The Gull"."""
    return "" if value.lower().startswith(("not named", "unnamed")) else value.split(" (")[0]


def _content(text: str) -> list[str]:
    return [w for w in _tokens(text) if _is_content(w)]


def _label(name: str) -> str:
    """A field's name as words: "where_i_looked" gives "Where I looked"."""
    return " ".join("I" if w == "i" else w for w in name.split("_")).capitalize().replace(" i ", " I ")


def _model_text(ctx, model: dict, fields: dict) -> str:
    return " ".join(f"{_label(name)}: {ctx.plain(str(model[name]))}" for name in fields)


def _model_md(model: dict, fields: dict) -> str:
    return "\n".join(f"- *{_label(name)}:* {model[name]}" for name in fields)


def _part_md(nb, number: int, title: str, part: dict, how: str) -> str:
    prompt = f"{nb.prose(part['prompt'])} " if part.get("prompt") else ""
    return f"### Part {number}: {title}\n\n{prompt}{how}"


def _written(cell) -> None:
    """Mark an answer cell as a written answer (recorded, never marked right), whatever its shape."""
    cell.metadata["five_frames"]["written"] = True


def _dict_cell(fields: dict, model: dict | None) -> str:
    """A dictionary to fill in, one field a line with what it asks (the teacher edition's holds the model)."""
    lines = ["{"]
    for name, asks in fields.items():
        value = " ".join(plain(str(model[name])).split()) if model else ""
        lines.append(f"    # {asks}")
        lines.append(f"    {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)},")
    return "\n".join(lines + ["}"])


Capstone.runtime = r'''
_CARD_DONE = ("search", "searched", "looked", "found", "nothing", "no results", "none", "could not", "couldn't",
              "cannot", "can't")
_NOTHING = ("nothing", "no results", "no result", "could not find", "couldn't find", "did not find",
            "didn't find", "found no", "no record", "no source", "not find")
_UNKNOWN = ("unknown", "not known", "unclear", "not clear", "did not say", "does not say", "not say", "not yet",
            "no one knows", "nobody knows", "not stated", "did not give", "does not give", "still")


def _field_problem(name, value, exercise, long):
    """Why one field of a card cannot count yet (None when it can)."""
    text = str(value).strip() if value is not None else ""
    words = _tokens(text)
    if not words:
        return f"{name}: empty. Fill it in."
    content = [w for w in words if _is_content(w)]
    if not content:
        return f"{name}: {_quoted(text)} has no words that say anything (only letters or little words)."
    urls = re.findall(r"(?:https?://|www\.)\S+|\b\S+\.(?:org|com|net|gov|int|edu|uk)\b", text)
    plain_words = _tokens(re.sub(r"(?:https?://|www\.)\S+|\b\S+\.(?:org|com|net|gov|int|edu|uk)\b", " ", text))
    if plain_words and sum(1 for w in plain_words if not _known(w)) > len(plain_words) / 2 and not urls:
        return f"{name}: I cannot recognise most of these words as English. Write it in plain words."
    if long and len(words) < 5 and not urls:
        return f"{name}: say it in a sentence (at least five words), not a word or two."
    grams = _trigrams(words)
    if long and grams:
        copied = set()
        for source in exercise.get("texts", []):
            copied |= grams & _trigrams(_tokens(source))
        if len(copied) > len(grams) / 2:
            return f"{name}: most of this is copied from the text. Say it in your own words."
    return None


def _card_answer(q, answer, key):
    """The answer as a dictionary of the part's fields, or None (and why) when it is not one."""
    if not isinstance(answer, dict):
        _record(key, NOT_YET, "keep the answer as the dictionary the cell gives, with a text for each field. "
                "Your answer is not recorded yet.")
        return None
    missing = [f for f in q["fields"] if f not in answer]
    if missing:
        _record(key, NOT_YET, f"the field(s) {', '.join(missing)} are gone. Put them back (run the cell's first "
                "version again if you need to). Your answer is not recorded yet.")
        return None
    return answer


def _repeats(answer, fields):
    """A problem for each field that says the same as an earlier one (fields with no real words aside)."""
    seen, out = {}, []
    for name in fields:
        words = _tokens(answer.get(name, ""))
        folded = " ".join(words)
        if not any(_is_content(w) for w in words):
            continue
        if folded in seen:
            out.append(f"{seen[folded]} and {name}: the same words twice. Each field asks something else.")
        seen.setdefault(folded, name)
    return out


def _not_yet(key, problems):
    _record(key, NOT_YET, "not every field counts yet. Your answer is not recorded yet.")
    for problem in problems:
        _point(problem)


def _check_card(exercise, q, answer, key):
    answer = _card_answer(q, answer, key)
    if answer is None:
        return
    long = {"who_runs_it", "not_verified"}
    problems = [p for p in (_field_problem(f, answer[f], exercise, f in long) for f in q["fields"]) if p]
    problems += _repeats(answer, q["fields"])
    printed = q.get("printed", {})
    for name in ("outlet", "author"):
        names = printed.get(name) or []
        if names and not problems and not set(_tokens(answer[name])) & set(names):
            problems.append(f"{name}: this is not the {name} the text prints. Look again at the lines under the "
                            "title.")
    year = printed.get("date", "")
    if year and not problems and year not in str(answer["date"]):
        problems.append("date: the year does not match the date the text prints. Look at the byline.")
    if problems:
        _not_yet(key, problems)
        return
    _record(key, RECORDED, "your source card is saved for this session. The notebook checked that every field "
            "has real words of your own and that the outlet, author and date match what the text prints. It "
            "cannot judge whether your reading of who runs it and what they gain is right, or what your search "
            "really found: compare with the model card below and with a partner.")
    plain = " " + " ".join(_tokens(answer["not_verified"])) + " "
    if not any(f" {' '.join(_tokens(cue))} " in plain for cue in _CARD_DONE):
        _point("Your last field does not say what your search found. Search the outlet's and the author's names, "
               "and write down what came up, even if it was nothing.")
    _show_model(q)


def _verdict(value):
    folded = _fold(value).replace("cannot", "can't").replace("can not", "can't").replace("cant", "can't")
    return folded if folded in ("confirmed", "contradicted", "can't tell") else None


def _check_claim(exercise, q, answer, key):
    answer = _card_answer(q, answer, key)
    if answer is None:
        return
    problems = [p for p in (_field_problem(f, answer[f], exercise, f in ("claim", "what_i_found"))
                            for f in q["fields"] if f not in ("verdict", "claim")) if p]
    claim = _tokens(answer["claim"])
    text_words = set(w for t in exercise.get("texts", []) for w in _tokens(t))
    content = [w for w in claim if _is_content(w)]
    if len(content) < 3:
        problems.append("claim: copy or closely paraphrase one claim the text makes (a sentence, not a word).")
    elif sum(1 for w in content if w in text_words) < 0.6 * len(content):
        problems.append("claim: this is not a claim the text makes. Copy or closely paraphrase one of its sentences.")
    verdict = _verdict(answer["verdict"])
    if verdict is None:
        problems.append("verdict: write one of: confirmed, contradicted, can't tell.")
    problems += _repeats(answer, q["fields"])
    found = " " + " ".join(_tokens(answer["what_i_found"])) + " "
    looked = [w for w in _tokens(answer["where_i_looked"]) if _is_content(w)]
    if verdict in ("confirmed", "contradicted") and not problems:
        if any(f" {' '.join(_tokens(cue))} " in found for cue in _NOTHING):
            problems.append(f"verdict: you found nothing, so you cannot say {verdict}. With nothing found, the "
                            "honest verdict is can't tell.")
        elif looked and set(looked) <= {"article", "text", "column", "passage", "itself", "gull", "same"}:
            problems.append(f"where_i_looked: the text cannot confirm or contradict itself. Look at a source "
                            f"outside it before you say {verdict}.")
    if problems:
        _not_yet(key, problems)
        return
    _record(key, RECORDED, "your traced claim is saved for this session. The notebook checked that every field "
            "is filled in, that the claim is one the text makes, and that your verdict fits what you say you "
            "found. It cannot open the source you name, so it cannot tell whether the source says what you "
            "report: a partner or your teacher must check that. Compare with the model below.")
    _show_model(q)


def _check_account(exercise, q, text, key):
    problem = _not_recordable(exercise, q, text)
    if problem:
        _record(key, NOT_YET, problem + " Your answer is not recorded yet.")
        return
    plain = " " + " ".join(_tokens(_unquoted(text))) + " "
    every = " " + " ".join(_tokens(text)) + " "
    missing = [f["fact"] for f in q["facts"] if not any(f" {w} " in every for w in f["words"])]
    if len(missing) > len(q["facts"]) / 2:
        _record(key, NOT_YET, "your account leaves out most of what happened. Say who did what, when and where. "
                "Missing: " + "; ".join(missing) + ". Your answer is not recorded yet.")
        return
    _record(key, RECORDED, "your account is saved for this session. The notebook checked its length, that it "
            "is in sentences of your own, which key facts it has and which marked words it uses. It cannot "
            "judge whether it is fair: mark it yourself with the rubric below, or swap with a partner.")
    notes = []
    if missing:
        notes.append("Key facts your account does not mention: " + "; ".join(missing) + ".")
    kept = [p for p in q.get("loaded", []) if _uses(plain, _tokens(p))]
    if kept:
        notes.append(f"You use {', '.join(_quoted(p) for p in kept)}, which the lesson marks in the text as the "
                     "writer's own framing. Put them in quotation marks with who said them, or use plain words.")
    if not any(f" {cue} " in plain for cue in ATTRIBUTION_CUES):
        notes.append("Your account never says who claims what (no “said”, “according to” or “argues”).")
    if not any(f" {' '.join(_tokens(cue))} " in every for cue in _UNKNOWN):
        notes.append("Your account does not say what is still unknown. End with one open question.")
    if notes:
        _say("Things to look at first:")
        for note in notes:
            _point(note)
    _show_model(q)


def _uses(padded, phrase):
    """Whether the padded folded text uses the phrase; one long word also counts with an ending ("recklessly")."""
    if len(phrase) == 1 and len(phrase[0]) >= 5:
        return re.search(r" " + re.escape(phrase[0]) + r"\w{0,3} ", padded) is not None
    return f" {' '.join(phrase)} " in padded


def _show_model(q):
    print()
    _say(f"Model answer: {q['model_answer']}")
    _say("The rubric:")
    for point in q["rubric"]:
        _point(point)


def _check_capstone(exercise, answer, key):
    parts, number = exercise["questions"], key[1]
    if not isinstance(number, int) or not 1 <= number <= len(parts):
        _say(f"{SAY[NOT_YET]}: this exercise has parts 1 to {len(parts)}; pass question=N.")
        return
    q = parts[number - 1]
    if q["part"] == "account":
        _check_account(exercise, q, str(answer), key)
    elif q["part"] == "traced-claim":
        _check_claim(exercise, q, answer, key)
    else:
        _check_card(exercise, q, answer, key)
'''

KIND = Capstone()
