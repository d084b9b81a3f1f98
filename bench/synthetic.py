"""Make a synthetic course N times the size of the real one: copies of the articles and lessons."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml


def make_synthetic(root: Path, dest: Path, times: int) -> Path:
    """``dest`` gets seeds/ and lessons/ with ``times`` renamed copies of every article and lesson."""
    seeds, lessons = dest / "seeds", dest / "lessons"
    seeds.mkdir(parents=True)
    lessons.mkdir(parents=True)
    shutil.copytree(root / "lessons" / "schema", lessons / "schema")
    shutil.copy(root / "lessons" / "glossary.yaml", lessons / "glossary.yaml")
    meta = yaml.safe_load((root / "seeds" / "articles.yaml").read_text(encoding="utf-8"))
    articles = []
    for k in range(times):
        for article in meta["articles"]:
            copy = dict(article, id=f"{article['id']}-k{k}", file=f"{article['id']}-k{k}.txt")
            shutil.copy(root / "seeds" / article["file"], seeds / copy["file"])
            articles.append(copy)
    (seeds / "articles.yaml").write_text(yaml.safe_dump({"articles": articles}, allow_unicode=True),
                                         encoding="utf-8")
    for path in sorted((root / "lessons").glob("[0-9]*.yaml")):
        text = path.read_text(encoding="utf-8")
        for k in range(times):
            copy = re.sub(r"^id: (\S+)", rf"id: \1-k{k}", text, count=1, flags=re.M)
            copy = re.sub(r"(\barticle: )([a-z0-9-]+)", rf"\1\2-k{k}", copy)
            (lessons / f"{path.stem[:2]}-k{k:04d}-{path.stem[3:]}.yaml").write_text(copy, encoding="utf-8")
    return dest
