"""The MkDocs adapter: serve the generated pages from memory and watch the course sources."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base, config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .course import load_course
from .pages import nav
from .site import site_files

log = logging.getLogger("mkdocs.plugins.five-frames")


class FiveFramesConfig(base.Config):
    """``plugins: - five-frames: {root: ., edition: student}``."""

    root = c.Type(str, default=".")
    """Course folder holding seeds/ and lessons/, relative to mkdocs.yml."""
    edition = c.Choice(("student", "teacher"), default="student")
    """``teacher`` adds teacher notes and answer keys."""


class FiveFramesPlugin(BasePlugin[FiveFramesConfig]):
    """Adds lesson, article, glossary, overview and coverage pages to the site."""

    def _root(self, config) -> Path:
        return (Path(config.config_file_path).parent / self.config.root).resolve()

    def on_files(self, files: Files, /, *, config) -> Files:
        course, report = load_course(self._root(config))
        for diag in report.sorted():
            (log.error if diag.severity == "error" else log.warning)(diag.format())
        if report.errors:
            raise PluginError(f"five-frames: {len(report.errors)} error(s) in the course sources (listed above)")
        for uri, text in site_files(course, self.config.edition).items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"five-frames: docs/{uri} is a generated page; rename or remove the file in docs/")
            files.append(File.generated(config, uri, content=text))
        config.nav = _merge_nav(config.nav, nav(course))
        return files

    def on_serve(self, server, /, *, config, builder):
        root = self._root(config)
        for folder in ("lessons", "seeds"):
            server.watch(str(root / folder))
        return server


def _merge_nav(configured, generated):
    """Insert the generated sections after the first configured entry (the home page)."""
    if not configured:
        return None  # MkDocs builds its own nav from all files
    return [configured[0], *generated, *configured[1:]]
