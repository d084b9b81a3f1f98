"""The word lists ``course suggest`` reads, from the wheels that ship them (never downloaded at run time).

- VADER (``vaderSentiment``, MIT): ``vader_lexicon.txt``, about 7,500 words rated for valence from -4 to +4
  by ten human raters each.
- Pattern's English lexicons, shipped in ``textblob`` (MIT; the files come from Pattern, BSD-3-Clause):
  ``en-sentiment.xml`` (PDDL: adjectives and adverbs with polarity, subjectivity and intensity) and
  ``en-lexicon.txt`` (Brill's tagger lexicon: the usual part of speech of about 94,000 words).

The files are found through the installed distributions' metadata, so neither package is imported (TextBlob
would import NLTK). Each list is read once per process.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path


class LexiconMissing(RuntimeError):
    """A word list's package is not installed (it is a dependency in pyproject.toml)."""


def _shipped(distribution: str, path: str) -> Path:
    from importlib import metadata  # here: it takes a tenth of a second to import, and only suggest needs it
    try:
        found = Path(str(metadata.distribution(distribution).locate_file(path)))
    except metadata.PackageNotFoundError:
        found = None
    if found is None or not found.is_file():
        raise LexiconMissing(f"the word list {path} of the '{distribution}' package is missing; install the "
                             f"course's dependencies (pip install {distribution})")
    return found


@dataclass(frozen=True)
class Adjective:
    """Pattern's averaged rating of a word over its senses."""

    polarity: float  # -1 .. 1
    subjectivity: float  # 0 .. 1
    intensity: float  # 1 for most words; above 1 for "very", "extremely"


@dataclass(frozen=True)
class Lexicons:
    valence: dict[str, float]
    """VADER: lowercase word → mean valence, -4 .. 4."""
    sentiment: dict[str, Adjective]
    """Pattern: lowercase adjective or adverb → its rating."""
    tags: dict[str, str]
    """Brill: word (as written: case matters) → its most frequent Penn Treebank tag."""


@cache
def lexicons() -> Lexicons:
    """All three lists (about 0.2 s to read, once)."""
    return Lexicons(_vader(), _pattern_sentiment(), _brill_tags())


_VADER_WORD = re.compile(r"[a-z][a-z'-]*")


def _vader() -> dict[str, float]:
    out = {}
    for line in _shipped("vaderSentiment", "vaderSentiment/vader_lexicon.txt").read_text(
            encoding="utf-8").splitlines():
        word, _, rest = line.partition("\t")
        if _VADER_WORD.fullmatch(word):  # skip emoticons like ":-("
            out[word] = float(rest.split("\t", 1)[0])
    return out


def _pattern_sentiment() -> dict[str, Adjective]:
    senses: dict[str, list[tuple[float, float, float]]] = {}
    root = ET.parse(_shipped("textblob", "textblob/en/en-sentiment.xml")).getroot()
    for word in root.iter("word"):
        form = word.get("form", "").lower()
        senses.setdefault(form, []).append((float(word.get("polarity", 0)), float(word.get("subjectivity", 0)),
                                            float(word.get("intensity", 1))))
    return {form: Adjective(*(sum(s[k] for s in rows) / len(rows) for k in range(3)))
            for form, rows in senses.items()}


def _brill_tags() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _shipped("textblob", "textblob/en/en-lexicon.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith(";;;"):
            continue
        parts = line.split(" ")
        if len(parts) >= 2:
            out.setdefault(parts[0], parts[1])
    return out
