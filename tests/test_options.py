"""Option placement (builder/options.py), for self-checks and notebook questions: deterministic, every option keeps its feedback, and the
correct answers are spread over the letters whatever order the authors wrote them in."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections import Counter

import nbformat
import yaml
from helpers import ROOT, quiz_lesson, subprocess_env
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.course import load_course
from builder.notebooks import PayloadContext, glossary_terms, render_notebooks
from builder.options import arrange, balance_bound, correct_index, course_orders, place
from builder.pages import render_pages

PLACE_REAL_COURSE = """
import json
from builder.course import load_course
from builder.notebooks import PayloadContext, glossary_terms, render_notebooks
from builder.options import course_orders
print(json.dumps(course_orders(load_course(".")[0])))
"""


def test_placement_is_the_same_in_every_process(real_course):
    here = json.loads(json.dumps(course_orders(real_course.course)))
    for hash_seed in ("0", "1", "12345"):  # hash() differs in each; the placement must not
        out = subprocess.run([sys.executable, "-c", PLACE_REAL_COURSE], cwd=ROOT, env=subprocess_env(
            PYTHONHASHSEED=hash_seed), capture_output=True, text=True, check=True, timeout=120).stdout
        assert json.loads(out) == here


def question(n: int, correct: int, prompt: str = "Which one?") -> dict:
    return {"prompt": prompt, "options": [
        {"text": f"option {j}", "feedback": f"feedback {j}", **({"correct": True} if j == correct else {})}
        for j in range(n)]}


def test_arrange_puts_the_correct_option_where_asked_and_keeps_the_others_in_a_seeded_order():
    q = question(5, correct=3)
    for at in range(5):
        order = arrange(q, "lesson\x1fWhich one?", at)
        assert sorted(order) == list(range(5)) and order[at] == 3
        assert [i for i in order if i != 3] == [i for i in arrange(q, "lesson\x1fWhich one?", 0) if i != 3]
    assert arrange(copy.deepcopy(q), "s") == arrange(q, "s")


def test_fixed_order_is_kept_and_still_counted():
    fixed = {**question(4, correct=0), "order": "fixed"}
    assert arrange(fixed, "any seed", 2) == [0, 1, 2, 3]
    pairs = [("l", {**fixed, "prompt": f"fixed {i}"}) for i in range(6)]
    pairs += [("l", question(4, correct=0, prompt=f"free {i}")) for i in range(18)]
    shown = [order.index(0) for order in place(pairs)]
    assert shown[:6] == [0] * 6
    assert 0 not in shown[6:12]  # the free questions make up for A's lead at once
    assert max(Counter(shown).values()) <= 7


def test_editing_a_later_question_never_moves_an_earlier_one():
    pairs = [("l", question(4, correct=i % 4, prompt=f"q{i}")) for i in range(30)]
    edited = pairs[:20] + [("l", question(4, correct=0, prompt="new"))] + pairs[21:]
    assert place(edited)[:20] == place(pairs)[:20]


questions = st.builds(
    lambda n, c, prompt, lesson: (f"lesson-{lesson}", question(n, c % n, prompt)),
    st.integers(3, 8), st.integers(0, 7), st.text(min_size=1, max_size=40), st.integers(0, 11))


def check_spread(pairs) -> None:
    orders = place(pairs)
    shown = []
    for (_, q), order in zip(pairs, orders):
        assert sorted(order) == list(range(len(q["options"])))
        shown.append(order.index(correct_index(q)))
    fewest = min(len(q["options"]) for _, q in pairs)
    most = max(Counter(shown).values())
    assert most <= balance_bound(len(pairs), fewest)
    assert most <= 0.4 * len(pairs)


@settings(max_examples=300, deadline=None)
@given(st.lists(questions, min_size=20, max_size=120))
def test_correct_answers_are_spread_over_the_letters(pairs):
    """With 20 or more questions of three or more options, no letter gets more than 40%."""
    pairs.sort(key=lambda pair: pair[0])  # lesson by lesson, as in a course
    check_spread(pairs)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=20), st.just(0)), min_size=20, max_size=100))
def test_spread_even_when_every_author_writes_the_answer_first(prompts):
    check_spread([("lesson", question(4, correct, prompt)) for prompt, correct in prompts])


def quiz_blocks(page: str) -> list[tuple[list[str], list[tuple[str, str]]]]:
    """For each question on a page: its options' texts and its feedback (verdict attribute, text), in order."""
    out = []
    for block in page.split('<div class="ff-quiz"')[1:]:
        options = re.findall(r"^- \*\*[A-H]\.\*\* (.*)$", block, flags=re.M)
        feedback = re.findall(r'<span class="ff-fb" data-correct="(true|false)">\*\*[A-H]\.[^*]*\*\* (.*?)</span>',
                              block)
        out.append((options, feedback))
    return out


def test_the_page_shows_the_placed_order_and_each_option_keeps_its_feedback(course_root):
    written = [{"prompt": f"Question number {i}?", "options": [
        {"text": f"Choice {i}-{j}", "feedback": f"About choice {i}-{j}.", **({"correct": True} if j == 0 else {})}
        for j in range(4)]} for i in range(12)]
    (course_root / "lessons" / "01-quiz.yaml").write_text(quiz_lesson("quiz", written), encoding="utf-8")
    course, report = load_course(course_root)
    assert not report.errors, report.to_text()
    blocks = quiz_blocks(render_pages(course)["lessons/quiz.md"])
    orders = course_orders(course)["quiz"]
    assert len(blocks) == 12
    for q, (options, feedback), order in zip(written, blocks, orders):
        assert options == [q["options"][k]["text"] for k in order]
        for text, (verdict, said) in zip(options, feedback):
            assert said == "About " + text.replace("Choice", "choice") + "."
            assert (verdict == "true") == text.endswith("-0")
    assert len({options.index(next(t for t in options if t.endswith("-0"))) for options, _ in blocks}) == 4


def test_notebook_choice_questions_are_placed_too_and_every_key_agrees(course_root):
    """Notebook exercise questions written with the answer first do not keep it first: the letters spread, and
    the notebook's list, its teacher answer and the printed key name the same option."""
    path = course_root / "lessons" / "00-fixture.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    frames = next(e for e in data["exercises"] if e["kind"] == "compare-framings")
    frames["questions"] = [{"prompt": f"Which reading of the passages is number {i}?", "options": [
        {"text": f"Reading {i}-{j}", "feedback": f"About reading {i}-{j}.", **({"correct": True} if j == 0 else {})}
        for j in range(4)]} for i in range(12)]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    course, report = load_course(course_root)
    assert not report.errors, report.to_text()
    lesson = course.lessons[0]
    teacher = nbformat.reads(render_notebooks(course)[f"teacher/{lesson.id}.ipynb"], as_version=4)
    letters = []
    for k in range(1, 13):
        listing = next(c.source for c in teacher.cells if c.cell_type == "markdown" and f"**Question {k}.**" in c.source
                       and f"number {k - 1}?" in c.source)
        answer = next(c for c in teacher.cells if c.cell_type == "code" and f"question={k})" in c.source)
        letter = json.loads(re.search(r'^answer = (".*")$', answer.source, flags=re.M).group(1))
        assert re.search(rf"^- \*\*{letter}\.\*\* Reading {k - 1}-0$", listing, flags=re.M), (k, letter, listing)
        letters.append(letter)
    assert max(Counter(letters).values()) <= balance_bound(12, 4)
    assert len(set(letters)) == 4
    exercise = next(e for e in lesson.exercises if e.spec["id"] == frames["id"])
    key = exercise.kind.key(PayloadContext(lesson, course, glossary_terms(course)), exercise.spec)
    assert [next(c.letter for c in item.choices if c.correct) for item in key] == letters
    assert all(c.feedback == "About r" + c.text[1:] + "." for item in key for c in item.choices)
