"""What ``course suggest TARGET`` does, behind the thin CLI: read the target (an article id of the course, or a
UTF-8 file), learn confidences from the course, and print the suggestions in the chosen format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import did_you_mean, visible
from ..source import decode_text, read_bytes
from . import DEFAULT_MIN_CONFIDENCE, course_examples, suggest, train
from .formats import as_json, as_text, as_yaml
from .lexicon import LexiconMissing


@dataclass(frozen=True)
class Outcome:
    output: str = ""
    error: str = ""  # a message for stderr; the command exits 2

    @property
    def ok(self) -> bool:
        return not self.error


def run(course, target: str, fmt: str, min_confidence: float | None) -> Outcome:
    """The output of ``course suggest`` for ``target``, or the error that stops it."""
    threshold = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    if not 0.0 <= threshold <= 1.0:
        return Outcome(error=f"--min-confidence must be between 0 and 1, not {threshold:g}")
    article = course.articles.get(target)
    if article is None:
        path = Path(target)
        if not path.exists():
            hint = did_you_mean(target, course.articles)
            return Outcome(error=f"'{target}' is neither an article id of the course nor a file"
                           + (f"; {hint}" if hint else "") + f" (articles: {', '.join(course.articles) or 'none'})")
        if fmt == "yaml":
            return Outcome(error="--format yaml prints passages of a course article, so it needs an ARTICLE-ID "
                           "(a file is not in the course); use --format text or json for a file")
        raw, problem = read_bytes(path, target)
        text = None
        if raw is not None:
            text, problem = decode_text(raw, target)
        if text is None:
            return Outcome(error=problem.format() if problem else f"cannot read {target}")
        source = target
    else:
        text, source = article.text, f"article '{article.id}'"
    try:
        found = suggest(text, train(course_examples(course)), threshold)
    except LexiconMissing as exc:
        return Outcome(error=str(exc))
    if fmt == "json":
        return Outcome(as_json(found))
    if fmt == "yaml":
        return Outcome(as_yaml(found, article))
    return Outcome(as_text(found, visible(source), threshold))
