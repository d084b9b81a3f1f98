"""Exercise notebooks: a student and a teacher edition per lesson, built with nbformat.

Notebooks are self-contained: the first cell holds ``runtime.py`` (standard library only)
and the lesson's exercise data, encoded so that answers cannot be read before an attempt.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections import Counter
from importlib import resources

import nbformat
from nbformat.v4 import new_notebook
from nbformat.v4.nbjson import BytesEncoder
from nbformat.v4.rwbase import split_lines, strip_transient

from .. import credit
from ..escape import visible_data
from ..prose import md_text, plain, render
from .runtime import LABELS, _tokens, _word_count
from .seal import seal

RUNTIME = resources.files(__package__).joinpath("runtime.py").read_text(encoding="utf-8")
SETUP_FIRST = "Run the first cell (the setup cell) first: it loads the exercises."
LETTERS = "ABCDEFGH"
KINDS = {"spot-loaded-words": "Spot the loaded words", "classify-sources": "Classify the sources",
         "compare-framings": "Compare framings", "by-the-numbers": "By the numbers"}


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
        self.cells = []

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


def notebook_payload(lesson, course, annotation_counts: Counter | None = None,
                     vocabulary: list[str] | None = None) -> dict:
    """Exercise data for the runtime: texts to show plus encoded or hashed keys.

    ``annotation_counts`` (annotated spans per article id, course-wide) and ``vocabulary`` (see
    ``course_vocabulary``) are computed when not given.
    """
    terms = {tid: t["term"] for tid, t in course.glossary.items()}
    payload = {}
    for number, exercise in enumerate(lesson.exercises, 1):
        spec = exercise.spec
        data = {"id": spec["id"], "kind": spec["kind"], "number": number}
        if spec["kind"] == "spot-loaded-words":
            passage = lesson.passages[spec["passage"]]
            data["passage"] = passage.text
            data["notes"] = [_note_payload(n, passage, terms) for n in lesson.annotations if n.passage is passage]
        elif spec["kind"] == "classify-sources":
            data["items"] = [{"attribution": item["attribution"], "digest": digest(spec["id"], n, item["answer"]),
                              "feedback": plain(item["feedback"], terms)}
                             for n, item in enumerate(spec["items"], 1)]
        else:
            passages = [lesson.passages[p] for p in spec.get("passages", [])]
            data["texts"] = [p.text for p in passages]
            loaded = [n.text for n in lesson.annotations if n.passage in passages]
            data["questions"] = [_question_payload(spec["id"], k, q, terms, loaded)
                                 for k, q in enumerate(spec["questions"], 1)]
        if spec["kind"] == "by-the-numbers":
            data["measure"] = spec["measure"]
            if annotation_counts is None:
                annotation_counts = count_annotations(course)
            data["articles"] = [{"label": course.articles[a].meta["short_title"], "text": course.articles[a].text,
                                 "annotations": annotation_counts[a]} for a in lesson.article_ids]
        payload[spec["id"]] = data
    return {"exercises": payload, "vocabulary": course_vocabulary(course) if vocabulary is None else vocabulary}


def _note_payload(note, passage, terms) -> dict:
    """One marked span: where it and its accepted wordings stand in the passage, and what it does."""
    at = lambda start, end: [start - passage.start, end - passage.start]  # noqa: E731
    return {"span": note.text, "at": at(note.start, note.end), "accept": [at(*a) for a in note.accept],
            "also": list(dict.fromkeys(passage.article.text[s:e] for s, e in note.accept)),
            "technique": terms.get(note.technique, note.technique), "explanation": plain(note.explanation, terms)}


def course_vocabulary(course) -> list[str]:
    """Every word of the articles, the lessons and the glossary: what a written answer is checked against."""
    from ..lessons import prose_fields  # the loader imports this package's runtime
    words = set()
    for article in course.articles.values():
        words.update(_tokens(article.text))
    for data in [lesson.data for lesson in course.lessons] + [course.glossary]:
        for _, text in prose_fields(data):
            words.update(_tokens(text))
    return sorted(w for w in words if not w.isdigit())


def count_annotations(course) -> Counter:
    """Annotated spans per article id, across every lesson of the course."""
    return Counter(n.passage.article.id for lesson in course.lessons for n in lesson.annotations)


def _question_payload(exercise_id, number, question, terms, loaded) -> dict:
    if "options" in question:
        correct = next(i for i, o in enumerate(question["options"]) if o.get("correct"))
        return {"options": [{"feedback": plain(o["feedback"], terms)} for o in question["options"]],
                "digest": digest(exercise_id, number, LETTERS[correct])}
    low, high = word_range(question)
    return {"prompt": plain(question["prompt"], terms), "model_answer": plain(question["model_answer"], terms),
            "rubric": [plain(r, terms) for r in question["rubric"]], "min_words": low, "max_words": high,
            "hints": written_hints(question, loaded)}


def word_range(question: dict) -> tuple[int, int]:
    """The words a free answer may have: ``min_words``/``max_words``, or a range around the model answer."""
    model = _word_count(plain(question["model_answer"]))
    high = question.get("max_words", max(2 * model, model + 40))
    low = question.get("min_words", min(high, max(3, round(0.4 * model))))
    return low, high


def written_hints(question: dict, loaded: list[str]) -> dict:
    """Which automatic hints suit a free question, read from its prompt and rubric.

    ``loaded`` are the annotated spans of the exercise's passages; short ones are looked for in
    answers to a task that asks for neutral or plain words.
    """
    task = " ".join([plain(question["prompt"]), *map(plain, question["rubric"])]).lower()
    hints = {}
    if re.search(r"\bneutral (account|version|words?|wording)|\brewrite|\bplain (words?|verbs?)|\bno labels", task):
        hints["loaded"] = [s for s in loaded if len(_tokens(s)) <= 4]
    if "attribut" in task:
        hints["attribution"] = True
    if re.search(r"\bquot|words from the text|own words", task):
        hints["quote"] = True
    if re.search(r"\bnumbers?\b", task):
        hints["number"] = True
    return hints


def encode(payload: dict) -> str:
    """Compressed, base64-encoded JSON: not readable at a glance, stable byte for byte.

    Control characters in any text are shown as U+FFFD: the runtime prints these texts, and an
    escape sequence in them could fake the feedback.
    """
    raw = json.dumps(visible_data(payload), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def new_exercise_notebook(lesson, course, edition: str = "student", payload: str | None = None):
    """The notebook for one lesson; ``edition='teacher'`` fills in model answers and notes.

    ``payload`` is the encoded exercise data (both editions share it; pass it to encode once).
    """
    teacher = edition == "teacher"
    terms = {tid: t["term"] for tid, t in course.glossary.items()}
    prose = lambda text: render(text, lambda term: None, terms).strip()  # noqa: E731
    cells = _Cells(lesson.id)
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
    setup = cells.code("# Run this cell first. It loads the exercises and the feedback helpers.\n"
                       + RUNTIME + f"\n_setup({payload or encode(notebook_payload(lesson, course))!r})",
                       role="setup")
    setup.metadata["jupyter"] = {"source_hidden": True}
    setup.metadata["tags"] = ["five-frames-setup"]
    for number, exercise in enumerate(lesson.exercises, 1):
        _exercise_cells(cells, number, exercise.spec, lesson, course, prose, teacher)
    cells.md("## How did you do?\n\nRun the cell below for a summary of your checks.")
    cells.code(_guarded("progress()"), role="progress")
    nb = new_notebook(cells=cells.cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "five_frames": {"lesson": lesson.id, "edition": edition}})
    return nb


def _passage_md(passage, prose=None) -> str:
    """A passage as a quotation with its source, and its note from the lesson when there is one."""
    text = f"> {md_text(passage.text)}\n>\n> — {credit.md(credit.credit(passage))}"
    if prose and passage.spec.get("note"):
        text += f"\n\n*Note:* {prose(passage.spec['note'])}"
    return text


def _exercise_cells(cells, number, spec, lesson, course, prose, teacher):
    eid, kind = spec["id"], spec["kind"]
    heading = f"## Exercise {number}: {md_text(spec.get('title') or KINDS[kind])}\n\n{prose(spec['prompt'])}\n\n"
    if kind == "spot-loaded-words":
        passage = lesson.passages[spec["passage"]]
        cells.md(heading + _passage_md(passage, prose) + "\n\n✏️ List the words or phrases, each in quotes, separated "
                 "by commas. Copy them exactly from the passage. List only the words that do the work: each phrase "
                 "that goes beyond the marked ones costs a point.")
        spans = [n.text for n in lesson.annotations if n.passage is passage]
        answer = "[\n" + "".join(f"    {json.dumps(s, ensure_ascii=False)},\n" for s in spans) + "]" if teacher \
            else '[\n    # "a word from the passage",\n    # "a whole phrase",\n]'
        cells.code(f"answer = {answer}\n\n" + _guarded(f"check({eid!r}, answer)"), role="answer", exercise=eid)
    elif kind == "classify-sources":
        passage = lesson.passages[spec["passage"]]
        items = "\n".join(f"{n}. “{md_text(item['attribution'])}”" for n, item in enumerate(spec["items"], 1))
        labels = "\n".join(f"- `{k}`: {md_text(v)}" for k, v in LABELS.items())
        cells.md(heading + _passage_md(passage, prose) + f"\n\n**Attributions to label:**\n\n{items}\n\n"
                 f"**Labels:**\n\n{labels}\n\n✏️ Put one label in the quotes after each number.")
        body = "".join(f"    {n}: {json.dumps(item['answer'] if teacher else '')},  # {_comment(item['attribution'])}\n"
                       for n, item in enumerate(spec["items"], 1))
        cells.code(f"answer = {{\n{body}}}\n\n" + _guarded(f"check({eid!r}, answer)"), role="answer", exercise=eid)
    else:
        passages = "\n\n".join(_passage_md(lesson.passages[p], prose) for p in spec.get("passages", []))
        cells.md(heading + passages)
        if kind == "by-the-numbers":
            cells.code(_guarded(f"values = chart({eid!r})"), role="chart", exercise=eid)
        for k, question in enumerate(spec["questions"], 1):
            _question_cells(cells, eid, k, question, prose, teacher)


def _question_cells(cells, eid, k, question, prose, teacher):
    if "options" in question:
        options = "\n".join(f"- **{LETTERS[i]}.** {prose(o['text'])}" for i, o in enumerate(question["options"]))
        cells.md(f"**Question {k}.** {prose(question['prompt'])}\n\n{options}\n\n✏️ Answer with one letter.")
        correct = next(LETTERS[i] for i, o in enumerate(question["options"]) if o.get("correct"))
        cells.code(f"answer = {json.dumps(correct if teacher else '')}\n\n"
                   + _guarded(f"check({eid!r}, answer, question={k})"), role="answer", exercise=eid, question=k)
        return
    low, high = word_range(question)
    cells.md(f"**Question {k}.** {prose(question['prompt'])}\n\n✏️ Write your answer between the triple quotes "
             f"({low} to {high} words in all). The notebook records it and shows a model answer and a rubric, so "
             "you can mark it yourself: a computer cannot judge a written answer.")
    text = " ".join(plain(question["model_answer"]).split()) if teacher else ""
    cells.code(f'answer = """\n{_in_triple_quotes(text)}\n"""\n\n' + _guarded(f"check({eid!r}, answer, question={k})"),
               role="answer", exercise=eid, question=k)
    if teacher:
        rubric = "\n".join(f"- {prose(r)}" for r in question["rubric"])
        cells.md(f"**Teacher note: rubric for question {k}.**\n\n{rubric}")


def _guarded(call: str) -> str:
    """``call`` in a cell that says what to do, not a NameError, when the setup cell has not run."""
    name = re.search(r"(\w+)\(", call).group(1)
    return f"if {name!r} in globals():\n    {call}\nelse:\n    print({SETUP_FIRST!r})"


def _comment(text: str) -> str:
    """Lesson text made safe for one Python comment line (no line break can end the comment)."""
    return " ".join(str(text).split())[:60]


def _in_triple_quotes(text: str) -> str:
    """Lesson text made safe inside a \"\"\"...\"\"\" string: it can never close the string early."""
    return str(text).replace("\\", "\\\\").replace('"', '\\"')


def render_notebooks(course, editions=("student", "teacher")) -> dict[str, str]:
    """``{"student/<id>.ipynb": json, "teacher/<id>.ipynb": json}`` for lessons with exercises."""
    out = {}
    counts, vocabulary = count_annotations(course), course_vocabulary(course)
    for lesson in course.lessons:
        if not lesson.exercises:
            continue
        payload = encode(notebook_payload(lesson, course, counts, vocabulary))
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
