"""The real course: it checks clean, reads plainly, and contrasts sources as the course promises.

Whatever lessons it holds today: counts, ids and kinds are read from the course, the schema and the registry.
"""

from __future__ import annotations

import statistics
from collections import Counter

import pytest
import textstat
import yaml
from helpers import ROOT

from builder.kinds import KINDS
from builder.lessons import prose_fields
from builder.options import correct_index, course_orders
from builder.prose import plain
from builder.validate import validator


@pytest.fixture(scope="module")
def course(real_course):
    """The real course (shared: read it, never change it)."""
    return real_course.course


def test_course_checks_clean(real_course):
    assert real_course.report.items == [], real_course.report.to_text()
    listed = yaml.safe_load((ROOT / "seeds" / "articles.yaml").read_text(encoding="utf-8"))["articles"]
    assert list(real_course.course.articles) == [article["id"] for article in listed]


def lesson_prose(lesson) -> str:
    fields = [plain(text) for _, text in prose_fields(lesson.data)]
    return "\n".join(f if f.rstrip().endswith((".", "?", "!", ":")) else f + "." for f in fields)


def test_median_reading_grade_is_at_most_11(course):
    grades = {lesson.id: textstat.flesch_kincaid_grade(lesson_prose(lesson)) for lesson in course.lessons}
    assert statistics.median(grades.values()) <= 11, grades
    assert max(grades.values()) <= 13, grades


def test_every_lesson_contrasts_at_least_two_articles(course):
    for lesson in course.lessons:
        assert len(lesson.article_ids) >= 2, lesson.id


def test_every_quoted_outlet_has_its_techniques_examined(course):
    for lesson in course.lessons:
        annotated = {note.passage.article.id for note in lesson.annotations}
        assert annotated, lesson.id
    examined = Counter(note.passage.article.id for lesson in course.lessons for note in lesson.annotations)
    assert set(examined) == set(course.articles), examined


def test_every_lesson_has_practice_transfer_and_teacher_notes(course):
    for lesson in course.lessons:
        data = lesson.data
        assert data["self_check"] and data.get("exercises") and data.get("transfer"), lesson.id
        notes = data["teacher_notes"]
        assert notes.get("misconceptions") and notes.get("answers"), lesson.id


def test_every_self_check_question_has_exactly_one_correct_option(course):
    for lesson in course.lessons:
        for question in lesson.data["self_check"]:
            assert sum(bool(o.get("correct")) for o in question["options"]) == 1, (lesson.id, question["prompt"])


def test_self_checks_cannot_be_passed_by_letter_or_by_length(course):
    """As students see them: no letter holds more than 40% of the correct answers, and the correct option is
    the longest (ties count) in at most 40% of the questions."""
    orders = course_orders(course)
    letters, longest, total = Counter(), [], 0
    for lesson in course.lessons:
        for question, order in zip(lesson.data["self_check"], orders[lesson.id]):
            correct = correct_index(question)
            letters["ABCDEFGH"[order.index(correct)]] += 1
            lengths = [len(plain(o["text"])) for o in question["options"]]
            if lengths[correct] == max(lengths):
                longest.append((lesson.id, question["prompt"]))
            total += 1
    assert max(letters.values()) <= 0.4 * total, letters
    assert len(longest) <= 0.4 * total, longest


def test_course_size_and_coverage(course):
    lessons_per_article = Counter(a for lesson in course.lessons for a in lesson.article_ids)
    assert set(lessons_per_article) == set(course.articles)
    assert min(lessons_per_article.values()) >= 5, lessons_per_article
    strands = Counter(s for lesson in course.lessons for s in lesson.data["strands"])
    assert set(strands) == set(validator("lesson").schema["properties"]["strands"]["items"]["enum"])


def test_course_opens_with_the_sources_and_closes_with_a_capstone(course):
    assert "sourcing" in course.lessons[0].data["strands"]  # who wrote each text comes first
    assert set(course.lessons[-1].data["strands"]) == {s for lesson in course.lessons for s in lesson.data["strands"]}
    capstone = {(p.article.id, p.start, p.end) for p in course.lessons[-1].passages.values()}
    others = [(p.article.id, p.start, p.end) for lesson in course.lessons[:-1] for p in lesson.passages.values()]
    overlapping = [c for c in capstone for o in others if c[0] == o[0] and c[1] < o[2] and o[1] < c[2]]
    assert overlapping == [], "the capstone must use passages no other lesson quotes"


def test_every_exercise_kind_is_used(course):
    kinds = {exercise.spec["kind"] for lesson in course.lessons for exercise in lesson.exercises}
    assert kinds == set(KINDS)
