"""A word or two in quotation marks that nobody is quoted as saying: scare quotes, which mock or doubt the
word ("naming-as-framing")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..text import WORD, Text
from . import Candidate

QUOTED = re.compile(r"(?<!\w)([\"“‘'])([^\"“”‘’'\n]{2,40}?)([\"”’'])(?!\w)")
PAIRS = {'"': '"', "“": "”", "‘": "’", "'": "'"}


def find(text: Text) -> Iterator[Candidate]:
    for m in QUOTED.finditer(text.text):
        opening, inner, closing = m.groups()
        if PAIRS[opening] != closing:
            continue
        words = WORD.findall(inner)
        if not 1 <= len(words) <= 3 or inner != inner.strip() or all(w[:1].isupper() for w in words):
            continue  # a whole quotation, or a title or name
        yield Candidate(m.start(), m.end(), "naming-as-framing", "scare-quotes",
                        "scare quotes around a word: doubt or mockery")
