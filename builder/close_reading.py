"""How much of the close-reading inventory the lessons examine (the coverage page and ``course check``).

The rule: an inventory entry is *examined* when a lesson annotation's span, or one of the wordings it accepts
(``accept:``, words its explanation discusses too), overlaps it (character offsets in the same article, sharing
at least one character) and the annotation's technique fits the entry's kind:

- a **loaded** entry needs a technique of the loaded-language families: every glossary family except
  ``sourcing`` and ``epistemic``, and not ``appeal-to-authority`` (which is about who is cited);
- an **attribution** needs a sourcing technique: the ``sourcing`` or ``epistemic`` family (anonymous and
  official sources, unattributed claims, self-citation, assertive and factive verbs, hedges) or
  ``appeal-to-authority``.

Overlap is generous on purpose: an annotation on "deep reflection" examines an entry "reflection". It is one
reader's inventory, so a share is a yardstick for the authors, not a grade for an article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Course, Reading

LOADED_TARGET = 0.8
"""The course examines at least this share of the inventory's loaded language."""
ATTRIBUTION_TARGET = 0.7
"""... and at least this share of its attributions."""
ARTICLE_TARGET = 0.6
"""... and at least this share of each article's loaded language."""
SOURCING_FAMILIES = frozenset({"sourcing", "epistemic"})
SOURCING_TECHNIQUES = frozenset({"appeal-to-authority"})
"""Techniques outside the sourcing families that examine who is cited."""


@dataclass
class Share:
    """Entries of one kind (in one article, or in all): how many the lessons examine."""

    examined: list[Reading] = field(default_factory=list)
    missed: list[Reading] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.examined) + len(self.missed)

    @property
    def ratio(self) -> float:
        """The examined share (1.0 for no entries: nothing is left to examine)."""
        return len(self.examined) / self.total if self.total else 1.0

    def add(self, reading: Reading, examined: bool) -> None:
        (self.examined if examined else self.missed).append(reading)


@dataclass
class Measure:
    """The inventory read against the lessons' annotations."""

    loaded: Share = field(default_factory=Share)
    attributions: Share = field(default_factory=Share)
    by_article: dict[str, dict[str, Share]] = field(default_factory=dict)
    """Article id → ``{"loaded": Share, "attribution": Share}``."""

    def share(self, article_id: str, kind: str) -> Share:
        return self.by_article.setdefault(article_id, {"loaded": Share(), "attribution": Share()})[kind]


def fits(kind: str, technique: str, glossary: dict[str, dict]) -> bool:
    """Whether an annotation of ``technique`` can examine an entry of ``kind``."""
    sourcing = technique in SOURCING_TECHNIQUES or glossary.get(technique, {}).get("family") in SOURCING_FAMILIES
    return sourcing if kind == "attribution" else not sourcing


def measure(course: Course) -> Measure | None:
    """The shares examined, overall and per article; None when the course has no inventory."""
    if course.readings is None:
        return None
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for technique, notes in course.index.examples.items():
        for _, note in notes:
            for start, end in [(note.start, note.end), *note.accept]:
                spans.setdefault(note.passage.article.id, []).append((start, end, technique))
    result = Measure()
    for article_id in course.articles:
        for kind in ("loaded", "attribution"):
            result.share(article_id, kind)
    for reading in course.readings:
        examined = any(start < reading.end and reading.start < end and fits(reading.kind, technique, course.glossary)
                       for start, end, technique in spans.get(reading.article, ()))
        (result.loaded if reading.kind == "loaded" else result.attributions).add(reading, examined)
        result.share(reading.article, reading.kind).add(reading, examined)
    return result
