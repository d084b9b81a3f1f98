"""The real course: it checks clean, reads plainly, and contrasts sources as the course promises."""

from __future__ import annotations

import statistics
from collections import Counter

import textstat

from builder.course import load_course
from builder.lessons import prose_fields
from builder.options import correct_index, course_orders
from builder.prose import plain
from conftest import ROOT

COURSE, REPORT = load_course(ROOT)


def test_course_checks_clean():
    assert REPORT.items == [], REPORT.to_text()
    assert len(COURSE.articles) == 5


def lesson_prose(lesson) -> str:
    fields = [plain(text) for _, text in prose_fields(lesson.data)]
    return "\n".join(f if f.rstrip().endswith((".", "?", "!", ":")) else f + "." for f in fields)


def test_median_reading_grade_is_at_most_11():
    grades = {lesson.id: textstat.flesch_kincaid_grade(lesson_prose(lesson)) for lesson in COURSE.lessons}
    assert statistics.median(grades.values()) <= 11, grades
    assert max(grades.values()) <= 13, grades


def test_every_lesson_contrasts_at_least_two_articles():
    for lesson in COURSE.lessons:
        assert len(lesson.article_ids) >= 2, lesson.id


def test_every_quoted_outlet_has_its_techniques_examined():
    for lesson in COURSE.lessons:
        annotated = {note.passage.article.id for note in lesson.annotations}
        assert annotated, lesson.id
    examined = Counter(note.passage.article.id for lesson in COURSE.lessons for note in lesson.annotations)
    assert set(examined) == set(COURSE.articles), examined


def test_every_lesson_has_practice_transfer_and_teacher_notes():
    for lesson in COURSE.lessons:
        data = lesson.data
        assert data["self_check"] and data.get("exercises") and data.get("transfer"), lesson.id
        notes = data["teacher_notes"]
        assert notes.get("misconceptions") and notes.get("answers"), lesson.id


def test_every_self_check_question_has_exactly_one_correct_option():
    for lesson in COURSE.lessons:
        for question in lesson.data["self_check"]:
            assert sum(bool(o.get("correct")) for o in question["options"]) == 1, (lesson.id, question["prompt"])


def test_self_checks_cannot_be_passed_by_letter_or_by_length():
    """As students see them: no letter holds more than 40% of the correct answers, and the correct option is
    the longest (ties count) in at most 40% of the questions."""
    orders = course_orders(COURSE)
    letters, longest, total = Counter(), [], 0
    for lesson in COURSE.lessons:
        for question, order in zip(lesson.data["self_check"], orders[lesson.id]):
            correct = correct_index(question)
            letters["ABCDEFGH"[order.index(correct)]] += 1
            lengths = [len(plain(o["text"])) for o in question["options"]]
            if lengths[correct] == max(lengths):
                longest.append((lesson.id, question["prompt"]))
            total += 1
    assert max(letters.values()) <= 0.4 * total, letters
    assert len(longest) <= 0.4 * total, longest


def test_course_size_and_coverage():
    assert len(COURSE.lessons) >= 12
    lessons_per_article = Counter(a for lesson in COURSE.lessons for a in lesson.article_ids)
    assert set(lessons_per_article) == set(COURSE.articles)
    assert min(lessons_per_article.values()) >= 5, lessons_per_article
    strands = Counter(s for lesson in COURSE.lessons for s in lesson.data["strands"])
    assert set(strands) == {"bias-and-framing", "sourcing", "loaded-language"}


def test_course_opens_with_the_sources_and_closes_with_a_capstone():
    assert COURSE.lessons[0].id == "meet-the-sources"
    assert COURSE.lessons[-1].id == "capstone"
    capstone = {(p.article.id, p.start, p.end) for p in COURSE.lessons[-1].passages.values()}
    others = [(p.article.id, p.start, p.end) for lesson in COURSE.lessons[:-1] for p in lesson.passages.values()]
    overlapping = [c for c in capstone for o in others if c[0] == o[0] and c[1] < o[2] and o[1] < c[2]]
    assert overlapping == [], "the capstone must use passages no other lesson quotes"


def test_every_exercise_kind_is_used():
    kinds = {exercise.spec["kind"] for lesson in COURSE.lessons for exercise in lesson.exercises}
    assert kinds == {"spot-loaded-words", "classify-sources", "compare-framings", "by-the-numbers"}
