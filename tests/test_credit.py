"""Who is speaking: a passage is credited to the voice it falls in, with honest dates, on every page and notebook.

Everything goes through the public contract: lessons are written into a scratch course, loaded with
``load_course``, rendered with ``render_pages`` and ``render_notebooks``, and checked with ``course check``.
"""

from __future__ import annotations

import html
import json
import re

import pytest
import yaml
from helpers import FIXTURE_LESSON as LESSON
from helpers import dump_yaml, line_of, load_clean

from builder import anchor
from builder.notebooks import render_notebooks
from builder.pages import render_pages

PAGE = "lessons/fixture-lesson.md"

COMMENT = "The world has every reason to fear the psychopathic nature of those who govern the USA."
EDITOR = "Friends of Socialist China co-editor Danny Haiphong published the following article in CGTN"
APPEAL = "Support AMAC Action. Our 501 (C)(4) advances initiatives on Capitol Hill"
PUTIN = "be taken as the basis for a peaceful settlement in Ukraine"


def add_passages(root, passages: list[dict], exercise: str = "frames") -> dict:
    """Add passages to the fixture lesson, and to one of its notebook exercises so notebooks show them too."""
    path = root / LESSON
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["passages"] += passages
    next(e for e in data["exercises"] if e["id"] == exercise)["passages"] += [p["id"] for p in passages]
    path.write_text(dump_yaml(data), encoding="utf-8")
    return data


def insert_passage(root, block: str) -> int:
    """Insert a passage (YAML text) first in the fixture's passages; the line number of its ``quote:``."""
    path = root / LESSON
    text = path.read_text(encoding="utf-8")
    text = text.replace("passages:\n", "passages:\n" + block, 1)
    path.write_text(text, encoding="utf-8")
    return line_of(text, block) + block.splitlines().index(next(l for l in block.splitlines() if "quote:" in l))


def build(root):
    """The course at ``root`` (which must load clean), its pages and its notebooks."""
    course = load_clean(root)
    return course, render_pages(course), render_notebooks(course)


def page_credit(page: str, passage_id: str) -> str:
    """The credit line under a passage on a lesson page, as a reader sees it."""
    block = page.split(f'<div class="ff-passage" id="passage-{passage_id}" markdown>', 1)[1]
    line = next(l for l in block.splitlines() if l.startswith("— ["))
    return html.unescape(line[3:line.index("](")])


def notebook_credits(notebooks: dict, quote: str) -> list[str]:
    """Every credit line printed under ``quote`` in any notebook (both editions)."""
    found = []
    for text in notebooks.values():
        for cell in json.loads(text)["cells"]:
            lines = "".join(cell["source"]).splitlines()
            for i, line in enumerate(lines):
                if line.startswith("> ") and html.unescape(line).startswith(f"> {quote[:40]}"):
                    found.append(html.unescape(next(l for l in lines[i:] if l.startswith("> —"))[4:]))
    return found


@pytest.mark.parametrize("article_id, quote, who", [
    ("cgtn-haiphong", COMMENT, "Unnamed reader comment"),
    ("cgtn-haiphong", EDITOR, "Unsigned editor's note"),
    ("amac-solis", APPEAL, "Site text (donation appeal"),
], ids=["reader-comment", "editor-note", "donation-appeal"])
def test_a_part_of_the_page_is_credited_to_its_own_voice_never_to_the_byline(course_root, article_id, quote, who):
    add_passages(course_root, [{"id": "part", "article": article_id, "quote": quote}])
    course, pages, notebooks = build(course_root)
    byline = course.articles[article_id].meta["author"]
    on_page = page_credit(pages[PAGE], "part")
    in_notebooks = notebook_credits(notebooks, quote)
    assert len(in_notebooks) == 2  # student and teacher edition
    for line in [on_page, *in_notebooks]:
        assert line.startswith(who), line
        assert byline not in line, line
    assert on_page == in_notebooks[0]  # one credit line, the same words everywhere


def test_reader_comment_credit_is_undated_and_annotations_name_the_voice(course_root):
    data = add_passages(course_root, [{"id": "comment", "article": "cgtn-haiphong", "quote": COMMENT}])
    data["annotations"].append({"passage": "comment", "span": "psychopathic nature", "technique": "name-calling",
                                "explanation": "A label with no evidence."})
    (course_root / LESSON).write_text(dump_yaml(data), encoding="utf-8")
    _, pages, _ = build(course_root)
    assert " · undated · " in page_credit(pages[PAGE], "comment")
    note = next(l for l in html.unescape(pages[PAGE]).splitlines() if "“psychopathic nature”" in l)
    assert "” (Unnamed reader comment" in note  # the voice first, then the article's short title
    example = next(l for l in html.unescape(pages["glossary.md"]).splitlines() if "“psychopathic nature”" in l)
    assert "Unnamed reader comment" in example


def quote_spec(article, start: int, end: int, pid: str) -> dict:
    """A passage quoting exactly ``[start, end)`` of an article (with an occurrence when the words repeat)."""
    quote = " ".join(article.text[start:end].split())
    matches = anchor.find_all(article.normalized, quote)
    spec = {"id": pid, "article": article.id, "quote": quote}
    if len(matches) > 1:
        spec["occurrence"] = 1 + next(i for i, m in enumerate(matches) if m.start == start)
    return spec


def inferred_places(course) -> list[tuple]:
    """(article, start, end, date) for every stretch of text whose date the metadata calls inferred."""
    places = []
    for article in course.articles.values():
        if article.meta["date_certainty"] == "inferred":
            body = next((s, e) for s, e in article.paragraphs
                        if article.voices_in(s, e) == [(None, s)] and e - s < 2000)
            places.append((article, *body, article.meta["date"]))
        for voice in article.voices:
            if voice.spec.get("date_certainty") == "inferred":
                places.append((article, voice.start, voice.end, voice.spec["date"]))
    return places


def test_every_inferred_date_says_inferred_on_every_page_and_notebook(course_root, fixture_course):
    places = inferred_places(fixture_course.course)
    assert places, "the fixture articles should have inferred dates to check"
    add_passages(course_root, [quote_spec(a, s, e, f"inferred-{n}") for n, (a, s, e, _) in enumerate(places)])
    course, pages, notebooks = build(course_root)
    lesson = pages[PAGE]
    overview = html.unescape(pages["overview.md"])
    for n, (article, start, end, date) in enumerate(places):
        marked = f"{date} (inferred)"
        assert f" · {marked} · " in page_credit(lesson, f"inferred-{n}")
        quote = " ".join(article.text[start:end].split())
        in_notebooks = notebook_credits(notebooks, quote)
        assert in_notebooks and all(f" · {marked} · " in line for line in in_notebooks)
        article_page = html.unescape(pages[f"articles/{article.id}.md"])
        assert marked in article_page
        if article.meta["date_certainty"] == "inferred":
            assert f"**Date:** {marked}" in article_page
            line = next(l for l in overview.splitlines() if f"(articles/{article.id}.md)" in l)
            assert line.endswith(marked), line
    # no credit line, overview entry or notebook source shows an inferred date bare
    lines = [l for page in pages.values() for l in html.unescape(page).splitlines() if l.startswith("— [")]
    lines += overview.split("## The articles", 1)[1].splitlines()
    lines += [l for text in notebooks.values() for l in html.unescape(text).splitlines() if "> —" in l]
    for line in lines:
        for _, _, _, date in places:
            for hit in re.finditer(re.escape(date) + r"(?![-\d])", line):
                assert line[hit.end():].startswith(" (inferred)"), line


@pytest.mark.parametrize("article_id, quote, names", [
    ("amac-solis", "that would threaten democracy everywhere. Ben Solis is the pen name",
     ["the byline author's text (Ben Solis", "'Unsigned note about the author'"]),
    ("cgtn-haiphong", "all spheres. One thought on", ["the byline author's text (Danny Haiphong", "'Comment form"]),
], ids=["body-into-author-note", "body-into-comment-section"])
def test_a_passage_spanning_two_voices_is_refused_naming_both(course_root, run, article_id, quote, names):
    line = insert_passage(course_root, f"  - id: spans\n    article: {article_id}\n    quote: {json.dumps(quote)}\n")
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    message = next(l for l in err.splitlines() if "[passage-spans-voices]" in l)
    assert message.startswith(f"{LESSON}:{line}:"), message
    for name in names:
        assert name in message, message
    assert "seeds/articles.yaml line " in message


def test_a_bad_voice_anchor_in_articles_yaml_is_reported_at_its_line(course_root, run):
    path = course_root / "seeds" / "articles.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, l in enumerate(lines) if l.strip().startswith("first_words:"))
    key, value = lines[number].split(":", 1)
    words = json.loads(value.strip())
    lines[number] = f"{key}: {json.dumps(words + ' qqq')}\n"
    path.write_text("".join(lines), encoding="utf-8")
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    message = next(l for l in err.splitlines() if "[voice-not-found]" in l)
    assert message.startswith(f"seeds/articles.yaml:{number + 1}:"), message
    assert "first_words not found" in message and "did you mean" in message


def test_voices_that_overlap_are_reported(course_root, run):
    path = course_root / "seeds" / "articles.yaml"
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    voices = next(a for a in meta["articles"] if a.get("voices"))["voices"]
    voices.append(dict(voices[0]))
    path.write_text(dump_yaml(meta), encoding="utf-8")
    code, _, err = run("--root", course_root, "check")
    assert code == 1 and re.search(r"^seeds/articles\.yaml:\d+:\d+: error: this voice overlaps", err, re.M), err


def test_speaker_names_speech_quoted_by_the_author(course_root):
    add_passages(course_root, [{"id": "putin", "article": "wsws-symonds", "quote": PUTIN,
                                "speaker": "Vladimir Putin"}])
    course, pages, notebooks = build(course_root)
    meta = course.articles["wsws-symonds"].meta
    expected = f"Vladimir Putin, quoted by {meta['author']} · "
    assert page_credit(pages[PAGE], "putin").startswith(expected)
    assert all(line.startswith(expected) for line in notebook_credits(notebooks, PUTIN))


def test_speaker_is_refused_where_the_quote_has_a_voice_of_its_own(course_root, run):
    insert_passage(course_root, f"  - id: said\n    article: cgtn-haiphong\n    quote: {json.dumps(COMMENT)}\n"
                                "    speaker: Danny Haiphong\n")
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    message = next(l for l in err.splitlines() if "[speaker-outside-body]" in l)
    assert message.startswith(f"{LESSON}:") and "Unnamed reader comment" in message, message


def test_every_voice_kind_in_the_schema_has_a_credit():
    from builder.credit import KINDS
    from builder.validate import validator
    kinds = validator("articles").schema["properties"]["articles"]["items"]["properties"]["voices"]["items"]
    assert set(kinds["properties"]["kind"]["enum"]) == set(KINDS)
