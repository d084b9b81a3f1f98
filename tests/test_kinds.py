"""Exercise kinds: the registry, the schema made from it, and a new kind added from a test alone."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re

import nbformat
import pytest
from helpers import FIXTURE_LESSON, ROOT, base_lesson, edit_file, line_of, setup_runtime, with_answer

from builder.course import load_course
from builder.kinds import KINDS, ExerciseKind, UnknownKind, kind_of, lesson_schema, schema_text
from builder.kinds.__main__ import main as regenerate
from builder.markup import indent
from builder.notebooks import digest, render_notebooks
from builder.pages import render_pages

SCHEMA = ROOT / "builder" / "schema" / "lesson.schema.json"


def load_runtime():
    """builder/notebooks/runtime.py alone, as a module of its own."""
    spec = importlib.util.spec_from_file_location("five_frames_runtime", ROOT / "builder" / "notebooks" / "runtime.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---- the registry and the schema ----

def test_every_kind_says_what_it_is():
    for name, kind in KINDS.items():
        assert kind.name == name and kind.title and kind.schema_def.startswith("exercise_"), name
        assert kind.schema["description"] and set(kind.schema["properties"]) >= set(kind.schema["required"]), name
        assert not set(kind.schema["properties"]) & {"id", "kind", "title", "prompt"}, name
    assert len({kind.schema_def for kind in KINDS.values()}) == len(KINDS)


def test_the_runtime_checks_every_kind_with_the_function_the_kind_names():
    rt = setup_runtime()
    for name, kind in KINDS.items():
        assert rt._CHECKS[name] is getattr(rt, kind.checker), name
        assert rt._KEYS.get(name) is (getattr(rt, kind.revealer) if kind.revealer else None), name
    assert set(rt._CHECKS) == set(KINDS) and set(rt._KEYS) <= set(KINDS)
    in_file = {name for name, kind in KINDS.items() if not kind.runtime}
    assert set(load_runtime()._CHECKS) == in_file, "runtime.py checks exactly the kinds without runtime code"


def test_the_checked_in_schema_is_the_one_the_kinds_make(capsys):
    text = SCHEMA.read_text(encoding="utf-8")
    assert schema_text(lesson_schema(json.loads(text))) == text, "run: python -m builder.kinds"
    assert regenerate(["--check"]) == 0 and "up to date" in capsys.readouterr().out


def test_every_schema_definition_is_used():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    refs = set(re.findall(r'"#/\$defs/(\w+)"', json.dumps(schema)))
    assert set(schema["$defs"]) == refs, "a definition no kind refers to any more: remove it"


def test_the_kinds_enum_and_the_runtime_labels_are_the_schema_s():
    defs = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]
    assert defs["exercise"]["properties"]["kind"]["enum"] == list(KINDS)
    assert defs["source_class"]["enum"] == list(load_runtime().LABELS)


def test_a_misspelt_kind_is_one_diagnostic_at_load(course_root):
    text = edit_file(course_root / FIXTURE_LESSON, "kind: spot-loaded-words", "kind: spot-loaded-word")
    line = line_of(text, "kind: spot-loaded-words")
    course, report = load_course(course_root)
    assert report.to_text() == (f"lessons/00-fixture.yaml:{line}:11: error: unknown exercise kind 'spot-loaded-word'; "
                                f"expected one of: {', '.join(KINDS)} (did you mean 'spot-loaded-words'?) [unknown-kind]")
    assert course.lessons == []


def test_an_unknown_kind_is_a_clear_error_not_a_key_error():
    with pytest.raises(UnknownKind, match=r"^unknown exercise kind 'spot-loaded-word'; expected one of: "
                                          r"spot-loaded-words, .* \(did you mean 'spot-loaded-words'\?\)$"):
        kind_of("spot-loaded-word")
    assert not issubclass(UnknownKind, KeyError)


# ---- a fifth kind, from this test alone ----

class CountTheAdjectives(ExerciseKind):
    """A toy kind: the learner counts the adjectives of a passage; the lesson lists them."""

    name = "count-the-adjectives"
    title = "Count the adjectives"
    schema_def = "exercise_count"
    schema = {"description": "The learner counts the adjectives of a passage.",
              "required": ["passage", "adjectives"],
              "properties": {"passage": {"$ref": "#/$defs/slug"},
                             "adjectives": {"type": "array", "minItems": 1,
                                            "items": {"type": "string", "minLength": 1}}}}
    not_prose = frozenset({"passage", "adjectives"})
    checker = "_check_count"
    runtime = '''
def _check_count(exercise, answer, key):
    """Right when the answer is the number of adjectives the key lists."""
    if not isinstance(answer, int) or isinstance(answer, bool):
        _record(key, NOT_YET, "give a whole number, like 3.")
        return
    right = _digest(exercise["id"], None, str(answer)) == exercise["digest"]
    _record(key, RIGHT if right else NOT_YET, "that is our count." if right else "count again, word by word.")
'''

    def check(self, state, spec, where):
        passage = state.passage_ref(spec["passage"], where + ("passage",))
        for j, word in enumerate(spec["adjectives"]):
            if passage:
                state.anchor_span(passage, word, None, where + ("adjectives", j), "adjective")

    def payload(self, ctx, spec):
        return {"digest": digest(spec["id"], None, str(len(spec["adjectives"])))}

    def cells(self, nb, spec, heading):
        nb.md(heading + nb.passage_md(spec["passage"]) + "\n\n✏️ How many adjectives? Answer with a number.")
        nb.answer_cell(spec["id"], str(len(spec["adjectives"])) if nb.teacher else "None")

    def page_lines(self, page, spec):
        return super().page_lines(page, spec) + [f"  ({len(spec['adjectives'])} adjectives to find)"]


TOY = """\
  - id: adjectives
    kind: count-the-adjectives
    prompt: Count the adjectives in the passage.
    passage: hegemony
    adjectives: [certain, hegemonic]
"""


@pytest.fixture
def toy_course(course_root, monkeypatch):
    """The fixture lesson with a count-the-adjectives exercise; the kind not yet registered."""
    lesson = course_root / FIXTURE_LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8") + TOY, encoding="utf-8")
    return course_root


def register(monkeypatch) -> None:
    """Adding a kind: its module's instance, one line in the registry."""
    monkeypatch.setitem(KINDS, CountTheAdjectives.name, CountTheAdjectives())


def run_cells(notebook: str, answers: dict[str, str] | None = None) -> list[str]:
    """Run a notebook's code cells in this process, in order; what each printed.

    ``answers`` replaces the ``answer = ...`` line of the named exercises' answer cells.
    """
    namespace, outputs = {}, []
    for cell in nbformat.reads(notebook, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        source = cell.source
        eid = cell.metadata.get("five_frames", {}).get("exercise")
        if answers and eid in answers and source.startswith("answer = "):
            source = with_answer(source, answers[eid])
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(source, cell.id, "exec"), namespace)
        outputs.append(out.getvalue())
    return outputs


def test_an_unregistered_kind_is_one_diagnostic_at_load(toy_course, monkeypatch):
    monkeypatch.delitem(KINDS, CountTheAdjectives.name, raising=False)
    course, report = load_course(toy_course)
    assert [d.code for d in report.errors] == ["unknown-kind"], report.to_text()
    assert report.to_text().startswith("lessons/00-fixture.yaml:") and course.lessons == []
    assert "unknown exercise kind 'count-the-adjectives'; expected one of: spot-loaded-words" in report.to_text()


def test_a_kind_registered_from_a_test_is_checked_rendered_and_run(toy_course, monkeypatch):
    register(monkeypatch)
    course, report = load_course(toy_course)
    assert not report.items, report.to_text()
    exercise = next(e for e in course.lessons[0].exercises if e.spec["id"] == "adjectives")
    assert exercise.kind.name == "count-the-adjectives"

    page = render_pages(course)["lessons/fixture-lesson.md"]
    # in the folded list of what the notebook asks
    assert indent("- **Count the adjectives**: Count the adjectives in the passage.\n  (2 adjectives to find)") in page

    books = render_notebooks(course)
    student, teacher = books["student/fixture-lesson.ipynb"], books["teacher/fixture-lesson.ipynb"]
    number = len(course.lessons[0].exercises)  # the toy is the last exercise
    assert f"## Exercise {number}: Count the adjectives" in student and "How many adjectives?" in student
    assert "def _check_count(" in student and "_CHECKS['count-the-adjectives'] = _check_count" in student
    assert "answer = None" in student and "answer = 2" not in student and "answer = 2" in teacher

    said = "\n".join(run_cells(teacher))
    assert "✅ Right: that is our count." in said and "4 of 4 checks right." in said
    said = "\n".join(run_cells(student, {"adjectives": "3"}))
    assert "❌ Not yet: count again, word by word." in said
    said = "\n".join(run_cells(student, {"adjectives": "'two'"}))
    assert "❌ Not yet: give a whole number, like 3." in said


def test_a_registered_kind_s_schema_and_checks_apply(toy_course, monkeypatch):
    register(monkeypatch)
    lesson = toy_course / FIXTURE_LESSON
    text = edit_file(lesson, "adjectives: [certain, hegemonic]", "adjectives: [certain, friendly]")
    _, report = load_course(toy_course)
    assert [d.code for d in report.errors] == ["span-not-found"], report.to_text()
    assert "adjective not found in passage 'hegemony'" in report.to_text()

    lesson.write_text(text, encoding="utf-8")
    edit_file(lesson, "    adjectives: [certain, hegemonic]\n", "    adjective: [certain]\n")
    _, report = load_course(toy_course)
    last = len(base_lesson()["exercises"])  # the toy comes after the fixture lesson's exercises
    assert f"unknown key 'adjective' in exercises[{last}]; did you mean 'adjectives'?" in report.to_text()
