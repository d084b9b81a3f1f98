"""`course site --engine mkdocs|zensical`: both engines build the same course site, safely."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_cli import tree
from test_site import site_copy

from builder import engines

ENGINES = ("mkdocs", "zensical")


def course_site(root: Path, out: Path, engine: str, edition: str = "student") -> subprocess.CompletedProcess:
    """``course site`` as a user runs it, in a subprocess running the code under test."""
    return subprocess.run([sys.executable, "-m", "builder.cli", "--root", str(root), "site", "--engine", engine,
                           "--out", str(out), "--edition", edition], capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(root)})


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """The real course (every lesson), with its mkdocs.yml and docs/."""
    return site_copy(tmp_path_factory.mktemp("engines") / "course")


@pytest.fixture(scope="module")
def sites(course) -> dict[str, Path]:
    built = {}
    for name in ENGINES:
        out = course.parent / f"site-{name}"
        result = course_site(course, out, name)
        assert result.returncode == 0, result.stderr
        built[name] = out
    return built


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html"}


def lesson_ids(course: Path) -> list[str]:
    ids = [re.search(r"(?m)^id: *([a-z0-9-]+)", p.read_text(encoding="utf-8")).group(1)
           for p in sorted((course / "lessons").glob("[0-9]*.yaml"))]
    assert ids
    return ids


def count(pattern: str, text: str) -> int:
    return len(re.findall(pattern, text))


def test_both_engines_build_the_same_pages_with_every_lesson_in_the_nav(course, sites):
    mkdocs, zensical = (html_pages(sites[name]) for name in ENGINES)
    assert mkdocs == zensical
    for lesson in lesson_ids(course):
        assert f"lessons/{lesson}.html" in mkdocs
        assert (sites["zensical"] / "notebooks" / f"{lesson}.ipynb").is_file()
        for site in sites.values():
            home = (site / "index.html").read_text(encoding="utf-8")
            assert f'href="./lessons/{lesson}.html"' in home or f'href="lessons/{lesson}.html"' in home
    for article in (course / "seeds").glob("*.txt"):
        assert f"articles/{article.stem}.html" in mkdocs


def test_both_engines_show_the_same_highlights_self_checks_and_downloads(course, sites):
    for lesson in lesson_ids(course):
        pages = {name: (sites[name] / "lessons" / f"{lesson}.html").read_text(encoding="utf-8") for name in ENGINES}
        for pattern in (r'<mark class="ff-mark', r'class="ff-tip"', r'class="ff-quiz"', r'class="ff-choice"',
                        r'data-correct="true"', rf'href="\.\./notebooks/{lesson}\.ipynb"'):
            assert count(pattern, pages["mkdocs"]) == count(pattern, pages["zensical"]), (lesson, pattern)
        assert count(r'<mark class="ff-mark', pages["mkdocs"]) > 0 and count(r'class="ff-quiz"', pages["mkdocs"])


def test_both_sites_work_from_a_folder(sites):
    """No directory URLs (a file:// copy opens every page), search as a script, no CDN."""
    for name, site in sites.items():
        page = (site / "lessons" / "capstone.html").read_text(encoding="utf-8")
        links = re.findall(r'href="(\.\./[^"#]*)"', page)
        assert links and all(link.endswith((".html", ".css", ".ipynb", ".png", ".svg", ".ico")) for link in links)
        assert "unpkg.com" not in page and "iframe-worker-shim.js" in page, name
        assert list(site.rglob("*search*.js")), name


def test_teacher_edition_site(course, tmp_path):
    out = tmp_path / "teacher"
    result = course_site(course, out, "zensical", edition="teacher")
    assert result.returncode == 0, result.stderr
    lesson = lesson_ids(course)[0]
    assert "Teacher notes" in (out / "lessons" / f"{lesson}.html").read_text(encoding="utf-8")
    assert (out / "notebooks" / "teacher" / f"{lesson}.ipynb").is_file()


def test_site_is_replaced_only_when_it_holds_nothing_but_what_it_wrote(course, tmp_path):
    out = tmp_path / "site"
    assert course_site(course, out, "zensical").returncode == 0
    assert course_site(course, out, "mkdocs").returncode == 0  # its own marker: replaced
    (out / "my-notes.txt").write_text("mine")
    before = tree(out)
    result = course_site(course, out, "zensical")
    assert result.returncode == 2 and "my-notes.txt was not written by 'course site'" in result.stderr
    assert tree(out) == before
    result = course_site(course, course / "docs", "zensical")
    assert result.returncode == 2 and "docs/ folder" in result.stderr


def test_an_engine_failure_is_a_clear_message_and_changes_nothing(course, tmp_path):
    out = tmp_path / "site"
    assert course_site(course, out, "mkdocs").returncode == 0
    before = tree(out)
    teachers = course / "docs" / "index.md"  # a page of the student site
    original = teachers.read_bytes()
    try:
        teachers.write_bytes(original + b"\n[a link to nowhere](missing-page.md)\n")
        for name in ENGINES:
            result = course_site(course, out, name)
            assert result.returncode == 1, result.stderr
            assert f"course site: error: {name} build failed" in result.stderr
            assert "index.md" in result.stderr and "Traceback" not in result.stderr
            assert "\x1b[" not in result.stderr
            assert tree(out) == before
    finally:
        teachers.write_bytes(original)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging folder left


def test_a_missing_engine_says_how_to_install_it(run, course_root, tmp_path, monkeypatch):
    monkeypatch.setitem(engines.ENGINES, "zensical", engines.Engine("zensical", "no_such_engine_module",
                                                                    "pip install 'zensical>=0.0.70,<0.0.80'"))
    code, _, err = run("--root", course_root, "site", "--engine", "zensical", "--out", tmp_path / "site")
    assert code == 1
    assert "course site: error: zensical is not installed: pip install 'zensical>=0.0.70,<0.0.80'" in err
    assert not (tmp_path / "site").exists()


def test_a_course_without_mkdocs_yml_is_one_error(run, course_root, tmp_path):
    code, _, err = run("--root", course_root, "site", "--engine", "mkdocs", "--out", tmp_path / "site")
    assert code == 1 and "mkdocs.yml: error:" in err and "is missing" in err
