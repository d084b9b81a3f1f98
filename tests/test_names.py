"""Ids by the names a teacher types: case, spaces and hyphens ignored, and the glossary's other names (aliases)."""

from __future__ import annotations

from helpers import edit_file, line_of

from builder.course import load_course
from builder.diagnostics import did_you_mean_name, loose
from builder.glossary import term_names


def test_loose_names_ignore_case_accents_spaces_and_hyphens():
    assert loose("Name calling") == loose("name-calling") == loose("NAME_CALLING") == "namecalling"
    assert loose("Thought-terminating cliché") == "thoughtterminatingcliche"


def test_a_technique_by_any_of_its_names_suggests_its_id(fixture_course):
    names = term_names(fixture_course.course.glossary)
    for typed, meant in [("Doubt", "doubt"), ("loaded words", "loaded-language"), ("scare-quotes", "naming-as-framing"),
                         ("name calling", "name-calling"), ("Whataboutism", "whataboutism"),
                         ("loaded language", "loaded-language"), ("false dilemma", "black-and-white-fallacy")]:
        assert did_you_mean_name(typed, names) == f"did you mean '{meant}'?", typed
    assert did_you_mean_name("propaganda-trick", names) == ""


def test_an_alias_that_names_two_terms_is_an_error(course_root):
    glossary = course_root / "lessons" / "glossary.yaml"
    edit_file(glossary, "    aliases: [casting doubt, sowing doubt, questioning credibility]",
              "    aliases: [casting doubt, Loaded words]")
    _, report = load_course(course_root)
    [diag] = [d for d in report.errors if d.code == "duplicate-alias"]
    text = glossary.read_text(encoding="utf-8")
    assert (diag.path, diag.line) == ("lessons/glossary.yaml", line_of(text, "    aliases: [loaded words"))  # the later
    assert diag.message == "'loaded words' already names term 'doubt': a name leads to one term, so remove or reword it"
