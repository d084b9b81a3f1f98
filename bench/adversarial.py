"""The worst inputs a lesson can be within the limits (1 MB a file, 20,000 characters a prose field).

Each case writes one file into a course's ``lessons/`` folder. `bench/run.py` times `course check` on
each of them; `tests/test_bad_input.py` runs them with a deadline, so that a return of the slow or
blocking code fails a test rather than hanging it.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import yaml

ARTICLE = "envoy-li-hui"
"""The longest article: the most occurrences of a short quote, the most text to suggest from."""
SHORT_QUOTE = "the"
PROSE_LIMIT = 20_000
FILE_LIMIT = 1_000_000


def lesson(**fields) -> dict:
    """A valid lesson, with ``fields`` added or replaced."""
    return {"id": "adversarial", "title": "Adversarial", "strands": ["loaded-language"], "minutes": 20,
            "objectives": ["Be answered in seconds."],
            "passages": [{"id": "p", "article": ARTICLE, "quote": "from certain hegemonic country"}],
            "self_check": [{"prompt": "Which?", "options": [{"text": "a", "correct": True, "feedback": "Yes."},
                                                            {"text": "b", "feedback": "No."}]}],
            "transfer": "Try it on any article.", "teacher_notes": {"timing": "All of it."}, **fields}


def _write(lessons: Path, data: dict) -> None:
    (lessons / "adversarial.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, width=10**6),
                                              encoding="utf-8")


def _words(seed: int, n: int) -> list[str]:
    """``n`` words that read like English but, in this order, are no quote of any article."""
    rnd = random.Random(seed)
    vocabulary = "the of and to a in that is was he for it with as his on be at by".split()
    return [rnd.choice(vocabulary) + rnd.choice(["", "s", "ed", "ly"]) for _ in range(n)]


def fifo(lessons: Path) -> None:
    """A named pipe where a lesson should be: reading it would wait forever for a writer."""
    os.mkfifo(lessons / "adversarial.yaml")


def dev_zero(lessons: Path) -> None:
    """A link to /dev/zero: reading it never ends (and fills the memory)."""
    (lessons / "adversarial.yaml").symlink_to("/dev/zero")


def binary_tag(lessons: Path) -> None:
    """A value tagged ``!!binary``: PyYAML makes bytes of it, which no schema check expects."""
    (lessons / "adversarial.yaml").write_text(
        yaml.safe_dump(lesson(), allow_unicode=True).replace("title: Adversarial", "title: !!binary aGVsbG8="),
        encoding="utf-8")


def huge_integer(lessons: Path) -> None:
    """A 5,000-digit number: Python's int() refuses to read more than 4,300 digits."""
    (lessons / "adversarial.yaml").write_text(
        yaml.safe_dump(lesson(), allow_unicode=True).replace("minutes: 20", "minutes: " + "9" * 5_000),
        encoding="utf-8")


def deep_nesting(lessons: Path) -> None:
    """A list nested 100,000 deep in 200 kB: libyaml's composer crashes the interpreter on it."""
    (lessons / "adversarial.yaml").write_text(
        yaml.safe_dump(lesson(), allow_unicode=True).replace("- Be answered in seconds.",
                                                             "- " + "[" * 100_000 + "]" * 100_000),
        encoding="utf-8")


def alias_text(lessons: Path) -> None:
    """76 kB of aliases of one 10,000-character text: 190 million characters once expanded."""
    text = yaml.safe_dump(lesson(), allow_unicode=True, width=10**6)
    intro = "introduction: &t " + "word " * 2_000 + "\n"
    notes = "  misconceptions: [" + ", ".join(["*t"] * 19_000) + "]\n"
    (lessons / "adversarial.yaml").write_text(
        intro + text.replace("teacher_notes:\n", "teacher_notes:\n" + notes), encoding="utf-8")


def long_before(lessons: Path) -> None:
    """A 1 MB lesson of a three-letter quote, 261 times, each with 3,700 characters of 'before:' words that
    never match (each of its 218 matches used to normalize 15,000 characters of the article before it)."""
    before = " ".join(_words(1, 800))
    count = FILE_LIMIT // (len(before) + 80)
    passages = [{"id": f"p{i}", "article": ARTICLE, "quote": SHORT_QUOTE, "before": before} for i in range(count)]
    _write(lessons, lesson(passages=passages))


def bracket_prose(lessons: Path) -> None:
    """50 different prose fields of 20,000 '[' each (markdown-it scans from every '[' to the end)."""
    notes = ["[" * (PROSE_LIMIT - 4) + f" {i:03d}" for i in range(FILE_LIMIT // PROSE_LIMIT - 1)]
    _write(lessons, lesson(teacher_notes={"timing": "All of it.", "misconceptions": notes}))


def bracket_prose_parsed(lessons: Path) -> None:
    """The same, each field ending in a link to a relative address: the check must parse every field."""
    notes = ["[" * (PROSE_LIMIT - 7) + f"](x{i:03d})" for i in range(FILE_LIMIT // PROSE_LIMIT - 1)]
    _write(lessons, lesson(teacher_notes={"timing": "All of it.", "misconceptions": notes}))


def wrong_long_quotes(lessons: Path) -> None:
    """A 1 MB lesson of 3,000-character quotes found nowhere (each would be compared with every paragraph)."""
    count = FILE_LIMIT // 3_100
    passages = [{"id": f"p{i}", "article": ARTICLE, "quote": " ".join(_words(i, 800))[:3_000]}
                for i in range(count)]
    _write(lessons, lesson(passages=passages))


def wrong_short_quotes(lessons: Path) -> None:
    """A 1 MB lesson of 100-character quotes found nowhere."""
    count = FILE_LIMIT // 170
    passages = [{"id": f"p{i}", "article": ARTICLE, "quote": " ".join(_words(i, 40))[:100]} for i in range(count)]
    _write(lessons, lesson(passages=passages))


CASES: dict[str, Callable[[Path], None]] = {
    "fifo": fifo, "dev-zero": dev_zero, "binary-tag": binary_tag, "huge-integer": huge_integer,
    "deep-nesting": deep_nesting, "alias-text": alias_text, "long-before": long_before, "bracket-prose": bracket_prose,
    "bracket-prose-parsed": bracket_prose_parsed, "wrong-long-quotes": wrong_long_quotes,
    "wrong-short-quotes": wrong_short_quotes,
}
"""Case name -> what it writes into ``lessons/``."""
