"""Moodle XML: the self-checks for Moodle's question bank (Question bank → Import → Moodle XML format).

One ``category`` question per lesson (``$course$/Five Frames/<n. lesson title>``), then its questions:
``multichoice``, one answer allowed, options not shuffled (the site's order and letters), ``fraction="100"``
on the right answer and ``0`` on the others, and each answer's own feedback. Texts are ``format="html"``:
HTML made from the lesson text (its characters escaped), written into the XML as escaped text.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, indent

from ..escape import html_text, visible
from .common import (
    COURSE_TITLE,
    SelfCheck,
    Writer,
    html_string,
    lesson_title,
    seal,
    self_checks,
    text_element,
    xml_bytes,
)


def _html(parent: Element, tag: str, html: str, **attrib: str) -> Element:
    """``<tag format="html"><text>html</text></tag>``; the HTML is element text, so the XML escapes it."""
    element = SubElement(parent, tag, {"format": "html", **attrib})
    text_element(element, "text", html)
    return element


def category_path(lesson_title_text: str) -> str:
    """The lesson's category under the course's question bank. A ``/`` in a title is doubled (Moodle reads a
    single one as a subcategory); the name is HTML-escaped, as Moodle shows names as HTML with tags removed."""
    name = html_text(" ".join(visible(lesson_title_text).split())).replace("/", "//")
    return f"$course$/{COURSE_TITLE}/{name}"


def _question(quiz: Element, check: SelfCheck, writer: Writer) -> None:
    question = SubElement(quiz, "question", type="multichoice")
    name = f"{check.lesson_number}.{check.number} {writer.plain(check.prompt)}"
    text_element(SubElement(question, "name"), "text", html_text(name[:240]))
    body = Element("div")
    if check.passage is not None:
        writer.passage(body, check.passage)
    writer.prose(SubElement(body, "p"), check.prompt, inline=True)
    _html(question, "questiontext", html_string(body))
    _html(question, "generalfeedback", "")
    for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"), ("idnumber", check.identifier),
                       ("single", "true"), ("shuffleanswers", "0"), ("answernumbering", "ABCD"),
                       ("showstandardinstruction", "0")):
        text_element(question, tag, value)
    for choice in check.choices:
        answer = _html(question, "answer", html_string(writer.prose(Element("span"), choice.text, inline=True)),
                       fraction="100" if choice.correct else "0")
        _html(answer, "feedback", html_string(writer.prose(Element("div"), choice.feedback)))


def render(course, edition: str = "student") -> bytes:
    """The Moodle XML file as bytes (sealed: see ``common.seal``), identical for the same course."""
    writer, quiz = Writer(course), Element("quiz")
    for lesson, checks in self_checks(course):
        if not checks:
            continue
        category = SubElement(quiz, "question", type="category")
        text_element(SubElement(category, "category"), "text",
                     category_path(lesson_title(lesson, checks[0].lesson_number)))
        for check in checks:
            _question(quiz, check, writer)
    indent(quiz)  # every text is a leaf's, so indenting changes none
    return seal(xml_bytes(quiz))
