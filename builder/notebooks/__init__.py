"""Exercise notebooks: a student and a teacher edition per lesson, built with nbformat.

Notebooks are self-contained: the first cell holds ``runtime.py`` (standard library only)
and the lesson's exercise data, encoded so that answers cannot be read before an attempt.
What differs from one kind of exercise to another (its payload and cells) is in its module of
``builder/kinds``; this module builds the notebook around them and gives them ``PayloadContext``
and ``NotebookContext``. It never imports ``builder.kinds`` (each exercise carries its kind).
"""

from __future__ import annotations

import base64
import functools
import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

import nbformat
from nbformat.v4 import new_notebook
from nbformat.v4.nbjson import BytesEncoder
from nbformat.v4.rwbase import split_lines, strip_transient

from .. import credit
from ..coldread import cold_passages
from ..escape import visible_data
from ..prose import md_text, plain, render
from . import coldread
from .runtime import _tokens
from .seal import seal

if TYPE_CHECKING:
    from ..model import Course, Lesson, Passage

RUNTIME = resources.files(__package__).joinpath("runtime.py").read_text(encoding="utf-8")
SETUP_FIRST = "Run the first cell (the setup cell) first: it loads the exercises."


def new_markdown_cell(source: str, cell_id: str):
    """A markdown cell (like ``nbformat.v4.new_markdown_cell``, validated once with the notebook)."""
    return nbformat.from_dict({"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": source})


def new_code_cell(source: str, cell_id: str):
    """A code cell with no outputs yet (validated once with the notebook)."""
    return nbformat.from_dict({"cell_type": "code", "id": cell_id, "metadata": {}, "source": source,
                               "execution_count": None, "outputs": []})


def digest(exercise_id: str, item, value: str) -> str:
    """Must match ``runtime._digest`` (which also folds case and typography)."""
    from .runtime import _digest
    return _digest(exercise_id, item, value)


class _Cells:
    """Collects cells with deterministic ids."""

    def __init__(self, lesson_id: str):
        self.lesson_id = lesson_id
        self.cells: list = []

    def _id(self) -> str:
        return f"ff-{len(self.cells):03d}"

    def md(self, source: str):
        self.cells.append(new_markdown_cell(source.strip() + "\n", self._id()))

    def code(self, source: str, **five_frames):
        cell = new_code_cell(source.strip() + "\n", self._id())
        if five_frames:
            cell.metadata["five_frames"] = five_frames
        self.cells.append(cell)
        return cell


def glossary_terms(course: Course) -> dict[str, str]:
    """Each glossary term's name by its id: what ``[[term-id]]`` in lesson prose shows."""
    return {tid: t["term"] for tid, t in course.glossary.items()}


@dataclass
class PayloadContext:
    """What a kind's ``payload`` needs: the lesson, its course, and course-wide counts."""

    lesson: Lesson
    course: Course
    terms: dict[str, str]

    def plain(self, text: str) -> str:
        """Lesson prose as the plain text the runtime prints."""
        return plain(text, self.terms)

    def annotation_counts(self) -> Counter[str]:
        """Annotated spans per article id, across the whole course (``course.index``)."""
        return self.course.index.annotations


@dataclass
class NotebookContext:
    """What a kind's ``cells`` needs: the notebook being built, its lesson and course, its edition."""

    cells: _Cells
    lesson: Lesson
    course: Course
    teacher: bool
    """The teacher edition: answer cells hold the key and model answers."""
    terms: dict[str, str] = field(default_factory=dict)

    def prose(self, text: str) -> str:
        """Lesson prose as notebook Markdown (glossary references as plain words)."""
        return render(text, lambda term: None, self.terms).strip()

    def md(self, source: str) -> None:
        """Add a markdown cell."""
        self.cells.md(source)

    def code(self, source: str, **five_frames):
        """Add a code cell; ``five_frames`` goes in its metadata (``role``, ``exercise``, ``question``)."""
        return self.cells.code(source, **five_frames)

    def passage_md(self, passage_id: str) -> str:
        """A passage of the lesson as a quotation with its source and its note."""
        return passage_md(self.lesson.passages[passage_id], self.prose)

    def answer_cell(self, exercise_id: str, value: str, question: int | None = None):
        """A learner's cell: ``answer = <value>`` (Python source), then the guarded ``check()`` call."""
        call = f"check({exercise_id!r}, answer" + (f", question={question})" if question else ")")
        meta = {"role": "answer", "exercise": exercise_id} | ({"question": question} if question else {})
        return self.code(f"answer = {value}\n\n" + guarded(call), **meta)


def notebook_payload(lesson, course, vocabulary: list[str] | None = None) -> dict:
    """Exercise data for the runtime: texts to show plus encoded or hashed keys.

    ``vocabulary`` (see ``course_vocabulary``) is computed when not given.
    """
    ctx = PayloadContext(lesson, course, glossary_terms(course))
    payload = {}
    for number, exercise in enumerate(lesson.exercises, 1):
        spec = exercise.spec
        payload[spec["id"]] = {"id": spec["id"], "kind": spec["kind"], "number": number,
                               **exercise.kind.payload(ctx, spec)}
    return {"exercises": payload, "vocabulary": course_vocabulary(course) if vocabulary is None else vocabulary}


def course_vocabulary(course) -> list[str]:
    """Every word of the articles, the lessons and the glossary: what a written answer is checked against."""
    from ..lessons import prose_fields  # the loader imports this package's runtime
    words: set[str] = set()
    for article in course.articles.values():
        words.update(_words(str(article.text)))
    for data in [lesson.data for lesson in course.lessons] + [course.glossary]:
        for _, text in prose_fields(data):
            words.update(_words(str(text)))
    return sorted(w for w in words if not w.isdigit())


@functools.lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    """The folded words of one text, remembered: a preview re-reads one edited lesson, not every text."""
    return frozenset(_tokens(text))


def encode(payload: dict) -> str:
    """Compressed, base64-encoded JSON: not readable at a glance, stable byte for byte.

    Control characters in any text are shown as U+FFFD: the runtime prints these texts, and an
    escape sequence in them could fake the feedback.
    """
    return _encoded(json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")))


@functools.lru_cache(maxsize=1024)
def _encoded(payload_json: str) -> str:
    """``encode`` of the payload written as ``payload_json``, remembered: a preview re-encodes only what changed."""
    payload = json.loads(payload_json)
    raw = json.dumps(visible_data(payload), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def new_exercise_notebook(lesson, course, edition: str = "student", payload: str | None = None):
    """The notebook for one lesson; ``edition='teacher'`` fills in model answers and notes.

    ``payload`` is the encoded exercise data (both editions share it; pass it to encode once).
    """
    teacher = edition == "teacher"
    nb = NotebookContext(_Cells(lesson.id), lesson, course, teacher, glossary_terms(course))
    prose, cells = nb.prose, nb.cells
    title = md_text(lesson.title)
    cells.md(f"# {title}: exercises{' (teacher edition)' if teacher else ''}\n\n"
             "*Five Frames* exercise notebook. Run each cell in order with **Shift+Enter**. Cells marked ✏️ are "
             "yours: type your answer where shown, then run the cell to get feedback. You can try again as often "
             "as you like.\n\n**Objectives**\n\n" + "\n".join(f"- {md_text(o)}" for o in lesson.data["objectives"]))
    if teacher:
        notes = lesson.data["teacher_notes"]
        text = f"## Teacher notes\n\n**Timing.** {prose(notes['timing'])}\n"
        if notes.get("misconceptions"):
            text += "\n**Likely misconceptions**\n\n" + "\n".join(f"- {prose(m)}" for m in notes["misconceptions"])
        if notes.get("answers"):
            text += f"\n\n**Model answers**\n\n{prose(notes['answers'])}"
        cells.md(text)
    payload = payload or encode(notebook_payload(lesson, course))
    setup = cells.code("# Run this cell first. It loads the exercises and the feedback helpers.\n"
                       + runtime_source(e.kind for e in lesson.exercises) + f"\n_setup({payload!r})", role="setup")
    setup.metadata["jupyter"] = {"source_hidden": True}
    setup.metadata["tags"] = ["five-frames-setup"]
    later = coldread.reveals_after(lesson)
    for passage in cold_passages(lesson):  # read cold before any exercise shows its highlights
        coldread.cold_read_cells(nb, passage)
        if not any(passage in waiting for waiting in later.values()):
            coldread.reveal_cell(nb, passage)
    for number, exercise in enumerate(lesson.exercises, 1):
        spec = exercise.spec
        heading = (f"## Exercise {number}: {md_text(spec.get('title') or exercise.kind.title)}\n\n"
                   f"{prose(spec['prompt'])}\n\n")
        exercise.kind.cells(nb, spec, heading)
        for passage in later.get(number, []):
            coldread.reveal_cell(nb, passage)
    cells.md("## How did you do?\n\nRun the cell below for a summary of your checks.")
    cells.code(guarded("progress()"), role="progress")
    return new_notebook(cells=cells.cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "five_frames": {"lesson": lesson.id, "edition": edition}})


def runtime_source(kinds) -> str:
    """``runtime.py``, then the runtime code of each of these kinds that brings its own, registered.

    What a notebook's setup cell holds before ``_setup(...)``, for the kinds of its exercises.
    """
    text = RUNTIME
    for kind in {kind.name: kind for kind in kinds if kind.runtime}.values():
        text += (f"\n\n# ---- {kind.title} ----\n\n{kind.runtime.strip()}\n\n"
                 f"_CHECKS[{kind.name!r}] = {kind.checker}\n")
        if kind.revealer:
            text += f"_KEYS[{kind.name!r}] = {kind.revealer}\n"
    return text


def passage_md(passage: Passage, prose=None) -> str:
    """A passage as a quotation with its source, and its note from the lesson when there is one."""
    text = f"> {md_text(passage.text)}\n>\n> — {credit.md(credit.credit(passage))}"
    if prose and passage.spec.get("note"):
        text += f"\n\n*Note:* {prose(passage.spec['note'])}"
    return text


def guarded(call: str) -> str:
    """``call`` in a cell that says what to do, not a NameError, when the setup cell has not run."""
    found = re.search(r"(\w+)\(", call)
    if found is None:
        raise ValueError(f"not a call: {call!r}")
    name = found.group(1)
    return f"if {name!r} in globals():\n    {call}\nelse:\n    print({SETUP_FIRST!r})"


def comment_line(text: str) -> str:
    """Lesson text made safe for one Python comment line (no line break can end the comment)."""
    return " ".join(str(text).split())[:60]


def in_triple_quotes(text: str) -> str:
    """Lesson text made safe inside a \"\"\"...\"\"\" string: it can never close the string early."""
    return str(text).replace("\\", "\\\\").replace('"', '\\"')


def render_notebooks(course, editions=("student", "teacher")) -> dict[str, str]:
    """``{"student/<id>.ipynb": json, "teacher/<id>.ipynb": json}`` for lessons with exercises."""
    out = {}
    vocabulary = course_vocabulary(course)
    for lesson in course.lessons:
        if not lesson.exercises:
            continue
        payload = encode(notebook_payload(lesson, course, vocabulary))
        for edition in editions:
            out[f"{edition}/{lesson.id}.ipynb"] = _writes(new_exercise_notebook(lesson, course, edition, payload))
    return out


def _writes(nb) -> str:
    """Validate, then serialise exactly as ``nbformat.writes`` does, minus its defensive deep copy.

    The notebook was built for this call and is not used again, so it may be changed in place.
    It is sealed with the hash of its own text (see ``seal``), so a hand-out can tell it is untouched.
    """
    nbformat.validate(nb)
    nb = strip_transient(split_lines(nb))
    return seal(nb, lambda nb: json.dumps(nb, cls=BytesEncoder, indent=1, sort_keys=True, separators=(",", ": "),
                                          ensure_ascii=False))
