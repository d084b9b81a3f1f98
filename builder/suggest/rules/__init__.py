"""The rules of ``course suggest``, one module each, registered in ``RULES``.

A rule reads a ``Text`` and yields ``Candidate`` spans. Each candidate names a *bucket* (the rule and a coarse
class of evidence, like ``loaded-word:adj:strong``): the confidence shown is the share of the bucket's candidates
that the course's own annotations marked (``score.py``), so rules need no hand-set weights.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..text import Text


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    technique: str  # a glossary id
    bucket: str
    reason: str  # one line, plain words


Rule = Callable[[Text], Iterable[Candidate]]

from . import intensifier, label, loaded_word, scare_quotes, superlative  # noqa: E402

RULES: dict[str, Rule] = {
    "loaded-word": loaded_word.find,
    "intensifier": intensifier.find,
    "label": label.find,
    "scare-quotes": scare_quotes.find,
    "superlative": superlative.find,
}
"""Rule name → the function finding its candidates (the name starts each of its buckets)."""
