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
from difflib import SequenceMatcher

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
    looked: bool = True  # False: no closest passage was looked for (``anchor(..., suggestion=False)``)


@dataclass(frozen=True)
class ContextMismatch:
    """The quote occurs ``count`` times, but never with the given before/after words."""

    count: int


@dataclass(frozen=True)
class Ambiguous:
    """Several matches and nothing in the spec to choose between them."""

    matches: tuple[Match, ...]


Miss = NotFound | ContextMismatch | Ambiguous
"""Why a quote was not found exactly once."""
Found = Match | Miss
"""What ``anchor`` finds: a Match, or why there is none."""


def find_all(haystack: Normalized, quote: str, within: tuple[int, int] | None = None) -> list[Match]:
    """Every (possibly overlapping) occurrence of ``quote``, optionally inside original ``[start, end)``."""
    needle = normalize(quote).text
    return [Match(*haystack.span(pos, pos + len(needle))) for pos in _starts(haystack, needle, within)]


def _starts(haystack: Normalized, needle: str, within: tuple[int, int] | None) -> list[int]:
    """Normalized offsets where ``needle`` (already normalized) occurs, optionally inside original ``within``."""
    if not needle:
        return []
    lo, hi = (0, len(haystack.text)) if within is None else _normalized_range(haystack, *within)
    found = []
    pos = haystack.text.find(needle, lo, hi)
    while pos != -1:
        found.append(pos)
        pos = haystack.text.find(needle, pos + 1, hi)
    return found


def _normalized_range(haystack: Normalized, start: int, end: int) -> tuple[int, int]:
    """The normalized ``[lo, hi)`` that original ``[start, end)`` became."""
    return bisect_left(haystack.origin, start), bisect_left(haystack.origin, end)


def _preceded_by(text: str, pos: int, words: str) -> bool:
    """Whether normalized ``words`` end right before ``pos`` of normalized ``text`` (a space between allowed)."""
    end = pos - 1 if pos > 0 and text[pos - 1] == " " else pos
    return text.endswith(words, 0, end)


def _followed_by(text: str, pos: int, words: str) -> bool:
    """Whether normalized ``words`` start right at ``pos`` of normalized ``text`` (a space between allowed)."""
    return text.startswith(words, pos + 1 if text[pos:pos + 1] == " " else pos)


def anchor(original: str, quote: str, *, occurrence: int | None = None, before: str | None = None,
           after: str | None = None, paragraphs=None, normalized: Normalized | None = None,
           within: tuple[int, int] | None = None, suggestion: bool = True) -> Found:
    """Anchor ``quote`` in ``original``: a Match, or NotFound / Ambiguous explaining why not.

    ``before``/``after`` are words that must come right before/after the quote;
    ``occurrence`` (1-based) picks among the remaining matches; ``within`` limits the
    search to original offsets ``[start, end)`` (an annotation inside its passage).
    Without ``suggestion``, a quote that is not found gets no (costly) closest passage.
    Time is linear: the context words are compared with the normalized text in place.
    """
    norm = normalized or normalize(original)
    needle = normalize(quote).text
    starts = _starts(norm, needle, within)
    if not starts:
        if not suggestion:
            return NotFound(None, None, 0.0, looked=False)
        return suggest(original, quote, [within] if within else paragraphs, norm)
    count = len(starts)
    if before:
        want = normalize(before).text
        starts = [pos for pos in starts if _preceded_by(norm.text, pos, want)]
    if after:
        want = normalize(after).text
        starts = [pos for pos in starts if _followed_by(norm.text, pos + len(needle), want)]
    matches = [Match(*norm.span(pos, pos + len(needle))) for pos in starts]
    if not matches:
        return ContextMismatch(count)
    if occurrence is not None:
        if 1 <= occurrence <= len(matches):
            return matches[occurrence - 1]
        return Ambiguous(tuple(matches))
    if len(matches) > 1:
        return Ambiguous(tuple(matches))
    return matches[0]


LONG_QUOTE = 128
"""Quotes longer than this (normalized) are located by their first and last words.

rapidfuzz's partial ratio costs about the product of both lengths: aligning a whole 3,000-character
quote with every paragraph takes a third of a second, its first and last 64 characters a millisecond."""
_ENDS = 64


def suggest(original: str, quote: str, paragraphs=None, normalized: Normalized | None = None) -> NotFound:
    """The passage of ``original`` most like ``quote``, with its paragraph number (1-based)."""
    norm = normalized or normalize(original)
    needle = normalize(quote).text
    spans = paragraphs or [(0, len(original))]
    if len(needle) > LONG_QUOTE:
        return _suggest_long(original, norm, needle, spans)
    best = NotFound(None, None, 0.0)
    for number, (start, end) in enumerate(spans, 1):
        lo, hi = _normalized_range(norm, start, end)
        if lo >= hi:
            continue
        hit = fuzz.partial_ratio_alignment(needle, norm.text[lo:hi], score_cutoff=best.score)
        if hit is None or hit.score <= best.score:
            continue
        a, b = whole_words(original, *norm.span(lo + hit.dest_start, lo + hit.dest_end))
        best = NotFound(original[a:b], number, hit.score)
    return best if best.score >= 60 else NotFound(None, None, best.score)


def _suggest_long(original: str, norm: Normalized, needle: str, spans) -> NotFound:
    """Where a long quote's first words align, then its last words after them, if the text between is alike."""
    lo, hi = _normalized_range(norm, spans[0][0], spans[-1][1])
    head = fuzz.partial_ratio_alignment(needle[:_ENDS], norm.text[lo:hi])
    if head is None:
        return NotFound(None, None, 0.0)
    start = lo + head.dest_start
    tail = fuzz.partial_ratio_alignment(needle[-_ENDS:], norm.text[start:hi])
    end = start + tail.dest_end if tail else start
    if not len(needle) / 2 <= end - start <= 2 * len(needle):
        return NotFound(None, None, 0.0)
    score = fuzz.ratio(needle, norm.text[start:end])
    if score < 60:
        return NotFound(None, None, score)
    a, b = whole_words(original, *norm.span(start, end))
    return NotFound(original[a:b], paragraph_of(spans, a), score)


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened so that it neither starts nor ends inside a word of ``text``."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


_EOL = r"(?:\r\n|\r(?!\n)|\n)"
LINE_BREAK = re.compile(_EOL)
"""A line break as Windows (CRLF), old Macs (CR) or everyone else (LF) write it."""
_PARA_BREAK = re.compile(rf"{_EOL}[ \t\u00a0]*{_EOL}\s*")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` offsets of each non-blank paragraph (blocks separated by blank lines).

    Lines may end in LF, CRLF or a lone CR; the text itself is never changed.
    """
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


def line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` offsets of each line of ``text[start:end]``, whichever line breaks it uses."""
    spans = []
    for brk in LINE_BREAK.finditer(text, start, end):
        spans.append((start, brk.start()))
        start = brk.end()
    return spans + [(start, end)]


def paragraph_of(paragraphs: list[tuple[int, int]], offset: int) -> int:
    """1-based number of the paragraph holding ``offset`` (or the next one after it)."""
    for number, (_start, end) in enumerate(paragraphs, 1):
        if offset < end:
            return number
    return len(paragraphs)


_TOKEN = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]")
"""A word (with its inner apostrophes and hyphens) or one mark of punctuation, in normalized text."""


def differences(quote: str, passage: str) -> list[tuple[str, str]]:
    """Where ``quote`` and the close ``passage`` differ, word by word: ``(passage's words, quote's words)``.

    Both are compared normalized (typography never differs). Where one side has nothing, both stretches take
    the word before (or after) them, so each says what to change: ``("the two", "the")``.
    """
    ours, theirs = normalize(quote).text, normalize(passage).text
    a, b = list(_TOKEN.finditer(theirs)), list(_TOKEN.finditer(ours))
    out = []
    matcher = SequenceMatcher(None, [m.group() for m in a], [m.group() for m in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2 or j1 == j2:  # words added or left out: show a neighbouring word too
            if i1 > 0 and j1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            elif i2 < len(a) and j2 < len(b):
                i2, j2 = i2 + 1, j2 + 1
        out.append((_stretch(theirs, a[i1:i2]), _stretch(ours, b[j1:j2])))
    return out


def _stretch(text: str, tokens: list[re.Match]) -> str:
    """The text from the first token's start to the last one's end ('' for none)."""
    return text[tokens[0].start():tokens[-1].end()] if tokens else ""


_PARAGRAPH_NUMBER = re.compile(r"\s*(\d{1,4})\s+(?=\S)")


def paragraph_number_prefix(quote: str, paragraphs: int) -> str | None:
    """The ``"44 "`` a quote starts with when that is a paragraph number (at most ``paragraphs``), copied
    with the paragraph from an article page; None otherwise."""
    hit = _PARAGRAPH_NUMBER.match(quote)
    return hit.group(1) + " " if hit and 1 <= int(hit.group(1)) <= paragraphs else None
