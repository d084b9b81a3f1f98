"""Compiler-style diagnostics: ``path:line:col: severity: message``."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


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
        """Render as ``path:line:col: severity: message`` (line/col only when known)."""
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.severity}: {self.message} [{self.code}]"


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
