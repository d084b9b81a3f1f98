"""What a teacher's editor makes of the editors' schemas: snippets that insert valid lessons, and a real
yaml-language-server (driven over LSP) that checks and completes technique and article ids.

The language server is the npm package pinned in bench/lsp/package.json (``npm ci --prefix bench/lsp``); its
tests skip without it or without node, except under CI=true, where .ci/run installs both.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT, dump_yaml, make_course
from lsp import SERVER, LanguageServer

from builder.authoring import sample_passages
from builder.editor import QUOTE_PLACEHOLDER, SPAN_PLACEHOLDER, editor_schema, filled
from builder.validate import StrictValidator

SETTINGS = ROOT / ".vscode" / "settings.json"


def lesson_schema(course) -> dict:
    return editor_schema("lesson", course.articles, course.glossary)


def snippets(node, where: str = "#") -> Iterator[tuple[str, dict, dict]]:
    """Every ``(place, schema node, snippet)`` of a schema."""
    if isinstance(node, dict):
        for snippet in node.get("defaultSnippets", []):
            yield where, node, snippet
        for key, value in node.items():
            yield from snippets(value, f"{where}/{key}")


def test_every_snippet_filled_with_its_defaults_is_valid(real_course):
    schema = lesson_schema(real_course.course)
    found = list(snippets(schema))
    assert {where for where, _, _ in found} >= {"#", "#/$defs/passage", "#/$defs/annotation"}
    for where, node, snippet in found:
        check = StrictValidator({**{k: v for k, v in node.items() if k != "$defs"}, "$defs": schema["$defs"]})
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in check.iter_errors(filled(snippet["body"]))]
        assert errors == [], f"snippet '{snippet['label']}' at {where}"


def test_a_lesson_from_the_snippet_passes_course_check_once_its_quotes_are_real(real_course, course_root, run):
    course = real_course.course
    body = filled(lesson_schema(course)["defaultSnippets"][0]["body"])
    assert body["minutes"] >= 5
    chosen = {p["article"] for p in body["passages"]}
    samples = {s.article: s for s in sample_passages({a: course.articles[a] for a in chosen}, [], len(chosen))}
    for passage in body["passages"]:
        assert passage["quote"] == QUOTE_PLACEHOLDER  # the one kind of placeholder a teacher must fill
        passage["quote"] = samples[passage["article"]].quote
    note = body["annotations"][0]
    assert note["span"] == SPAN_PLACEHOLDER
    note["span"] = samples[next(p for p in body["passages"] if p["id"] == note["passage"])["article"]].span
    (course_root / "lessons" / "50-from-snippet.yaml").write_text(dump_yaml(body), encoding="utf-8")
    code, _, err = run("--root", course_root, "check")
    assert code == 0, err


def test_editor_settings_map_every_course_file_to_its_schema():
    mapped = json.loads(SETTINGS.read_text(encoding="utf-8"))["yaml.schemas"]
    assert all((ROOT / target).is_file() for target in mapped), mapped
    lesson_globs = mapped["./lessons/schema/lesson.schema.json"]
    assert "lessons/*.yaml" in lesson_globs and "!lessons/glossary.yaml" in lesson_globs


# ---- yaml-language-server ----

def _server_missing() -> str:
    if shutil.which("node") is None:
        return "node is not installed (apt-get install -y nodejs npm)"
    if not SERVER.is_file():
        return "yaml-language-server is not installed: npm ci --prefix bench/lsp"
    return ""


@pytest.fixture(scope="module")
def editor(tmp_path_factory) -> Iterator[tuple[Path, LanguageServer]]:
    """A scratch course with the editor settings, and yaml-language-server set up as VS Code would set it."""
    missing = _server_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the editor tests, but {missing}")
        pytest.skip(missing)
    root = make_course(tmp_path_factory.mktemp("editor") / "course")
    shutil.copytree(ROOT / ".vscode", root / ".vscode")
    schemas = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    server = LanguageServer(root, {"schemas": schemas, "validate": True, "completion": True, "hover": True})
    yield root, server
    server.close()


def without_modeline(text: str) -> str:
    """A lesson's text without its ``$schema`` line, so that the editor settings choose the schema."""
    return text.split("\n", 1)[1] if text.startswith("# yaml-language-server:") else text


def lesson_text(root: Path) -> str:
    return without_modeline((root / "lessons" / "00-fixture.yaml").read_text(encoding="utf-8"))


def test_the_course_files_have_no_editor_diagnostics(editor):
    root, server = editor
    for name in [p.name for p in sorted((ROOT / "lessons").glob("[0-9]*.yaml"))]:
        path = root / "lessons" / name
        text = path.read_text(encoding="utf-8")
        assert server.open(path, text) == [], name  # its $schema line chooses the schema
        assert server.open(path.with_name(f"copy-{name}"), without_modeline(text)) == [], name  # the settings do
    for path in (root / "lessons" / "glossary.yaml", root / "seeds" / "articles.yaml"):  # not taken for lessons
        assert server.open(path, without_modeline(path.read_text(encoding="utf-8"))) == [], path.name


def test_an_unknown_technique_is_underlined_with_a_readable_message(editor, real_course):
    root, server = editor
    text = lesson_text(root)
    line = next(i for i, l in enumerate(text.split("\n")) if l.strip().startswith("technique: "))
    bad = "\n".join(l.replace(l.split(": ")[1], "scare-quotes") if i == line else l
                    for i, l in enumerate(text.split("\n")))
    diags = server.open(root / "lessons" / "51-bad-technique.yaml", bad)
    assert [d["range"]["start"]["line"] for d in diags] == [line]
    assert "glossary" in diags[0]["message"] and "scare-quotes" not in real_course.course.glossary


def test_a_bad_lesson_id_gets_words_not_a_pattern(editor):
    root, server = editor
    text = lesson_text(root).replace("id: fixture-lesson", "id: Fixture Lesson", 1)
    diags = server.open(root / "lessons" / "52-bad-id.yaml", text)
    assert len(diags) == 1 and "lowercase words joined by hyphens" in diags[0]["message"]
    assert "[a-z" not in diags[0]["message"]


def completion_labels(server: LanguageServer, path: Path, text: str, key: str) -> tuple[list[str], list]:
    """The labels offered right after the first ``key: `` of ``text`` (its value removed), and the items."""
    lines = text.split("\n")
    line = next(i for i, l in enumerate(lines) if l.strip().startswith(f"{key}: "))
    lines[line] = lines[line][:lines[line].index(f"{key}: ") + len(key) + 2]
    server.open(path, "\n".join(lines))
    items = server.complete(path, line, len(lines[line]))
    return [item["label"] for item in items], items


def test_completion_at_technique_offers_the_glossary(editor, real_course):
    root, server = editor
    labels, _ = completion_labels(server, root / "lessons" / "53-complete.yaml", lesson_text(root), "technique")
    assert labels == list(real_course.course.glossary)


def test_completion_at_article_offers_the_articles_with_their_outlets(editor, real_course):
    root, server = editor
    labels, items = completion_labels(server, root / "lessons" / "54-complete.yaml", lesson_text(root), "article")
    articles = real_course.course.articles
    assert labels == list(articles)
    docs = [item.get("documentation", {}) for item in items]
    assert all(articles[label].meta["outlet"] in (doc.get("value", "") if isinstance(doc, dict) else doc)
               for label, doc in zip(labels, docs))


def test_an_empty_lesson_file_offers_the_lesson_skeleton(editor):
    root, server = editor
    path = root / "lessons" / "55-empty.yaml"
    server.open(path, "")
    items = server.complete(path, 0, 0)
    skeleton = [item for item in items if item["label"] == "Five Frames lesson"]
    assert skeleton and "minutes: 45" in skeleton[0]["insertText"]
    assert "minutes: 0" not in skeleton[0]["insertText"]

