"""Load the glossary of techniques (lessons/glossary.yaml)."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic
from .source import load_yaml
from .validate import validate

GLOSSARY = "glossary.yaml"


def load_glossary(lessons_dir: Path, shown_dir: str = "lessons") -> tuple[dict[str, dict], list[Diagnostic]]:
    """Terms by id, in file order; unknown see-also ids and duplicates are reported."""
    doc = load_yaml(lessons_dir / GLOSSARY, f"{shown_dir}/{GLOSSARY}", lessons_dir.parent)  # the course folder
    diags = list(doc.problems)
    if doc.problems:
        return {}, diags
    diags += validate(doc, "glossary")
    if diags:
        return {}, diags
    terms: dict[str, dict] = {}
    for i, term in enumerate(doc.data["terms"]):
        if term["id"] in terms:
            diags.append(doc.diag(("terms", i, "id"), f"term id '{term['id']}' is used twice", "duplicate-id"))
        terms.setdefault(term["id"], term)
    for i, term in enumerate(doc.data["terms"]):
        for j, other in enumerate(term.get("see_also", [])):
            if other not in terms:
                diags.append(doc.diag(("terms", i, "see_also", j), f"see_also names unknown term '{other}'",
                                      "unknown-term"))
    return terms, diags
