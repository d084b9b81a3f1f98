"""Annotations are numbered as a reader meets them, on the page and in the notebook; a span with its own
quotation marks is quoted once."""

from __future__ import annotations

import re

from helpers import base_lesson, dump_yaml, load_clean

from builder.escape import quoted
from builder.pages.registry import render_pages


def test_annotations_listed_out_of_order_are_numbered_by_position(course_root):
    data = base_lesson()
    data["annotations"] = [
        {"passage": "hegemony", "span": "hegemonic", "technique": "loaded-language", "explanation": "Third."},
        {"passage": "autocrats", "span": "two autocrats", "technique": "name-calling", "explanation": "Second."},
        {"passage": "autocrats", "span": "personal relationship", "technique": "loaded-language",
         "explanation": "First."}]
    (course_root / "lessons" / "00-fixture.yaml").write_text(dump_yaml(data), encoding="utf-8")
    course = load_clean(course_root)
    notes = course.lessons[0].annotations
    assert [(n.number, n.explanation) for n in notes] == [(1, "First."), (2, "Second."), (3, "Third.")]
    page = render_pages(course, "student")["lessons/fixture-lesson.md"]
    highlights = "".join(re.findall(r'data-note="(\d+)"', page))  # in page order (contrasts show them again)
    assert re.fullmatch("(123)+", highlights), highlights
    listed = re.findall(r'^ *(\d+)\. <span class="ff-anchor" id="note-(\d+)">.*\. (\w+)\. \[Back to the passage\]',
                        page, re.M)
    assert listed == [("1", "1", "First"), ("2", "2", "Second"), ("3", "3", "Third")]


def test_a_span_with_its_own_quotation_marks_is_quoted_once(course_root):
    assert quoted("confirmation") == "“confirmation”"
    assert quoted("“confirmation”") == "“confirmation”" and quoted('"invasion"') == '"invasion"'
    assert quoted("“half") == "““half”"  # one mark of its own is not a pair
    data = base_lesson()
    data["passages"].append({"id": "highest", "article": "wsws-symonds",
                             "quote": "declared their cooperation had “reached the highest level in history”"})
    data["annotations"].append({"passage": "highest", "span": "“reached the highest level in history”",
                                "technique": "exaggeration-minimisation", "explanation": "A claim of record."})
    (course_root / "lessons" / "00-fixture.yaml").write_text(dump_yaml(data), encoding="utf-8")
    page = render_pages(load_clean(course_root), "student")["lessons/fixture-lesson.md"]
    assert "“reached the highest level in history” (" in page and "““" not in page
