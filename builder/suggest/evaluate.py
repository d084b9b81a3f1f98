"""How well the suggestions match what annotators marked: the course's own annotations (leave one article out)
and the Propaganda Techniques Corpus format (SemEval-2020 Task 11), read from a folder the user supplies.

Precision is the share of suggestions overlapping any marked span; recall the share of the marked
loaded-language and name-calling spans that some suggestion overlaps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import suggest, train
from .score import Example

COURSE_TARGETS = frozenset({"loaded-language", "name-calling"})
PTC_TARGETS = frozenset({"Loaded_Language", "Name_Calling,Labeling"})
_ARTICLE = re.compile(r"article(\d+)\.txt")


@dataclass(frozen=True)
class Score:
    name: str
    suggestions: int
    hits: int  # suggestions overlapping a marked span
    targets: int  # marked target spans
    found: int  # of those, overlapped by a suggestion

    @property
    def precision(self) -> float:
        return self.hits / self.suggestions if self.suggestions else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.targets if self.targets else 0.0

    def as_dict(self) -> dict:
        return {"name": self.name, "suggestions": self.suggestions, "hits": self.hits, "targets": self.targets,
                "found": self.found, "precision": round(self.precision, 3), "recall": round(self.recall, 3)}


def score(example: Example, spans: Sequence[tuple[int, int]], targets: frozenset[str]) -> Score:
    """``spans`` (suggestions) against ``example``; only suggestions inside its regions count."""
    inside = [(s, e) for s, e in spans if example.inside(s, e)]
    hits = sum(example.marked(s, e) for s, e in inside)
    wanted = [(s, e) for s, e, t in example.gold if t in targets]
    found = sum(any(a < e and s < b for a, b in inside) for s, e in wanted)
    return Score(example.name, len(inside), hits, len(wanted), found)


def total(name: str, scores: Sequence[Score]) -> Score:
    return Score(name, *(sum(getattr(s, k) for s in scores) for k in ("suggestions", "hits", "targets", "found")))


def leave_one_out(examples: Sequence[Example], min_confidence: float) -> list[Score]:
    """Train on every example but one, test on that one, for each in turn."""
    out = []
    for k, held in enumerate(examples):
        model = train([e for j, e in enumerate(examples) if j != k])
        spans = [(s.start, s.end) for s in suggest(held.text, model, min_confidence)]
        out.append(score(held, spans, COURSE_TARGETS))
    return out


def read_ptc(folder: Path) -> list[Example]:
    """PTC articles from ``folder/articles/articleN.txt`` with labels from
    ``folder/labels/articleN*.labels`` (tab-separated: article id, technique, start, end), in name order.

    The whole text is the region: PTC annotators read every line.
    """
    examples = []
    for path in sorted((folder / "articles").glob("article*.txt")):
        m = _ARTICLE.fullmatch(path.name)
        if not m:
            continue
        text = path.read_bytes().decode("utf-8")
        gold = []
        for labels in sorted((folder / "labels").glob(f"article{m.group(1)}.*labels")):
            for n, line in enumerate(labels.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                parts = line.split("\t")
                if len(parts) != 4 or parts[0] != m.group(1):
                    raise ValueError(f"{labels}:{n}: expected 'article id<TAB>technique<TAB>start<TAB>end'")
                start, end = int(parts[2]), int(parts[3])
                if not 0 <= start < end <= len(text):
                    raise ValueError(f"{labels}:{n}: span {start}-{end} is outside the article ({len(text)} chars)")
                gold.append((start, end, parts[1]))
        examples.append(Example(m.group(1), text, ((0, len(text)),), tuple(sorted(gold))))
    return examples


def evaluate_ptc(examples: Sequence[Example], course_examples: Sequence[Example], min_confidence: float
                 ) -> list[Score]:
    """Suggestions from a model trained on the whole course, scored against each PTC article."""
    model = train(list(course_examples))
    return [score(e, [(s.start, s.end) for s in suggest(e.text, model, min_confidence)], PTC_TARGETS)
            for e in examples]
