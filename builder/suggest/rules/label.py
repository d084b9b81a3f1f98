"""A label for a person or group that judges instead of naming: "brutal dictator", "rogue kingdom",
"mouthpieces" (``name-calling``); and "so-called" before a name (``naming-as-framing``)."""

from __future__ import annotations

from collections.abc import Iterator

from ..text import Text
from . import Candidate
from .loaded_word import inside_name

NOUNS = frozenset("""
dictator despot tyrant autocrat strongman regime junta thug gangster mobster puppet stooge lackey crony
cronies mouthpiece propagandist hegemon hegemony imperialism imperialist imperialists warmonger zealot
fanatic extremist radical radicals demagogue bigot racist fascist nazi traitor globalist elites
mob cabal clique henchman henchmen apologist apologists shill shills troll trolls sycophant bullies
oppressor oppressors aggressor aggressors villain villains criminals gang propaganda
""".split())
"""Nouns that judge the person or group they name (the project's own list)."""

ADJECTIVES = frozenset("""
rogue despotic tyrannical hegemonic psychopathic imperialist authoritarian totalitarian fascist
murderous bloodthirsty barbaric evil corrupt treacherous deranged fanatical radical extremist
anti-american anti-china anti-russia anti-israel anti-semitic racist
""".split())
"""Adjectives that put a judgement on whoever the next noun names."""


def find(text: Text) -> Iterator[Candidate]:
    words = text.words
    for i, word in enumerate(words):
        low = word.lower
        if low == "so-called" and text.joined(i, i + 1):
            end = i + 1
            while end + 1 < len(words) and end - i < 3 and text.joined(end, end + 1) and text.nominal(end + 1):
                end += 1
            yield Candidate(word.start, words[end].end, "naming-as-framing", "label:so-called",
                            "'so-called' before a name: doubt cast on it")
        elif inside_name(text, i):
            continue
        elif low in ADJECTIVES and text.joined(i, i + 1) and text.nominal(i + 1):
            yield Candidate(word.start, words[i + 1].end, "name-calling", "label:adjective",
                            "judging adjective on a person or group")
        elif low in NOUNS:
            start = i
            while start > 0 and i - start < 2 and text.joined(start - 1, start) and text.kind(start - 1) == "adj" \
                    and words[start - 1].lower not in ADJECTIVES:
                start -= 1
            bucket = "label:adjective-noun" if start < i else "label:noun"
            yield Candidate(words[start].start, word.end, "name-calling", bucket,
                            "insulting label for a person or group")
