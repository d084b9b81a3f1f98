"""Who is speaking, where and when: the one credit line for pages, notebooks and exports.

A passage's credit comes from the voice it falls in (seeds/articles.yaml ``voices``), never from
the byline alone: a reader comment under an op-ed is the reader's, an editor's framing note is the
editor's, a site's donation appeal is the site's. Only the rest of the text is the byline author's.
A lesson may name speech quoted in the author's text (a passage's ``speaker``): "X, quoted by Y".

An uncertain date always carries its uncertainty, in the words of ``Dated.text``:
"2021-07 (inferred)", "undated". Renderers here are the only way a credit reaches output, and
they escape through builder/escape.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from .escape import md_text, xml_text
from .model import UNDATED, Voice

KINDS = {
    # kind: (what it is, the word for it when no one signs it; "" for page furniture, which no one signs)
    "editor-note": ("editor's note", "Unsigned"),
    "reader-comment": ("reader comment", "Unnamed"),
    "author-note": ("note about the author", "Unsigned"),
    "caption": ("photo caption", "Unsigned"),
    "header": ("page header", ""),
    "comment-form": ("comment form", ""),
    "site-boilerplate": ("site text", ""),
}
"""Every voice kind seeds/articles.yaml may use (its schema lists the same kinds)."""

INFERRED = "inferred"
SEPARATOR = " · "
PRACTICE = "practice text written for this course, not a real publication"
"""Said wherever a ``written_for_course`` article is named or quoted: no one may take it for real news."""


@dataclass(frozen=True)
class Dated:
    """A date and how it is known; ``value`` None means nothing dates it."""

    value: str | None
    certainty: str | None = None

    def text(self, say_printed: bool = False) -> str:
        """"2023-03-25", "2021-07 (inferred)" or "undated" (``say_printed``: "2023-03-25 (printed)")."""
        if self.value is None:
            return UNDATED
        if self.certainty == INFERRED or (say_printed and self.certainty):
            return f"{self.value} ({self.certainty})"
        return self.value

    @property
    def uncertain(self) -> bool:
        return self.value is None or self.certainty == INFERRED


@dataclass(frozen=True)
class Credit:
    """Who speaks, on which page, when, and where in the article."""

    who: str
    outlet: str
    date: Dated
    paragraph: int | None
    article_id: str
    short_title: str
    voice: Voice | None = None  # None: the byline author's own text
    practice: bool = False
    """The article is a practice text written for the course: the credit says so (``PRACTICE``)."""

    @property
    def parts(self) -> tuple[str, ...]:
        parts: tuple[str, ...] = (self.who, self.outlet, self.date.text())
        parts += (f"paragraph {self.paragraph}",) if self.paragraph is not None else ()
        return parts + ((PRACTICE,) if self.practice else ())

    def text(self) -> str:
        """The credit line as plain text: ``who · outlet · date · paragraph N``."""
        return SEPARATOR.join(self.parts)

    def short(self) -> str:
        """Article's short title, preceded by the voice when it is not the byline's (and labelled if practice)."""
        title = f"{self.short_title} ({PRACTICE})" if self.practice else self.short_title
        return title if self.voice is None else f"{self.who}{SEPARATOR}{title}"


def article_name(article) -> str:
    """The article's short title, as every list and table names it: a practice text says it is one."""
    title = article.meta["short_title"]
    return f"{title} ({PRACTICE})" if article.written_for_course else title


def md_article_name(article) -> str:
    """``article_name`` as escaped Markdown."""
    return md_text(article_name(article))


def credit(passage) -> Credit:
    """The credit for a passage (a ``lessons.Passage``): its voice, outlet, date and paragraph."""
    article = passage.article
    return _credit(article, article.voice_at(passage.start), passage.paragraph, passage.spec.get("speaker"))


def article_credit(article) -> Credit:
    """The byline author's credit for a whole article (no paragraph)."""
    return _credit(article, None, None)


def voice_credit(article, voice: Voice) -> Credit:
    """The credit for one recorded voice, at the paragraph where it starts."""
    return _credit(article, voice, article.paragraph_of(voice.start))


def voice_name(voice: Voice | None, article) -> str:
    """Who speaks in ``voice``: "Unnamed reader comment, posted under the republication", or the byline author."""
    if voice is None:
        return article.meta["author"]
    spec = voice.spec
    noun, unnamed = KINDS[voice.kind]
    if voice.named:
        who = f"{noun[0].upper()}{noun[1:]} by {voice.speaker}"
    else:
        who = f"{unnamed} {noun}" if unnamed else noun[0].upper() + noun[1:]
    if spec.get("label"):
        who += f" ({spec['label']})"
    if spec.get("likely_speaker"):
        who += f", probably by {spec['likely_speaker']}"
    if spec.get("context"):
        who += f", {spec['context']}"
    return who


def quoted_by(speaker: str, article) -> str:
    """"Vladimir Putin, quoted by Peter Symonds" (an unnamed author is "an unnamed author")."""
    author = article.meta["author"]
    return f"{speaker}, quoted by {'an unnamed author' if author.lower().startswith('unnamed') else author}"


def outlet(article) -> str:
    outlet_name = article.meta["outlet"]
    return "outlet not named" if outlet_name.lower().startswith("not named") else outlet_name


def article_date(article) -> Dated:
    return Dated(article.meta["date"], article.meta["date_certainty"])


def _credit(article, voice: Voice | None, paragraph: int | None, speaker: str | None = None) -> Credit:
    if voice is None:
        who = quoted_by(speaker, article) if speaker else article.meta["author"]
        date = article_date(article)
    else:
        who = voice_name(voice, article)
        spec = voice.spec
        date = Dated(None) if spec["date"] == UNDATED else Dated(spec["date"], spec["date_certainty"])
    return Credit(who, outlet(article), date, paragraph, article.id, article.meta["short_title"], voice,
                  article.written_for_course)


def md(item: Credit) -> str:
    """The credit line as escaped Markdown (one line)."""
    return md_text(item.text())


def md_short(item: Credit) -> str:
    """The short credit (voice and article) as escaped Markdown."""
    return md_text(item.short())


def md_date(date: Dated, say_printed: bool = False) -> str:
    """A date with its uncertainty, as escaped Markdown."""
    return md_text(date.text(say_printed))


def plain(item: Credit) -> str:
    """The credit line as plain text for an ``xml.etree`` tree (LMS exports, answer keys)."""
    return xml_text(item.text())
