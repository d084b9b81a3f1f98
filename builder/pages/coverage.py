"""The coverage matrix: which techniques and lessons draw on which articles."""

from __future__ import annotations

from collections import Counter

from .common import GLOSSARY_URI, PageContext, front_matter, lesson_uri, md_text, article_uri

URI = "coverage.md"


def render_coverage(page: PageContext) -> str:
    """Markdown tables: technique × article (annotations) and lesson × article (passages)."""
    course = page.course
    articles = list(course.articles.values())
    header = "| | " + " | ".join(f"[{md_text(a.meta['short_title'])}]({page.link(article_uri(a.id))})"
                                  for a in articles) + " | Total |"
    rule = "|---|" + "---:|" * (len(articles) + 1)
    technique_counts = Counter((n.technique, n.passage.article.id) for l in course.lessons for n in l.annotations)
    rows = []
    for tid, term in course.glossary.items():
        counts = [technique_counts[(tid, a.id)] for a in articles]
        rows.append(f"| [{md_text(term['term'])}]({page.link(GLOSSARY_URI, tid)}) | "
                    + " | ".join(_cell(c) for c in counts) + f" | {sum(counts)} |")
    lesson_rows = []
    for lesson in course.lessons:
        counts = Counter(p.article.id for p in lesson.passages.values())
        lesson_rows.append(f"| [{md_text(lesson.title)}]({page.link(lesson_uri(lesson.id))}) | "
                           + " | ".join(_cell(counts[a.id]) for a in articles) + f" | {sum(counts.values())} |")
    per_article = Counter(p.article.id for l in course.lessons for p in l.passages.values())
    lessons_per_article = Counter(a for l in course.lessons for a in l.article_ids)
    totals = ("| **Lessons quoting it** | " + " | ".join(str(lessons_per_article[a.id]) for a in articles)
              + f" | {len(course.lessons)} |")
    unused = [term["term"] for tid, term in course.glossary.items() if not any(k[0] == tid for k in technique_counts)]
    parts = [front_matter("Coverage matrix"), "# Coverage matrix\n",
             "How evenly the course examines the five texts. A gap is a question for the course authors, not a "
             "verdict on an article.\n",
             "## Techniques by article\n", "Number of annotated spans.\n", header, rule, *rows, "",
             "## Lessons by article\n", "Number of quoted passages.\n", header, rule, *lesson_rows, totals, "",
             f"{sum(per_article.values())} passages in all.\n"]
    if unused:
        parts.append("Techniques no lesson annotates yet: " + md_text(", ".join(unused)) + ".\n")
    return "\n".join(parts)


def _cell(count: int) -> str:
    return str(count) if count else "·"
