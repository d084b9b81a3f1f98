"""Render the course's generated pages as Markdown, keyed by their path under docs/."""

from __future__ import annotations

from ..nav import Nav, NavLink, NavSection
from .article import quotes_by_article, render_article
from .common import article_uri, lesson_uri
from .coverage import URI as COVERAGE_URI, render_coverage
from .glossary import render_glossary
from .lesson import render_lesson
from .overview import URI as OVERVIEW_URI, render_overview


def render_pages(course, edition: str = "student", notebooks: dict[str, str] | None = None) -> dict[str, str]:
    """Every generated page: ``{src_uri: markdown}`` in navigation order.

    ``notebooks`` (``{"student/<id>.ipynb": json}``) adds downloads and previews to lesson pages.
    """
    notebooks = notebooks or {}
    pages = {OVERVIEW_URI: render_overview(course)}
    for lesson in course.lessons:
        pages[lesson_uri(lesson.id)] = render_lesson(lesson, course, edition,
                                                     notebooks.get(f"student/{lesson.id}.ipynb"))
    quotes = quotes_by_article(course)
    for article in course.articles.values():
        pages[article_uri(article.id)] = render_article(article, course, quotes.get(article.id, []))
    pages["glossary.md"] = render_glossary(course)
    pages[COVERAGE_URI] = render_coverage(course)
    return pages


def nav(course) -> Nav:
    """The nav of the generated pages, titles as plain text (``builder.nav.mkdocs_nav`` writes it for MkDocs)."""
    return Nav([
        NavLink("Course overview", OVERVIEW_URI),
        NavSection("Lessons", [NavLink(f"{n}. {l.title}", lesson_uri(l.id)) for n, l in enumerate(course.lessons, 1)]),
        NavSection("Articles", [NavLink(a.meta["short_title"], article_uri(a.id)) for a in course.articles.values()]),
        NavLink("Glossary", "glossary.md"),
        NavLink("Coverage matrix", COVERAGE_URI),
    ])
