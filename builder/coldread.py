"""Cold read, then reveal: a passage marked ``cold_read`` is read plain first, and its highlights come after.

The lesson page (``pages/coldread.py``) and the notebook (``notebooks/coldread.py``) show such a passage without
highlights or notes, ask the student to mark the words that push them and name the move, and only then reveal
the highlights and notes. This module holds what both share: the prompt and the lesson check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lessons import LessonState
    from .model import Lesson, Passage

PROMPT = "Which words push you to think or feel something? Copy them, and name the move."
"""What a cold read asks when its passage gives no ``prompt``."""

REVEAL = "Reveal the highlights"
"""The reveal's button (and, without JavaScript, its folded box)."""

NOTEBOOK_ROLE, NOTEBOOK_REVEAL_ROLE = "cold-read", "cold-read-reveal"
"""The ``five_frames.role`` of a cold read's answer cell and of its reveal in the notebook."""


def prompt(passage: Passage) -> str:
    """What the cold read of ``passage`` asks (prose)."""
    return passage.cold_prompt or PROMPT


def cold_passages(lesson: Lesson) -> list[Passage]:
    """The lesson's passages read cold, in order."""
    return [p for p in lesson.passages.values() if p.cold_read]


def check_cold_reads(state: LessonState) -> None:
    """A passage read cold has an annotation: otherwise the reveal would show nothing."""
    for i, spec in enumerate(state.section("passages")):
        value = spec.get("cold_read")
        anchored = spec["id"] in state.lesson.passages  # a quote not found has its own error
        if (value is True or isinstance(value, dict)) and anchored and spec["id"] not in state.annotated:
            state.error(("passages", i, "cold_read"), f"passage '{spec['id']}' is read cold, but no annotation "
                        "marks it, so the reveal would show nothing: annotate its loaded words or remove "
                        "'cold_read'", "cold-read-unannotated")
