"""Course-wide warnings (builder/checks.py): self-checks that could be passed without reading."""

from __future__ import annotations

import json

from helpers import quiz_lesson, site_copy
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from builder.course import load_course


def lopsided(n: int = 12, fixed: bool = False) -> list[dict]:
    """Questions whose correct option is written first and is the longest: the habits the warnings catch."""
    return [{"prompt": f"Which reading of passage {i} is right?", **({"order": "fixed"} if fixed else {}),
             "options": [
                 {"text": f"The careful reading number {i}, with its reasons", "correct": True,
                  "feedback": "Yes."},
                 {"text": "A quick guess", "feedback": "No."},
                 {"text": "Another guess", "feedback": "No."},
                 {"text": "A third guess", "feedback": "No."}]} for i in range(n)]


def write(course_root, questions) -> list[int]:
    """Write the questions as lesson 01-lopsided.yaml; returns the line of each correct option's text."""
    text = quiz_lesson("lopsided", questions)
    (course_root / "lessons" / "01-lopsided.yaml").write_text(text, encoding="utf-8")
    return [n for n, line in enumerate(text.splitlines(), 1) if "The careful reading number" in line]


def test_correct_option_longest_too_often_is_a_warning_with_places(run, course_root):
    lines = write(course_root, lopsided())
    code, _, err = run("--root", course_root, "check")
    assert code == 0
    warnings = [line for line in err.splitlines() if ": warning: " in line]
    assert len(warnings) == 1, err  # placement spreads the letters on its own: no answer-position warning
    first = warnings[0]
    assert first.startswith(f"lessons/01-lopsided.yaml:{lines[0]}:")
    assert first.endswith("[answer-longest]")
    assert "the longest in 12 of 12 questions (100%; more than 40%)" in first
    assert ", ".join(f"lessons/01-lopsided.yaml:{n}" for n in lines[:5]) + " and 7 more" in first
    assert err.splitlines()[-1].startswith("course check: ok, 1 warning(s) (2 lessons")


def test_fixed_order_answers_on_one_letter_are_a_warning(run, course_root):
    questions = lopsided(fixed=True)
    for q in questions:  # answers no longer longest: only the letters are lopsided
        q["options"][0]["text"] = "Careful"
    write(course_root, questions)
    code, out, _ = run("--root", course_root, "check", "--format", "json")
    assert code == 0
    items = json.loads(out)
    assert [(i["severity"], i["code"]) for i in items] == [("warning", "answer-position")]
    text = (course_root / "lessons" / "01-lopsided.yaml").read_text(encoding="utf-8").splitlines()
    fixed_lines = [n for n, line in enumerate(text, 1) if "order: fixed" in line]
    assert (items[0]["path"], items[0]["line"]) == ("lessons/01-lopsided.yaml", fixed_lines[0])
    message = items[0]["message"]
    assert "the correct answer is A in 12 of 12 questions (100%; more than 40%)" in message
    assert "(correct answers by letter: A 12)" in message
    assert f"lessons/01-lopsided.yaml:{fixed_lines[4]} and 7 more" in message


def test_warnings_wait_for_enough_questions_and_for_the_errors(course_root):
    write(course_root, lopsided(n=9))
    assert load_course(course_root)[1].items == []  # 9 questions with 3+ options: too few to judge
    write(course_root, lopsided())
    (course_root / "lessons" / "02-broken.yaml").write_text("id: broken\n", encoding="utf-8")
    report = load_course(course_root)[1]
    assert report.errors and not report.warnings  # shares of a course with lessons missing would mislead


def test_mkdocs_build_logs_warnings_and_goes_on(tmp_path, caplog):
    caplog.set_level("INFO", logger="mkdocs.plugins.five-frames")
    root = site_copy(tmp_path / "course", with_lessons=False)
    write(root, lopsided())
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config.plugins.on_pre_build(config=config)  # raises PluginError on errors, not on warnings
    files = config.plugins.on_files(Files([]), config=config)
    assert files.get_file_from_path("lessons/lopsided.md") is not None
    err = caplog.text
    assert "lessons/01-lopsided.yaml:" in err and ": warning: " in err and "[answer-longest]" in err
    assert "1 warning(s) in the course sources (listed above); they do not stop the build" in err
