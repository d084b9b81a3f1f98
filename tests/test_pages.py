"""Generated pages: what students see, and that article or lesson text can never become markup."""

from __future__ import annotations

import re

from helpers import FIXTURE_LESSON, edit_file, rewrite_article

from builder.course import load_course
from builder.pages import render_pages
from builder.pages.glossary import also_called

HOSTILE = ('<script>alert("x")</script> **bold** [link](javascript:alert(1)) <img src=x onerror=alert(1)> '
           "{: onclick=alert(1) } # heading `code` | pipe &amp; ![i](x)")


def inject_article_text(root, article_id: str, extra: str) -> None:
    """Append a paragraph to a seed article and update its recorded hash (as an editor would)."""
    name = f"{article_id}.txt"
    rewrite_article(root, name, (root / "seeds" / name).read_bytes() + ("\n\n" + extra + "\n").encode())


def test_every_article_and_lesson_has_a_page(fixture_course, fixture_site):
    course, report = fixture_course
    assert not report.errors
    pages = {path for path in fixture_site["student"] if path.endswith(".md")}
    assert pages == {"overview.md", "glossary.md", "coverage.md", "lessons/fixture-lesson.md",
                     *(f"articles/{a}.md" for a in course.articles)}


def test_passage_links_to_exact_paragraph_and_shows_original_typography(fixture_site):
    page = fixture_site["student"]["lessons/fixture-lesson.md"]
    assert "(../articles/amac-solis.md#p-4)" in page
    article = fixture_site["student"]["articles/amac-solis.md"]
    assert "{: #p-4 .ff-para }" in article
    assert "Xi Jinping’s visit" in article  # the curly apostrophe survives
    assert "(../lessons/fixture-lesson.md#passage-autocrats)" in article


def test_hostile_article_text_is_escaped(course_root):
    inject_article_text(course_root, "wsws-symonds", HOSTILE)
    course, report = load_course(course_root)
    assert not report.errors
    page = render_pages(course)["articles/wsws-symonds.md"]
    last = page.strip().splitlines()[-2].split("{ .ff-pnum }", 1)[1]  # the hostile paragraph's text
    for raw in ("<script", "<img", "**", "](", "{:", "`", "|"):
        assert raw not in last
    assert "&#60;script&#62;" in last and "&#42;&#42;bold&#42;&#42;" in last


def test_hostile_lesson_prose_is_escaped(course_root):
    edit_file(course_root / FIXTURE_LESSON, "Which words label a country or a leader?",
              "'<b onmouseover=x>hi</b> **ok** <script>x</script>'")
    course, report = load_course(course_root)
    assert not report.errors
    page = render_pages(course)["lessons/fixture-lesson.md"]
    assert "<b onmouseover" not in page and "<script>" not in page
    assert "&#60;b onmouseover&#61;x&#62;hi&#60;/b&#62; <strong>ok</strong>" in page


def test_every_note_number_shows_in_its_passage_even_when_two_notes_end_on_one_word(course_root):
    edit_file(course_root / FIXTURE_LESSON, "    explanation: A label that judges the two leaders before any argument is made.\n",
              "    explanation: A label that judges the two leaders before any argument is made.\n"
              "  - passage: autocrats\n    span: the two autocrats\n    technique: naming-as-framing\n"
              "    explanation: The phrase names the pair by a judgement, not by their offices.\n")
    course, report = load_course(course_root)
    assert not report.errors, report.to_text()
    lesson = course.lessons[0]
    page = render_pages(course)[f"lessons/{lesson.id}.md"]
    passages = page.split("The notes, one by one")[0]
    ends = [note.end for note in lesson.annotations]
    assert len(ends) > len(set(ends))  # two notes do end together
    for note in lesson.annotations:  # each number leads to its note from the passage, not only from the list
        assert f'<sup class="ff-note-ref">[{note.number}](#note-{note.number})</sup>' in passages, note.number


def test_glossary_lists_examples_from_annotations(fixture_site):
    glossary = fixture_site["student"]["glossary.md"]
    section = glossary.split("{ #name-calling }")[1].split("###")[0]
    assert "“autocrats”" in section and "(lessons/fixture-lesson.md#note-1)" in section


def test_glossary_says_what_else_a_term_is_called(fixture_course, fixture_site):
    glossary = fixture_site["student"]["glossary.md"]
    for term in fixture_course.course.glossary.values():
        section = glossary.split(f"{{ #{term['id']} }}")[1].split("\n###")[0]
        names = also_called(term)
        assert ("**Also called:**" in section) == bool(names), term["id"]
        for alias in names:  # a reader searching for "scare quotes" finds naming as framing
            assert alias in section.split("**Also called:**")[1].split("\n")[0]
    assert also_called({"term": "Hedge", "aliases": ["hedging", "hedges", "Hedge"]}) == ["hedging"]
    assert also_called({"term": "Name-calling", "aliases": ["labeling", "labelling", "labels"]}) == ["labeling",
                                                                                                     "labels"]


def test_coverage_counts_techniques_and_passages(fixture_site):
    coverage = fixture_site["student"]["coverage.md"]
    row = next(line for line in coverage.splitlines() if line.startswith("| [Fixture lesson]"))
    cells = [c.strip() for c in row.split("|")[2:-1]]
    assert cells[:6] == ["1", "·", "·", "1", "1", "3"]  # amac, unsigned, cgtn, wsws, envoy, total (then practice)
    assert re.search(r"\| \[Name-calling[^|]*\| 1 \| · \| · \| · \| · \| 1 \|", coverage)


def test_debrief_is_folded_after_the_practice(course_root):
    edit_file(course_root / FIXTURE_LESSON, "teacher_notes:",
              "debrief: |-\n  - The label *autocrats* judges. See [[name-calling]].\nteacher_notes:")
    course, report = load_course(course_root)
    assert not report.errors, report.to_text()
    page = render_pages(course)["lessons/fixture-lesson.md"]
    block = page.split('??? success "After you have tried&#58; what a careful reader finds"', 1)[1]  # title escaped
    assert block.startswith("\n\n    - The label <em>autocrats</em> judges.")  # indented: inside the fold
    assert page.index("## Check yourself") < page.index("After you have tried")
    assert "(../glossary.md#name-calling)" in block
