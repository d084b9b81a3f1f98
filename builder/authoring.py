"""What a teacher writing a lesson asks the builder: ``course new`` (a skeleton lesson) and ``course find``
(where words are in the articles, as passage YAML to paste).

Both read the articles as ``course check`` does: quotes are found with ``anchor``'s typography-blind matching,
so what they print is what the check accepts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import anchor
from .diagnostics import Diagnostic, did_you_mean
from .lessons import check_lesson, lesson_files
from .model import Article, Lesson
from .source import parse_yaml

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID = 60
DOCS = "docs/writing-lessons.md"
_NUMBERED = re.compile(r"(\d+)-")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z]{7,}")


def as_slug(text: str) -> str:
    """``text`` as lowercase words joined by hyphens: what a teacher probably meant by it as an id."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:MAX_ID].strip("-")


def slug_problem(lesson_id: str) -> str | None:
    """Why ``lesson_id`` cannot name a lesson, or None."""
    if SLUG.fullmatch(lesson_id) and len(lesson_id) <= MAX_ID:
        return None
    hint = as_slug(lesson_id)
    better = f"; did you mean '{hint}'?" if hint and hint != lesson_id else ""
    size = f" of at most {MAX_ID} characters" if len(lesson_id) > MAX_ID else ""
    return (f"'{lesson_id}' is not a lesson id: use lowercase words joined by hyphens{size}, like loaded-words "
            f"(letters a to z and digits, one hyphen between words){better}")


def yaml_value(value: object) -> str:
    """``value`` as one YAML scalar or flow list, quoted as YAML needs (any quote characters stay valid)."""
    return yaml.safe_dump(value, allow_unicode=True, width=10**6, default_flow_style=True).removesuffix(
        "\n...\n").strip()


# ---- course new ----

@dataclass(frozen=True)
class Sample:
    """Words of an article that ``course check`` finds exactly once, in one voice."""

    article: str
    quote: str
    span: str  # a word of the quote that occurs once in it


def sample_passages(articles: Mapping[str, Article], quoted: Iterable[tuple[str, int, int]], count: int = 2
                    ) -> list[Sample]:
    """A sentence from each of the first ``count`` articles that no lesson quotes yet (``quoted``: article id,
    start, end of every passage), found once in its article, in the author's own voice."""
    taken: dict[str, list[tuple[int, int]]] = {}
    for article_id, start, end in quoted:
        taken.setdefault(article_id, []).append((start, end))
    found = []
    for article in articles.values():
        sample = _sample(article, taken.get(article.id, []))
        if sample:
            found.append(sample)
        if len(found) == count:
            break
    return found


def _sample(article: Article, taken: Sequence[tuple[int, int]]) -> Sample | None:
    for lo, hi in article.paragraphs:
        for sentence in _SENTENCE_END.split(article.text[lo:hi]):
            quote = " ".join(sentence.split())
            if not 8 <= len(quote.split()) <= 30:
                continue
            matches = anchor.find_all(article.normalized, quote)
            if len(matches) != 1:
                continue
            m = matches[0]
            if any(a < m.end and m.start < b for a, b in taken) or article.voices_in(m.start, m.end) != [
                    (None, m.start)]:
                continue
            span = next((w for w in _WORD.findall(quote)
                         if len(anchor.find_all(article.normalized, w, (m.start, m.end))) == 1), None)
            if span:
                return Sample(article.id, quote, span)
    return None


def next_file_name(lessons_dir: Path, lesson_id: str) -> str:
    """``NN-lesson-id.yaml``, NN one more than the highest number of a lesson file, as wide as theirs."""
    files, _ = lesson_files(lessons_dir)
    numbers = [m.group(1) for m in (_NUMBERED.match(p.name) for p in files) if m]
    last = max(numbers, key=int, default="00")
    return f"{int(last) + 1:0{len(last)}d}-{lesson_id}.yaml"


def lesson_ids_on_disk(lessons_dir: Path) -> dict[str, str]:
    """``{id: file name}`` of every lesson file whose YAML names an id, loaded or not."""
    ids: dict[str, str] = {}
    files, _ = lesson_files(lessons_dir)
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            ids.setdefault(data["id"], path.name)
    return ids


def capstone_of(lessons: Sequence[Lesson]) -> Lesson | None:
    """The lesson the course marks as its capstone (``capstone: true``, or its id or file name says so)."""
    marked = [lesson for lesson in lessons if lesson.data.get("capstone") is True]
    named = [lesson for lesson in lessons if "capstone" in lesson.id or "capstone" in Path(lesson.path).stem]
    return next(iter(marked or named), None)


def skeleton(lesson_id: str, title: str, strand: str, samples: Sequence[Sample], technique: str) -> str:
    """The text of a new lesson: every section the course's lessons have, each with a comment saying what it
    is for, and placeholder passages that quote real words, so that ``course check`` passes at once."""
    first, second = samples[0], samples[-1]
    q = yaml_value
    return f"""\
# yaml-language-server: $schema=schema/lesson.schema.json
# A new lesson written by `course new`. Each key is explained in {DOCS} ("A lesson, key by key").
# Everything below passes `course check` as it is, but the passages, annotation and questions are
# placeholders: replace them, run `course check` after each change, and watch the page in `mkdocs serve`.

# The page's name (lowercase words joined by hyphens) and the title students see.
id: {q(lesson_id)}
title: {q(title)}
summary: One sentence for the course overview.
# One or more of bias-and-framing, sourcing, loaded-language.
strands: [{q(strand)}]
# Class time in minutes, 5 to 240.
minutes: 45

objectives:
  - Name one reading move this lesson teaches.

introduction: >-
  Opening prose: what students will look at, and why it matters.

# The quotes: exact words of an article (curly quotes, dashes and spaces may be typed plainly).
# `course find "some words"` prints where words occur, as a passage ready to paste here.
# Quote at least two different articles.
passages:
  - id: first-passage
    article: {q(first.article)}
    quote: {q(first.quote)}
    # Students read it plain first, mark the words and name the move, then reveal its highlights.
    cold_read: true
  - id: second-passage
    article: {q(second.article)}
    quote: {q(second.quote)}

# Passages to set side by side, with a question.
contrasts:
  - passages: [first-passage, second-passage]
    question: What does each passage want the reader to think?

# Techniques marked on words inside a passage: the span must be words of the passage's quote,
# and the technique an id of lessons/glossary.yaml.
annotations:
  - passage: first-passage
    span: {q(first.span)}
    technique: {q(technique)}
    explanation: Replace this with what these words do to the reader.

# Multiple-choice questions. Every option has feedback and one is correct; the builder shuffles
# the options, so never write "see option B".
self_check:
  - prompt: Replace this with a question about the first passage.
    passage: first-passage
    options:
      - text: The right answer
        correct: true
        feedback: Yes. Say why it is right.
      - text: A mistake a real reader makes
        feedback: Not quite. Say what the passage shows instead.

# A task students can repeat on any news article.
transfer: >-
  Find a news article and try this lesson's reading move on it.

# For the teacher edition only.
teacher_notes:
  timing: 10 minutes reading, 25 minutes discussion, 10 minutes self-check.
  misconceptions:
    - A mistake students often make here.
  answers: >-
    Model answers for the contrast and the transfer task.

# Notebook exercises (kinds: spot-loaded-words, classify-sources, compare-framings, by-the-numbers).
exercises:
  - id: spot
    kind: spot-loaded-words
    prompt: List the words of the first passage that do the work of a technique.
    passage: first-passage
"""


@dataclass
class NewLesson:
    """What ``course new`` wrote, or why it wrote nothing."""

    path: Path | None = None
    problems: list[str] | None = None
    notes: list[str] | None = None


def new_lesson(root: Path, lesson_id: str, title: str, strand: str, articles: Mapping[str, Article],
               glossary: Mapping[str, dict], lessons: Sequence[Lesson]) -> NewLesson:
    """Write ``lessons/NN-<id>.yaml`` (never over an existing file); refuse a bad or taken id."""
    problem = slug_problem(lesson_id)
    if problem:
        return NewLesson(problems=[problem])
    lessons_dir = root / "lessons"
    taken = lesson_ids_on_disk(lessons_dir) | {lesson.id: Path(lesson.path).name for lesson in lessons}
    if lesson_id in taken:
        return NewLesson(problems=[f"a lesson with id '{lesson_id}' already exists: lessons/{taken[lesson_id]}; "
                                   "choose another id"])
    name = next_file_name(lessons_dir, lesson_id)
    quoted = [(p.article.id, p.start, p.end) for lesson in lessons for p in lesson.passages.values()]
    samples = sample_passages(articles, quoted)
    if not samples or not glossary:
        return NewLesson(problems=["no article sentence is free to quote, or the glossary is empty"])
    text = skeleton(lesson_id, title, strand, samples, next(iter(glossary)))
    made, diags = check_lesson(parse_yaml(text, f"lessons/{name}"), dict(articles), dict(glossary))
    if made is None:
        return NewLesson(problems=[_shown(d) for d in diags])
    path = lessons_dir / name
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": never over an existing file
            out.write(text)
    except FileExistsError:
        return NewLesson(problems=[f"{path} already exists; nothing written"])
    return NewLesson(path=path, notes=_order_notes(lessons_dir, path, lessons))


def _shown(diag: Diagnostic) -> str:
    return diag.message + (f"; {diag.hint}" if diag.hint else "")


def _order_notes(lessons_dir: Path, path: Path, lessons: Sequence[Lesson]) -> list[str]:
    """Where the new file sorts, when that is not simply last after an ordinary lesson."""
    files, _ = lesson_files(lessons_dir)
    notes = []
    if files and files[-1] != path:
        notes.append(f"lessons/{path.name} does not sort last (lessons sort by file name): rename it so that it "
                     "sorts where it belongs")
    capstone = capstone_of(lessons)
    if capstone is not None and Path(capstone.path).name < path.name:
        old = Path(capstone.path).name
        mine, theirs = _NUMBERED.match(path.name), _NUMBERED.match(old)
        swap = (f": rename lessons/{old} to lessons/{mine.group(1)}-{old[theirs.end():]} and lessons/{path.name} "
                f"to lessons/{theirs.group(1)}-{path.name[mine.end():]}" if mine and theirs else "")
        notes.append(f"lessons/{path.name} sorts after the capstone, lessons/{old}. To keep the capstone last, "
                     f"swap their numbers{swap}")
    return notes


# ---- course find ----

@dataclass(frozen=True)
class Place:
    """One occurrence of the words searched for, and the passage YAML that quotes exactly it."""

    article: str
    paragraph: int
    context: str
    passage: dict  # id, article, quote, and occurrence or before/after when the words occur more than once
    usable: str  # '' or why `course check` would refuse it as one passage


def find_words(articles: Mapping[str, Article], words: str, article_id: str | None = None) -> list[Place]:
    """Every occurrence of ``words`` in the articles (or in ``article_id``), typography-blind."""
    places = []
    for article in articles.values():
        if article_id is not None and article.id != article_id:
            continue
        matches = anchor.find_all(article.normalized, words)
        places += [_place(article, match, n, len(matches)) for n, match in enumerate(matches, 1)]
    for k, place in enumerate(places, 1):  # ids that stay apart when several blocks are pasted
        place.passage["id"] = passage_id(place.passage["quote"], k, len(places))
    return places


def _place(article: Article, match: anchor.Match, n: int, count: int) -> Place:
    quote = " ".join(article.text[match.start:match.end].split())
    passage: dict = {"id": "", "article": article.id, "quote": quote}
    if count > 1:
        passage.update(_tell_apart(article, quote, match, n))
    voices = article.voices_in(match.start, match.end)
    usable = ("these words run across two parts of the page (such as the article and a note after it); quote "
              "each part as a passage of its own" if len(voices) > 1 else "")
    return Place(article.id, article.paragraph_of(match.start), context(article, match), passage, usable)


def _tell_apart(article: Article, quote: str, match: anchor.Match, n: int) -> dict:
    """``before:`` or ``after:`` words (up to four) that pick this occurrence alone, else ``occurrence: n``."""
    norm = article.normalized
    head = norm.text[:bisect_left(norm.origin, match.start)].rstrip(" ").split(" ")
    tail = norm.text[bisect_left(norm.origin, match.end):].lstrip(" ").split(" ")
    for k in range(1, 5):
        before, after = " ".join(head[-k:]), " ".join(tail[:k])
        if before and anchor.anchor(article.text, quote, normalized=norm, before=before) == match:
            return {"before": before}
        if after and anchor.anchor(article.text, quote, normalized=norm, after=after) == match:
            return {"after": after}
    return {"occurrence": n}


def context(article: Article, match: anchor.Match, words: int = 6) -> str:
    """A few words each side of the match, on one line, the match in [brackets], within its paragraph."""
    lo, hi = next(((a, b) for a, b in article.paragraphs if a <= match.start < b), (0, len(article.text)))
    left, right = _flat(article.text[lo:match.start]), _flat(article.text[match.end:hi])
    head, tail = left.split(" "), right.split(" ")
    left = ("... " if len(head) > words + 1 else "") + " ".join(head[-words - 1:])
    right = " ".join(tail[:words + 1]) + (" ..." if len(tail) > words + 1 else "")
    return f"{left}[{_flat(article.text[match.start:match.end])}]{right}".strip()


def _flat(text: str) -> str:
    """``text`` with every whitespace run as one space (kept at either end, where it separates words)."""
    return re.sub(r"\s+", " ", text)


def passage_id(quote: str, n: int, count: int) -> str:
    """An id for a found passage: its first words, and which occurrence when there are several."""
    words = as_slug(" ".join(quote.split()[:4]))[:40].strip("-") or "passage"
    return f"{words}-{n}" if count > 1 else words


def passage_yaml(passage: dict) -> str:
    """The passage as a list item to paste under ``passages:``."""
    text = yaml.safe_dump([passage], allow_unicode=True, sort_keys=False, width=10**6)
    return "".join(f"  {line}\n" for line in text.splitlines())


def closest(articles: Mapping[str, Article], words: str, article_id: str | None = None
            ) -> tuple[str, anchor.NotFound] | None:
    """The article and passage most like ``words``, if any is close (anchor's suggestion)."""
    best: tuple[str, anchor.NotFound] | None = None
    for article in articles.values():
        if article_id is not None and article.id != article_id:
            continue
        found = anchor.suggest(article.text, words, article.paragraphs, article.normalized)
        if found.suggestion and (best is None or found.score > best[1].score):
            best = (article.id, found)
    return best


def unknown_article(articles: Mapping[str, Article], article_id: str) -> str:
    hint = did_you_mean(article_id, articles)
    return (f"unknown article '{article_id}'" + (f"; {hint}" if hint else "") +
            f" (articles: {', '.join(articles)})")


def passage_at(article: Article, start: int, end: int) -> dict:
    """Passage YAML (``article``, ``quote``, and ``before``/``after``/``occurrence`` when the words recur) that
    ``course check`` anchors at exactly ``article.text[start:end]`` (``course suggest`` pastes it)."""
    quote = " ".join(article.text[start:end].split())
    matches = anchor.find_all(article.normalized, quote)
    passage: dict = {"article": article.id, "quote": quote}
    n = next((k for k, m in enumerate(matches, 1) if m.start == start), 1)
    if len(matches) > 1:
        passage.update(_tell_apart(article, quote, matches[n - 1], n))
    return passage
