"""Checks of the whole course that no single lesson can fail: can its self-checks be passed without reading?

Both are warnings (``course check`` still exits 0): a course may have reasons, but a student who always picks
the same letter, or always the longest option, should not score well.

- ``answer-position``: after the builder has placed the options (``builder/options.py``), one letter holds
  more than ``MAX_SHARE`` of the correct answers. Placement keeps this from happening on its own; questions
  with ``order: fixed`` are what can still cause it.
- ``answer-longest``: the correct option is the longest (in characters, as shown; ties count) in more than
  ``MAX_SHARE`` of the questions.

Only questions with at least three options count (with two, half is the fair share), and only once the course
has ``MIN_QUESTIONS`` of them: with fewer, a share says little.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic
from .prose import plain

if TYPE_CHECKING:
    from .model import Course, Question

MAX_SHARE = 0.4
MIN_QUESTIONS = 10
SHOWN = 5
"""How many places a warning lists before "and N more"."""


@dataclass
class _Question:
    question: Question
    correct: int
    """Index (as written) of its correct option."""
    shown_at: int
    """Position (0 = A) of the correct option on the page."""
    longest: bool

    def where(self, *path: str | int) -> tuple[str, int, int]:
        lesson = self.question.lesson
        line, column = lesson.locator.at((*self.question.where, *path))
        return lesson.path, line, column

    def line(self, *path: str | int) -> str:
        path_, line, _ = self.where(*path)
        return f"{path_}:{line}"


def course_checks(course: Course) -> list[Diagnostic]:
    """The course-wide warnings (none when the course is balanced)."""
    questions = _questions(course)
    if len(questions) < MIN_QUESTIONS:
        return []
    return [*_position(questions), *_longest(questions)]


def _questions(course: Course) -> list[_Question]:
    """The questions that count (a correct option, at least three options), in course order."""
    terms = {key: entry.get("term", key) for key, entry in course.glossary.items()}
    out = []
    for question in course.index.questions:
        correct = question.correct
        if correct is None or len(question.options) < 3:
            continue
        lengths = [len(plain(o.text, terms)) for o in question.options]
        longest = lengths[correct] >= max(n for j, n in enumerate(lengths) if j != correct)
        out.append(_Question(question, correct, course.index.order(question).index(correct), longest))
    return out


def _listed(places: list[str]) -> str:
    more = len(places) - SHOWN
    return ", ".join(places[:SHOWN]) + (f" and {more} more" if more > 0 else "")


def _share(count: int, total: int) -> str:
    return f"{count} of {total} questions ({count / total:.0%}; more than {MAX_SHARE:.0%})"


def _position(questions: list[_Question]) -> list[Diagnostic]:
    total = len(questions)
    counts: dict[int, int] = {}
    for q in questions:
        counts[q.shown_at] = counts.get(q.shown_at, 0) + 1
    out = []
    spread = ", ".join(f"{'ABCDEFGH'[p]} {counts[p]}" for p in sorted(counts))
    for position, count in sorted(counts.items()):
        if count <= MAX_SHARE * total:
            continue
        letter = "ABCDEFGH"[position]
        there = [q for q in questions if q.shown_at == position]
        fixed = [q for q in there if q.question.fixed]
        if fixed:
            hint = (f"questions with 'order: fixed' keep the order you wrote, so move the correct option in some of "
                    f"them, or let the builder place them: {_listed([q.line('order') for q in fixed])}")
            first = fixed[0].where("order")
        else:
            hint = f"the questions with {letter} correct: {_listed([q.line('prompt') for q in there])}"
            first = there[0].where("prompt")
        out.append(Diagnostic(*first, "warning", "answer-position",
                              f"the correct answer is {letter} in {_share(count, total)}, so always choosing {letter} "
                              f"scores too well (correct answers by letter: {spread}); {hint}"))
    return out


def _longest(questions: list[_Question]) -> list[Diagnostic]:
    total = len(questions)
    longest = [q for q in questions if q.longest]
    if len(longest) <= MAX_SHARE * total:
        return []
    places = [q.line("options", q.correct, "text") for q in longest]
    first = longest[0].where("options", longest[0].correct, "text")
    return [Diagnostic(*first, "warning", "answer-longest",
                       f"the correct option is the longest in {_share(len(longest), total)}, so always choosing the "
                       "longest option scores too well. Shorten correct options that carry their explanation (it "
                       "belongs in the feedback), or write distractors as full as the answer, in these questions: "
                       f"{_listed(places)}")]
