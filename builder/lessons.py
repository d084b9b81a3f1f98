"""Load lesson specs: parse, validate against the schema, resolve references, anchor quotes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import anchor, prose
from .articles import Article
from .kinds import ExerciseKind, kind_of, not_prose
from .credit import voice_name
from .diagnostics import Diagnostic
from .source import Document, Locator, load_yaml
from .validate import broken_keys, closest, validate

MAX_SUGGESTIONS = 20
"""Quotes per lesson that are not found and still get a 'did you mean': looking for the closest
passage takes up to a few milliseconds, so thousands of wrong quotes would otherwise take minutes."""

MAX_PROSE_PARSED = 50_000
"""Characters of prose per lesson that are parsed to check their links and glossary references.

Only a field that may hold a bad one is parsed (in a good lesson, none is), at up to 5 µs a
character: past this, a lesson made of such fields would take many seconds to check."""

NOT_PROSE = {"id", "article", "quote", "before", "after", "span", "accept", "technique", "passage", "passages",
             "kind", "strands", "minutes", "occurrence", "correct", "speaker", "order"} | not_prose()
"""Keys whose text values are not prose: ids, quotes, words of an article, enum values, names (and
the exercise kinds' ``not_prose`` keys)."""


def prose_fields(value, path: tuple = (), key=None, skip: frozenset | None = None):
    """``(path, text)`` for every prose string in lesson data: quotes, ids and enum values left out.

    Mappings and lists are always walked (a passage's ``note`` is prose though ``passages`` holds
    ids elsewhere); a string counts when the key it sits under is not in ``NOT_PROSE`` (or among
    the ``not_prose`` keys of an exercise kind registered since).
    """
    skip = NOT_PROSE | not_prose() if skip is None else skip
    if isinstance(value, dict):
        for k, item in value.items():
            yield from prose_fields(item, path + (k,), k, skip)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from prose_fields(item, path + (i,), key, skip)
    elif isinstance(value, str) and key not in skip:
        yield path, value


@dataclass
class Passage:
    """A quote anchored in its article: ``[start, end)`` are offsets into the original text."""

    id: str
    article: Article
    start: int
    end: int
    spec: dict

    @property
    def text(self) -> str:
        return self.article.text[self.start:self.end]

    @property
    def paragraph(self) -> int:
        return self.article.paragraph_of(self.start)


@dataclass
class Annotation:
    """A technique marked on a span inside a passage (offsets into the article)."""

    number: int
    passage: Passage
    start: int
    end: int
    technique: str
    explanation: str
    accept: list[tuple[int, int]] = field(default_factory=list)
    """Other wordings the notebook accepts for this span (``accept:``), as offsets into the article."""

    @property
    def text(self) -> str:
        return self.passage.article.text[self.start:self.end]


@dataclass
class Exercise:
    """A notebook exercise whose references and attributions have been checked."""

    spec: dict
    kind: ExerciseKind
    """Its kind (from ``builder.kinds.KINDS``): what renders it in the notebook and on the page."""


@dataclass
class Lesson:
    """One validated lesson with every quote anchored."""

    id: str
    path: str
    data: dict
    passages: dict[str, Passage] = field(default_factory=dict)
    annotations: list[Annotation] = field(default_factory=list)
    exercises: list[Exercise] = field(default_factory=list)
    locator: Locator = field(default_factory=Locator)
    """Where each value of the lesson file is (for diagnostics about the whole course)."""

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def article_ids(self) -> list[str]:
        return sorted({p.article.id for p in self.passages.values()})


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


def check_lesson(doc: Document, articles: dict[str, Article] | None,
                 glossary: dict[str, dict] | None) -> tuple[Lesson | None, list[Diagnostic]]:
    """Validate a parsed lesson document and anchor its quotes; the lesson is None if anything is wrong."""
    shown = doc.path
    if doc.problems:
        return None, doc.problems
    diags = validate(doc, "lesson")
    broken = broken_keys(doc, "lesson") if diags else set()
    if None in broken:
        return None, diags
    lesson = Lesson(str(doc.data.get("id", "")), shown, doc.data, locator=doc.locator)
    checker = _Checker(doc, lesson, articles, glossary, broken)
    checker.run()
    diags += checker.diags
    return (None if any(d.severity == "error" for d in diags) else lesson), diags


@dataclass
class _Checker:
    """Cross-reference checks and anchoring for one schema-valid lesson."""

    doc: Document
    lesson: Lesson
    articles: dict[str, Article] | None
    glossary: dict[str, dict] | None
    broken: set = field(default_factory=set)
    diags: list[Diagnostic] = field(default_factory=list)
    misses: int = 0  # quotes not found
    prose_parsed: int = 0  # characters of prose parsed to check its links
    annotated: set[str] = field(default_factory=set)  # ids of passages with an annotation

    @cached_property
    def passage_ids(self) -> dict[str, None]:
        """Every passage id the lesson defines, in order (anchored or not)."""
        return dict.fromkeys(s["id"] for s in self.section("passages"))

    def error(self, where, message, code):
        self.diags.append(self.doc.diag(where, message, code))

    def find(self, article: Article, words: str, **options):
        """``anchor.anchor`` in ``article``; suggestions stop after ``MAX_SUGGESTIONS`` misses."""
        found = anchor.anchor(article.text, words, normalized=article.normalized,
                              suggestion=self.misses < MAX_SUGGESTIONS, **options)
        self.misses += isinstance(found, anchor.NotFound)
        return found

    def section(self, key: str) -> list:
        """A list-valued section that passed the schema (empty when absent or broken)."""
        if key in self.broken or (key != "passages" and "passages" in self.broken):
            return []  # everything else refers to passages: without them, checks would only mislead
        return self.lesson.data.get(key, [])

    def run(self) -> None:
        data = self.lesson.data
        self.check_prose({k: v for k, v in data.items() if k not in self.broken})
        self.anchor_passages(self.section("passages"))
        for i, contrast in enumerate(self.section("contrasts")):
            for j, pid in enumerate(contrast["passages"]):
                self.passage_ref(pid, ("contrasts", i, "passages", j))
        for i, note in enumerate(self.section("annotations")):
            self.anchor_annotation(note, ("annotations", i))
        for i, question in enumerate(self.section("self_check")):
            if "passage" in question:
                self.passage_ref(question["passage"], ("self_check", i, "passage"))
            self.one_correct(question, ("self_check", i))
        seen: dict[str, int] = {}
        for i, exercise in enumerate(self.section("exercises")):
            if exercise["id"] in seen:
                self.error(("exercises", i, "id"), f"exercise id '{exercise['id']}' is used twice", "duplicate-id")
            seen[exercise["id"]] = i
            self.check_exercise(exercise, ("exercises", i))

    def check_prose(self, value) -> None:
        known = self.glossary if self.glossary is not None else _Everything()
        for where, text in prose_fields(value):
            if not prose.may_have_problems(text, known) or self.prose_parsed > MAX_PROSE_PARSED:
                continue
            self.prose_parsed += len(text)
            if self.prose_parsed > MAX_PROSE_PARSED:
                self.error(where, f"links and glossary references are checked no further: this lesson has more "
                           f"than {MAX_PROSE_PARSED:,} characters of prose with links that may be wrong; fix "
                           "those reported above first", "too-many-problems")
                continue
            for problem in prose.problems(text, known):
                self.error(where, problem.message, problem.code)

    def anchor_passages(self, specs) -> None:
        seen: set[str] = set()
        for i, spec in enumerate(specs):
            where = ("passages", i)
            if spec["id"] in seen:
                self.error(where + ("id",), f"passage id '{spec['id']}' is used twice in this lesson", "duplicate-id")
                continue
            seen.add(spec["id"])
            if self.articles is None:
                continue
            article = self.articles.get(spec["article"])
            if article is None:
                hint = _closest_id(spec["article"], list(self.articles))
                self.error(where + ("article",), f"unknown article '{spec['article']}'"
                           + (f"; did you mean '{hint}'?" if hint else "")
                           + f" (articles: {', '.join(sorted(self.articles))})", "unknown-article")
                continue
            found = self.find(article, spec["quote"], occurrence=spec.get("occurrence"), before=spec.get("before"),
                              after=spec.get("after"), paragraphs=article.paragraphs)
            if isinstance(found, anchor.Match):
                if self.one_voice(article, found, spec, where):
                    self.lesson.passages[spec["id"]] = Passage(spec["id"], article, found.start, found.end, spec)
            else:
                self.error(where + ("quote",), self.explain_miss(found, article, spec, "quote", f"article '{article.id}'"),
                           "quote-not-found" if isinstance(found, anchor.NotFound) else "quote-ambiguous")

    def one_voice(self, article: Article, found: anchor.Match, spec: dict, where) -> bool:
        """A passage speaks with one voice (its credit names it); ``speaker`` only names speech the author quotes."""
        voices = article.voices_in(found.start, found.end)
        if len(voices) > 1:
            (first, a), (second, b) = voices[:2]
            self.error(where + ("quote",), f"quote spans two voices in article '{article.id}': "
                       f"{_voice_place(first, a, article)} and {_voice_place(second, b, article)}. A passage is "
                       "credited to one voice: quote each part as a passage of its own", "passage-spans-voices")
            return False
        voice = voices[0][0] if voices else None
        if spec.get("speaker") and voice is not None:
            self.error(where + ("speaker",), "speaker names speech quoted in the byline author's text, but this "
                       f"quote is in {_voice_place(voice, found.start, article)}, which has a credit of its own; "
                       "remove speaker", "speaker-outside-body")
            return False
        return True

    def explain_miss(self, found, article: Article, spec: dict, what: str, place: str,
                     paragraph_base: int | None = None) -> str:
        if isinstance(found, anchor.NotFound):
            msg = f"{what} not found in {place}"
            if not found.looked:
                return msg + (f"; no suggestion, as more than {MAX_SUGGESTIONS} quotes of this lesson are not found. "
                              "Copy the words from the article page")
            if found.suggestion:
                para = found.paragraph if paragraph_base is None else paragraph_base
                return msg + f'; did you mean "{" ".join(found.suggestion.split())}" (paragraph {para})?'
            return msg + "; nothing in it is close. Copy the words from the article page"
        if isinstance(found, anchor.ContextMismatch):
            return (f"{what} occurs {found.count} time(s) in {place}, but never with the given "
                    "before/after words; check them against the article")
        paras = _some(str(article.paragraph_of(m.start)) for m in found.matches)
        n = len(found.matches)
        if spec.get("occurrence"):
            return f"occurrence: {spec['occurrence']} asked for, but the {what} occurs only {n} time(s) in {place}"
        return (f"{what} is ambiguous: it occurs {n} times in {place} (paragraphs {paras}); add "
                f"'occurrence: N' (1 to {n}) or 'before:'/'after:' words to choose one")

    def passage_ref(self, pid: str, where) -> Passage | None:
        if pid in self.lesson.passages:
            return self.lesson.passages[pid]
        known = self.passage_ids
        if pid not in known:
            hint = _closest_id(pid, list(known))
            self.error(where, f"unknown passage '{pid}'" + (f"; did you mean '{hint}'?" if hint else
                       f"; this lesson's passages are: {_some(known)}"), "unknown-passage")
        return None  # known but not anchored: its own error says why

    def anchor_annotation(self, note: dict, where) -> None:
        passage = self.passage_ref(note["passage"], where + ("passage",))
        if self.glossary is not None and note["technique"] not in self.glossary:
            hint = _closest_id(note["technique"], list(self.glossary))
            self.error(where + ("technique",), f"unknown technique '{note['technique']}'"
                       + (f"; did you mean '{hint}'?" if hint else "") + " (see lessons/glossary.yaml)",
                       "unknown-term")
        if passage is None:
            return
        span = self.anchor_span(passage, note["span"], note.get("occurrence"), where + ("span",), "span")
        accept = [found for j, words in enumerate(note.get("accept", []))
                  for found in self.anchor_accepted(passage, words, where + ("accept", j))]
        if span:
            self.lesson.annotations.append(Annotation(len(self.lesson.annotations) + 1, passage, *span,
                                                      note["technique"], note["explanation"], accept))
            self.annotated.add(passage.id)

    def anchor_accepted(self, passage: Passage, words: str, where) -> list[tuple[int, int]]:
        """Every place in the passage of an accepted wording (any of them will do); a miss is an error."""
        found = anchor.find_all(passage.article.normalized, words, (passage.start, passage.end))
        if not found:
            self.anchor_span(passage, words, None, where, "accepted wording")  # says why, with a suggestion
        return [(m.start, m.end) for m in found]

    def anchor_span(self, passage: Passage, words: str, occurrence, where, what) -> tuple[int, int] | None:
        found = self.find(passage.article, words, occurrence=occurrence, within=(passage.start, passage.end))
        if isinstance(found, anchor.Match):
            return found.start, found.end
        self.error(where, self.explain_miss(found, passage.article, {"occurrence": occurrence}, what,
                                            f"passage '{passage.id}'", paragraph_base=passage.paragraph),
                   "span-not-found" if isinstance(found, anchor.NotFound) else "span-ambiguous")
        return None

    def one_correct(self, question: dict, where) -> None:
        if not any(option.get("correct") for option in question["options"]):
            self.error(where + ("options",), "no option is marked 'correct: true'", "no-correct-option")

    def check_exercise(self, spec: dict, where) -> None:
        """The checks of the exercise's kind (the schema admits only registered kinds)."""
        kind = kind_of(spec["kind"])
        kind.check(self, spec, where)
        self.lesson.exercises.append(Exercise(spec, kind))


def _voice_place(voice, offset: int, article: Article) -> str:
    """A voice named for a message: what it is, the paragraph reached, where articles.yaml describes it."""
    para = f"paragraph {article.paragraph_of(offset)}"
    if voice is None:
        return f"the byline author's text ({article.meta['author']}, {para})"
    return f"'{voice_name(voice, article)}' ({para}; seeds/articles.yaml line {voice.line})"


def _some(items, most: int = 12) -> str:
    """``a, b, c`` for a few items, ``a, b, ... and 40 more`` for many: one message stays one line."""
    items = list(items)
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most:,} more" if len(items) > most else "")


def _closest_id(word: str, choices: list[str]) -> str | None:
    """A known id close to a mistyped one (stricter than for keys: ids are long and alike)."""
    return closest(word, choices, cutoff=70)


class _Everything:
    """Stands in for the glossary when it failed to load: every term is 'known'."""

    def __contains__(self, item) -> bool:
        return True

