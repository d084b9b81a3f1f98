"""The article page: source card, then the full text with numbered paragraphs and quoted passages marked."""

from __future__ import annotations

from collections import defaultdict

from .. import credit
from ..anchor import line_spans
from ..markup import admonition, attrs, details
from .common import PageContext, front_matter, highlighted, lesson_uri, mark_tag, md_text

CARD = [("outlet", "Outlet"), ("outlet_evidence", "How we know"), ("author", "Author"),
        ("author_note", "About the author"), ("date", "Date"), ("date_note", "How the date is known"),
        ("genre", "Genre"), ("affiliation", "Who is behind it"), ("url", "Address printed in the text")]


def render_article(page: PageContext) -> str:
    """Markdown for one article page (``page.item``: the article)."""
    article = page.item
    quoted = _quotes_by_paragraph(article, page.course.index.quotes.get(article.id, []))
    parts = [front_matter(credit.article_name(article)), f"# {md_text(article.meta['title'])}\n",
             *_practice_notice(article), _card(article)]
    parts.append("## Full text\n")
    made = ("the practice text as the course wrote it" if article.written_for_course else
            "the article exactly as collected, with its slips and page residue")
    parts.append(f"The text below is {made}. Paragraph numbers are ours. {len(article.paragraphs)} paragraphs, "
                 f"about {article.words:,} words. Highlighted passages are quoted in lessons; follow the links "
                 "under a paragraph to read them in context.\n")
    for number, (start, end) in enumerate(article.paragraphs, 1):
        parts.append(_paragraph(page, number, start, end, quoted.get(number, [])))
    return "\n".join(parts)


def _practice_notice(article) -> list[str]:
    """For a practice text, a notice at the top that it was written for this course; nothing for a real one."""
    if not article.written_for_course:
        return []
    return [admonition("warning", "Practice text, not a real publication",
                       f"This is a {md_text(credit.PRACTICE)}, made to practise on. Its outlet, author, people and "
                       "events are invented, so a search for them finds nothing. Only the capstone lesson quotes "
                       "it.")]


def _card(article) -> str:
    meta = article.meta
    rows = []
    for key, label in CARD:
        value = meta.get(key)
        if not value:
            continue
        shown = credit.md_date(credit.article_date(article), say_printed=True) if key == "date" else md_text(value)
        rows.append(f"**{label}:** {shown}")
    out = admonition("abstract", "Source card", "\n\n".join(rows))
    # Stance and artifacts are what lessons ask students to find: folded away until they have tried.
    reading = []
    if meta.get("stance"):
        reading.append(f"**Apparent stance:** {md_text(meta['stance'])}")
    if meta.get("artifacts"):
        reading.append("**Text artifacts a careful reader notices:**\n\n"
                       + "\n".join(f"- {md_text(a)}" for a in meta["artifacts"]))
    if article.voices:
        reading.append(_voices(article))
    if reading:
        out += "\n" + details("question", "Our reading of this text (open it after you have made your own)",
                               "\n\n".join(reading))
    return out


def _voices(article) -> str:
    """Who speaks where: every recorded voice with its credit; the rest is the byline author's."""
    lines = ["**Who is speaking where:** these parts are not the author's text; everything else is credited to "
             f"{md_text(credit.article_credit(article).who)}.", ""]
    for voice in article.voices:
        first, last = article.paragraph_of(voice.start), article.paragraph_of(voice.end - 1)
        where = f"Paragraph {first}" if first == last else f"Paragraphs {first}–{last}"
        item = credit.voice_credit(article, voice)
        line = f"- [{where}](#p-{first}): {md_text(item.who)}, {credit.md_date(item.date)}."
        if voice.spec.get("note"):
            line += f" {md_text(voice.spec['note'])}"
        lines.append(line)
    return "\n".join(lines)


def _quotes_by_paragraph(article, quotes) -> dict[int, list]:
    """For each paragraph number: the (lesson, passage) pairs whose quote touches it."""
    found = defaultdict(list)
    for lesson, passage in quotes:
        first = article.paragraph_of(passage.start)
        for number in range(first, len(article.paragraphs) + 1):
            start, end = article.paragraphs[number - 1]
            if start >= passage.end:
                break
            if passage.start < end:
                found[number].append((lesson, passage))
    return found


def _paragraph(page: PageContext, number, start, end, quotes) -> str:
    article = page.item
    marks = [(max(p.start, start), min(p.end, end),
              mark_tag("ff-quoted", f"Quoted in the lesson “{lesson.title}”")) for lesson, p in quotes]
    lines = [highlighted(article.text[a:b], a, marks) for a, b in line_spans(article.text, start, end)]
    body = "<br>\n".join(lines)
    out = f"[{number}](#p-{number}){attrs('ff-pnum')} {body}\n{attrs('ff-para', id=f'p-{number}', block=True)}\n"
    if quotes:
        seen, links = set(), []
        for lesson, passage in quotes:
            if (lesson.id, passage.id) not in seen:
                seen.add((lesson.id, passage.id))
                links.append(f"[{md_text(lesson.title)}]({page.link(lesson_uri(lesson.id), 'passage-' + passage.id)})")
        out += f"\nQuoted in: {', '.join(links)}\n{attrs('ff-quoted-in', block=True)}\n"
    return out


__all__ = ["render_article"]
