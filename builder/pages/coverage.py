"""The coverage matrix: which techniques and lessons draw on which articles."""

from __future__ import annotations

from collections import Counter

from .. import close_reading
from ..markup import block_div
from .common import GLOSSARY_URI, PageContext, article_uri, front_matter, lesson_uri, md_text

URI = "coverage.md"


def render_coverage(page: PageContext) -> str:
    """Markdown tables: technique × article (annotations) and lesson × article (passages)."""
    course, index = page.course, page.course.index
    articles = list(course.articles.values())
    header = "| | " + " | ".join(f"[{md_text(a.meta['short_title'])}]({page.link(article_uri(a.id))})"
                                  for a in articles) + " | Total |"
    rule = "|---|" + "---:|" * (len(articles) + 1)
    rows = []
    for tid, term in course.glossary.items():
        counts = [index.techniques[tid, a.id] for a in articles]
        rows.append(f"| [{md_text(term['term'])}]({page.link(GLOSSARY_URI, tid)}) | "
                    + " | ".join(_cell(c) for c in counts) + f" | {sum(counts)} |")
    lesson_rows = []
    for lesson in course.lessons:
        quoted = Counter(p.article.id for p in lesson.passages.values())
        lesson_rows.append(f"| [{md_text(lesson.title)}]({page.link(lesson_uri(lesson.id))}) | "
                           + " | ".join(_cell(quoted[a.id]) for a in articles) + f" | {sum(quoted.values())} |")
    totals = ("| **Lessons quoting it** | " + " | ".join(str(index.lessons_quoting(a.id)) for a in articles)
              + f" | {len(course.lessons)} |")
    unused = [term["term"] for tid, term in course.glossary.items() if tid not in index.examples]
    parts = [front_matter("Coverage matrix"), "# Coverage matrix\n",
             "How evenly the course examines the five texts. A gap is a question for the course authors, not a "
             "verdict on an article.\n",
             "## Techniques by article\n", "Number of annotated spans.\n", _table([header, rule, *rows]),
             "## Lessons by article\n", "Number of quoted passages.\n", _table([header, rule, *lesson_rows, totals]),
             f"{sum(map(len, index.quotes.values()))} passages in all.\n"]
    if unused:
        parts.append("Techniques no lesson annotates yet: " + md_text(", ".join(unused)) + ".\n")
    if page.edition == "teacher":
        parts += _close_reading(page)
    return "\n".join(parts)


def _close_reading(page: PageContext) -> list[str]:
    """The teacher edition's section: how much of the close-reading inventory the lessons examine.

    Teachers only: the inventory's lists would hand students the answers of the spot-the-words exercises.
    """
    measured = close_reading.measure(page.course)
    if measured is None:
        return []
    articles = list(page.course.articles.values())
    rows = ["| | Loaded language | Attributions |", "|---|---:|---:|"]
    for a in articles:
        shares = measured.by_article[a.id]
        rows.append(f"| [{md_text(a.meta['short_title'])}]({page.link(article_uri(a.id))}) | "
                    f"{_share(shares['loaded'])} | {_share(shares['attribution'])} |")
    rows.append(f"| **All five** | {_share(measured.loaded)} | {_share(measured.attributions)} |")
    missed = [f"- {md_text(page.course.articles[r.article].meta['short_title'])}, {r.kind}: "
              f"\u201c{md_text(r.quote)}\u201d ({md_text(r.why)})"
              for r in [*measured.loaded.missed, *measured.attributions.missed]]
    parts = ["## Close reading\n",
             "How much of the close-reading inventory (`seeds/close-reading.yaml`: the loaded language and the "
             "attributions one careful reader found in each text) the lessons examine. An entry counts when an "
             "annotation overlaps it with a technique of its kind. Targets: "
             f"{close_reading.LOADED_TARGET:.0%} of the loaded language, {close_reading.ATTRIBUTION_TARGET:.0%} "
             f"of the attributions, {close_reading.ARTICLE_TARGET:.0%} of each text's loaded language.\n",
             _table(rows)]
    if missed:
        parts += ["Not yet examined:\n", "\n".join(missed) + "\n"]
    return parts


def _share(share: close_reading.Share) -> str:
    return f"{share.ratio:.0%} ({len(share.examined)} of {share.total})"


def _table(lines: list[str]) -> str:
    """A coverage table, compact enough to fit a laptop's column (it scrolls sideways on a phone)."""
    return block_div("ff-coverage", "\n".join(lines) + "\n")


def _cell(count: int) -> str:
    return str(count) if count else "·"
