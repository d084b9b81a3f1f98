"""Compiler-style diagnostics: ``path:line:col: severity: message``."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

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
    severity: str = "error"
    code: str = "invalid"
    message: str = ""

    def format(self) -> str:
        """Render as ``path:line:col: severity: message`` (line/col only when known), on one visible line."""
        where = visible(self.path)
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.severity}: {visible(self.message)} [{self.code}]"


@dataclass
class Report:
    """An ordered collection of diagnostics from one run."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diag: Diagnostic) -> None:
        self.items.append(diag)

    def extend(self, diags) -> None:
        self.items.extend(diags)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items))

    def to_text(self) -> str:
        return "\n".join(d.format() for d in self.sorted())

    def to_json(self) -> str:
        return json.dumps([asdict(d) for d in self.sorted()], indent=2, ensure_ascii=False)
