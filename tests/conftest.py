"""Shared fixtures: a scratch copy of the course and a way to run the CLI in-process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_course(dest: Path, with_lessons: bool = True) -> Path:
    """A copy of seeds/ and lessons/ (the real lessons, or only the glossary) plus the fixture lesson."""
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    if with_lessons:
        shutil.copytree(ROOT / "lessons", dest / "lessons")
    else:
        (dest / "lessons").mkdir()
        shutil.copy(ROOT / "lessons" / "glossary.yaml", dest / "lessons" / "glossary.yaml")
    shutil.copy(FIXTURES / "base-lesson.yaml", dest / "lessons" / "00-fixture.yaml")
    return dest


@pytest.fixture
def course_root(tmp_path) -> Path:
    """A scratch course with the glossary, the articles and only the fixture lesson."""
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


def walk(data, path=()):
    """``(path, value)`` for ``data`` and every value inside it, the path a tuple of keys and list indexes."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from walk(value, path + (i,))


def quiz_lesson(lesson_id: str, questions: list[dict]) -> str:
    """The fixture lesson's text with another id and these self-check questions (a list of mappings)."""
    import yaml
    base = (FIXTURES / "base-lesson.yaml").read_text(encoding="utf-8")
    head, rest = base.split("self_check:\n", 1)
    tail = rest[rest.index("teacher_notes:"):]
    block = yaml.safe_dump({"self_check": questions}, sort_keys=False, allow_unicode=True, width=1000)
    return head.replace("id: fixture-lesson", f"id: {lesson_id}", 1) + block + tail
