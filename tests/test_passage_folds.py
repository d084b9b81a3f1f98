"""A lesson page shows open the passages its tasks name (contrasts, self-checks, exercises, cold reads) and
folds each other passage under its number, so a long lesson stays a few phone screens; a link to a folded
passage opens it (five-frames.js), and the teacher edition shows every passage open."""

from __future__ import annotations

from helpers import FIXTURE_LESSON, base_lesson, dump_yaml
from test_cold_read import page_html

from builder.course import load_course


def _with_an_extra_passage(course_root, extras=("extra-reading",)):
    data = base_lesson()
    first = data["passages"][0]
    for pid in extras:
        extra = {"id": pid, "article": first["article"], "quote": first["quote"],
                 "note": "One more passage, which no task names."}
        for key in ("before", "after", "occurrence"):
            if key in first:
                extra[key] = first[key]
        data["passages"].append(extra)
    (course_root / FIXTURE_LESSON).write_text(dump_yaml(data), encoding="utf-8")
    course, report = load_course(course_root)
    assert report.errors == [], report.to_text()
    return course, course.lessons[0], data


def _folds_around(tree, passage_id: str) -> list:
    return tree.xpath(f"//div[@id='passage-{passage_id}']/ancestor::details")


def test_a_passage_no_task_names_is_folded_under_its_number(course_root):
    course, lesson, data = _with_an_extra_passage(course_root)
    tree = page_html(course, lesson)
    folds = _folds_around(tree, "extra-reading")
    assert len(folds) == 1 and folds[0].get("open") is None
    number = list(lesson.passages).index("extra-reading") + 1
    assert f"Passage {number}" in folds[0].xpath("./summary")[0].text_content()
    assert f"Passage {number}" in folds[0].text_content().replace(folds[0].xpath("./summary")[0].text_content(), "")
    named = {p for c in data.get("contrasts", []) for p in c["passages"]}
    assert named and all(not _folds_around(tree, p) for p in named), "a passage a task names stays open"


def test_the_teacher_edition_shows_a_folded_passage_open(course_root):
    course, lesson, _ = _with_an_extra_passage(course_root)
    folds = _folds_around(page_html(course, lesson, "teacher"), "extra-reading")
    assert len(folds) == 1 and folds[0].get("open") is not None


def test_two_folded_passages_in_a_row_read_as_this_one_and_that_one(course_root):
    """"Passages 4 and 5", not "Passages 4 to 5"; three or more are still a range."""
    for extras, says in ((("extra-a", "extra-b"), "Passages {0} and {1}:"),
                         (("extra-a", "extra-b", "extra-c"), "Passages {0} to {2}:")):
        course, lesson, _ = _with_an_extra_passage(course_root, extras)
        numbers = [list(lesson.passages).index(pid) + 1 for pid in extras]
        folds = _folds_around(page_html(course, lesson), extras[0])
        assert len(folds) == 1
        assert folds[0].xpath("./summary")[0].text_content().startswith(says.format(*numbers))
