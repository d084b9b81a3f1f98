"""The course's house rules are `course check`'s (builder/checks.py): each one, broken on a scratch course,
gets its warning; a lesson written from docs/writing-lessons.md alone keeps them all, and the content tests too."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from helpers import (
    FIXTURE_LESSON,
    ROOT,
    Loaded,
    add_practice_article,
    base_lesson,
    dump_yaml,
    lesson_copy,
    make_course,
    replace_once,
)
from test_course_content import CONTENT_CHECKS

from builder import checks
from builder.course import load_course

NEW_LESSON = """\
# yaml-language-server: $schema=schema/lesson.schema.json
id: my-lesson
title: Who is the threat?
strands: [bias-and-framing]
minutes: 30
objectives:
  - Say who each text presents as the threat, and which words do it.
passages:
  - id: model
    article: cgtn-haiphong
    quote: "represent a model for global cooperation in the 21st century"
  - id: prelude
    article: wsws-symonds
    quote: "regards the war against Russia as the prelude to a conflict with China"
    cold_read: true
contrasts:
  - passages: [model, prelude]
    question: Which text sees a danger, and which sees a model?
annotations:
  - passage: prelude
    span: prelude
    technique: loaded-language
    explanation: The word says a war is coming before the text shows it.
self_check:
  - prompt: Which word tells you a war is coming?
    passage: prelude
    options:
      - text: prelude
        correct: true
        feedback: Yes. A prelude is what comes before the main event.
      - text: regards
        feedback: Not quite. This word only says what Washington thinks.
transfer: In a news article of your choice, find one word that tells you what will happen next.
teacher_notes:
  timing: 10 minutes reading, 20 minutes discussion.
"""
"""A lesson written only from docs/writing-lessons.md: the keys its table marks required, two articles, one
annotation, one question with one correct option."""


def codes(report) -> list[str]:
    return [d.code for d in report.items]


def test_a_13th_lesson_written_from_the_docs_passes_course_check_and_the_content_tests(tmp_path, run):
    root = make_course(tmp_path / "course")
    (root / FIXTURE_LESSON).unlink()
    shutil.copytree(ROOT / "docs", root / "docs")
    (root / "lessons" / "13-my-lesson.yaml").write_text(NEW_LESSON, encoding="utf-8")
    code, _, err = run("--root", root, "check")
    assert code == 0 and err.startswith("course check: ok ("), err
    loaded = Loaded(*load_course(root))
    for check in CONTENT_CHECKS:
        check(loaded)
    ids = [lesson.id for lesson in loaded.course.lessons]
    assert ids[-2:] == ["my-lesson", "capstone"]  # the capstone comes last, whatever the file names


def scratch(root: Path, lessons: dict[str, str]) -> Loaded:
    """The scratch course at ``root`` with only these lessons (``{file stem: text}``), loaded."""
    (root / FIXTURE_LESSON).unlink()
    for stem, text in lessons.items():
        (root / "lessons" / f"{stem}.yaml").write_text(text, encoding="utf-8")
    return Loaded(*load_course(root))


def as_capstone(text: str) -> str:
    return replace_once(text, "minutes: 20\n", "minutes: 20\ncapstone: true\n")


def test_a_lesson_quoting_one_article_is_told_to_quote_two(course_root):
    data = base_lesson()
    data["passages"] = data["passages"][:1]
    data["passages"][0]["cold_read"] = True  # the fixture reads its second passage cold
    del data["contrasts"]
    data["annotations"] = data["annotations"][:1]
    data["exercises"] = data["exercises"][:1]
    course, report = scratch(course_root, {"01-one": dump_yaml(data)})
    assert report.errors == [] and codes(report) == ["one-article"], report.to_text()
    assert "quote at least two articles" in report.to_text()


def test_a_lesson_without_annotations_is_told_to_add_them(course_root):
    data = base_lesson()
    del data["annotations"]
    for passage in data["passages"]:
        passage.pop("cold_read", None)  # nothing left to reveal
    data["exercises"] = [e for e in data["exercises"] if e["kind"] != "spot-loaded-words"]
    _, report = scratch(course_root, {"01-plain": dump_yaml(data)})
    assert codes(report) == ["no-annotations"], report.to_text()


def test_hard_prose_is_told_its_reading_grade_and_its_hardest_field(course_root):
    hard = ("Notwithstanding considerable international disagreement regarding geopolitical characterisations, "
            "contemporary institutional communications systematically incorporate evaluative terminology "
            "demonstrating organisational perspectives, consequently necessitating sophisticated interpretative "
            "capabilities amongst educational participants.")
    text = replace_once(lesson_copy("hard"), "Read two passages and compare their *words*. See [[loaded-language]].",
                        " ".join([hard] * 8))
    _, report = scratch(course_root, {"01-hard": text})
    [diag] = report.items
    assert diag.code == "reading-grade" and "introduction at grade" in diag.message, diag.message
    assert diag.line == text.splitlines().index("introduction: >-") + 1


def test_the_capstone_comes_last_whatever_its_file_name(course_root):
    course, report = scratch(course_root, {"00-capstone": as_capstone(lesson_copy("final")),
                                           "01-after": lesson_copy("after")})
    assert [lesson.id for lesson in course.lessons] == ["after", "final"]
    assert "capstone-passage-reused" in codes(report)  # the copy quotes the capstone's passages


def test_a_lesson_quoting_the_capstones_passages_is_told_where(course_root):
    _, report = scratch(course_root, {"01-capstone": as_capstone(lesson_copy("final")),
                                      "02-other": lesson_copy("other")})
    reused = [d for d in report.items if d.code == "capstone-passage-reused"]
    assert [d.path for d in reused] == ["lessons/02-other.yaml"] * 3
    assert "overlaps the capstone's passage 'autocrats' (lessons/01-capstone.yaml:13," in reused[0].message


def test_two_capstones_and_a_capstone_missing_a_strand(course_root):
    other = replace_once(lesson_copy("other"), "strands: [loaded-language]", "strands: [sourcing]")
    other = replace_once(other, 'quote: "from certain hegemonic country"', 'quote: "certain hegemonic country"')
    _, report = scratch(course_root, {"01-a": as_capstone(lesson_copy("a")), "02-b": as_capstone(lesson_copy("b")),
                                      "03-other": other})
    text = report.to_text()
    assert "lessons/02-b.yaml:7:11: warning: lessons/01-a.yaml is already the capstone" in text, text
    assert "leaves out strand(s) other lessons teach: sourcing; add them to its strands [capstone-strands]" in text


def test_a_complete_course_covers_every_article_and_strand(course_root, monkeypatch):
    _, report = scratch(course_root, {"01-capstone": as_capstone(lesson_copy("final"))})
    few = [d.message for d in report.items if d.code == "article-few-lessons"]
    assert len(few) == 5 and "article 'amac-solis' is quoted in 1 lesson(s)" in few[0]
    assert codes(report).count("strand-unused") == 2  # the fixture teaches only loaded-language
    monkeypatch.setattr(checks, "MIN_LESSONS_PER_ARTICLE", 1)
    _, report = load_course(course_root)
    assert [d.message for d in report.items if d.code == "article-not-annotated"] == [
        "no lesson annotates a passage of article 'wsws-symonds': no outlet is the neutral one, so mark its "
        "techniques too"]


def test_a_course_without_capstone_is_a_draft_without_coverage_rules(course_root):
    _, report = scratch(course_root, {"01-draft": lesson_copy("draft")})
    assert report.items == []


# ---- practice texts (written_for_course): only the capstone quotes them ----

PRACTICE_PASSAGE = """\
  - id: lobby
    article: drill-text
    quote: "a gift to the concrete lobby"
"""
"""A passage of the scratch course's practice text (``helpers.add_practice_article``)."""


def test_a_lesson_other_than_the_capstone_quoting_a_practice_text_is_told_where(course_root):
    add_practice_article(course_root)
    text = replace_once(lesson_copy("early"), "passages:\n", "passages:\n" + PRACTICE_PASSAGE)
    _, report = scratch(course_root, {"01-early": text})
    [diag] = [d for d in report.items if d.code == "practice-text-quoted"]
    assert (diag.path, diag.line) == ("lessons/01-early.yaml", text.splitlines().index("    article: drill-text") + 1)
    assert "passage 'lobby' quotes article 'drill-text', a practice text" in diag.message
    assert "only the capstone may quote it" in diag.message


def _practice_capstone() -> str:
    """A capstone that quotes only the practice text."""
    data = yaml.safe_load(as_capstone(lesson_copy("final")))
    data["passages"] = yaml.safe_load(PRACTICE_PASSAGE)
    data.pop("contrasts")
    data["annotations"] = [{"passage": "lobby", "span": "the concrete lobby", "technique": "name-calling",
                            "explanation": "A label for the quay's backers."}]
    data["self_check"][0]["passage"] = "lobby"
    data["exercises"] = [{"id": "spot", "kind": "spot-loaded-words", "prompt": "List them.", "passage": "lobby"}]
    return dump_yaml(data)


def test_a_capstone_on_the_practice_text_alone_keeps_the_capstone_rules_without_one_article(course_root):
    add_practice_article(course_root)
    _, report = scratch(course_root, {"01-early": lesson_copy("early"), "02-final": _practice_capstone()})
    at_capstone = [d.code for d in report.items if d.path == "lessons/02-final.yaml"]
    assert set(at_capstone) == {"strand-unused"}, report.to_text()  # the scratch course teaches one strand
    assert "practice-text-quoted" not in codes(report)
    few = [d.message for d in report.items if d.code == "article-few-lessons"]
    assert few and not any("drill-text" in m for m in few)  # a practice text needs no coverage


def test_coverage_rules_do_not_ask_lessons_to_quote_a_practice_text(course_root):
    add_practice_article(course_root)
    _, report = scratch(course_root, {"01-capstone": as_capstone(lesson_copy("final"))})
    few = " ".join(d.message for d in report.items if d.code in ("article-few-lessons", "article-not-annotated"))
    assert "amac-solis" in few and "drill-text" not in few
