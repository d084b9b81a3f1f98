"""The site's navigation as plain data, and its one translation: the ``nav`` of ``mkdocs.yml``.

The core (``builder/pages``, ``builder/serve.py``) makes a ``Nav`` with titles as plain text. Only
``mkdocs_nav`` knows the shape of the nav setting that MkDocs (through ``builder/plugin.py``) and
Zensical read from ``mkdocs.yml``, and it escapes the titles there: themes insert nav titles as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .escape import html_line


@dataclass(frozen=True)
class NavLink:
    """One page in the nav: its title (plain text) and its path under docs/."""

    title: str
    uri: str


@dataclass
class NavSection:
    """A titled group of nav entries."""

    title: str
    entries: list[NavLink | NavSection] = field(default_factory=list)


@dataclass
class Nav:
    """The nav of the generated pages: links and sections, in order."""

    entries: list[NavLink | NavSection] = field(default_factory=list)

    def uris(self) -> set[str]:
        """Every page path the nav leads to."""
        found, todo = set(), list(self.entries)
        while todo:
            entry = todo.pop()
            if isinstance(entry, NavLink):
                found.add(entry.uri)
            else:
                todo += entry.entries
        return found

    def section(self, title: str, at: int | None = None) -> NavSection:
        """The top-level section titled ``title``; made (inserted at ``at``, else last) when there is none."""
        for entry in self.entries:
            if isinstance(entry, NavSection) and entry.title == title:
                return entry
        section = NavSection(title)
        self.entries.insert(len(self.entries) if at is None else at, section)
        return section


def mkdocs_nav(nav: Nav) -> list[dict]:
    """``nav`` as ``mkdocs.yml`` writes it: ``[{title: uri}, {title: [...]}]``, titles escaped (``html_line``)."""
    return [_entry(entry) for entry in nav.entries]


def _entry(entry: NavLink | NavSection) -> dict:
    if isinstance(entry, NavLink):
        return {html_line(entry.title): entry.uri}
    return {html_line(entry.title): [_entry(e) for e in entry.entries]}


def merged_nav(configured: list | None, generated: Nav, left_out: frozenset[str] = frozenset()) -> list | None:
    """The nav of ``mkdocs.yml`` with the generated pages after its first entry (the home page), without the
    pages of ``left_out`` (docs paths another edition has; a section left empty goes too).

    None when nothing is configured: the engine then lists every page itself.
    """
    if not configured:
        return None
    kept = _without(configured, left_out)
    return [kept[0], *mkdocs_nav(generated), *kept[1:]] if kept else mkdocs_nav(generated)


def _without(entries: list, left_out: frozenset[str]) -> list:
    """Configured nav entries (``"uri"``, ``{title: uri}``, ``{title: [...]}``) not leading to ``left_out``."""
    kept = []
    for entry in entries:
        target = next(iter(entry.values())) if isinstance(entry, dict) and len(entry) == 1 else entry
        if isinstance(target, list):
            inner = _without(target, left_out)
            if inner or not target:
                kept.append({next(iter(entry)): inner})
        elif target not in left_out:
            kept.append(entry)
    return kept
