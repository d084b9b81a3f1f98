"""Make a synthetic course N times the size of the real one: copies of the articles and lessons."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from builder.lessons import NOT_PROSE


def make_synthetic(root: Path, dest: Path, times: int) -> Path:
    """``dest`` gets seeds/ and lessons/ with ``times`` renamed copies of every article and lesson.

    The capstone and the practice texts (``written_for_course``) are copied once: a course has one capstone, and
    only it may quote a practice text.
    """
    seeds, lessons = dest / "seeds", dest / "lessons"
    seeds.mkdir(parents=True)
    lessons.mkdir(parents=True)
    shutil.copytree(root / "lessons" / "schema", lessons / "schema")
    shutil.copy(root / "lessons" / "glossary.yaml", lessons / "glossary.yaml")
    meta = yaml.safe_load((root / "seeds" / "articles.yaml").read_text(encoding="utf-8"))
    articles = []
    for k in range(times):
        for article in meta["articles"]:
            if k and article.get("written_for_course"):
                continue
            copy = dict(article, id=f"{article['id']}-k{k}", file=f"{article['id']}-k{k}.txt")
            shutil.copy(root / "seeds" / article["file"], seeds / copy["file"])
            articles.append(copy)
    (seeds / "articles.yaml").write_text(yaml.safe_dump({"articles": articles}, allow_unicode=True),
                                         encoding="utf-8")
    for path in sorted((root / "lessons").glob("[0-9]*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for k in range(times):
            if k and data.get("capstone"):
                continue  # a course has one capstone, and only it quotes the practice texts
            copy = _distinct(data, k)
            copy["id"] = f"{data['id']}-k{k}"
            for passage in copy["passages"]:
                passage["article"] = f"{passage['article']}-k{k}"
            text = yaml.safe_dump(copy, allow_unicode=True, sort_keys=False, width=110)
            (lessons / f"{path.stem[:2]}-k{k:04d}-{path.stem[3:]}.yaml").write_text(text, encoding="utf-8")
    return dest


def _distinct(value, k: int, key: str | None = None):
    """A deep copy whose prose differs from every other copy, so no cache can share work between them."""
    if isinstance(value, dict):
        return {name: _distinct(item, k, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_distinct(item, k, key) for item in value]
    if isinstance(value, str) and key not in NOT_PROSE:
        return f"{value.rstrip()} (copy {k})"
    return value
