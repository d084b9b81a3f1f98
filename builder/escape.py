"""The escaping boundary: course data reaches a page or a notebook only through these functions.

Lessons, the glossary, seeds/articles.yaml and the articles are data. Each function makes a
string inert in one output context, and the renderers never emit a data string any other
way. No data string is ever emitted as raw HTML.

| context                                         | function        |
|-------------------------------------------------|-----------------|
| HTML text                                       | ``html_text``   |
| an attribute value written in a Markdown source | ``html_line``   |
| one line of Markdown (Python-Markdown and CommonMark, with every extension the site enables) | ``md_text`` |
| the text of a code span in Markdown             | ``md_code``     |
| a page title: nav entries, front matter, ``<title>``, header, footer | ``html_line`` |
| YAML front matter of a generated page           | ``front_matter`` |

Markdown escaping writes every character that could start markup as a numeric character
reference (``&#60;`` for ``<``). Both Markdown dialects pass references through as text, so
no construct can form: raw HTML, links, images, emphasis, code, lists, headings, tables,
``{: attr_list }``, ``!!!`` admonitions, ``???`` details, ``*[abbr]:`` definitions.
Control characters (C0 other than tab and newline, DEL, C1) are shown as U+FFFD.
"""

from __future__ import annotations

import html
import json
import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPECIAL = "\\`*_{}[]()#+!|~^=$<>&:"
_SPECIAL_RE = re.compile("[" + re.escape(_SPECIAL) + "]")
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in _SPECIAL}
_LINE_START = re.compile(r"^(?:(\d+)([.)])|([-?>]))")
"""What may only start markup at the start of a line: "1." lists, "-" items, "???" details, ">" quotes."""


def visible(text: object) -> str:
    """``text`` as a string, with control characters shown as U+FFFD (they have no safe meaning)."""
    return _CONTROL.sub("\ufffd", str(text))


def html_text(text: object) -> str:
    """Escape for HTML text or a double- or single-quoted attribute value."""
    return html.escape(visible(text), quote=True)


def _line_start(match: re.Match) -> str:
    if match.group(1):
        return match.group(1) + f"&#{ord(match.group(2))};"
    return f"&#{ord(match.group(3))};"


def md_text(text: object) -> str:
    """Plain text as one line of Markdown that shows exactly these characters (whitespace runs become one space)."""
    escaped = _SPECIAL_RE.sub(lambda m: _ENTITIES[m.group()], " ".join(visible(text).split()))
    return _LINE_START.sub(_line_start, escaped, count=1)


def md_code(text: object) -> str:
    """The inside of a ``<code>`` element in Markdown: Markdown is parsed inside raw HTML, so escape as text."""
    return md_text(text)


def html_line(text: object) -> str:
    """HTML-escaped text on one line: an attribute value in a Markdown source (a line break or a
    blank line there would end the HTML tag's paragraph) or a page title (the theme's templates
    insert titles as HTML, unescaped)."""
    return html_text(" ".join(visible(text).split()))


def front_matter(title: object) -> str:
    """YAML front matter whose title is HTML-escaped and written as an ASCII-only quoted string."""
    return f"---\ntitle: {json.dumps(html_line(title), ensure_ascii=True)}\n---\n\n"
