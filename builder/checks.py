"""Checks of the whole course that no single lesson can fail: can its self-checks be passed without reading,
and does the course keep its house rules?

All are warnings (``course check`` still exits 0): a course may have reasons, but a student who always picks
the same letter, or always the longest option, should not score well.

- ``answer-position``: after the builder has placed the options (``builder/options.py``), one letter holds
  more than ``MAX_SHARE`` of the correct answers. Placement keeps this from happening on its own; questions
  with ``order: fixed`` are what can still cause it.
- ``answer-longest``: the correct option is the longest (in characters, as shown; ties count) in more than
  ``MAX_SHARE`` of the questions.

Only questions with at least three options count (with two, half is the fair share), and only once the course
has ``MIN_QUESTIONS`` of them: with fewer, a share says little.

The house rules (``house_rules``), each a warning with what to do:

- ``one-article``: a lesson quotes one article only; ``no-annotations``: it marks no technique;
  ``no-cold-read``: a lesson in a loaded-language or bias-and-framing strand (not the capstone) reads no passage
  cold (``cold_read``).
- ``capstone-twice``: more than one lesson says ``capstone: true``; ``capstone-strands``: the capstone leaves out
  a strand the other lessons teach; ``capstone-passage-reused``: another lesson quotes words of the capstone's
  passages (the capstone is read fresh).
- ``practice-text-quoted``: a lesson other than the capstone quotes a practice text (an article marked
  ``written_for_course``); the practice text is the capstone's unseen text, so no other lesson may show it. A
  capstone whose passages all come from practice texts keeps every capstone rule, but not ``one-article``.
- Once the course has a capstone (it is then complete): ``article-few-lessons``, an article quoted in fewer than
  ``MIN_LESSONS_PER_ARTICLE`` lessons; ``article-not-annotated``, an article quoted but never annotated (no outlet
  is the neutral one); ``strand-unused``, a strand no lesson teaches. Practice texts are left out of the first
  two: only the capstone quotes them. When seeds/close-reading.yaml exists,
  ``close-reading-loaded``, ``close-reading-attributions`` and ``close-reading-article``: the lessons examine
  less of the inventory's loaded language, attributions, or one article's loaded language than the targets of
  ``builder/close_reading.py`` (80%, 70%, 60% per article).
- With a pre/post check (``builder/prepost.py``): ``outlet-missing``, an article the lessons quote that no item
  quotes; ``prepost-recall``, an item of the form taken after the lessons that quotes words a lesson passage
  quotes (the item would test memory of the lesson's notes, not reading).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import close_reading
from .diagnostics import Diagnostic
from .inventory import INVENTORY
from .prose import plain
from .readability import grade, lesson_grade, lesson_prose
from .source import format_path
from .validate import validator

if TYPE_CHECKING:
    from .model import Course, Lesson, Passage, Question

MAX_SHARE = 0.4
MIN_QUESTIONS = 10
SHOWN = 5
"""How many places a warning lists before "and N more"."""
MIN_LESSONS_PER_ARTICLE = 5
"""In a complete course (one with a capstone), each article is quoted in at least this many lessons."""
ARTICLES_FILE = "seeds/articles.yaml"
MAX_READING_GRADE = 12
"""A lesson's prose reads at this Flesch-Kincaid grade or below: the course is for students of 15 to 19."""


@dataclass
class _Question:
    question: Question
    correct: int
    """Index (as written) of its correct option."""
    shown_at: int
    """Position (0 = A) of the correct option on the page."""
    longest: bool

    def where(self, *path: str | int) -> tuple[str, int, int]:
        lesson = self.question.lesson
        line, column = lesson.locator.at((*self.question.where, *path))
        return lesson.path, line, column

    def line(self, *path: str | int) -> str:
        path_, line, _ = self.where(*path)
        return f"{path_}:{line}"


def course_checks(course: Course) -> list[Diagnostic]:
    """The course-wide warnings (none when the course is balanced and keeps its house rules)."""
    questions = _questions(course)
    balance = [*_position(questions), *_longest(questions)] if len(questions) >= MIN_QUESTIONS else []
    return balance + house_rules(course)


def house_rules(course: Course) -> list[Diagnostic]:
    """The rules every lesson and the course as a whole keep (see the module's docstring)."""
    out = [d for lesson in course.lessons for d in _lesson_rules(lesson)]
    capstones = [lesson for lesson in course.lessons if lesson.data.get("capstone")]
    for extra in capstones[1:]:
        out.append(_at(extra, ("capstone",), "capstone-twice",
                       f"{capstones[0].path} is already the capstone, and a course has one: remove 'capstone: true' "
                       "from one of them"))
    if capstones:
        out += _capstone_rules(course, capstones[0]) + _coverage(course, capstones[0]) + _close_reading(course)
    return out + _prepost_outlets(course) + _prepost_recall(course)


def _prepost_outlets(course: Course) -> list[Diagnostic]:
    """A warning for each article the lessons quote that no item of the pre/post check quotes: the check is
    even-handed only if every outlet the course teaches appears in it (a text no lesson quotes yet is left out)."""
    if course.prepost is None:
        return []
    in_forms = {item.passage.article.id for form in course.prepost.forms for item in form.items}
    taught = {p.article.id for lesson in course.lessons for p in lesson.passages.values()}
    return [Diagnostic(course.prepost.path, course.prepost.line, 1, "warning", "outlet-missing",
                       f"no item of the pre/post check quotes article '{a}', which the lessons quote: every outlet "
                       "should appear")
            for a in sorted(taught - in_forms)]


def _prepost_recall(course: Course) -> list[Diagnostic]:
    """A warning at each item of a form taken after the lessons (``when: after``) whose quote overlaps a lesson
    passage in the same article (anchored offsets): students have read that passage's notes, so the item would
    test recall, not the skill. A form taken before lesson 1 is not checked: no lesson has been read yet."""
    if course.prepost is None:
        return []
    out = []
    for item in (item for form in course.prepost.forms if form.when == "after" for item in form.items):
        seen = [(n, lesson, p) for n, lesson in enumerate(course.lessons, 1) for p in lesson.passages.values()
                if _overlap(p, item.passage)]
        if not seen:
            continue
        n, lesson, passage = seen[0]
        line = lesson.locator.at(("passages", _index(lesson, passage.id)))[0]
        also = f" (and {len(seen) - 1} more lesson passage(s))" if len(seen) > 1 else ""
        out.append(Diagnostic(course.prepost.path, *course.prepost.at(item, "quote"), "warning", "prepost-recall",
                              f"item '{item.id}' quotes words of passage '{passage.id}' of lesson {n} "
                              f"({lesson.path}:{line}){also}: students have read this passage's notes in lesson "
                              f"{n}, so the item tests recall, not the skill; choose a passage no lesson quotes"))
    return out


def _at(lesson: Lesson, path: tuple, code: str, message: str) -> Diagnostic:
    """A warning at the value at ``path`` of ``lesson``'s file."""
    return Diagnostic(lesson.path, *lesson.locator.at(path), "warning", code, message)


def strands() -> list[str]:
    """The course's strands, in the lesson schema's order."""
    return list(validator("lesson").schema["properties"]["strands"]["items"]["enum"])


def _lesson_rules(lesson: Lesson) -> list[Diagnostic]:
    out = _practice_rules(lesson)
    if len(lesson.article_ids) == 1 and not _on_practice_text(lesson):
        out.append(_at(lesson, ("passages",), "one-article",
                       f"every passage quotes article '{lesson.article_ids[0]}': quote at least two articles, so "
                       "that students compare how outlets write"))
    hard = _reading_grade(lesson)
    if hard:
        out.append(hard)
    if lesson.passages and not lesson.annotations:
        out.append(_at(lesson, ("passages",), "no-annotations",
                       "no annotation marks a technique in this lesson: add 'annotations' on the loaded words of "
                       "at least one passage"))
    elif _wants_cold_read(lesson) and not any(p.cold_read for p in lesson.passages.values()):
        out.append(_at(lesson, ("passages",), "no-cold-read",
                       "no passage of this lesson is read cold: add 'cold_read: true' to an annotated passage, so "
                       "that students mark the words and name the move before they see the highlights"))
    return out


COLD_READ_STRANDS = ("loaded-language", "bias-and-framing")
"""A lesson in one of these strands (not the capstone, read fresh) has a passage read cold (``cold_read``)."""


def _wants_cold_read(lesson: Lesson) -> bool:
    return bool(lesson.annotations) and not lesson.data.get("capstone") \
        and any(s in COLD_READ_STRANDS for s in lesson.data["strands"])


def _on_practice_text(lesson: Lesson) -> bool:
    """A capstone whose passages all come from practice texts: one unseen text, read by design."""
    return bool(lesson.data.get("capstone")) and bool(lesson.passages) and all(
        p.article.written_for_course for p in lesson.passages.values())


def _practice_rules(lesson: Lesson) -> list[Diagnostic]:
    """A warning at each passage of a lesson other than the capstone that quotes a practice text."""
    if lesson.data.get("capstone"):
        return []
    return [_at(lesson, ("passages", _index(lesson, p.id), "article"), "practice-text-quoted",
                f"passage '{p.id}' quotes article '{p.article.id}', a practice text written for this course "
                "(written_for_course); only the capstone may quote it, so that students read it there for the "
                "first time: quote one of the real articles here")
            for p in lesson.passages.values() if p.article.written_for_course]


def _reading_grade(lesson: Lesson) -> Diagnostic | None:
    """A warning when the lesson's prose reads above ``MAX_READING_GRADE``, naming its hardest field."""
    whole = lesson_grade(lesson.data)
    if whole <= MAX_READING_GRADE:
        return None
    where, hardest = max(((w, grade(f)) for w, f in lesson_prose(lesson.data) if len(f.split()) >= 20),
                         key=lambda pair: pair[1], default=((), whole))
    return _at(lesson, where, "reading-grade",
               f"the lesson's prose reads at school grade {whole:.0f} (Flesch-Kincaid; at most {MAX_READING_GRADE} "
               f"for students of 15 to 19), {format_path(where)} at grade {hardest:.0f}: write shorter sentences "
               "and plainer words")


def _capstone_rules(course: Course, capstone: Lesson) -> list[Diagnostic]:
    out = []
    taught = {s for lesson in course.lessons for s in lesson.data["strands"]}
    missing = [s for s in strands() if s in taught and s not in capstone.data["strands"]]
    if missing:
        out.append(_at(capstone, ("strands",), "capstone-strands",
                       f"the capstone brings the course together, but leaves out strand(s) other lessons teach: "
                       f"{', '.join(missing)}; add them to its strands"))
    for lesson in course.lessons:
        if lesson is capstone:
            continue
        for passage in lesson.passages.values():
            fresh = next((p for p in capstone.passages.values() if _overlap(p, passage)), None)
            if fresh is not None:
                where = capstone.locator.at(("passages", _index(capstone, fresh.id)))
                out.append(_at(lesson, ("passages", _index(lesson, passage.id), "quote"), "capstone-passage-reused",
                               f"this quote overlaps the capstone's passage '{fresh.id}' ({capstone.path}:{where[0]}, "
                               f"article '{passage.article.id}', paragraph {passage.paragraph}); the capstone is "
                               "read fresh, so quote other words here"))
    return out


def _overlap(a: Passage, b: Passage) -> bool:
    return a.article.id == b.article.id and a.start < b.end and b.start < a.end


def _index(lesson: Lesson, passage_id: str) -> int:
    """The position of passage ``passage_id`` in the lesson's ``passages`` list."""
    return next(i for i, spec in enumerate(lesson.data["passages"]) if spec["id"] == passage_id)


def _coverage(course: Course, capstone: Lesson) -> list[Diagnostic]:
    """The complete course's coverage of its articles and strands."""
    out = []
    for article_id, article in course.articles.items():
        if article.written_for_course:
            continue  # only the capstone quotes a practice text (practice-text-quoted)
        n = course.index.lessons_quoting(article_id)
        if n < MIN_LESSONS_PER_ARTICLE:
            out.append(Diagnostic(ARTICLES_FILE, 0, 0, "warning", "article-few-lessons",
                                  f"article '{article_id}' is quoted in {n} lesson(s); a complete course quotes each "
                                  f"article in at least {MIN_LESSONS_PER_ARTICLE}: quote it in more lessons"))
        elif not course.index.annotations[article_id]:
            out.append(Diagnostic(ARTICLES_FILE, 0, 0, "warning", "article-not-annotated",
                                  f"no lesson annotates a passage of article '{article_id}': no outlet is the neutral "
                                  "one, so mark its techniques too"))
    taught = {s for lesson in course.lessons for s in lesson.data["strands"]}
    for strand in strands():
        if strand not in taught:
            out.append(_at(capstone, ("strands",), "strand-unused",
                           f"no lesson teaches strand '{strand}': add a lesson in it"))
    return out


INVENTORY_FILE = f"seeds/{INVENTORY}"


def _close_reading(course: Course) -> list[Diagnostic]:
    """A warning for each close-reading target the complete course misses (none without an inventory)."""
    measured = close_reading.measure(course)
    if measured is None:
        return []
    out = []
    wanted = [("close-reading-loaded", measured.loaded, close_reading.LOADED_TARGET, "of the loaded language"),
              ("close-reading-attributions", measured.attributions, close_reading.ATTRIBUTION_TARGET,
               "of the attributions")]
    wanted += [("close-reading-article", shares["loaded"], close_reading.ARTICLE_TARGET,
                f"of the loaded language of article '{article_id}'")
               for article_id, shares in measured.by_article.items()]
    for code, share, target, what in wanted:
        if share.ratio >= target:
            continue
        first = share.missed[0].line if share.missed else 0
        missed = _listed([f"'{r.quote}' (line {r.line})" for r in share.missed])
        out.append(Diagnostic(INVENTORY_FILE, first, 0, "warning", code,
                              f"the lessons examine {share.ratio:.0%} {what} that the close-reading inventory lists "
                              f"({len(share.examined)} of {share.total}; the target is {target:.0%}): annotate more "
                              f"of it, such as {missed}"))
    return out


def _questions(course: Course) -> list[_Question]:
    """The questions that count (a correct option, at least three options), in course order."""
    terms = {key: entry.get("term", key) for key, entry in course.glossary.items()}
    out = []
    for question in course.index.questions:
        correct = question.correct
        if correct is None or len(question.options) < 3:
            continue
        lengths = [len(plain(o.text, terms)) for o in question.options]
        longest = lengths[correct] >= max(n for j, n in enumerate(lengths) if j != correct)
        out.append(_Question(question, correct, course.index.order(question).index(correct), longest))
    return out


def _listed(places: list[str]) -> str:
    more = len(places) - SHOWN
    return ", ".join(places[:SHOWN]) + (f" and {more} more" if more > 0 else "")


def _share(count: int, total: int) -> str:
    return f"{count} of {total} questions ({count / total:.0%}; more than {MAX_SHARE:.0%})"


def _position(questions: list[_Question]) -> list[Diagnostic]:
    total = len(questions)
    counts: dict[int, int] = {}
    for q in questions:
        counts[q.shown_at] = counts.get(q.shown_at, 0) + 1
    out = []
    spread = ", ".join(f"{'ABCDEFGH'[p]} {counts[p]}" for p in sorted(counts))
    for position, count in sorted(counts.items()):
        if count <= MAX_SHARE * total:
            continue
        letter = "ABCDEFGH"[position]
        there = [q for q in questions if q.shown_at == position]
        fixed = [q for q in there if q.question.fixed]
        if fixed:
            hint = (f"questions with 'order: fixed' keep the order you wrote, so move the correct option in some of "
                    f"them, or let the builder place them: {_listed([q.line('order') for q in fixed])}")
            first = fixed[0].where("order")
        else:
            hint = f"the questions with {letter} correct: {_listed([q.line('prompt') for q in there])}"
            first = there[0].where("prompt")
        out.append(Diagnostic(*first, "warning", "answer-position",
                              f"the correct answer is {letter} in {_share(count, total)}, so always choosing {letter} "
                              f"scores too well (correct answers by letter: {spread}); {hint}"))
    return out


def _longest(questions: list[_Question]) -> list[Diagnostic]:
    total = len(questions)
    longest = [q for q in questions if q.longest]
    if len(longest) <= MAX_SHARE * total:
        return []
    places = [q.line("options", q.correct, "text") for q in longest]
    first = longest[0].where("options", longest[0].correct, "text")
    return [Diagnostic(*first, "warning", "answer-longest",
                       f"the correct option is the longest in {_share(len(longest), total)}, so always choosing the "
                       "longest option scores too well. Shorten correct options that carry their explanation (it "
                       "belongs in the feedback), or write distractors as full as the answer, in these questions: "
                       f"{_listed(places)}")]
