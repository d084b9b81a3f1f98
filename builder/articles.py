"""Load the seed articles: their metadata (seeds/articles.yaml) and their verbatim text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import anchor
from .diagnostics import Diagnostic
from .source import decode_text, load_yaml, read_bytes
from .validate import validate

METADATA = "articles.yaml"


@dataclass
class Article:
    """One seed article: metadata plus text, paragraphs and a normalized copy for anchoring."""

    id: str
    meta: dict
    text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    normalized: anchor.Normalized | None = None

    @property
    def words(self) -> int:
        return len(re.findall(r"\w[\w'’-]*", self.text))

    def paragraph_of(self, offset: int) -> int:
        return anchor.paragraph_of(self.paragraphs, offset)


def load_articles(seeds: Path, shown_dir: str = "seeds") -> tuple[dict[str, Article], list[Diagnostic]]:
    """Read seeds/articles.yaml and every article it lists; report every problem.

    Files must be ordinary files inside the course folder (the one holding ``seeds``).
    """
    shown = f"{shown_dir}/{METADATA}"
    doc = load_yaml(seeds / METADATA, shown, seeds.parent)  # links must stay inside the course folder
    diags = list(doc.problems)
    if doc.problems:
        return {}, diags
    schema_diags = validate(doc, "articles")
    diags += schema_diags
    if schema_diags:
        return {}, diags
    articles: dict[str, Article] = {}
    for i, meta in enumerate(doc.data["articles"]):
        where = ("articles", i)
        if meta["id"] in articles:
            diags.append(doc.diag(where + ("id",), f"article id '{meta['id']}' is used twice", "duplicate-id"))
            continue
        shown_file = f"{shown_dir}/{meta['file']}"
        raw, problem = read_bytes(seeds / meta["file"], shown_file, seeds.parent)
        if raw is not None:
            text, problem = decode_text(raw, shown_file)
        if problem:
            diags.append(doc.diag(where + ("file",), f"cannot use '{meta['file']}': {problem.message}",
                                  problem.code))
            continue
        digest = hashlib.sha256(raw).hexdigest()  # of the very bytes read: the file may change meanwhile
        if digest != meta["sha256"]:
            diags.append(doc.diag(where + ("sha256",),
                                  f"'{meta['file']}' has changed: its SHA-256 is {digest}. Article text must stay "
                                  "verbatim; restore it, or update sha256 if the new text is the real one",
                                  "text-changed"))
        articles[meta["id"]] = Article(meta["id"], meta, text, anchor.split_paragraphs(text),
                                       anchor.normalize(text))
    return articles, diags
