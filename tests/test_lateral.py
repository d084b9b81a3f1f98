"""Lateral reading: the lesson's "Read laterally" section, and the search log a notebook records.

The log's check is honest: it records a log that is complete and hangs together, never calls it
right, and says it cannot judge the search. Gaming answers (a letter, stop-words, pasted lesson
text, nonsense, one result listed twice) are not recorded.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re

import pytest
from helpers import FIXTURE_LESSON, base_lesson, dump_yaml, loaded, setup_runtime
from hostile import INERT

from builder.course import load_course
from builder.escape import md_code, md_text
from builder.notebooks import encode, notebook_payload
from builder.pages import render_pages
from builder.pages.lateral import HEADING, true_as_of

rt = setup_runtime()
CANNOT = "cannot tell whether your search was a good one"


def page_of(course, lesson, edition="student") -> str:
    return render_pages(course, edition)[f"lessons/{lesson.id}.md"]


def section(page: str) -> str:
    """The "Read laterally" section of a lesson page (up to the next section)."""
    start = page.rindex("???", 0, page.index(f' example "{HEADING}&#58; '))  # "???" folded, "???+" open
    return page[start:page.index("\n## ", start + 1)]


# ---- the page ----

def test_the_section_shows_each_step_the_date_and_the_invitation(fixture_course):
    lesson = fixture_course.course.lessons[0]
    block = lesson.lateral_reading
    text = section(page_of(fixture_course.course, lesson))
    for number, step in enumerate(block.steps, 1):
        assert f'**Step {number}.** Search for: <code class="ff-search">{md_code(step.search)}</code>' in text
        assert f"- **Where to look:** {md_text(step.where)}" in text
    assert f"**True as of {true_as_of(block.true_as_of)}.**" in text
    assert "**Check this yourself.**" in text
    assert '??? success "After you have searched' in text  # students search before they read the finding
    assert text.startswith(f'??? example "{HEADING}&#58; ')  # one folded box
    assert f"\n    **{md_text(block.title)}**\n\n" in text  # a line of its own, not run into the goal
    teacher = section(page_of(fixture_course.course, lesson, "teacher"))
    assert '???+ success "After you have searched' in teacher  # the teacher edition shows it open


def test_a_lesson_without_the_block_has_no_section(real_course):
    for lesson in real_course.course.lessons:
        page = page_of(real_course.course, lesson)
        assert (f'"{HEADING}&#58; ' in page) == (lesson.lateral_reading is not None), lesson.id


def test_dates_read_as_a_person_says_them():
    assert true_as_of("2026-11") == "November 2026"
    assert true_as_of("2026-11-05") == "5 November 2026"


@pytest.mark.parametrize("payload", INERT, ids=range(len(INERT)))
def test_hostile_text_in_every_field_of_the_block_stays_text(course_root, payload):
    data = base_lesson()
    block = data["lateral_reading"]
    for key in ("title", "goal", "finding", "check_yourself"):
        block[key] = payload
    for step in block["steps"]:
        step.update(search=payload, where=payload, look_for=payload, weigh=payload)
    (course_root / FIXTURE_LESSON).write_text(dump_yaml(data), encoding="utf-8")
    course, report = load_course(course_root)
    assert not report.errors, report.to_text()
    text = section(page_of(course, course.lessons[0]))
    ours = re.compile(r'^\s*\?\?\?\+? (example|success) ".*$', re.M)  # the builder's own folded blocks
    for raw in ("<img", "<svg", "<script", "<b ", "<div markdown", "](javascript", "\n???", "\n!!!", "{:", "{{"):
        assert raw not in ours.sub("", text), (raw, text)


# ---- the search log ----

def fixture_log():
    """The fixture course's log-search exercise, set up as its notebook does."""
    course = loaded("fixture").course
    lesson = course.lessons[0]
    rt._setup(encode(notebook_payload(lesson, course)))
    return next(ex for ex in rt._EX.values() if ex["kind"] == "log-search")


def run_log(answer) -> tuple[str | None, str]:
    ex = fixture_log()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rt.check(ex["id"], answer)
    return rt._RESULTS.get((ex["id"], None)), out.getvalue()


GOOD_WHY = ("The encyclopedia page says who founded the group and that it is a conservative membership group, "
            "and it cites news reports I can open. The About page is the group's own account of itself.")


def log(**changes):
    good = {"query": "AMAC Association of Mature American Citizens funding",
            "results": ["AMAC - Wikipedia (en.wikipedia.org)", "About AMAC (amac.us)", ""],
            "trusted": 1, "why": GOOD_WHY}
    return {**good, **changes}


def test_a_complete_log_is_recorded_never_called_right_and_the_check_says_what_it_cannot_do():
    status, output = run_log(log())
    assert status == rt.RECORDED and "✅" not in output, output
    assert CANNOT in " ".join(output.split())
    assert "One careful reader's log" in output
    for trusted in ("About AMAC (amac.us)", "2", "Wikipedia", "  #1 "):
        status, output = run_log(log(trusted=trusted))
        assert status == rt.RECORDED, (trusted, output)


@pytest.mark.parametrize("answer, says", [
    ({"query": "a", "results": ["a", "b"], "trusted": "a", "why": "a"}, "no words that could find anything"),
    ({"query": "the of and", "results": ["the", "of it"], "trusted": 1,
      "why": "it is the one that is on the and of the for it was by them and they"}, "no words that could find"),
    ({"query": "xqzv plorf", "results": ["zzqv wobbit", "qqxj flarn"], "trusted": 1,
      "why": "Zorbly flinx quarvo the mimsy borogove outgrabe, and the snark blorped its frumious quanx."},
     "cannot recognise"),
    (log(results=["en.wikipedia.org", "https://www.en.wikipedia.org/"]), "same as result 1"),
    (log(results=["AMAC - Wikipedia"]), "at least two"),
    (log(results="AMAC - Wikipedia, amac.us"), "its own quotes"),
    (log(trusted="britannica.com"), "not one of the results you listed"),
    (log(trusted=5), "not one of the results you listed"),
    (log(trusted=""), "Say which result you trusted"),
    (log(trusted="AMAC"), "could be result 1 or 2"),
    (log(trusted="a"), "not one of the results you listed"),
    (log(why="I liked it best of all the ones I saw, it felt right to me and looked nice and clean."),
     "does not say who runs"),
    (log(why="Good."), "This task asks for"),
    (log(why="owner " * 20), "repeats the same few words"),
    ("AMAC Wikipedia", "keep the log's four keys"),
    ({"query": "AMAC funding"}, "keep the log's four keys"),
], ids=["letter", "stop-words", "nonsense", "twice", "one-result", "not-a-list", "not-listed", "number-too-big",
        "no-trusted", "ambiguous", "trusted-letter", "no-who-or-what", "too-short", "repeated", "a-string", "missing-keys"])
def test_gaming_and_wrong_logs_are_not_recorded(answer, says):
    status, output = run_log(answer)
    assert status == rt.NOT_YET and "📝" not in output, output
    assert says in " ".join(output.split()), output


def test_pasted_lesson_text_is_not_a_why(real_course):
    """The why of a log that copies the lesson's own lateral-reading text, or the passage, is not recorded."""
    cases = [(course, lesson, ex) for course in (real_course.course, loaded("fixture").course)
             for lesson in course.lessons for ex in lesson.exercises if ex.kind.name == "log-search"]
    assert cases, "the fixture lesson has a log-search exercise"
    for course, lesson, exercise in cases:
        rt._setup(encode(notebook_payload(lesson, course)))
        ex = rt._EX[exercise.spec["id"]]
        for pasted in ex["texts"]:
            if not 12 <= rt._word_count(pasted) <= 150:
                continue
            out = io.StringIO()
            answer = {"query": "AMAC funding owner", "results": ["en.wikipedia.org", "amac.us"], "trusted": 1,
                      "why": pasted}
            with contextlib.redirect_stdout(out):
                rt.check(ex["id"], answer)
            assert rt._RESULTS[(ex["id"], None)] == rt.NOT_YET, (lesson.id, pasted, out.getvalue())


@pytest.mark.parametrize("query, nudge", [
    ("Xi – Putin Summit Highlights Ties Between Russian and Chinese Communists", "the article's own title"),
    ("AMAC", "one word"),
])
def test_a_title_or_one_word_query_is_recorded_with_a_nudge(query, nudge):
    status, output = run_log(log(query=query))
    assert status == rt.RECORDED and nudge in " ".join(output.split()), output


def test_the_summary_counts_a_log_as_recorded_not_as_a_check():
    ex = fixture_log()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rt.check(ex["id"], log())
        rt.progress()
    assert f"📝 Recorded: {ex['id']}" in out.getvalue()
    assert "checks right" in out.getvalue() and "written answers recorded" in out.getvalue()


def test_the_example_log_must_list_what_it_trusts(course_root):
    data = base_lesson()
    exercise = next(e for e in data["exercises"] if e["kind"] == "log-search")
    bad = copy.deepcopy(data)
    next(e for e in bad["exercises"] if e["kind"] == "log-search")["example"]["trusted"] = "nowhere.example"
    (course_root / FIXTURE_LESSON).write_text(dump_yaml(bad), encoding="utf-8")
    _, report = load_course(course_root)
    assert [d.code for d in report.errors] == ["not-listed"], report.to_text()
    assert exercise["example"]["trusted"] in exercise["example"]["results"]
