"""Compiler-style diagnostics: ``path:line:col: severity: message``, and the one "did you mean" helper."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Literal

from rapidfuzz import process

Severity = Literal["error", "warning"]
"""An error makes ``course check`` fail and keeps the file out of the site; a warning does neither."""

KEY_CUTOFF = 60
"""How like a known key a mistyped one must be (0 to 100) to be suggested: 'titel' → 'title'."""
ID_CUTOFF = 70
"""The same for ids, stricter: ids are long and alike."""

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal acts on instead of showing: C0 (ESC, CR, LF...), DEL, C1, and bidi overrides."""


def visible(text: str) -> str:
    """``text`` with control characters spelled out (``\\x1b``, ``\\u202e``): a message can never move
    the cursor, recolour the terminal or fake another line (like a 'course check: ok')."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in one input file."""

    path: str
    line: int = 0
    column: int = 0
    severity: Severity = "error"
    code: str = "invalid"
    message: str = ""
    hint: str = ""
    """What would fix it, when the builder can tell (a "did you mean 'x'?"); '' if not."""

    @property
    def text(self) -> str:
        """The message and its hint, as one sentence: ``unknown key 'titel'; did you mean 'title'?``."""
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def format(self) -> str:
        """Render as ``path:line:col: severity: message; hint`` (line/col only when known), on one visible line."""
        where = visible(self.path)
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.severity}: {visible(self.text)} [{self.code}]"


@dataclass
class Report:
    """An ordered collection of diagnostics from one run."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diag: Diagnostic) -> None:
        self.items.append(diag)

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        self.items.extend(diags)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        """Each diagnostic once, by file, position, severity, code, then the text ``format`` prints."""
        return sorted(set(self.items), key=lambda d: (d.path, d.line, d.column, d.severity, d.code, d.text))

    def to_text(self) -> str:
        return "\n".join(d.format() for d in self.sorted())

    def to_json(self) -> str:
        """Every diagnostic as a JSON object: ``path``, ``line``, ``column``, ``severity``, ``code``, ``message``
        and ``hint`` ('' when there is none)."""
        return json.dumps([asdict(d) for d in self.sorted()], indent=2, ensure_ascii=False)


def closest(word: str, choices: Iterable[str], cutoff: float = KEY_CUTOFF) -> str | None:
    """The choice most like ``word`` (typos such as 'titel' → 'title'), if any is close enough."""
    choices = list(choices)
    if not choices:
        return None
    hit = process.extractOne(word, choices, score_cutoff=cutoff)
    return hit[0] if hit else None


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = KEY_CUTOFF) -> str:
    """``did you mean 'x'?`` for the choice closest to ``word`` (see ``closest``); '' when none is close."""
    hit = closest(word, choices, cutoff)
    return suggestion(hit) if hit else ""


def loose(name: str) -> str:
    """``name`` as a teacher might type it, for comparing: ``'Name calling'``, ``'name_calling'`` and
    ``'name-calling'`` are all ``'namecalling'`` (case, accents, spaces and punctuation ignored)."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", ascii_.casefold())


def did_you_mean_name(word: str, names: Mapping[str, str], cutoff: float = ID_CUTOFF) -> str:
    """``did you mean 'id'?`` for ``word`` among ids known by other names too (``names``: name → id).

    A name written with other case, spaces or hyphens is found whole (``'Doubt'``, ``'loaded words'``);
    else the closest name, if it is close enough; '' when none is.
    """
    by_key: dict[str, str] = {}
    for name, target in names.items():
        by_key.setdefault(loose(name), target)
    key = loose(word)
    if key in by_key:
        return suggestion(by_key[key])
    hit = closest(key, by_key, cutoff) if key else None
    return suggestion(by_key[hit]) if hit else ""


def suggestion(choice: str) -> str:
    """The hint that suggests ``choice``: ``did you mean 'title'?``."""
    return f"did you mean '{choice}'?"


def did_you_mean_words(words: str, paragraph: int | None) -> str:
    """``did you mean "these words" (paragraph 4)?``: the closest words of a text to a quote not found in it."""
    return f'did you mean "{" ".join(words.split())}" (paragraph {paragraph})?'
