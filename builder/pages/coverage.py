"""The coverage matrix: which techniques and lessons draw on which articles."""

from __future__ import annotations

from collections import Counter

from .. import close_reading, credit
from ..markup import block_div
from .common import GLOSSARY_URI, PageContext, article_uri, front_matter, lesson_uri, md_text

URI = "coverage.md"


def render_coverage(page: PageContext) -> str:
    """Markdown tables: technique × article (annotations) and lesson × article (passages).

    Practice texts (``written_for_course``) get their own columns after the totals: only the capstone quotes
    them, and they are not counted in the real articles' figures.
    """
    course, index = page.course, page.course.index
    real = [a for a in course.articles.values() if not a.written_for_course]
    practice = [a for a in course.articles.values() if a.written_for_course]
    header = ("| | " + " | ".join(_link(page, a) for a in real) + " | Total |"
              + "".join(f" {_link(page, a)} |" for a in practice))
    rule = "|---|" + "---:|" * (len(real) + 1 + len(practice))
    rows = []
    for tid, term in course.glossary.items():
        counts = [index.techniques[tid, a.id] for a in real]
        rows.append(f"| [{md_text(term['term'])}]({page.link(GLOSSARY_URI, tid)}) | "
                    + " | ".join(_cell(c) for c in counts) + f" | {sum(counts)} |"
                    + "".join(f" {_cell(index.techniques[tid, a.id])} |" for a in practice))
    lesson_rows = []
    for lesson in course.lessons:
        quoted = Counter(p.article.id for p in lesson.passages.values())
        lesson_rows.append(f"| [{md_text(lesson.title)}]({page.link(lesson_uri(lesson.id))}) | "
                           + " | ".join(_cell(quoted[a.id]) for a in real)
                           + f" | {sum(quoted[a.id] for a in real)} |"
                           + "".join(f" {_cell(quoted[a.id])} |" for a in practice))
    totals = ("| **Lessons quoting it** | " + " | ".join(str(index.lessons_quoting(a.id)) for a in real)
              + f" | {len(course.lessons)} |" + "".join(f" {index.lessons_quoting(a.id)} |" for a in practice))
    unused = [term["term"] for tid, term in course.glossary.items() if tid not in index.examples]
    passages = sum(len(index.quotes.get(a.id, [])) for a in real)
    parts = [front_matter("Coverage matrix"), "# Coverage matrix\n",
             f"How evenly the course examines the {len(real)} texts. A gap is a question for the course authors, "
             "not a verdict on an article.\n"]
    if practice:
        parts.append("The columns after the totals are practice texts written for this course, not real publications: "
                     "only the capstone quotes them, and they are not counted in the totals.\n")
    parts += ["## Techniques by article\n", "Number of annotated spans.\n", _table([header, rule, *rows]),
              "## Lessons by article\n", "Number of quoted passages.\n", _table([header, rule, *lesson_rows, totals]),
              f"{passages} passages of the real articles in all.\n"]
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


def _link(page: PageContext, article) -> str:
    """An article's column heading: its name (labelled if a practice text), linked to its page."""
    return f"[{credit.md_article_name(article)}]({page.link(article_uri(article.id))})"


def _table(lines: list[str]) -> str:
    """A coverage table, compact enough to fit a laptop's column (it scrolls sideways on a phone)."""
    return block_div("ff-coverage", "\n".join(lines) + "\n")


def _cell(count: int) -> str:
    return str(count) if count else "·"
