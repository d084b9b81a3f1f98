"""A word that turns up the volume of the next one: "utterly unacceptable", "a complete travesty", "even
stronger" (``intensifier``)."""

from __future__ import annotations

from collections.abc import Iterator

from ..text import Text
from . import Candidate

ADVERBS = frozenset("""
very extremely utterly deeply highly totally completely absolutely incredibly truly hugely massively
enormously immensely terribly awfully entirely thoroughly wholly fully remarkably exceptionally
extraordinarily profoundly gravely severely fiercely wildly insanely outrageously staggeringly
""".split())
"""Adverbs of degree (with Pattern's adverbs rated above 1 for intensity)."""

ADJECTIVES = frozenset("""
complete total utter sheer huge massive enormous absolute outright tremendous unprecedented staggering
incredible colossal monumental unparalleled overwhelming relentless endless
""".split())
"""Adjectives of size or degree that swell the noun after them."""

NOT_AFTER = frozenset("""the a an of to that this much many far few little well long often soon first
same end least most more less""".split())


def find(text: Text) -> Iterator[Candidate]:
    words, sentiment = text.words, text.lex.sentiment
    for i, word in enumerate(words):
        low = word.lower
        if not text.joined(i, i + 1) or words[i + 1].lower in NOT_AFTER or (i > 0 and words[i - 1].lower == "the"):
            continue
        rated = sentiment.get(low)
        if low in ADVERBS or (rated is not None and rated.intensity > 1.0 and text.kind(i) == "adv"):
            if text.kind(i + 1) == "adj":
                end = i + 2 if text.kind(i + 1) == "adj" and text.joined(i + 1, i + 2) and text.nominal(
                    i + 2) else i + 1
                yield Candidate(word.start, words[end].end, "intensifier", "intensifier:adverb",
                                "intensifier before an adjective")
        elif low in ADJECTIVES and text.nominal(i + 1):
            yield Candidate(word.start, words[i + 1].end, "intensifier", "intensifier:adjective",
                            "intensifier before a noun")
        elif low == "even" and text.tag(i + 1) in ("JJR", "RBR"):
            yield Candidate(word.start, words[i + 1].end, "intensifier", "intensifier:even",
                            "'even' before a comparison, to make it bigger")
