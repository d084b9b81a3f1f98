"""The site engines, MkDocs and Zensical, run on a site source (``builder/project.py``) as subprocesses.

``course site`` writes the source to a folder beside ``--out``, runs the engine's build there, and swaps
the finished HTML site in with the same safety as ``course build`` (``builder/output.py``): it never
deletes what it did not write. ``course serve`` runs the engine's serve (``builder/preview.py``).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, visible
from .output import check_output, publish_folder, staging_folder, write_files
from .project import CONFIG, SITE, SourceError, site_source

SITE_COMMAND = "course site"
SHOWN_LINES = 40
"""Lines of an engine's output shown when it fails."""
ENGINE_ENV = {"NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}
"""Captured output has no use for colours; MkDocs' notice about Material's end of life is in the README."""
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_TRACEBACK = re.compile(r"^Traceback \(most recent call last\):\n(?:[ \t].*\n)*", re.MULTILINE)


class EngineError(Exception):
    """An engine is missing, or it failed (its message says which, and what it printed)."""


@dataclass(frozen=True)
class Engine:
    """A site engine: the module that runs it (``python -m module``) and how to install it."""

    name: str
    module: str
    install: str
    build_options: tuple[str, ...] = ("--strict",)

    def available(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    def require(self) -> None:
        """Raise ``EngineError`` with the install command when the engine is not installed."""
        if not self.available():
            raise EngineError(f"{self.name} is not installed: {self.install}")

    def build_command(self, config: Path) -> list[str]:
        return [sys.executable, "-m", self.module, "build", *self.build_options, "-f", str(config)]

    def serve_command(self, config: Path, address: str) -> list[str]:
        return [sys.executable, "-m", self.module, "serve", "-f", str(config), "-a", address]


ENGINES: dict[str, Engine] = {
    "zensical": Engine("zensical", "zensical", "pip install 'zensical>=0.0.70,<0.0.80'"),
    "mkdocs": Engine("mkdocs", "mkdocs", "pip install 'mkdocs>=1.6,<2' 'mkdocs-material>=9.5,<10'"),
}


def engine(name: str) -> Engine:
    return ENGINES[name]


def run_build(chosen: Engine, source: Path) -> Path:
    """Build the site source in ``source`` with ``chosen``; the HTML site's folder (``source/site``)."""
    chosen.require()
    done = subprocess.run(chosen.build_command(source / CONFIG), cwd=source, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, errors="replace", env={**os.environ, **ENGINE_ENV})
    if done.returncode != 0:
        raise EngineError(f"{chosen.name} build failed (exit {done.returncode}):\n" + engine_output(done.stdout))
    return source / SITE


def engine_output(text: str) -> str:
    """An engine's output for the terminal: no colour codes, no Python traceback (its last line stays), the
    last ``SHOWN_LINES`` lines, control characters spelled out."""
    text = _TRACEBACK.sub("", _ANSI.sub("", text))
    return "\n".join(visible(line) for line in text.strip().splitlines()[-SHOWN_LINES:])


def build_site(course, out: Path, engine_name: str, edition: str = "student") -> int:
    """Build the HTML site of ``edition`` with the engine into ``out``; the number of files written.

    Raises ``SourceError`` (project config), ``EngineError`` and ``output.UnsafeOutput``; ``out`` is
    changed only when the whole site was built.
    """
    chosen = engine(engine_name)
    chosen.require()
    if not (Path(course.root) / CONFIG).is_file():
        raise SourceError([_no_config(course.root)])
    check_output(course.root, out, None, SITE_COMMAND)  # before the build: fail fast
    files = site_source(course, edition)
    staging = staging_folder(out)
    try:
        source = staging / "source"
        write_files(source, files)
        return publish_folder(course.root, run_build(chosen, source), out, SITE_COMMAND)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _no_config(root: Path) -> Diagnostic:
    return Diagnostic(CONFIG, 0, 0, "error", "config",
                      f"{Path(root) / CONFIG} is missing: the site engines build from the project's MkDocs "
                      "configuration")
