"""Load lesson specs: parse, validate against the schema, then run the lesson checks, which resolve
references and anchor quotes.

The checks are ``LESSON_CHECKS``, small functions run in order on one ``LessonState`` (as markdown-it
runs its rules on one state): the document, the lesson built so far, the articles and glossary it is
checked against, and the diagnostics found. A new check is a function ``rule(state) -> None`` added
to the table; an exercise kind's own checks get the same state (``ExerciseKind.check``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from . import anchor, prose
from .coldread import check_cold_reads
from .credit import voice_name
from .diagnostics import Diagnostic, did_you_mean_name, did_you_mean_words
from .glossary import term_names
from .kinds import kind_of, not_prose
from .model import Annotation, Article, Exercise, Lesson, Passage, Voice
from .source import Document, load_yaml
from .validate import broken_keys, validate

MAX_SUGGESTIONS = 20
"""Quotes per lesson that are not found and still get a 'did you mean': looking for the closest
passage takes up to a few milliseconds, so thousands of wrong quotes would otherwise take minutes."""

MAX_PROSE_PARSED = 50_000
"""Characters of prose per lesson that are parsed to check their links and glossary references.

Only a field that may hold a bad one is parsed (in a good lesson, none is), at up to 5 µs a
character: past this, a lesson made of such fields would take many seconds to check."""

NOT_PROSE: frozenset[str] = frozenset({
    "id", "article", "quote", "before", "after", "span", "accept", "technique", "passage", "passages", "kind",
    "strands", "minutes", "occurrence", "correct", "speaker", "order", "search", "true_as_of"}) | not_prose()
"""Keys whose text values are not prose: ids, quotes, words of an article, enum values, names (and
the exercise kinds' ``not_prose`` keys)."""

Where = tuple
"""A path into the lesson file, such as ``("passages", 2, "quote")``."""


def prose_fields(value: Any, path: Where = (), key: Any = None,
                 skip: frozenset[str] | None = None) -> Iterator[tuple[Where, str]]:
    """``(path, text)`` for every prose string in lesson data: quotes, ids and enum values left out.

    Mappings and lists are always walked (a passage's ``note`` is prose though ``passages`` holds
    ids elsewhere); a string counts when the key it sits under is not in ``NOT_PROSE`` (or among
    the ``not_prose`` keys of an exercise kind registered since).
    """
    skipped = NOT_PROSE | not_prose() if skip is None else skip
    if isinstance(value, dict):
        for k, item in value.items():
            yield from prose_fields(item, path + (k,), k, skipped)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from prose_fields(item, path + (i,), key, skipped)
    elif isinstance(value, str) and key not in skipped:
        yield path, value


def lesson_files(lessons_dir: Path, shown_dir: str = "lessons") -> tuple[list[Path], list[Diagnostic]]:
    """Lesson specs in course order (sorted by file name), or why the folder cannot be listed.

    ``.yaml`` and ``.yml`` count in any case (``.YAML`` too); the glossary is not a lesson. An editor's
    hidden files (``.#x.yaml`` lock files, ``._x.yaml``) are left alone, like backups (``x.yaml~``).
    """
    try:
        files = sorted(lessons_dir.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        return [], [Diagnostic(f"{shown_dir}/", 0, 0, "error", "unreadable",
                               f"cannot list the lessons folder: {exc.strerror or exc}")]
    return [p for p in files if p.suffix.lower() in (".yaml", ".yml") and p.stem != "glossary"
            and not p.name.startswith(".")], []


def load_lesson(path: Path, shown: str, articles: dict[str, Article] | None,
                glossary: dict[str, dict] | None, root: Path | None = None) -> tuple[Lesson | None, list[Diagnostic]]:
    """Load one lesson file (a link must stay inside ``root``, if given).

    ``None`` articles/glossary skip the checks that need them.
    """
    return check_lesson(load_yaml(path, shown, root), articles, glossary)


def _id_hint(doc: Document, articles: dict[str, Article] | None, glossary: dict[str, dict] | None,
             path: tuple, value: str) -> str:
    """What a technique, article or passage id that is not even an id (``Doubt``, ``AMAC Solis``) may mean."""
    key = next((k for k in reversed(path) if isinstance(k, str)), "")
    if key == "technique" and glossary:
        return did_you_mean_name(value, term_names(glossary))
    if key == "article" and articles:
        return did_you_mean_name(value, article_names(articles))
    if key in ("passage", "passages") and isinstance(doc.data, dict):
        ids = [p["id"] for p in doc.data.get("passages") or [] if isinstance(p, dict) and isinstance(p.get("id"), str)]
        return did_you_mean_name(value, {i: i for i in ids})
    return ""


def check_lesson(doc: Document, articles: dict[str, Article] | None,
                 glossary: dict[str, dict] | None) -> tuple[Lesson | None, list[Diagnostic]]:
    """Validate a parsed lesson document, then run ``LESSON_CHECKS``; the lesson is None if anything is wrong."""
    shown = doc.path
    if doc.problems:
        return None, doc.problems
    diags = validate(doc, "lesson", partial(_id_hint, doc, articles, glossary))
    broken = broken_keys(doc, "lesson") if diags else set()
    if None in broken:
        return None, diags
    lesson = Lesson(str(doc.data.get("id", "")), shown, doc.data, locator=doc.locator)
    state = LessonState(doc, lesson, articles, glossary, broken)
    for rule in LESSON_CHECKS:
        rule(state)
    diags += state.diags
    return (None if any(d.severity == "error" for d in diags) else lesson), diags


@dataclass
class LessonState:
    """What the lesson checks share: the document, the lesson built from it so far, what it is checked
    against (``None``: that source failed to load, so the checks that need it are skipped), the
    diagnostics found, and the counters that bound the work on a lesson full of mistakes.

    Exercise kinds' checks get it too: ``kinds.base.LessonChecks`` is the part they may use.
    """

    doc: Document
    lesson: Lesson
    articles: dict[str, Article] | None
    glossary: dict[str, dict] | None
    broken: set = field(default_factory=set)
    """Top-level keys the schema refused: their sections are not checked further."""
    diags: list[Diagnostic] = field(default_factory=list)
    misses: int = 0
    """Quotes not found so far (past ``MAX_SUGGESTIONS``, no more suggestions are looked for)."""
    prose_parsed: int = 0
    """Characters of prose parsed so far to check their links (at most ``MAX_PROSE_PARSED``)."""
    annotated: set[str] = field(default_factory=set)
    """Ids of the passages with at least one annotation written (anchored or not: one that is not has its error)."""

    @cached_property
    def passage_ids(self) -> dict[str, None]:
        """Every passage id the lesson defines, in order (anchored or not)."""
        return dict.fromkeys(s["id"] for s in self.section("passages"))

    def error(self, where: Where, message: str, code: str, hint: str = "") -> None:
        """Report an error at the value at path ``where`` of the lesson file."""
        self.diags.append(self.doc.diag(where, message, code, hint=hint))

    def section(self, key: str) -> list:
        """A list-valued section that passed the schema (empty when absent or broken)."""
        if key in self.broken or (key != "passages" and "passages" in self.broken):
            return []  # everything else refers to passages: without them, checks would only mislead
        return self.lesson.data.get(key, [])

    def find(self, article: Article, words: str, **options: Any) -> anchor.Found:
        """``anchor.anchor`` in ``article``; suggestions stop after ``MAX_SUGGESTIONS`` misses."""
        found = anchor.anchor(article.text, words, normalized=article.normalized,
                              suggestion=self.misses < MAX_SUGGESTIONS, **options)
        self.misses += isinstance(found, anchor.NotFound)
        return found

    def passage_ref(self, pid: str, where: Where) -> Passage | None:
        """The anchored passage ``pid``; an error (with a did-you-mean) when the lesson defines none."""
        if pid in self.lesson.passages:
            return self.lesson.passages[pid]
        known = self.passage_ids
        if pid not in known:
            hint = did_you_mean_name(pid, {p: p for p in known})
            listed = "" if hint else f"; this lesson's passages are: {_some(known)}"
            self.error(where, f"unknown passage '{pid}'{listed}", "unknown-passage", hint)
        return None  # known but not anchored: its own error says why

    def anchor_span(self, passage: Passage, words: str, occurrence: int | None, where: Where,
                    what: str) -> tuple[int, int] | None:
        """Where ``words`` stand inside ``passage`` (article offsets); an error saying why not."""
        found = self.find(passage.article, words, occurrence=occurrence, within=(passage.start, passage.end))
        if isinstance(found, anchor.Match):
            return found.start, found.end
        message, hint = _explain_miss(found, passage.article, {"occurrence": occurrence}, what,
                                      f"passage '{passage.id}'", words, paragraph_base=passage.paragraph)
        self.error(where, message, "span-not-found" if isinstance(found, anchor.NotFound) else "span-ambiguous", hint)
        return None

    def one_correct(self, question: dict, where: Where) -> None:
        """An error unless a multiple-choice question has exactly one option marked correct."""
        marked = [j for j, option in enumerate(question["options"]) if option.get("correct")]
        if not marked:
            self.error(where + ("options",), "no option is marked 'correct: true'", "no-correct-option")
        for j in marked[1:]:
            self.error(where + ("options", j, "correct"), f"option {marked[0] + 1} is already the correct one, and "
                       "a question has one: make this option wrong (remove 'correct: true') and say why in its "
                       "feedback", "several-correct")


# ---- the checks, in the order they run (LESSON_CHECKS) ----

def check_prose(state: LessonState) -> None:
    """Links and glossary references in the lesson's prose lead somewhere."""
    known = state.glossary if state.glossary is not None else _Everything()
    for where, text in prose_fields({k: v for k, v in state.lesson.data.items() if k not in state.broken}):
        if not prose.may_have_problems(text, known) or state.prose_parsed > MAX_PROSE_PARSED:
            continue
        state.prose_parsed += len(text)
        if state.prose_parsed > MAX_PROSE_PARSED:
            state.error(where, f"links and glossary references are checked no further: this lesson has more "
                        f"than {MAX_PROSE_PARSED:,} characters of prose with links that may be wrong; fix "
                        "those reported above first", "too-many-problems")
            continue
        for problem in prose.problems(text, known):
            hint = did_you_mean_name(problem.term, term_names(state.glossary)) if problem.term and state.glossary \
                else ""
            listed = _term_ids(state.glossary) if problem.term and state.glossary and not hint else ""
            state.error(where, problem.message + listed, problem.code, hint)


def anchor_passages(state: LessonState) -> None:
    """Each passage's quote is found once in its article, in one voice: the lesson's ``passages``."""
    seen: set[str] = set()
    for i, spec in enumerate(state.section("passages")):
        where = ("passages", i)
        if spec["id"] in seen:
            state.error(where + ("id",), f"passage id '{spec['id']}' is used twice in this lesson", "duplicate-id")
            continue
        seen.add(spec["id"])
        if state.articles is not None:
            _anchor_passage(state, state.articles, spec, where)


def check_contrasts(state: LessonState) -> None:
    """A contrast sets passages of the lesson side by side."""
    for i, contrast in enumerate(state.section("contrasts")):
        for j, pid in enumerate(contrast["passages"]):
            state.passage_ref(pid, ("contrasts", i, "passages", j))


def anchor_annotations(state: LessonState) -> None:
    """Each annotation marks words of its passage with a glossary technique: the lesson's ``annotations``."""
    written = state.lesson.data.get("annotations")
    if "annotations" in state.broken and isinstance(written, list):  # its own errors are reported: no more
        state.annotated.update(n["passage"] for n in written
                               if isinstance(n, dict) and isinstance(n.get("passage"), str))
    for i, note in enumerate(state.section("annotations")):
        where = ("annotations", i)
        passage = state.passage_ref(note["passage"], where + ("passage",))
        if state.glossary is not None and note["technique"] not in state.glossary:
            hint = did_you_mean_name(note["technique"], term_names(state.glossary))
            message = f"unknown technique '{note['technique']}'" + ("" if hint else _term_ids(state.glossary))
            state.error(where + ("technique",), message, "unknown-term",
                        hint and f"{hint} (see lessons/glossary.yaml)")
        if passage is None:
            continue
        span = state.anchor_span(passage, note["span"], note.get("occurrence"), where + ("span",), "span")
        accept = [found for j, words in enumerate(note.get("accept", []))
                  for found in _anchor_accepted(state, passage, words, where + ("accept", j))]
        state.annotated.add(passage.id)  # written, found or not: a span not found has its own error
        if span:
            state.lesson.annotations.append(Annotation(0, passage, *span, note["technique"], note["explanation"],
                                                       accept))
    _in_reading_order(state.lesson)


def _in_reading_order(lesson: Lesson) -> None:
    """The lesson's annotations as a reader meets them (passage by passage, then by position), numbered so."""
    order = {pid: i for i, pid in enumerate(lesson.passages)}
    lesson.annotations.sort(key=lambda note: (order[note.passage.id], note.start, note.end))
    for number, note in enumerate(lesson.annotations, 1):
        note.number = number


def check_self_check(state: LessonState) -> None:
    """A self-check question quotes a passage of the lesson, if any, and has a correct option."""
    for i, question in enumerate(state.section("self_check")):
        if "passage" in question:
            state.passage_ref(question["passage"], ("self_check", i, "passage"))
        state.one_correct(question, ("self_check", i))


def check_exercises(state: LessonState) -> None:
    """Exercise ids are unique, and each exercise passes its kind's checks: the lesson's ``exercises``."""
    seen: set[str] = set()
    for i, spec in enumerate(state.section("exercises")):
        if spec["id"] in seen:
            state.error(("exercises", i, "id"), f"exercise id '{spec['id']}' is used twice", "duplicate-id")
        seen.add(spec["id"])
        kind = kind_of(spec["kind"])  # the schema admits only registered kinds
        kind.check(state, spec, ("exercises", i))
        state.lesson.exercises.append(Exercise(spec, kind))


def check_lateral_reading(state: LessonState) -> None:
    """The lateral-reading block's ``true_as_of`` is a real date, and not one still to come."""
    block = state.lesson.data.get("lateral_reading")
    if "lateral_reading" in state.broken or not isinstance(block, dict):
        return
    problem = date_problem(block["true_as_of"])
    if problem:
        state.error(("lateral_reading", "true_as_of"), f"'lateral_reading.true_as_of' {problem}", "bad-date")


def date_problem(text: str, today: date | None = None) -> str:
    """Why a ``YYYY-MM`` or ``YYYY-MM-DD`` date (already in that shape) is not a date a finding was true on."""
    if not isinstance(text, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", text):
        return ""  # the schema reports a date of the wrong shape
    parts = [int(p) for p in text.split("-")]
    try:
        day = date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        return f"is not a date on the calendar ({exc}), got '{text}'"
    today = today or date.today()
    if day > today:
        return f"is a date still to come ('{text}'): give the date the finding was last checked true"
    return ""


LESSON_CHECKS: tuple[Callable[[LessonState], None], ...] = (
    check_prose,
    check_lateral_reading,
    anchor_passages,
    check_contrasts,
    anchor_annotations,
    check_cold_reads,
    check_self_check,
    check_exercises,
)
"""The checks of a schema-valid lesson, in order: a check may rely on what those before it built
(the passages, then the annotations that exercises of spot-loaded-words need)."""


# ---- helpers of the checks ----

def _anchor_passage(state: LessonState, articles: dict[str, Article], spec: dict, where: Where) -> None:
    """The passage ``spec`` found in its article, in one voice, and added to the lesson; else an error."""
    article = articles.get(spec["article"])
    if article is None:
        message, hint = _ending(f"unknown article '{spec['article']}'",
                                did_you_mean_name(spec["article"], article_names(articles)),
                                f"(articles: {', '.join(sorted(articles))})")
        state.error(where + ("article",), message, "unknown-article", hint)
        return
    found = state.find(article, spec["quote"], occurrence=spec.get("occurrence"), before=spec.get("before"),
                       after=spec.get("after"), paragraphs=article.paragraphs)
    if isinstance(found, anchor.Match):
        if _one_voice(state, article, found, spec, where):
            state.lesson.passages[spec["id"]] = Passage(spec["id"], article, found.start, found.end, spec)
        return
    number = anchor.paragraph_number_prefix(spec["quote"], len(article.paragraphs))
    if number and isinstance(found, anchor.NotFound):
        state.error(where + ("quote",), f"quote not found in article '{article.id}': it starts with '{number}', the "
                    "paragraph number shown on the article page: remove it", "quote-not-found")
        return
    message, hint = _explain_miss(found, article, spec, "quote", f"article '{article.id}'", spec["quote"])
    state.error(where + ("quote",), message,
                "quote-not-found" if isinstance(found, anchor.NotFound) else "quote-ambiguous", hint)


def article_names(articles: dict[str, Article]) -> dict[str, str]:
    """Every name a teacher may use for an article, to its id: the id, its short title and its outlet."""
    names = {article_id: article_id for article_id in articles}
    for article_id, article in articles.items():
        for key in ("short_title", "outlet"):
            if isinstance(article.meta.get(key), str):
                names.setdefault(article.meta[key], article_id)
    return names


def _one_voice(state: LessonState, article: Article, found: anchor.Match, spec: dict, where: Where) -> bool:
    """A passage speaks with one voice (its credit names it); ``speaker`` only names speech the author quotes."""
    voices = article.voices_in(found.start, found.end)
    if len(voices) > 1:
        (first, a), (second, b) = voices[:2]
        state.error(where + ("quote",), f"quote spans two voices in article '{article.id}': "
                    f"{_voice_place(first, a, article)} and {_voice_place(second, b, article)}. A passage is "
                    "credited to one voice: quote each part as a passage of its own", "passage-spans-voices")
        return False
    voice = voices[0][0] if voices else None
    if spec.get("speaker") and voice is not None:
        state.error(where + ("speaker",), "speaker names speech quoted in the byline author's text, but this "
                    f"quote is in {_voice_place(voice, found.start, article)}, which has a credit of its own; "
                    "remove speaker", "speaker-outside-body")
        return False
    return True


def _anchor_accepted(state: LessonState, passage: Passage, words: str, where: Where) -> list[tuple[int, int]]:
    """Every place in the passage of an accepted wording (any of them will do); a miss is an error."""
    found = anchor.find_all(passage.article.normalized, words, (passage.start, passage.end))
    if not found:
        state.anchor_span(passage, words, None, where, "accepted wording")  # says why, with a suggestion
    return [(m.start, m.end) for m in found]


def _explain_miss(found: anchor.Miss, article: Article, spec: dict, what: str, place: str, words: str,
                  paragraph_base: int | None = None) -> tuple[str, str]:
    """Why ``what`` (``words``) was not found once in ``place``, and the hint (the closest words) if there is one."""
    if isinstance(found, anchor.NotFound):
        msg = f"{what} not found in {place}"
        if not found.looked:
            return msg + (f"; no suggestion, as more than {MAX_SUGGESTIONS} quotes of this lesson are not found. "
                          "Copy the words from the article page"), ""
        if found.suggestion:
            paragraph = found.paragraph if paragraph_base is None else paragraph_base
            return msg + differing(words, found.suggestion), did_you_mean_words(shortened(found.suggestion),
                                                                                  paragraph)
        return msg + "; nothing in it is close. Copy the words from the article page", ""
    if isinstance(found, anchor.ContextMismatch):
        return (f"{what} occurs {found.count} time(s) in {place}, but never with the given "
                "before/after words; check them against the article"), ""
    paras = _some(str(article.paragraph_of(m.start)) for m in found.matches)
    n = len(found.matches)
    if spec.get("occurrence"):
        return f"occurrence: {spec['occurrence']} asked for, but the {what} occurs only {n} time(s) in {place}", ""
    return (f"{what} is ambiguous: it occurs {n} times in {place} (paragraphs {paras}); add "
            f"'occurrence: N' (1 to {n}) or 'before:'/'after:' words to choose one"), ""


SHOWN_DIFFERENCES = 2
"""How many differing stretches a misquote's message names before "and N more differences"."""
LONGEST_SUGGESTION = 30
"""Words of a suggested passage shown whole; a longer one is shown by its first and last words."""


def differing(words: str, close: str) -> str:
    """``: the article has "trick" where the lesson has "trap"``, for the first differences ('' for none)."""
    found = anchor.differences(words, close)
    if not found:
        return ""
    shown = "; ".join(f'the article has "{theirs}" where the lesson has "{ours}"'
                      for theirs, ours in found[:SHOWN_DIFFERENCES])
    more = len(found) - SHOWN_DIFFERENCES
    return f": {shown}" + (f", and {more} more difference{'s' if more > 1 else ''}" if more > 0 else "")


def shortened(text: str, most: int = LONGEST_SUGGESTION) -> str:
    """``text`` if it has at most ``most`` words, else its first and last words around "...".

    The message has already named the words that differ."""
    words = text.split()
    if len(words) <= most:
        return text
    half = most // 2
    return " ".join(words[:half]) + " ... " + " ".join(words[-half:])


def _term_ids(glossary: dict[str, dict]) -> str:
    """``; the glossary's term ids are: a, b, ...``: for an unknown term with no close one."""
    return f"; the glossary's term ids are: {', '.join(glossary)} (lessons/glossary.yaml)"


def _ending(message: str, hint: str, tail: str) -> tuple[str, str]:
    """``message`` and ``hint`` with ``tail`` at the end of the sentence: after the hint if there is one."""
    return (message, f"{hint} {tail}") if hint else (f"{message} {tail}", "")


def _voice_place(voice: Voice | None, offset: int, article: Article) -> str:
    """A voice named for a message: what it is, the paragraph reached, where articles.yaml describes it."""
    para = f"paragraph {article.paragraph_of(offset)}"
    if voice is None:
        return f"the byline author's text ({article.meta['author']}, {para})"
    return f"'{voice_name(voice, article)}' ({para}; seeds/articles.yaml line {voice.line})"


def _some(items: Iterable[str], most: int = 12) -> str:
    """``a, b, c`` for a few items, ``a, b, ... and 40 more`` for many: one message stays one line."""
    items = list(items)
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most:,} more" if len(items) > most else "")


class _Everything:
    """Stands in for the glossary when it failed to load: every term is 'known'."""

    def __contains__(self, item: object) -> bool:
        return True
