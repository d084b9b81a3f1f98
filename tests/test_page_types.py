"""The page table: a page type added in one place is rendered, in the nav, and only in its editions."""

from __future__ import annotations

import pytest

from builder import markup, pages
from builder.escape import front_matter, md_text
from builder.nav import Nav, NavLink, NavSection, mkdocs_nav
from builder.pages import TEACHER_ONLY, PageContext, PageType, nav, render_pages
from builder.pages.common import article_uri
from builder.site import site_files


def render_reading_list(page: PageContext) -> str:
    """A toy page type: every article, with a link to its page."""
    items = [f"- [{md_text(a.meta['short_title'])}]({page.link(article_uri(a.id))})"
             for a in page.course.articles.values()]
    return front_matter("Reading list") + "# Reading list\n\n" + "\n".join(items) + "\n"


def render_answer_sheet(page: PageContext) -> str:
    """A toy teacher-only page for each lesson."""
    lesson = page.item
    return (front_matter(f"Answers: {lesson.title}") + f"# Answers: {md_text(lesson.title)}\n\n"
            + markup.details("tip", "Model answers", page.prose.block(lesson.data["teacher_notes"]["timing"])))


READING_LIST = PageType("reading-list", "reading-list.md", "Reading list", render_reading_list)
ANSWER_SHEETS = PageType("answer-sheet", "answers/{id}.md", "Answer sheets", render_answer_sheet,
                         items=lambda course: course.lessons, title=lambda n, lesson: f"Answers {n}: {lesson.title}",
                         editions=TEACHER_ONLY)


@pytest.fixture
def course(fixture_course):
    """The fixture lesson's course (shared: page types render it, never change it)."""
    assert not fixture_course.report.errors, fixture_course.report.to_text()
    return fixture_course.course


@pytest.fixture
def with_toys(monkeypatch):
    """The page table with the two toy page types added: one line each, as in builder/pages/registry.py."""
    monkeypatch.setattr(pages.registry, "PAGES", (*pages.registry.PAGES, READING_LIST, ANSWER_SHEETS))


def test_a_new_page_type_is_rendered_and_in_the_nav(course, with_toys):
    rendered = render_pages(course)
    assert list(rendered)[-1] == "reading-list.md"  # after the built-in pages, as in the table
    assert "](articles/amac-solis.md)" in rendered["reading-list.md"]  # links relative to the page
    assert nav(course).entries[-1] == NavLink("Reading list", "reading-list.md")
    assert mkdocs_nav(nav(course))[-1] == {"Reading list": "reading-list.md"}
    assert "reading-list.md" in site_files(course, notebooks={})  # the docs tree, the build and the plugin


def test_a_teacher_only_page_type_is_absent_from_the_student_edition(course, with_toys):
    student, teacher = render_pages(course, "student"), render_pages(course, "teacher")
    assert not any(uri.startswith("answers/") for uri in student)
    assert "answers/" not in str(mkdocs_nav(nav(course, "student")))
    sheet = teacher["answers/fixture-lesson.md"]
    assert '??? tip "Model answers"' in sheet and "# Answers: Fixture lesson" in sheet
    assert ANSWER_SHEETS.teacher_only and not READING_LIST.teacher_only
    section = nav(course, "teacher").entries[-1]
    assert section == NavSection("Answer sheets", [NavLink("Answers 1: Fixture lesson", "answers/fixture-lesson.md")])
    assert set(teacher) - set(student) == {"answers/fixture-lesson.md"}


def test_the_nav_follows_the_table_and_is_escaped_only_when_written_out(course):
    generated = nav(course)
    sections = dict.fromkeys(t.section for t in pages.PAGES if t.pages(course))  # each once, in table order
    assert [e.title for e in generated.entries] == list(sections)
    lessons = generated.section("Lessons")
    assert lessons.entries == [NavLink("1. Fixture lesson", "lessons/fixture-lesson.md")]
    assert set(render_pages(course)) == generated.uris()
    hostile = Nav([NavSection("Lessons", [NavLink('1. <img src=x onerror=alert(1)> "a: b"', "lessons/x.md")])])
    assert mkdocs_nav(hostile) == [{"Lessons": [{"1. &#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62; "
                                                 "&#34;a&#58; b&#34;": "lessons/x.md"}]}]


def test_a_page_type_is_checked_when_it_is_declared():
    with pytest.raises(ValueError, match="nav title"):
        PageType("lists", "lists/{id}.md", "Lists", render_reading_list, items=lambda course: [])
    with pytest.raises(ValueError, match="editions"):
        PageType("x", "x.md", "X", render_reading_list, editions=frozenset({"parent"}))


def test_two_page_types_at_one_path_are_refused(course, monkeypatch):
    clash = PageType("glossary-again", "glossary.md", "Glossary", render_reading_list)
    monkeypatch.setattr(pages.registry, "PAGES", (*pages.registry.PAGES, clash))
    with pytest.raises(ValueError, match="glossary.md"):
        render_pages(course)

