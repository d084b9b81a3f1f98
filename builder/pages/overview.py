"""The course overview: lessons in course order, grouped by strand."""

from __future__ import annotations

from .. import credit
from .common import STRANDS, PageContext, article_uri, front_matter, lesson_uri, md_text

URI = "overview.md"


def render_overview(page: PageContext) -> str:
    """Markdown for the course overview page."""
    course, prose = page.course, page.prose
    total = sum(lesson.data["minutes"] for lesson in course.lessons)
    parts = [front_matter("Course overview"), "# Course overview\n",
             f"{len(course.lessons)} lessons, about {total} minutes of class time, built on "
             f"{len(course.articles)} articles. Work through them in this order:\n"]
    for n, lesson in enumerate(course.lessons, 1):
        summary = lesson.data.get("summary") or lesson.data["objectives"][0]
        strands = ", ".join(STRANDS[s] for s in lesson.data["strands"])
        parts.append(f"{n}. [{md_text(lesson.title)}]({page.link(lesson_uri(lesson.id))}): {prose.inline(summary)} "
                     f"*{md_text(strands)}, {lesson.data['minutes']} min.*")
    parts.append("\n## By strand\n")
    for strand, name in STRANDS.items():
        members = [lesson for lesson in course.lessons if strand in lesson.data["strands"]]
        parts.append(f"### {md_text(name)}\n")
        if not members:
            parts.append("No lessons yet.\n")
            continue
        parts.append("\n".join(f"- [{md_text(lesson.title)}]({page.link(lesson_uri(lesson.id))})"
                               for lesson in members) + "\n")
    parts.append("## The articles\n")
    parts.append("\n".join(f"- [{credit.md_article_name(a)}]({page.link(article_uri(a.id))}): "
                           f"{md_text(a.meta['genre'])}, {credit.md_date(credit.article_date(a))}"
                           for a in course.articles.values()))
    return "\n".join(parts) + "\n"
