"""``course suggest``: candidate spans of loaded language, name-calling and their neighbours, for a teacher to
accept, edit or reject. They are never verdicts.

``suggest(text, model)`` runs every rule of ``rules.RULES`` over the text, scores each candidate with the
confidence ``model`` learned from the course's annotations (``score.py``), and keeps the most confident of any
overlapping candidates. Offsets are Python ``str`` indices into the text exactly as given.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import lexicons
from .rules import RULES, Candidate
from .score import Example, Model, learn, merged
from .text import Text

DEFAULT_MIN_CONFIDENCE = 0.6
"""Suggestions less confident than this are not shown unless asked for (``--min-confidence``); chosen on the
tuning half of the evaluation articles (docs/suggestions.md)."""


@dataclass(frozen=True)
class Suggestion:
    start: int
    end: int
    text: str
    technique: str
    confidence: float
    reason: str
    line: int  # 1-based
    column: int  # 1-based, in characters
    bucket: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "technique": self.technique,
                "confidence": self.confidence, "reason": self.reason, "line": self.line, "column": self.column}


def candidates(text: str) -> list[Candidate]:
    """Every rule's raw candidates in ``text``."""
    read = Text(text, lexicons())
    return [c for rule in RULES.values() for c in rule(read)]


def suggest(text: str, model: Model, min_confidence: float = 0.0) -> list[Suggestion]:
    """The suggestions for ``text``, in text order, at least ``min_confidence`` confident."""
    scored = [(round(model.confidence(c.bucket), 2), c.start, c.end, c) for c in candidates(text)]
    out = []
    line_starts = _line_starts(text)
    for confidence, start, end, c in merged(scored):
        if confidence < min_confidence:
            continue
        assert isinstance(c, Candidate)
        line = _line_of(line_starts, start)
        out.append(Suggestion(start, end, text[start:end], c.technique, confidence, c.reason, line + 1,
                              start - line_starts[line] + 1, c.bucket))
    return out


def train(examples: list[Example]) -> Model:
    """A model learned from annotated examples (the course's articles, see ``course_examples``)."""
    return learn(examples, candidates)


def course_examples(course) -> list[Example]:
    """Each article that lessons quote, with its quoted passages as regions and every annotation as gold."""
    examples = []
    for article_id, quotes in course.index.quotes.items():
        article = course.articles[article_id]
        regions = tuple(sorted({(p.start, p.end) for _, p in quotes}))
        gold = tuple(sorted({(a.start, a.end, a.technique) for lesson in course.lessons for a in lesson.annotations
                             if a.passage.article.id == article_id}))
        examples.append(Example(article_id, article.text, regions, gold))
    return examples


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _line_of(starts: list[int], offset: int) -> int:
    from bisect import bisect_right
    return bisect_right(starts, offset) - 1


__all__ = ["DEFAULT_MIN_CONFIDENCE", "RULES", "Example", "Model", "Suggestion", "candidates", "course_examples",
           "suggest", "train"]
