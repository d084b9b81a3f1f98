"""The pre/post check (lessons/assessment/pre-post.yaml): two parallel short forms, loaded and checked.

Each item quotes a passage, anchored exactly as a lesson's passages are (``lessons.LessonState``: the
same search, voices and messages), optionally highlights words in it, and asks one question with one
correct option. The form rules (``FORM_RULES``) keep the two forms parallel: as many items, the same
skills as often, at least ``MIN_CLEAN`` items whose right answer is "nothing wrong here", and no
passage in both forms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, did_you_mean_name
from .glossary import term_names
from .lessons import LessonState, _anchor_passage
from .model import Article, Lesson, Passage
from .source import Locator
from .validate import load_optional

PREPOST = "assessment/pre-post.yaml"
"""Where the forms live, under the lessons folder (a subfolder: the lesson loader lists only its own files)."""
SKILLS = ("attribution", "none")
"""Skill tags besides the glossary's technique ids: weighing a source, and seeing that nothing is at work."""
MIN_CLEAN = 2
"""Items per form whose right answer is 'no technique here' or 'a strong, named attribution'."""
WHEN = {"before": "before lesson 1", "after": "after the last lesson"}


@dataclass
class Option:
    text: str
    technique: str | None
    correct: bool


@dataclass
class Item:
    """One question of a form: its verified passage, the highlighted words' offsets, options and why."""

    id: str
    number: int
    skill: str
    clean: bool
    ask: str
    passage: Passage
    highlight: tuple[int, int] | None
    options: list[Option]
    why: str
    where: tuple

    @property
    def answer(self) -> int:
        """Index of the correct option."""
        return next(i for i, option in enumerate(self.options) if option.correct)


@dataclass
class Form:
    id: str
    label: str
    when: str
    items: list[Item] = field(default_factory=list)


@dataclass
class PrePost:
    """Both forms, verified (``form(when)`` finds one)."""

    path: str
    forms: list[Form]
    line: int = 1
    """The line of the file's ``forms:`` key, where course-wide warnings about the forms point."""
    locator: Locator = field(default_factory=Locator)
    """Where each value of the file is, so that a course-wide warning can point at one item."""

    def form(self, when: str) -> Form | None:
        return next((f for f in self.forms if f.when == when), None)

    def at(self, item: Item, *path: str | int) -> tuple[int, int]:
        """Line and column of the value at ``path`` of ``item`` (the item itself without one)."""
        return self.locator.at(item.where + path)


def load_prepost(lessons_dir: Path, articles: dict[str, Article] | None, glossary: dict[str, dict] | None,
                 shown_dir: str = "lessons") -> tuple[PrePost | None, list[Diagnostic]]:
    """The forms (None when the file is absent or has errors), and every problem found, with file and line."""
    doc, problems = load_optional(lessons_dir / PREPOST, f"{shown_dir}/{PREPOST}", lessons_dir.parent, "prepost")
    if doc is None:
        return None, problems
    state = LessonState(doc, Lesson("pre-post", doc.path, doc.data, locator=doc.locator), articles, glossary)
    forms = _forms(state)
    if articles is not None and glossary is not None and not state.diags:
        for rule in FORM_RULES:
            rule(state, forms)
    diags = state.diags
    if any(d.severity == "error" for d in diags):
        return None, diags
    return PrePost(doc.path, forms, doc.locator.at(("forms",))[0], doc.locator), diags


def _forms(state: LessonState) -> list[Form]:
    """Every form with the items whose passage was found; each problem an error in ``state``."""
    forms, seen = [], set()
    for i, spec in enumerate(state.doc.data["forms"]):
        form = Form(spec["id"], spec["label"], spec["when"])
        for j, item in enumerate(spec["items"]):
            where = ("forms", i, "items", j)
            if item["id"] in seen:
                state.error(where + ("id",), f"item id '{item['id']}' is used twice: each item needs its own",
                            "duplicate-id")
                continue
            seen.add(item["id"])
            made = _item(state, item, where, j + 1)
            if made:
                form.items.append(made)
        forms.append(form)
    return forms


def _item(state: LessonState, spec: dict, where: tuple, number: int) -> Item | None:
    """The item at ``where``: its quote anchored, highlight found, skill and techniques known, one correct."""
    _one_correct(state, spec, where)
    _check_skill(state, spec["skill"], where + ("skill",))
    for k, option in enumerate(spec["options"]):
        if "technique" in option:
            _check_technique(state, option["technique"], where + ("options", k, "technique"))
    if state.articles is None:
        return None
    _anchor_passage(state, state.articles, spec, where)
    passage = state.lesson.passages.get(spec["id"])
    if passage is None:
        return None
    span = None
    if "highlight" in spec:
        span = state.anchor_span(passage, spec["highlight"], None, where + ("highlight",), "highlight")
        if span is None:
            return None
    options = [Option(o["text"], o.get("technique"), bool(o.get("correct"))) for o in spec["options"]]
    if sum(o.correct for o in options) != 1:
        return None
    return Item(spec["id"], number, spec["skill"], bool(spec.get("clean")), spec["ask"], passage, span, options,
                spec["why"], where)


def _one_correct(state: LessonState, spec: dict, where: tuple) -> None:
    """An error unless exactly one option is marked correct."""
    marked = [k for k, option in enumerate(spec["options"]) if option.get("correct")]
    if not marked:
        state.error(where + ("options",), "no option is marked 'correct: true': an item has one right answer",
                    "no-correct-option")
    for k in marked[1:]:
        state.error(where + ("options", k, "correct"), f"option {marked[0] + 1} is already the correct one, and an "
                    "item has one right answer: remove 'correct: true' here", "several-correct")


def _check_skill(state: LessonState, skill: str, where: tuple) -> None:
    if state.glossary is None or skill in state.glossary or skill in SKILLS:
        return
    names = {**term_names(state.glossary), **{s: s for s in SKILLS}}
    state.error(where, f"unknown skill '{skill}': use a technique id of lessons/glossary.yaml, or "
                f"{' or '.join(repr(s) for s in SKILLS)}", "unknown-skill", did_you_mean_name(skill, names))


def _check_technique(state: LessonState, technique: str, where: tuple) -> None:
    if state.glossary is None or technique in state.glossary:
        return
    state.error(where, f"unknown technique '{technique}' (lessons/glossary.yaml)", "unknown-term",
                did_you_mean_name(technique, term_names(state.glossary)))


# ---- the form rules (course check): the two forms stay parallel ----

def one_form_each(state: LessonState, forms: list[Form]) -> None:
    """One form is taken before lesson 1 and one after the last lesson, with different labels."""
    whens = [f.when for f in forms]
    for i, form in enumerate(forms):
        if whens.count(form.when) > 1 and whens.index(form.when) < i:
            state.error(("forms", i, "when"), f"two forms say 'when: {form.when}': one form is taken before "
                        "lesson 1 and the other after the last lesson", "duplicate-form")
        if [f.label for f in forms].index(form.label) < i:
            state.error(("forms", i, "label"), f"form label '{form.label}' is used twice", "duplicate-id")


def same_length(state: LessonState, forms: list[Form]) -> None:
    """Both forms have as many items (the schema keeps each within 8 to 10)."""
    first, *others = forms
    for i, form in enumerate(others, 1):
        if len(form.items) != len(first.items):
            state.error(("forms", i, "items"), f"form {form.label} has {len(form.items)} items and form "
                        f"{first.label} {len(first.items)}: parallel forms have as many items", "forms-not-parallel")


def enough_clean(state: LessonState, forms: list[Form]) -> None:
    """Each form has ``MIN_CLEAN`` items whose right answer is 'nothing wrong here', so suspecting everything
    does not score; and such an item's right answer names no technique."""
    for i, form in enumerate(forms):
        clean = [item for item in form.items if item.clean]
        if len(clean) < MIN_CLEAN:
            state.error(("forms", i, "items"), f"form {form.label} has {len(clean)} item(s) marked 'clean: true' "
                        f"and needs at least {MIN_CLEAN}: items whose right answer is 'no technique here' or 'a "
                        "strong, named attribution', so that marking everything as a technique does not score",
                        "too-few-clean")
        for item in form.items:
            right = item.options[item.answer]
            if item.ask == "technique" and item.clean and right.technique:
                state.error(item.where + ("options", item.answer, "technique"), f"item '{item.id}' is marked "
                            "'clean: true', but its correct option names a technique", "clean-names-technique")
            if item.ask == "technique" and not item.clean and not right.technique:
                state.error(item.where + ("options", item.answer), f"item '{item.id}' asks which technique is at "
                            "work and is not marked 'clean: true', so its correct option needs a 'technique:'",
                            "correct-without-technique")


def same_skills(state: LessonState, forms: list[Form]) -> None:
    """Both forms ask each skill as often, and have as many clean items."""
    first, *others = forms
    want = Counter((item.skill, item.clean) for item in first.items)
    for i, form in enumerate(others, 1):
        got = Counter((item.skill, item.clean) for item in form.items)
        for key in sorted(set(want) | set(got)):
            if want[key] != got[key]:
                skill = key[0] + (" (clean)" if key[1] else "")
                state.error(("forms", i, "items"), f"form {form.label} has {got[key]} item(s) of skill '{skill}' "
                            f"and form {first.label} {want[key]}: parallel forms ask the same skills as often",
                            "forms-not-parallel")


def no_shared_passage(state: LessonState, forms: list[Form]) -> None:
    """No passage, or part of one, is in both forms: form B would then test memory, not reading."""
    for i, form in enumerate(forms):
        for item in form.items:
            for other in (o for f in forms[:i] for o in f.items):
                a, b = item.passage, other.passage
                if a.article is b.article and a.start < b.end and b.start < a.end:
                    state.error(item.where + ("quote",), f"item '{item.id}' quotes words that item '{other.id}' of "
                                "the other form quotes too: a passage belongs to one form", "passage-in-both-forms")


FORM_RULES: tuple[Callable[[LessonState, list[Form]], None], ...] = (
    one_form_each, same_length, enough_clean, same_skills, no_shared_passage)
"""The rules ``course check`` runs on two forms whose items all passed their own checks."""
