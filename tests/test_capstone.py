"""The capstone kind: a source card, one traced claim and a neutral account, on one text.

A scratch course's capstone quotes a small practice text (``helpers.add_practice_article``), so nothing
here depends on today's lessons. Each part is tried with gaming answers (a single letter, stop-words,
nonsense, the text pasted, one answer in every field), wrong ones and right ones: none is ever marked
right, a gaming or inconsistent answer is never recorded, and a recorded one says what the notebook
cannot judge. The load-time checks hold the lesson to one word range and a model account that passes
its own checks.
"""

from __future__ import annotations

import contextlib
import io

import pytest
import yaml
from helpers import FIXTURE_LESSON, add_practice_article, dump_yaml, lesson_copy, make_course, setup_runtime

from builder.course import load_course
from builder.kinds.capstone import ACCOUNT_WORDS, CARD_FIELDS, CLAIM_FIELDS
from builder.notebooks import encode, notebook_payload, render_notebooks

MODEL_ACCOUNT = (
    "On 10 March 2026 the town council voted to build a new quay, according to an invented local column. "
    "Critics quoted in the column call the plan \"a gift to the concrete lobby\", and unnamed experts say the "
    "mudflats will suffer. The column does not say how the councillors voted, who the critics are, or what the "
    "quay will cost. It is still unknown whether any study of the mudflats was made before the vote took place."
)
CARD = {"outlet": "An invented outlet, named in the metadata only.", "author": "An invented author.",
        "date": "12 March 2026, printed.", "kind_of_text": "A short practice column.",
        "who_runs_it": "The text does not say who runs the outlet or what it gains from the column.",
        "not_verified": "I searched for the outlet and the author and found nothing about either of them."}
CLAIM = {"claim": "The town council voted to build a new quay.", "attributed_to": "The writer, with no source.",
         "where_i_looked": "The council's published minutes.",
         "what_i_found": "The minutes for that week record the vote on the quay.", "verdict": "confirmed"}


def capstone_lesson(**changes) -> dict:
    """A capstone on the scratch practice text with one capstone exercise; ``changes`` edit the exercise."""
    data = yaml.safe_load(lesson_copy("final"))
    data["capstone"] = True
    data["passages"] = [{"id": "vote", "article": "drill-text",
                         "quote": "The town council voted to build a new quay. Critics call it a gift to the "
                                  "concrete lobby."},
                        {"id": "experts", "article": "drill-text", "quote": "Experts say the mudflats will suffer."}]
    data["contrasts"] = [{"passages": ["vote", "experts"], "question": "Who says so?"}]
    data["annotations"] = [{"passage": "vote", "span": "the concrete lobby", "technique": "name-calling",
                            "explanation": "A label."},
                           {"passage": "experts", "span": "Experts say", "technique": "anonymous-source",
                            "explanation": "No one is named."}]
    data["self_check"][0]["passage"] = "vote"
    exercise = {"id": "tasks", "kind": "capstone", "prompt": "Do the three tasks.", "passages": ["vote", "experts"],
                "source_card": {"model": dict(CARD)}, "traced_claim": {"model": dict(CLAIM)},
                "account": {"model_answer": MODEL_ACCOUNT,
                            "facts": [{"fact": "the council", "words": ["council"]},
                                      {"fact": "the quay", "words": ["quay", "port"]},
                                      {"fact": "when", "words": ["March", "2026"]}]},
                "rubric": [{"criterion": f"Criterion {n}", "levels": ["2: all of it.", "1: some.", "0: none."]}
                           for n in range(1, 4)]}
    for path, value in changes.items():
        *keys, last = path.split(".")
        target = exercise
        for key in keys:
            target = target[int(key) if key.isdigit() else key]
        target[last] = value
    data["exercises"] = [exercise]
    return data


def scratch_capstone(root, data: dict):
    add_practice_article(root)
    (root / FIXTURE_LESSON).unlink()
    (root / "lessons" / "01-final.yaml").write_text(dump_yaml(data), encoding="utf-8")
    return load_course(root)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = make_course(tmp_path_factory.mktemp("capstone") / "course", with_lessons=False)
    course, report = scratch_capstone(root, capstone_lesson())
    assert report.errors == [], report.to_text()
    return course


@pytest.fixture(scope="module")
def rt(course):
    runtime = setup_runtime()
    [lesson] = course.lessons
    with contextlib.redirect_stdout(io.StringIO()):
        runtime._setup(encode(notebook_payload(lesson, course)))
    return runtime


def check(rt, answer, part):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rt.check("tasks", answer, question=part)
    return rt._RESULTS[("tasks", part)], " ".join(out.getvalue().split())


def not_recorded(rt, answer, part) -> str:
    status, output = check(rt, answer, part)
    assert status == rt.NOT_YET and "not recorded yet" in output and "Model answer" not in output, output
    return output


# ---- gaming answers are never recorded ----

GAMING_FIELDS = ["x", "e", "the of and to", "lorem ipsum dolor sit amet qwzx", "zzkq vbnm plok"]


@pytest.mark.parametrize("part,fields", [(1, CARD_FIELDS), (2, CLAIM_FIELDS)])
@pytest.mark.parametrize("value", GAMING_FIELDS)
def test_a_card_of_gaming_fields_is_not_recorded(rt, part, fields, value):
    not_recorded(rt, dict.fromkeys(fields, value), part)


@pytest.mark.parametrize("part,model", [(1, CARD), (2, CLAIM)])
def test_one_answer_in_every_field_or_the_text_pasted_is_not_recorded(rt, part, model):
    output = not_recorded(rt, dict.fromkeys(model, model["not_verified" if part == 1 else "what_i_found"]), part)
    assert "the same words twice" in output
    pasted = {**model, ("who_runs_it" if part == 1 else "what_i_found"): " ".join(rt._EX["tasks"]["texts"])}
    assert "copied from the text" in not_recorded(rt, pasted, part)


@pytest.mark.parametrize("part", [1, 2])
@pytest.mark.parametrize("answer", ["x", "The Gull", ["outlet"], 3])
def test_a_card_that_is_not_the_dictionary_is_not_recorded(rt, part, answer):
    assert "keep the answer as the dictionary" in not_recorded(rt, answer, part)


def test_a_card_missing_a_field_says_which(rt):
    card = {k: v for k, v in CARD.items() if k != "date"}
    assert "the field(s) date are gone" in not_recorded(rt, card, 1)


@pytest.mark.parametrize("answer", [
    "x", "the of and to " * 20, " ".join(["council quay March"] * 25),
])
def test_gaming_accounts_are_not_recorded(rt, answer):
    not_recorded(rt, answer, 3)


# ---- wrong answers get a reason ----

def test_a_source_card_must_match_what_the_text_prints(rt):
    assert "not the outlet the text prints" in not_recorded(rt, {**CARD, "outlet": "The Daily Planet Herald"}, 1)
    assert "not the author the text prints" in not_recorded(rt, {**CARD, "author": "Clark Kent, a reporter"}, 1)
    assert "the year does not match" in not_recorded(rt, {**CARD, "date": "12 March 1999, printed."}, 1)


def test_a_traced_claim_must_be_the_texts_and_its_verdict_must_fit(rt):
    output = not_recorded(rt, {**CLAIM, "claim": "Bananas grow in tropical places like many fruits."}, 2)
    assert "not a claim the text makes" in output
    assert "write one of: confirmed, contradicted, can't tell" in not_recorded(rt, {**CLAIM, "verdict": "maybe"}, 2)
    nothing = {**CLAIM, "what_i_found": "I could not find any record of this vote anywhere online."}
    assert "the honest verdict is can't tell" in not_recorded(rt, nothing, 2)
    status, _ = check(rt, {**nothing, "verdict": "can't tell"}, 2)
    assert status == rt.RECORDED  # nothing found, and the verdict says so
    itself = {**CLAIM, "where_i_looked": "The article itself."}
    assert "the text cannot confirm or contradict itself" in not_recorded(rt, itself, 2)


def test_an_account_missing_most_facts_is_not_recorded(rt):
    account = ("A group of people met and talked about a plan for a long time. Some of them liked the plan and "
               "some of them did not, according to the writer of a column. The writer argues that the plan is bad "
               "for nature and for the people who live near the shore. It is still unknown what will happen next, "
               "and who will pay for it in the end, if anyone does.")
    output = not_recorded(rt, account, 3)
    assert "leaves out most of what happened" in output and "the council" in output


def test_an_account_reusing_a_marked_word_is_recorded_with_a_flag(rt):
    account = MODEL_ACCOUNT.replace('call the plan "a gift to the concrete lobby"', "blame the concrete lobby")
    status, output = check(rt, account, 3)
    assert status == rt.RECORDED and "You use “the concrete lobby”" in output


# ---- right answers are recorded, never marked right, and say what cannot be judged ----

@pytest.mark.parametrize("part,answer", [(1, CARD), (2, CLAIM), (3, MODEL_ACCOUNT)])
def test_a_right_answer_is_recorded_and_says_what_the_notebook_cannot_judge(rt, part, answer):
    status, output = check(rt, answer, part)
    assert status == rt.RECORDED and output.startswith("📝 Recorded:"), output
    assert "cannot" in output and "Model answer:" in output and "Criterion 3" in output
    assert not any(word in output.lower() for word in ("great", "well done", "excellent", "✅"))


def test_the_notebook_states_one_word_range_for_the_account(course):
    low, high = ACCOUNT_WORDS
    for text in render_notebooks(course).values():
        assert f"{low} to {high} words" in text
        assert "60–130" not in text and "60 to 130" not in text


# ---- load-time checks ----

@pytest.mark.parametrize("changes,code,says", [
    ({"account.model_answer": "Too short to count."}, "bad-word-range", "the model account has 4 words"),
    ({"prompt": "Write 60 to 130 words."}, "bad-word-range", "this says 60 to 130 words"),
    ({"account.facts": [{"fact": "the ferry", "words": ["ferry"]}, {"fact": "the quay", "words": ["quay"]}]},
     "capstone-fact", "none of these words for 'the ferry'"),
])
def test_a_capstone_exercise_that_would_contradict_itself_is_an_error(tmp_path, changes, code, says):
    _, report = scratch_capstone(make_course(tmp_path / "course", with_lessons=False), capstone_lesson(**changes))
    [error] = [d for d in report.errors if d.code == code]
    assert says in error.message and error.path == "lessons/01-final.yaml" and error.line > 0


def test_a_capstone_exercise_on_two_texts_is_an_error(tmp_path):
    data = capstone_lesson(passages=["vote", "other"])
    data["passages"].append({"id": "other", "article": "envoy-li-hui", "quote": "from certain hegemonic country"})
    _, report = scratch_capstone(make_course(tmp_path / "course", with_lessons=False), data)
    assert "a source card describes one text" in report.to_text()
