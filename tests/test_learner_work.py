"""No learner-edited notebook (or any file a build did not write) is ever deleted or overwritten.

Every test does what a user would do with the ``course`` command and then checks the user's
files byte for byte. Notebooks are found by listing folders, never by today's lesson names.
"""

from __future__ import annotations

import errno
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from helpers import hypothesis_settings, lesson_copy, load_clean, make_course
from hypothesis import given
from hypothesis import strategies as st

from builder import handout
from builder.notebooks import render_notebooks

SETTINGS = hypothesis_settings(60)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file and folder below ``folder`` (folders as None), so stray temporary folders show too."""
    return {p.relative_to(folder).as_posix(): (None if p.is_dir() else p.read_bytes())
            for p in sorted(folder.rglob("*"))}


def refused_build(run, root: Path, out: Path, watched: Path) -> str:
    """``course build --out OUT`` must exit 2 and change nothing below ``watched``; its stderr."""
    before = tree(watched)
    code, _, err = run("--root", root, "build", "--out", out)
    assert code == 2, err
    assert tree(watched) == before
    return err


def notebooks_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.ipynb"))


def edit(notebook: Path) -> bytes:
    """What a learner does: type an answer into the notebook (any change will do)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "markdown", "id": "mine", "metadata": {}, "source": ["My own notes."]})
    data = json.dumps(nb, indent=1).encode("utf-8")
    notebook.write_bytes(data)
    return data


def revise(root: Path, version: int) -> None:
    """The teacher changes every lesson, so every notebook has something new."""
    for lesson in (root / "lessons").glob("[0-9]*.yaml"):
        text = re.sub(r"List the loaded words\.( v\d+)?", f"List the loaded words. v{version}", lesson.read_text())
        lesson.write_text(text)


@pytest.fixture
def big_course(tmp_path) -> Path:
    """The fixture lesson and three copies of it: four notebooks, whatever the real course holds."""
    root = make_course(tmp_path / "course", with_lessons=False)
    for n in (1, 2, 3):
        (root / "lessons" / f"0{n}-copy.yaml").write_text(lesson_copy(f"copy-{n}"), encoding="utf-8")
    return root


# --- course build never deletes what it did not write ------------------------------------------------


def test_build_keeps_notebooks_handed_out_into_the_build_folder(run, course_root, tmp_path):
    out = tmp_path / "OUT"
    assert run("--root", course_root, "build", "--out", out)[0] == 0
    student = out / "notebooks" / "student"
    code, _, err = run("--root", course_root, "notebooks", "--out", student)
    assert code == 0 and f"is in the 'course build' folder {out}" in err
    notebook = notebooks_in(student)[0]
    mine = edit(notebook)
    err = refused_build(run, course_root, out, tmp_path)
    assert (f"course build: error: {student} holds notebooks handed out with 'course notebooks' (a learner's work "
            f"may be in them); move that folder out of {out}, or build into another folder") in err
    assert notebook.read_bytes() == mine


@pytest.mark.parametrize("inside", ["mine", "."])
def test_build_keeps_a_hand_out_folder_in_or_as_its_folder(run, course_root, tmp_path, inside):
    out = tmp_path / "OUT"
    if inside != ".":
        assert run("--root", course_root, "build", "--out", out)[0] == 0
    handed = out / inside
    assert run("--root", course_root, "notebooks", "--out", handed)[0] == 0
    edit(notebooks_in(handed)[0])
    err = refused_build(run, course_root, out, tmp_path)
    assert f"{handed} holds notebooks handed out with 'course notebooks'" in err


def test_build_keeps_an_edited_generated_file(run, course_root, tmp_path):
    out = tmp_path / "OUT"
    assert run("--root", course_root, "build", "--out", out)[0] == 0
    page = sorted((out / "docs" / "lessons").glob("*.md"))[0]
    page.write_text(page.read_text() + "\nMy note.\n")
    notebook = notebooks_in(out / "notebooks" / "student")[0]
    mine = edit(notebook)  # opened in Jupyter straight from the build folder
    err = refused_build(run, course_root, out, tmp_path)
    assert f"  {page} was changed after the last build" in err
    assert f"  {notebook} was changed after the last build" in err
    assert f"move them out of {out}, or build into another folder" in err
    assert notebook.read_bytes() == mine

    notebook.unlink()
    err = refused_build(run, course_root, out, tmp_path)
    assert err.strip() == (f"course build: error: {page} was changed after the last build; move it "
                                         f"out of {out} first, or build into another folder")


def test_a_file_browsers_litter_does_not_block_a_build(run, course_root, tmp_path):
    out = tmp_path / "OUT"
    assert run("--root", course_root, "build", "--out", out)[0] == 0
    (out / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")  # Finder opened the folder
    (out / "docs" / "Thumbs.db").write_bytes(b"\xd0\xcf")  # and Explorer
    (out / "docs" / "opened").mkdir()
    (out / "docs" / "opened" / "desktop.ini").write_text("[.ShellClassInfo]")
    code, _, err = run("--root", course_root, "build", "--out", out)
    assert code == 0, err
    assert not (out / ".DS_Store").exists() and not (out / "docs" / "opened").exists()
    (out / "docs" / "opened").mkdir()
    (out / "docs" / "opened" / "my.DS_Store.txt").write_text("mine")  # only the exact names are litter
    err = refused_build(run, course_root, out, tmp_path)
    assert f"{out / 'docs' / 'opened'} was not written by 'course build'" in err


def test_notebooks_opened_in_the_build_folder_are_kept_with_a_way_out(run, course_root, tmp_path):
    out = tmp_path / "OUT"
    assert run("--root", course_root, "build", "--out", out)[0] == 0
    notebook = notebooks_in(out / "notebooks" / "student")[0]
    checkpoints = notebook.parent / ".ipynb_checkpoints"
    checkpoints.mkdir()
    (checkpoints / notebook.name.replace(".ipynb", "-checkpoint.ipynb")).write_bytes(notebook.read_bytes())
    err = refused_build(run, course_root, out, tmp_path)
    assert f"{checkpoints} was not written by 'course build'" in err
    assert err.rstrip().endswith("copy them out with 'course notebooks --out FOLDER' (it keeps a learner's work "
                                 "when the course changes)")


def test_build_keeps_files_it_did_not_write_and_lists_ten(run, course_root, tmp_path):
    out = tmp_path / "OUT"
    assert run("--root", course_root, "build", "--out", out)[0] == 0
    for n in range(13):
        (out / "docs" / f"mine-{n:02d}.md").write_text("mine")
    (out / "work" / "deep").mkdir(parents=True)
    (out / "work" / "deep" / "essay.txt").write_text("mine")
    err = refused_build(run, course_root, out, tmp_path)
    listed = [line for line in err.splitlines() if line.startswith("  ") and "was not written" in line]
    assert len(listed) == 10 and "  and 4 more" in err
    assert f"  {out / 'docs' / 'mine-00.md'} was not written by 'course build'" in err


def test_build_still_replaces_its_own_untouched_files(run, course_root, tmp_path):
    out = tmp_path / "OUT"
    extra = course_root / "lessons" / "01-extra.yaml"
    extra.write_text(lesson_copy("extra-lesson"), encoding="utf-8")
    assert run("--root", course_root, "build", "--out", out)[0] == 0
    grown = tree(out)
    (out / "docs" / "empty" / "folders").mkdir(parents=True)  # empty folders lose nothing
    extra.unlink()
    code, _, err = run("--root", course_root, "build", "--out", out)
    assert code == 0, err
    assert set(tree(out)) < set(grown)  # the removed lesson's page and notebooks are gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["OUT", "course"]


def test_old_build_folder_is_replaced_only_where_this_build_writes(run, course_root, tmp_path):
    out = tmp_path / "OUT"
    assert run("--root", course_root, "build", "--out", out)[0] == 0
    marker = out / ".five-frames-build"
    marker.write_text("Generated by `course build`. This whole folder is replaced on the next build.\n")
    (out / "notes.txt").write_text("mine")
    err = refused_build(run, course_root, out, tmp_path)
    assert f"{out / 'notes.txt'} was not written by 'course build'" in err
    (out / "notes.txt").unlink()
    assert run("--root", course_root, "build", "--out", out)[0] == 0
    assert "docs/overview.md" in json.loads(marker.read_text())["files"]


@pytest.mark.parametrize("where", ["root", "parent", "lessons", "seeds", "docs", "inside-lessons",
                                   "inside-docs", "configured-docs", "cwd"])
def test_build_never_replaces_the_course_sources(run, course_root, tmp_path, monkeypatch, where):
    (course_root / "docs").mkdir()
    (course_root / "docs" / "index.md").write_text("# My site\n")
    outs = {"root": course_root, "parent": tmp_path, "lessons": course_root / "lessons",
            "seeds": course_root / "seeds", "docs": course_root / "docs",
            "inside-lessons": course_root / "lessons" / "build", "inside-docs": course_root / "docs" / "build",
            "configured-docs": course_root / "pages", "cwd": Path(".")}
    if where == "configured-docs":
        (course_root / "mkdocs.yml").write_text("site_name: x\ndocs_dir: pages\n")
        (course_root / "pages").mkdir()
    monkeypatch.chdir(course_root)
    if outs[where].is_dir():  # even a build marker (copied in by mistake) does not make it replaceable
        (outs[where] / ".five-frames-build").write_text("Generated by `course build`.\n")
    err = refused_build(run, course_root, outs[where], tmp_path)
    assert f"course build: error: {outs[where]} " in err and "build into a folder" in err


def test_build_refuses_a_folder_that_holds_another_course(run, course_root, tmp_path):
    other = make_course(tmp_path / "other", with_lessons=False)
    (other / ".five-frames-build").write_text("Generated by `course build`.\n")
    err = refused_build(run, course_root, other, tmp_path)
    assert f"{other} looks like a course folder" in err


def test_out_pointing_at_a_file_is_refused_by_both_commands(run, course_root, tmp_path):
    essay = tmp_path / "essay.txt"
    essay.write_text("mine")
    for command in ("build", "notebooks"):
        code, _, err = run("--root", course_root, command, "--out", essay)
        assert code == 2 and f"{essay} is a file, not a folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course", "essay.txt"]
    assert essay.read_text() == "mine"


# --- course notebooks: a failure part-way, and a missing or damaged manifest --------------------------


def test_disk_full_part_way_then_a_normal_run(run, big_course, tmp_path, monkeypatch):
    out = tmp_path / "mine"
    assert run("--root", big_course, "notebooks", "--out", out)[0] == 0
    revise(big_course, 1)
    real_write, written = handout.write_atomic, []

    def disk_full_on_third(path, data):
        if path.suffix == ".ipynb":
            written.append(path.name)
            if len(written) == 3:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(path, data)

    monkeypatch.setattr(handout, "write_atomic", disk_full_on_third)
    code, stdout, err = run("--root", big_course, "notebooks", "--out", out)
    assert code == 1
    assert f"course notebooks: error: cannot write {out / written[2]}: {os.strerror(errno.ENOSPC)}" in err
    assert stdout.count("refreshed: ") == 2
    monkeypatch.setattr(handout, "write_atomic", real_write)

    code, stdout, _ = run("--root", big_course, "notebooks", "--out", out)
    assert code == 0
    assert {line.split(": ", 1)[0] for line in stdout.splitlines()} == {"up to date", "refreshed"}
    assert stdout.count("refreshed: ") == 2  # the two the full disk stopped

    revise(big_course, 2)
    code, stdout, _ = run("--root", big_course, "notebooks", "--out", out)
    names = [p.name for p in notebooks_in(out)]
    assert stdout.splitlines() == [f"refreshed: {out / name}" for name in names]  # none is taken for the learner's
    assert all("v2" in p.read_text() for p in notebooks_in(out))


def test_disk_full_writing_the_manifest(run, big_course, tmp_path, monkeypatch):
    out = tmp_path / "mine"
    real_write = handout.write_atomic

    def no_room_for_the_manifest(path, data):
        if path.name == handout.MANIFEST:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(path, data)

    monkeypatch.setattr(handout, "write_atomic", no_room_for_the_manifest)
    code, _, err = run("--root", big_course, "notebooks", "--out", out)
    assert code == 1 and f"cannot write {out / handout.MANIFEST}" in err
    monkeypatch.setattr(handout, "write_atomic", real_write)
    revise(big_course, 1)
    code, stdout, _ = run("--root", big_course, "notebooks", "--out", out)
    books = notebooks_in(out)
    assert code == 0 and sorted(stdout.splitlines()) == sorted([f"refreshed: {books[0]}"] + [
        f"added: {p}" for p in books[1:]])


@pytest.mark.parametrize("manifest", [None, b"null", b"[]", b"{not json", b'{"x.ipynb": null, "y": 3}', b'"text"',
                                      b"\xff\xfe", b"{}", "wrong hashes"])
def test_missing_or_damaged_manifest(run, big_course, tmp_path, manifest):
    out = tmp_path / "mine"
    assert run("--root", big_course, "notebooks", "--out", out)[0] == 0
    books = notebooks_in(out)
    mine = edit(books[1])
    path = out / handout.MANIFEST
    if manifest is None:
        path.unlink()
    elif manifest == "wrong hashes":
        path.write_text(json.dumps({p.name: "0" * 64 for p in books}))
    else:
        path.write_bytes(manifest)

    code, stdout, _ = run("--root", big_course, "notebooks", "--out", out)
    assert code == 0
    kept = f"left alone (you have changed it): {books[1]}"
    assert sorted(stdout.splitlines()) == sorted([f"up to date: {p}" for p in books if p != books[1]] + [kept])

    revise(big_course, 1)
    code, stdout, _ = run("--root", big_course, "notebooks", "--out", out)
    assert sorted(stdout.splitlines()) == sorted([f"refreshed: {p}" for p in books if p != books[1]] + [kept])
    assert books[1].read_bytes() == mine
    assert isinstance(json.loads(path.read_text()), dict)  # repaired


def test_notebook_from_before_seals_relies_on_the_manifest(run, course_root, tmp_path):
    out = tmp_path / "mine"
    assert run("--root", course_root, "notebooks", "--out", out)[0] == 0
    notebook = notebooks_in(out)[0]
    unsealed = re.sub(rb'\n *"source_sha256": "[0-9a-f]{64}",?', b"", notebook.read_bytes())
    notebook.write_bytes(unsealed)
    manifest = {notebook.name: handout._sha(unsealed)}
    (out / handout.MANIFEST).write_text(json.dumps(manifest))
    revise(course_root, 1)
    code, stdout, _ = run("--root", course_root, "notebooks", "--out", out)
    assert stdout.splitlines() == [f"refreshed: {notebook}"]

    notebook.write_bytes(unsealed)
    (out / handout.MANIFEST).unlink()
    code, stdout, _ = run("--root", course_root, "notebooks", "--out", out)
    assert stdout.splitlines() == [f"left alone (you have changed it): {notebook}"] and notebook.read_bytes() == unsealed


def test_a_save_from_jupyter_counts_as_a_change(run, course_root, tmp_path):
    import nbformat
    out = tmp_path / "mine"
    assert run("--root", course_root, "notebooks", "--out", out)[0] == 0
    notebook = notebooks_in(out)[0]
    nbformat.write(nbformat.read(notebook, as_version=4), notebook)  # opened and saved, nothing typed
    saved = notebook.read_bytes()
    revise(course_root, 1)
    code, stdout, _ = run("--root", course_root, "notebooks", "--out", out)
    assert stdout.splitlines() == [f"left alone (you have changed it): {notebook}"] and notebook.read_bytes() == saved


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    """The student notebooks of a course, before and after the teacher revised it."""
    root = make_course(tmp_path_factory.mktemp("versions") / "course", with_lessons=False)
    versions = []
    for version in (1, 2):
        revise(root, version)
        course = load_clean(root)
        versions.append({p.split("/", 1)[1]: t for p, t in render_notebooks(course, ("student",)).items()})
    return versions


@SETTINGS
@given(data=st.data(), keep_manifest=st.booleans())
def test_any_byte_edit_is_never_overwritten(two_versions, data, keep_manifest):
    first, second = two_versions
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        handout.hand_out(first, out)
        name = data.draw(st.sampled_from(sorted(first)))
        original = (out / name).read_bytes()
        at = data.draw(st.integers(0, len(original) - 1))
        how = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = data.draw(st.integers(0, 255).filter(lambda b: b != original[at]))
        edited = {"replace": original[:at] + bytes([byte]) + original[at + 1:],
                  "insert": original[:at] + bytes([byte]) + original[at:],
                  "delete": original[:at] + original[at + 1:]}[how]
        (out / name).write_bytes(edited)
        if not keep_manifest:
            (out / handout.MANIFEST).unlink()
        for notebooks in (first, second):  # the course as it was, then revised
            result = handout.hand_out(notebooks, out)
            assert name in result.kept
            assert (out / name).read_bytes() == edited
