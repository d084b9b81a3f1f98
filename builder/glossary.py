"""Load the glossary of techniques (lessons/glossary.yaml)."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic, loose
from .source import Document, load_yaml
from .validate import validate

GLOSSARY = "glossary.yaml"


def term_names(glossary: dict[str, dict]) -> dict[str, str]:
    """Every name a teacher may use for a term, to its id: the id, the term as written and its ``aliases``."""
    names: dict[str, str] = {}
    for term_id, entry in glossary.items():
        for name in (term_id, entry.get("term", term_id), *entry.get("aliases", [])):
            names.setdefault(name, term_id)
    return names


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
    diags += _alias_clashes(doc)
    for i, term in enumerate(doc.data["terms"]):
        for j, other in enumerate(term.get("see_also", [])):
            if other not in terms:
                diags.append(doc.diag(("terms", i, "see_also", j), f"see_also names unknown term '{other}'",
                                      "unknown-term"))
    return terms, diags


def _alias_clashes(doc: Document) -> list[Diagnostic]:
    """An alias (or term) that, ignoring case, spaces and hyphens, is already another term's name."""
    owner: dict[str, str] = {}
    diags = []
    for i, term in enumerate(doc.data["terms"]):
        names = [("id", term["id"]), ("term", term["term"])] + [(("aliases", j), a)
                                                               for j, a in enumerate(term.get("aliases", []))]
        for where, name in names:
            other = owner.setdefault(loose(name), term["id"])
            if other != term["id"]:
                path = ("terms", i, *(where if isinstance(where, tuple) else (where,)))
                diags.append(doc.diag(path, f"'{name}' already names term '{other}': a name leads to one term, so "
                                            "remove or reword it", "duplicate-alias"))
    return diags
