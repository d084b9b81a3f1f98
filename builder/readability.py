"""How hard a lesson's prose is to read: the Flesch-Kincaid grade, from words, sentences and syllables.

Syllables are estimated from groups of vowels (a silent final ``e`` dropped), offline and without a
dictionary; on the course's lessons the grade is within about half a grade of textstat's.
"""

from __future__ import annotations

import re
from typing import Any

from .lessons import Where, prose_fields
from .prose import plain

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?:]+(?:\s|$)")
_SILENT_END = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")
_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """An estimate of the syllables of one English word (at least one)."""
    word = word.lower()
    if len(word) > 3:
        word = _SILENT_END.sub("x", word)
    return max(1, len(_VOWELS.findall(word)))


def grade(text: str) -> float:
    """The Flesch-Kincaid grade of ``text`` (the school grade that reads it easily); 0.0 for no words."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text + " ")))
    return 0.39 * len(words) / sentences + 11.8 * sum(map(syllables, words)) / len(words) - 15.59


def lesson_prose(data: dict[str, Any]) -> list[tuple[Where, str]]:
    """Each prose field of a lesson's data as plain text (quotes, ids and names left out), by its path."""
    return [(where, plain(text)) for where, text in prose_fields(data)]


def lesson_grade(data: dict[str, Any]) -> float:
    """The grade of a lesson's prose read as one text, each field a sentence of its own."""
    fields = [f if f.rstrip().endswith((".", "?", "!", ":")) else f + "." for _, f in lesson_prose(data)]
    return grade("\n".join(fields))
