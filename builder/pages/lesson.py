"""The lesson page: objectives, passages, contrasts, annotations, self-check, transfer, notes."""

from __future__ import annotations

import hashlib
import json
import re

from .. import credit
from ..coldread import NOTEBOOK_REVEAL_ROLE
from ..escape import quoted
from ..markup import admonition, attrs, block_div, details, grid
from ..options import lesson_orders
from . import coldread
from .common import (
    FAMILIES,
    GLOSSARY_URI,
    STRANDS,
    PageContext,
    article_uri,
    front_matter,
    highlighted,
    html_line,
    mark_tag,
    md_text,
)
from .lateral import render_lateral


def render_lesson(page: PageContext) -> str:
    """Markdown for one lesson page (``page.item``: the lesson; its notebook, if built, is offered)."""
    lesson, course, prose = page.item, page.course, page.prose
    notebook = page.notebooks.get(f"student/{lesson.id}.ipynb")
    data = lesson.data
    parts = [front_matter(data["title"]), f"# {md_text(data['title'])}\n", _meta_line(page)]
    parts.append("## Objectives\n\nBy the end of this lesson you can:\n\n"
                 + "\n".join(f"- {prose.inline(o)}" for o in data["objectives"]) + "\n")
    if data.get("introduction"):
        parts.append(prose.block(data["introduction"]) + "\n")
    parts.append("## Passages\n")
    core = _core_passages(data)
    run: list = []  # passages no task names, in a row: folded together
    for p in lesson.passages.values():
        if p.id not in core and not p.cold_read and core:
            run.append(p)
            continue
        if run:
            parts.append(_folded_passages(page, run))
            run = []
        if p.cold_read:
            parts.append(_passage_label(page, p)
                         + coldread.cold_passage(page, p, highlighted_quote(page, p, f"reveal-{p.id}")))
        else:
            parts.append(_passage_label(page, p) + _passage(page, p))
    if run:
        parts.append(_folded_passages(page, run))
    if lesson.annotations:
        parts.append(_annotation_list(page))
    if data.get("worked_example"):
        parts.append(_folded_section("Worked example", "example", "Follow a careful reader, step by step",
                                     prose.block(data["worked_example"])))
    if data.get("contrasts"):
        parts.append("## Side by side\n")
        parts += [_contrast(page, c, i) for i, c in enumerate(data["contrasts"], 1)]
    if lesson.lateral_reading:
        parts.append(render_lateral(page))
    parts.append(_self_check(page, lesson_orders(course, lesson)))
    if lesson.exercises:
        parts.append(_exercises(page, notebook))
    if data.get("debrief"):
        parts.append(details("success", "After you have tried: what a careful reader finds",
                             prose.block(data["debrief"])))
    if data.get("transfer"):
        parts.append(_folded_section("Take it further", "tip", "Try it on the news you read",
                                     prose.block(data["transfer"])))
    parts.append(_teacher_notes(page, data["teacher_notes"]))
    return "\n".join(parts)


def _core_passages(data: dict) -> set[str]:
    """The passages the lesson's tasks name (contrasts, self-checks, exercises, cold reads): shown open. The
    others are more to read closely, each folded under its number, so a phone page stays a few screens long."""
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "passage" and isinstance(item, str):
                    found.add(item)
                elif key == "passages" and isinstance(item, list):
                    found.update(x for x in item if isinstance(x, str))
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk({k: v for k, v in data.items() if k not in ("passages", "annotations")})
    found.update(p["id"] for p in data.get("passages", []) if isinstance(p, dict) and p.get("cold_read"))
    return found


def _folded_passages(page: PageContext, passages: list) -> str:
    """Passages in a row that no task names, folded together under their numbers and count of highlights (a
    link to one opens the fold)."""
    marks = sum(1 for note in page.item.annotations if note.passage in passages)
    first, last = _passage_number(page, passages[0]), _passage_number(page, passages[-1])
    span = {first: f"Passage {first}", first + 1: f"Passages {first} and {last}"}.get(
        last, f"Passages {first} to {last}")
    summary = span + ": more to read closely"
    summary += f" ({_count(marks, 'highlight')})" if marks else ""
    body = "\n".join(_passage_label(page, p) + _passage(page, p) for p in passages)
    return details("quote", summary, body, open=page.edition == "teacher")


def _folded_section(heading: str, kind: str, summary: str, body: str) -> str:
    """A section whose heading stays in the page (and its table of contents) while its body folds: on a phone
    the lesson stays a few screens long, and a tap opens it."""
    return f"## {md_text(heading)}\n\n" + details(kind, summary, body)


def _meta_line(page: PageContext) -> str:
    lesson = page.item
    strands = ", ".join(STRANDS[s] for s in lesson.data["strands"])
    articles = ", ".join(f"[{credit.md_article_name(page.course.articles[a])}]({page.link(article_uri(a))})"
                         for a in lesson.article_ids)
    return (f"**Strands:** {md_text(strands)} · **Time:** {lesson.data['minutes']} minutes  \n"
            f"**Articles quoted:** {articles}\n{attrs('ff-meta', block=True)}\n")


def _passage(page: PageContext, passage, element_id: str | None = None, with_note: bool = True) -> str:
    """A passage as a quotation with its highlights, source link and (unless ``with_note=False``) its note."""
    prose = page.prose
    element_id = element_id or f"passage-{passage.id}"
    body = highlighted_quote(page, passage, element_id)
    source = (f"— [{credit.md(credit.credit(passage))}]"
              f"({page.link(article_uri(passage.article.id), f'p-{passage.paragraph}')})")
    out = [f"> {body}\n", f"{source}\n{attrs('ff-source', block=True)}\n"]
    if with_note and passage.spec.get("note"):
        out.append(prose.block(passage.spec["note"]) + "\n")
    return block_div("ff-passage", "\n".join(out), id=element_id)


def highlighted_quote(page: PageContext, passage, element_id: str) -> str:
    """The passage's words with its highlights, each with its note (ids made from ``element_id``)."""
    lesson, course, prose = page.item, page.course, page.prose
    marks: list[tuple] = []
    ends: dict[int, str] = {}
    for note in lesson.annotations:
        if note.passage is passage:
            term = course.glossary.get(note.technique, {})
            tip_id = f"{element_id}-tip-{note.number}"
            tip = (f'<span class="ff-tip" role="tooltip" id="{html_line(tip_id)}" data-search-exclude><strong>'
                   f"{md_text(term.get('term', note.technique))}</strong>: {prose.inline(note.explanation)}</span>")
            marks.append((note.start, note.end, mark_tag(
                f"ff-mark ff-family-{term.get('family', 'other')}", "",
                f' tabindex="0" data-note="{note.number}" aria-describedby="{html_line(tip_id)}"'), tip))
            ends[note.end] = (ends.get(note.end, "")  # two notes may end on one word: both numbers show
                              + f'<sup class="ff-note-ref">[{note.number}](#note-{note.number})</sup>')
    return highlighted(passage.text, passage.start, marks, ends)


def _annotation_list(page: PageContext) -> str:
    lesson, course, prose = page.item, page.course, page.prose
    families = []
    for note in lesson.annotations:
        family = course.glossary.get(note.technique, {}).get("family", "other")
        if family not in families:
            families.append(family)
    legend = " ".join(f'<span class="ff-legend-item"><mark class="ff-mark ff-family-{f}">'
                      f"{md_text(FAMILIES.get(f, f))}</mark></span>" for f in families)
    lines = ["**What the highlights mean.** Each highlight marks a technique from the "
             f"[glossary]({page.link(GLOSSARY_URI)}): hover, tap or Tab to it to read its note. "
             f"**Colours:** {legend}\n{attrs('ff-legend', block=True)}\n"]
    notes = []
    for note in lesson.annotations:
        term = course.glossary.get(note.technique, {"term": note.technique})
        notes.append(f'{note.number}. <span class="ff-anchor" id="note-{note.number}"></span>'
                     f"**[{md_text(term['term'])}]({page.link(GLOSSARY_URI, note.technique)})**: "
                     f"{md_text(quoted(note.text))} ({credit.md_short(credit.credit(note.passage))}). "
                     f"{prose.inline(note.explanation)}" + _back_link(note))
    return "\n".join(lines) + "\n" + _folded_notes(notes)


def _folded_notes(notes: list[str]) -> str:
    """The numbered notes in a folded box (a note's number in a passage links into it and opens it)."""
    return details("note", f"The notes, one by one ({_count(len(notes), 'note')})", "\n".join(notes))


def _count(n: int, noun: str) -> str:
    """"1 note", "3 notes"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _back_link(note) -> str:
    """A link from a note back to its passage."""
    return f" [Back to the passage](#passage-{note.passage.id}){attrs('ff-back')}"


def _passage_number(page: PageContext, passage) -> int:
    """The passage's number on its lesson page (1 for the first under "Passages")."""
    return list(page.item.passages.values()).index(passage) + 1


def _passage_label(page: PageContext, passage) -> str:
    """"Passage 2" over a passage: what the contrasts and questions refer to it by."""
    return f"**Passage {_passage_number(page, passage)}**\n{attrs('ff-passage-label', block=True)}\n\n"


def _passage_ref(page: PageContext, passage, source: bool = True, words: int = 6) -> str:
    """A passage named by its number (and ``source``), with its first words and a link up to it, not quoted again."""
    tokens = passage.text.split()
    excerpt = " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")
    named = f" ({credit.md_short(credit.credit(passage))})" if source else ""
    return f"[Passage {_passage_number(page, passage)}](#passage-{passage.id}){named}: “{md_text(excerpt)}”"


def _contrast(page: PageContext, contrast, number) -> str:
    lesson = page.item
    title = contrast.get("title") or f"Contrast {number}"
    # Each passage is shown once, under "Passages": side by side go its number, source and first words.
    cells = [block_div("ff-passage-ref", _passage_ref(page, lesson.passages[pid]) + "\n")
             for pid in contrast["passages"] if pid in lesson.passages]
    return "\n".join([
        f"### {md_text(title)}\n",
        grid("ff-contrast", cells),
        admonition("question", "Compare", page.prose.block(contrast["question"])),
        '<div class="ff-answer-space" aria-hidden="true"></div>\n',
    ])


def _self_check(page: PageContext, orders: list[list[int]]) -> str:
    """The questions, each with its options in the order the builder placed them (``builder/options.py``).

    The site's script pairs the n-th option with the n-th feedback, so both lists follow the same order, and
    shows a feedback only once the student has picked. The folded answers are for readers without JavaScript;
    the teacher edition (``ff-key``) shows them open, on screen and in print.
    """
    lesson, prose, edition = page.item, page.prose, page.edition
    out = ["## Check yourself\n",
           '<p class="ff-quiz-progress" hidden></p>\n']
    letters = "ABCDEFGH"
    for i, (question, order) in enumerate(zip(lesson.questions, orders), 1):
        options = [question.options[k] for k in order]
        # The browser saves progress under this key: once the options or their order change, an old answer is
        # forgotten instead of being read as the option now in its place.
        version = hashlib.sha256("\x1f".join(o.text for o in options).encode("utf-8")).hexdigest()[:8]
        key = f"{lesson.id}/{i}/{version}"
        quiz = [f"**Question {i}.** " + prose.inline(question.prompt) + "\n"]
        if question.passage in lesson.passages:
            quiz.append(_passage_ref(page, lesson.passages[question.passage], source=False) + "\n")
        quiz.append(block_div("ff-options", "\n".join(f"- **{letters[j]}.** {prose.inline(o.text)}"
                                                      for j, o in enumerate(options)) + "\n"))
        feedback = []
        for j, option in enumerate(options):
            feedback.append(f'- <span class="ff-fb" data-correct="{str(option.correct).lower()}">'
                            f"**{letters[j]}.{_verdict(option.feedback, option.correct)}** "
                            f"{prose.inline(option.feedback)}</span>")
        quiz.append(_answers(feedback, edition))
        quiz.append('<div class="ff-answer-space" aria-hidden="true"></div>\n')
        out.append(block_div("ff-quiz ff-key" if edition == "teacher" else "ff-quiz", "\n".join(quiz),
                             id=f"check-{i}", data_quiz=key))
    return "\n".join(out)


def _answers(feedback: list[str], edition: str) -> str:
    """Every option's verdict and feedback: folded for the student (tried first), open in the teacher edition."""
    if edition == "teacher":
        return details("success", "Answer key", "\n".join(feedback), open=True)
    return details("success", "After you have tried: every answer and its feedback", "\n".join(feedback))


_SAYS_RIGHT = ("correct", "right", "yes")
_SAYS_WRONG = ("no", "not", "wrong", "incorrect")


def _verdict(feedback: str, correct: bool) -> str:
    """" Correct." / " Not quite." unless the feedback already opens with its own verdict."""
    first = feedback.strip().split(maxsplit=1)[0].strip(".,!:;").lower() if feedback.strip() else ""
    if first in (_SAYS_RIGHT if correct else _SAYS_WRONG):
        return ""
    return " Correct." if correct else " Not quite."


def _exercises(page: PageContext, notebook: str | None) -> str:
    """The lesson's notebook exercises, each listed as its kind writes it, and the notebook to download."""
    lesson, edition = page.item, page.edition
    out = ["## Practice in a notebook\n"]
    tasks: list[str] = []
    for exercise in lesson.exercises:
        tasks += exercise.kind.page_lines(page, exercise.spec)
    asks = f"What the notebook asks ({_count(len(lesson.exercises), 'exercise')})"
    out.append(details("abstract", asks, "\n".join(tasks)))
    if notebook:
        out.append(f"\n[Download the exercise notebook](../notebooks/{lesson.id}.ipynb){{ .md-button download }}"
                   + (f" [Teacher notebook](../notebooks/teacher/{lesson.id}.ipynb){{ .md-button download }}"
                      if edition == "teacher" else "") + "\n")
        out.append("The notebook gives feedback as you work. Open it in JupyterLab, Jupyter Notebook, JupyterLite, "
                   "Colab or your school's JupyterHub. It needs only Python: nothing to install.\n")
        out.append(_preview(notebook))
    return "\n".join(out) + "\n"


def _preview(notebook: str) -> str:
    """A read-only preview of the notebook's exercise cells (the setup cell is left out)."""
    cells = json.loads(notebook)["cells"]
    lines = ['??? example "Preview the notebook"\n']
    for cell in cells[1:]:
        source = "".join(cell["source"])
        role = cell.get("metadata", {}).get("five_frames", {}).get("role")
        if role == "setup":
            continue
        if role == NOTEBOOK_REVEAL_ROLE:  # the preview is on the page before the student has answered
            lines += [_indent("*The reveal of the cold read: in the notebook, after your answer.*"), ""]
            continue
        if cell["cell_type"] == "markdown":
            source = re.sub(r"^#+ (.*)$", r"**\1**", source, flags=re.M)
            lines += [_indent(source), ""]
        else:
            fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", source)), default=0))
            lines += [_indent(f"{fence}python\n{source.rstrip()}\n{fence}"), ""]
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line.strip() else "" for line in text.splitlines())


def _teacher_notes(page: PageContext, notes: dict) -> str:
    if page.edition != "teacher":
        return admonition("info", "For teachers", "Timing, likely misconceptions and model answers for this lesson "
                          "are in the teacher edition of the site.")
    prose = page.prose
    out = ["## Teacher notes\n", admonition("note", "Timing", prose.block(notes["timing"]))]
    if notes.get("misconceptions"):
        out.append(admonition("warning", "Likely misconceptions",
                              "\n".join(f"- {prose.inline(m)}" for m in notes["misconceptions"])))
    if notes.get("answers"):
        out.append(details("tip", "Model answers", prose.block(notes["answers"])))
    if notes.get("background"):
        out.append(details("abstract", "Background for the teacher", prose.block(notes["background"])))
    return "\n".join(out)
