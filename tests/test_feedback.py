"""Feedback a learner can trust: no check praises an answer that shows no reading.

The notebook runtime runs in-process here: ``builder/notebooks/runtime.py`` (with the runtime
code of any exercise kind that brings its own, as a notebook's first cell holds them) is loaded
as a module of its own and given each lesson's payload with ``_setup``, as the notebook does. That is fast enough for property-based tests over
every exercise of every lesson, the real course's and the fixture lesson's (which has one
exercise of each kind, so every kind is covered whatever the course holds today).
"""

from __future__ import annotations

import contextlib
import io
import re
import string

import nbformat
import pytest
from helpers import answer_in, cells_with_role, loaded, rendered_notebooks, setup_runtime
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.kinds.questions import written_hints
from builder.notebooks import course_vocabulary, encode, notebook_payload

rt = setup_runtime()
PAYLOADS, TEACHER = {}, {}
for _name in ("real", "fixture"):
    _course = loaded(_name).course
    _vocabulary = course_vocabulary(_course)
    for _lesson in _course.lessons:
        if _lesson.exercises:
            PAYLOADS[_lesson.id] = encode(notebook_payload(_lesson, _course, vocabulary=_vocabulary))
    for _path, _text in rendered_notebooks(_name).items():
        if _path.startswith("teacher/"):
            TEACHER[_path.split("/")[1].removesuffix(".ipynb")] = nbformat.reads(_text, as_version=4)


def exercises(kind: str | None = None):
    """(lesson id, exercise data) for every exercise of every loaded lesson."""
    out = []
    for lesson_id, blob in PAYLOADS.items():
        rt._setup(blob)
        out += [(lesson_id, dict(ex)) for ex in rt._EX.values() if kind in (None, ex["kind"])]
    return out


def questions(written: bool):
    return [(lesson_id, ex, k) for lesson_id, ex in exercises() for k, q in enumerate(ex.get("questions", []), 1)
            if ("model_answer" in q) == written]


def case_id(case) -> str:
    return "/".join(str(part if not isinstance(part, dict) else part["id"]) for part in case)


def teacher_answers(lesson_id):
    """{(exercise id, question): the teacher edition's filled-in answer}."""
    return {(c.metadata.five_frames["exercise"], c.metadata.five_frames.get("question")): answer_in(c.source)
            for c in cells_with_role(TEACHER[lesson_id], "answer")}


def run(lesson_id, call, *args, fresh=True, **kwargs) -> tuple[str | None, str]:
    """Call a runtime function; (status of the exercise checked, what it printed)."""
    if fresh:
        rt._setup(PAYLOADS[lesson_id])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        call(*args, **kwargs)
    key = (args[0], kwargs.get("question")) if call is rt.check else None
    return rt._RESULTS.get(key), out.getvalue()


def check(lesson_id, eid, answer, question=None, fresh=True):
    return run(lesson_id, rt.check, eid, answer, question=question, fresh=fresh)


def said(text, output, size=60) -> bool:
    """Whether ``output`` holds the start of ``text`` (output is wrapped, so spacing is ignored)."""
    return " ".join(text.split())[:size] in " ".join(output.split())


def never_praised(status, output):
    assert status != rt.RIGHT and "✅" not in output, output


def plain_output(output):
    """Icons always come with their words, no feedback doubles its opening, lines wrap at 88."""
    for icon, word in (("✅", "Right"), ("❌", "Not yet"), ("⏳", "Not answered"), ("📝", "Recorded")):
        for line in output.splitlines():  # a status opens a line (an echoed answer may hold any character)
            if line.strip().startswith(icon):
                assert line.strip().startswith(f"{icon} {word}:"), line
    assert not re.search(r"(Right|Not yet): (Right|Yes|Correct|No|Not quite|Wrong)[.!]", output), output
    assert all(len(line) <= rt.WIDTH for line in output.splitlines() if " " in line.strip()), output


BLANKS = ["", "   ", "\n\n", None, ..., [], [""], ["  ", ""], {}, {1: ""}, {1: None, 2: "  "}]
LETTERS = list(string.ascii_letters + string.digits)
STOP = sorted(rt.STOP_WORDS)
nonsense = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)


# ---- every check ----

@pytest.mark.parametrize("lesson_id", sorted(PAYLOADS))
def test_the_teachers_answers_are_right_and_written_ones_only_recorded(lesson_id):
    rt._setup(PAYLOADS[lesson_id])
    out = io.StringIO()
    for (eid, question), answer in teacher_answers(lesson_id).items():
        with contextlib.redirect_stdout(out):
            rt.check(eid, answer, question=question)
        written = "model_answer" in rt._EX[eid]["questions"][question - 1] if question else \
            bool(rt._EX[eid].get("written"))  # a search log is recorded, never marked
        assert rt._RESULTS[(eid, question)] == (rt.RECORDED if written else rt.RIGHT), out.getvalue()[-800:]
    with contextlib.redirect_stdout(out):
        rt.progress()
    plain_output(out.getvalue())
    checks = sum(1 for key in teacher_answers(lesson_id) if rt._RESULTS[key] == rt.RIGHT)
    assert f"{checks} of {checks} checks right." in out.getvalue()
    listed = re.findall(r"^   \S+ (?:Right|Recorded): (\S+?)(?:,|$)", out.getvalue(), flags=re.M)
    assert list(dict.fromkeys(listed)) == list(dict.fromkeys(eid for eid, _ in teacher_answers(lesson_id)))  # in order


@pytest.mark.parametrize("case", exercises(), ids=case_id)
@pytest.mark.parametrize("blank", BLANKS, ids=repr)
def test_no_check_passes_without_input(case, blank):
    lesson_id, ex = case
    for question in [None] + list(range(1, 1 + len(ex.get("questions", [])))):
        status, output = check(lesson_id, ex["id"], blank, question=question)
        assert status == rt.TODO and output.startswith("⏳ Not answered:"), output


# ---- spot the loaded words ----

SPOTS = exercises("spot-loaded-words")


def marked_words(ex):
    """Every word of the marked spans and accepted wordings."""
    return {w for note in ex["notes"] for text in [note["span"]] + note.get("also", []) for w in rt._tokens(text)}


def outside_ngrams(ex):
    """Runs of passage words that hold a main word found in no marked span or accepted wording."""
    words, inside = rt._tokens(ex["passage"]), marked_words(ex)
    return [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 4) + 1)
            if any(rt._is_content(w) and w not in inside for w in words[i:j])]


@pytest.mark.parametrize("case", SPOTS, ids=case_id)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_spot_never_praises_gaming_answers(case, data):
    lesson_id, ex = case
    passage, right = ex["passage"], teacher_answers(lesson_id)[(ex["id"], None)]
    outside = outside_ngrams(ex) or ["zzz"]  # a passage marked word for word has no unmarked words to add
    gaming = data.draw(st.one_of(
        st.lists(st.sampled_from(LETTERS), min_size=1, max_size=6),  # single letters
        st.lists(st.sampled_from(STOP), min_size=1, max_size=6),  # little words only
        st.lists(st.lists(st.sampled_from(STOP), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=4),
        # the whole passage pasted, sentence by sentence, or every word of it one by one (all wrong as long
        # as some word of the passage is unmarked: the loader allows a passage marked word for word)
        *([st.just([passage]), st.just(passage), st.just([passage.upper()]),
           st.just(re.split(r"(?<=[.!?])\s+", passage)), st.just(rt._tokens(passage))] if outside != ["zzz"] else []),
        st.lists(nonsense, min_size=1, max_size=5),
        st.lists(st.sampled_from(outside), min_size=1, max_size=4),  # words no annotator marked
        st.lists(st.sampled_from(outside), min_size=1, max_size=2).map(lambda extra: right + extra),
        st.integers(0, len(right) - 1).map(lambda i: right[:i] + right[i + 1:]),  # one marked span missing
        st.sampled_from([42, {"a": 1}, 3.5, True]),
    ), label="gaming answer")
    status, output = check(lesson_id, ex["id"], gaming)
    never_praised(status, output)
    plain_output(output)
    for note in ex["notes"]:  # one wrong try never shows the key
        assert not said(note["explanation"], output)


@pytest.mark.parametrize("case", SPOTS, ids=case_id)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_spot_is_blind_to_typography_and_takes_accepted_wordings(case, data):
    lesson_id, ex = case
    phrases = []
    for note in ex["notes"]:
        phrase = data.draw(st.sampled_from([note["span"]] + note.get("also", [])), label="wording")
        style = data.draw(st.sampled_from([str.upper, str.lower, str.title, lambda s: f"  {s}. ",
                                           lambda s: s.replace("-", "\u2013").replace("'", "\u2019"),
                                           lambda s: s.replace("\u2019", "'").replace(" ", "  ")]), label="style")
        phrases.append(style(phrase))
    status, output = check(lesson_id, ex["id"], data.draw(st.permutations(phrases), label="order"))
    assert status == rt.RIGHT and output.startswith("✅ Right:"), output
    assert all(said(note["explanation"], output) for note in ex["notes"])  # every explanation, once right


@pytest.mark.parametrize("case", SPOTS, ids=case_id)
def test_spot_key_only_after_two_tries_and_an_explicit_reveal(case):
    lesson_id, ex = case
    if not outside_ngrams(ex):
        pytest.skip("every word of this passage is marked: no wrong phrase from it to try")
    wrong = [outside_ngrams(ex)[0]]
    explanation = ex["notes"][0]["explanation"]
    _, first = check(lesson_id, ex["id"], wrong)
    assert "Hint:" in first and "reveal(" not in first and not said(explanation, first)
    _, early = run(lesson_id, rt.reveal, ex["id"], fresh=False)
    assert "two tries" in early and not said(explanation, early)
    _, second = check(lesson_id, ex["id"], wrong, fresh=False)
    assert "Hint:" in second and f"reveal({ex['id']!r})" in second and not said(explanation, second)
    assert "starts with" in second and "starts with" not in first  # the second hint says more
    _, key = run(lesson_id, rt.reveal, ex["id"], fresh=False)
    assert all(said(note["explanation"], key) for note in ex["notes"])
    status, _ = check(lesson_id, ex["id"], [note["span"] for note in ex["notes"]], fresh=False)
    _, summary = run(lesson_id, rt.progress, fresh=False)
    assert status == rt.RIGHT and f"✅ Right: {ex['id']} (after seeing the key)" in summary  # an honest summary


def test_spot_rules_on_the_fixture_lesson():
    status, output = check("fixture-lesson", "spot", ["e", "the", "zzz", "autocrat", "personal relationship"])
    never_praised(status, output)
    assert "“e” is a single letter" in output and "“the” is a little word" in output
    assert "“zzz” is not in the passage" in output and "“autocrat” is only part of a word" in output
    assert "“personal relationship” is not among the marked phrases" in output
    assert said("each phrase you list that goes outside the marked ones costs a point", output, 100)
    status, output = check("fixture-lesson", "spot", ["the two autocrats", "personal"])
    assert status == rt.NOT_YET and "Score: 0 of 1 (1 found, minus 1" in output
    status, output = check("fixture-lesson", "spot", ["the two autocrats"])
    assert status == rt.RIGHT


# ---- classify the sources ----

CLASSIFY = exercises("classify-sources")
VARIANTS = [str, str.upper, str.title, lambda s: s.replace("-", "_"), lambda s: s.replace("-", " "),
            lambda s: s.replace("-", " ").title(), lambda s: f" {s}."]


def classify_key(lesson_id, eid):
    return teacher_answers(lesson_id)[(eid, None)]


@pytest.mark.parametrize("case", CLASSIFY, ids=case_id)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_classify_accepts_label_variants(case, data):
    lesson_id, ex = case
    key = classify_key(lesson_id, ex["id"])
    answer = {n: data.draw(st.sampled_from(VARIANTS), label="variant")(label) for n, label in key.items()}
    if data.draw(st.booleans(), label="string keys"):
        answer = {str(n): label for n, label in answer.items()}
    status, output = check(lesson_id, ex["id"], answer)
    assert status == rt.RIGHT, output


@pytest.mark.parametrize("case", CLASSIFY, ids=case_id)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_classify_never_praises_a_wrong_or_gaming_label(case, data):
    lesson_id, ex = case
    key = classify_key(lesson_id, ex["id"])
    labels = st.one_of(st.sampled_from(sorted(rt.LABELS)), st.sampled_from(LETTERS), st.sampled_from(STOP),
                       nonsense, st.just(ex["items"][0]["attribution"]))
    answer = {n: data.draw(labels, label=f"label {n}") for n in key}
    if all(rt._label(answer[n]) == key[n] for n in key):
        answer[1] = next(label for label in rt.LABELS if label != key[1])
    status, output = check(lesson_id, ex["id"], answer)
    blank = {n for n in key if not str(answer[n]).strip()}
    if blank == set(key):  # only white space: nothing to mark, so it is not answered yet
        assert status == rt.TODO and output.startswith("⏳ Not answered:"), output
        return
    assert status == rt.NOT_YET and output.startswith("❌ Not yet:"), output  # items it got right say so
    plain_output(output)
    wrong = [n for n in key if rt._label(answer[n]) in rt.LABELS and rt._label(answer[n]) != key[n]]
    for n in wrong:  # the feedback that explains the right label waits for a right answer or reveal()
        assert not said(ex["items"][n - 1]["feedback"], output, 50)
    for n in blank:
        assert f"{n}. “{ex['items'][n - 1]['attribution']}”: not labelled yet." in " ".join(output.split()), output
    if any(rt._label(answer[n]) not in rt.LABELS for n in set(key) - blank):
        assert said("The labels are: " + ", ".join(rt.LABELS), output, 200)


@pytest.mark.parametrize("case", CLASSIFY, ids=case_id)
def test_classify_labels_of_only_white_space_are_not_answered_not_wrong(case):
    lesson_id, ex = case
    key = classify_key(lesson_id, ex["id"])
    status, output = check(lesson_id, ex["id"], {n: " \t\n" for n in key})
    assert status == rt.TODO and output.startswith("⏳ Not answered:"), output
    if len(key) < 2:
        return
    one = {n: (" " if n == 1 else next(label for label in rt.LABELS if label != key[n])) for n in key}
    status, output = check(lesson_id, ex["id"], one)
    assert status == rt.NOT_YET and "not labelled yet" in output and "✅" not in output, output


# ---- multiple choice ----

@pytest.mark.parametrize("case", questions(written=False), ids=case_id)
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_choice_praises_only_the_right_letter(case, data):
    lesson_id, ex, k = case
    right = teacher_answers(lesson_id)[(ex["id"], k)]
    letters = "ABCDEFGH"[:len(ex["questions"][k - 1]["options"])]
    answer = data.draw(st.one_of(st.sampled_from([x for x in letters if x != right]), nonsense,
                                 st.sampled_from(STOP), st.just(letters), st.just(" ".join(letters))), label="answer")
    status, output = check(lesson_id, ex["id"], answer, question=k)
    if rt._fold(answer).upper() != right:
        never_praised(status, output)
    plain_output(output)
    status, output = check(lesson_id, ex["id"], data.draw(st.sampled_from([right.lower(), f" {right}.", right])),
                           question=k)
    assert status == rt.RIGHT and output.startswith("✅ Right:"), output
    plain_output(output)


# ---- written answers ----

WRITTEN = questions(written=True)
IN_WORDS = [(lesson_id, ex, k) for lesson_id, ex, k in WRITTEN if "min_words" in ex["questions"][k - 1]]
"""Written answers held to a word range (a capstone's source card and traced claim are filled-in fields instead:
tests/test_capstone.py games them)."""


@pytest.mark.parametrize("case", WRITTEN, ids=case_id)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(nonsense, st.text(min_size=1, max_size=400)))
def test_written_answers_are_never_marked_right(case, text):
    lesson_id, ex, k = case
    status, output = check(lesson_id, ex["id"], text, question=k)
    never_praised(status, output)


@pytest.mark.parametrize("case", IN_WORDS, ids=case_id)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_written_gaming_answers_are_not_recorded(case, data):
    lesson_id, ex, k = case
    q = ex["questions"][k - 1]
    size = st.integers(q["min_words"], q["max_words"])
    vocabulary = sorted(w for w in rt._VOCABULARY if rt._is_content(w))
    copied = " ".join(" ".join(ex.get("texts", []) + [a["text"] for a in ex.get("articles", [])] + [q["prompt"]]).split())
    gaming = data.draw(st.one_of(
        size.flatmap(lambda n: st.sampled_from(["blah", "e", "the", "good", "answer", "xi"]).map(lambda w: " ".join([w] * n))),
        size.map(lambda n: " ".join((["lorem", "ipsum", "dolor"] * n)[:n])),
        size.flatmap(lambda n: st.lists(st.sampled_from(LETTERS), min_size=n, max_size=n).map(" ".join)),
        size.flatmap(lambda n: st.lists(st.sampled_from(STOP), min_size=n, max_size=n).map(" ".join)),
        size.flatmap(lambda n: st.lists(st.text(string.ascii_lowercase, min_size=5, max_size=9), min_size=n,
                                        max_size=n).map(" ".join)),  # made-up words
        size.flatmap(lambda n: st.lists(st.sampled_from(vocabulary), min_size=n, max_size=n).map(" ".join)),  # a list
        st.just(" ".join(copied.split()[:q["max_words"]])),  # the passages (or the question) pasted
        st.integers(1, max(1, q["min_words"] - 1)).map(lambda n: " ".join(q["model_answer"].split()[:n])),
        st.just(" ".join((q["model_answer"] + " ") * 3)),  # too long
    ), label="gaming answer")
    status, output = check(lesson_id, ex["id"], gaming, question=k)
    assert status == rt.NOT_YET and said("Your answer is not recorded yet.", output) and "Model answer" not in output
    plain_output(output)


@pytest.mark.parametrize("case", WRITTEN, ids=case_id)
def test_a_recorded_answer_gets_the_model_and_the_rubric_and_counts_as_recorded(case):
    lesson_id, ex, k = case
    q = ex["questions"][k - 1]
    answer = teacher_answers(lesson_id)[(ex["id"], k)]  # the model answer, in the shape the cell asks for
    status, output = check(lesson_id, ex["id"], answer, question=k)
    assert status == rt.RECORDED and output.startswith("📝 Recorded:"), output
    assert "Model answer:" in output and all(said(point, output, 40) for point in q["rubric"])
    _, summary = run(lesson_id, rt.progress, fresh=False)
    assert f"📝 Recorded: {ex['id']}, question {k}" in summary and "0 of " in summary.splitlines()[0]


def test_written_hints_come_from_the_task():
    task = {"prompt": "Write a neutral account. Attribute every disputed claim.", "model_answer": "x",
            "rubric": ["Quotes the words that build the frame.", "Uses at least one number."]}
    hints = written_hints(task, ["slammed", "a marked span far too long to look for"])
    assert hints == {"loaded": ["slammed"], "attribution": True, "quote": True, "number": True}
    assert written_hints({"prompt": "Say what the chart shows.", "model_answer": "x", "rubric": ["Is clear."]},
                         ["slammed"]) == {}
    notes = rt._written_hints({"hints": hints}, "The US slammed the plan and nobody knows why.")
    assert len(notes) == 4 and "“slammed”" in notes[0]
    assert rt._written_hints({"hints": hints}, 'The WSWS says the US "slammed" the plan on 3 May.') == []
