"""Each bad lesson sits beside the exact diagnostics it must produce.

Whole files in fixtures/bad/ (with their .expected), or small patches on the fixture lesson in
fixtures/bad-lessons.yaml (with their ``expected:``); helpers.bad_lessons() reads both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import BAD_FILES, BadLesson, bad_lessons, base_lesson_text, check_bad_lesson, patch_lesson

from builder.course import load_course

BAD = bad_lessons()


@pytest.mark.parametrize("bad", BAD, ids=[bad.name for bad in BAD])
def test_bad_lesson_gives_expected_messages(bad: BadLesson, tmp_path: Path):
    course, report = check_bad_lesson(tmp_path / "course", bad)
    assert report.to_text() + "\n" == bad.expected
    assert report.errors, "a bad lesson must produce at least one error"
    assert course.lessons == [], "a lesson with errors is not rendered"


def test_every_bad_file_has_its_expected_file():
    files = sorted(BAD_FILES.glob("*.yaml"))
    assert files and len(BAD) > len(files), "no whole files or no patches found"
    for lesson in files:
        assert lesson.with_suffix(".expected").exists(), lesson.name


def test_a_patch_that_does_not_apply_is_refused():
    base = base_lesson_text()
    with pytest.raises(AssertionError, match="occurs 0 times"):
        patch_lesson(base, replace={"title: No such title": "title: x"})
    with pytest.raises(AssertionError, match="occurs 2 times"):
        patch_lesson(base, after={"correct: true": "x: y"})
    with pytest.raises(AssertionError, match="removes more than teacher_notes"):
        patch_lesson(base, delete=["teacher_notes"])  # a key whose value spans several lines
    assert patch_lesson(base, delete=["minutes"]) == base.replace("minutes: 20\n", "")


def test_base_fixture_is_valid(fixture_course):
    course, report = fixture_course
    assert report.items == []
    assert [lesson.id for lesson in course.lessons] == ["fixture-lesson"]


def test_non_utf8_file_is_reported_with_position(course_root: Path):
    (course_root / "lessons" / "latin1.yaml").write_bytes("id: caf\xe9\ntitle: x\n".encode("latin-1"))
    _, report = load_course(course_root)
    assert report.to_text() == ("lessons/latin1.yaml:1:8: error: file is not UTF-8 text (byte 0xe9 at offset 7); "
                                "save it with UTF-8 encoding [not-utf8]")


def test_two_lessons_with_one_id(course_root: Path):
    shutil.copy(course_root / "lessons" / "00-fixture.yaml", course_root / "lessons" / "01-copy.yaml")
    course, report = load_course(course_root)
    assert report.to_text() == ("lessons/01-copy.yaml:1:1: error: lesson id 'fixture-lesson' is already used by "
                                "lessons/00-fixture.yaml [duplicate-lesson]")
    assert len(course.lessons) == 1


def test_oversized_file_is_refused(course_root: Path):
    (course_root / "lessons" / "huge.yaml").write_text("x: " + "a" * 1_000_001)
    _, report = load_course(course_root)
    assert "too-large" in report.to_text() and "the limit is 1,000,000 bytes" in report.to_text()


def test_alias_bomb_is_refused(course_root: Path):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefg"):
        prev = "abcdefg"[i]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    (course_root / "lessons" / "bomb.yaml").write_text("\n".join(levels) + "\n")
    _, report = load_course(course_root)
    assert "lessons/bomb.yaml:1:1: error: document expands to more than 50,000 values" in report.to_text()


def test_article_text_changed_is_reported(course_root: Path):
    path = course_root / "seeds" / "wsws-symonds.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nextra", encoding="utf-8")
    _, report = load_course(course_root)
    text = report.to_text()
    assert text.startswith("seeds/articles.yaml:")
    assert "'wsws-symonds.txt' has changed" in text
