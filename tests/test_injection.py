"""Text is data: hostile text in every field never becomes markup, on any page or in any notebook.

Every lesson, glossary and article-metadata field, and every article, carries payloads from
tests/fixtures/injection/payloads.yaml (see tests/hostile.py). Both editions are built with
MkDocs and every page is parsed; the notebooks' Markdown cells are rendered with a CommonMark
renderer (Jupyter's own is CommonMark plus GFM tables). The browser half is in test_browser.py.
"""

from __future__ import annotations

import ast
import base64
import html
import json
import re
import zlib

import pytest
from helpers import FIXTURE_LESSON, edit_file, html_page, line_of, mkdocs_build
from hostile import INERT, REFUSED, hostile_course, html_problems
from markdown_it import MarkdownIt

from builder.cli import main as course


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory):
    return hostile_course(tmp_path_factory.mktemp("hostile") / "course")


@pytest.fixture(scope="module", params=["student", "teacher"])
def hostile_site(request, hostile_root, tmp_path_factory):
    site = tmp_path_factory.mktemp(f"hostile-{request.param}") / "site"
    result = mkdocs_build(hostile_root, site, edition=request.param)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


def test_hostile_text_is_accepted_where_it_can_be_shown_as_typed(hostile_root, capsys):
    assert course(["--root", str(hostile_root), "check"]) == 0, capsys.readouterr().err


def test_no_markup_from_data_on_any_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    problems = [p for page in pages for p in html_problems(page.read_text(encoding="utf-8"),
                                                           str(page.relative_to(hostile_site)))]
    assert not problems, "\n".join(problems[:40])


def test_hostile_text_is_shown_as_typed(hostile_site):
    lesson = html_page(hostile_site, "lessons/hostile-0.html")
    assert lesson.findtext(".//title").startswith(INERT[0])  # the browser tab shows the characters
    nav = " ".join(lesson.xpath("//nav//text()"))
    assert "<img src=x onerror=alert(1) class=ffx>" in nav
    text = lesson.text_content()
    assert text.count("onerror=alert(1) class=ffx") >= 5  # heading, objectives, passages, notes, options...
    folded = html_page(hostile_site, "lessons/hostile-9.html")
    assert '??? danger "ffx"' in " ".join(folded.text_content().split())
    article = html_page(hostile_site, "articles/amac-solis.html")
    assert "`[ffx](javascript:alert(1))`" in article.text_content()
    assert article.xpath('//mark[@data-tip and contains(@data-tip, "<img src=x")]')  # a tooltip, as text


@pytest.fixture(scope="module")
def hostile_notebooks(hostile_root, tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile-build") / "out"
    assert course(["--root", str(hostile_root), "build", "--out", str(out), "--edition", "teacher"]) == 0
    return sorted((out / "notebooks").rglob("*.ipynb"))


def test_every_page_keeps_its_front_matter(hostile_root):
    """A title that YAML cannot read would drop the page's metadata and show the title as Markdown."""
    from mkdocs.utils.meta import get_data

    from builder.course import load_course
    from builder.pages import render_pages
    course, _ = load_course(hostile_root)
    for uri, page in render_pages(course, "teacher").items():
        body, meta = get_data(page)
        assert isinstance(meta.get("title"), str) and meta["title"].strip(), uri
        assert not body.lstrip().startswith(("---", "title:")), uri
    lesson = render_pages(course)["lessons/hostile-0.md"]
    assert html.unescape(get_data(lesson)[1]["title"]) == " ".join(INERT[0].split())


def test_notebooks_carry_no_control_characters(hostile_notebooks):
    """An escape sequence printed as feedback could fake a result; a NUL breaks the cell's code."""
    for path in hostile_notebooks:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        sources = ["".join(cell["source"]) for cell in notebook["cells"]]
        blob = re.search(r"_setup\('([A-Za-z0-9+/=]+)'\)", "\n".join(sources))
        texts = [*sources, zlib.decompress(base64.b64decode(blob.group(1))).decode("utf-8")]
        for text in texts:
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text), path.name


def test_no_markup_from_data_in_any_notebook(hostile_notebooks):
    commonmark = MarkdownIt("commonmark").enable("table")
    problems = []
    assert hostile_notebooks
    for path in hostile_notebooks:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                problems += html_problems(commonmark.render(source), f"{path.name} {cell['id']}")
            else:
                ast.parse(source)  # lesson text never breaks the code around it
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("payload", REFUSED, ids=[item["code"] + "-" + str(n) for n, item in enumerate(REFUSED)])
@pytest.mark.parametrize("field", ["introduction", "passage note", "annotation explanation", "option feedback"])
def test_course_check_refuses_what_cannot_be_made_inert(course_root, run, payload, field):
    path = course_root / FIXTURE_LESSON
    text = path.read_text(encoding="utf-8")
    quoted = json.dumps(payload["text"])
    targets = {
        "introduction": ("introduction: >-\n  Read two passages and compare their *words*. See [[loaded-language]].",
                         f"introduction: {quoted}"),
        "passage note": ('    quote: "from certain hegemonic country"',
                         f'    quote: "from certain hegemonic country"\n    note: {quoted}'),
        "annotation explanation": ("explanation: A label that judges the two leaders before any argument is made.",
                                   f"explanation: {quoted}"),
        "option feedback": ("feedback: This word is neutral here.", f"feedback: {quoted}"),
    }
    old, new = targets[field]
    edit_file(path, old, new)
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    line = line_of(text, old) + new.count("\n")
    assert f"lessons/00-fixture.yaml:{line}:" in err and f"[{payload['code']}]" in err, err
