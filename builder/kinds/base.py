"""The typed base of an exercise kind, and what its methods are given."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..escape import md_text

if TYPE_CHECKING:
    from ..model import Passage
    from ..notebooks import NotebookContext, PayloadContext
    from ..pages.common import PageContext

COMMON_KEYS = ("id", "kind", "title", "prompt")
"""Keys every exercise has, whatever its kind."""


@dataclass(frozen=True)
class KeyChoice:
    """One option of a multiple-choice question, for an answer key (``text`` and ``feedback`` are prose)."""

    letter: str
    text: str
    feedback: str
    correct: bool


@dataclass(frozen=True)
class KeyItem:
    """One entry of an exercise's answer key, as the teacher edition of its notebook fills it in.

    ``asked``, ``model`` and ``notes`` are lesson prose; ``quote`` (words of a passage), ``answer`` and
    ``notes_label`` are plain text.
    """

    asked: str = ""
    quote: str = ""
    answer: str = ""
    choices: tuple[KeyChoice, ...] = ()
    """A multiple-choice question's options, in the notebook's order, the right one marked."""
    model: str = ""
    """A written question's model answer."""
    notes: tuple[str, ...] = ()
    """The rubric of a written answer, or what the learner is told once right."""
    notes_label: str = ""


class LessonChecks(Protocol):
    """What a kind's ``check`` may use of the state the lesson checks share (``lessons.LessonState``)."""

    annotated: set[str]
    """Ids of the passages that have at least one annotation."""

    def error(self, where: tuple, message: str, code: str, hint: str = "") -> None:
        """Report an error at the value at path ``where`` of the lesson file (``hint``: what would fix it)."""

    def passage_ref(self, pid: str, where: tuple) -> Passage | None:
        """The anchored passage ``pid``; an error (with a did-you-mean) when the lesson has none."""

    def anchor_span(self, passage: Passage, words: str, occurrence: int | None, where: tuple,
                    what: str) -> tuple[int, int] | None:
        """Where ``words`` stand inside ``passage`` (article offsets); an error saying why not."""

    def one_correct(self, question: dict, where: tuple) -> None:
        """An error unless a multiple-choice question has an option marked correct."""


class ExerciseKind:
    """One kind of exercise. Subclass it in a module of its own; add the instance to ``KINDS``.

    The class attributes say what the kind is; the methods do, at each stage of a build, what
    differs by kind. Each method gets a schema-valid exercise (``spec``, the lesson's mapping).
    """

    name: str
    """The value of ``kind:`` in a lesson, such as ``spot-loaded-words``."""
    title: str
    """The exercise's heading when the lesson gives no ``title``, such as "Spot the loaded words"."""
    schema_def: str
    """Its name under ``$defs`` in lesson.schema.json, such as ``exercise_spot``."""
    schema: dict
    """JSON Schema of the keys the kind adds to an exercise: ``description``, ``required``,
    ``properties``. The keys of ``COMMON_KEYS`` are every kind's; any other key is refused."""
    schema_defs: dict = {}
    """Definitions only this kind refers to (as ``#/$defs/NAME``); never changed in place."""
    not_prose: frozenset[str] = frozenset()
    """Its keys whose text is not prose (ids, enum values, words of a passage): the loader checks
    no links in them and their words are not part of the course vocabulary."""
    checker: str
    """The notebook runtime function that checks an answer: ``checker(exercise, answer, key)``,
    ``exercise`` being this kind's payload and ``key`` ``(exercise id, question number or None)``."""
    revealer: str | None = None
    """The runtime function that ``reveal()`` shows the key with, ``revealer(exercise)``, if any."""
    runtime: str = ""
    """Runtime source of the kind's own, added to the setup cell of a notebook that uses the kind;
    it defines ``checker`` (and ``revealer``), which the builder then registers. Empty for the
    kinds whose functions are in ``builder/notebooks/runtime.py``."""

    def check(self, state: LessonChecks, spec: dict, where: tuple) -> None:
        """Reference checks at load time (``where`` is the exercise's path in the lesson file).

        ``state`` is the lesson checks' state: report with ``state.error``, find passages with
        ``state.passage_ref`` and words in them with ``state.anchor_span``.
        """

    def payload(self, ctx: PayloadContext, spec: dict) -> dict:
        """The exercise's data for the runtime, besides ``id``, ``kind`` and ``number``.

        Answer keys go in hashed (``notebooks.digest``): the payload is only compressed.
        """
        return {}

    def cells(self, nb: NotebookContext, spec: dict, heading: str) -> None:
        """Add the exercise's notebook cells; the first, a markdown cell, starts with ``heading``."""
        raise NotImplementedError(f"exercise kind {self.name!r} has no notebook cells")

    def key(self, ctx: PayloadContext, spec: dict) -> list[KeyItem]:
        """The exercise's answer key for a printed teacher's key (``course export --format answer-key``); ``ctx``
        is what ``payload`` is given.

        Empty means the key is in the notebook alone; the answer key then says so.
        """
        return []

    def page_lines(self, page: PageContext, spec: dict) -> list[str]:
        """Markdown lines for the exercise in the lesson page's list of notebook exercises.

        ``page`` is the lesson page's context (``page.item`` the lesson, ``page.prose``, ``page.edition``).
        """
        title = spec.get("title") or self.title
        kind = "" if title == self.title else f" ({md_text(self.title)})"
        return [f"- **{md_text(title)}**{kind}: {page.prose.inline(spec['prompt'])}"]
