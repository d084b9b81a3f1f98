"""Load the seed articles: their metadata (seeds/articles.yaml), their verbatim text and its voices.

A text speaks in its byline author's voice except where ``voices`` in seeds/articles.yaml marks a
part that someone else wrote or the page added: an editor's note, a reader comment, a caption,
page furniture. Each part is anchored by a quote of its first words (and optionally its last
words) or by paragraph numbers, and checked here, so a reformatted text cannot silently move it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from . import anchor
from .diagnostics import Diagnostic, did_you_mean_words
from .model import UNDATED, UNNAMED, Article, Voice
from .source import decode_text, load_yaml, read_bytes
from .validate import validate

METADATA = "articles.yaml"


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
        text = None
        if raw is not None:
            text, problem = decode_text(raw, shown_file)
        if problem or raw is None or text is None:
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
        span = _voice_span(article, spec)
        if isinstance(span, _Unplaced):
            diags.append(doc.diag(at + ((span.key,) if span.key else ()), span.message, span.code, hint=span.hint))
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


class _Unplaced(NamedTuple):
    """Why a voice cannot be placed, said at its ``key`` (or at the voice, for "")."""

    key: str
    message: str
    code: str
    hint: str = ""


def _voice_span(article: Article, spec: dict) -> tuple[int, int] | _Unplaced:
    """``(start, end)`` of the voice in the text, or why it cannot be placed."""
    paragraphs = spec.get("paragraphs")
    if ("first_words" in spec) == (paragraphs is not None):
        return _Unplaced("", "a voice needs either first_words (preferred: a quote of its first words) or "
                         "paragraphs (its first and last paragraph numbers), not both", "voice-anchor")
    if paragraphs is not None:
        extra = next((k for k in ("last_words", "occurrence") if k in spec), None)
        if extra:
            return _Unplaced(extra, f"{extra} goes with first_words; a voice placed by paragraphs ends with its "
                             "last paragraph", "voice-anchor")
        first, last = (paragraphs, paragraphs) if isinstance(paragraphs, int) else (paragraphs[0], paragraphs[-1])
        count = len(article.paragraphs)
        if not 1 <= first <= last <= count:
            return _Unplaced("paragraphs", f"paragraphs {first} to {last} do not exist: article '{article.id}' has "
                             f"{count} paragraphs, and the first must not come after the last", "voice-paragraphs")
        return article.paragraphs[first - 1][0], article.paragraphs[last - 1][1]
    place = f"article '{article.id}'"
    first = anchor.anchor(article.text, spec["first_words"], occurrence=spec.get("occurrence"),
                          paragraphs=article.paragraphs, normalized=article.normalized)
    if not isinstance(first, anchor.Match):
        return _Unplaced("first_words", *_miss(first, article, "first_words", place))
    if "last_words" not in spec:
        end = next(e for s, e in article.paragraphs if first.start < e)
        return first.start, max(end, first.end)
    last = anchor.find_all(article.normalized, spec["last_words"], (first.start, len(article.text)))
    last = [m for m in last if m.end >= first.end]
    if not last:
        return _Unplaced("last_words", *_miss(anchor.suggest(article.text, spec["last_words"], article.paragraphs),
                                              article, "last_words", f"{place} after the first words"))
    return first.start, last[0].end


def _miss(found: anchor.Miss, article: Article, what: str, place: str) -> tuple[str, str, str]:
    """Why ``what`` was not placed: the message, the code and the hint (the closest words, if any)."""
    if isinstance(found, anchor.NotFound):
        if found.suggestion:
            return (f"{what} not found in {place}", "voice-not-found",
                    did_you_mean_words(found.suggestion, found.paragraph))
        return (f"{what} not found in {place}; nothing in it is close. Copy the words from the article page",
                "voice-not-found", "")
    if isinstance(found, anchor.Ambiguous):
        paras = ", ".join(str(article.paragraph_of(m.start)) for m in found.matches)
        return (f"{what} occurs {len(found.matches)} times in {place} (paragraphs {paras}); quote more words "
                "or add 'occurrence: N'", "voice-not-found", "")
    return f"{what} not found in {place}", "voice-not-found", ""
