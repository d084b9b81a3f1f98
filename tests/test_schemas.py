"""The JSON Schemas live in the package (builder/schema/); lessons/schema/ is a generated copy for editors."""

from __future__ import annotations

from helpers import FIXTURES, ROOT

from builder.validate import schema_bytes, schema_names

REGENERATE = "course schemas --out lessons/schema"


def test_editor_copy_is_the_package_schemas():
    copy = {p.name[:-len(".schema.json")]: p.read_bytes() for p in (ROOT / "lessons" / "schema").glob("*.schema.json")}
    package = {name: schema_bytes(name) for name in schema_names()}
    differ = sorted(name for name in set(copy) | set(package) if copy.get(name) != package.get(name))
    assert not differ, (
        f"lessons/schema/ is a copy of builder/schema/ (the schemas the builder reads), and these differ: "
        f"{', '.join(f'{name}.schema.json' for name in differ)}. If you changed builder/schema/, run "
        f"'{REGENERATE}' (or 'python -m builder.cli schemas --out lessons/schema'). If the change is in "
        "lessons/schema/ (yours, or a merged branch's), make it in builder/schema/ first: the command overwrites "
        "the copy. A schema only in lessons/schema/ belongs in builder/schema/ or nowhere.")


def test_schemas_command_writes_the_copy_and_then_leaves_it(tmp_path, run):
    out = tmp_path / "nested" / "schema"
    code, stdout, err = run("schemas", "--out", out)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [f"{name}.schema.json" for name in schema_names()]
    assert all((out / f"{name}.schema.json").read_bytes() == schema_bytes(name) for name in schema_names())
    assert stdout.count("wrote: ") == len(schema_names())
    (out / "lesson.schema.json").write_text("{}", encoding="utf-8")
    code, stdout, err = run("schemas", "--out", out)
    assert (code, stdout) == (0, f"wrote: {out / 'lesson.schema.json'}\n")
    assert err == f"course schemas: 1 written, {len(schema_names()) - 1} up to date in {out}\n"


def test_schemas_command_needs_no_course_but_a_folder(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no seeds/ or lessons/ here
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = run("schemas", "--out", "file")
    assert (code, err) == (2, "course schemas: error: file is a file, not a folder\n")
    assert run("schemas", "--out", "here")[0] == 0


def test_every_schema_header_names_a_file_of_the_copy():
    """The first line of a course file names its schema for editors: the path must lead to lessons/schema/."""
    course = sorted((ROOT / "lessons").glob("*.yaml")) + [ROOT / "seeds" / "articles.yaml"]
    fixtures = sorted(FIXTURES.rglob("*.yaml"))
    broken = []
    for path in course + fixtures:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if "$schema=" not in first:
            if path in course:
                broken.append(f"{path.relative_to(ROOT)}: no '# yaml-language-server: $schema=...' first line")
            continue
        target = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
        if target.parent != ROOT / "lessons" / "schema" or not target.is_file():
            broken.append(f"{path.relative_to(ROOT)}: {first}")
    assert not broken, "\n".join(broken)
