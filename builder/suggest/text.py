"""Text as the rules read it: words with their character offsets (Python ``str`` indices into the text exactly as
given), their usual part of speech and their ratings in the word lists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .lexicon import Lexicons

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
"""A word: letters (any script), with inner apostrophes or hyphens ("so-called", "don't")."""


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    lower: str  # lowercase, with a typographic apostrophe made plain


@dataclass
class Text:
    """A text split into words, with the word lists at hand."""

    text: str
    lex: Lexicons

    @cached_property
    def words(self) -> list[Word]:
        return [Word(m.start(), m.end(), w, w.lower().replace("’", "'"))
                for m in WORD.finditer(self.text) for w in (m.group(),)]

    def tag(self, i: int) -> str:
        """Penn tag of word ``i`` from Brill's lexicon ('' if unknown or out of range)."""
        if not 0 <= i < len(self.words):
            return ""
        w = self.words[i].text
        return self.lex.tags.get(w) or self.lex.tags.get(w.lower()) or ""

    def kind(self, i: int) -> str:
        """'adj', 'adv', 'verb', 'noun' or 'other' for word ``i``."""
        tag = self.tag(i)
        for prefix, name in (("JJ", "adj"), ("RB", "adv"), ("VB", "verb"), ("NN", "noun")):
            if tag.startswith(prefix):
                return name
        return "other"

    def joined(self, i: int, j: int) -> bool:
        """Whether words ``i`` and ``j`` (i < j) stand in one phrase: only spaces (no line break) between each."""
        if not (0 <= i < j < len(self.words)):
            return False
        for k in range(i, j):
            gap = self.text[self.words[k].end:self.words[k + 1].start]
            if gap.strip(" ") or len(gap) > 2:
                return False
        return True

    def nominal(self, i: int) -> bool:
        """Word ``i`` reads as a noun (or a capitalised name, which Brill's lexicon may not know)."""
        if not 0 <= i < len(self.words):
            return False
        return self.kind(i) == "noun" or (not self.tag(i) and self.words[i].text[:1].isupper())
