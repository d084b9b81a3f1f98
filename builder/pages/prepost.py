"""The pre/post check's pages: a student page per form (before lesson 1, after the last lesson) and the
teacher's class sheet (answer keys side by side, a tally grid, how to compare, the limits), with its CSV.

A student page lists the items with their options as radio buttons and no answer: the site's script
(``docs/assets/prepost.js``) keeps the picks in the browser and, once every item is answered, "Show my
score" shows the score and unfolds each item's answer and why. Without JavaScript the answers sit in
folded blocks after each item. Every text from the forms goes through ``builder/escape.py``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass

from .. import credit
from ..markup import block_div, details
from ..prepost import Form, Item, PrePost
from .common import GLOSSARY_URI, PageContext, article_uri, front_matter, highlighted, html_line, md_text

CHECK_URI = "check/{id}.md"
SHEET_URI = "check/class-sheet.md"
CSV_URI = "check/class-sheet.csv"
LETTERS = "ABCD"
TALLY_ROWS = 30
"""Empty student rows in the printable tally grid and the CSV template (a class)."""
QUESTIONS = {"technique": "Which technique, if any, is at work in the highlighted words?",
             "attribution": "Is the attribution of the highlighted claim weak or strong?"}


@dataclass(frozen=True)
class CheckPage:
    """One form's student page: ``id`` is ``before`` or ``after``."""

    id: str
    form: Form
    title: str


def check_pages(course, when: str) -> list[CheckPage]:
    """The student page of the form taken ``when`` (none when the course has no pre/post check)."""
    prepost: PrePost | None = course.prepost
    form = prepost.form(when) if prepost else None
    if form is None:
        return []
    moment = "before lesson 1" if when == "before" else f"after lesson {len(course.lessons)}"
    return [CheckPage(when, form, f"Check yourself {moment} (form {form.label})")]


def _key(form: Form, item: Item) -> str:
    """The browser's storage key for an item: a changed item (its options or their order) forgets old picks."""
    version = hashlib.sha256("\x1f".join(o.text for o in item.options).encode("utf-8")).hexdigest()[:8]
    return f"check/{form.id}/{item.id}/{version}"


def render_check(page: PageContext) -> str:
    """Markdown of one form's student page (``page.item``: a ``CheckPage``)."""
    check: CheckPage = page.item
    form = check.form
    before = check.id == "before"
    parts = [front_matter(check.title), f"# {md_text(check.title)}\n",
             ("This short check shows where you start, before the course. " if before else
              "This short check shows what you can do now, at the end of the course. ")
             + f"It has {len(form.items)} items. Each quotes a few words from one of the texts and asks one "
             "question. Some items have no technique in them at all: saying so is the right answer there. "
             "It is not a test and it is not graded.\n",
             "Answer every item, then press **Show my score**. You will see your score and, for each item, the "
             "right answer and why.\n",
             block_div("admonition info ff-check-privacy",
                       "Your answers are kept only in this browser (its local storage), so they are still here if "
                       "you reload the page. Nothing is sent anywhere: no data leaves your device, and the page "
                       "works offline, from a folder or a USB stick too. Without JavaScript, each item's answer "
                       "is folded under it: open it only once you have answered.\n"),
             '<p class="ff-check-status" hidden></p>\n']
    for item in form.items:
        parts.append(_item(page, form, item))
    parts.append('<div class="ff-check-score" role="status" aria-live="polite" hidden></div>\n')
    return "\n".join(parts)


def _item(page: PageContext, form: Form, item: Item) -> str:
    """One item: question, quoted passage with its highlight, options as radio buttons, folded answer."""
    passage, n = item.passage, item.number
    marks = [(*item.highlight, '<mark class="ff-check-mark">')] if item.highlight else []
    source = (f"— [{credit.md(credit.credit(passage))}]"
              f"({page.link(article_uri(passage.article.id), f'p-{passage.paragraph}')})")
    name = f"{form.id}-{item.id}"
    options = "\n".join(
        f'<label class="ff-check-option"><input type="radio" name="{html_line(name)}" value="{k}"> '
        f"<strong>{LETTERS[k]}.</strong> {html_line(option.text)}</label>"
        for k, option in enumerate(item.options))
    right = item.options[item.answer]
    answer = (f'<span class="ff-check-key" data-answer="{item.answer}" data-clean="{str(item.clean).lower()}"></span>'
              f"**Right answer: {LETTERS[item.answer]}.** {md_text(right.text)}.\n\n**Why:** {md_text(item.why)}\n")
    body = "\n".join([
        f"**Item {n} of {len(form.items)}.** {md_text(QUESTIONS[item.ask])}\n",
        f"> {highlighted(passage.text, passage.start, marks)}\n>\n> {source}\n",
        f'<fieldset class="ff-check-options">\n<legend>Item {n}: your answer</legend>\n{options}\n</fieldset>\n',
        details("note", f"Answer to item {n} (open it once you have answered)", answer),
        '<p class="ff-check-result" hidden></p>\n',
    ])
    return block_div("ff-check-item", body, id=f"item-{n}", data_item=_key(form, item))


# ---- the teacher's class sheet ----

def _skill(page: PageContext, item: Item) -> str:
    """The item's skill as a glossary link (or its plain name), marked when the item is clean."""
    term = page.course.glossary.get(item.skill)
    name = (f"[{md_text(term['term'])}]({page.link(GLOSSARY_URI, item.skill)})" if term else
            md_text({"none": "No technique", "attribution": "Attribution"}.get(item.skill, item.skill)))
    return name + (" (clean)" if item.clean else "")


def render_sheet(page: PageContext) -> str:
    """Markdown of the class sheet (teacher edition only)."""
    prepost: PrePost | None = page.course.prepost
    parts = [front_matter("Pre/post check: class sheet"), "# Pre/post check: class sheet\n",
             "For teachers: this page is only in the teacher edition. Students take form A on the page "
             "\"Check yourself before lesson 1\" and form B on \"Check yourself after\" the last lesson.\n"]
    if prepost is None:
        parts.append("This course has no pre/post check (lessons/assessment/pre-post.yaml).\n")
        return "\n".join(parts)
    forms = prepost.forms
    parts += ["## How to run it\n",
              "1. Before lesson 1, give the class about 15 minutes for form A. Students answer every item, press "
              "**Show my score** and tell you (or write on paper) which items they got right. On paper, print the "
              "student page: it prints without answers.\n"
              "2. Mark each student's row in the grid below: 1 for right, 0 for wrong or blank.\n"
              "3. After the last lesson, do the same with form B.\n"
              "4. Compare the class, skill by skill, as \"How to read the sheet\" says.\n",
              "## Answer keys side by side\n", _keys(page, forms)]
    for form in forms:
        parts += [f"## Tally grid: form {md_text(form.label)}\n", _grid(page, form)]
    parts += [f"[Download the grid as a CSV file]({page.link(CSV_URI)}) (one row per student, both forms; open it "
              "in a spreadsheet).\n",
              "## How to read the sheet\n",
              "- **Per skill.** For each skill, add up the 1s in its columns and divide by the number of students "
              "times the number of items of that skill. Do it for form A and for form B, and compare the two "
              "shares.\n"
              "- **The clean items apart.** Items marked *clean* have no technique in them, or a strong, named "
              "attribution. Report them on their own. A class that has learned to suspect everything scores high "
              "on the technique items and low here; real skill shows as a good share on both.\n"
              "- **Look at items, not only totals.** An item almost everyone misses on both forms may be a bad "
              "item; tell the course authors.\n",
              _skill_table(forms),
              "## What this check cannot tell you\n",
              "- **The forms are small.** Eight to ten items per form: one lucky guess moves a student's score a "
              "lot, and a skill with one or two items says little about that skill.\n"
              "- **It is not validated.** No one has tested these items for reliability or for what they measure. "
              "Read the results as a rough picture of a class, not a measurement.\n"
              "- **Parallel is not identical.** The forms ask the same skills as often, with different passages "
              "of similar difficulty, but no two passages are exactly as hard. A change of a few points can come "
              "from the items, not the students.\n"
              "- **Practice effects.** Students who took form A know the format when they take form B, and some of "
              "the forms' passages are also read in the lessons. Some gain can come from that.\n"
              "- **A gain is not proof.** A class that does better after the course may have learned elsewhere, "
              "grown older or tried harder. The check cannot show that the course caused the change.\n"
              "- **Do not grade students on it.** It is made to show a class where it stands, and students answer "
              "more honestly when it does not count. Individual scores are too noisy for marks.\n"]
    return "\n".join(parts)


def _keys(page: PageContext, forms: list[Form]) -> str:
    header = "| Item | " + " | ".join(f"Form {md_text(f.label)}: skill | Form {md_text(f.label)}: right answer"
                                      for f in forms) + " |"
    rule = "|---:|" + "---|---|" * len(forms)
    rows = []
    for n in range(max(len(f.items) for f in forms)):
        cells = []
        for form in forms:
            item = form.items[n] if n < len(form.items) else None
            cells += ([_skill(page, item), f"**{LETTERS[item.answer]}.** {md_text(item.options[item.answer].text)}"]
                      if item else ["", ""])
        rows.append(f"| {n + 1} | " + " | ".join(cells) + " |")
    return _table("Answer keys of both forms", [header, rule, *rows])


def _table(label: str, lines: list[str], classes: str = "") -> str:
    """A table of the sheet that scrolls sideways on a narrow screen, reachable by keyboard to do so."""
    return block_div(f"ff-check-sheet {classes}".strip(), "\n".join(lines) + "\n", tabindex="0", role="region",
                     aria_label=label)


def _grid(page: PageContext, form: Form) -> str:
    header = ("| Student | " + " | ".join(f"{item.number}" + ("\\*" if item.clean else "") for item in form.items)
              + " | Total | Clean |")
    rule = "|---|" + ":---:|" * (len(form.items) + 2)
    rows = [f"| {'&nbsp;' * 14} |" + " |" * (len(form.items) + 2) for _ in range(TALLY_ROWS)]
    note = (f"\\* a clean item (no technique, or a strong attribution). Total: out of {len(form.items)}; "
            f"clean items: out of {sum(item.clean for item in form.items)}.\n")
    return _table(f"Tally grid of form {form.label}", [header, rule, *rows], "ff-check-grid") + "\n" + note


def _skill_table(forms: list[Form]) -> str:
    """Which items of each form measure each skill, with room for the class's share correct."""
    skills: dict[str, None] = {}
    for form in forms:
        skills.update(dict.fromkeys(f"{item.skill}{' (clean)' if item.clean else ''}" for item in form.items))
    header = "| Skill | " + " | ".join(f"Form {md_text(f.label)}: items | Form {md_text(f.label)}: share correct"
                                       for f in forms) + " |"
    rule = "|---|" + "---|---|" * len(forms)
    rows = []
    for skill in skills:
        cells = []
        for form in forms:
            numbers = [str(item.number) for item in form.items
                       if f"{item.skill}{' (clean)' if item.clean else ''}" == skill]
            cells += [", ".join(numbers) or "none", ""]
        rows.append(f"| {md_text(skill)} | " + " | ".join(cells) + " |")
    cells = [cell for form in forms for cell in (", ".join(str(i.number) for i in form.items if i.clean), "")]
    clean = ["| **All clean items, reported apart** | " + " | ".join(cells) + " |"]
    return _table("Share correct by skill", [header, rule, *rows, *clean])


def class_sheet_csv(prepost: PrePost | None) -> str:
    """The tally grid of both forms as CSV: a header naming each item and its skill, then empty student rows."""
    if prepost is None:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["student"]
    for form in prepost.forms:
        header += [f"{form.label}{item.number} {item.skill}{' clean' if item.clean else ''}" for item in form.items]
        header += [f"{form.label} total", f"{form.label} clean items"]
    writer.writerow(header)
    for _ in range(TALLY_ROWS):
        writer.writerow([""] * len(header))
    return out.getvalue()
