"""Confidence learned from the course's own annotations.

Every candidate belongs to a bucket (``loaded-word:adj:strong``). A bucket's confidence is the share of its
candidates, inside passages that lessons quote, that overlap a span some lesson annotated: an estimate of how
often a teacher would keep such a suggestion. Buckets with few candidates lean on their rule's share, and
rules on the share of all candidates (additive smoothing), so an unseen bucket gets a cautious number.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SMOOTHING = 4.0
"""How many candidates' worth of weight the broader share gets against a bucket's own."""
PRIOR = 0.25
"""The share assumed before any annotation is seen."""


@dataclass(frozen=True)
class Example:
    """A text with what annotators marked in it: ``regions`` are where they looked (a candidate counts only
    inside one), ``gold`` the spans they marked, as ``(start, end, technique)``."""

    name: str
    text: str
    regions: tuple[tuple[int, int], ...]
    gold: tuple[tuple[int, int, str], ...]

    def inside(self, start: int, end: int) -> bool:
        return any(lo <= start and end <= hi for lo, hi in self.regions)

    def marked(self, start: int, end: int, techniques: frozenset[str] | None = None) -> bool:
        """Whether ``[start, end)`` overlaps a gold span (of one of ``techniques``, if given)."""
        return any(s < end and start < e and (techniques is None or t in techniques) for s, e, t in self.gold)


@dataclass
class Model:
    """Hits and candidates per bucket; ``confidence`` turns them into a smoothed share."""

    hits: Counter[str] = field(default_factory=Counter)
    seen: Counter[str] = field(default_factory=Counter)

    def add(self, bucket: str, hit: bool) -> None:
        for key in _levels(bucket):
            self.seen[key] += 1
            self.hits[key] += hit

    def confidence(self, bucket: str) -> float:
        share = (self.hits[""] + SMOOTHING * PRIOR) / (self.seen[""] + SMOOTHING)
        for key in _levels(bucket)[1:]:
            share = (self.hits[key] + SMOOTHING * share) / (self.seen[key] + SMOOTHING)
        return share

    def table(self) -> list[tuple[str, int, int, float]]:
        """``(bucket, hits, candidates, confidence)`` for every bucket seen, for the docs and the bench."""
        return [(key, self.hits[key], self.seen[key], round(self.confidence(key), 3)) for key in sorted(self.seen)]


def _levels(bucket: str) -> list[str]:
    """``"a:b:c"`` → ``["", "a", "a:b", "a:b:c"]``: the whole, the rule, then each finer bucket."""
    parts = bucket.split(":")
    return [""] + [":".join(parts[:k]) for k in range(1, len(parts) + 1)]


def learn(examples: Iterable[Example], candidates_of) -> Model:
    """A model from ``examples``; ``candidates_of(text)`` gives the raw candidates of a text."""
    model = Model()
    for example in examples:
        for c in candidates_of(example.text):
            if example.inside(c.start, c.end):
                model.add(c.bucket, example.marked(c.start, c.end))
    return model


def merged(scored: Sequence[tuple[float, int, int, object]]) -> list[tuple[float, int, int, object]]:
    """Overlapping candidates reduced to the most confident of each overlap (then the longest), in text order."""
    kept: list[tuple[float, int, int, object]] = []
    starts: list[int] = []  # of the kept spans, which never overlap: so their ends are in order too
    ends: list[int] = []
    for item in sorted(scored, key=lambda x: (-x[0], -(x[2] - x[1]), x[1])):
        _, start, end, _ = item
        k = bisect_left(starts, end)  # kept spans from k on start at or after ``end``
        if k > 0 and ends[k - 1] > start:
            continue
        kept.append(item)
        starts.insert(k, start)
        ends.insert(k, end)
    return sorted(kept, key=lambda x: x[1])
