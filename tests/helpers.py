"""Helpers shared by the test files: scratch courses, the fixture lesson and its edits, bad lessons as patches,
builds run as a user runs them, courses loaded once per test run, and the notebook runtime.

Plain functions; the pytest fixtures built on them are in conftest.py.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from hypothesis import HealthCheck, settings
from lxml import html as lxml_html

from builder.course import Course, load_course
from builder.diagnostics import Report
from builder.kinds import KINDS
from builder.notebooks import render_notebooks, runtime_source
from builder.site import site_files
from builder.source import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE_LESSON = FIXTURES / "base-lesson.yaml"
"""The fixture lesson: small, valid, one exercise of each kind; scratch courses hold it as lessons/00-fixture.yaml."""
FIXTURE_LESSON = "lessons/00-fixture.yaml"


# ---- scratch courses ----

def make_course(dest: Path, with_lessons: bool = True) -> Path:
    """A copy of seeds/ and lessons/ (the real lessons, or only the glossary) plus the fixture lesson."""
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    if with_lessons:
        shutil.copytree(ROOT / "lessons", dest / "lessons")
    else:
        (dest / "lessons").mkdir()
        shutil.copy(ROOT / "lessons" / "glossary.yaml", dest / "lessons" / "glossary.yaml")
    shutil.copy(BASE_LESSON, dest / FIXTURE_LESSON)
    return dest


PRACTICE_TEXT = ("PRACTICE TEXT, NOT A REAL PUBLICATION.\n\nThe town council voted to build a new quay. Critics call it "
                 "a gift to the concrete lobby.\n\nExperts say the mudflats will suffer.\n")
"""A small practice text for scratch courses: written for the course, quoted by a capstone in tests."""


def add_practice_article(root: Path, article_id: str = "drill-text", title: str = "A drill text",
                         short_title: str = "Drill text", text: str = PRACTICE_TEXT) -> str:
    """Add an article marked ``written_for_course`` to the scratch course at ``root``; its id."""
    (root / "seeds" / f"{article_id}.txt").write_text(text, encoding="utf-8")
    entry = {"id": article_id, "file": f"{article_id}.txt",
             "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "title": title, "short_title": short_title,
             "outlet": "An invented outlet", "author": "An invented author", "date": "2026-03-12",
             "date_certainty": "printed", "genre": "Practice text", "affiliation": "None: invented for the course",
             "written_for_course": True}
    path = root / "seeds" / "articles.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
                    + yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000).replace("\n", "\n  ")
                    .replace("- ", "  - ", 1).rstrip() + "\n", encoding="utf-8")
    return article_id


def site_copy(dest: Path, with_lessons: bool = True) -> Path:
    """A scratch course (see ``make_course``) with the repository's mkdocs.yml and docs/: a whole site."""
    root = make_course(dest, with_lessons=with_lessons)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    return root


def rewrite_article(root: Path, name: str, data: bytes) -> None:
    """Replace the article file ``seeds/<name>`` with ``data`` and update its recorded SHA-256, as an editor would."""
    path = root / "seeds" / name
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_bytes(data)
    meta = root / "seeds" / "articles.yaml"
    text = meta.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"no single recorded hash of {name} in {meta}"
    meta.write_text(text.replace(old, hashlib.sha256(data).hexdigest()), encoding="utf-8")


# ---- the fixture lesson and edits of it ----

def base_lesson_text() -> str:
    """The fixture lesson as written."""
    return BASE_LESSON.read_text(encoding="utf-8")


def base_lesson() -> dict:
    """The fixture lesson as data (a fresh copy each call)."""
    return yaml.safe_load(base_lesson_text())


def dump_yaml(data: Any) -> str:
    """``data`` as a course file would hold it: keys in their order, text as typed."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def lesson_copy(lesson_id: str) -> str:
    """The fixture lesson's text under another id."""
    return replace_once(base_lesson_text(), "id: fixture-lesson", f"id: {lesson_id}")


def quiz_lesson(lesson_id: str, questions: list[dict]) -> str:
    """The fixture lesson's text with another id and these self-check questions (a list of mappings)."""
    head, rest = lesson_copy(lesson_id).split("self_check:\n", 1)
    tail = rest[re.search(r"^[a-z_]+:", rest, re.M).start():]  # the next top-level key on
    return head + yaml.safe_dump({"self_check": questions}, sort_keys=False, allow_unicode=True, width=1000) + tail


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new``; ``old`` must occur exactly once (else the edit is not the one meant)."""
    count = text.count(old)
    assert count == 1, f"{old!r} occurs {count} times, not once"
    return text.replace(old, new)


def edit_file(path: Path, old: str, new: str) -> str:
    """Replace the one occurrence of ``old`` in the file at ``path`` by ``new``; the text before the edit."""
    text = path.read_text(encoding="utf-8")
    path.write_text(replace_once(text, old, new), encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    """The line number (from 1) where ``needle`` first starts in ``text``."""
    return text[:text.index(needle)].count("\n") + 1


def walk(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """``(path, value)`` for ``data`` and every value inside it, the path a tuple of keys and list indexes."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from walk(value, path + (i,))


# ---- bad lessons: whole files in fixtures/bad/, or patches on the fixture lesson in fixtures/bad-lessons.yaml ----

BAD_FILES = FIXTURES / "bad"
BAD_PATCHES = FIXTURES / "bad-lessons.yaml"


@dataclass(frozen=True)
class BadLesson:
    """A bad lesson, saved as ``lessons/<name>.yaml``, and the exact ``course check`` messages it must produce."""

    name: str
    text: str
    expected: str


def key_path(dotted: str) -> tuple:
    """``'self_check[0].options[0].correct'`` as ``('self_check', 0, 'options', 0, 'correct')``."""
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", dotted))


def without_key(text: str, dotted: str) -> str:
    """``text`` without the one-line ``key: value`` at ``dotted``; the data must lose that key and nothing else."""
    doc = parse_yaml(text, "x.yaml")
    path = key_path(dotted)
    line = doc.locator.key(path)[0]
    lines = text.splitlines(keepends=True)
    out = "".join(lines[:line - 1] + lines[line:])
    data = parse_yaml(out, "x.yaml").data
    expected = doc.data
    parent = expected
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    assert data == expected, f"deleting line {line} removes more than {dotted}"
    return out


def add_after(text: str, anchor: str, lines: str | list[str]) -> str:
    """``text`` with ``lines`` added after the line holding ``anchor`` (once in ``text``), indented as ``anchor``."""
    replace_once(text, anchor, anchor)
    start = text.index(anchor)
    column = start - (text.rfind("\n", 0, start) + 1)
    end = text.index("\n", start) + 1
    added = "".join(" " * column + line + "\n" for line in ([lines] if isinstance(lines, str) else lines))
    return text[:end] + added + text[end:]


def patch_lesson(text: str, replace: Mapping[str, str] | None = None, after: Mapping[str, str | list[str]] | None = None,
                 delete: list[str] | None = None) -> str:
    """The lesson ``text`` with a bad-lessons.yaml patch applied, in this order: ``replace`` (``{old: new}``, each
    ``old`` once in the text), ``after`` (``{anchor: line or lines}``, see ``add_after``), ``delete`` (key paths)."""
    for old, new in (replace or {}).items():
        text = replace_once(text, old, new)
    for anchor, lines in (after or {}).items():
        text = add_after(text, anchor, lines)
    for dotted in delete or []:
        text = without_key(text, dotted)
    return text


def bad_patches() -> dict[str, dict]:
    """The cases of fixtures/bad-lessons.yaml: ``{name: {replace:, after:, delete:, expected:}}``."""
    return yaml.safe_load(BAD_PATCHES.read_text(encoding="utf-8"))


def bad_lessons() -> list[BadLesson]:
    """Every bad lesson, whole files and patches alike, by name."""
    found = [BadLesson(p.stem, p.read_text(encoding="utf-8"), p.with_suffix(".expected").read_text(encoding="utf-8"))
             for p in sorted(BAD_FILES.glob("*.yaml"))]
    base = base_lesson_text()
    for name, case in bad_patches().items():
        text = patch_lesson(base, case.get("replace"), case.get("after"), case.get("delete"))
        found.append(BadLesson(name, text, case["expected"]))
    names = [bad.name for bad in found]
    assert len(names) == len(set(names)), "a bad lesson is both a file and a patch"
    return sorted(found, key=lambda bad: bad.name)


def check_bad_lesson(dest: Path, bad: BadLesson) -> Loaded:
    """A scratch course at ``dest`` whose only lesson is ``bad`` (as lessons/<name>.yaml), loaded."""
    root = make_course(dest, with_lessons=False)
    (root / FIXTURE_LESSON).unlink()
    (root / "lessons" / f"{bad.name}.yaml").write_text(bad.text, encoding="utf-8")
    return Loaded(*load_course(root))


# ---- running what a user runs ----

def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a ``course`` or ``mkdocs`` subprocess that runs this checkout's builder."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", **extra}


def mkdocs_build(root: Path, site: Path, edition: str = "student") -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of the course at ``root`` into ``site``, in ``edition``."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                           "-d", str(site)], capture_output=True, text=True, env=subprocess_env(
                               FIVE_FRAMES_EDITION=edition), timeout=300)


def html_page(site: Path, page: str):
    """The built page ``site/<page>`` (like ``lessons/x.html``), parsed with lxml."""
    return lxml_html.fromstring((site / page).read_text(encoding="utf-8"))


def load_clean(root: Path) -> Course:
    """The course at ``root``, which must load without errors."""
    course, report = load_course(root)
    assert not report.errors, report.to_text()
    return course


# ---- courses loaded once per test run (read them, never change them) ----

class Loaded(NamedTuple):
    """A course and the report of loading it."""

    course: Course
    report: Report


_SCRATCH = tempfile.TemporaryDirectory(prefix="five-frames-tests-")
"""Where the shared fixture course lives until the test run ends."""


@functools.cache
def loaded(name: str) -> Loaded:
    """``"real"``: the repository's course; ``"fixture"``: the articles, the glossary and the fixture lesson alone.

    Loaded on first use and shared by every test of the run: a test that changes a course makes its own.
    """
    if name == "real":
        return Loaded(*load_course(ROOT))
    if name == "fixture":
        return Loaded(*load_course(make_course(Path(_SCRATCH.name) / "fixture", with_lessons=False)))
    raise ValueError(f"no shared course {name!r}")


@functools.cache
def rendered_notebooks(name: str) -> Mapping[str, str]:
    """Every notebook of the shared course ``name``, both editions: ``{"student/<id>.ipynb": json, ...}``."""
    return types.MappingProxyType(render_notebooks(loaded(name).course))


@functools.cache
def rendered_site(name: str, edition: str) -> Mapping[str, str]:
    """Every generated file of the shared course ``name`` in ``edition`` (``site_files``: pages and notebooks)."""
    return types.MappingProxyType(site_files(loaded(name).course, edition))


# ---- notebooks ----

def setup_runtime() -> types.ModuleType:
    """The code a notebook's setup cell holds (runtime.py and every registered kind's own code), as a module."""
    module = types.ModuleType("five_frames_runtime")
    exec(compile(runtime_source(KINDS.values()), str(ROOT / "builder" / "notebooks" / "runtime.py"), "exec"),
         module.__dict__)
    return module


def cells_with_role(nb, role: str) -> list:
    """The cells of a parsed notebook that the builder marked with ``role`` (``answer``, ``setup``...)."""
    return [c for c in nb.cells if c.metadata.get("five_frames", {}).get("role") == role]


def answer_in(source: str) -> Any:
    """The value an answer cell's ``answer = ...`` lines assign (the cell's check lines not run)."""
    namespace: dict[str, Any] = {}
    exec(source[:source.index("\nif ")], namespace)
    return namespace["answer"]


def with_answer(source: str, code: str) -> str:
    """An answer cell's source with ``answer = <code>`` in place of its answer lines (its check lines kept)."""
    checks = source[source.index("\nif "):]
    return f"answer = {code}\n{checks}"


# ---- property-based tests ----

def hypothesis_settings(examples: int) -> settings:
    """``examples`` examples (or $HYPOTHESIS_EXAMPLES); CI runs a fixed sequence, so a red build is reproducible."""
    return settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", examples)), deadline=None,
                    derandomize=os.environ.get("CI") == "true", suppress_health_check=[HealthCheck.too_slow])
