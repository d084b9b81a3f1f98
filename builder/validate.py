"""Validate a parsed document against a JSON Schema, with messages a teacher can act on."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator, ValidationError, validators

from .diagnostics import Diagnostic, did_you_mean, suggestion
from .source import Document, format_path, load_yaml

SCHEMAS = resources.files(__package__) / "schema"
"""The JSON Schemas, package data (``builder/schema/*.schema.json``): their one source.

``lessons/schema/`` holds a copy for editors, written by ``course schemas --out lessons/schema``.
"""


def _whole_number(checker, instance) -> bool:
    """JSON Schema's "integer", minus floats: ``minutes: 45.0`` is a typo for 45, not a whole number."""
    return isinstance(instance, int) and not isinstance(instance, bool)


_DOLLAR = re.compile(r"(?<!\\)\$")


@cache
def _ecma_regex(pattern: str) -> re.Pattern:
    """``pattern`` with ``$`` read as ECMA-262 reads it, the end of the text (Python's also matches before a final
    line break, so ``id: "intro\\n"`` passed). It is the rewrite fastjsonschema makes: the two validators agree."""
    return re.compile(_DOLLAR.sub(r"\\Z", pattern))


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


StrictValidator = validators.extend(
    Draft202012Validator, validators={"pattern": _pattern},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _whole_number))
"""Draft 2020-12, except that "integer" refuses floats (the standard accepts 1.0) and ``$`` in a pattern is the end."""


def schema_names() -> list[str]:
    """The names of the package's schemas: ``lesson`` for ``lesson.schema.json``."""
    suffix = ".schema.json"
    return sorted(item.name[:-len(suffix)] for item in SCHEMAS.iterdir() if item.name.endswith(suffix))


def schema_bytes(name: str) -> bytes:
    """The text of ``<name>.schema.json`` as the package holds it (read with importlib.resources)."""
    return SCHEMAS.joinpath(f"{name}.schema.json").read_bytes()


def validator(name: str) -> Draft202012Validator:
    """The validator for ``<name>.schema.json`` (built once per process and registry of exercise kinds)."""
    return _validator(name, _kinds_key(name))


def _kinds_key(name: str) -> tuple:
    """What the schema ``name`` depends on besides its file: the lesson's, on the registered exercise kinds."""
    if name != "lesson":
        return ()
    from . import kinds  # the kinds import the notebooks, which import this module
    return kinds.registered()


def load_schema(name: str) -> dict:
    """``<name>.schema.json``; the lesson's with its exercise part made from the registered kinds."""
    schema = json.loads(schema_bytes(name))
    if name == "lesson":
        from . import kinds
        schema = kinds.lesson_schema(schema)
    return schema


@cache
def _validator(name: str, kinds_key: tuple) -> Draft202012Validator:
    return StrictValidator(inline_refs(load_schema(name)))


def inline_refs(schema: dict) -> dict:
    """The schema with every local ``$ref`` replaced by its definition (none of ours is recursive).

    Same meaning, but validation no longer resolves references at every step: several times faster.
    """
    defs = schema.get("$defs", {})

    def expand(node, depth=0):
        if depth > 50:
            raise ValueError("recursive $ref in schema")
        if isinstance(node, list):
            return [expand(item, depth) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            target = expand(defs[ref.split("/")[-1]], depth + 1)
            rest = {k: expand(v, depth) for k, v in node.items() if k != "$ref"}
            return {**target, **rest}
        return {k: expand(v, depth) for k, v in node.items() if k != "$defs"}

    return {**expand(schema), "$defs": {}}


FAST_KEYWORDS = frozenset({
    "type", "enum", "const", "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
    "uniqueItems", "minLength", "maxLength", "pattern", "minimum", "maximum", "not", "allOf", "anyOf", "oneOf",
    "if", "then", "else",
    "description", "title", "$schema", "$id", "$defs", "examples", "default", "x-message", "x-unknown",
})
"""The keywords the fast check may meet: those drafts 07 and 2020-12 share, with the same meaning, and annotations.

fastjsonschema knows draft-07, not 2020-12, and skips keywords it does not know: ``prefixItems`` or
``unevaluatedProperties`` would pass everything, ``dependentRequired`` too. ``items`` is allowed as one schema for
every item only (draft-07's list of schemas is 2020-12's ``prefixItems``); ``$ref`` only to ``#/$defs/...``,
which ``inline_refs`` replaces before this check.
"""
_ONE_SCHEMA = ("additionalProperties", "items", "not", "if", "then", "else")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_SCHEMA_MAPS = ("properties", "$defs")


class UnsupportedSchema(ValueError):
    """A schema uses a keyword the fast check would skip: a developer's error, raised before any file is checked."""


def fast_keywords_problem(schema, where: str = "#") -> str | None:
    """Why the compiled check cannot be trusted with ``schema`` (which keyword, where), or None."""
    if isinstance(schema, bool):
        return None
    if not isinstance(schema, dict):
        return f"{where}, which is not a schema (a mapping or true/false)"
    for key, value in schema.items():
        at = f"{where}/{key}"
        if key == "$ref":
            return f"'$ref' to {value!r} at {where} (only references to '#/$defs/...' are supported: they are inlined)"
        if key not in FAST_KEYWORDS:
            return f"'{key}' at {where}"
        if key == "items" and isinstance(value, list):
            return f"'items' as a list at {where} (draft-07's tuple form; 2020-12 says 'prefixItems')"
        subschemas = ([(at, value)] if key in _ONE_SCHEMA else
                      [(f"{at}/{i}", s) for i, s in enumerate(value)] if key in _SCHEMA_LISTS else
                      [(f"{at}/{k}", s) for k, s in value.items()] if key in _SCHEMA_MAPS else [])
        for sub_at, sub in subschemas:
            problem = fast_keywords_problem(sub, sub_at)
            if problem:
                return problem
    return None


def compile_fast(schema: dict, name: str = "schema"):
    """The compiled yes/no check of ``schema``, refusing keywords it would not check as 2020-12 means them.

    Defaults stay annotations, as in 2020-12 (fastjsonschema would write them into the data it checks).
    """
    schema = {k: v for k, v in inline_refs(schema).items() if k not in ("$defs", "$schema")}
    problem = fast_keywords_problem(schema)
    if problem:
        raise UnsupportedSchema(
            f"{name}: the fast validator (fastjsonschema, which reads schemas as draft-07) cannot check {problem} "
            "as draft 2020-12 means it. "
            f"Use only keywords that draft-07 and 2020-12 share ({', '.join(sorted(FAST_KEYWORDS))}), or teach "
            "builder.validate.compile_fast the new keyword and extend tests/test_validate.py, which checks that "
            "the fast and the full validator agree")
    return fastjsonschema.compile({**schema, "$schema": "http://json-schema.org/draft-07/schema#"},
                                  use_default=False, use_formats=False)


def fast_check(name: str):
    """A compiled (fastjsonschema) yes/no check of the same schema: ten times faster on valid files."""
    return _fast_check(name, _kinds_key(name))


@cache
def _fast_check(name: str, kinds_key: tuple):
    return compile_fast(_validator(name, kinds_key).schema, f"{name}.schema.json")


def is_valid(data, name: str) -> bool:
    """True when ``data`` satisfies the schema (the fast path; details come from ``validate``).

    The compiled check cannot tell 45.0 from 45, so data holding a float takes the full validator.
    """
    if _has_float(data):
        return validator(name).is_valid(data)
    try:
        fast_check(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


Suggest = Callable[[tuple, str], str]
"""What a malformed id at a path of the file may have meant: ``suggest(path, value)`` gives a hint, or ''."""


def validate(doc: Document, name: str, suggest: Suggest | None = None) -> list[Diagnostic]:
    """Schema problems of ``doc.data``: one diagnostic per real problem, sorted by position.

    ``suggest`` gives a hint for text the schema refuses as an id (``technique: Doubt``), if any."""
    if not isinstance(doc.data, dict):
        got = _kind(doc.data)
        return [doc.diag((), f"expected a mapping of keys (like 'id: ...') at the top of the file, got {got}",
                         "not-a-mapping")]
    if is_valid(doc.data, name):
        return []
    explained = [(error, _explain(doc, error, suggest)) for error in
                 _leaf_errors(validator(name).iter_errors(doc.data))]
    out = []
    seen = set()
    for diag in _misplaced_keys(doc, _drop_explained(explained)):
        if (diag.line, diag.column, diag.message, diag.hint) not in seen:
            seen.add((diag.line, diag.column, diag.message, diag.hint))
            out.append(diag)
    return sorted(out, key=lambda d: (d.line, d.column))


def _has_float(data) -> bool:
    """Whether a float appears anywhere in ``data``."""
    if isinstance(data, dict):
        return any(_has_float(value) for value in data.values())
    if isinstance(data, list):
        return any(_has_float(item) for item in data)
    return isinstance(data, float)


def broken_keys(doc: Document, name: str) -> set:
    """Top-level keys with schema problems (``None`` when the problem is the top level itself)."""
    if not isinstance(doc.data, dict):
        return {None}
    keys = set()
    for error in validator(name).iter_errors(doc.data):
        if error.absolute_path:
            keys.add(error.absolute_path[0])
        elif error.validator == "required":
            keys.add(_missing_key(error))  # missing: sections that refer to it are skipped
        elif error.validator != "additionalProperties":
            keys.add(None)
    return keys


def _missing_key(error: ValidationError) -> str:
    """The key a ``required`` error is about (jsonschema names it: "'title' is a required property")."""
    return error.message.split("'")[1] if "'" in error.message else "?"


def _drop_explained(explained: list[tuple[ValidationError, Diagnostic]]) -> list[tuple[ValidationError, Diagnostic]]:
    """The diagnostics, but a missing key that a misspelt key explains ('titel' → 'title') is reported once,
    as the typo: its hint suggests the missing key."""
    hints = {diag.hint for _, diag in explained if diag.code == "unknown-key"}
    return [(error, diag) for error, diag in explained
            if not (error.validator == "required" and suggestion(_missing_key(error)) in hints)]


def _misplaced_keys(doc: Document, explained: list[tuple[ValidationError, Diagnostic]]) -> list[Diagnostic]:
    """The diagnostics, but a key indented too little (unknown where it is, missing in a mapping inside) is one
    diagnostic at the key, naming where it belongs, instead of two."""
    missing = {(tuple(e.absolute_path), _missing_key(e)): d for e, d in explained if e.validator == "required"}
    out, dropped = [], set()
    for error, diag in explained:
        if error.validator != "additionalProperties":
            continue
        path = tuple(error.absolute_path)
        for key in (k for k in error.instance if k not in error.schema.get("properties", {})):
            inside = next((q for q, k in missing if k == key and q[:len(path)] == path and len(q) > len(path)), None)
            if inside is None:
                continue
            dropped.update({id(diag), id(missing[inside, key])})
            out.append(_misplaced(doc, path, inside, key))
    return out + [diag for _, diag in explained if id(diag) not in dropped]


def _misplaced(doc: Document, path: tuple, inside: tuple, key: str) -> Diagnostic:
    """``key``, written as a key of ``path``, belongs to the mapping at ``inside`` (which misses it)."""
    target = doc.data
    for part in inside:
        target = target[part]
    first = next(iter(target), None) if isinstance(target, dict) else None
    line, column = doc.locator.key(inside + (first,)) if first is not None else doc.locator.at(inside)
    where = f"'{first}' on line {line}" if first is not None else f"line {line}"
    return doc.diag(path + (key,), f"'{key}' is indented as a key of {format_path(path)}, but {format_path(inside)} "
                    f"(line {line}) is the one that needs it: indent it to line up with {where}", "misindented-key",
                    key=True)


def _leaf_errors(errors):
    """Flatten if/then and allOf wrappers so each message names the real key."""
    for error in errors:
        if error.context:
            yield from _leaf_errors(error.context)
        elif error.validator not in ("if", "then", "else", "allOf"):
            yield error


def _kind(value) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a whole number",
             float: "a number", type(None): "nothing (an empty value)"}
    for typ, name in names.items():
        if type(value) is typ:
            return name
    return type(value).__name__


_EXPECTED = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
             "array": "a list", "object": "a mapping of keys", "null": "an empty value"}


def _explain(doc: Document, error, suggest: Suggest | None = None) -> Diagnostic:
    path = tuple(error.absolute_path)
    where = format_path(path)
    v, schema, value = error.validator, error.schema, error.instance
    custom = schema.get("x-message")
    if v == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extras = [k for k in value if k not in schema.get("properties", {})]
        key = extras[0] if extras else "?"
        hint = did_you_mean(key, allowed)
        msg = f"unknown key '{key}'" + (f" in {where}" if path else "")
        msg += "" if hint else f"; expected one of: {', '.join(allowed)}"
        return doc.diag(path + (key,), msg, "unknown-key", key=True, hint=hint)
    if v == "required":
        missing = _missing_key(error)
        return doc.diag(path, f"missing required key '{missing}'" + (f" in {where}" if path else ""),
                        "missing-key", key=True)
    if v == "type":
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if types == ["integer"] and isinstance(value, float) and value.is_integer():
            return doc.diag(path, f"'{where}' should be a whole number like {int(value)}, got {value}", "wrong-type")
        expected = " or ".join(_EXPECTED.get(t) or str(t) for t in types)
        return doc.diag(path, f"'{where}' should be {expected}, got {_kind(value)}{_show(value)}", "wrong-type")
    if v in ("enum", "const"):
        choices = schema.get("enum") or [schema.get("const")]
        hint = did_you_mean(value, [str(c) for c in choices]) if isinstance(value, str) else ""
        if schema.get("x-unknown") and isinstance(value, str):  # "x-unknown": "exercise kind" → [unknown-kind]
            return doc.diag(path, unknown_message(schema["x-unknown"], value, choices, hint),
                            "unknown-" + schema["x-unknown"].split()[-1])
        msg = f"'{where}' is {_show(value, bare=True) or _kind(value)}, which is not allowed; expected one of: " + \
              ", ".join(str(c) for c in choices)
        return doc.diag(path, msg + (f" ({hint})" if hint else ""), "not-allowed")
    if custom and v == "not":
        return doc.diag(path, f"'{where}' is {_show(value, bare=True)}, {custom}", "reserved-id")
    if custom and v in ("pattern", "maxLength", "minLength"):
        hint = suggest(path, value) if suggest and isinstance(value, str) else ""
        return doc.diag(path, f"'{where}' {custom}, got {_show(value, bare=True)}{_foreign(value)}", "bad-format",
                        hint=hint)
    if v == "minItems":
        return doc.diag(path, f"'{where}' needs at least {schema['minItems']} item(s), got {len(value)}", "too-few")
    if v == "maxItems":
        return doc.diag(path, f"'{where}' allows at most {schema['maxItems']} items, got {len(value)}", "too-many")
    if v == "uniqueItems":
        return doc.diag(path, f"'{where}' lists the same item twice", "duplicate-item")
    if v in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        return doc.diag(path, f"'{where}' is empty; write some text", "empty-value")
    if v == "maxLength":
        return doc.diag(path, f"'{where}' is too long ({len(value):,} characters; the limit is "
                              f"{schema['maxLength']:,})", "too-long")
    if v in ("minimum", "maximum"):
        bound = "at least" if v == "minimum" else "at most"
        return doc.diag(path, f"'{where}' should be {bound} {schema[v]}, got {value}", "out-of-range")
    return doc.diag(path, f"'{where}': {error.message}", "invalid")


def unknown_message(what: str, value: str, choices: list, hint: str) -> str:
    """"unknown exercise kind 'x'; expected one of: a, b (did you mean 'a'?)"; ``hint`` from ``did_you_mean``."""
    return (f"unknown {what} {_show(value, bare=True)}; expected one of: {', '.join(str(c) for c in choices)}"
            + (f" ({hint})" if hint else ""))


def _foreign(value) -> str:
    """Names the first character beyond ASCII in ``value``: a Cyrillic 'а' looks just like a Latin 'a'."""
    if not isinstance(value, str) or value.isascii():
        return ""
    pos, char = next((i, c) for i, c in enumerate(value, 1) if not c.isascii())
    what = "letter" if char.isalpha() else "character"
    return (f"; character '{char}' (U+{ord(char):04X} {unicodedata.name(char, 'without a name')}) at position {pos} "
            f"is not a plain ASCII {what}")


def _show(value, bare: bool = False) -> str:
    if isinstance(value, (dict, list)):
        return ""
    text = repr(value) if isinstance(value, str) else json.dumps(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return text if bare else f" {text}"


def load_optional(path: Path, shown: str, root: Path, name: str) -> tuple[Document | None, list[Diagnostic]]:
    """An optional course file read and checked against schema ``name``: ``(None, [])`` when there is no file
    (a dangling link is a file, and its problem is reported), ``(None, problems)`` when it cannot be read or
    breaks the schema, else the document and no problems."""
    if not path.exists() and not path.is_symlink():
        return None, []
    doc = load_yaml(path, shown, root)
    if doc.problems:
        return None, list(doc.problems)
    diags = validate(doc, name)
    return (None, diags) if diags else (doc, [])
