"""Load the seed articles: their metadata (seeds/articles.yaml), their verbatim text and its voices.

A text speaks in its byline author's voice except where ``voices`` in seeds/articles.yaml marks a
part that someone else wrote or the page added: an editor's note, a reader comment, a caption,
page furniture. Each part is anchored by a quote of its first words (and optionally its last
words) or by paragraph numbers, and checked here, so a reformatted text cannot silently move it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import anchor
from .diagnostics import Diagnostic
from .source import decode_text, load_yaml, read_bytes
from .validate import validate

METADATA = "articles.yaml"


@dataclass(frozen=True)
class Voice:
    """A part of an article not in its byline author's voice: ``[start, end)`` offsets into the text."""

    kind: str
    speaker: str  # a name, or "unnamed"
    start: int
    end: int
    spec: dict
    line: int  # where it is described in seeds/articles.yaml

    @property
    def named(self) -> bool:
        return self.speaker != UNNAMED


UNNAMED = "unnamed"
UNDATED = "undated"


@dataclass
class Article:
    """One seed article: metadata plus text, paragraphs and a normalized copy for anchoring."""

    id: str
    meta: dict
    text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    normalized: anchor.Normalized | None = None
    voices: list[Voice] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(re.findall(r"\w[\w'’-]*", self.text))

    def paragraph_of(self, offset: int) -> int:
        return anchor.paragraph_of(self.paragraphs, offset)

    def voice_at(self, offset: int) -> Voice | None:
        """The recorded voice holding ``offset``; None for the byline author's own text."""
        return next((v for v in self.voices if v.start <= offset < v.end), None)

    def voices_in(self, start: int, end: int) -> list[tuple[Voice | None, int]]:
        """Each voice that ``[start, end)`` reaches, in order, with the first offset it reaches.

        ``None`` stands for the byline author's text; whitespace between two parts belongs to no one.
        """
        out: list[tuple[Voice | None, int]] = []

        def body(lo: int, hi: int) -> None:
            chunk = self.text[lo:hi]
            if chunk.strip():
                out.append((None, lo + len(chunk) - len(chunk.lstrip())))

        pos = start
        for voice in self.voices:
            if voice.end <= start or voice.start >= end:
                continue
            body(pos, min(voice.start, end))
            out.append((voice, max(voice.start, start)))
            pos = max(pos, voice.end)
        if pos < end:
            body(pos, end)
        return out


def load_articles(seeds: Path, shown_dir: str = "seeds") -> tuple[dict[str, Article], list[Diagnostic]]:
    """Read seeds/articles.yaml and every article it lists; report every problem.

    Files must be ordinary files inside the course folder (the one holding ``seeds``).
    """
    shown = f"{shown_dir}/{METADATA}"
    doc = load_yaml(seeds / METADATA, shown, seeds.parent)  # links must stay inside the course folder
    diags = list(doc.problems)
    if doc.problems:
        return {}, diags
    schema_diags = validate(doc, "articles")
    diags += schema_diags
    if schema_diags:
        return {}, diags
    articles: dict[str, Article] = {}
    for i, meta in enumerate(doc.data["articles"]):
        where = ("articles", i)
        if meta["id"] in articles:
            diags.append(doc.diag(where + ("id",), f"article id '{meta['id']}' is used twice", "duplicate-id"))
            continue
        shown_file = f"{shown_dir}/{meta['file']}"
        raw, problem = read_bytes(seeds / meta["file"], shown_file, seeds.parent)
        if raw is not None:
            text, problem = decode_text(raw, shown_file)
        if problem:
            diags.append(doc.diag(where + ("file",), f"cannot use '{meta['file']}': {problem.message}",
                                  problem.code))
            continue
        digest = hashlib.sha256(raw).hexdigest()  # of the very bytes read: the file may change meanwhile
        if digest != meta["sha256"]:
            diags.append(doc.diag(where + ("sha256",),
                                  f"'{meta['file']}' has changed: its SHA-256 is {digest}. Article text must stay "
                                  "verbatim; restore it, or update sha256 if the new text is the real one",
                                  "text-changed"))
        article = Article(meta["id"], meta, text, anchor.split_paragraphs(text), anchor.normalize(text))
        diags += _anchor_voices(doc, where, article)
        articles[meta["id"]] = article
    return articles, diags


def _anchor_voices(doc, where: tuple, article: Article) -> list[Diagnostic]:
    """Find each recorded voice in the text; every problem is reported at its line in articles.yaml."""
    diags = []
    found: list[Voice] = []
    for j, spec in enumerate(article.meta.get("voices", [])):
        at = where + ("voices", j)
        span, problem = _voice_span(article, spec)
        if problem:
            key, message, code = problem
            diags.append(doc.diag(at + ((key,) if key else ()), message, code))
            continue
        if spec["date"] == UNDATED and "date_certainty" in spec:
            diags.append(doc.diag(at + ("date_certainty",), "an undated voice has no date_certainty; remove it "
                                  "(or give the date it can be dated to)", "undated-certainty"))
            continue
        if spec.get("likely_speaker") and spec["speaker"] != UNNAMED:
            diags.append(doc.diag(at + ("likely_speaker",), f"likely_speaker is for an unnamed speaker, but this "
                                  f"voice names '{spec['speaker']}'; remove one of them", "named-and-likely"))
            continue
        voice = Voice(spec["kind"], spec["speaker"], *span, spec, doc.locator.at(at)[0])
        clash = next((v for v in found if v.start < voice.end and voice.start < v.end), None)
        if clash:
            diags.append(doc.diag(at, f"this voice overlaps the voice described on line {clash.line} "
                                  f"(paragraph {article.paragraph_of(max(clash.start, voice.start))}); "
                                  "one stretch of text has one voice", "voices-overlap"))
            continue
        found.append(voice)
    article.voices = sorted(found, key=lambda v: v.start)
    return diags


def _voice_span(article: Article, spec: dict):
    """``((start, end), None)``, or ``(None, (key, message, code))`` saying why the voice cannot be placed."""
    paragraphs = spec.get("paragraphs")
    if ("first_words" in spec) == (paragraphs is not None):
        return None, ("", "a voice needs either first_words (preferred: a quote of its first words) or "
                      "paragraphs (its first and last paragraph numbers), not both", "voice-anchor")
    if paragraphs is not None:
        extra = next((k for k in ("last_words", "occurrence") if k in spec), None)
        if extra:
            return None, (extra, f"{extra} goes with first_words; a voice placed by paragraphs ends with its "
                          "last paragraph", "voice-anchor")
        first, last = (paragraphs, paragraphs) if isinstance(paragraphs, int) else (paragraphs[0], paragraphs[-1])
        count = len(article.paragraphs)
        if not 1 <= first <= last <= count:
            return None, ("paragraphs", f"paragraphs {first} to {last} do not exist: article '{article.id}' has "
                          f"{count} paragraphs, and the first must not come after the last", "voice-paragraphs")
        return (article.paragraphs[first - 1][0], article.paragraphs[last - 1][1]), None
    place = f"article '{article.id}'"
    first = anchor.anchor(article.text, spec["first_words"], occurrence=spec.get("occurrence"),
                          paragraphs=article.paragraphs, normalized=article.normalized)
    if not isinstance(first, anchor.Match):
        return None, ("first_words", _miss(first, article, "first_words", place), "voice-not-found")
    if "last_words" not in spec:
        end = next(e for s, e in article.paragraphs if first.start < e)
        return (first.start, max(end, first.end)), None
    last = anchor.find_all(article.normalized, spec["last_words"], (first.start, len(article.text)))
    last = [m for m in last if m.end >= first.end]
    if not last:
        return None, ("last_words", _miss(anchor.suggest(article.text, spec["last_words"], article.paragraphs),
                                          article, "last_words", f"{place} after the first words"),
                      "voice-not-found")
    return (first.start, last[0].end), None


def _miss(found, article: Article, what: str, place: str) -> str:
    if isinstance(found, anchor.NotFound):
        if found.suggestion:
            return (f'{what} not found in {place}; did you mean "{" ".join(found.suggestion.split())}" '
                    f"(paragraph {found.paragraph})?")
        return f"{what} not found in {place}; nothing in it is close. Copy the words from the article page"
    if isinstance(found, anchor.Ambiguous):
        paras = ", ".join(str(article.paragraph_of(m.start)) for m in found.matches)
        return (f"{what} occurs {len(found.matches)} times in {place} (paragraphs {paras}); quote more words "
                "or add 'occurrence: N'")
    return f"{what} not found in {place}"
