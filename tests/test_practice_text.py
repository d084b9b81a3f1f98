"""A practice text (``written_for_course: true`` in seeds/articles.yaml) says so wherever it is shown or named:
its article page, the credit line under each quoted passage, the notebooks, the overview and coverage pages,
the nav and every export. The label survives a hostile title, which stays text."""

from __future__ import annotations

import io
import zipfile

import pytest
import yaml
from helpers import FIXTURE_LESSON, Loaded, add_practice_article, dump_yaml, lesson_copy
from hostile import INERT

from builder import credit
from builder.course import load_course
from builder.export import EXPORTS
from builder.notebooks import render_notebooks
from builder.pages import render_pages

LABEL = credit.PRACTICE
HOSTILE = INERT[0]


def _capstone() -> str:
    """A capstone quoting the practice text, with a self-check on its passage (exports show it)."""
    data = yaml.safe_load(lesson_copy("final"))
    data["capstone"] = True
    data["passages"] = [{"id": "lobby", "article": "drill-text", "quote": "a gift to the concrete lobby"},
                        *data["passages"][1:]]
    data["contrasts"] = [{"passages": ["lobby", "hegemony"], "question": "Which words label someone?"}]
    data["annotations"] = [{"passage": "lobby", "span": "the concrete lobby", "technique": "name-calling",
                            "explanation": "A label for the quay's backers."}, *data["annotations"][1:]]
    data["self_check"][0]["passage"] = "lobby"
    data["exercises"] = [{"id": "spot", "kind": "spot-loaded-words", "prompt": "List them.", "passage": "lobby"}]
    return dump_yaml(data)


@pytest.fixture(scope="module")
def practice(tmp_path_factory) -> Loaded:
    """A scratch course whose practice text has a hostile title and short title, quoted by its capstone."""
    from helpers import make_course
    root = make_course(tmp_path_factory.mktemp("practice") / "course", with_lessons=False)
    add_practice_article(root, title=f"Title {HOSTILE}", short_title=f"Short {HOSTILE}")
    (root / FIXTURE_LESSON).unlink()
    (root / "lessons" / "01-final.yaml").write_text(_capstone(), encoding="utf-8")
    loaded = Loaded(*load_course(root))
    assert loaded.report.errors == [], loaded.report.to_text()
    return loaded


@pytest.fixture(scope="module")
def pages(practice) -> dict[str, str]:
    return render_pages(practice.course, "teacher")


def _no_raw_payload(text: str) -> None:
    assert HOSTILE not in text or HOSTILE == credit.md_text(HOSTILE), "a hostile title reached the page as typed"


def test_the_article_page_opens_with_a_practice_notice(pages):
    page = pages["articles/drill-text.md"]
    notice = page.index("Practice text, not a real publication")
    assert notice < page.index("Source card") and LABEL in page[notice:page.index("Source card")]
    _no_raw_payload(page)


def test_a_real_article_page_has_no_practice_notice(pages):
    assert "Practice text, not a real publication" not in pages["articles/amac-solis.md"]


def test_the_credit_line_under_a_quoted_passage_says_practice_text(practice, pages):
    passage = practice.course.lessons[0].passages["lobby"]
    line = credit.md(credit.credit(passage))
    assert LABEL in line and line in pages["lessons/final.md"]
    real = practice.course.lessons[0].passages["hegemony"]
    assert LABEL not in credit.credit(real).text()


def test_overview_coverage_and_lesson_meta_name_it_as_practice(practice, pages):
    name = credit.md_article_name(practice.course.articles["drill-text"])
    assert LABEL in name and credit.md_text(f"Short {HOSTILE}") in name
    for uri in ("overview.md", "coverage.md", "lessons/final.md"):
        assert name in pages[uri], uri
        _no_raw_payload(pages[uri])


def test_the_notebooks_label_the_quoted_passage(practice):
    notebooks = render_notebooks(practice.course)
    assert notebooks and all(LABEL in text for text in notebooks.values())


def _export_text(rendered) -> str:
    if isinstance(rendered, dict):
        return "".join(data.decode("utf-8") for data in rendered.values())
    if rendered[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(rendered)) as package:
            return "".join(package.read(name).decode("utf-8", "replace") for name in package.namelist())
    return rendered.decode("utf-8")


@pytest.mark.parametrize("name", list(EXPORTS))
def test_every_export_labels_the_practice_passage(practice, name):
    for edition in EXPORTS[name].editions:
        text = _export_text(EXPORTS[name].render(practice.course, edition))
        assert LABEL in text, (name, edition)
        assert HOSTILE not in text or "<" not in HOSTILE


def test_the_real_course_practice_texts_are_only_in_the_capstone(real_course):
    practice_ids = {a.id for a in real_course.course.articles.values() if a.written_for_course}
    assert practice_ids, "the course has a practice text for its capstone"
    for lesson in real_course.course.lessons:
        quoted = {p.article.id for p in lesson.passages.values()} & practice_ids
        assert not quoted or lesson.data.get("capstone"), lesson.path


def test_the_capstones_quotes_of_a_practice_text_do_not_count_in_the_real_articles_totals(practice, pages):
    articles = list(practice.course.articles.values())
    extra = sum(a.written_for_course for a in articles)
    coverage = pages["coverage.md"]
    header = next(line for line in coverage.splitlines() if "Total" in line)
    cells = [c.strip() for c in header.split("|")[2:-1]]
    assert cells.index("Total") == len(articles) - extra and all(LABEL in c for c in cells[-extra:])
    row = next(line for line in coverage.splitlines() if line.startswith("| [Fixture lesson]"))
    counts = [c.strip() for c in row.split("|")[2:-1]]
    total = cells.index("Total")
    assert int(counts[total]) == sum(int(c) for c in counts[:total] if c != "·")
    assert sorted(counts[total + 1:]) == ["1"] + ["·"] * (extra - 1)  # its one practice passage, after the total
    assert "only the capstone quotes them, and they are not counted in the totals" in coverage


def test_the_nav_title_of_a_practice_text_says_so(practice):
    from builder.pages.registry import PAGES
    [articles] = [p for p in PAGES if p.name == "article"]
    titles = {a.id: articles.title(n, a) for n, a in enumerate(practice.course.articles.values(), 1)}
    assert LABEL in titles["drill-text"] and LABEL not in titles["amac-solis"]
