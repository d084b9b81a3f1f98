"""Printable answer keys: one self-contained HTML page per lesson, and an index.

The teacher edition has every self-check question with its options in the site's order and letters, the
right answer, the feedback for each option, and the key to each notebook exercise (its kind's ``key``:
model answers, rubrics, the spans and labels the notebook checks against), then the lesson's model answers
from its teacher notes. The student edition is a question sheet: the same questions and options, no answers.
Pages carry their own print style (A4 or Letter, no navigation when printed) and fetch nothing.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from ..escape import quoted
from ..notebooks import PayloadContext, glossary_terms
from .common import (
    COURSE_TITLE,
    SelfCheck,
    Writer,
    html_string,
    lesson_title,
    self_checks,
    text_element,
)

STYLE = """
:root { font-family: Georgia, 'Times New Roman', serif; line-height: 1.4; color: #111; }
body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #999; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
.kicker, .ff-source, .label { font-family: Helvetica, Arial, sans-serif; font-size: 0.85rem; color: #444; }
.edition { font-family: Helvetica, Arial, sans-serif; font-weight: bold; }
blockquote { margin: 0.5rem 0; padding: 0.2rem 0.8rem; border-left: 3px solid #777; }
ol.options { list-style: none; padding-left: 0.5rem; }
ol.options > li { margin: 0.35rem 0; }
li.right > .choice { font-weight: bold; }
.feedback { margin: 0.15rem 0 0 1.6rem; font-size: 0.92rem; }
.answer { font-weight: bold; }
ol.key { padding-left: 1.4rem; }
.question, .key-item { break-inside: avoid; page-break-inside: avoid; margin-bottom: 1rem; }
.write-in { border-bottom: 1px solid #999; height: 1.6rem; width: 10rem; }
@page { size: auto; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  nav, .screen-only { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
"""
"""The pages' own style: ``size: auto`` prints on the printer's paper, A4 or Letter."""

TEACHER, STUDENT = "teacher", "student"


def _page(title: str, edition: str) -> tuple[Element, Element]:
    """An HTML page with its head filled in; returns the page and its body."""
    html = Element("html", lang="en")
    head = SubElement(html, "head")
    SubElement(head, "meta", charset="utf-8")
    SubElement(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    text_element(head, "title", title)
    SubElement(head, "style").text = STYLE
    body = SubElement(html, "body")
    kicker = SubElement(body, "p", {"class": "kicker"})
    kicker.text = f"{COURSE_TITLE} · "
    text_element(kicker, "span", "Teacher's answer key: not for students" if edition == TEACHER
                 else "Self-check questions", {"class": "edition"})
    return html, body


def _document(html: Element) -> bytes:
    return ("<!DOCTYPE html>\n" + html_string(html) + "\n").encode("utf-8")


def _choices(parent: Element, choices, writer: Writer, teacher: bool) -> None:
    """The options, lettered; in the teacher edition the right one is marked and each has its feedback."""
    options = SubElement(parent, "ol", {"class": "options"})
    for choice in choices:
        item = SubElement(options, "li", {"class": "right" if teacher and choice.correct else "option"})
        line = SubElement(item, "div", {"class": "choice"})
        text_element(line, "span", f"{choice.letter}. ", {"class": "letter"})
        writer.prose(SubElement(line, "span"), choice.text, inline=True)
        if teacher:
            text_element(line, "span", " ✓ right answer" if choice.correct else "", {"class": "label"})
            writer.prose(SubElement(item, "div", {"class": "feedback"}), choice.feedback)
    if teacher:
        right = next((c for c in choices if c.correct), None)
        if right is not None:
            text_element(parent, "p", f"Answer: {right.letter}", {"class": "answer"})


def _self_check(body: Element, check: SelfCheck, writer: Writer, teacher: bool) -> None:
    section = SubElement(body, "section", {"class": "question", "id": f"question-{check.number}"})
    text_element(section, "h3", f"Question {check.number}")
    if check.passage is not None:
        writer.passage(section, check.passage)
    writer.prose(section, check.prompt)
    _choices(section, check.choices, writer, teacher)
    if not teacher:
        text_element(section, "div", "", {"class": "write-in"})


def _key_item(parent: Element, item, writer: Writer) -> None:
    entry = SubElement(parent, "li", {"class": "key-item"})
    if item.asked:
        writer.prose(entry, item.asked)
    if item.quote:
        text_element(entry, "p", quoted(item.quote), {"class": "quote"})
    if item.answer:
        text_element(entry, "p", f"Answer: {item.answer}", {"class": "answer"})
    if item.choices:
        _choices(entry, item.choices, writer, teacher=True)
    if item.model:
        text_element(entry, "p", "Model answer", {"class": "label"})
        writer.prose(SubElement(entry, "blockquote", {"class": "model"}), item.model)
    if item.notes:
        if item.notes_label:
            text_element(entry, "p", item.notes_label, {"class": "label"})
        notes = SubElement(entry, "ul", {"class": "notes"})
        for note in item.notes:
            writer.prose(SubElement(notes, "li"), note)


def _exercises(body: Element, course, lesson, writer: Writer) -> None:
    """Each notebook exercise with its key, as its kind gives it."""
    text_element(body, "h2", "Notebook exercises")
    ctx = PayloadContext(lesson, course, glossary_terms(course))
    for number, exercise in enumerate(lesson.exercises, 1):
        spec = exercise.spec
        section = SubElement(body, "section", {"class": "exercise", "id": f"exercise-{number}"})
        text_element(section, "h3", f"Exercise {number}: {spec.get('title') or exercise.kind.title}")
        writer.prose(section, spec["prompt"])
        items = exercise.kind.key(ctx, spec)
        if not items:
            text_element(section, "p", "The notebook holds this exercise's key (teacher edition).", {"class": "label"})
        if items:
            entries = SubElement(section, "ol", {"class": "key"})
            for item in items:
                _key_item(entries, item, writer)


def lesson_page(course, lesson, number: int, checks: list[SelfCheck], edition: str) -> bytes:
    """One lesson's page."""
    teacher = edition == TEACHER
    writer = Writer(course)
    html, body = _page(f"{lesson_title(lesson, number)} · {COURSE_TITLE}", edition)
    nav = SubElement(body, "nav", {"class": "screen-only"})
    text_element(nav, "a", "← All lessons", {"href": "index.html"})
    text_element(body, "h1", lesson_title(lesson, number))
    text_element(body, "h2", "Check yourself")
    for check in checks:
        _self_check(body, check, writer, teacher)
    if teacher and lesson.exercises:
        _exercises(body, course, lesson, writer)
    answers = lesson.data["teacher_notes"].get("answers")
    if teacher and answers:
        text_element(body, "h2", "Model answers from the teacher notes")
        writer.prose(body, answers)
    return _document(html)


def page_name(lesson) -> str:
    return f"{lesson.id}.html"


def render(course, edition: str = "student") -> dict[str, bytes]:
    """``{file name: bytes}``: ``index.html`` and a page per lesson, identical for the same course."""
    heading = "Answer key" if edition == TEACHER else "Self-check questions"
    html, body = _page(f"{heading} · {COURSE_TITLE}", edition)
    text_element(body, "h1", f"{COURSE_TITLE}: {heading.lower()}")
    listing = SubElement(body, "ul", {"class": "lessons"})
    files = {}
    for number, (lesson, checks) in enumerate(self_checks(course), 1):
        files[page_name(lesson)] = lesson_page(course, lesson, number, checks, edition)
        item = SubElement(listing, "li")
        text_element(item, "a", lesson_title(lesson, number), {"href": page_name(lesson)})
        text_element(item, "span", f" ({len(checks)} questions, {len(lesson.exercises)} notebook exercises)"
                     if edition == TEACHER else f" ({len(checks)} questions)", {"class": "label"})
    files["index.html"] = _document(html)
    return files
