"""`course build --out DIR` writes a complete site source: the hand-written docs, the generated pages and
notebooks, and an engine config (`DIR/mkdocs.yml`) that MkDocs and Zensical build unchanged."""

from __future__ import annotations

import shutil

import yaml
from test_cli import tree
from test_page_types import ANSWER_SHEETS
from test_site import site_copy

from builder import pages
from builder.project import left_out, project_config


def written_config(out) -> dict:
    return yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))


def nav_uris(entries) -> list[str]:
    found = []
    for entry in entries:
        (value,) = entry.values()
        found += nav_uris(value) if isinstance(value, list) else [value]
    return found


def test_build_writes_the_handwritten_docs_byte_for_byte_beside_the_generated_pages(run, tmp_path):
    root = site_copy(tmp_path / "course", with_lessons=False)
    (root / "docs" / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff binary \r\n")
    out = tmp_path / "out"
    code, _, err = run("--root", root, "build", "--out", out)
    assert code == 0, err
    teacher_docs = left_out(project_config(root), "student")
    assert teacher_docs
    for path in (root / "docs").rglob("*"):
        if path.is_file():
            uri = path.relative_to(root / "docs").as_posix()
            copy = out / "docs" / uri
            if uri in teacher_docs:  # the student edition does not have the teachers' pages
                assert not copy.exists(), uri
            else:
                assert copy.read_bytes() == path.read_bytes(), path
    assert (out / "docs" / "lessons" / "fixture-lesson.md").is_file()
    assert (out / "notebooks" / "teacher" / "fixture-lesson.ipynb").is_file()
    marker = (out / ".five-frames-build").read_text()
    assert '"mkdocs.yml"' in marker and '"docs/assets/logo.png"' in marker  # the build owns them


def test_the_engine_config_has_no_plugin_its_env_tags_resolved_and_the_full_nav(run, tmp_path, monkeypatch):
    root = site_copy(tmp_path / "course", with_lessons=False)
    project_file = root / "mkdocs.yml"
    project_file.write_text(project_file.read_text(encoding="utf-8").replace(
        "site_name: Five Frames", "site_name: !ENV [COURSE_SITE_NAME, Five Frames]"), encoding="utf-8")
    monkeypatch.setenv("COURSE_SITE_NAME", "Five Frames, class 3B")
    out = tmp_path / "out"
    assert run("--root", root, "build", "--out", out)[0] == 0
    assert "!ENV" not in (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert written_config(out)["site_name"] == "Five Frames, class 3B"
    config = written_config(out)
    project = yaml.load(project_file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["docs_dir"] == "docs"
    assert config["plugins"] == [p for p in project["plugins"] if not (isinstance(p, dict) and "five-frames" in p)]
    assert config["theme"]["features"] == project["theme"]["features"]
    uris = nav_uris(config["nav"])
    configured = nav_uris(project["nav"])
    assert uris[0] == configured[0]  # home first, then the generated pages, then the rest as configured
    assert uris[1:3] == ["overview.md", "lessons/fixture-lesson.md"]
    teacher_docs = left_out(project_config(root), "student")
    rest = [uri for uri in configured[1:] if uri not in teacher_docs]  # the student edition has no teachers' pages
    assert uris[len(uris) - len(rest):] == rest and not teacher_docs & set(uris)
    assert {"glossary.md", "coverage.md", "articles/amac-solis.md"} <= set(uris)
    for uri in uris:
        assert (out / "docs" / uri).is_file(), uri


def test_the_teacher_edition_nav_lists_its_own_pages(run, tmp_path, monkeypatch):
    monkeypatch.setattr(pages.registry, "PAGES", (*pages.registry.PAGES, ANSWER_SHEETS))
    root = site_copy(tmp_path / "course", with_lessons=False)
    assert run("--root", root, "build", "--out", tmp_path / "s")[0] == 0
    assert run("--root", root, "build", "--out", tmp_path / "t", "--edition", "teacher")[0] == 0
    assert "answers/fixture-lesson.md" not in nav_uris(written_config(tmp_path / "s")["nav"])
    assert "answers/fixture-lesson.md" in nav_uris(written_config(tmp_path / "t")["nav"])
    assert (tmp_path / "t" / "docs" / "answers" / "fixture-lesson.md").is_file()


def test_a_handwritten_page_with_a_generated_name_stops_the_build(run, tmp_path):
    root = site_copy(tmp_path / "course", with_lessons=False)
    (root / "docs" / "glossary.md").write_text("# My glossary\n", encoding="utf-8")
    code, _, err = run("--root", root, "build", "--out", tmp_path / "out")
    assert code == 1 and "docs/glossary.md: error: this is the name of a generated page" in err
    assert not (tmp_path / "out").exists()


def test_a_broken_project_config_is_one_error_and_nothing_is_written(run, tmp_path):
    root = site_copy(tmp_path / "course", with_lessons=False)
    (root / "mkdocs.yml").write_text("site_name: [never closed\n", encoding="utf-8")
    code, _, err = run("--root", root, "build", "--out", tmp_path / "out")
    assert code == 1 and err.startswith("mkdocs.yml: error: cannot read the MkDocs configuration")
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_a_changed_copy_of_a_handwritten_page_is_never_replaced(run, tmp_path):
    root = site_copy(tmp_path / "course", with_lessons=False)
    out = tmp_path / "out"
    assert run("--root", root, "build", "--out", out)[0] == 0
    assert run("--root", root, "build", "--out", out)[0] == 0  # its own files: replaced
    (out / "docs" / "index.md").write_text("notes I typed here", encoding="utf-8")
    before = tree(out)
    code, _, err = run("--root", root, "build", "--out", out)
    assert code == 2 and "index.md was changed after the last build" in err
    assert tree(out) == before


def test_the_docs_folder_named_in_mkdocs_yml_is_the_one_copied_and_protected(run, tmp_path):
    root = site_copy(tmp_path / "course", with_lessons=False)
    shutil.move(root / "docs", root / "pages")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: docs", "docs_dir: pages")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    out = tmp_path / "out"
    assert run("--root", root, "build", "--out", out)[0] == 0
    assert (out / "docs" / "index.md").read_bytes() == (root / "pages" / "index.md").read_bytes()
    assert written_config(out)["docs_dir"] == "docs"
    code, _, err = run("--root", root, "build", "--out", root / "pages" / "build")
    assert code == 2 and "inside the course's pages/ folder" in err

