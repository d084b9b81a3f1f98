"""Questions, the part of an exercise that ``compare-framings`` and ``by-the-numbers`` share.

A question with ``options`` is multiple choice (the runtime checks the letter against a hash); one
with ``model_answer`` and ``rubric`` is written (recorded, never marked). A choice question's options are
shown in the order ``shown`` gives (``builder/options.py``, placed across the course's exercise questions so
that no letter holds most right answers), the same in the notebook, its answer check and every key. Their JSON
Schema is the ``question`` definition of lesson.schema.json, which a kind refers to as ``#/$defs/question``.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from ..notebooks import digest, in_triple_quotes
from ..notebooks.runtime import _tokens, _word_count
from ..options import arrange, seed
from ..prose import plain
from .base import KeyChoice, KeyItem

if TYPE_CHECKING:
    from ..notebooks import NotebookContext, PayloadContext
    from .base import LessonChecks

LETTERS = "ABCDEFGH"
"""The letters of a question's options, in order (the runtime's are the same)."""
SCHEMA = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/question"}}
"""The JSON Schema of an exercise's ``questions`` key."""


def shown(ctx: PayloadContext | NotebookContext, exercise_id: str, number: int, question: dict) -> list[dict]:
    """Choice question ``number`` (from 1) of an exercise, its options in the order the learner sees them:
    placed with the course, or alone for a lesson outside it (``order: fixed`` keeps the written order)."""
    order = ctx.course.index.exercise_orders.get((ctx.lesson.id, exercise_id, number))
    if order is None or len(order) != len(question["options"]):
        order = arrange(question, seed(f"{ctx.lesson.id}/{exercise_id}", question["prompt"]))
    return [question["options"][i] for i in order]


def _correct_letter(options: list[dict]) -> str:
    return next(LETTERS[i] for i, o in enumerate(options) if o.get("correct"))


def check(state: LessonChecks, questions: list[dict], where: tuple) -> None:
    """A choice question needs a correct option; a written one, a word range its model answer fits."""
    for j, question in enumerate(questions):
        if "options" in question:
            state.one_correct(question, where + (j,))
        else:
            _check_word_range(state, question, where + (j,))


def _check_word_range(state: LessonChecks, question: dict, where: tuple) -> None:
    """``min_words`` and ``max_words`` must make a range that the model answer fits."""
    if "min_words" not in question and "max_words" not in question:
        return
    low, high = word_range(question)
    words = _word_count(plain(question["model_answer"]))  # counts words as the notebook does
    if low > high:
        state.error(where + ("min_words",), f"min_words ({low}) is more than max_words ({high})", "bad-word-range")
    elif not low <= words <= high:
        state.error(where + ("model_answer",), f"the model answer has {words} words, outside min_words to "
                    f"max_words ({low} to {high}); learners are held to that range", "bad-word-range")


def word_range(question: dict) -> tuple[int, int]:
    """The words a free answer may have: ``min_words``/``max_words``, or a range around the model answer."""
    model = _word_count(plain(question["model_answer"]))
    high = question.get("max_words", max(2 * model, model + 40))
    low = question.get("min_words", min(high, max(3, round(0.4 * model))))
    return low, high


def payload(ctx: PayloadContext, exercise_id: str, questions: list[dict], loaded: list[str]) -> list[dict]:
    """The runtime's data for each question; ``loaded`` are the annotated spans of the exercise's passages."""
    return [_question_payload(ctx, exercise_id, k, q, loaded) for k, q in enumerate(questions, 1)]


def _question_payload(ctx: PayloadContext, exercise_id: str, number: int, question: dict, loaded: list[str]) -> dict:
    if "options" in question:
        options = shown(ctx, exercise_id, number, question)
        return {"options": [{"feedback": ctx.plain(o["feedback"])} for o in options],
                "digest": digest(exercise_id, number, _correct_letter(options))}
    low, high = word_range(question)
    return {"prompt": ctx.plain(question["prompt"]), "model_answer": ctx.plain(question["model_answer"]),
            "rubric": [ctx.plain(r) for r in question["rubric"]], "min_words": low, "max_words": high,
            "hints": written_hints(question, loaded)}


def written_hints(question: dict, loaded: list[str]) -> dict:
    """Which automatic hints suit a free question, read from its prompt and rubric.

    ``loaded`` are the annotated spans of the exercise's passages; short ones are looked for in
    answers to a task that asks for neutral or plain words.
    """
    task = " ".join([plain(question["prompt"]), *map(plain, question["rubric"])]).lower()
    hints: dict[str, object] = {}
    if re.search(r"\bneutral (account|version|words?|wording)|\brewrite|\bplain (words?|verbs?)|\bno labels", task):
        hints["loaded"] = [s for s in loaded if len(_tokens(s)) <= 4]
    if "attribut" in task:
        hints["attribution"] = True
    if re.search(r"\bquot|words from the text|own words", task):
        hints["quote"] = True
    if re.search(r"\bnumbers?\b", task):
        hints["number"] = True
    return hints


def key(ctx: PayloadContext, exercise_id: str, questions: list[dict]) -> list[KeyItem]:
    """Each question's key: a choice question's options (as the notebook letters them), the right one marked,
    with their feedback; a written question's model answer and rubric."""
    items = []
    for number, question in enumerate(questions, 1):
        if "options" in question:
            items.append(KeyItem(asked=question["prompt"], choices=tuple(
                KeyChoice(LETTERS[i], o["text"], o["feedback"], bool(o.get("correct")))
                for i, o in enumerate(shown(ctx, exercise_id, number, question)))))
        else:
            low, high = word_range(question)
            items.append(KeyItem(asked=question["prompt"], model=question["model_answer"],
                                 notes=tuple(question["rubric"]), notes_label=f"Rubric ({low} to {high} words)"))
    return items


def cells(nb: NotebookContext, exercise_id: str, questions: list[dict]) -> None:
    """Each question's cells: its prompt (and options), an answer cell, and in the teacher edition the rubric."""
    for k, question in enumerate(questions, 1):
        if "options" in question:
            _choice_cells(nb, exercise_id, k, question)
        else:
            _written_cells(nb, exercise_id, k, question)


def _choice_cells(nb: NotebookContext, exercise_id: str, k: int, question: dict) -> None:
    options = shown(nb, exercise_id, k, question)
    listed = "\n".join(f"- **{LETTERS[i]}.** {nb.prose(o['text'])}" for i, o in enumerate(options))
    nb.md(f"**Question {k}.** {nb.prose(question['prompt'])}\n\n{listed}\n\n✏️ Answer with one letter.")
    nb.answer_cell(exercise_id, json.dumps(_correct_letter(options) if nb.teacher else ""), question=k)


def _written_cells(nb: NotebookContext, exercise_id: str, k: int, question: dict) -> None:
    low, high = word_range(question)
    nb.md(f"**Question {k}.** {nb.prose(question['prompt'])}\n\n✏️ Write your answer between the triple quotes "
          f"({low} to {high} words in all). The notebook records it and shows a model answer and a rubric, so "
          "you can mark it yourself: a computer cannot judge a written answer.")
    text = " ".join(plain(question["model_answer"]).split()) if nb.teacher else ""
    nb.answer_cell(exercise_id, f'"""\n{in_triple_quotes(text)}\n"""', question=k)
    if nb.teacher:
        rubric = "\n".join(f"- {nb.prose(r)}" for r in question["rubric"])
        nb.md(f"**Teacher note: rubric for question {k}.**\n\n{rubric}")
