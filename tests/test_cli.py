"""The command-line contract: exit codes, diagnostics formats, deterministic and atomic builds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_check_ok(run, course_root, fixture_course):
    code, out, err = run("--root", course_root, "check")
    assert code == 0
    assert f"course check: ok (1 lessons, {len(fixture_course.course.articles)} articles" in err


def test_check_errors_exit_1_with_compiler_style_lines(run, course_root):
    shutil.copy(FIXTURES / "bad" / "quote-typo.yaml", course_root / "lessons" / "quote-typo.yaml")
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    assert err.splitlines()[0].startswith("lessons/quote-typo.yaml:14:12: error: quote not found")
    assert err.splitlines()[-1] == "course check: 1 error(s)"


def test_check_json(run, course_root):
    shutil.copy(FIXTURES / "bad" / "many-problems.yaml", course_root / "lessons" / "many-problems.yaml")
    code, out, _ = run("--root", course_root, "check", "--format", "json")
    assert code == 1
    items = json.loads(out)
    assert [(i["line"], i["column"], i["code"]) for i in items] == [
        (4, 1, "unknown-key"), (6, 10, "out-of-range"), (14, 12, "quote-not-found")]
    assert set(items[0]) == {"path", "line", "column", "severity", "code", "message", "hint"}


def test_check_json_gives_the_did_you_mean_as_a_hint(run, course_root):
    shutil.copy(FIXTURES / "bad" / "many-problems.yaml", course_root / "lessons" / "many-problems.yaml")
    _, _, text = run("--root", course_root, "check")
    _, out, _ = run("--root", course_root, "check", "--format", "json")
    typo, too_long, quote = json.loads(out)
    assert (typo["message"], typo["hint"]) == ("unknown key 'titel'", "did you mean 'title'?")
    assert too_long["hint"] == ""
    assert quote["message"] == ("quote not found in article 'amac-solis': the article has \"autocrats\" where the "
                                "lesson has \"autocrates\"")
    assert quote["hint"].startswith('did you mean "') and quote["hint"].endswith("(paragraph 4)?")
    for item in (typo, quote):  # the text output is the message, then its hint
        assert f"{item['message']}; {item['hint']} [{item['code']}]" in text


def test_usage_errors_exit_2(run, tmp_path):
    assert run("frobnicate")[0] == 2
    assert run("build")[0] == 2  # --out is required
    code, _, err = run("--root", tmp_path, "check")
    assert code == 2 and "has no seeds/ and lessons/" in err


def test_build_writes_pages_and_is_byte_identical(run, course_root, tmp_path):
    assert run("--root", course_root, "build", "--out", tmp_path / "a")[0] == 0
    assert run("--root", course_root, "build", "--out", tmp_path / "b")[0] == 0
    first, second = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert first == second
    assert {"docs/lessons/fixture-lesson.md", "docs/glossary.md", "docs/overview.md", "docs/coverage.md",
            "docs/articles/amac-solis.md", "docs/notebooks/fixture-lesson.ipynb",
            "notebooks/student/fixture-lesson.ipynb", "notebooks/teacher/fixture-lesson.ipynb"} <= set(first)
    assert "docs/notebooks/teacher/fixture-lesson.ipynb" not in first  # no answer keys in the student site
    assert run("--root", course_root, "build", "--out", tmp_path / "a")[0] == 0  # rebuild in place
    assert tree(tmp_path / "a") == second


def test_failed_build_leaves_previous_output_untouched(run, course_root, tmp_path):
    out = tmp_path / "out"
    assert run("--root", course_root, "build", "--out", out)[0] == 0
    before = tree(out)
    shutil.copy(FIXTURES / "bad" / "quote-typo.yaml", course_root / "lessons" / "quote-typo.yaml")
    code, _, err = run("--root", course_root, "build", "--out", out)
    assert code == 1 and "nothing written" in err
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course", "out"]  # no temporary folders left


def test_build_refuses_to_replace_a_folder_it_did_not_make(run, course_root, tmp_path):
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "index.md").write_text("my own work")
    code, _, err = run("--root", course_root, "build", "--out", precious)
    assert code == 2 and "was not made by 'course build'" in err
    assert (precious / "index.md").read_text() == "my own work"


def test_teacher_edition_adds_teacher_notes(run, course_root, tmp_path):
    run("--root", course_root, "build", "--out", tmp_path / "s")
    run("--root", course_root, "build", "--out", tmp_path / "t", "--edition", "teacher")
    student = (tmp_path / "s/docs/lessons/fixture-lesson.md").read_text()
    teacher = (tmp_path / "t/docs/lessons/fixture-lesson.md").read_text()
    assert "10 minutes reading" not in student and "teacher edition" in student
    assert "## Teacher notes" in teacher and "10 minutes reading" in teacher


def test_notebooks_command_never_overwrites_learner_work(run, course_root, tmp_path):
    out = tmp_path / "my-notebooks"
    code, stdout, _ = run("--root", course_root, "notebooks", "--out", out)
    assert code == 0 and f"added: {out / 'fixture-lesson.ipynb'}" in stdout
    notebook = out / "fixture-lesson.ipynb"
    assert "teacher" not in notebook.read_text().split('"edition"')[1][:20]

    code, stdout, _ = run("--root", course_root, "notebooks", "--out", out)
    assert f"up to date: {notebook}" in stdout

    # the course changes: an untouched notebook is refreshed
    lesson = course_root / "lessons" / "00-fixture.yaml"
    lesson.write_text(lesson.read_text().replace("List the loaded words.", "List every loaded word."))
    code, stdout, _ = run("--root", course_root, "notebooks", "--out", out)
    assert f"refreshed: {notebook}" in stdout and "List every loaded word." in notebook.read_text()

    # the learner works in it; the course changes again: their work is kept
    mine = notebook.read_text().replace('# \\"a word from the passage\\",', '\\"autocrats\\",')
    assert mine != notebook.read_text()
    notebook.write_text(mine)
    lesson.write_text(lesson.read_text().replace("List every loaded word.", "List the charged words."))
    code, stdout, _ = run("--root", course_root, "notebooks", "--out", out)
    assert f"left alone (you have changed it): {notebook}" in stdout
    assert notebook.read_text() == mine

    # a new lesson appears: it is added, the learner's notebook still untouched
    extra = lesson.read_text().replace("id: fixture-lesson", "id: second-lesson")
    (course_root / "lessons" / "01-second.yaml").write_text(extra)
    code, stdout, _ = run("--root", course_root, "notebooks", "--out", out)
    assert f"added: {out / 'second-lesson.ipynb'}" in stdout and notebook.read_text() == mine


def test_synthetic_courses_for_benchmarks_are_valid(tmp_path, real_course):
    import sys
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import make_synthetic

    from builder.course import load_course
    root = make_synthetic(ROOT, tmp_path / "x2", 2)
    course, report = load_course(root)
    real = real_course.course
    once = sum(1 for lesson in real.lessons if lesson.data.get("capstone"))  # copied once, with its practice texts
    practice = sum(1 for article in real.articles.values() if article.written_for_course)
    lessons, articles = 2 * len(real.lessons) - once, 2 * len(real.articles) - practice
    assert report.items == [], report.to_text()
    assert (len(course.lessons), len(course.articles)) == (lessons, articles)
    titles = {lesson.title for lesson in course.lessons}
    assert len(titles) == lessons  # every copy's prose differs, so no cache can share work between copies


def test_load_cache_rereads_only_what_changed(course_root):
    from builder.course import LoadCache, load_course
    cache = LoadCache()
    first, _ = load_course(course_root, cache)
    again, _ = load_course(course_root, cache)
    assert again.lessons[0] is first.lessons[0]  # unchanged: reused
    lesson = course_root / "lessons" / "00-fixture.yaml"
    lesson.write_text(lesson.read_text().replace("Fixture lesson", "Edited lesson"))
    edited, _ = load_course(course_root, cache)
    assert edited.lessons[0].title == "Edited lesson"
    seeds = course_root / "seeds" / "articles.yaml"
    seeds.write_text(seeds.read_text().replace("AMAC: Xi–Putin summit column", "AMAC column"))
    renamed, _ = load_course(course_root, cache)
    assert renamed.lessons[0] is not edited.lessons[0]  # an article changed: lessons are anchored anew
    assert renamed.lessons[0].passages["autocrats"].article.meta["short_title"] == "AMAC column"
    lesson.write_text(lesson.read_text().replace("two autocrats", "two autocratz"))
    broken, report = load_course(course_root, cache)
    assert broken.lessons == [] and "quote not found" in report.to_text()
