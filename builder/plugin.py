"""The MkDocs adapter: serve the generated pages from memory and watch the course sources.

``mkdocs build`` fails on any course error, with the same diagnostics as ``course check``.
``mkdocs serve`` keeps going instead: a lesson with errors keeps its last good page, topped
with the errors to fix, so a teacher sees what is wrong where they are looking.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config import base, config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .course import LoadCache, load_course
from .pages import nav
from .pages.common import front_matter, lesson_uri, md_text
from .site import site_files
from .source import load_yaml


class FiveFramesConfig(base.Config):
    """``plugins: - five-frames: {root: ., edition: student}``."""

    root = c.Type(str, default=".")
    """Course folder holding seeds/ and lessons/, relative to mkdocs.yml."""
    edition = c.Choice(("student", "teacher"), default="student")
    """``teacher`` adds teacher notes, answer keys and teacher notebooks."""


class FiveFramesPlugin(BasePlugin[FiveFramesConfig]):
    """Adds lesson, article, glossary, overview and coverage pages (and notebooks) to the site."""

    serving = False
    last_good: dict[str, str] = {}
    cache: LoadCache | None = None

    def on_startup(self, *, command, dirty) -> None:
        # Having on_startup keeps this instance across rebuilds of one `mkdocs serve`.
        self.serving = command == "serve"
        self.last_good = {}
        self.cache = LoadCache()

    def _root(self, config) -> Path:
        return (Path(config.config_file_path).parent / self.config.root).resolve()

    def on_files(self, files: Files, /, *, config) -> Files:
        root = self._root(config)
        course, report = load_course(root, self.cache)
        for diag in report.sorted():
            print(diag.format(), file=sys.stderr)
        if report.errors and not self.serving:
            raise PluginError(f"five-frames: {len(report.errors)} error(s) in the course sources (listed above)")
        generated = site_files(course, self.config.edition)
        entries = nav(course)
        if report.errors:
            print(f"five-frames: {len(report.errors)} error(s); pages of lessons with errors show them until "
                  "you fix them", file=sys.stderr)
            stale = _error_pages(root, report, self.last_good)
            generated = {**stale, **generated}
            lessons = next(entry["Lessons"] for entry in entries if "Lessons" in entry)
            lessons += [{f"Has errors: {uri.split('/')[-1][:-3]}": uri} for uri in stale if uri.endswith(".md")]
        else:
            self.last_good = dict(generated)
        for uri, text in generated.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"five-frames: docs/{uri} is a generated page; rename or remove the file in docs/")
            files.append(File.generated(config, uri, content=text))
        config.nav = _merge_nav(config.nav, entries)
        return files

    def on_serve(self, server, /, *, config, builder):
        root = self._root(config)
        for folder in ("lessons", "seeds"):
            server.watch(str(root / folder))
        return server


def _error_pages(root: Path, report, last_good: dict[str, str]) -> dict[str, str]:
    """For each lesson file with errors: its last good page (or a bare page) topped with the errors."""
    pages = {}
    for path in sorted({d.path for d in report.errors if d.path.startswith("lessons/")}):
        data = load_yaml(root / path, path, root).data  # never a pipe, a device or a file too large
        lesson_id = data.get("id") if isinstance(data, dict) else None  # if unreadable, the diagnostics say why
        if not isinstance(lesson_id, str) or not lesson_id.replace("-", "").isalnum() or not lesson_id.islower():
            continue
        uri = lesson_uri(lesson_id)
        problems = "\n".join(f"    - {md_text(d.format())}" for d in report.errors if d.path == path)
        banner = (f'!!! failure "{md_text(path)} has errors: this page is out of date"\n\n'
                  f"    Fix these and save; the page updates by itself.\n\n{problems}\n\n")
        old = last_good.get(uri)
        for extra in (f"notebooks/{lesson_id}.ipynb", f"notebooks/teacher/{lesson_id}.ipynb"):
            if old and extra in last_good:
                pages[extra] = last_good[extra]  # the page links to them
        if old:
            head, _, body = old.partition("\n---\n\n")
            pages[uri] = f"{head}\n---\n\n{banner}{body}"
        else:
            pages[uri] = front_matter(lesson_id) + f"# {md_text(lesson_id)}\n\n" + banner
    return pages


def _merge_nav(configured, generated):
    """Insert the generated sections after the first configured entry (the home page)."""
    if not configured:
        return None  # MkDocs builds its own nav from all files
    return [configured[0], *generated, *configured[1:]]
