"""A superlative that makes something the most of its kind: "the worst decision", "the most dynamic drivers"
(``exaggeration-minimisation``)."""

from __future__ import annotations

from collections.abc import Iterator

from ..text import Text
from . import Candidate

FACTUAL = frozenset("largest biggest latest first last oldest newest nearest highest lowest".split())
"""Superlatives that usually measure (left to the teacher)."""


def find(text: Text) -> Iterator[Candidate]:
    words = text.words
    for i, word in enumerate(words):
        low = word.lower
        if low in ("most", "least") and i > 0 and words[i - 1].lower == "the" and text.joined(i, i + 1) \
                and text.kind(i + 1) == "adj":
            end = i + 2 if text.joined(i + 1, i + 2) and text.nominal(i + 2) else i + 1
            yield Candidate(word.start, words[end].end, "exaggeration-minimisation", "superlative:most",
                            "superlative: the most of its kind")
        elif text.tag(i) == "JJS" and low not in FACTUAL and low not in ("most", "least") and i > 0 \
                and words[i - 1].lower in ("the", "its", "his", "her", "their", "our", "ever") \
                and text.joined(i, i + 1) and text.nominal(i + 1):
            yield Candidate(word.start, words[i + 1].end, "exaggeration-minimisation", "superlative:est",
                            "superlative: the most of its kind")
