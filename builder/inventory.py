"""Load the close-reading inventory (seeds/close-reading.yaml): every span of loaded language and every
attribution one careful reader found in the articles, each quote anchored as lessons' quotes are.

The file is optional: without it the course has no inventory (``None``) and nothing is measured against it.
"""

from __future__ import annotations

from pathlib import Path

from . import anchor
from .diagnostics import Diagnostic, did_you_mean_name
from .glossary import term_names
from .lessons import _explain_miss, article_names
from .model import Article, Reading
from .source import Document
from .validate import load_optional

INVENTORY = "close-reading.yaml"


def load_inventory(seeds: Path, articles: dict[str, Article], glossary: dict[str, dict] | None,
                   shown_dir: str = "seeds") -> tuple[list[Reading] | None, list[Diagnostic]]:
    """The anchored inventory (None when there is no file, or it cannot be read whole) and its problems."""
    doc, problems = load_optional(seeds / INVENTORY, f"{shown_dir}/{INVENTORY}", seeds.parent, "close-reading")
    if doc is None:
        return None, problems
    diags: list[Diagnostic] = []
    readings: list[Reading] = []
    for i, block in enumerate(doc.data["articles"]):
        article = articles.get(block["article"])
        if article is None:
            hint = did_you_mean_name(block["article"], article_names(articles))
            diags.append(doc.diag(("articles", i, "article"), f"unknown article '{block['article']}' (articles: "
                                  f"{', '.join(sorted(articles))})", "unknown-article", hint=hint))
            continue
        for j, entry in enumerate(block["entries"]):
            reading = _reading(doc, ("articles", i, "entries", j), article, entry, glossary, diags)
            if reading is not None:
                readings.append(reading)
    return readings, diags


def _reading(doc: Document, where: tuple, article: Article, entry: dict, glossary: dict[str, dict] | None,
             diags: list[Diagnostic]) -> Reading | None:
    """One entry anchored in its article; None, with an error in ``diags``, when it cannot be."""
    technique = entry.get("technique")
    if technique is not None and glossary is not None and technique not in glossary:
        hint = did_you_mean_name(technique, term_names(glossary))
        diags.append(doc.diag(where + ("technique",), f"unknown technique '{technique}' (see lessons/glossary.yaml)",
                              "unknown-term", hint=hint))
        return None
    found = anchor.anchor(article.text, entry["quote"], occurrence=entry.get("occurrence"), before=entry.get("before"),
                          after=entry.get("after"), paragraphs=article.paragraphs, normalized=article.normalized)
    if not isinstance(found, anchor.Match):
        message, hint = _explain_miss(found, article, entry, "quote", f"article '{article.id}'", entry["quote"])
        code = "quote-not-found" if isinstance(found, anchor.NotFound) else "quote-ambiguous"
        diags.append(doc.diag(where + ("quote",), message, code, hint=hint))
        return None
    return Reading(article.id, found.start, found.end, entry["kind"], technique, entry["why"], entry["quote"],
                   doc.locator.at(where)[0])
