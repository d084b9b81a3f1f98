"""The pre/post check (lessons/assessment/pre-post.yaml): its checks, its pages and the teacher's class sheet.

Bad inputs sit beside the message they must give; each parallel-form rule is broken once on a scratch copy.
Nothing here counts today's items: the rules are read from the forms themselves. The browser half (scoring,
answers kept across a reload, accessibility) is in test_browser.py (``-k prepost``).
"""

from __future__ import annotations

import copy
import csv
import io
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, dump_yaml, html_page, line_of, make_course, mkdocs_build, site_copy
from hostile import EVERY, QUOTED, _hostile_articles, html_problems

from builder.course import load_course
from builder.lessons import lesson_files
from builder.pages.prepost import CSV_URI, SHEET_URI
from builder.prepost import MIN_CLEAN, PREPOST
from builder.site import site_files

SHOWN = f"lessons/{PREPOST}"
SOURCE = ROOT / "lessons" / PREPOST


def scratch(root: Path, text: str | None = None) -> Path:
    """``root`` (a scratch course) with the pre/post file, as it is or as ``text``."""
    target = root / "lessons" / PREPOST
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(SOURCE.read_text(encoding="utf-8") if text is None else text, encoding="utf-8")
    return root


def edited(old: str, new: str, count: int = 1) -> str:
    text = SOURCE.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} is no longer in {SHOWN}"
    return text.replace(old, new, count)


def messages(root: Path) -> list[str]:
    _, report = load_course(root)
    return [d.format() for d in report.errors]


@pytest.fixture
def forms(real_course):
    assert real_course.course.prepost is not None, real_course.report.to_text()
    return real_course.course.prepost.forms


# ---- the real forms ----

def test_the_forms_load_with_no_error(real_course):
    assert not [d for d in real_course.report.items if d.path == SHOWN], real_course.report.to_text()


def test_the_forms_are_parallel(forms):
    before, after = sorted(forms, key=lambda f: f.when != "before")
    assert (before.when, after.when) == ("before", "after")
    assert 8 <= len(before.items) == len(after.items) <= 10
    assert Counter((i.skill, i.clean) for i in before.items) == Counter((i.skill, i.clean) for i in after.items)
    for form in forms:
        assert sum(item.clean for item in form.items) >= MIN_CLEAN
    for a in before.items:
        for b in after.items:
            same = a.passage.article is b.passage.article
            assert not (same and a.passage.start < b.passage.end and b.passage.start < a.passage.end), (a.id, b.id)


def test_every_outlet_the_lessons_teach_appears(real_course, forms):
    quoted = {item.passage.article.id for form in forms for item in form.items}
    taught = {p.article.id for lesson in real_course.course.lessons for p in lesson.passages.values()}
    assert taught <= quoted


def test_an_outlet_the_lessons_teach_but_the_check_leaves_out_is_warned(real_course):
    from dataclasses import replace

    from builder.checks import house_rules
    course = real_course.course
    prepost = course.prepost
    dropped = prepost.forms[0].items[0].passage.article.id
    forms = [replace(f, items=[i for i in f.items if i.passage.article.id != dropped]) for f in prepost.forms]
    warned = [d for d in house_rules(replace(course, prepost=replace(prepost, forms=forms)))
              if d.code == "outlet-missing"]
    assert len(warned) == 1 and f"'{dropped}'" in warned[0].message, warned
    assert warned[0].path == prepost.path and warned[0].line > 1
    assert not [d for d in house_rules(course) if d.code == "outlet-missing"]


def test_suspecting_everything_or_one_letter_does_not_score(forms):
    for form in forms:
        # A student who always names a technique (or always calls an attribution weak) misses every clean item.
        clean = [item for item in form.items if item.clean]
        assert clean and all(not item.options[item.answer].technique for item in clean)
        for item in clean:
            assert not item.options[item.answer].text.lower().startswith("weak")
        # No one letter is right on more than half of a form.
        letters = Counter(item.answer for item in form.items)
        assert max(letters.values()) <= len(form.items) / 2
    # Form B's answers are not form A's letter pattern: a student cannot carry the key over.
    assert [i.answer for i in forms[0].items] != [i.answer for i in forms[1].items]


def test_the_lesson_loader_leaves_the_forms_alone(real_course):
    files, _ = lesson_files(ROOT / "lessons")
    assert SOURCE not in files and all(p.parent == ROOT / "lessons" for p in files)
    assert all("assessment" not in lesson.path for lesson in real_course.course.lessons)


# ---- bad input, each beside its message (file and line) ----

BAD = {
    "missing-why": (("        why: >-\n          \"Slammed\"", "        wy: >-\n          \"Slammed\""),
                    "wy: >-", "unknown key 'wy' in forms[0].items[0]; did you mean 'why'?"),
    "two-correct": (("          - text: An anonymous source\n            technique: anonymous-source\n",
                     "          - text: An anonymous source\n            technique: anonymous-source\n"
                     "            correct: true\n"),
                    "            technique: loaded-language\n            correct: true",
                    "option 1 is already the correct one, and an item has one right answer"),
    "misquote": (("Not surprisingly, the US slammed", "Not surprisingly, the US hit"),
                 "        quote: >-\n          Not surprisingly, the US hit",
                 "quote not found in article 'wsws-symonds': the article has \"slammed\" where the lesson has \"hit\""),
    "unknown-technique": (("            technique: loaded-language\n            correct: true",
                           "            technique: loaded-languages\n            correct: true"),
                          "loaded-languages", "unknown technique 'loaded-languages' (lessons/glossary.yaml); did you "
                                              "mean 'loaded-language'?"),
    "unknown-skill": (("        skill: name-calling\n", "        skill: namecalling\n"), "skill: namecalling",
                      "unknown skill 'namecalling'"),
    "highlight-not-in-quote": (("        highlight: slammed\n", "        highlight: hammered\n"),
                               "highlight: hammered", "highlight not found in passage 'a-slammed'"),
    "three-options-too-few": (("          - text: A hedge\n            technique: hedge\n          - text: A number "
                               "without a source\n            technique: number-without-source\n", ""),
                              "options:", "needs at least 3 item(s), got 1"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_input_gives_its_message_with_file_and_line(name, course_root):
    (old, new), needle, expected = BAD[name]
    text = edited(old, new)
    found = messages(scratch(course_root, text))
    line = line_of(text, needle) if name != "three-options-too-few" else None
    if name == "two-correct":
        line += 1  # the second 'correct: true'

    hits = [m for m in found if expected in m and m.startswith(f"{SHOWN}:")]
    assert hits, "\n".join(found)
    if line is not None:
        assert any(m.startswith(f"{SHOWN}:{line}:") for m in hits), "\n".join(found)


def test_a_file_that_is_not_yaml_is_one_error_with_its_line(course_root):
    found = messages(scratch(course_root, "forms:\n  - id: [unclosed\n"))
    assert found and all(m.startswith(f"{SHOWN}:") for m in found)


# ---- the parallel-form rules of course check, each broken once ----

def _data() -> dict:
    return yaml.safe_load(SOURCE.read_text(encoding="utf-8"))


def _form_rule(course_root: Path, change) -> list[str]:
    data = _data()
    change(data["forms"])
    return messages(scratch(course_root, dump_yaml(data)))


def _extra_item(forms) -> None:
    """Form A gets one more item (a copy of one of its own with a passage no item quotes)."""
    item = copy.deepcopy(next(i for i in forms[0]["items"] if i["skill"] == "none"))
    item.update(id="extra", article="practice-grebemouth-quay", highlight="petition",
                quote="who handed the council a petition with 2,300 signatures last month")
    forms[0]["items"].append(item)


def _fewer_clean(forms) -> None:
    for form in forms:
        for item in form["items"]:
            item["clean"] = False


def _shared_passage(forms) -> None:
    forms[1]["items"][0].update({k: forms[0]["items"][0][k] for k in ("article", "quote", "highlight")})


def _other_skill(forms) -> None:
    item = next(i for i in forms[1]["items"] if not i.get("clean"))
    item["skill"] = next(s for s in ("hedge", "doubt") if s != item["skill"])


def _clean_names_technique(forms) -> None:
    item = next(i for i in forms[0]["items"] if i.get("clean") and i["ask"] == "technique")
    right = next(o for o in item["options"] if o.get("correct"))
    right["technique"] = "loaded-language"


def _both_before(forms) -> None:
    forms[1]["when"] = "before"


RULES = {
    "equal-counts": (_extra_item, "form B has 8 items and form A 9: parallel forms have as many items"),
    "two-clean": (_fewer_clean, f"item(s) marked 'clean: true' and needs at least {MIN_CLEAN}"),
    "no-shared-passage": (_shared_passage, "of the other form quotes too: a passage belongs to one form"),
    "same-skills": (_other_skill, "parallel forms ask the same skills as often"),
    "clean-means-no-technique": (_clean_names_technique, "is marked 'clean: true', but its correct option names"),
    "one-form-each": (_both_before, "two forms say 'when: before'"),
}


@pytest.mark.parametrize("name", RULES)
def test_each_parallel_form_rule_is_enforced_by_course_check(name, course_root, run):
    change, expected = RULES[name]
    data = _data()
    if name == "equal-counts":
        assert len(data["forms"][0]["items"]) == len(data["forms"][1]["items"]) == 8, "the rule's message assumes 8"
    change(data["forms"])
    scratch(course_root, dump_yaml(data))
    code, _, err = run("--root", course_root, "check")
    assert code == 1
    assert any(line.startswith(f"{SHOWN}:") and expected in line for line in err.splitlines()), err


def test_an_unchanged_copy_passes(course_root, run):
    code, _, err = run("--root", scratch(course_root), "check")
    assert code == 0, err


def test_a_course_without_the_file_has_no_check_pages(fixture_site):
    for edition in ("student", "teacher"):
        assert not [uri for uri in fixture_site[edition] if uri.startswith("check/")]


# ---- pages ----

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The real course's student site, built by MkDocs (strict)."""
    root = site_copy(tmp_path_factory.mktemp("prepost") / "course")
    site = root.parent / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    return site


def by_class(element, name: str) -> list:
    """The elements under ``element`` with the class ``name``."""
    return element.xpath(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def test_no_answer_outside_the_folded_answers(built, forms):
    for uri, form in (("check/before.html", next(f for f in forms if f.when == "before")),
                      ("check/after.html", next(f for f in forms if f.when == "after"))):
        tree = html_page(built, uri)
        items = by_class(tree, "ff-check-item")
        assert len(items) == len(form.items)
        for element, item in zip(items, form.items):
            folded = element.xpath(".//details")
            assert len(folded) == 1 and folded[0].get("open") is None  # folded until opened
            answer = folded[0].text_content()
            assert "Right answer" in answer and item.why.split()[0] in answer
            assert by_class(folded[0], "ff-check-key")[0].get("data-answer") == str(item.answer)
            folded[0].drop_tree()  # what is left is what a reader sees without opening anything
            rest = element.text_content()
            assert "Right answer" not in rest and "Why:" not in rest
            assert " ".join(item.why.split()[:6]) not in " ".join(rest.split())
            assert not element.xpath(".//*[@data-answer or @data-correct or @data-clean]")
            labels = [" ".join(label.text_content().split()) for label in element.xpath(".//label")]
            assert labels == [f"{'ABCD'[k]}. {o.text}" for k, o in enumerate(item.options)]
        assert not [e for item in items for e in item.xpath(".//*[@title]")]  # no data in a tooltip
        assert "Nothing is sent anywhere" in tree.text_content()


def test_the_check_pages_sit_before_lesson_1_and_after_the_last(real_course):
    from builder.pages import nav
    lessons = nav(real_course.course).section("Lessons").entries
    assert lessons[0].uri == "check/before.md" and "before lesson 1" in lessons[0].title
    assert lessons[-1].uri == "check/after.md"
    assert f"after lesson {len(real_course.course.lessons)}" in lessons[-1].title


def test_the_class_sheet_is_only_in_the_teacher_edition(real_course):
    student = site_files(real_course.course, "student", notebooks={})
    teacher = site_files(real_course.course, "teacher", notebooks={})
    assert SHEET_URI not in student and CSV_URI not in student
    assert "check/before.md" in student and "check/after.md" in student
    sheet = teacher[SHEET_URI]
    for heading in ("## Answer keys side by side", "## Tally grid: form A", "## Tally grid: form B",
                    "## How to read the sheet", "## What this check cannot tell you"):
        assert heading in sheet
    for limit in ("not validated", "Practice effects", "not proof", "Do not grade"):
        assert limit in sheet
    rows = list(csv.reader(io.StringIO(teacher[CSV_URI])))
    items = [item for form in real_course.course.prepost.forms for item in form.items]
    assert rows[0][0] == "student" and len(rows[0]) == 1 + len(items) + 2 * len(real_course.course.prepost.forms)
    assert all(len(row) == len(rows[0]) for row in rows)


# ---- hostile text ----

def _hostile_forms(data: dict) -> dict:
    payloads = iter(EVERY * 10)
    for form in data["forms"]:
        for item in form["items"]:
            item["why"] = next(payloads)
            for option in item["options"]:
                option["text"] = next(payloads)
    first = data["forms"][0]["items"][0]
    first.update(article="amac-solis", quote=QUOTED, highlight="<img src=x onerror=alert(1) class=ffx>")
    return data


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_hostile_text_in_every_field_stays_text(tmp_path, edition):
    root = site_copy(tmp_path / "course", with_lessons=False)
    meta = yaml.safe_load((root / "seeds" / "articles.yaml").read_text(encoding="utf-8"))
    for article in meta["articles"]:  # hostile.py fills in original_file and every voice's likely_speaker
        article.setdefault("original_file", article["file"])
        for voice in article.get("voices", []):
            voice["speaker"] = "unnamed"
    (root / "seeds" / "articles.yaml").write_text(dump_yaml(meta), encoding="utf-8")
    _hostile_articles(root / "seeds")
    scratch(root, dump_yaml(_hostile_forms(_data())))
    _, report = load_course(root)
    assert not [d for d in report.errors if d.path == SHOWN], report.to_text()
    site = tmp_path / "site"
    result = mkdocs_build(root, site, edition)
    assert result.returncode == 0, result.stderr
    pages = ["check/before.html", "check/after.html"] + ([SHEET_URI.replace(".md", ".html")]
                                                          if edition == "teacher" else [])
    for page in pages:
        text = (site / page).read_text(encoding="utf-8")
        assert not html_problems(text, page), html_problems(text, page)[:10]
    shown = " ".join(html_page(site, "check/before.html").text_content().split())
    assert "<img src=x onerror=alert(1) class=ffx>" in shown  # the highlight and option texts, as typed


def test_make_course_copies_no_forms(tmp_path):
    root = make_course(tmp_path / "c", with_lessons=False)
    assert not (root / "lessons" / PREPOST).exists()
    shutil.rmtree(root)


# ---- a form taken after the lessons reads fresh text (prepost-recall) ----

def _recall_warnings(root: Path) -> list:
    _, report = load_course(root)
    assert not report.errors, report.to_text()
    return [d for d in report.items if d.code == "prepost-recall"]


def _fresh_lesson_passage(fixture_course, forms) -> tuple:
    """The fixture lesson and one of its passages that no item of either form quotes (so only the test's edit
    makes an item overlap it)."""
    lesson = fixture_course.course.lessons[0]
    items = [item.passage for form in forms for item in form.items]
    passage = next((p for p in lesson.passages.values()
                    if not any(p.article.id == q.article.id and p.start < q.end and q.start < p.end for q in items)),
                   None)
    assert passage is not None, f"every passage of {lesson.path} is quoted by a form item: add one no item quotes"
    return lesson, passage


def _quoting(data: dict, when: str, article: str, quote: str) -> tuple[str, str]:
    """``data`` with the first item of the form taken ``when`` quoting ``quote``: (its id, the file's text)."""
    item = next(f for f in data["forms"] if f["when"] == when)["items"][0]
    for key in ("highlight", "occurrence", "before", "after"):
        item.pop(key, None)
    item.update(article=article, quote=quote)
    return item["id"], dump_yaml(data)


def _quote_line(text: str, item_id: str) -> int:
    """The line of item ``item_id``'s ``quote:`` key in ``text``."""
    lines = text.splitlines()
    start = line_of(text, f"id: {item_id}\n")
    return next(n for n in range(start, len(lines) + 1) if lines[n - 1].lstrip().startswith("quote:"))


def test_the_real_after_form_quotes_no_lesson_passage(real_course):
    assert not [d for d in real_course.report.items if d.code == "prepost-recall"], real_course.report.to_text()


@pytest.mark.parametrize("how", ["the whole passage", "one word of it"])
def test_an_after_item_quoting_a_lesson_passage_is_warned_at_its_line(how, course_root, fixture_course, forms):
    lesson, passage = _fresh_lesson_passage(fixture_course, forms)
    words = passage.text.split()
    after = passage.article.text[passage.end:].split()[:6]
    quote = " ".join(words if how == "the whole passage" else words[-1:] + after)
    item_id, text = _quoting(_data(), "after", passage.article.id, quote)
    warned = _recall_warnings(scratch(course_root, text))

    assert [(d.path, d.line) for d in warned] == [(SHOWN, _quote_line(text, item_id))], warned
    message = warned[0].message
    spec_line = line_of((course_root / lesson.path).read_text(encoding="utf-8"), f"- id: {passage.id}\n")
    assert f"item '{item_id}' quotes words of passage '{passage.id}' of lesson 1 ({lesson.path}:{spec_line})" in message
    assert ("students have read this passage's notes in lesson 1, so the item tests recall, not the skill; choose a "
            "passage no lesson quotes") in message


def test_an_after_item_on_the_words_next_to_a_lesson_passage_is_not_warned(course_root, fixture_course, forms):
    _, passage = _fresh_lesson_passage(fixture_course, forms)
    after = " ".join(passage.article.text[passage.end:].split()[:6])
    _, text = _quoting(_data(), "after", passage.article.id, after)
    assert not _recall_warnings(scratch(course_root, text))


def test_a_before_item_quoting_a_lesson_passage_is_not_warned(course_root, fixture_course, forms):
    _, passage = _fresh_lesson_passage(fixture_course, forms)
    _, text = _quoting(_data(), "before", passage.article.id, " ".join(passage.text.split()))
    assert not _recall_warnings(scratch(course_root, text))
