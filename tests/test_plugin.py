"""The MkDocs plugin as a teacher uses it: `mkdocs serve` picks up edits live and never stops answering."""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT
from mkdocs.config import load_config
from test_site import site_copy

from builder.diagnostics import Report
from builder.nav import Nav, NavLink
from builder.serve import Site, serve_site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return html.unescape(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(predicate, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_plugin_watches_lessons_and_seeds(tmp_path):
    root = site_copy(tmp_path / "course", with_lessons=False)
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["five-frames"]

    class Server:
        watched: list[str] = []

        def watch(self, path, *args, **kwargs):
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config, builder=None)
    assert str(root / "lessons") in server.watched and str(root / "seeds") in server.watched


def mkdocs_serve(root) -> tuple[subprocess.Popen, str]:
    """A real `mkdocs serve` of the course at ``root``, and its base URL."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                             "-f", str(root / "mkdocs.yml")], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return proc, f"http://127.0.0.1:{port}/"


def stop(proc: subprocess.Popen) -> str:
    """Stop the server; everything it printed."""
    proc.terminate()
    return proc.communicate(timeout=30)[0]


def test_mkdocs_serve_shows_a_lesson_edit_and_reports_mistakes(tmp_path):
    root = site_copy(tmp_path / "course", with_lessons=False)
    proc, base = mkdocs_serve(root)
    url = base + "lessons/fixture-lesson.html"
    try:
        assert "Which words label a country" in wait_for(lambda: fetch(url))
        lesson = root / "lessons" / "00-fixture.yaml"
        lesson.write_text(lesson.read_text().replace("Which words label a country", "Which words name a country"))
        wait_for(lambda: "Which words name a country" in (fetch(url) or ""))
        lesson.write_text(lesson.read_text().replace("between the two autocrats", "between the two autocrates"))
        page = wait_for(lambda: "has errors" in (fetch(url) or "") and fetch(url))
        assert "Which words name a country" in page  # the last good version stays up...
        assert "14:12: error: quote not found" in page  # ...topped with what to fix
        lesson.write_text(lesson.read_text().replace("between the two autocrates", "between the two autocrats"))
        wait_for(lambda: "has errors" not in (fetch(url) or "has errors"))
        # a brand-new lesson with a mistake: its page exists at once and says what to fix
        new = root / "lessons" / "01-new.yaml"
        new.write_text(lesson.read_text().replace("id: fixture-lesson", "id: new-lesson")
                       .replace("minutes: 20", "minutes: twenty"))
        new_url = url.replace("fixture-lesson", "new-lesson")
        page = wait_for(lambda: fetch(new_url))
        assert "lessons/01-new.yaml has errors" in page and "'minutes' should be a whole number" in page
    finally:
        output = stop(proc)
    assert "lessons/00-fixture.yaml:14:12: error: quote not found" in output
    assert "Traceback" not in output


def _edit(path, old: str, new: str):
    """A change to a course file: ``old`` becomes ``new`` (a regular expression and its replacement)."""
    def apply():
        text = path.read_text(encoding="utf-8")
        changed = re.sub(old, new, text)
        assert changed != text, f"{old!r} is not in {path.name}"
        path.write_text(changed, encoding="utf-8")
    return apply


def breaking_changes(root):
    """(what breaks, how, what the pages then say): every kind of error serve must survive."""
    seeds, lessons = root / "seeds", root / "lessons"
    return [
        ("article text changed without its sha256", _edit(seeds / "amac-solis.txt", r"\Z", "\nOne more line."),
         "'amac-solis.txt' has changed"),
        ("articles.yaml syntax error", _edit(seeds / "articles.yaml", r"\Z", "\n  - [never closed\n"),
         "seeds/articles.yaml:"),
        ("glossary syntax error", _edit(lessons / "glossary.yaml", r"\Z", "\n  - [never closed\n"),
         "lessons/glossary.yaml:"),
        ("a glossary term renamed", _edit(lessons / "glossary.yaml", r"\bname-calling\b", "labelling"),
         "unknown technique 'name-calling'"),
        ("a passage note links an unknown term",
         _edit(lessons / "00-fixture.yaml", r"(?m)^(    quote: \"from certain hegemonic country\"\n)",
               r"\1    note: See [[no-such-term]].\n"),
         "[[no-such-term]] is not a term in the glossary"),
        ("lesson syntax error", _edit(lessons / "00-fixture.yaml", r"\Z", "\n  - [never closed\n"),
         "lessons/00-fixture.yaml:"),
    ]


def test_mkdocs_serve_keeps_answering_through_every_kind_of_error(tmp_path):
    root = site_copy(tmp_path / "course", with_lessons=False)
    changes = breaking_changes(root)
    originals = {p: p.read_bytes() for p in [*(root / "seeds").iterdir(), *(root / "lessons").glob("*.yaml")]}
    broken_articles = changes[1][1]
    broken_articles()  # the server starts on a broken course
    proc, base = mkdocs_serve(root)
    home, lesson = base, base + "lessons/fixture-lesson.html"
    normal = "Which words label a country"

    def shows(url, text):
        return lambda: text in (fetch(url) or "")

    def restore():
        for path, data in originals.items():
            if path.read_bytes() != data:
                path.write_bytes(data)

    try:
        assert "seeds/articles.yaml:" in wait_for(lambda: fetch(home))  # the home page lists the errors...
        assert "out of date" in wait_for(lambda: fetch(lesson))  # ...and the lesson has a page saying so
        assert 'href="lessons/fixture-lesson.html"' in fetch(home)  # the nav leads there
        restore()
        wait_for(shows(lesson, normal))
        for what, breaks, message in changes:
            breaks()
            for url in (lesson, home):
                page = wait_for(lambda url=url, message=message: message in (fetch(url) or "") and fetch(url), 30)
                assert "out of date" in page, (what, url)
            assert normal in fetch(lesson), what  # the last good page stays under the errors
            restore()
            for url in (lesson, home):
                wait_for(lambda url=url: "out of date" not in (fetch(url) or "out of date"), 30)
            assert normal in fetch(lesson), what
    finally:
        output = stop(proc)
    assert "Traceback" not in output and "Aborted" not in output, output[-3000:]


def test_a_crash_while_serving_becomes_an_error_on_the_pages():
    last_good = Site({"overview.md": "---\ntitle: Overview\n---\n\n# Overview\n"},
                     Nav([NavLink("Course overview", "overview.md")]))

    def render(course):
        raise KeyError("<b>autocrats</b>")

    class Course:
        lessons, root = [], ROOT

    served = serve_site(lambda: (Course(), Report()), render, last_good)
    assert [d.code for d in served.errors] == ["crash"]
    assert "KeyError" in served.errors[0].message and "autocrats" in served.errors[0].message
    page = served.site.files["overview.md"]
    assert page.startswith("---\ntitle: Overview\n---\n") and "# Overview" in page  # the last good page stays
    assert "out of date" in page and "<b>" not in page  # topped with the error, escaped
    assert served.site.nav == last_good.nav

    def load():
        raise OSError("lessons/ is gone")

    served = serve_site(load, render, None)
    assert served.site == Site() and "lessons/ is gone" in served.errors[0].message


def test_a_lesson_with_errors_is_listed_in_the_nav_while_serving(course_root):
    from builder.course import load_course
    from builder.nav import mkdocs_nav
    from builder.pages import nav
    from builder.site import site_files

    def render(course):
        return Site(site_files(course, notebooks={}), nav(course))

    good = serve_site(lambda: load_course(course_root), render, None)
    assert not good.errors
    (course_root / "lessons" / "01-new.yaml").write_text("id: brand-new\ntitle: [\n", encoding="utf-8")
    served = serve_site(lambda: load_course(course_root), render, good.site)
    lessons = served.site.nav.section("Lessons")
    assert lessons.entries[-1] == NavLink("Has errors: brand-new", "lessons/brand-new.md")  # plain text...
    assert served.site.nav.entries[0] == NavLink("Course overview", "overview.md")
    written = mkdocs_nav(served.site.nav)[1]["Lessons"]
    assert {"Has errors&#58; brand-new": "lessons/brand-new.md"} in written  # ...escaped when written out
    assert "lessons/brand-new.md" in served.site.files and good.site.nav.uris() < served.site.nav.uris()


def test_course_warnings_are_logged_and_never_fail_a_strict_mkdocs_build(tmp_path):
    from test_checks import lopsided, write
    from test_site import mkdocs_build
    root = site_copy(tmp_path / "course", with_lessons=False)
    write(root, lopsided())
    result = mkdocs_build(root, tmp_path / "site")  # --strict
    assert result.returncode == 0, result.stderr
    warning = next(line for line in result.stderr.splitlines() if "[answer-longest]" in line)
    assert warning.startswith("INFO") and "lessons/01-lopsided.yaml:" in warning and ": warning: " in warning
    assert "1 warning(s) in the course sources (listed above); they do not stop the build" in result.stderr
    assert (tmp_path / "site" / "lessons" / "lopsided.html").is_file()


def test_teacher_docs_are_built_only_into_the_teacher_edition(tmp_path):
    from test_site import mkdocs_build

    from builder.project import left_out, project_config
    root = site_copy(tmp_path / "course", with_lessons=False)
    teacher_pages = {uri.removesuffix(".md") + ".html" for uri in left_out(project_config(root), "student")}
    assert teacher_pages
    for edition, built in (("student", False), ("teacher", True)):
        site = tmp_path / edition
        result = mkdocs_build(root, site, edition)
        assert result.returncode == 0, result.stderr
        assert all((site / page).is_file() is built for page in teacher_pages), edition
        home = (site / "index.html").read_text(encoding="utf-8")
        assert all((f'href="{page}"' in home) is built for page in teacher_pages), edition
