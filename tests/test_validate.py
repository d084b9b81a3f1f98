"""The fast (compiled) schema check says what the full validator says, and refuses keywords it would skip."""

from __future__ import annotations

import copy

import fastjsonschema
import pytest
from helpers import BASE_LESSON, ROOT, bad_lessons, base_lesson, hypothesis_settings, walk
from hypothesis import event, given
from hypothesis import strategies as st

from builder.source import parse_yaml
from builder.validate import UnsupportedSchema, _has_float, compile_fast, fast_check, is_valid, schema_names, validator

SETTINGS = hypothesis_settings(150)


def _load(path, name: str):
    doc = parse_yaml(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not doc.problems, [d.format() for d in doc.problems]
    return name, doc.data


REAL = ([_load(p, "lesson") for p in sorted((ROOT / "lessons").glob("[0-9]*.yaml"))]
        + [_load(BASE_LESSON, "lesson"), _load(ROOT / "lessons" / "glossary.yaml", "glossary"),
           _load(ROOT / "seeds" / "articles.yaml", "articles"),
           _load(ROOT / "seeds" / "close-reading.yaml", "close-reading"),
           _load(ROOT / "lessons" / "assessment" / "pre-post.yaml", "prepost")])
BAD = [parse_yaml(bad.text, f"{bad.name}.yaml") for bad in bad_lessons()]


STRINGS = sorted({v for _, data in REAL for _, v in walk(data) if isinstance(v, str) and len(v) < 80})
KEYS = sorted({p[-1] for _, data in REAL for p, _ in walk(data) if p and isinstance(p[-1], str)})


def fast_says(data, name: str) -> bool:
    try:
        fast_check(name)(copy.deepcopy(data))
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def assert_agree(data, name: str) -> bool:
    """Whether ``data`` is valid, once the fast and the full validator have said the same."""
    full = validator(name).is_valid(data)
    assert is_valid(copy.deepcopy(data), name) == full
    if not _has_float(data):  # floats take the full validator (the compiled check takes 45.0 for a whole number)
        assert fast_says(data, name) == full, f"fast says {not full}, full validator says {full}"
    return full


def test_real_documents_are_valid_both_ways():
    assert {name for name, _ in REAL} == set(schema_names())
    for name, data in REAL:
        assert fast_says(data, name) and validator(name).is_valid(data)


@pytest.mark.parametrize("doc", BAD, ids=[d.path for d in BAD])
def test_bad_fixtures_agree(doc):
    assert_agree(doc.data, "lesson")


scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 1_000_000), st.text(max_size=30),
                    st.sampled_from(STRINGS))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner,
                                                 max_size=4)), max_leaves=12)


def _near(value, rnd):
    """A value like ``value``: what a slip of the keyboard, or a copy and paste, makes of it."""
    if isinstance(value, bool):
        return rnd.choice([not value, int(value), str(value).lower()])
    if isinstance(value, int):
        return rnd.choice([-value, value - 1, value + 1, 0, -1, value * 1000, str(value)])
    if isinstance(value, str):
        return rnd.choice([value + "\n", "\n" + value, value + " ", " ", "", value.upper(), value * 40,
                           value[:1], value.replace("-", "_"), value + "-", "-" + value, [value]])
    if isinstance(value, list):
        return rnd.choice([[], value + value[:1], value * 5, value[:1], value[1:], value[::-1]])
    if isinstance(value, dict):
        keys = list(value)
        drop = rnd.choice(keys) if keys else None
        return rnd.choice([{}, {k: v for k, v in value.items() if k != drop}, [value]])
    return rnd.choice(STRINGS)


@SETTINGS
@given(st.sampled_from(range(len(REAL))), st.randoms(use_true_random=False),
       st.sampled_from(["replace", "near", "delete", "add"]), values)
def test_fast_and_full_agree_on_mutated_documents(index, rnd, how, value):
    name, data = REAL[index]
    data = copy.deepcopy(data)
    path, node = rnd.choice(list(walk(data)))
    if how == "add" and isinstance(node, dict):
        node[rnd.choice(KEYS)] = value
    elif how == "add" and isinstance(node, list):
        node.append(value)
    elif path:
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if how == "delete":
            del parent[path[-1]]
        else:
            parent[path[-1]] = value if how == "replace" else _near(node, rnd)
    else:
        data = value if how == "replace" else _near(data, rnd)
    event("valid" if assert_agree(data, name) else "invalid")


@pytest.mark.parametrize("schema, where", [
    ({"type": "array", "prefixItems": [{"type": "string"}]}, "'prefixItems' at #"),
    ({"properties": {"a": {"type": "object", "dependentRequired": {"x": ["y"]}}}},
     "'dependentRequired' at #/properties/a"),
    ({"allOf": [{"unevaluatedProperties": False}]}, "'unevaluatedProperties' at #/allOf/0"),
    ({"type": "array", "items": [{"type": "string"}]}, "'items' as a list at #"),
    ({"items": {"not": {"format": "date"}}}, "'format' at #/items/not"),
    ({"if": {"$ref": "other.json"}}, "'$ref' to 'other.json' at #/if"),
    ({"$defs": {"pair": {"prefixItems": [True]}}, "items": {"$ref": "#/$defs/pair"}}, "'prefixItems' at #/items"),
    ({"anyOf": {"type": "string"}}, "#/anyOf/0, which is not a schema"),
])
def test_fast_check_refuses_keywords_it_would_not_enforce(schema, where):
    with pytest.raises(UnsupportedSchema) as caught:
        compile_fast(schema, "x.schema.json")
    message = str(caught.value)
    assert message.startswith(f"x.schema.json: the fast validator (fastjsonschema, which reads schemas as draft-07) "
                              f"cannot check {where}")
    assert "tests/test_validate.py" in message


def test_a_newer_keyword_in_a_real_schema_stops_the_first_check(monkeypatch):
    import json

    from builder import validate
    schema = json.loads(validate.schema_bytes("lesson"))
    schema["$defs"]["passage"]["unevaluatedProperties"] = False
    monkeypatch.setattr(validate, "schema_bytes", lambda name: json.dumps(schema).encode())
    for cached in (validate._validator, validate._fast_check):
        monkeypatch.setattr(validate, cached.__name__, cached.__wrapped__)  # this schema only, never the cache
    with pytest.raises(UnsupportedSchema, match=r"^lesson\.schema\.json: .* cannot check 'unevaluatedProperties' "
                                                r"at #/properties/passages/items as draft 2020-12 means it"):
        validate.is_valid(base_lesson(), "lesson")


def test_property_names_are_not_keywords():
    check = compile_fast({"type": "object", "properties": {"prefixItems": {"type": "string"}}, "x-message": "m",
                          "default": {}, "examples": [{}]})
    assert check({"prefixItems": "x"}) == {"prefixItems": "x"}


def test_defaults_stay_annotations():
    data = {}
    compile_fast({"properties": {"correct": {"type": "boolean", "default": False}}})(data)
    assert data == {}


def test_dollar_ends_the_text_in_both_validators():
    for value in ("intro\n", "intro"):
        assert_agree({**base_lesson(), "id": value}, "lesson")
    assert not validator("lesson").is_valid({**base_lesson(), "id": "intro\n"})
