"""Reading YAML: plain-words syntax messages at the right line, duplicate keys, positions of values."""

from __future__ import annotations

import pytest

from builder.source import parse_yaml


@pytest.mark.parametrize("text, where, hint", [
    ("a:\n\tb: 1\n", (2, 1), "a tab character: indent with spaces only"),
    ("a: b: c\n", (1, 5), "a ': ' inside a value; put the whole value in quotes"),
    ('a: 1\nb: "x\nc: 2\n', (2, 4), "a quote or bracket that is never closed"),
    ("x: [1, 2\n", (2, 1), "a [list] that is never closed"),
    ("a:\n  - x\n - y\n", (3, 2), "this line's indentation does not match the lines above it"),
    ("---\na: 1\n---\nb: 2\n", (3, 1), "more than one document ('---'): one lesson per file"),
    ("a: *x\n", (1, 4), "an alias (*name) with no matching anchor (&name)"),
    ("a: @x\n", (1, 4), "'@' cannot start a value: put the whole value in quotes"),
])
def test_syntax_errors_in_plain_words(text, where, hint):
    (problem,) = parse_yaml(text, "l.yaml").problems
    assert (problem.line, problem.column) == where
    assert problem.message.startswith(f"YAML syntax error: {hint} (YAML says: ")


def test_values_and_keys_have_positions():
    doc = parse_yaml("id: x\npassages:\n  - quote: >-\n      two\n      lines\n", "l.yaml")
    assert doc.data == {"id": "x", "passages": [{"quote": "two lines"}]}
    assert doc.locator.at(("passages", 0, "quote")) == (3, 12)  # the ">-" that starts the value
    assert doc.locator.key(("passages", 0, "quote")) == (3, 5)
    assert doc.locator.at(("passages", 5, "missing")) == (3, 3)  # nearest known ancestor: the list


def test_duplicate_keys_are_reported_with_both_lines():
    doc = parse_yaml("title: a\nid: b\ntitle: c\n", "l.yaml")
    (problem,) = doc.problems
    assert (problem.line, problem.code) == (3, "duplicate-key")
    assert "first defined on line 1" in problem.message
    assert doc.data["title"] == "a"  # the first one is kept, nothing silently replaced


def test_dates_stay_text():
    assert parse_yaml("date: 2023-03-25\n", "a.yaml").data == {"date": "2023-03-25"}


@pytest.mark.parametrize("text, code", [("", "empty"), ("# only a comment\n", "empty"),
                                        ("a: 1\n<<: {b: 2}\n", "merge-key"), ("? [a, b]\n: 1\n", "bad-key")])
def test_other_problems(text, code):
    assert [p.code for p in parse_yaml(text, "a.yaml").problems] == [code]


@pytest.mark.parametrize("text, data", [
    ("a: !!str 5\n", {"a": "5"}), ("a: ! x\n", {"a": "x"}), ("a: =\n", {"a": "="}),
    ("a: 2023-03-25\nb: !!int '12'\n", {"a": "2023-03-25", "b": 12}),
])
def test_plain_values_with_or_without_core_tags(text, data):
    doc = parse_yaml(text, "a.yaml")
    assert (doc.data, doc.problems) == (data, [])


@pytest.mark.parametrize("text, message", [
    ("a: !!binary aGk=\n", "1:4: error: the YAML tag '!!binary' is not allowed in course files; write plain text"),
    ("a: !!omap [b: 1]\n", "1:4: error: the YAML tag '!!omap' is not allowed in course files; write a plain list "
                           "or mapping, without a tag"),
    ("? !!python/name:os.system x\n: 1\n", "1:3: error: the YAML tag '!!python/name:os.system' is not allowed"),
    ("a: !!str [b]\n", "1:4: error: the YAML tag '!!str' does not fit this value; remove the tag"),
    ("a: !!int abc\n", "1:4: error: cannot read value: 'abc' is not a valid !!int"),
    ("a: " + "1" * 19 + "\n", "1:4: error: the number 1111111111111111111 has 19 digits; whole numbers in course "
                              "files have at most 18"),
])
def test_typed_values_are_refused_by_name_and_place(text, message):
    (problem,) = parse_yaml(text, "a.yaml").problems
    assert problem.format().startswith("a.yaml:" + message)


def test_aliases_of_long_text_are_refused_by_their_expanded_size():
    text = "a: &t " + "x" * 100_000 + "\nb: [" + ", ".join(["*t"] * 20) + "]\n"
    (problem,) = parse_yaml(text, "a.yaml").problems
    assert problem.message == ("document expands to more than 2,000,000 characters of text "
                               "(are aliases repeating long values?)")
