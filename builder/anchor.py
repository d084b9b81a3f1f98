"""Find quotes in article text, blind to typography, and report where they are.

Matching works on a *normalized* copy of both texts: curly quotes become straight,
dashes become ``-``, no-break and other spaces become a plain space, zero-width
characters vanish and whitespace runs collapse. The normalized text keeps, for each
of its characters, the offset of the original character it came from, so a match
maps back to exact offsets into the original and pages can show its typography.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz import fuzz

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4\u0060"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"



@dataclass(frozen=True)
class Normalized:
    """A normalized text and, per character, the original offset it came from."""

    text: str
    origin: tuple[int, ...]
    length: int  # length of the original text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` offsets of normalized ``[start, end)``."""
        return self.origin[start], (self.origin[end - 1] + 1 if end > start else self.origin[start])


_SINGLE_FOLD = str.maketrans({**{c: "'" for c in _SINGLE_QUOTES}, **{c: '"' for c in _DOUBLE_QUOTES}})
_RUNS = re.compile(rf"\s{{2,}}|[^\S ]|[-{_DASHES}]+|[{_INVISIBLE}]|\u2026")  # a lone " " stays plain


def normalize(text: str) -> Normalized:
    """Fold typography so that a plain-ASCII quote matches the article's own characters.

    Quotes fold to ' and ", dashes to -, any whitespace run to one space, invisible
    characters vanish, an ellipsis becomes three dots; runs of dashes count as one.
    Ordinary stretches are copied in bulk, so this is fast on whole articles.
    """
    out: list[str] = []
    origin: list[int] = []
    last = " "  # as if preceded by a space: leading whitespace is dropped

    def plain(a: int, b: int) -> None:
        nonlocal last
        if a < b and last == " " and text[a] == " ":
            a += 1  # a lone space right after a space (or at the start) collapses
        if b > a:
            out.append(text[a:b].translate(_SINGLE_FOLD))
            origin.extend(range(a, b))
            last = out[-1][-1]

    pos = 0
    for run in _RUNS.finditer(text):
        plain(pos, run.start())
        pos = run.end()
        first = run.group()[0]
        if first.isspace():
            if last != " ":
                out.append(" ")
                origin.append(run.start())
                last = " "
        elif first in _INVISIBLE:
            continue
        elif first == "\u2026":
            out.append("...")
            origin.extend((run.start(),) * 3)
            last = "."
        elif last != "-":
            out.append("-")
            origin.append(run.start())
            last = "-"
    plain(pos, len(text))
    joined = "".join(out)
    if joined.endswith(" "):
        joined = joined[:-1]
        origin.pop()
    return Normalized(joined, tuple(origin), len(text))


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


def find_all(haystack: Normalized, quote: str, within: tuple[int, int] | None = None) -> list[Match]:
    """Every (possibly overlapping) occurrence of ``quote``, optionally inside original ``[start, end)``."""
    needle = normalize(quote).text
    if not needle:
        return []
    lo, hi = (0, len(haystack.text)) if within is None else (
        bisect_left(haystack.origin, within[0]), bisect_left(haystack.origin, within[1]))
    found = []
    pos = haystack.text.find(needle, lo, hi)
    while pos != -1:
        found.append(Match(*haystack.span(pos, pos + len(needle))))
        pos = haystack.text.find(needle, pos + 1, hi)
    return found


def anchor(original: str, quote: str, *, occurrence: int | None = None, before: str | None = None,
           after: str | None = None, paragraphs=None, normalized: Normalized | None = None,
           within: tuple[int, int] | None = None):
    """Anchor ``quote`` in ``original``: a Match, or NotFound / Ambiguous explaining why not.

    ``before``/``after`` are words that must come right before/after the quote;
    ``occurrence`` (1-based) picks among the remaining matches; ``within`` limits the
    search to original offsets ``[start, end)`` (an annotation inside its passage).
    """
    norm = normalized or normalize(original)
    matches = find_all(norm, quote, within)
    if not matches:
        return suggest(original, quote, [within] if within else paragraphs)
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
