"""The table of page types, and what is derived from it: the pages of an edition and their nav.

A page type says where its pages go, which editions have them, what they are made for (each lesson,
each article, or the course as a whole) and how the nav names them. ``render_pages`` and ``nav``
read only ``PAGES``, so a new page type is a module with a render function and one line here
(docs/architecture.md, "Adding a page type").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .. import credit
from ..nav import Nav, NavLink
from .article import render_article
from .common import ARTICLE_URI, GLOSSARY_URI, LESSON_URI, PageContext
from .coverage import URI as COVERAGE_URI
from .coverage import render_coverage
from .glossary import render_glossary
from .lesson import render_lesson
from .overview import URI as OVERVIEW_URI
from .overview import render_overview
from .prepost import CHECK_URI, SHEET_URI, check_pages, render_check, render_sheet

EDITIONS = frozenset({"student", "teacher"})
TEACHER_ONLY = frozenset({"teacher"})


@dataclass(frozen=True)
class PageType:
    """One kind of generated page."""

    name: str
    uri: str
    """Path under docs/; ``{id}`` stands for the item's id (``lessons/{id}.md``)."""
    section: str
    """Title of its nav section; a page for the whole course is a top-level nav link with this title."""
    render: Callable[[PageContext], str]
    """Markdown of one page (``PageContext.item`` is the item it is for)."""
    items: Callable[[Any], Iterable] | None = None
    """What it makes one page for: ``items(course)`` (None: one page for the whole course, item None)."""
    title: Callable[[int, Any], str] | None = None
    """Nav title (plain text) of the page for the ``n``-th item, counting from 1."""
    editions: frozenset[str] = EDITIONS
    """The editions that have these pages (``TEACHER_ONLY``: never in the student site)."""
    present: Callable[[Any], bool] | None = None
    """For a page for the whole course: whether ``present(course)`` has it (None: every course has it)."""

    def __post_init__(self):
        if (self.items is None) != (self.title is None):
            raise ValueError(f"page type {self.name!r}: a page per item needs a nav title, and only then")
        if not self.editions <= EDITIONS:
            raise ValueError(f"page type {self.name!r}: unknown editions {sorted(self.editions - EDITIONS)}")

    @property
    def teacher_only(self) -> bool:
        return "student" not in self.editions

    def pages(self, course) -> list[tuple[str, Any]]:
        """``(uri, item)`` of each of its pages in ``course``, in order."""
        if self.items is None:
            return [(self.uri, None)] if self.present is None or self.present(course) else []
        return [(self.uri.format(id=item.id), item) for item in self.items(course)]


PAGES: tuple[PageType, ...] = (
    PageType("overview", OVERVIEW_URI, "Course overview", render_overview),
    PageType("check-before", CHECK_URI, "Lessons", render_check,
             items=lambda course: check_pages(course, "before"), title=lambda n, check: check.title),
    PageType("lesson", LESSON_URI, "Lessons", render_lesson,
             items=lambda course: course.lessons, title=lambda n, lesson: f"{n}. {lesson.title}"),
    PageType("check-after", CHECK_URI, "Lessons", render_check,
             items=lambda course: check_pages(course, "after"), title=lambda n, check: check.title),
    PageType("article", ARTICLE_URI, "Articles", render_article,
             items=lambda course: course.articles.values(), title=lambda n, article: credit.article_name(article)),
    PageType("glossary", GLOSSARY_URI, "Glossary", render_glossary),
    PageType("coverage", COVERAGE_URI, "Coverage matrix", render_coverage),
    PageType("class-sheet", SHEET_URI, "Pre/post class sheet", render_sheet, editions=TEACHER_ONLY,
             present=lambda course: course.prepost is not None),
)
"""Every page type, in nav order."""


def page_types(edition: str) -> list[PageType]:
    """The page types an edition has, in nav order (the teacher-only rule)."""
    return [page_type for page_type in PAGES if edition in page_type.editions]


def page_type(name: str) -> PageType:
    return next(page_type for page_type in PAGES if page_type.name == name)


def render_pages(course, edition: str = "student", notebooks: dict[str, str] | None = None) -> dict[str, str]:
    """Every generated page of ``edition``: ``{src_uri: markdown}`` in nav order.

    ``notebooks`` (``{"student/<id>.ipynb": json}``) adds downloads and previews to lesson pages.
    """
    notebooks, pages = notebooks or {}, {}
    for page_type in page_types(edition):
        for uri, item in page_type.pages(course):
            if uri in pages:
                raise ValueError(f"two generated pages at {uri} (page type {page_type.name!r})")
            pages[uri] = page_type.render(PageContext(uri, course, edition, item, notebooks))
    return pages


def nav(course, edition: str = "student") -> Nav:
    """The nav of ``edition``'s generated pages (plain-text titles; ``builder.nav.mkdocs_nav`` writes it out)."""
    out = Nav()
    for page_type in page_types(edition):
        if page_type.items is None or page_type.title is None:
            out.entries.extend(NavLink(page_type.section, uri) for uri, _ in page_type.pages(course))
            continue
        title = page_type.title
        out.section(page_type.section).entries.extend(
            NavLink(title(n, item), uri) for n, (uri, item) in enumerate(page_type.pages(course), 1))
    return out
