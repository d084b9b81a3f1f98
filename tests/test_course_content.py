"""The real course: ``course check`` finds nothing to say about it, not even a warning.

The course's house rules (two articles per lesson, annotations, plain prose, the capstone, coverage of every
article and strand) are the builder's (builder/checks.py), so a lesson added by the docs passes them here only if
``course check`` passes it too; tests/test_house_rules.py checks each rule on scratch courses.
"""

from __future__ import annotations

import textstat
import yaml
from helpers import ROOT, Loaded

from builder import close_reading
from builder.readability import lesson_grade, lesson_prose


def check_clean(loaded: Loaded) -> None:
    """No error and no warning, and the articles in the order seeds/articles.yaml lists them."""
    assert loaded.report.items == [], loaded.report.to_text()
    listed = yaml.safe_load((loaded.course.root / "seeds" / "articles.yaml").read_text(encoding="utf-8"))["articles"]
    assert list(loaded.course.articles) == [article["id"] for article in listed]


def check_reading_grade_agrees_with_textstat(loaded: Loaded) -> None:
    """The builder's reading grade (the ``reading-grade`` rule) is within one and a half grades of textstat's on every lesson."""
    for lesson in loaded.course.lessons:
        fields = [f if f.rstrip().endswith((".", "?", "!", ":")) else f + "." for _, f in lesson_prose(lesson.data)]
        theirs = textstat.flesch_kincaid_grade("\n".join(fields))
        assert abs(lesson_grade(lesson.data) - theirs) <= 1.5, (lesson.id, lesson_grade(lesson.data), theirs)


def check_close_reading_targets(loaded: Loaded) -> None:
    """The lessons examine the close-reading inventory's loaded language and attributions up to the targets, and
    each article's loaded language too (no outlet is the one left unexamined)."""
    measured = close_reading.measure(loaded.course)
    assert measured is not None, "the course has a close-reading inventory (seeds/close-reading.yaml)"
    assert measured.loaded.ratio >= close_reading.LOADED_TARGET, [r.quote for r in measured.loaded.missed]
    assert measured.attributions.ratio >= close_reading.ATTRIBUTION_TARGET, [r.quote for r in measured.attributions.missed]
    for article_id, shares in measured.by_article.items():
        assert shares["loaded"].ratio >= close_reading.ARTICLE_TARGET, (article_id, shares["loaded"].ratio)


CONTENT_CHECKS = (check_clean, check_reading_grade_agrees_with_textstat, check_close_reading_targets)
"""What this file asks of a course: tests/test_house_rules.py asks the same of the course plus a new lesson."""


def test_course_checks_clean(real_course):
    check_clean(real_course)
    assert real_course.course.root == ROOT


def test_close_reading_targets_are_met(real_course):
    check_close_reading_targets(real_course)


def test_reading_grade_agrees_with_textstat(real_course):
    check_reading_grade_agrees_with_textstat(real_course)
