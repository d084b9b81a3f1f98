"""The whole course: articles, glossary and lessons, loaded and checked together."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .articles import Article, load_articles
from .diagnostics import Diagnostic, Report
from .glossary import load_glossary
from .lessons import Lesson, lesson_files, load_lesson


@dataclass
class Course:
    """Everything the renderers need, all of it verified."""

    root: Path
    articles: dict[str, Article] = field(default_factory=dict)
    glossary: dict[str, dict] = field(default_factory=dict)
    lessons: list[Lesson] = field(default_factory=list)


def load_course(root: Path) -> tuple[Course, Report]:
    """Load and check every input under ``root``; every problem lands in the report."""
    root = Path(root)
    report = Report()
    articles, diags = load_articles(root / "seeds")
    report.extend(diags)
    glossary, diags = load_glossary(root / "lessons")
    report.extend(diags)
    course = Course(root, articles, glossary)
    articles_ok = bool(articles) and not any(d.path.startswith("seeds/") for d in report.errors)
    glossary_ok = bool(glossary) and not any(d.path.endswith("glossary.yaml") for d in report.errors)
    seen: dict[str, str] = {}
    for path in lesson_files(root / "lessons"):
        shown = path.relative_to(root).as_posix()
        lesson, diags = load_lesson(path, shown, articles if articles_ok else None,
                                    glossary if glossary_ok else None)
        report.extend(diags)
        if lesson is None:
            continue
        if lesson.id in seen:
            report.add(Diagnostic(shown, 1, 1, "error", "duplicate-lesson",
                                  f"lesson id '{lesson.id}' is already used by {seen[lesson.id]}"))
            continue
        seen[lesson.id] = shown
        course.lessons.append(lesson)
    return course, report
