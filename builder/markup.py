"""The site's Markdown extensions, written in one place: admonitions, details, attribute lists, Markdown in HTML.

The page renderers and ``builder/serve.py`` call these functions instead of writing the syntax of
the extensions ``mkdocs.yml`` enables (``admonition``, ``pymdownx.details``, ``attr_list``,
``md_in_html``) or the classes of the Material theme (``grid``, ``md-button``). Another engine or
theme with other syntax is a change here.

A ``title`` or ``label`` is data or a constant: it is escaped here (``escape.md_text``; the
extensions run Markdown over it). A ``body`` is Markdown the caller has already made safe (escaped
text, rendered prose, output of these functions); it is indented here for the block it goes in.
Classes and ids are names the builder chose (slugs, ``p-3``): anything else is refused, since an
attribute list has no escape.
"""

from __future__ import annotations

import re

from .escape import html_line, md_text

INDENT = "    "
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def indent(body: str) -> str:
    """``body`` indented one level (blank lines stay empty), as the inside of a block."""
    return "\n".join(INDENT + line if line.strip() else "" for line in body.splitlines())


def admonition(kind: str, title: str, body: str) -> str:
    """A call-out box, always open: ``!!! note "Title"``."""
    return f'!!! {_name(kind)} "{md_text(title)}"\n\n{indent(body)}\n'


def details(kind: str, title: str, body: str, open: bool = False) -> str:
    """A folded box the reader opens (``open=True``: shown open, still foldable): ``??? tip "Title"``."""
    return f'???{"+" if open else ""} {_name(kind)} "{md_text(title)}"\n\n{indent(body)}\n'


def attrs(*classes: str, id: str | None = None, flags: tuple[str, ...] = (), block: bool = False) -> str:
    """Attributes for the element just before: ``{ #id .class flag }`` after a heading or an inline element;
    ``block=True`` for the line under a paragraph: ``{: #id .class }``. ``flags`` are bare attributes."""
    names = ([f"#{_name(id)}"] if id is not None else []) + [f".{_name(c)}" for c in classes] + [*map(_name, flags)]
    return ("{: " if block else "{ ") + " ".join(names) + " }"


def block_div(classes: str, body: str, **attributes: str) -> str:
    """``body`` (Markdown) in a ``<div>`` with these classes and attributes (``data_quiz=`` is ``data-quiz``).

    Attribute values are escaped (``escape.html_line``).
    """
    attrs_html = "".join(f' {_name(name).replace("_", "-")}="{html_line(value)}"'
                         for name, value in attributes.items())
    return f'<div class="{html_line(classes)}"{attrs_html} markdown>\n\n{body}\n</div>\n'


def grid(classes: str, cells: list[str]) -> str:
    """Blocks side by side, in columns that wrap on a narrow screen (the theme's grid)."""
    return block_div(f"grid {classes}".strip(), "\n".join(cells))


def button(label: str, href: str, download: bool = False) -> str:
    """A link shown as a button (``download``: the browser saves the file). ``href`` is a path the builder made."""
    return f"[{md_text(label)}]({href})" + attrs("md-button", flags=("download",) if download else ())


def _name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a class, id or kind name: {name!r}")
    return name
