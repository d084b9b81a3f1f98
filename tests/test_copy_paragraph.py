"""Copying a paragraph from an article page gives its words, never the paragraph number shown before it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest
from helpers import ROOT

from builder.anchor import normalize
from builder.pages.registry import render_pages

CSS = ROOT / "docs" / "assets" / "five-frames.css"
CHROMIUM = next((p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium") if Path(p).exists()), None)


def article_html(fixture_course) -> tuple[str, str]:
    """The first article page's body as HTML (the site's Markdown extensions for it), and that article's id."""
    course = fixture_course.course
    article = next(iter(course.articles.values()))
    text = render_pages(course, "student")[f"articles/{article.id}.md"]
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "admonition", "pymdownx.details"]), article.id


def test_the_paragraph_number_is_a_link_the_stylesheet_keeps_out_of_selections(fixture_course):
    html, _ = article_html(fixture_course)
    assert re.search(r'<a class="ff-pnum" href="#p-4">4</a> ', html), html[:2000]
    rule = CSS.read_text(encoding="utf-8").split(".md-typeset .ff-pnum {", 1)[1].split("}", 1)[0]
    assert "user-select: none" in rule and "-webkit-user-select: none" in rule
    assert "display: none" not in rule and "visibility" not in rule  # still shown


@pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true", reason="Chromium is not installed")
def test_a_triple_clicked_paragraph_copies_without_its_number(fixture_course):
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    html, article_id = article_html(fixture_course)
    article = fixture_course.course.articles[article_id]
    start, end = article.paragraphs[3]
    page_html = (f"<html><head><style>{CSS.read_text(encoding='utf-8')}</style></head>"
                 f'<body><article class="md-typeset">{html}</article></body></html>')
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.set_content(page_html)
            paragraph = page.locator("#p-4")
            assert paragraph.locator(".ff-pnum").is_visible()
            paragraph.click(click_count=3, position={"x": 200, "y": 5})
            copied = page.evaluate("window.getSelection().toString()")
        finally:
            browser.close()
    assert normalize(copied).text == normalize(article.text[start:end]).text
