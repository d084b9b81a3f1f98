"""The close-reading inventory (seeds/close-reading.yaml) and the measure of how much of it the lessons examine.

All on a scratch course holding only the fixture lesson, which annotates "autocrats" (name-calling, AMAC) and
"hegemonic" (loaded-language, Li Hui), with made-up inventories: never on the real course's numbers.
"""

from __future__ import annotations

from helpers import FIXTURE_LESSON, edit_file, line_of

from builder.close_reading import measure
from builder.course import load_course
from builder.pages import render_pages

INVENTORY = """\
articles:
  - article: amac-solis
    entries:
      - quote: two autocrats
        kind: loaded
        technique: name-calling
        why: A label for both leaders.
      - quote: disgruntled
        kind: loaded
        why: Paints the officials as bitter.
      - quote: the two autocrats
        kind: attribution
        why: Not an attribution at all, but a loaded-language annotation must not count for one.
  - article: envoy-li-hui
    entries:
      - quote: certain hegemonic country
        kind: loaded
        why: A label; the annotation on "hegemonic" overlaps it.
  - article: wsws-symonds
    entries:
      - quote: Citing a senior Ukrainian official, CNN reported
        kind: attribution
        technique: anonymous-source
        why: An unnamed official, through another outlet.
"""


def write_inventory(root, text: str = INVENTORY):
    (root / "seeds" / "close-reading.yaml").write_text(text, encoding="utf-8")


def make_capstone(root) -> None:
    """The fixture lesson as the capstone: the course is complete, so course-wide coverage warnings apply."""
    edit_file(root / FIXTURE_LESSON, "minutes: 20", "minutes: 20\ncapstone: true")


def test_an_entry_counts_when_an_annotation_of_its_kind_overlaps_it(course_root):
    write_inventory(course_root)
    course, report = load_course(course_root)
    assert not report.errors, report.to_text()
    measured = measure(course)
    assert [r.quote for r in measured.loaded.examined] == ["two autocrats", "certain hegemonic country"]
    assert [r.quote for r in measured.loaded.missed] == ["disgruntled"]
    assert measured.attributions.examined == []  # a loaded-language annotation on its words does not count
    assert measured.attributions.total == 2
    assert measured.by_article["amac-solis"]["loaded"].ratio == 0.5
    assert measured.by_article["envoy-li-hui"]["loaded"].ratio == 1.0
    assert measured.by_article["cgtn-haiphong"]["loaded"].total == 0  # every article is reported


def test_a_sourcing_annotation_examines_an_attribution(course_root):
    write_inventory(course_root)
    edit_file(course_root / FIXTURE_LESSON, "annotations:\n", "annotations:\n  - passage: cnn\n"
              "    span: a senior Ukrainian official\n    technique: anonymous-source\n"
              "    explanation: The official is not named.\n")
    course, report = load_course(course_root)
    assert not report.errors, report.to_text()
    assert [r.quote for r in measure(course).attributions.examined] == [
        "Citing a senior Ukrainian official, CNN reported"]


def test_a_misquote_is_an_error_at_its_line(course_root, run):
    write_inventory(course_root, INVENTORY.replace("quote: disgruntled", "quote: disgrunted"))
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    line = line_of(INVENTORY, "quote: disgruntled")
    assert f"seeds/close-reading.yaml:{line}:" in err
    assert "quote not found in article 'amac-solis'" in err and "disgruntled" in err  # the closest words


def test_an_ambiguous_quote_unknown_technique_and_unknown_article_are_errors(course_root, run):
    text = (INVENTORY.replace("quote: disgruntled", "quote: Communist Party")
            .replace("technique: name-calling", "technique: name-caling")
            .replace("article: wsws-symonds", "article: wsws"))
    write_inventory(course_root, text)
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    assert f"seeds/close-reading.yaml:{line_of(text, 'quote: Communist Party')}:" in err
    assert "occurrence: N" in err
    assert "unknown technique 'name-caling'" in err and "name-calling" in err
    assert "unknown article 'wsws'" in err and "wsws-symonds" in err


def test_a_schema_mistake_names_the_key(course_root, run):
    write_inventory(course_root, INVENTORY.replace("kind: attribution", "kind: source", 1))
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    assert f"seeds/close-reading.yaml:{line_of(INVENTORY, 'kind: attribution')}:" in err


def test_without_an_inventory_nothing_is_measured_or_warned(course_root, run):
    (course_root / "seeds" / "close-reading.yaml").unlink()
    make_capstone(course_root)
    course, report = load_course(course_root)
    assert measure(course) is None
    assert not [d for d in report.items if d.code.startswith("close-reading")]
    assert "Close reading" not in render_pages(course, "teacher")["coverage.md"]


def test_a_missed_target_is_a_warning_in_a_complete_course(course_root, run):
    write_inventory(course_root)
    make_capstone(course_root)
    code, out, err = run("--root", course_root, "check")
    assert code == 0
    text = out + err
    assert "warning: the lessons examine 67% of the loaded language" in text  # 2 of 3, under 80%
    assert "'disgruntled' (line" in text and "[close-reading-loaded]" in text
    assert "0% of the attributions" in text and "[close-reading-attributions]" in text
    assert "50% of the loaded language of article 'amac-solis'" in text  # 1 of 2, under 60%
    assert "language of article 'envoy-li-hui'" not in text  # 1 of 1
    assert "language of article 'cgtn-haiphong'" not in text  # nothing listed: nothing to examine


def test_targets_met_give_no_warning(course_root):
    write_inventory(course_root, INVENTORY.split("      - quote: disgruntled")[0]
                    + "  - article: envoy-li-hui\n    entries:\n      - quote: hegemonic\n        kind: loaded\n"
                    "        why: A label.\n")
    make_capstone(course_root)
    _, report = load_course(course_root)
    assert not report.errors, report.to_text()
    assert not [d for d in report.items if d.code.startswith("close-reading")], report.to_text()


def test_the_teacher_coverage_page_shows_the_shares_and_what_is_missed(course_root):
    write_inventory(course_root, INVENTORY.replace("Paints the officials as bitter.",
                                                   "<script>alert(1)</script> **bold**"))
    course, _ = load_course(course_root)
    teacher = render_pages(course, "teacher")["coverage.md"]
    assert "## Close reading" in teacher
    assert "67% (2 of 3)" in teacher and "0% (0 of 2)" in teacher
    assert "disgruntled" in teacher
    assert "<script>" not in teacher and "**bold**" not in teacher
    assert "Close reading" not in render_pages(course, "student")["coverage.md"]


def test_an_accepted_wording_of_an_annotation_examines_an_entry_too(course_root):
    write_inventory(course_root, INVENTORY.replace("quote: disgruntled", "quote: the personal relationship"))
    course, _ = load_course(course_root)
    assert "the personal relationship" in [r.quote for r in measure(course).loaded.missed]
    edit_file(course_root / FIXTURE_LESSON, "    span: autocrats\n",
              "    span: autocrats\n    accept: [personal relationship]\n")
    course, report = load_course(course_root)
    assert not report.errors, report.to_text()
    assert "the personal relationship" in [r.quote for r in measure(course).loaded.examined]
