"""Cold read, then reveal: a passage marked ``cold_read`` is shown plain with a prompt, and its highlights and notes
only behind the reveal, on the lesson page and in the notebook; a loaded-language or framing lesson has one."""

from __future__ import annotations

import json

import markdown
import nbformat
from helpers import FIXTURE_LESSON, base_lesson, cells_with_role, dump_yaml, line_of
from lxml import html as lxml_html
from test_house_rules import codes, scratch

from builder.coldread import NOTEBOOK_REVEAL_ROLE, NOTEBOOK_ROLE, PROMPT, REVEAL, cold_passages
from builder.course import load_course
from builder.notebooks import render_notebooks
from builder.pages.registry import render_pages

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "pymdownx.details"]


def page_html(course, lesson, edition: str = "student"):
    """The lesson page's body as HTML (the site's Markdown extensions), parsed."""
    text = render_pages(course, edition)[f"lessons/{lesson.id}.md"]
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return lxml_html.fromstring(markdown.markdown(body, extensions=EXTENSIONS))


def cold_lesson(loaded):
    """The first lesson of a loaded course with a passage read cold, and that passage."""
    lesson = next(lesson for lesson in loaded.course.lessons if cold_passages(lesson))
    return lesson, cold_passages(lesson)[0]


def revealed_texts(course, lesson, passage) -> list[str]:
    """What only the reveal may show: each note's explanation opening, technique name, and the passage note."""
    notes = [n for n in lesson.annotations if n.passage is passage]
    assert notes
    texts = [n.explanation.split(".")[0][:40] for n in notes]
    return texts + ([passage.spec["note"].split(".")[0][:40]] if passage.spec.get("note") else [])


def before_reveal(block) -> str:
    """The text of a cold-read block outside its reveal (the folded box)."""
    copy = lxml_html.fromstring(lxml_html.tostring(block))
    for fold in copy.xpath(".//details"):
        fold.getparent().remove(fold)
    return " ".join(copy.text_content().split())


def test_a_cold_read_shows_the_passage_plain_with_the_prompt_and_folds_the_reveal(fixture_course):
    course = fixture_course.course
    lesson, passage = cold_lesson(fixture_course)
    tree = page_html(course, lesson)
    [block] = tree.xpath(f"//div[@id='passage-{passage.id}']")
    assert "ff-cold" in block.get("class") and block.get("data-cold") == f"{lesson.id}/{passage.id}"
    plain = block.xpath("./blockquote")[0]
    assert " ".join(plain.text_content().split()) == " ".join(passage.text.split())
    assert not plain.xpath(".//mark | .//sup | .//*[@class='ff-tip']")
    text = before_reveal(block)
    assert PROMPT[:30] in text
    assert not [t for t in revealed_texts(course, lesson, passage) if t in text]
    terms = {course.glossary[n.technique]["term"] for n in lesson.annotations if n.passage is passage}
    assert not [t for t in terms if t in text]
    [fold] = block.xpath(".//details")
    assert fold.get("open") is None and fold.xpath("./summary")[0].text_content() == REVEAL
    assert fold.xpath(".//blockquote//mark[contains(@class, 'ff-mark')]")
    assert not block.xpath(".//*[@title]")
    # the notes list leads back to the passage: what the script hides until the reveal
    backs = tree.xpath(f"//li[.//a[contains(@class, 'ff-back')][@href='#passage-{passage.id}']]")
    assert len(backs) == len([n for n in lesson.annotations if n.passage is passage])


def test_the_teacher_edition_shows_the_reveal_open(fixture_course):
    lesson, passage = cold_lesson(fixture_course)
    tree = page_html(fixture_course.course, lesson, "teacher")
    [block] = tree.xpath(f"//div[@id='passage-{passage.id}']")
    assert "ff-key" in block.get("class") and block.xpath(".//details")[0].get("open") is not None


def test_a_passage_not_read_cold_is_shown_highlighted_as_before(fixture_course):
    course = fixture_course.course
    lesson, _ = cold_lesson(fixture_course)
    tree = page_html(course, lesson)
    warm = [p for p in lesson.passages.values() if not p.cold_read and any(n.passage is p for n in lesson.annotations)]
    assert warm
    block = tree.xpath(f"//div[@id='passage-{warm[0].id}']")[0]
    assert "ff-cold" not in block.get("class") and block.xpath("./blockquote//mark")


def test_a_passage_prompt_replaces_the_course_prompt(course_root):
    data = base_lesson()
    hegemony = next(p for p in data["passages"] if p.get("cold_read"))
    hegemony["cold_read"] = {"prompt": "Which *one* word names a country without naming it?"}
    (course_root / FIXTURE_LESSON).write_text(dump_yaml(data), encoding="utf-8")
    course, report = load_course(course_root)
    assert report.errors == [], report.to_text()
    lesson = course.lessons[0]
    block = page_html(course, lesson).xpath(f"//div[@id='passage-{hegemony['id']}']")[0]
    prompt = block.xpath(".//p[contains(@class, 'ff-cold-prompt')]")[0]
    assert prompt.xpath(".//em")[0].text == "one" and PROMPT[:30] not in prompt.text_content()


def notebook(notebooks, lesson_id: str, edition: str = "student"):
    return nbformat.reads(notebooks[f"{edition}/{lesson_id}.ipynb"], as_version=4)


def test_the_notebook_reads_cold_before_any_cell_shows_the_highlights(fixture_course):
    course = fixture_course.course
    lesson, passage = cold_lesson(fixture_course)
    nb = notebook(render_notebooks(course), lesson.id)
    roles = [c.metadata.get("five_frames", {}).get("role") for c in nb.cells]
    [answer] = cells_with_role(nb, NOTEBOOK_ROLE)
    [reveal] = cells_with_role(nb, NOTEBOOK_REVEAL_ROLE)
    asked, shown = nb.cells.index(answer), nb.cells.index(reveal)
    assert roles.index("setup") < asked < shown
    assert nb.cells[asked - 1].cell_type == "markdown"
    assert " ".join(passage.text.split())[:40] in nb.cells[asked - 1].source
    assert "Nothing checks this cell" in nb.cells[asked - 1].source
    assert reveal.source.startswith("### Read after you have answered")
    hidden = revealed_texts(course, lesson, passage)
    for cell in nb.cells[:shown]:
        assert not [t for t in hidden if t in cell.source], cell.source[:200]
    assert [t for t in hidden if t in reveal.source] == hidden
    assert all(f"**{n.text}**" in reveal.source for n in lesson.annotations if n.passage is passage)
    namespace: dict = {}
    exec(answer.source, namespace)  # runs as it stands: nothing to fill in before it runs
    assert namespace["my_words"] == [] and namespace["my_move"] == ""


def test_a_spotting_exercise_on_the_same_passage_comes_before_its_reveal(course_root):
    data = base_lesson()
    spot = next(e for e in data["exercises"] if e["kind"] == "spot-loaded-words")
    cold = next(p for p in data["passages"] if p.get("cold_read"))
    spot["passage"] = cold["id"]
    (course_root / FIXTURE_LESSON).write_text(dump_yaml(data), encoding="utf-8")
    course, report = load_course(course_root)
    assert report.errors == [], report.to_text()
    nb = notebook(render_notebooks(course), course.lessons[0].id)
    spot_cell = next(c for c in cells_with_role(nb, "answer") if c.metadata["five_frames"]["exercise"] == spot["id"])
    [answer] = cells_with_role(nb, NOTEBOOK_ROLE)
    [reveal] = cells_with_role(nb, NOTEBOOK_REVEAL_ROLE)
    assert nb.cells.index(answer) < nb.cells.index(spot_cell) < nb.cells.index(reveal)


def test_the_teacher_notebook_fills_in_the_marked_words(fixture_course):
    lesson, passage = cold_lesson(fixture_course)
    nb = notebook(render_notebooks(fixture_course.course), lesson.id, "teacher")
    namespace: dict = {}
    exec(cells_with_role(nb, NOTEBOOK_ROLE)[0].source, namespace)
    assert namespace["my_words"] == [n.text for n in lesson.annotations if n.passage is passage]


def test_the_page_preview_of_the_notebook_leaves_the_reveal_out(fixture_course):
    course = fixture_course.course
    lesson, passage = cold_lesson(fixture_course)
    notebooks = render_notebooks(course)
    text = render_pages(course, "student", notebooks)[f"lessons/{lesson.id}.md"]
    preview = text.split('??? example "Preview the notebook"', 1)[1]
    assert "Cold read" in preview and "The reveal of the cold read: in the notebook" in preview
    assert "Read after you have answered" not in preview
    assert json.loads(notebooks[f"student/{lesson.id}.ipynb"])  # the notebook itself keeps it


# ---- the house rule ----

def without_cold_reads(data: dict) -> dict:
    for passage in data["passages"]:
        passage.pop("cold_read", None)
    return data


def test_a_loaded_language_lesson_without_a_cold_read_is_told_to_add_one(course_root):
    text = dump_yaml(without_cold_reads(base_lesson()))
    _, report = scratch(course_root, {"01-warm": text})
    [diag] = [d for d in report.items if d.code == "no-cold-read"]
    assert codes(report) == ["no-cold-read"], report.to_text()
    assert diag.severity == "warning" and diag.path == "lessons/01-warm.yaml"
    assert diag.line == line_of(text, "- id:")
    assert "add 'cold_read: true' to an annotated passage" in diag.message


def test_a_sourcing_lesson_or_the_capstone_needs_no_cold_read(course_root):
    sourcing = without_cold_reads(base_lesson()) | {"strands": ["sourcing"]}
    _, report = scratch(course_root, {"01-sourcing": dump_yaml(sourcing)})
    assert "no-cold-read" not in codes(report), report.to_text()
    capstone = without_cold_reads(base_lesson()) | {"capstone": True}
    (course_root / "lessons" / "01-sourcing.yaml").unlink()
    (course_root / "lessons" / "02-capstone.yaml").write_text(dump_yaml(capstone), encoding="utf-8")
    _, report = load_course(course_root)
    assert "no-cold-read" not in codes(report), report.to_text()
