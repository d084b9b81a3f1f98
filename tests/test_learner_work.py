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
from hypothesis import HealthCheck, given, settings, strategies as st

from builder import handout
from builder.course import load_course
from builder.notebooks import render_notebooks
from conftest import make_course

SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 60)), deadline=None,
                    derandomize=os.environ.get("CI") == "true", suppress_health_check=[HealthCheck.too_slow])


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
    base = (root / "lessons" / "00-fixture.yaml").read_text()
    for n in (1, 2, 3):
        (root / "lessons" / f"0{n}-copy.yaml").write_text(base.replace("id: fixture-lesson", f"id: copy-{n}"))
    return root


# --- course notebooks: a failure part-way, and a missing or damaged manifest --------------------------


def test_disk_full_part_way_then_a_normal_run(run, big_course, tmp_path, monkeypatch):
    out = tmp_path / "mine"
    assert run("--root", big_course, "notebooks", "--out", out)[0] == 0
    revise(big_course, 1)
    real_write, written = handout._write_atomic, []

    def disk_full_on_third(path, data):
        if path.suffix == ".ipynb":
            written.append(path.name)
            if len(written) == 3:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(path, data)

    monkeypatch.setattr(handout, "_write_atomic", disk_full_on_third)
    code, stdout, err = run("--root", big_course, "notebooks", "--out", out)
    assert code == 1
    assert f"course notebooks: error: cannot write {out / written[2]}: {os.strerror(errno.ENOSPC)}" in err
    assert stdout.count("refreshed: ") == 2
    monkeypatch.setattr(handout, "_write_atomic", real_write)

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
    real_write = handout._write_atomic

    def no_room_for_the_manifest(path, data):
        if path.name == handout.MANIFEST:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(path, data)

    monkeypatch.setattr(handout, "_write_atomic", no_room_for_the_manifest)
    code, _, err = run("--root", big_course, "notebooks", "--out", out)
    assert code == 1 and f"cannot write {out / handout.MANIFEST}" in err
    monkeypatch.setattr(handout, "_write_atomic", real_write)
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
        course, report = load_course(root)
        assert not report.errors
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
