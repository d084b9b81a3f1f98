"""Whatever stands where a course file should be, `course check` answers at once with located diagnostics.

Never a traceback, a hang or a memory blow-up: pipes, devices, links out of the course, editor files,
typed YAML, huge numbers, alias bombs, line endings, terminal escapes, and inputs built to be slow.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURE_LESSON, edit_file, rewrite_article, subprocess_env

from bench.adversarial import CASES
from builder.course import load_course
from builder.site import site_files

DEADLINE = 60
"""A guard against a check that blocks or crawls (the slow code this replaced took minutes), not a speed target:
each case takes about a second, and bench/run.py (section 5, `--only adversarial`) measures that. The guard is
generous so a busy machine cannot fail a correct check."""


def check_in_subprocess(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`course check` in a fresh interpreter: if it blocks or crawls, the deadline fails the test, not the run."""
    return subprocess.run([sys.executable, "-m", "builder.cli", "--root", str(root), "check", *args],
                          capture_output=True, text=True, env=subprocess_env(), timeout=DEADLINE)


def test_a_lesson_that_is_a_named_pipe_is_refused_without_waiting(course_root):
    os.mkfifo(course_root / "lessons" / "pipe.yaml")
    result = check_in_subprocess(course_root)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == ("lessons/pipe.yaml: error: file is a named pipe (FIFO), not an "
                                             "ordinary file; only ordinary files are read [not-a-file]")


def test_a_link_to_dev_zero_is_refused_without_reading(course_root):
    (course_root / "lessons" / "zero.yaml").symlink_to("/dev/zero")
    result = check_in_subprocess(course_root)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == ("lessons/zero.yaml: error: file is a link to /dev/zero, outside the "
                                             "course folder; only links to files inside it are followed "
                                             "[outside-course]")


def test_folders_and_sockets_are_not_lessons(course_root, run, monkeypatch):
    (course_root / "lessons" / "folder.yaml").mkdir()
    monkeypatch.chdir(course_root / "lessons")  # a socket's path must be short: bind it by its name only
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("socket.yaml")
        code, _, err = run("--root", course_root, "check")
    assert code == 1
    assert err.splitlines()[:2] == [
        "lessons/folder.yaml: error: file is a folder, not an ordinary file; only ordinary files are read [not-a-file]",
        "lessons/socket.yaml: error: file is a socket, not an ordinary file; only ordinary files are read [not-a-file]"]


def test_links_are_followed_only_inside_the_course(course_root, run, tmp_path):
    lessons = course_root / "lessons"
    (course_root / "drafts").mkdir()
    shutil.move(lessons / "00-fixture.yaml", course_root / "drafts" / "fixture.yaml")
    (lessons / "00-fixture.yaml").symlink_to("../drafts/fixture.yaml")
    assert run("--root", course_root, "check")[0] == 0
    outside = tmp_path / "elsewhere.yaml"
    shutil.copy(course_root / "drafts" / "fixture.yaml", outside)
    (lessons / "01-elsewhere.yaml").symlink_to(outside)
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    assert err.splitlines()[0] == (f"lessons/01-elsewhere.yaml: error: file is a link to {outside.resolve()}, "
                                   "outside the course folder; only links to files inside it are followed "
                                   "[outside-course]")


def test_an_article_linked_from_outside_the_course_is_refused(course_root, run, tmp_path):
    article = course_root / "seeds" / "amac-solis.txt"
    outside = tmp_path / "amac-solis.txt"
    shutil.move(article, outside)
    article.symlink_to(outside)
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    assert (f"error: cannot use 'amac-solis.txt': file is a link to {outside.resolve()}, outside the course "
            "folder; only links to files inside it are followed [outside-course]") in err.splitlines()[0]


def test_an_unreadable_lessons_folder_is_a_diagnostic(course_root, run, monkeypatch):
    lessons = course_root / "lessons"
    listing = pathlib.Path.iterdir

    def refuse(folder):
        if folder == lessons:
            raise PermissionError(13, "Permission denied")
        return listing(folder)

    monkeypatch.setattr(pathlib.Path, "iterdir", refuse)  # as root, chmod 000 would not stop us
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    assert "lessons/: error: cannot list the lessons folder: Permission denied [unreadable]" in err.splitlines()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their permissions")
def test_a_lessons_folder_without_permissions_is_a_diagnostic(course_root, run):
    lessons = course_root / "lessons"
    lessons.chmod(0)
    try:
        code, _, err = run("--root", course_root, "check")
    finally:
        lessons.chmod(0o755)
    assert code == 1
    assert "lessons/: error: cannot list the lessons folder: Permission denied [unreadable]" in err.splitlines()


def test_the_article_hash_is_of_the_bytes_that_were_read(course_root, monkeypatch):
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: b"a second read, of a file changed meanwhile")
    _, report = load_course(course_root)
    assert report.items == []


def test_editor_files_are_left_alone(course_root, run):
    lessons = course_root / "lessons"
    (lessons / ".#00-fixture.yaml").symlink_to("teacher@laptop.4242:1700000000")  # Emacs lock: dangling
    (lessons / "00-fixture.yaml~").write_bytes(b"\x00 an old copy")
    (lessons / ".00-fixture.yaml.swp").write_bytes(b"b0VIM 9.0\x00\xff")
    (lessons / "._00-fixture.yaml").write_bytes(b"\x00\x05\x16\x07 macOS metadata")
    code, out, err = run("--root", course_root, "check")
    assert (code, out) == (0, "")
    assert err.startswith("course check: ok (1 lessons,")  # and nothing else said


@pytest.mark.parametrize("name", ["00-fixture.YAML", "00-fixture.Yml"])
def test_lesson_suffixes_in_capitals_are_read(course_root, name):
    (course_root / "lessons" / "00-fixture.yaml").rename(course_root / "lessons" / name)
    (course_root / "lessons" / "01-bad.YAML").write_text("id: [\n")
    course, report = load_course(course_root)
    assert [lesson.id for lesson in course.lessons] == ["fixture-lesson"]
    assert [(d.path, d.line, d.code) for d in report.items] == [("lessons/01-bad.YAML", 2, "yaml-syntax")]


def _paragraphs(course, article: str) -> list[str]:
    text = course.articles[article].text
    return [" ".join(text[a:b].split()) for a, b in course.articles[article].paragraphs]


@pytest.mark.parametrize("end", [b"\r\n", b"\r"], ids=["CRLF", "CR"])
def test_windows_and_old_mac_line_ends_keep_paragraphs(course_root, fixture_course, fixture_site, end):
    lf_course = fixture_course.course
    lf_page = fixture_site["student"]["articles/amac-solis.md"]
    article = course_root / "seeds" / "amac-solis.txt"
    rewrite_article(course_root, article.name, article.read_bytes().replace(b"\n", end))
    course, report = load_course(course_root)
    assert report.items == []
    assert _paragraphs(course, "amac-solis") == _paragraphs(lf_course, "amac-solis")
    assert len(_paragraphs(course, "amac-solis")) > 1
    passage = course.lessons[0].passages["autocrats"]
    assert passage.text == lf_course.lessons[0].passages["autocrats"].text  # offsets into the original bytes
    page = site_files(course)["articles/amac-solis.md"]
    assert page.count(".ff-para }") == lf_page.count(".ff-para }")
    assert page.count("<br>") == lf_page.count("<br>")
    assert "\r" not in page


def test_terminal_escapes_in_messages_are_shown_not_obeyed(course_root, run):
    edit_file(course_root / FIXTURE_LESSON, "title: Fixture lesson",
              'title: Fixture lesson\n"\\e[2K\\rcourse check: ok\\x9b": x')
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    assert not any(ch in err for ch in "\x1b\r\x9b")
    assert "unknown key '\\x1b[2K\\rcourse check: ok\\x9b'" in err


def test_output_cut_short_by_head_ends_quietly(course_root):
    CASES["wrong-short-quotes"](course_root / "lessons")  # thousands of diagnostics: more than a pipe holds
    env = subprocess_env()
    command = [sys.executable, "-m", "builder.cli", "--root", str(course_root), "check"]
    for args, stream in ((["--format", "json"], "stdout"), ([], "stderr")):
        pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
        with subprocess.Popen(command + args, **pipes, env=env) as proc:
            reader, other = (proc.stdout, proc.stderr) if stream == "stdout" else (proc.stderr, proc.stdout)
            assert reader.read(100)  # like `| head -c 100`
            reader.close()
            rest = other.read().decode()
            assert proc.wait(timeout=DEADLINE) == 141
        assert "Traceback" not in rest and "BrokenPipeError" not in rest


EXPECTED = {
    "fifo": "[not-a-file]", "dev-zero": "[outside-course]", "binary-tag": "[yaml-tag]",
    "huge-integer": "[number-too-large]", "deep-nesting": "[too-deep]", "alias-text": "characters of text (are aliases repeating long values?)",
    "long-before": "but never with the given before/after words", "bracket-prose": "course check: ok",
    "bracket-prose-parsed": "[too-many-problems]", "wrong-long-quotes": "[quote-not-found]",
    "wrong-short-quotes": "no suggestion, as more than 20 quotes of this lesson are not found",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_worst_inputs_get_their_message_not_a_hang(course_root, case):
    (course_root / "lessons" / "00-fixture.yaml").unlink()
    CASES[case](course_root / "lessons")
    result = check_in_subprocess(course_root)  # raises TimeoutExpired past the deadline
    assert "Traceback" not in result.stderr
    assert result.returncode == (0 if case == "bracket-prose" else 1)
    assert EXPECTED[case] in result.stderr
