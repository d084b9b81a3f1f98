"""Helpers shared by the page renderers: page context, links, escaping, highlights (credit lines: builder/credit.py)."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from ..escape import front_matter, html_line, html_text, md_text
from ..prose import render, render_inline

if TYPE_CHECKING:
    from ..model import Course

STRANDS = {"bias-and-framing": "Bias and framing", "sourcing": "Sourcing", "loaded-language": "Loaded language"}

FAMILIES = {
    "attack-on-reputation": "Attacks on reputation", "justification": "Justification",
    "simplification": "Simplification", "distraction": "Distraction", "call": "Calls and slogans",
    "manipulative-wording": "Manipulative wording", "framing": "Framing", "epistemic": "How sure a text sounds",
    "sourcing": "Sourcing",
}

GLOSSARY_URI = "glossary.md"
LESSON_URI = "lessons/{id}.md"
ARTICLE_URI = "articles/{id}.md"


def lesson_uri(lesson_id: str) -> str:
    return LESSON_URI.format(id=lesson_id)


def article_uri(article_id: str) -> str:
    return ARTICLE_URI.format(id=article_id)


def link(from_uri: str, to_uri: str, anchor: str = "") -> str:
    """Relative link between two pages' source paths (MkDocs rewrites and checks it)."""
    return _relative(from_uri, to_uri) + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relative(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


class Prose:
    """Renders lesson prose for one page, with glossary links relative to that page."""

    def __init__(self, page_uri: str, glossary: dict):
        self.page_uri = page_uri
        self.terms = {tid: term["term"] for tid, term in glossary.items()}

    def href(self, term_id: str) -> str:
        return link(self.page_uri, GLOSSARY_URI, term_id)

    def block(self, text: str, indent: str = "") -> str:
        rendered = render(text, self.href, self.terms).rstrip("\n")
        return "\n".join((indent + line) if line.strip() else "" for line in rendered.splitlines())

    def inline(self, text: str) -> str:
        return render_inline(text, self.href, self.terms)


@dataclass
class PageContext:
    """What a page renderer is given: the page's path, the course, the edition and the item it shows."""

    uri: str
    """The page's path under docs/ (links from the page are relative to it)."""
    course: Course
    """The course (``course.index``: what is counted across its lessons)."""
    edition: str = "student"
    item: Any = None
    """The lesson or article the page is for (None for a page about the whole course)."""
    notebooks: Mapping[str, str] = field(default_factory=dict)
    """The build's notebooks, ``{"student/<id>.ipynb": json}`` (empty: pages offer none)."""

    @cached_property
    def prose(self) -> Prose:
        """Lesson prose rendered for this page (glossary links relative to it)."""
        return Prose(self.uri, self.course.glossary)

    def link(self, to_uri: str, anchor: str = "") -> str:
        """A relative link from this page to another page's path under docs/."""
        return link(self.uri, to_uri, anchor)


def highlighted(text: str, base: int, marks: list[tuple], ends: dict[int, str] | None = None) -> str:
    """Escape ``text`` (starting at article offset ``base``), wrapping marked spans.

    ``marks`` are ``(start, end, opening_tag)`` or ``(start, end, opening_tag, tail)`` in article
    offsets; ``tail`` goes inside the mark's last segment, before ``</mark>``. Overlapping marks
    are split into segments so the HTML stays well nested. ``ends`` maps an article offset to
    markup inserted there (e.g. a footnote number after an annotation).
    """
    ends = ends or {}
    marks = [(m[0], m[1], m[2], m[3] if len(m) > 3 else "") for m in marks]
    cuts = {base, base + len(text)}
    for start, end, _, _ in marks:
        cuts.update(o for o in (start, end) if base <= o <= base + len(text))
    cuts.update(o for o in ends if base < o <= base + len(text))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:]):
        piece = text[a - base:b - base]
        escaped = _escape_keep_space(piece)
        for start, end, tag, tail in marks:
            if start <= a and b <= end:
                escaped = f"{tag}{escaped}{tail if end == b else ''}</mark>"
        out.append(escaped)
        if b in ends:
            out.append(ends[b])
    return "".join(out)


def _escape_keep_space(piece: str) -> str:
    """md_text, but keep a leading/trailing space so segments join correctly."""
    body = md_text(piece)
    lead = " " if piece[:1].isspace() and body else ""
    trail = " " if piece[-1:].isspace() and body else ""
    if not body and piece:
        return " "
    return lead + body + trail


def mark_tag(classes: str, tip: str = "", extra: str = "") -> str:
    """An opening ``<mark>`` with escaped attributes; ``tip`` is shown on hover as text (CSS ``attr()``).

    Never a ``title`` attribute: the theme's tooltips turn titles back into HTML.
    """
    attrs = f' class="{html_line(classes)}"'
    if tip:
        attrs += f' data-tip="{html_line(tip)}"'
    return f"<mark{attrs}{extra}>"


__all__ = ["STRANDS", "FAMILIES", "PageContext", "Prose", "link", "front_matter", "highlighted", "mark_tag",
           "md_text", "html_text", "html_line", "lesson_uri", "article_uri", "GLOSSARY_URI",
           "LESSON_URI", "ARTICLE_URI"]
