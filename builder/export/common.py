"""What the exports share: the course's self-checks in site order, XHTML for their texts, and the seal.

Every text reaches an export as element text or an attribute of an ``xml.etree`` tree (``prose.into``,
``escape.xml_text``), so the serializer escapes it; no data string is ever written as markup.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, SubElement, tostring

from .. import credit
from ..escape import xml_text
from ..kinds.base import KeyChoice
from ..notebooks import glossary_terms
from ..options import course_orders
from ..prose import into, plain

if TYPE_CHECKING:
    from ..model import Course, Lesson, Passage

LETTERS = "ABCDEFGH"
"""The letters of a self-check's options, as the lesson page shows them."""
COURSE_TITLE = "Five Frames"


@dataclass(frozen=True)
class SelfCheck:
    """One self-check question as the site shows it: its options in the site's order, lettered."""

    lesson: Lesson
    lesson_number: int
    number: int
    prompt: str
    passage: Passage | None
    choices: tuple[KeyChoice, ...]

    @property
    def identifier(self) -> str:
        """Stable across exports: the lesson id and the question's place in it (never random). Lesson ids are
        slugs, without ``.``, so no item's identifier can be a section's (``ff-<lesson id>``)."""
        return f"ff-{self.lesson.id}.{self.number}"

    @property
    def correct(self) -> KeyChoice:
        return next(c for c in self.choices if c.correct)


def lesson_title(lesson: Lesson, number: int) -> str:
    """The lesson's title as the site's nav shows it: "3. Who is quoted"."""
    return f"{number}. {lesson.title}"


def self_checks(course: Course) -> list[tuple[Lesson, list[SelfCheck]]]:
    """Each lesson (in course order) with its self-check questions, their options in the site's order."""
    orders = course_orders(course)
    out = []
    for n, lesson in enumerate(course.lessons, 1):
        checks = []
        for i, (question, order) in enumerate(zip(lesson.data["self_check"], orders[lesson.id]), 1):
            options = [question["options"][k] for k in order]
            choices = tuple(KeyChoice(LETTERS[j], o["text"], o["feedback"], bool(o.get("correct")))
                            for j, o in enumerate(options))
            checks.append(SelfCheck(lesson, n, i, question["prompt"], lesson.passages.get(question.get("passage")),
                                    choices))
        out.append((lesson, checks))
    return out


class Writer:
    """Adds course text to ``xml.etree`` elements as XHTML, with the course's glossary terms."""

    def __init__(self, course: Course):
        self.terms = glossary_terms(course)

    def prose(self, parent: Element, text: str, inline: bool = False) -> Element:
        """Lesson prose appended to ``parent`` (see ``prose.into``)."""
        into(parent, text, self.terms, inline)
        return parent

    def plain(self, text: str) -> str:
        """Lesson prose as plain text on one line (for a name or a title)."""
        return " ".join(plain(text, self.terms).split())

    def passage(self, parent: Element, passage: Passage) -> Element:
        """A passage as a blockquote: its words, then its credit line."""
        quote = SubElement(parent, "blockquote", {"class": "ff-passage"})
        SubElement(quote, "p").text = xml_text(" ".join(passage.text.split()))
        SubElement(quote, "p", {"class": "ff-source"}).text = "— " + credit.plain(credit.credit(passage))
        return quote


def text_element(parent: Element, tag: str, text: str, attrib: dict | None = None) -> Element:
    """A child element holding plain ``text``."""
    element = SubElement(parent, tag, attrib or {})
    element.text = xml_text(text)
    return element


def xml_bytes(root: Element) -> bytes:
    """The document as UTF-8 XML with a declaration, the same bytes for the same tree."""
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def html_string(element: Element) -> str:
    """``element`` serialized as HTML (text escaped; no ``<script>`` or ``<style>`` is ever built from data)."""
    return tostring(element, encoding="unicode", method="html")


SEAL_START = b"<!--five-frames-export sha256="
SEAL_END = b"-->\n"
_SEAL = re.compile(re.escape(SEAL_START) + rb"([0-9a-f]{64})" + re.escape(SEAL_END) + rb"\Z")
SEAL_LENGTH = len(SEAL_START) + 64 + len(SEAL_END)
"""An exported file ends with its seal: the SHA-256 of every byte before it. A zip's seal is its archive
comment (the last bytes of a zip). ``<!--`` can never come from course text, which is always escaped."""


def seal(body: bytes) -> bytes:
    """``body`` with its seal after it."""
    return body + SEAL_START + hashlib.sha256(body).hexdigest().encode("ascii") + SEAL_END


def is_sealed(data: bytes) -> bool:
    """True when ``data`` is an exported file, byte for byte as the export wrote it."""
    found = _SEAL.search(data)
    return found is not None and hashlib.sha256(data[:found.start()]).hexdigest().encode("ascii") == found.group(1)


FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's time stamp (the earliest a zip can hold): two exports give the same bytes."""


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A sealed zip of ``files``, in sorted order, with fixed time stamps and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compresslevel=9)
        archive.comment = b"\0" * SEAL_LENGTH  # the length is written before the comment: fill it in after
    data = buffer.getvalue()
    return seal(data[:-SEAL_LENGTH])
