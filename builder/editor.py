"""The editors' copy of the JSON Schemas (``course schemas --out lessons/schema``).

The package's schemas (``builder/schema/``) are what ``course check`` validates against; it checks technique
and article ids itself, with "did you mean" messages, so a course whose glossary changes needs no new schema.
The editors' copy adds what an editor with the YAML language server shows while a teacher types: the
glossary's technique ids and the articles' ids as ``enum``s (each with its name and a short definition, or its
outlet and title), ``markdownDescription`` texts, readable messages instead of raw patterns, and
``defaultSnippets`` that insert a lesson skeleton which passes the schema. The ids are the course's, so the
copy is regenerated whenever the glossary or the article list changes (a test says so when it is stale).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from .credit import article_name
from .kinds import schema_text
from .model import Article
from .validate import load_schema, schema_names

REFRESH = "course schemas --out lessons/schema"
"""The command that writes the editors' copy."""

DOCS = "docs/writing-lessons.md"

SLUG_MESSAGE = ("Use lowercase words joined by hyphens, like loaded-words: letters a to z and digits, one hyphen "
                "between words, no spaces or capitals.")
BLANK_MESSAGE = "Write some words here: this cannot be blank."

LESSON_TEXT: dict[tuple[str, ...], str] = {
    (): f"One lesson of the Five Frames course. Each key is explained in `{DOCS}`, \"A lesson, key by key\". "
        "Run `course check` to verify the quotes against the articles.",
    ("id",): "The lesson's page name: lowercase words joined by hyphens, like `loaded-words`. Unique in the course.",
    ("title",): "The title students see.",
    ("strands",): "One or more of the course strands: `bias-and-framing`, `sourcing`, `loaded-language`.",
    ("minutes",): "Class time in minutes, a whole number from 5 to 240.",
    ("objectives",): "What a student can do after the lesson, one per item.",
    ("passages",): "Quotes from the articles, each found by `course check` in its article. "
                   "`course find \"some words\"` prints a passage ready to paste here.",
    ("contrasts",): "Passages to set side by side (two or more passage ids of this lesson), with a question.",
    ("annotations",): "Techniques marked on words inside a passage: the span, a glossary technique, an explanation.",
    ("self_check",): "Multiple-choice questions; every option has feedback and one is correct. The builder "
                     "shuffles the options, so never write \"see option B\".",
    ("teacher_notes",): "For the teacher edition: `timing` (required), `misconceptions`, `answers`, `background`.",
    ("exercises",): "Notebook exercises: `spot-loaded-words`, `classify-sources`, `compare-framings`, "
                    "`by-the-numbers`.",
    ("transfer",): "A task students can repeat on any news article.",
}
"""Markdown shown for a key of the lesson (by its path in the schema's properties), in the editor's hover."""

DEF_TEXT: dict[tuple[str, str], str] = {
    ("passage", "id"): "A name for this passage (lowercase words joined by hyphens), used by the rest of the lesson.",
    ("passage", "article"): "The article the words are from (an id of `seeds/articles.yaml`).",
    ("passage", "quote"): "Exact words of the article. Curly quotes, dashes and spaces may be typed plainly. "
                          "Copy them from the article page, or use `course find \"words\"`.",
    ("passage", "occurrence"): "Which match to use (1, 2, ...) when the quote occurs more than once in the article.",
    ("passage", "before"): "Words right before the quote, to choose among repeated quotes.",
    ("passage", "after"): "Words right after the quote, to choose among repeated quotes.",
    ("passage", "cold_read"): "`true`: students read the passage plain, mark the words that push them and name the "
                              "move, then reveal its highlights. `{prompt: ...}` asks a question of your own. The "
                              "passage needs an annotation.",
    ("annotation", "passage"): "The id of a passage of this lesson.",
    ("annotation", "span"): "Words inside the passage's quote that show the technique.",
    ("annotation", "technique"): "A technique of the glossary (`lessons/glossary.yaml`).",
    ("annotation", "occurrence"): "Which match of the span, when it occurs more than once inside the passage.",
}
"""Markdown for a key of a definition, ``(definition, key)``."""


def editor_schemas(articles: Mapping[str, Article] | None, glossary: Mapping[str, dict] | None) -> dict[str, bytes]:
    """Every schema as the editors' copy holds it, ``{name: file bytes}``; without a course, no id lists."""
    made = {name: editor_schema(name, articles, glossary) for name in schema_names()}
    return {name: schema_text(schema).encode("utf-8") for name, schema in made.items()}


def editor_schema(name: str, articles: Mapping[str, Article] | None = None,
                  glossary: Mapping[str, dict] | None = None) -> dict:
    """The package's schema ``name`` with the editors' messages, and for the lesson its ids and snippets."""
    schema = copy.deepcopy(load_schema(name))
    _readable_patterns(schema)
    if name == "prepost":  # the pre/post check's forms: an item quotes an article, an option may name a technique
        return _with_ids(schema, articles, glossary, ("item", "article"), ("option", "technique"))
    if name != "lesson":
        return schema
    _describe_lesson(schema)
    _with_ids(schema, articles, glossary, ("passage", "article"), ("annotation", "technique"))
    _add_snippets(schema, list(articles or {}), next(iter(glossary or {}), None))
    return schema


def _with_ids(schema: dict, articles: Mapping[str, Article] | None, glossary: Mapping[str, dict] | None,
              article_key: tuple[str, str], technique_key: tuple[str, str]) -> dict:
    """``schema`` with the course's article and technique ids listed at these ``(definition, key)``s."""
    defs = schema["$defs"]
    if articles:
        defs["article_id"] = article_ids(articles)
        _retarget(defs[article_key[0]]["properties"][article_key[1]], "article_id")
    if glossary:
        defs["technique_id"] = technique_ids(glossary)
        _retarget(defs[technique_key[0]]["properties"][technique_key[1]], "technique_id")
    return schema


def _readable_patterns(node: Any) -> None:
    """Give every ``pattern`` a message an editor shows instead of the regular expression."""
    if isinstance(node, list):
        for item in node:
            _readable_patterns(item)
    if not isinstance(node, dict):
        return
    pattern = node.get("pattern")
    if pattern == r"\S":
        node["patternErrorMessage"] = BLANK_MESSAGE
    elif isinstance(pattern, str) and pattern.startswith("^[a-z0-9]+"):
        node["patternErrorMessage"] = SLUG_MESSAGE
    elif pattern is not None and "x-message" in node:
        node["patternErrorMessage"] = f"This {node['x-message']}."
    for value in node.values():
        _readable_patterns(value)


def _describe(node: dict, markdown: str) -> None:
    node["markdownDescription"] = markdown
    node.setdefault("description", re.sub(r"`", "", markdown))


def _describe_lesson(schema: dict) -> None:
    """Hover texts for the lesson's keys and the keys of its passages and annotations."""
    for path, markdown in LESSON_TEXT.items():
        node = schema
        for key in path:
            node = node["properties"][key]
        _describe(node, markdown)
    for (definition, key), markdown in DEF_TEXT.items():
        _describe(schema["$defs"][definition]["properties"][key], markdown)


def _retarget(prop: dict, definition: str) -> None:
    """Point a key that held any slug at a definition that lists the course's ids."""
    prop["$ref"] = f"#/$defs/{definition}"


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, on one line."""
    flat = " ".join(text.split())
    match = re.search(r"(?<=[.!?])\s", flat)
    return flat[:match.start()] if match else flat


def technique_ids(glossary: Mapping[str, dict]) -> dict:
    """The glossary's term ids, each described by its name and the first sentence of its definition."""
    ids = list(glossary)
    plain = [f"{glossary[t]['term']}: {first_sentence(glossary[t]['definition'])}" for t in ids]
    return {
        "type": "string",
        "enum": ids,
        "enumDescriptions": plain,
        "markdownEnumDescriptions": [f"**{glossary[t]['term']}**. {first_sentence(glossary[t]['definition'])}"
                                     for t in ids],
        "errorMessage": "Not a technique of the glossary (lessons/glossary.yaml): choose one from the completion "
                        f"list. A new technique goes in the glossary first; then run '{REFRESH}'.",
    }


def article_ids(articles: Mapping[str, Article]) -> dict:
    """The articles' ids, each described by its short title, outlet, date and title."""
    ids = list(articles)
    meta = [(articles[a].meta, article_name(articles[a])) for a in ids]  # a practice text says it is one
    return {
        "type": "string",
        "enum": ids,
        "enumDescriptions": [f"{name}. {m['outlet']}, {m['date']}: {m['title']}" for m, name in meta],
        "markdownEnumDescriptions": [f"**{name}**  \n{m['outlet']}, {m['date']}  \n*{m['title']}*"
                                     for m, name in meta],
        "errorMessage": "Not an article of seeds/articles.yaml: choose one from the completion list.",
    }


# ---- snippets ----

def _add_snippets(schema: dict, articles: list[str], technique: str | None) -> None:
    """``defaultSnippets`` for a whole lesson and for the items of its lists; each fills in valid."""
    ids = articles or ["article-id"]
    first, second = ids[0], ids[1 % len(ids)]
    technique = technique or "technique-id"
    defs = schema["$defs"]
    strand = schema["properties"]["strands"]["items"]["enum"][0]
    schema["defaultSnippets"] = [{
        "label": "Five Frames lesson",
        "markdownDescription": f"A lesson skeleton that passes the schema. Replace each placeholder; see `{DOCS}`.",
        "body": lesson_snippet(first, second, technique, strand),
    }]
    snippets = {
        "passage": ("passage", passage_snippet(1, "passage-id", first)),
        "annotation": ("annotation", annotation_snippet(1, "passage-id", technique)),
        "self_check_question": ("self-check question", question_snippet(1)),
        "option": ("option", {"text": "${1:option text}", "feedback": "${2:why this option is right or wrong}"}),
        "contrast": ("contrast", {"passages": ["${1:first-passage}", "${2:second-passage}"],
                                  "question": "${3:What does each passage want the reader to think?}"}),
    }
    for definition, (label, body) in snippets.items():
        defs[definition]["defaultSnippets"] = [{"label": f"new {label}", "body": body}]


QUOTE_PLACEHOLDER = "words copied from the article page"
SPAN_PLACEHOLDER = "words inside the quote"


def passage_snippet(n: int, pid: str, article: str) -> dict:
    return {"id": f"${{{n}:{pid}}}", "article": f"${{{n + 1}:{article}}}", "quote": f"${{{n + 2}:{QUOTE_PLACEHOLDER}}}"}


def annotation_snippet(n: int, pid: str, technique: str) -> dict:
    return {"passage": f"${{{n}:{pid}}}", "span": f"${{{n + 1}:{SPAN_PLACEHOLDER}}}",
            "technique": f"${{{n + 2}:{technique}}}",
            "explanation": f"${{{n + 3}:What these words do to the reader.}}"}


def question_snippet(n: int) -> dict:
    return {"prompt": f"${{{n}:A question about the passage?}}", "options": [
        {"text": f"${{{n + 1}:the right answer}}", "correct": True,
         "feedback": f"${{{n + 2}:Yes: why it is right.}}"},
        {"text": f"${{{n + 3}:a mistake a real reader makes}}",
         "feedback": f"${{{n + 4}:Not quite: what the passage says instead.}}"}]}


def lesson_snippet(first: str, second: str, technique: str, strand: str) -> dict:
    """A whole lesson: every required key, and the sections every lesson of the course has (as ``course new``)."""
    return {
        "id": "${1:new-lesson}",
        "title": "${2:Title students see}",
        "strands": [f"${{3:{strand}}}"],
        "minutes": 45,
        "objectives": ["${4:What a student can do afterwards.}"],
        "passages": [{**passage_snippet(5, "first-passage", first), "cold_read": True},
                     passage_snippet(8, "second-passage", second)],
        "contrasts": [{"passages": ["first-passage", "second-passage"],
                       "question": "${11:What does each passage want the reader to think?}"}],
        "annotations": [annotation_snippet(12, "first-passage", technique)],
        "self_check": [{**question_snippet(16), "passage": "first-passage"}],
        "transfer": "${21:A task students can repeat on any news article.}",
        "teacher_notes": {"timing": "${22:How the minutes are spent.}",
                          "misconceptions": ["${23:A mistake students often make here.}"],
                          "answers": "${24:Model answers for the contrast and the transfer task.}"},
        "exercises": [{"id": "spot", "kind": "spot-loaded-words",
                       "prompt": "${25:List the words of the first passage that do the work of a technique.}",
                       "passage": "first-passage"}],
    }


PLACEHOLDER = re.compile(r"\$\{\d+:([^}]*)\}|\$\d+")


def filled(body: Any) -> Any:
    """A snippet body as inserted when every placeholder keeps its default (``${1:x}`` becomes ``x``)."""
    if isinstance(body, str):
        return PLACEHOLDER.sub(lambda m: m.group(1) or "", body)
    if isinstance(body, list):
        return [filled(item) for item in body]
    if isinstance(body, dict):
        return {key: filled(value) for key, value in body.items()}
    return body
