"""The whole course: articles, glossary and lessons, loaded and checked together."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from .articles import load_articles
from .checks import course_checks
from .diagnostics import Diagnostic, Report
from .glossary import load_glossary
from .inventory import INVENTORY, load_inventory
from .lessons import lesson_files, load_lesson
from .model import Course, Lesson
from .prepost import PREPOST, load_prepost
from .source import read_bytes


class LoadCache:
    """Earlier load results, reused while their input files are byte-for-byte the same.

    ``mkdocs serve`` keeps one across rebuilds: saving one lesson re-reads only that lesson
    (and everything, if an article or the glossary changed). Each entry is keyed on the hash
    of every file it was read from, so a stale result can never be served.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, Any]] = {}

    def get(self, name: str, key: str, load: Callable[[], Any]) -> Any:
        """The cached result for ``name`` if its ``key`` is unchanged, else ``load()`` (then cached)."""
        cached = self._entries.get(name)
        if cached is not None and cached[0] == key:
            return cached[1]
        result = load()
        self._entries[name] = (key, result)
        return result


def _fingerprint(*paths: Path) -> str:
    """Hash of the names and bytes of files (one that cannot be read counts as why it cannot)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0")
        raw, problem = read_bytes(path, path.name)  # never a pipe, a device or more than MAX_BYTES
        digest.update(raw if raw is not None else (problem.message if problem else "").encode())
        digest.update(b"\0")
    return digest.hexdigest()


def course_order(lessons: list[Lesson]) -> list[Lesson]:
    """Lessons in the order of their file names, except the capstone (``capstone: true``), which comes last."""
    return sorted(lessons, key=lambda lesson: bool(lesson.data.get("capstone")))


def load_course(root: Path, cache: LoadCache | None = None) -> tuple[Course, Report]:
    """Load and check every input under ``root``; every problem lands in the report.

    With a ``cache`` (kept by the caller between calls), unchanged inputs are not read twice.
    """
    root = Path(root)
    cache = cache or LoadCache()
    report = Report()
    seeds = root / "seeds"
    articles_key = _fingerprint(seeds / "articles.yaml", *sorted(seeds.glob("*.txt")))
    articles, diags = cache.get("seeds", articles_key, lambda: load_articles(seeds))
    report.extend(diags)
    glossary_key = _fingerprint(root / "lessons" / "glossary.yaml")
    glossary, diags = cache.get("glossary", glossary_key, lambda: load_glossary(root / "lessons"))
    report.extend(diags)
    articles_ok = bool(articles) and not any(d.path.startswith("seeds/") for d in report.errors)
    glossary_ok = bool(glossary) and not any(d.path.endswith("glossary.yaml") for d in report.errors)
    readings = None
    if articles_ok:
        inventory_key = f"{_fingerprint(seeds / INVENTORY)}:{articles_key}:{glossary_key}:{glossary_ok}"
        readings, diags = cache.get("inventory", inventory_key, partial(
            load_inventory, seeds, articles, glossary if glossary_ok else None))
        report.extend(diags)
    lessons: list[Lesson] = []
    seen: dict[str, str] = {}
    files, diags = lesson_files(root / "lessons")
    report.extend(diags)
    for path in files:
        shown = path.relative_to(root).as_posix()
        key = f"{_fingerprint(path)}:{articles_key}:{glossary_key}:{articles_ok}:{glossary_ok}"
        lesson, diags = cache.get(shown, key, partial(
            load_lesson, path, shown, articles if articles_ok else None, glossary if glossary_ok else None, root))
        report.extend(diags)
        if lesson is None:
            continue
        if lesson.id in seen:
            report.add(Diagnostic(shown, 1, 1, "error", "duplicate-lesson",
                                  f"lesson id '{lesson.id}' is already used by {seen[lesson.id]}"))
            continue
        seen[lesson.id] = shown
        lessons.append(lesson)
    prepost_path = root / "lessons" / PREPOST
    prepost_key = f"{_fingerprint(prepost_path) if prepost_path.exists() else '-'}:{articles_key}:{glossary_key}"
    prepost, diags = cache.get("prepost", f"{prepost_key}:{articles_ok}:{glossary_ok}", lambda: load_prepost(
        root / "lessons", articles if articles_ok else None, glossary if glossary_ok else None))
    report.extend(diags)
    course = Course(root, articles, glossary, course_order(lessons), readings, prepost)
    if not report.errors:  # with lessons missing, course-wide shares would mislead
        report.extend(course_checks(course))
    return course, report
