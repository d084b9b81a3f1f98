"""The typed course model: what the loaders make and the renderers read, all of it verified.

``Course`` holds the articles (each with its voices), the glossary and the lessons; a ``Lesson``
holds its anchored passages, its annotations, its exercises and, a typed view of its mapping, its
self-check questions. ``Course.index`` is what pages, notebooks and course-wide checks count across
the lessons, computed once per course.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import anchor
from .options import correct_index, is_fixed, place
from .source import Locator

if TYPE_CHECKING:
    from .kinds.base import ExerciseKind
    from .prepost import PrePost

UNNAMED = "unnamed"
"""A voice's ``speaker`` when no one signs it."""
UNDATED = "undated"
"""A voice's ``date`` when it cannot be dated."""


# ---- articles ----

@dataclass(frozen=True)
class Voice:
    """A part of an article not in its byline author's voice: ``[start, end)`` offsets into the text."""

    kind: str
    speaker: str  # a name, or "unnamed"
    start: int
    end: int
    spec: dict
    line: int  # where it is described in seeds/articles.yaml

    @property
    def named(self) -> bool:
        return self.speaker != UNNAMED


@dataclass
class Article:
    """One seed article: metadata plus text, paragraphs and a normalized copy for anchoring."""

    id: str
    meta: dict
    text: str
    paragraphs: list[tuple[int, int]]
    normalized: anchor.Normalized
    voices: list[Voice] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(re.findall(r"\w[\w'’-]*", self.text))

    @property
    def written_for_course(self) -> bool:
        """A practice text written for this course (``written_for_course: true``), not a real publication."""
        return bool(self.meta.get("written_for_course"))

    def paragraph_of(self, offset: int) -> int:
        return anchor.paragraph_of(self.paragraphs, offset)

    def voice_at(self, offset: int) -> Voice | None:
        """The recorded voice holding ``offset``; None for the byline author's own text."""
        return next((v for v in self.voices if v.start <= offset < v.end), None)

    def voices_in(self, start: int, end: int) -> list[tuple[Voice | None, int]]:
        """Each voice that ``[start, end)`` reaches, in order, with the first offset it reaches.

        ``None`` stands for the byline author's text; whitespace between two parts belongs to no one.
        """
        out: list[tuple[Voice | None, int]] = []

        def body(lo: int, hi: int) -> None:
            chunk = self.text[lo:hi]
            if chunk.strip():
                out.append((None, lo + len(chunk) - len(chunk.lstrip())))

        pos = start
        for voice in self.voices:
            if voice.end <= start or voice.start >= end:
                continue
            body(pos, min(voice.start, end))
            out.append((voice, max(voice.start, start)))
            pos = max(pos, voice.end)
        if pos < end:
            body(pos, end)
        return out


# ---- lessons ----

@dataclass
class Passage:
    """A quote anchored in its article: ``[start, end)`` are offsets into the original text."""

    id: str
    article: Article
    start: int
    end: int
    spec: dict

    @property
    def text(self) -> str:
        return self.article.text[self.start:self.end]

    @property
    def paragraph(self) -> int:
        return self.article.paragraph_of(self.start)

    @property
    def cold_read(self) -> bool:
        """``cold_read:`` (true, or a mapping): students read it plain first, then reveal its highlights."""
        return self.spec.get("cold_read") is True or isinstance(self.spec.get("cold_read"), dict)

    @property
    def cold_prompt(self) -> str | None:
        """The passage's own cold-read prompt (``cold_read: {prompt: ...}``), if it gives one."""
        value = self.spec.get("cold_read")
        return value.get("prompt") if isinstance(value, dict) else None


@dataclass
class Annotation:
    """A technique marked on a span inside a passage (offsets into the article)."""

    number: int
    passage: Passage
    start: int
    end: int
    technique: str
    explanation: str
    accept: list[tuple[int, int]] = field(default_factory=list)
    """Other wordings the notebook accepts for this span (``accept:``), as offsets into the article."""

    @property
    def text(self) -> str:
        return self.passage.article.text[self.start:self.end]


@dataclass
class Exercise:
    """A notebook exercise whose references and attributions have been checked."""

    spec: dict
    kind: ExerciseKind
    """Its kind (from ``builder.kinds.KINDS``): what renders it in the notebook and on the page."""


@dataclass(frozen=True)
class Option:
    """One option of a multiple-choice question, as written."""

    text: str
    feedback: str
    correct: bool


@dataclass(frozen=True)
class Question:
    """A self-check question of a lesson: a typed view of its mapping (``spec``) in the lesson file."""

    lesson: Lesson = field(compare=False, repr=False)
    index: int
    """Its position in the lesson's ``self_check`` list, from 0."""
    spec: dict

    @property
    def where(self) -> tuple[str, int]:
        """Its path in the lesson file (for ``Lesson.locator``)."""
        return ("self_check", self.index)

    @property
    def prompt(self) -> str:
        return self.spec["prompt"]

    @cached_property
    def options(self) -> tuple[Option, ...]:
        """Its options in the order written (``options.py`` decides the order shown)."""
        return tuple(Option(o["text"], o["feedback"], bool(o.get("correct"))) for o in self.spec["options"])

    @property
    def correct(self) -> int | None:
        """Index (as written) of the correct option: the first one marked correct, if any."""
        return correct_index(self.spec)

    @property
    def passage(self) -> str | None:
        """The id of the passage the question quotes, if it names one."""
        return self.spec.get("passage")

    @property
    def fixed(self) -> bool:
        """``order: fixed``: its options are shown in the order written."""
        return is_fixed(self.spec)


@dataclass(frozen=True)
class LateralStep:
    """One modelled step of a lateral reading: what to search, where to look, what to look for, how to weigh it."""

    search: str
    """What to type (plain text, shown as code)."""
    where: str
    look_for: str
    weigh: str


@dataclass(frozen=True)
class LateralReading:
    """A lesson's modelled lateral-reading step: leave the page and see what others say about a source or claim.

    ``goal``, ``finding``, ``check_yourself`` and each step's ``look_for`` and ``weigh`` are lesson prose.
    """

    title: str
    goal: str
    steps: tuple[LateralStep, ...]
    finding: str
    true_as_of: str
    """When the finding was last checked true: ``YYYY-MM`` or ``YYYY-MM-DD``."""
    check_yourself: str

    @classmethod
    def of(cls, spec: dict) -> LateralReading:
        """The typed view of a schema-valid ``lateral_reading`` mapping."""
        steps = tuple(LateralStep(s["search"], s["where"], s["look_for"], s["weigh"]) for s in spec["steps"])
        return cls(spec["title"], spec["goal"], steps, spec["finding"], spec["true_as_of"], spec["check_yourself"])


@dataclass
class Lesson:
    """One validated lesson with every quote anchored."""

    id: str
    path: str
    data: dict
    passages: dict[str, Passage] = field(default_factory=dict)
    annotations: list[Annotation] = field(default_factory=list)
    exercises: list[Exercise] = field(default_factory=list)
    locator: Locator = field(default_factory=Locator)
    """Where each value of the lesson file is (for diagnostics about the whole course)."""

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def article_ids(self) -> list[str]:
        return sorted({p.article.id for p in self.passages.values()})

    @cached_property
    def questions(self) -> list[Question]:
        """Its self-check questions, in order."""
        return [Question(self, i, spec) for i, spec in enumerate(self.data["self_check"])]

    @cached_property
    def lateral_reading(self) -> LateralReading | None:
        """Its modelled lateral-reading step, if it has one."""
        spec = self.data.get("lateral_reading")
        return LateralReading.of(spec) if spec else None


# ---- the close-reading inventory ----

@dataclass(frozen=True)
class Reading:
    """An entry of the close-reading inventory (seeds/close-reading.yaml), anchored: ``[start, end)`` in its article.

    ``kind`` is ``"loaded"`` (charged words) or ``"attribution"`` (a claim credited to someone).
    """

    article: str
    start: int
    end: int
    kind: str
    technique: str | None
    why: str
    quote: str
    line: int
    """Where it is written in seeds/close-reading.yaml."""


# ---- the course ----

@dataclass
class Course:
    """Everything the renderers need, all of it verified (complete once made: ``index`` is computed from it)."""

    root: Path
    articles: dict[str, Article] = field(default_factory=dict)
    glossary: dict[str, dict] = field(default_factory=dict)
    lessons: list[Lesson] = field(default_factory=list)
    readings: list[Reading] | None = None
    """The close-reading inventory, anchored (None: the course has no seeds/close-reading.yaml)."""
    prepost: PrePost | None = None
    """The pre/post check's two forms (``builder.prepost.PrePost``), None when the course has none."""

    @cached_property
    def index(self) -> CourseIndex:
        """What is counted across the lessons, computed on first use."""
        return CourseIndex.of(self)


@dataclass
class CourseIndex:
    """The course read across its lessons, in course order: who quotes what, and how often.

    Pages, notebooks and course-wide checks read it instead of walking every lesson themselves.
    """

    quotes: dict[str, list[tuple[Lesson, Passage]]] = field(default_factory=dict)
    """Article id → every ``(lesson, passage)`` quoting it."""
    examples: dict[str, list[tuple[Lesson, Annotation]]] = field(default_factory=dict)
    """Technique id → every ``(lesson, annotation)`` marking it."""
    techniques: Counter[tuple[str, str]] = field(default_factory=Counter)
    """``(technique id, article id)`` → annotated spans."""
    annotations: Counter[str] = field(default_factory=Counter)
    """Article id → annotated spans."""
    questions: list[Question] = field(default_factory=list)
    """Every self-check question."""
    orders: dict[str, list[list[int]]] = field(default_factory=dict)
    """Lesson id → the order each of its questions' options are shown in (``options.place``)."""
    exercise_orders: dict[tuple[str, str, int], list[int]] = field(default_factory=dict)
    """``(lesson id, exercise id, question number from 1)`` → the order a notebook choice question's options are
    shown in (``options.place``, over the course's exercise questions: placed apart from the self-checks)."""

    @classmethod
    def of(cls, course: Course) -> CourseIndex:
        """The index of ``course`` (its lessons, in order), in one pass."""
        index = cls()
        for lesson in course.lessons:
            for passage in lesson.passages.values():
                index.quotes.setdefault(passage.article.id, []).append((lesson, passage))
            for note in lesson.annotations:
                index.examples.setdefault(note.technique, []).append((lesson, note))
                index.techniques[note.technique, note.passage.article.id] += 1
                index.annotations[note.passage.article.id] += 1
            index.questions += lesson.questions
        placed = iter(place((q.lesson.id, q.spec) for q in index.questions))
        for lesson in course.lessons:
            index.orders[lesson.id] = [next(placed) for _ in lesson.questions]
        choices = [((lesson.id, exercise.spec["id"], k), question) for lesson in course.lessons
                   for exercise in lesson.exercises
                   for k, question in enumerate(exercise.spec.get("questions") or (), 1) if "options" in question]
        orders = place((f"{where[0]}/{where[1]}", question) for where, question in choices)
        index.exercise_orders = {where: order for (where, _), order in zip(choices, orders)}
        return index

    def lessons_quoting(self, article_id: str) -> int:
        """How many lessons quote the article."""
        return len({id(lesson) for lesson, _ in self.quotes.get(article_id, [])})

    def order(self, question: Question) -> list[int]:
        """The order ``question``'s options are shown in: ``order[k]`` is the index, as written, of the k-th shown."""
        return self.orders[question.lesson.id][question.index]
