"""The three ways ``course suggest`` prints its suggestions: text for reading, JSON for tools, and YAML stubs
to paste into a lesson (passages and annotations that ``course check`` accepts as printed)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import yaml

from ..diagnostics import visible
from . import Suggestion

HEADER = ("Candidates for a teacher to accept, edit or reject, not verdicts: each is a place where a technique "
          "may be at work, found by word lists and simple rules")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’']?\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:(?<![A-Za-z])[A-Za-z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|Fr|St|Sen|Rep|Gen|Gov|Prof|No|vs)\.$")
"""What ends an abbreviation rather than a sentence: "U.S.", "Mr.", "Fr."""


def as_text(suggestions: Sequence[Suggestion], source: str, min_confidence: float) -> str:
    lines = [f"# {HEADER}.", f"# {visible(source)}: {len(suggestions)} suggestion(s) with confidence "
             f"{min_confidence:.2f} or more (confidence: the share of such candidates the course's annotations "
             "marked)"]
    for s in suggestions:
        lines.append(f"{s.line}:{s.column}  {s.technique}  {s.confidence:.2f}  \"{visible(s.text)}\"  {s.reason}")
    return "\n".join(lines) + "\n"


def as_json(suggestions: Sequence[Suggestion]) -> str:
    return json.dumps([s.as_dict() for s in suggestions], ensure_ascii=False, indent=2) + "\n"


def as_yaml(suggestions: Sequence[Suggestion], article) -> str:
    """Passage blocks (one per sentence holding suggestions) and an annotation stub per suggestion, to paste
    under a lesson's ``passages:`` and ``annotations:``."""
    from .. import anchor
    from ..authoring import passage_at, passage_id
    sentences: dict[tuple[int, int], list[Suggestion]] = {}
    for s in suggestions:
        sentences.setdefault(sentence_around(article, s.start, s.end), []).append(s)
    passages, notes = [], []
    for k, ((lo, hi), found) in enumerate(sentences.items(), 1):
        passage = passage_at(article, lo, hi)
        pid = passage_id(passage["quote"], k, len(sentences))
        passages.append({"id": pid, **passage})
        for s in found:
            note: dict = {"passage": pid, "span": s.text}
            spans = anchor.find_all(article.normalized, s.text, (lo, hi))
            if len(spans) > 1:
                note["occurrence"] = next((n for n, m in enumerate(spans, 1) if m.start == s.start), 1)
            note["technique"] = s.technique
            note["explanation"] = (f"Candidate, not a verdict ({s.reason}; confidence {s.confidence:.2f}). Say what "
                                   "these words do to the reader, or delete this annotation.")
            notes.append(note)
    head = [f"# {HEADER}.", "# Paste the passages under `passages:` and the annotations under `annotations:` of a "
            "lesson, then rewrite each explanation (docs/suggestions.md)."]
    return "\n".join(head + ["passages:", _items(passages), "annotations:", _items(notes)]).rstrip() + "\n"


def _items(rows: list[dict]) -> str:
    if not rows:
        return "  []"
    text = yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=10**6)
    return "\n".join(f"  {line}" for line in text.splitlines())


def sentence_around(article, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``article`` holding ``[start, end)`` (the whole paragraph part it spans), without the
    spaces around it."""
    lo, hi = next(((a, b) for a, b in article.paragraphs if a <= start < b), (0, len(article.text)))
    part = article.text[lo:hi]
    cuts = [lo] + [lo + m.end() for m in _SENTENCE_END.finditer(part)
                   if not _ABBREVIATION.search(part[max(0, m.start() - 12):m.start()])] + [hi]
    first = max(c for c in cuts if c <= start)
    last = min((c for c in cuts if c >= end), default=hi)
    chunk = article.text[first:last]
    first += len(chunk) - len(chunk.lstrip())
    last = first + len(chunk.strip())
    return first, last
