"""Fixtures: a scratch course, the CLI run in-process, and courses loaded and rendered once per test run.

The functions behind them are in helpers.py. ``ROOT`` and ``FIXTURES`` are importable from here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, Loaded, loaded, make_course, rendered_notebooks, rendered_site

from builder import cli

__all__ = ["FIXTURES", "ROOT"]


@pytest.fixture
def course_root(tmp_path) -> Path:
    """A scratch course with the glossary, the articles and only the fixture lesson: change it at will."""
    return make_course(tmp_path / "course", with_lessons=False)


@pytest.fixture
def run(capsys):
    """Run ``course ARGS...`` in-process; returns (exit code, stdout, stderr)."""
    def _run(*args):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        out = capsys.readouterr()
        return code, out.out, out.err
    return _run


@pytest.fixture(scope="session")
def real_course() -> Loaded:
    """The repository's course and its report, loaded once: read it, never change it."""
    return loaded("real")


@pytest.fixture(scope="session")
def fixture_course() -> Loaded:
    """The course of ``course_root`` as it starts (the fixture lesson alone) and its report, loaded once."""
    return loaded("fixture")


@pytest.fixture(scope="session")
def fixture_site() -> dict[str, Mapping[str, str]]:
    """``{edition: {docs path: text}}``: every generated file of ``fixture_course``, in both editions."""
    return {edition: rendered_site("fixture", edition) for edition in ("student", "teacher")}


@pytest.fixture(scope="session")
def fixture_notebooks() -> Mapping[str, str]:
    """Every notebook of ``fixture_course``: ``{"student/fixture-lesson.ipynb": json, "teacher/...": json}``."""
    return rendered_notebooks("fixture")
