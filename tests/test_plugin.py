"""The MkDocs plugin as a teacher uses it: `mkdocs serve` picks up lesson edits live."""

from __future__ import annotations

import html
import os
import socket
import subprocess
import sys
import time
import urllib.request

from mkdocs.config import load_config

from conftest import ROOT
from test_site import site_copy


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


def test_mkdocs_serve_shows_a_lesson_edit_and_reports_mistakes(tmp_path):
    root = site_copy(tmp_path / "course", with_lessons=False)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                             "-f", str(root / "mkdocs.yml")], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/lessons/fixture-lesson.html"
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
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert "lessons/00-fixture.yaml:14:12: error: quote not found" in output
    assert "Traceback" not in output
