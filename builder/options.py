"""Where each self-check option is shown: the correct answers spread over the letters, the same on every build.

Authors write a question's options in any order, the correct one wherever they like; the builder decides the
order students see. Every export that shows the options (the lesson page now; an LMS export or the notebooks
later) should take its order from here, so that the letters agree everywhere.

How a course is placed (``place``):

- Each question has a *seed*: its lesson id and its prompt. SHA-256 of the seed (never Python's ``hash()``,
  which changes from one process to the next) gives the question its own order of preference for the letter of
  its correct option, and a fixed order for its other options.
- Questions are placed in course order. Each takes its most preferred letter, unless that letter already holds
  more correct answers than ``SLACK`` above the least-used letter the question could take; then it takes its
  most preferred letter among those that do not.

So no letter ever gets more than ``SLACK + 1`` correct answers ahead of another: with ``N`` questions of at least
``k`` options each, no letter holds more than ``(N + (SLACK + 1) * (k - 1)) / k`` of them (``balance_bound``).
For four options that is at most 40% from ten questions on. Because a question is pushed off its preferred
letter only when the counts are that far apart, most letters follow from the question alone: editing one
question rarely moves another, and never one in an earlier lesson. And since the letters are not dealt out in
strict rounds, knowing three answers of a lesson does not give away the fourth.

A question with ``order: fixed`` (for options such as "Both A and B") keeps the order it was written in; its
correct answer still counts, so the questions after it balance around it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

SLACK = 1
"""How many correct answers one letter may hold beyond the least-used one before a question must avoid it."""


def seed(lesson_id: str, prompt: str) -> str:
    """A question's seed: its lesson id and its prompt (runs of white space count as one space)."""
    return f"{lesson_id}\x1f{' '.join(str(prompt).split())}"


def _rank(seed_: str, *parts) -> bytes:
    return hashlib.sha256("\x1f".join([seed_, *map(str, parts)]).encode("utf-8")).digest()


def preference(seed_: str, n: int) -> list[int]:
    """The ``n`` positions, the one a question with this seed would most like its correct option in first."""
    return sorted(range(n), key=lambda p: _rank(seed_, "correct-at", p))


def correct_index(question: dict) -> int | None:
    """Index (as written) of the question's correct option: the first one marked correct, if any."""
    return next((i for i, o in enumerate(question["options"]) if o.get("correct")), None)


def is_fixed(question: dict) -> bool:
    return question.get("order") == "fixed"


def arrange(question: dict, seed_: str, correct_at: int | None = None) -> list[int]:
    """The order to show a question's options in: ``order[k]`` is the index, as written, of the k-th option shown.

    The correct option goes to position ``correct_at`` (by default, the question's most preferred position; a
    course uses ``place`` to spread them); the other options keep an order fixed by the seed. A question with
    ``order: fixed`` keeps its written order whatever ``correct_at`` says.
    """
    n = len(question["options"])
    if is_fixed(question):
        return list(range(n))
    correct = correct_index(question)
    others = sorted((i for i in range(n) if i != correct), key=lambda i: _rank(seed_, "option", i))
    if correct is None:
        return others
    at = preference(seed_, n)[0] if correct_at is None else correct_at
    if not 0 <= at < n:
        raise ValueError(f"correct_at={at} is not a position among {n} options")
    return others[:at] + [correct] + others[at:]


def place(questions: Iterable[tuple[str, dict]]) -> list[list[int]]:
    """The order of every question's options, for ``(lesson_id, question)`` pairs given in course order."""
    counts: list[int] = []
    orders = []
    for lesson_id, question in questions:
        s = seed(lesson_id, question["prompt"])
        n = len(question["options"])
        counts += [0] * (n - len(counts))
        correct = correct_index(question)
        if correct is None:  # nothing to balance (the lesson check reports it)
            orders.append(arrange(question, s))
            continue
        if is_fixed(question):
            at = correct
        else:
            least = min(counts[:n])
            at = next(p for p in preference(s, n) if counts[p] <= least + SLACK)
        counts[at] += 1
        orders.append(arrange(question, s, at))
    return orders


def course_orders(course) -> dict[str, list[list[int]]]:
    """For each lesson id, the display order of each of its self-check questions' options (placed once per
    course: ``course.index.orders``)."""
    return course.index.orders


def lesson_orders(course, lesson) -> list[list[int]]:
    """The display orders of one lesson's questions: placed with the course, or alone if not part of it."""
    if any(other is lesson for other in course.lessons):
        return course.index.orders[lesson.id]
    return place((lesson.id, q) for q in lesson.data["self_check"])


def balance_bound(questions: int, options: int) -> float:
    """The most correct answers ``place`` can put on one letter: ``questions`` questions, none fixed, each with
    at least ``options`` options."""
    return (questions + (SLACK + 1) * (options - 1)) / options
