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
| text a notebook prints (its encoded exercise data) | ``visible_data`` |
| text or an attribute value of an ``xml.etree`` tree (LMS exports, answer keys) | ``xml_text`` |

Markdown escaping writes every character that could start markup as a numeric character
reference (``&#60;`` for ``<``). Both Markdown dialects pass references through as text, so
no construct can form: raw HTML, links, images, emphasis, code, lists, headings, tables,
``{: attr_list }``, ``!!!`` admonitions, ``???`` details, ``*[abbr]:`` definitions.
Control characters (C0 other than tab and line breaks, DEL, C1), lone surrogates and U+FFFE/U+FFFF
are shown as U+FFFD.
"""

from __future__ import annotations

import html
import json
import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters with no safe meaning in any output: C0 controls but tab and line breaks, DEL, C1, lone
surrogates and the two non-characters (YAML front matter and UTF-8 files cannot hold some of them)."""
_SPECIAL = "\\`*_{}[]()#+!|~^=$<>&:"
_SPECIAL_RE = re.compile("[" + re.escape(_SPECIAL) + "]")
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in _SPECIAL}
_HTML_LINE = str.maketrans({ch: f"&#{ord(ch)};" for ch in "&<>\"'" + _SPECIAL})
_LINE_START = re.compile(r"^(?:(\d+)([.)])|([-?>]))")
"""What may only start markup at the start of a line: "1." lists, "-" items, "???" details, ">" quotes."""


def visible(text: object) -> str:
    """``text`` as a string, with control characters shown as U+FFFD (they have no safe meaning)."""
    return _CONTROL.sub("\ufffd", str(text))


def visible_data(value):
    """``value`` (nested lists and mappings) with ``visible`` applied to every string in it."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {key: visible_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [visible_data(item) for item in value]
    return value


def xml_text(text: object) -> str:
    """Text for an ``xml.etree`` element or attribute: its serializer escapes ``& < > "``, and this shows as
    U+FFFD each character XML 1.0 cannot hold (the same as ``visible``), so the document always parses."""
    return visible(text)


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
    """Text on one line with every HTML and Markdown special character as a character reference.

    For an attribute value written in a Markdown source (Python-Markdown runs its link, code and
    emphasis rules over raw HTML tags before it sets them aside, and a line break would end the
    tag's paragraph) and for page titles (the theme's templates insert them as HTML, unescaped;
    browsers decode references in attributes, text and ``<title>`` alike).
    """
    return " ".join(visible(text).split()).translate(_HTML_LINE)


def front_matter(title: object) -> str:
    """YAML front matter with the title escaped by ``html_line``, as a double-quoted YAML string.

    ``html_line`` leaves no quote, backslash or control character, so the JSON string is valid YAML;
    characters beyond U+FFFF stay as they are (JSON's surrogate-pair escapes are not YAML).
    """
    return f"---\ntitle: {json.dumps(html_line(title), ensure_ascii=False)}\n---\n\n"


OPENING_QUOTES = "\"“„«‘'"
CLOSING_QUOTES = "\"”»’'"


def quoted(text: str) -> str:
    """``text`` in quotation marks, “like this”, unless it already starts and ends with its own (not escaped:
    pass the result to ``md_text`` or the like)."""
    if len(text) > 1 and text[0] in OPENING_QUOTES and text[-1] in CLOSING_QUOTES:
        return text
    return f"“{text}”"
