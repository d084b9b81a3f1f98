"""A word with a strong emotional charge: loaded language (``loaded-language``).

Strength comes from VADER's human valence ratings and Pattern's subjectivity; a short list adds charged words
of political writing that neither rates. Words of plain news reporting that VADER rates as strong ("killed",
"war") are left out: they name events rather than colour them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..text import Text
from . import Candidate

CHARGED = frozenset("""
slammed slam slams blasted lambasted smear smears ploy scheme schemes plot crusade onslaught ravaged
bullying bully bullied begging begged trick tricks tricked dragging dragged bombshell travesty villainized
demonize demonized demonise demonised vilify vilified hysteria hysterical meddling sabotage sabotaged
aggression aggressive provocation provocative provocations menace sinister nefarious draconian
reckless recklessly brazen brazenly blatant blatantly shameless shamelessly flagrant flagrantly
""".split())
"""Charged words the lexicons miss or rate mildly (the project's own list)."""

PLAIN_NEWS = frozenset("""
killed kill kills killing death deaths dead die died dies dying war wars attack attacks attacked
murder murdered shooting shot crime crimes criminal prison jail victim victims violence violent injured
wounded disaster disasters crisis cancer disease sick illness hospital arrested charged guilty
accident fire fires emergency conflict fight fighting fought bomb bombs bombing weapons lost lose
loss losses problem problems risk risks worried worry concern concerns concerned pain hurt harm
abuse abuses threat threats danger dangerous poverty poor sad fear fears afraid protest protests
fired ban bans banned felony felonies prosecution prosecuted violation violations illegal illegally fatal
fatally deadly lethal difficult impossible burden sentenced convicted accused alleged allegations lawsuit
sue sued suing jailed hostage hostages casualties
""".split())
"""Words VADER rates as strong that plain reporting needs (left out: they name events rather than colour them)."""

FUNCTION = frozenset("""like please yes no ok okay well kind sure free true right""".split())


def find(text: Text) -> Iterator[Candidate]:
    valence, sentiment = text.lex.valence, text.lex.sentiment
    for i, word in enumerate(text.words):
        low = word.lower
        if low in PLAIN_NEWS or low in FUNCTION or len(low) < 3 or inside_name(text, i):
            continue
        kind = text.kind(i)
        v = abs(valence.get(low, 0.0))
        s = sentiment.get(low)
        subjective = s is not None and s.subjectivity >= 0.8 and abs(s.polarity) >= 0.5
        if low in CHARGED:
            strength = "list"
        elif v >= 2.5 or (subjective and v >= 1.5):
            strength = "strong"
        elif v >= 1.8 or subjective:
            strength = "mid"
        else:
            continue
        reason = {"adj": "emotionally charged adjective", "adv": "emotionally charged adverb",
                  "verb": "emotionally charged verb", "noun": "emotionally charged noun"}.get(
            kind, "emotionally charged word")
        sign = "negative" if strength == "list" or valence.get(low, 0.0) < 0 or (
            s is not None and s.polarity < 0) else "positive"
        yield Candidate(word.start, word.end, "loaded-language", f"loaded-word:{sign}:{kind}:{strength}", reason)


def inside_name(text: Text, i: int) -> bool:
    """A capitalised word that does not start a sentence: part of a name or a title ("Hope Not Hate")."""
    word = text.words[i]
    if not word.text[:1].isupper():
        return False
    before = text.text[max(0, word.start - 3):word.start].strip(" \t\"“‘'(")
    return bool(before) and before[-1] not in ".!?\n:" and i > 0
