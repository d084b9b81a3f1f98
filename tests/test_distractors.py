"""Self-check distractors are misreadings a student might really pick, not straw answers.

Content-independent: the checks read any course's self-check questions, never today's lessons. A straw
distractor shows in its shape, whatever the subject: a blank or catch-all option, feedback too thin to name the
misreading and point back to the passage, feedback that praises a wrong choice, an option that copies another
but for a typo, or correct options that are so often the longest that a student can pick them without reading.
Each check passes on the real course and fails on a scratch copy with one straw distractor put in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from helpers import dump_yaml, make_course
from rapidfuzz import fuzz, utils

from builder.checks import MIN_QUESTIONS
from builder.course import load_course
from builder.model import Course, Question
from builder.prose import plain

MIN_FEEDBACK_WORDS = 12
"""A wrong option's feedback names the misreading and says what to look at instead: that takes a dozen words."""
MAX_LONGEST_SHARE = 0.5
"""At most this share of questions (three options or more) has a correct option strictly longer than every other,
and at most this share one strictly shorter."""
NEAR_DUPLICATE = 97
"""Two options of a question at this rapidfuzz ratio or above (case, punctuation and spacing ignored) differ by a
typo at most. Options that differ by one real word (a rewrite question's "rightly") stay below it."""
CATCH_ALL = re.compile(r"\b(?:all|none|both|neither) of (?:the|these|them)\b|\b(?:above|below)\b"
                       r"|\bboth [a-h] and [a-h]\b|\b(?:i )?(?:don't|do not) know\b|\bno idea\b|\bnot sure\b",
                       re.IGNORECASE)
"""Options that answer nothing, or point at other options by place (the builder reorders them)."""
PRAISE = re.compile(r"^\W*(?:right|correct|yes|exactly|well done)\b", re.IGNORECASE)
"""How feedback on a correct choice opens; feedback on a wrong one must not (a copied feedback)."""

Check = Callable[[Course], list[str]]


def questions(course: Course) -> Iterator[tuple[str, Question]]:
    """Each self-check question with where a reader finds it: "lesson id, question n"."""
    for lesson in course.lessons:
        for question in lesson.questions:
            yield f"{lesson.id}, question {question.index + 1}", question


def shown(course: Course, text: str) -> str:
    """An option or feedback as the student reads it (glossary links as their terms, no markup)."""
    return plain(text, {key: entry.get("term", key) for key, entry in course.glossary.items()})


def blank_or_catch_all(course: Course) -> list[str]:
    out = []
    for where, question in questions(course):
        for j, option in enumerate(question.options, 1):
            text = shown(course, option.text)
            if not re.search(r"\w\w", text):
                out.append(f"{where}, option {j} is blank: {option.text!r}")
            elif CATCH_ALL.search(text) and not question.fixed:
                out.append(f"{where}, option {j} is a catch-all: {text!r}")
    return out


def thin_feedback(course: Course) -> list[str]:
    out = []
    for where, question in questions(course):
        for j, option in enumerate(question.options, 1):
            feedback = shown(course, option.feedback)
            if option.correct:
                continue
            if len(re.findall(r"\w+", feedback)) < MIN_FEEDBACK_WORDS:
                out.append(f"{where}, option {j}: feedback under {MIN_FEEDBACK_WORDS} words: {feedback!r}")
            if PRAISE.search(feedback):
                out.append(f"{where}, option {j} is wrong but its feedback opens as if right: {feedback[:40]!r}")
        feedbacks = [" ".join(shown(course, o.feedback).split()) for o in question.options]
        if len(set(feedbacks)) < len(feedbacks):
            out.append(f"{where}: two options share one feedback")
    return out


def near_duplicates(course: Course) -> list[str]:
    out = []
    for where, question in questions(course):
        texts = [shown(course, o.text) for o in question.options]
        for a in range(len(texts)):
            for b in range(a + 1, len(texts)):
                ratio = fuzz.ratio(texts[a], texts[b], processor=utils.default_process)
                if ratio >= NEAR_DUPLICATE:
                    out.append(f"{where}: options {a + 1} and {b + 1} are near duplicates ({ratio:.0f})")
    return out


def correct_by_length(course: Course) -> list[str]:
    """The correct option strictly the longest (or strictly the shortest) in more than ``MAX_LONGEST_SHARE`` of
    the questions: "pick the longest" (or "never pick the longest") would score too well."""
    counted = longest = shortest = 0
    for _, question in questions(course):
        if question.correct is None or len(question.options) < 3:
            continue
        lengths = [len(shown(course, o.text)) for o in question.options]
        others = [n for j, n in enumerate(lengths) if j != question.correct]
        counted += 1
        longest += lengths[question.correct] > max(others)
        shortest += lengths[question.correct] < min(others)
    if counted < MIN_QUESTIONS:
        return []
    return [f"the correct option is strictly the {which} in {n} of {counted} questions (more than "
            f"{MAX_LONGEST_SHARE:.0%})" for which, n in (("longest", longest), ("shortest", shortest))
            if n > MAX_LONGEST_SHARE * counted]


CHECKS: tuple[Check, ...] = (blank_or_catch_all, thin_feedback, near_duplicates, correct_by_length)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_the_course_has_no_straw_distractors(real_course, check):
    assert check(real_course.course) == []


# ---- each check fails on a scratch copy with a straw distractor ----

def _wrong(spec: dict) -> dict:
    return next(o for o in spec["options"] if not o.get("correct"))


def _blank(spec: dict) -> None:
    _wrong(spec)["text"] = "..."


def _catch_all(spec: dict) -> None:
    _wrong(spec)["text"] = "None of the above"


def _thin(spec: dict) -> None:
    _wrong(spec)["feedback"] = "No, that is wrong."


def _praised(spec: dict) -> None:
    right = next(o for o in spec["options"] if o.get("correct"))
    _wrong(spec)["feedback"] = right["feedback"] + " (And a note.)"


def _copied(spec: dict) -> None:
    right = next(o for o in spec["options"] if o.get("correct"))
    _wrong(spec)["text"] = right["text"].rstrip(".") + "!"


STRAWS = {"blank": (_blank, blank_or_catch_all), "catch-all": (_catch_all, blank_or_catch_all),
          "thin feedback": (_thin, thin_feedback), "praised": (_praised, thin_feedback),
          "copied": (_copied, near_duplicates)}


def scratch_with(root: Path, edit: Callable[[dict], None], every: bool = False) -> Course:
    """A copy of the real course with ``edit`` applied to the first question of the first lesson that has one
    (``every``: to every question of every lesson)."""
    make_course(root)
    done = False
    for path in sorted((root / "lessons").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not data.get("self_check") or (done and not every):
            continue
        for spec in data["self_check"] if every else data["self_check"][:1]:
            edit(spec)
        path.write_text(dump_yaml(data), encoding="utf-8")
        done = True
    course, report = load_course(root)
    assert done and not report.errors, report.to_text()
    return course


@pytest.mark.parametrize("straw", STRAWS)
def test_a_straw_distractor_is_caught(tmp_path, straw):
    edit, check = STRAWS[straw]
    problems = check(scratch_with(tmp_path, edit))
    assert problems and "question 1" in problems[0], problems


def test_short_distractors_that_leave_the_answer_the_longest_are_caught(tmp_path):
    def shorten(spec: dict) -> None:
        for option in spec["options"]:
            if not option.get("correct"):
                option["text"] = option["text"].split()[0]

    assert "longest" in " ".join(correct_by_length(scratch_with(tmp_path, shorten, every=True)))


def test_long_distractors_that_leave_the_answer_the_shortest_are_caught(tmp_path):
    def lengthen(spec: dict) -> None:
        for option in spec["options"]:
            if not option.get("correct"):
                option["text"] += " That is what a careful reader finds when reading the passage closely."

    assert "shortest" in " ".join(correct_by_length(scratch_with(tmp_path, lengthen, every=True)))
