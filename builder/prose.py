"""Lesson prose: a small, safe Markdown subset, re-emitted as escaped Markdown for MkDocs.

Teachers may use *emphasis*, **strong**, `code`, bullet and numbered lists, http(s)
and mailto links, and ``[[term-id]]`` or ``[[term-id|text]]`` links to the glossary.
Everything else (raw HTML, images, headings, tables) is shown as the characters typed.
The text is parsed with markdown-it-py and re-serialised with every special character
escaped, so nothing a lesson says can add markup, scripts or unsafe links to a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote
from xml.etree.ElementTree import Element, SubElement

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkLabel
from markdown_it.rules_inline import StateInline

from .escape import html_line, md_code, md_text, visible, xml_text

SAFE_SCHEMES = ("http://", "https://", "mailto:")


_GLOSSARY_REF = re.compile(r"\[\[([^\[\n]*?)\]\]")
"""``[[...]]`` on one line, without ``[`` inside: the match stops at the next ``[``, so a run of them is linear."""


def _glossary_rule(state: StateInline, silent: bool) -> bool:
    """``[[term-id]]`` or ``[[term-id|shown text]]``: a link to a glossary entry."""
    if not state.src.startswith("[[", state.pos):
        return False
    found = _GLOSSARY_REF.match(state.src, state.pos)
    if not found or not found.group(1):
        return False
    term, _, label = found.group(1).partition("|")
    if not silent:
        token = state.push("glossary_ref", "", 0)
        token.meta = {"term": term.strip(), "label": label.strip() or None}
    state.pos = found.end()
    return True


_LABEL_ENDS = "five-frames:label-ends"
"""Our key in markdown-it's per-paragraph cache (its own keys are positions, all ints)."""


def _link_label(state: StateInline, start: int, disableNested: bool = False) -> int:
    """markdown-it's ``parseLinkLabel``, remembering where the label of every ``[`` it steps over ends.

    markdown-it scans again from each ``[`` of a run, so ``[[[[…`` costs quadratic time. The scan
    from an inner ``[`` takes the very steps the outer scan takes from there, so its answer, once
    known, lets the outer scan jump to that ``]`` (or stop: if it never ends, neither does the outer).
    """
    if not disableNested:
        return parseLinkLabel(state, start, disableNested)
    cache: dict[Any, Any] = state.cache  # markdown-it types it for its own int keys; we add one of ours
    ends = cache.setdefault(_LABEL_ENDS, {})
    if start not in ends:
        _scan_labels(state, start, ends)
    return ends[start]


def _scan_labels(state: StateInline, start: int, ends: dict[int, int]) -> None:
    """From the ``[`` at ``start``, record in ``ends`` where it and each ``[`` crossed end (-1: never)."""
    old, state.pos = state.pos, start + 1
    opened = [start]  # labels still open, innermost last (markdown-it counts them as a level)
    while opened and state.pos < state.posMax:
        marker = state.src[state.pos]
        if marker == "]":
            ends[opened.pop()] = state.pos
            if not opened:
                break
        before = state.pos
        state.md.inline.skipToken(state)  # for a '[', this scans its own label first
        if marker == "[":
            end = ends.get(before)
            if state.pos != before + 1 or end == -1:
                break  # a link inside (links do not nest), or a label that never ends: none of ours can
            opened.append(before)
            if end is not None:
                state.pos = end  # its ']' is next: the steps in between are the ones its scan took
    for pos in opened:
        ends[pos] = -1
    state.pos = old


def _parser() -> MarkdownIt:
    md = MarkdownIt("zero").enable(["emphasis", "link", "backticks", "list", "newline", "escape", "entity"])
    # we check links ourselves to give a clear message
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.inline.ruler.before("link", "glossary_ref", _glossary_rule)
    md.helpers = SimpleNamespace(**{**vars(md.helpers), "parseLinkLabel": _link_label})  # type: ignore[assignment]  # this parser only
    return md


_MD = _parser()


@lru_cache(maxsize=8192)
def _parse(text: str) -> tuple:
    """markdown-it tokens of ``text``, parsed once per build: a check, a page and a notebook share them."""
    return tuple(_MD.parse(text))


@dataclass(frozen=True)
class ProseProblem:
    """Something in a prose field that the course cannot render as written."""

    message: str
    code: str
    term: str = ""
    """The unknown glossary term, for an ``unknown-term`` problem (to suggest a known one)."""


def problems(text: str, known_terms) -> list[ProseProblem]:
    """Unsafe links and unknown glossary terms in ``text``."""
    if not may_have_problems(text, known_terms):
        return []  # no link that could be unsafe, no [[term]] that could be unknown: no parse needed
    out = []
    for tok in _inline_tokens(text):
        if tok.type == "glossary_ref" and tok.meta["term"] not in known_terms:
            out.append(ProseProblem(f"[[{tok.meta['term']}]] is not a term in the glossary", "unknown-term",
                                    tok.meta["term"]))
        if tok.type == "link_open" and not _safe_href(tok.attrGet("href") or ""):
            out.append(ProseProblem(f"link to '{tok.attrGet('href')}' is not allowed: "
                                    "use an http(s):// or mailto: address", "unsafe-link"))
    return out


_LINK_ADDRESS = re.compile(r"\]\(")
_SAFE_ADDRESS = re.compile(r"[ \t\n]*<?(?:https?://|mailto:)", re.IGNORECASE)


def may_have_problems(text: str, known_terms) -> bool:
    """False only when no link in ``text`` can be unsafe and no ``[[term]]`` unknown: then it need not be parsed.

    Every link's address follows a ``](`` (after spaces and line breaks, as markdown-it skips them) and
    a ``)`` closes it; every glossary reference is a match of ``_GLOSSARY_REF``. Looking at all of those
    (some are no link at all, in code for instance) misses none, in linear time.
    """
    if any(ref.group(1).partition("|")[0].strip() not in known_terms for ref in _GLOSSARY_REF.finditer(text)):
        return True
    last_close = text.rfind(")")  # a link ends with one
    return any(link.end() <= last_close and not _SAFE_ADDRESS.match(text, link.end())
               for link in _LINK_ADDRESS.finditer(text))


def _inline_tokens(text: str):
    for block in _parse(text or ""):
        if block.type == "inline":
            yield from block.children or []


def _safe_href(href: str) -> bool:
    return href.lower().startswith(SAFE_SCHEMES)


_MARKUP = re.compile(r"[*_`\[\]\\&\n]|^\s*(?:[-+]|\d+[.)])(?:\s|$)")


def _is_plain(text: str) -> bool:
    """No Markdown at all (one paragraph of plain words): rendering is just escaping."""
    return _MARKUP.search(text) is None


def render(text: str, glossary_href: Callable[[str], str | None], terms: dict | None = None) -> str:
    """Re-emit lesson prose as escaped Markdown for Python-Markdown (MkDocs)."""
    if _is_plain(text or ""):
        return md_text(text) + "\n" if (text or "").strip() else "\n"
    lines: list[str] = []
    lists: list[list] = []  # per open list: [ordered, items so far]
    marker = None  # list marker waiting for its item's first line
    for tok in _parse(text or ""):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            lists.append([tok.type.startswith("ordered"), 0])
            lines.append("")
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            lines.append("")
        elif tok.type == "list_item_open":
            lists[-1][1] += 1
            marker = "    " * (len(lists) - 1) + (f"{lists[-1][1]}. " if lists[-1][0] else "- ")
        elif tok.type == "paragraph_close" and not lists:
            lines.append("")
        elif tok.type == "inline":
            rendered = _inline(tok.children or [], glossary_href, terms or {})
            if marker is not None:
                lines.append(marker + rendered)
                marker = None
            else:
                lines.append("    " * len(lists) + rendered)
    return "\n".join(lines).strip("\n") + "\n"


def render_inline(text: str, glossary_href: Callable[[str], str], terms: dict | None = None) -> str:
    """Prose meant for one line (titles, options): paragraphs joined with spaces."""
    return " ".join(line.strip() for line in render(text, glossary_href, terms).splitlines() if line.strip())


def plain(text: str, terms: dict | None = None) -> str:
    """Prose as plain text (for notebook output): markup dropped, glossary links as their words.

    Control characters are shown as U+FFFD, as on pages (an escape sequence printed by a notebook
    could fake its feedback).
    """
    text = visible(text or "")
    if _is_plain(text):
        return " ".join((text or "").split())
    terms = terms or {}
    blocks = []
    for block in _parse(text or ""):
        if block.type != "inline":
            continue
        words = []
        for tok in block.children or []:
            if tok.type == "glossary_ref":
                words.append(tok.meta["label"] or terms.get(tok.meta["term"], tok.meta["term"]))
            elif tok.type in ("softbreak", "hardbreak"):
                words.append(" ")
            else:
                words.append(tok.content)
        blocks.append(" ".join("".join(words).split()))
    return "\n".join(blocks)


_BLOCKS = {"bullet_list_open": "ul", "ordered_list_open": "ol", "list_item_open": "li", "paragraph_open": "p"}
_INLINE = {"em_open": "em", "strong_open": "strong"}


def into(parent: Element, text: str, terms: dict | None = None, inline: bool = False) -> None:
    """Append lesson prose to ``parent``, an ``xml.etree`` element, as XHTML: p, ul, ol, li, em, strong, code, a.

    Glossary references become their words; every string goes in as element text (``escape.xml_text``), so
    the serializer escapes it. With ``inline``, paragraphs and list items run on, joined by spaces, for places
    that take no block (a QTI prompt, an option).
    """
    stack, first = [parent], True
    for tok in _parse(text or ""):
        if tok.type == "inline":
            if inline and not first:
                _append(stack[-1], " ")
            _inline_into(stack[-1], tok.children or [], terms or {})
            first = False
        elif inline or tok.hidden:  # a tight list's paragraphs are not shown as paragraphs
            continue
        elif tok.type in _BLOCKS:
            stack.append(SubElement(stack[-1], _BLOCKS[tok.type]))
        elif tok.type.endswith("_close"):
            stack.pop()


def _inline_into(parent: Element, children, terms: dict) -> None:
    stack = [parent]
    for tok in children:
        kind = tok.type
        if kind in _INLINE or kind == "link_open":
            href = tok.attrGet("href") or ""
            tag = _INLINE.get(kind) or ("a" if _safe_href(href) else "span")
            stack.append(SubElement(stack[-1], tag, {"href": xml_text(href)} if tag == "a" else {}))
        elif kind in ("em_close", "strong_close", "link_close"):
            stack.pop()
        elif kind == "code_inline":
            SubElement(stack[-1], "code").text = xml_text(tok.content)
        elif kind == "hardbreak":
            SubElement(stack[-1], "br")
        elif kind == "softbreak":
            _append(stack[-1], " ")
        elif kind == "glossary_ref":
            _append(stack[-1], tok.meta["label"] or terms.get(tok.meta["term"], tok.meta["term"]))
        else:  # text, and anything else, as typed
            _append(stack[-1], tok.content)


def _append(element: Element, text: str) -> None:
    """Add text at the end of ``element``: after its last child if it has one."""
    text = xml_text(text)
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _inline(children, glossary_href, terms) -> str:
    out: list[str] = []
    for tok in children:
        kind = tok.type
        if kind == "text":
            out.append(md_text(tok.content) if tok.content.strip() else " ")
            if tok.content[:1].isspace() and out[-1] != " ":
                out[-1] = " " + out[-1]
            if tok.content[-1:].isspace() and out[-1] != " ":
                out[-1] += " "
        elif kind in ("em_open", "em_close"):
            out.append("<em>" if kind == "em_open" else "</em>")
        elif kind in ("strong_open", "strong_close"):
            out.append("<strong>" if kind == "strong_open" else "</strong>")
        elif kind == "code_inline":
            out.append(f"<code>{md_code(tok.content)}</code>")  # code is literal text
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("<br>")
        elif kind == "link_open":
            href = tok.attrGet("href") or ""
            out.append(f'<a href="{html_line(href)}">' if _safe_href(href) else "<span>")
        elif kind == "link_close":
            out.append("</a>" if _last_open(out) == "a" else "</span>")
        elif kind == "glossary_ref":
            term = tok.meta["term"]
            label = tok.meta["label"] or terms.get(term, term)
            href = glossary_href(term)
            out.append(f"[{md_text(label)}]({quote(href, safe='/#.-_:')})" if href else
                       f"<strong>{md_text(label)}</strong>")
        else:  # anything else is shown as typed
            out.append(md_text(tok.content))
    return "".join(out).strip()


def _last_open(parts: list[str]) -> str:
    for part in reversed(parts):
        if part.startswith("<a "):
            return "a"
        if part == "<span>":
            return "span"
    return "span"
