"""Full MkDocs builds with the plugin: strict, warning-free, escaped, failing on lesson errors."""

from __future__ import annotations

import shutil

from helpers import FIXTURES, ROOT, mkdocs_build, site_copy
from test_pages import HOSTILE, inject_article_text

__all__ = ["mkdocs_build", "site_copy"]  # test_browser.py and test_plugin.py import them from here


def test_real_course_builds_strict_with_no_warning(tmp_path, real_course):
    result = mkdocs_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    site = tmp_path / "site"
    course = real_course.course
    assert sorted(p.name for p in (site / "lessons").iterdir()) == sorted(f"{l.id}.html" for l in course.lessons)
    for page in ("glossary", "overview", "coverage", *(f"articles/{a}" for a in course.articles)):
        assert (site / f"{page}.html").exists(), page  # the offline plugin: plain .html files


def test_site_escapes_hostile_article_and_numbers_paragraphs(tmp_path):
    root = site_copy(tmp_path / "course", with_lessons=False)
    inject_article_text(root, "cgtn-haiphong", HOSTILE)
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "articles" / "cgtn-haiphong.html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert" in html or "&#60;script&#62;alert" in html
    assert 'id="p-1"' in html
    lesson = (tmp_path / "site" / "lessons" / "fixture-lesson.html").read_text()
    assert 'href="../articles/amac-solis.html#p-4"' in lesson


def test_lesson_error_fails_the_mkdocs_build_with_the_same_message_and_keeps_the_last_site(tmp_path):
    root = site_copy(tmp_path / "course", with_lessons=False)
    site = tmp_path / "site"
    assert mkdocs_build(root, site).returncode == 0
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    shutil.copy(FIXTURES / "bad" / "quote-typo.yaml", root / "lessons" / "quote-typo.yaml")
    result = mkdocs_build(root, site)
    assert result.returncode != 0
    expected = (FIXTURES / "bad" / "quote-typo.expected").read_text().strip()
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before  # untouched


def test_teacher_edition_switch(tmp_path):
    root = site_copy(tmp_path / "course", with_lessons=False)
    assert mkdocs_build(root, tmp_path / "student").returncode == 0
    assert mkdocs_build(root, tmp_path / "teacher", edition="teacher").returncode == 0
    page = "lessons/fixture-lesson.html"
    assert "10 minutes reading" not in (tmp_path / "student" / page).read_text()
    assert "10 minutes reading" in (tmp_path / "teacher" / page).read_text()
