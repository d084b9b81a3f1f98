"""`course serve`: the preview follows every save, shows errors where the teacher looks, and never a 404."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from conftest import ROOT
from test_plugin import fetch, free_port, wait_for
from test_site import site_copy

from builder.preview import Preview, work_folder

LESSON = "lessons/00-fixture.yaml"
PAGE = "docs/lessons/fixture-lesson.md"
BROKEN = "\n  - [never closed\n"


@pytest.fixture
def course(tmp_path):
    return site_copy(tmp_path / "course", with_lessons=False)


def edit(course, old: str, new: str) -> None:
    path = course / LESSON
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def stamps(folder) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_save_rewrites_only_the_files_whose_bytes_changed(course):
    preview = Preview(course)
    problems, written = preview.refresh()
    assert problems == [] and {"mkdocs.yml", PAGE, "docs/index.md"} <= set(written)
    folder = work_folder(course, "student")
    assert (folder / "docs" / "index.md").read_bytes() == (course / "docs" / "index.md").read_bytes()
    before = stamps(folder)
    assert preview.refresh() == ([], [])  # nothing changed: nothing written
    edit(course, "Which words label a country", "Which words name a country")
    problems, written = preview.refresh()
    assert written == [PAGE] and problems == []
    after = stamps(folder)
    assert [path for path in after if after[path] != before.get(path)] == [PAGE]
    assert "Which words name a country" in (folder / PAGE).read_text(encoding="utf-8")


def test_a_yaml_syntax_error_keeps_the_page_topped_with_the_error_and_the_fix_replaces_it(course):
    preview = Preview(course)
    preview.refresh()
    config = (work_folder(course, "student") / "mkdocs.yml").read_bytes()
    original = (course / LESSON).read_text(encoding="utf-8")
    (course / LESSON).write_text(original + BROKEN, encoding="utf-8")
    problems, written = preview.refresh()
    assert [d.code for d in problems] == ["yaml-syntax"]
    folder = work_folder(course, "student")
    page = (folder / PAGE).read_text(encoding="utf-8")
    assert "lessons/00-fixture.yaml has errors" in page and "YAML syntax error" in page
    assert "Which words label a country" in page  # the last good page, under its errors
    assert "YAML syntax error" in (folder / "docs" / "index.md").read_text(encoding="utf-8")
    assert "mkdocs.yml" not in written and (folder / "mkdocs.yml").read_bytes() == config  # the nav stays
    (course / LESSON).write_text(original, encoding="utf-8")
    problems, written = preview.refresh()
    assert problems == [] and PAGE in written and "docs/index.md" in written
    assert "has errors" not in (folder / PAGE).read_text(encoding="utf-8")
    assert (folder / "docs" / "index.md").read_bytes() == (course / "docs" / "index.md").read_bytes()


def test_a_removed_lesson_leaves_the_preview_and_the_engine_files_stay(course):
    preview = Preview(course)
    second = course / "lessons" / "01-second.yaml"
    second.write_text((course / LESSON).read_text(encoding="utf-8").replace("id: fixture-lesson", "id: second"),
                      encoding="utf-8")
    preview.refresh()
    folder = work_folder(course, "student")
    (folder / "site").mkdir()
    (folder / "site" / "index.html").write_text("the engine's")
    assert (folder / "docs" / "lessons" / "second.md").is_file()
    second.unlink()
    _, written = Preview(course).refresh()  # a new session finds what the last one wrote
    assert "docs/lessons/second.md" in written and not (folder / "docs" / "lessons" / "second.md").exists()
    assert (folder / "site" / "index.html").read_text() == "the engine's"


def course_serve(course, engine: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "builder.cli", "--root", str(course), "serve", "--engine", engine,
                             "-a", f"127.0.0.1:{port}"], cwd=course, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"})
    return proc, f"http://127.0.0.1:{port}/"


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


@pytest.mark.parametrize("engine", ["zensical", "mkdocs"])
def test_course_serve_follows_a_save_survives_a_syntax_error_and_stops_cleanly(course, engine):
    proc, base = course_serve(course, engine)
    url = base + "lessons/fixture-lesson.html"
    codes = []

    def shows(text):
        def check():
            codes.append(status(url))
            page = fetch(url) or ""
            return text in page and page
        return check

    try:
        wait_for(shows("Which words label a country"), 90)
        codes.clear()
        edit(course, "Which words label a country", "Which words name a country")
        wait_for(shows("Which words name a country"))
        original = (course / LESSON).read_text(encoding="utf-8")
        (course / LESSON).write_text(original + BROKEN, encoding="utf-8")
        page = wait_for(shows("has errors"))
        assert "lessons/00-fixture.yaml:" in page and "YAML syntax error" in page
        assert "Which words name a country" in page
        assert "YAML syntax error" in fetch(base)  # the home page lists it too
        (course / LESSON).write_text(original, encoding="utf-8")
        wait_for(lambda: "has errors" not in (fetch(url) or "has errors"))
        assert set(codes) == {200}, codes  # never a 404 on the way
    finally:
        proc.send_signal(signal.SIGINT)
        output = proc.communicate(timeout=60)[0]
    assert proc.returncode == 0, output[-3000:]
    assert "course serve: stopped" in output and "Traceback" not in output, output[-3000:]
    assert status(base) == 0  # the engine is gone too
