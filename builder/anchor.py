"""Find quotes in article text, blind to typography, and report where they are.

Matching works on a *normalized* copy of both texts: curly quotes become straight,
dashes become ``-``, no-break and other spaces become a plain space, zero-width
characters vanish and whitespace runs collapse. The normalized text keeps, for each
of its characters, the offset of the original character it came from, so a match
maps back to exact offsets into the original and pages can show its typography.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4\u0060"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_FOLD = {**{c: "'" for c in _SINGLE_QUOTES}, **{c: '"' for c in _DOUBLE_QUOTES},
         **{c: "-" for c in _DASHES}, **{c: " " for c in _SPACES}, "\u2026": "..."}


@dataclass(frozen=True)
class Normalized:
    """A normalized text and, per character, the original offset it came from."""

    text: str
    origin: tuple[int, ...]
    length: int  # length of the original text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` offsets of normalized ``[start, end)``."""
        return self.origin[start], (self.origin[end - 1] + 1 if end > start else self.origin[start])


def normalize(text: str) -> Normalized:
    """Fold typography so that a plain-ASCII quote matches the article's own characters."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch in _INVISIBLE:
            continue
        folded = _FOLD.get(ch, ch)
        if folded.isspace():
            folded = " "
        for piece in folded:
            prev = out[-1] if out else " "
            if piece == " " and prev == " ":
                continue  # collapse runs (and drop leading space)
            if piece == "-" and prev == "-":
                continue  # "--" typed for an em dash
            out.append(piece)
            origin.append(i)
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    return Normalized("".join(out), tuple(origin), len(text))


@dataclass(frozen=True)
class Match:
    """Where a quote sits in the original text: ``[start, end)`` character offsets."""

    start: int
    end: int


@dataclass(frozen=True)
class NotFound:
    """No match; ``suggestion`` is the closest passage in the original typography."""

    suggestion: str | None
    paragraph: int | None
    score: float


@dataclass(frozen=True)
class ContextMismatch:
    """The quote occurs ``count`` times, but never with the given before/after words."""

    count: int


@dataclass(frozen=True)
class Ambiguous:
    """Several matches and nothing in the spec to choose between them."""

    matches: tuple[Match, ...]


def find_all(haystack: Normalized, quote: str) -> list[Match]:
    """Every (possibly overlapping) occurrence of ``quote`` in ``haystack``."""
    needle = normalize(quote).text
    if not needle:
        return []
    found = []
    pos = haystack.text.find(needle)
    while pos != -1:
        found.append(Match(*haystack.span(pos, pos + len(needle))))
        pos = haystack.text.find(needle, pos + 1)
    return found


def anchor(original: str, quote: str, *, occurrence: int | None = None, before: str | None = None,
           after: str | None = None, paragraphs=None, normalized: Normalized | None = None):
    """Anchor ``quote`` in ``original``: a Match, or NotFound / Ambiguous explaining why not.

    ``before``/``after`` are words that must come right before/after the quote;
    ``occurrence`` (1-based) picks among the remaining matches.
    """
    norm = normalized or normalize(original)
    matches = find_all(norm, quote)
    if not matches:
        return suggest(original, quote, paragraphs)
    count = len(matches)
    if before:
        want = normalize(before).text
        matches = [m for m in matches if normalize(original[max(0, m.start - 4 * len(before) - 16):m.start]).text.endswith(want)]
    if after:
        want = normalize(after).text
        matches = [m for m in matches if normalize(original[m.end:m.end + 4 * len(after) + 16]).text.startswith(want)]
    if not matches:
        return ContextMismatch(count)
    if occurrence is not None:
        if 1 <= occurrence <= len(matches):
            return matches[occurrence - 1]
        return Ambiguous(tuple(matches))
    if len(matches) > 1:
        return Ambiguous(tuple(matches))
    return matches[0]


def suggest(original: str, quote: str, paragraphs=None) -> NotFound:
    """The passage of ``original`` most like ``quote``, with its paragraph number (1-based)."""
    needle = normalize(quote).text
    spans = paragraphs or [(0, len(original))]
    best = NotFound(None, None, 0.0)
    for number, (start, end) in enumerate(spans, 1):
        para = normalize(original[start:end])
        if not para.text:
            continue
        hit = fuzz.partial_ratio_alignment(needle, para.text, score_cutoff=best.score)
        if hit is None or hit.score <= best.score:
            continue
        a, b = para.span(hit.dest_start, hit.dest_end)
        best = NotFound(original[start + a:start + b], number, hit.score)
    return best if best.score >= 60 else NotFound(None, None, best.score)


_PARA_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` offsets of each non-blank paragraph (blocks separated by blank lines)."""
    spans = []
    pos = 0
    for brk in _PARA_BREAK.finditer(text):
        spans.append((pos, brk.start()))
        pos = brk.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((start + lead, start + trail))
    return out


def paragraph_of(paragraphs: list[tuple[int, int]], offset: int) -> int:
    """1-based number of the paragraph holding ``offset`` (or the next one after it)."""
    for number, (start, end) in enumerate(paragraphs, 1):
        if offset < end:
            return number
    return len(paragraphs)
