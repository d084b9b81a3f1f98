"""The MkDocs adapter: serve the generated pages from memory and watch the course sources.

A thin adapter over the core: ``site.render_site`` makes the pages, ``nav.merged_nav`` places them in the
nav and ``project.clashes`` finds hand-written pages that would hide them, as for ``course build``.
``mkdocs build`` fails on any course error, with the same diagnostics as ``course check``, before
MkDocs cleans the site folder, so the last good site stays; warnings are logged at INFO level, so
that they do not stop a ``--strict`` build. ``mkdocs serve`` keeps answering instead: ``builder.serve``
decides which pages to show and with which errors on top of them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .course import LoadCache, load_course
from .diagnostics import Diagnostic
from .nav import merged_nav
from .project import clashes
from .serve import home_banner, serve_site
from .site import Site, render_site

log = logging.getLogger("mkdocs.plugins.five-frames")


class FiveFramesConfig(base.Config):
    """``plugins: - five-frames: {root: ., edition: student}``."""

    root = c.Type(str, default=".")
    """Course folder holding seeds/ and lessons/, relative to mkdocs.yml."""
    edition = c.Choice(("student", "teacher"), default="student")
    """``teacher`` adds teacher notes, answer keys and teacher notebooks."""
    teacher_docs = c.ListOfItems(c.Type(str), default=[])
    """Hand-written pages (paths under docs/) only the teacher edition has: the student site never builds them."""


class FiveFramesPlugin(BasePlugin[FiveFramesConfig]):
    """Adds lesson, article, glossary, overview and coverage pages (and notebooks) to the site."""

    serving = False
    last_good: Site | None = None
    cache: LoadCache | None = None
    site: Site | None = None
    """This build's generated files and nav, made in on_pre_build."""
    banner = ""
    """Errors for the top of the home page while serving ('' when there are none)."""

    def on_startup(self, *, command, dirty) -> None:
        # Having on_startup keeps this instance across rebuilds of one `mkdocs serve`.
        self.serving = command == "serve"
        self.last_good = None
        self.cache = LoadCache()

    def _root(self, config) -> Path:
        return (Path(config.config_file_path).parent / self.config.root).resolve()

    def _render(self, course) -> Site:
        return render_site(course, self.config.edition)

    def on_pre_build(self, *, config) -> None:
        # Before MkDocs cleans site_dir: a build that fails here leaves the previous site as it was.
        root = self._root(config)
        if self.serving:
            return self._serve(root, config)
        course, report = load_course(root, self.cache)
        _log(report.sorted())
        if report.errors:
            raise PluginError(f"five-frames: {len(report.errors)} error(s) in the course sources (listed above)")
        if report.warnings:
            log.info(f"{len(report.warnings)} warning(s) in the course sources (listed above); they do not stop "
                     "the build")
        self.site = self._render(course)
        if clashes := _clashes(self.site, config):
            _log(clashes)
            raise PluginError("five-frames: docs/ holds files with the names of generated pages (listed above)")

    def _serve(self, root: Path, config) -> None:
        """What this rebuild of `mkdocs serve` shows: never an exception, errors on the pages instead."""
        served = serve_site(lambda: load_course(root, self.cache), self._render, self.last_good)
        if not served.errors:
            self.last_good = served.site
        clashes = _clashes(served.site, config)
        _log(served.report.sorted() + clashes, error_level=logging.INFO)  # an error must not stop the server
        errors = served.errors + clashes
        if errors:
            log.info(f"{len(errors)} error(s); the pages they affect show them and stay as they last were until "
                     "you fix them")
            # Kept pages may link to what is gone (a renamed term, a removed article): MkDocs must not stop on that.
            for checks, names in ((config.validation.links, ("not_found", "anchors", "unrecognized_links")),
                                  (config.validation.nav, ("not_found", "omitted_files"))):
                for name in names:
                    setattr(checks, name, logging.INFO)
        self.site, self.banner = served.site, home_banner(errors)

    def on_files(self, files: Files, /, *, config) -> Files:
        if self.site is None:
            raise PluginError("five-frames: on_files ran before on_pre_build made the pages")
        others = frozenset() if self.config.edition == "teacher" else frozenset(self.config.teacher_docs)
        for uri in others:
            if (file := files.get_file_from_path(uri)) is not None:
                files.remove(file)
        for uri, text in self.site.files.items():
            if files.get_file_from_path(uri) is None:  # a file in docs/ wins (see _clashes)
                files.append(File.generated(config, uri, content=text))
        config.nav = merged_nav(config.nav, self.site.nav, others)
        return files

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        if self.banner and (page.is_homepage or page.file.src_uri == "index.md"):
            return self.banner + markdown
        return markdown

    def on_serve(self, server, /, *, config, builder):
        root = self._root(config)
        for folder in ("lessons", "seeds"):
            server.watch(str(root / folder))
        return server


def _log(diags, error_level: int = logging.ERROR) -> None:
    """Diagnostics through MkDocs' log (on stderr): errors at ``error_level``, warnings at INFO, which a
    ``--strict`` build does not count (course warnings never stop a build)."""
    for diag in diags:
        log.log(error_level if diag.severity == "error" else logging.INFO, diag.format())


def _clashes(site: Site, config) -> list[Diagnostic]:
    """Files in docs/ with the name of a generated page: the docs/ file would hide the page."""
    docs = Path(config.docs_dir)
    return clashes(site, [uri for uri in site.files if (docs / uri).exists()], docs.name)
