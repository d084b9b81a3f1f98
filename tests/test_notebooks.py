"""Exercise notebooks: valid, deterministic, self-contained, and checks that can both pass and fail."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from helpers import (
    FIXTURE_LESSON,
    answer_in,
    cells_with_role,
    edit_file,
    load_clean,
    loaded,
    make_course,
    rendered_notebooks,
    with_answer,
)
from nbclient import NotebookClient

from builder.notebooks import render_notebooks

REAL_LESSONS = [lesson.id for lesson in loaded("real").course.lessons if lesson.exercises]


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
    """The cells a learner types answers into."""
    return cells_with_role(nb, "answer")


def is_written(cell) -> bool:
    return '"""' in cell.source or cell.metadata.get("five_frames", {}).get("written", False)


def wrong_answer(cell, nb_payload_kind: str):
    if nb_payload_kind == "spot-loaded-words":
        return ["zzz not in the passage"]
    if nb_payload_kind == "classify-sources":
        numbers = re.findall(r"^    (\d+):", cell.source, flags=re.M)
        return {int(n): "self-citation" for n in numbers}
    if "question=" in cell.source and is_written(cell):
        return "Too short."
    return "H" if "question=" in cell.source else ""


def kind_of(cell, course, lesson_id):
    eid = cell.metadata["five_frames"]["exercise"]
    lesson = next(l for l in course.lessons if l.id == lesson_id)
    return next(e.spec["kind"] for e in lesson.exercises if e.spec["id"] == eid)


def cases(books, lesson_id):
    """The student and the teacher notebook of a lesson, parsed afresh (free to change)."""
    return (nbformat.reads(books[f"student/{lesson_id}.ipynb"], as_version=4),
            nbformat.reads(books[f"teacher/{lesson_id}.ipynb"], as_version=4))


def test_notebooks_are_valid_v4_5_and_deterministic(fixture_course, fixture_notebooks):
    first, second = dict(fixture_notebooks), render_notebooks(fixture_course.course)
    assert first == second
    assert set(first) == {"student/fixture-lesson.ipynb", "teacher/fixture-lesson.ipynb"}
    for text in first.values():
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
        assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
        ids = [c.id for c in nb.cells]
        assert len(ids) == len(set(ids)) and all(re.fullmatch(r"ff-\d{3}", i) for i in ids)


def test_student_notebook_hides_answers(fixture_notebooks):
    student, teacher = (json.dumps(nb) for nb in cases(fixture_notebooks, "fixture-lesson"))
    for secret in ("The official is not named", "It cannot tell whether a verb is fair",
                   "It names the two leaders", "\"anonymous\"", "A label that judges the two leaders"):
        assert secret not in student, secret
    assert "It cannot tell whether a verb is fair" in teacher


def test_notebooks_never_import_the_builder(fixture_notebooks):
    for text in fixture_notebooks.values():
        code = "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells if c.cell_type == "code")
        imports = set(re.findall(r"^\s*(?:import|from) (\w+)", code, flags=re.M))
        assert imports <= {"base64", "hashlib", "json", "re", "textwrap", "unicodedata", "zlib", "matplotlib"}, imports


def all_done(cells) -> str:
    """What progress() says first when every check is right and every written answer recorded."""
    checks = sum(1 for c in cells if not is_written(c))
    written = sum(1 for c in cells if is_written(c))
    head = f"{checks} of {checks} checks right."
    return head + (f"\n{written} of {written} written answer" if written else "")


def run_all_ways(course, books, lesson_id):
    student, teacher = cases(books, lesson_id)
    untouched = execute(nbformat.from_dict(json.loads(json.dumps(student))))
    checks = [o for o in untouched if o.startswith("⏳ Not answered: fill in your answer")]
    assert len(checks) == len(answer_cells(student)) and checks
    assert untouched[-1].startswith("0 of ")

    teacher_out = execute(teacher)
    cells = answer_cells(teacher)
    assert teacher_out[-1].startswith(all_done(cells)), teacher_out[-1]
    # a written answer is recorded, never marked right
    for cell, out in zip(cells, [o for c, o in zip([c for c in teacher.cells if c.cell_type == "code"], teacher_out)
                                 if c.metadata.get("five_frames", {}).get("role") == "answer"]):
        assert out.startswith("📝 Recorded:" if is_written(cell) else "✅ Right:"), out[:200]

    wrong = nbformat.from_dict(json.loads(json.dumps(student)))
    for cell in answer_cells(wrong):
        cell.source = with_answer(cell.source, repr(wrong_answer(cell, kind_of(cell, course, lesson_id))))
    wrong_out = "\n".join(execute(wrong))
    assert "✅" not in wrong_out.split("checks right")[0] and "📝" not in wrong_out
    assert wrong_out.count("❌ Not yet:") >= len(answer_cells(wrong))

    right = nbformat.from_dict(json.loads(json.dumps(student)))
    for cell, model in zip(answer_cells(right), answer_cells(teacher)):
        cell.source = model.source  # the teacher edition's model answer, pasted by a learner
    right_out = execute(right)
    assert right_out[-1].startswith(all_done(cells)), right_out[-1]
    return wrong_out, "\n".join(right_out)


def test_fixture_notebook_feedback_for_every_kind(fixture_course, fixture_notebooks):
    wrong, right = (" ".join(out.split())  # unwrapped
                    for out in run_all_ways(fixture_course.course, fixture_notebooks, "fixture-lesson"))
    assert "❌ Not yet: you found 0 of the 1 marked phrase." in wrong and "is not in the passage" in wrong
    assert "Hint: look for 1 more marked phrase" in wrong and "A label that judges" not in wrong  # no key yet
    assert "❌ Not yet: 0 of 2 labelled as our key does" in wrong
    assert "answer with one letter: A, B." in wrong
    assert "This task asks for 3 to" in wrong and "not recorded yet" in wrong
    assert "Well spotted" in right and "all 2 labelled" in right and "Model answer:" in right
    assert "✅ Right: It names the two leaders." in right
    assert "📝 Recorded:" in right and "✅ Right: The relationship" not in right


def test_by_the_numbers_draws_a_text_chart_without_matplotlib(fixture_notebooks):
    # matplotlib is optional: the text chart is printed either way
    _, teacher = cases(fixture_notebooks, "fixture-lesson")
    outputs = execute(teacher)
    chart = next(o for o in outputs if o.startswith("reporting verbs used"))
    assert "█" in chart and "said" in chart


@pytest.mark.parametrize("lesson_id", REAL_LESSONS)
def test_real_lesson_notebooks(real_course, lesson_id):
    run_all_ways(real_course.course, rendered_notebooks("real"), lesson_id)


def test_lesson_text_cannot_inject_code_into_notebooks(tmp_path):
    root = make_course(tmp_path / "course", with_lessons=False)
    lesson = root / FIXTURE_LESSON
    canary = tmp_path / "pwned"
    edit_file(lesson, "model_answer: It cannot tell whether a verb is fair or loaded in context.",
              "model_answer: 'A verb \"\"\" + str(open(\"" + str(canary) + "\", \"w\").write(\"x\")) + \"\"\" \\\\ end'")
    edit_file(lesson, "- attribution: a senior Ukrainian official", '- attribution: "a senior Ukrainian\\nofficial"')
    edit_file(lesson, "List the loaded words.", "<script>alert(1)</script> List the loaded words.")
    _, teacher = cases(render_notebooks(load_clean(root)), "fixture-lesson")
    outputs = execute(teacher)  # no cell raises
    assert not canary.exists()
    assert any(o.startswith(("❌ Not yet:", "📝 Recorded:")) for o in outputs)  # the cell ran as a check
    written = next(c.source for c in answer_cells(teacher) if "A verb" in c.source)  # and its text arrived as text
    assert answer_in(written).strip() == f'A verb """ + str(open("{canary}", "w").write("x")) + """ \\ end'
    markdown = "\n".join(c.source for c in teacher.cells if c.cell_type == "markdown")
    assert "<script>" not in markdown and "&#60;script&#62;" in markdown


def test_answer_cells_without_the_setup_cell_say_what_to_do(fixture_notebooks):
    student, _ = cases(fixture_notebooks, "fixture-lesson")
    (setup,) = cells_with_role(student, "setup")
    setup.source = "pass  # the learner skipped the setup cell"
    outputs = execute(student)  # no cell raises a NameError
    guarded = [o for c, o in zip([c for c in student.cells if c.cell_type == "code"], outputs)
               if c.metadata.get("five_frames", {}).get("role") in ("answer", "chart", "progress")]
    assert guarded and all(o == "Run the first cell (the setup cell) first: it loads the exercises.\n"
                           for o in guarded), guarded
