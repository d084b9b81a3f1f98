"""Exercise kinds: one module per kind of notebook exercise, and the registry ``KINDS``.

A kind holds everything the builder does that differs from one kind of exercise to another: the
keys a lesson gives it (a JSON Schema fragment, from which the exercise part of lesson.schema.json
is generated), its reference checks at load, its notebook payload and cells, the notebook runtime
function that checks an answer, and its lines on the lesson page. Adding a kind is one new module
and one line in ``KINDS``: see docs/architecture.md, "Adding an exercise kind".

The loader looks each exercise's kind up here once (``Exercise.kind``) and the renderers use
that: ``builder.notebooks`` never imports this package, so a kind module may import it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..diagnostics import did_you_mean
from ..validate import unknown_message
from . import by_the_numbers, capstone, classify_sources, compare_framings, log_search, spot_loaded_words
from .base import COMMON_KEYS, ExerciseKind, LessonChecks

__all__ = ["KINDS", "ExerciseKind", "LessonChecks", "UnknownKind", "kind_of", "lesson_schema"]

UNKNOWN = "exercise kind"
"""What an unknown ``kind:`` value is called in its diagnostic ("unknown exercise kind 'x'")."""

KINDS: dict[str, ExerciseKind] = {kind.name: kind for kind in (
    spot_loaded_words.KIND,
    classify_sources.KIND,
    compare_framings.KIND,
    by_the_numbers.KIND,
    capstone.KIND,
    log_search.KIND,
)}
"""Every exercise kind, in the order the schema and the documentation list them."""


class UnknownKind(ValueError):
    """An exercise names a kind that is not in ``KINDS`` (the loader reports it as a diagnostic first)."""


def kind_of(name: str) -> ExerciseKind:
    """The registered kind called ``name``; ``UnknownKind`` (with a did-you-mean) if there is none."""
    kind = KINDS.get(name)
    if kind is None:
        raise UnknownKind(unknown_message(UNKNOWN, name, list(KINDS), did_you_mean(str(name), KINDS)))
    return kind


def registered() -> tuple:
    """The registry as it is now, hashable: what a cached lesson validator was built for."""
    return tuple(KINDS.items())


def not_prose() -> frozenset[str]:
    """Keys of any registered kind whose text is not prose."""
    return frozenset().union(*(kind.not_prose for kind in KINDS.values()))


# ---- the exercise part of lesson.schema.json ----

def exercise_defs(kinds: Iterable[ExerciseKind]) -> dict:
    """The ``$defs`` the kinds make, in order: the kinds' own definitions, ``exercise`` (the common
    keys, and the kind's keys chosen by ``kind``), then each kind's ``schema_def``."""
    kinds = list(kinds)
    defs: dict = {}
    for kind in kinds:
        defs.update(kind.schema_defs)
    defs["exercise"] = {
        "type": "object",
        "required": ["id", "kind", "prompt"],
        "properties": {
            "id": {"$ref": "#/$defs/slug"},
            "kind": {"enum": [kind.name for kind in kinds], "x-unknown": UNKNOWN},
            "title": {"$ref": "#/$defs/line"},
            "prompt": {"$ref": "#/$defs/prose"},
        },
        "allOf": [{"if": {"properties": {"kind": {"const": kind.name}}, "required": ["kind"]},
                   "then": {"$ref": f"#/$defs/{kind.schema_def}"}} for kind in kinds],
    }
    for kind in kinds:
        own = {k: v for k, v in kind.schema.items() if k not in ("description", "required", "properties")}
        defs[kind.schema_def] = {
            "description": kind.schema["description"],
            "additionalProperties": False,
            "required": kind.schema.get("required", []),
            "properties": {**dict.fromkeys(COMMON_KEYS, True), **kind.schema.get("properties", {})},
            **own,
        }
    return defs


def _generated(key: str) -> bool:
    """Whether a ``$defs`` entry of lesson.schema.json is one the kinds make (``exercise``, ``exercise_*``)."""
    return key == "exercise" or key.startswith("exercise_")


def lesson_schema(base: dict, kinds: Iterable[ExerciseKind] | None = None) -> dict:
    """``base`` (lesson.schema.json as read) with its exercise part made from ``kinds`` (default: ``KINDS``)."""
    defs = exercise_defs(KINDS.values() if kinds is None else kinds)
    kept = {k: v for k, v in base.get("$defs", {}).items() if not _generated(k) and k not in defs}
    return {**base, "$defs": {**kept, **defs}}


def schema_text(schema: dict) -> str:
    """A schema as the checked-in files are written: two-space indents, a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
