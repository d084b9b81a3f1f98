"""The JSON Schemas live in the package (builder/schema/); lessons/schema/ is the editors' copy, with the course's ids."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import FIXTURE_LESSON, FIXTURES, ROOT, edit_file

from builder.articles import load_articles
from builder.editor import editor_schemas
from builder.glossary import load_glossary
from builder.validate import load_schema, schema_names

REGENERATE = "course schemas --out lessons/schema"


def editors_copy(root: Path = ROOT) -> dict[str, bytes]:
    """What ``course schemas`` writes for the course at ``root``."""
    articles, _ = load_articles(root / "seeds")
    glossary, _ = load_glossary(root / "lessons")
    return editor_schemas(articles, glossary)


def test_editor_copy_is_what_course_schemas_writes_now():
    copy = {p.name[:-len(".schema.json")]: p.read_bytes() for p in (ROOT / "lessons" / "schema").glob("*.schema.json")}
    made = editors_copy()
    differ = sorted(name for name in set(copy) | set(made) if copy.get(name) != made.get(name))
    assert not differ, (
        f"lessons/schema/ is the editors' copy of builder/schema/ (the schemas the builder reads), with the "
        f"glossary's technique ids and the articles' ids added, and these differ from what the builder makes now: "
        f"{', '.join(f'{name}.schema.json' for name in differ)}. After changing lessons/glossary.yaml, "
        f"seeds/articles.yaml or builder/schema/, run '{REGENERATE}' (or 'python -m builder.cli schemas --out "
        "lessons/schema'). If the change is in lessons/schema/ (yours, or a merged branch's), make it in "
        "builder/schema/ or builder/editor.py first: the command overwrites the copy.")


def test_the_editors_copy_lists_the_course_ids_and_the_package_schema_does_not(real_course):
    course = real_course.course
    lesson = json.loads(editors_copy()["lesson"])
    assert lesson["$defs"]["technique_id"]["enum"] == list(course.glossary)
    assert lesson["$defs"]["article_id"]["enum"] == list(course.articles)
    assert len(lesson["$defs"]["technique_id"]["markdownEnumDescriptions"]) == len(course.glossary)
    assert "technique_id" not in load_schema("lesson")["$defs"]  # course check takes a glossary's new terms


def test_a_new_glossary_term_needs_no_new_schema_for_course_check(course_root, run):
    glossary = course_root / "lessons" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    first = text.index("  - id: ")
    new_term = ("  - id: false-balance\n    term: False balance\n    family: manipulative-wording\n"
                "    definition: >-\n      Giving two sides equal weight when the evidence for them is not equal.\n\n")
    glossary.write_text(text[:first] + new_term + text[first:], encoding="utf-8")
    edit_file(course_root / FIXTURE_LESSON, "technique: name-calling", "technique: false-balance")
    code, _, err = run("--root", course_root, "check")
    assert code == 0, err


def test_schemas_command_writes_the_copy_and_then_leaves_it(tmp_path, run):
    out = tmp_path / "nested" / "schema"
    code, stdout, err = run("--root", ROOT, "schemas", "--out", out)
    assert code == 0, err
    made = editors_copy()
    assert sorted(p.name for p in out.iterdir()) == [f"{name}.schema.json" for name in schema_names()]
    assert all((out / f"{name}.schema.json").read_bytes() == made[name] for name in schema_names())
    assert stdout.count("wrote: ") == len(schema_names())
    (out / "lesson.schema.json").write_text("{}", encoding="utf-8")
    code, stdout, err = run("--root", ROOT, "schemas", "--out", out)
    assert (code, stdout) == (0, f"wrote: {out / 'lesson.schema.json'}\n")
    assert err == f"course schemas: 1 written, {len(schema_names()) - 1} up to date in {out}\n"


def test_schemas_command_refuses_a_broken_glossary_and_writes_nothing(course_root, run, tmp_path):
    (course_root / "lessons" / "glossary.yaml").write_text("terms: [\n", encoding="utf-8")
    code, _, err = run("--root", course_root, "schemas", "--out", tmp_path / "out")
    assert code == 1 and "glossary.yaml" in err and "nothing written" in err
    assert not (tmp_path / "out").exists()


def test_schemas_command_needs_no_course_but_a_folder(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no seeds/ or lessons/ here
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = run("schemas", "--out", "file")
    assert (code, err) == (2, "course schemas: error: file is a file, not a folder\n")
    code, _, err = run("schemas", "--out", "here")
    assert code == 0 and "lists no technique or article ids" in err
    lesson = json.loads((tmp_path / "here" / "lesson.schema.json").read_text(encoding="utf-8"))
    assert "technique_id" not in lesson["$defs"] and lesson["defaultSnippets"]


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
