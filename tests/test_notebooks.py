"""Exercise notebooks: valid, deterministic, self-contained, and checks that can both pass and fail."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from nbclient import NotebookClient

from builder.course import load_course
from builder.notebooks import render_notebooks
from conftest import ROOT

REAL_COURSE, _ = load_course(ROOT)
REAL_LESSONS = [lesson.id for lesson in REAL_COURSE.lessons if lesson.exercises]


def execute(nb) -> list[str]:
    """Run a notebook in a fresh kernel; the text each code cell printed, in order."""
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    outputs = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error"], cell.source[:200]
            outputs.append("".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream"))
    return outputs


def answer_cells(nb):
    return [c for c in nb.cells if c.metadata.get("five_frames", {}).get("role") == "answer"]


def set_answer(cell, value) -> None:
    """Replace the ``answer = ...`` assignment, keeping the check() line."""
    check_line = cell.source[cell.source.index("check("):]
    cell.source = f"answer = {value!r}\n{check_line}"


def wrong_answer(cell, nb_payload_kind: str):
    if nb_payload_kind == "spot-loaded-words":
        return ["zzz not in the passage"]
    if nb_payload_kind == "classify-sources":
        numbers = re.findall(r"^    (\d+):", cell.source, flags=re.M)
        return {int(n): "self-citation" for n in numbers}
    if "question=" in cell.source and '"""' in cell.source:
        return "Too short."
    return "H" if "question=" in cell.source else ""


def kind_of(cell, course, lesson_id):
    eid = cell.metadata["five_frames"]["exercise"]
    lesson = next(l for l in course.lessons if l.id == lesson_id)
    return next(e.spec["kind"] for e in lesson.exercises if e.spec["id"] == eid)


@pytest.fixture(scope="module")
def fixture_course(tmp_path_factory):
    from conftest import make_course
    root = make_course(tmp_path_factory.mktemp("nb") / "course", with_lessons=False)
    course, report = load_course(root)
    assert not report.errors
    return course


def cases(course, lesson_id):
    books = render_notebooks(course)
    return (nbformat.reads(books[f"student/{lesson_id}.ipynb"], as_version=4),
            nbformat.reads(books[f"teacher/{lesson_id}.ipynb"], as_version=4))


def test_notebooks_are_valid_v4_5_and_deterministic(fixture_course):
    first, second = render_notebooks(fixture_course), render_notebooks(fixture_course)
    assert first == second
    assert set(first) == {"student/fixture-lesson.ipynb", "teacher/fixture-lesson.ipynb"}
    for text in first.values():
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
        assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
        ids = [c.id for c in nb.cells]
        assert len(ids) == len(set(ids)) and all(re.fullmatch(r"ff-\d{3}", i) for i in ids)


def test_student_notebook_hides_answers(fixture_course):
    student, teacher = (json.dumps(nb) for nb in cases(fixture_course, "fixture-lesson"))
    for secret in ("The official is not named", "It cannot tell whether a verb is fair",
                   "It names the two leaders", "\"anonymous\"", "A label that judges the two leaders"):
        assert secret not in student, secret
    assert "It cannot tell whether a verb is fair" in teacher


def test_notebooks_never_import_the_builder(fixture_course):
    for text in render_notebooks(fixture_course).values():
        code = "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells if c.cell_type == "code")
        imports = set(re.findall(r"^\s*(?:import|from) (\w+)", code, flags=re.M))
        assert imports <= {"base64", "hashlib", "json", "re", "unicodedata", "zlib", "matplotlib"}, imports


def run_all_ways(course, lesson_id):
    student, teacher = cases(course, lesson_id)
    untouched = execute(nbformat.from_dict(json.loads(json.dumps(student))))
    checks = [o for o in untouched if "Not yet answered" in o]
    assert len(checks) == len(answer_cells(student)) and checks
    assert untouched[-1].startswith("0 of ")

    teacher_out = execute(teacher)
    total = len(answer_cells(teacher))
    assert teacher_out[-1].startswith(f"{total} of {total} checks passed"), teacher_out[-1]

    wrong = nbformat.from_dict(json.loads(json.dumps(student)))
    for cell in answer_cells(wrong):
        set_answer(cell, wrong_answer(cell, kind_of(cell, course, lesson_id)))
    wrong_out = "\n".join(execute(wrong))
    assert "✅" not in wrong_out.split("checks passed")[0]
    assert wrong_out.count("❌") >= len(answer_cells(wrong))

    right = nbformat.from_dict(json.loads(json.dumps(student)))
    for cell, model in zip(answer_cells(right), answer_cells(teacher)):
        cell.source = model.source  # the teacher edition's model answer, pasted by a learner
    right_out = execute(right)
    assert right_out[-1].startswith(f"{total} of {total} checks passed"), right_out[-1]
    return wrong_out, "\n".join(right_out)


def test_fixture_notebook_feedback_for_every_kind(fixture_course):
    wrong, right = run_all_ways(fixture_course, "fixture-lesson")
    assert "You found 0 of the 1 spans" in wrong and "is not in the passage" in wrong
    assert "0 of 2 labelled as our key does" in wrong
    assert "Answer with one letter: A, B." in wrong
    assert "Write at least 3" in wrong
    assert "Well spotted" in right and "2 of 2 labelled" in right and "Model answer:" in right
    assert "Correct. It names the two leaders." in right


def test_by_the_numbers_draws_a_text_chart_without_matplotlib(fixture_course):
    # matplotlib is optional: the text chart is printed either way
    _, teacher = cases(fixture_course, "fixture-lesson")
    outputs = execute(teacher)
    chart = next(o for o in outputs if o.startswith("reporting verbs used"))
    assert "█" in chart and "said" in chart


@pytest.mark.parametrize("lesson_id", REAL_LESSONS)
def test_real_lesson_notebooks(lesson_id):
    run_all_ways(REAL_COURSE, lesson_id)


def test_lesson_text_cannot_inject_code_into_notebooks(tmp_path):
    from conftest import make_course
    root = make_course(tmp_path / "course", with_lessons=False)
    lesson = root / "lessons" / "00-fixture.yaml"
    canary = tmp_path / "pwned"
    text = lesson.read_text()
    text = text.replace("model_answer: It cannot tell whether a verb is fair or loaded in context.",
                        "model_answer: 'A verb \"\"\" + str(open(\"" + str(canary) + "\", \"w\").write(\"x\")) + \"\"\" \\\\ end'")
    text = text.replace("- attribution: a senior Ukrainian official",
                        '- attribution: "a senior Ukrainian\\nofficial"')
    text = text.replace("List the loaded words.", "<script>alert(1)</script> List the loaded words.")
    lesson.write_text(text)
    course, report = load_course(root)
    assert not report.errors, report.to_text()
    _, teacher = cases(course, "fixture-lesson")
    outputs = execute(teacher)  # no cell raises
    assert not canary.exists()
    assert any("A verb \"\"\" + str(open(" in o for o in outputs)  # the text arrived as text
    markdown = "\n".join(c.source for c in teacher.cells if c.cell_type == "markdown")
    assert "<script>" not in markdown and "&#60;script&#62;" in markdown
