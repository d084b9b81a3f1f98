"""The glossary page: each technique with its definition, label and examples from the lessons."""

from __future__ import annotations

from collections import defaultdict

from .. import credit
from ..escape import quoted
from ..markup import attrs
from .common import FAMILIES, PageContext, article_uri, front_matter, lesson_uri, md_text


def render_glossary(page: PageContext) -> str:
    """Markdown for the glossary, grouped by family in file order."""
    course = page.course
    by_family = defaultdict(list)
    for term in course.glossary.values():
        by_family[term["family"]].append(term)
    parts = [front_matter("Glossary of techniques"), "# Glossary of techniques\n",
             "These are the names the course gives to the moves a text can make. Each entry says what the "
             "technique is, a question to ask when you suspect it, and real examples that lessons mark in the "
             "five articles. Where a research label exists (SemEval-2020 Task 11, a shared task on detecting "
             "propaganda in news), it is given so you can look it up.\n",
             _jump_list(by_family)]
    for family, terms in by_family.items():
        parts.append(f"## {md_text(FAMILIES[family])}\n")
        for term in terms:
            parts.append(_term(page, term, course.index.examples.get(term["id"], [])))
    return "\n".join(parts)


def _jump_list(by_family: dict[str, list[dict]]) -> str:
    """Links to every term, by family, at the top of the page: a reader on a phone jumps instead of scrolling."""
    lines = ['<nav class="ff-jump" aria-label="Techniques" markdown>\n']
    for family, terms in by_family.items():
        links = " · ".join(f"[{md_text(term['term'])}](#{term['id']})" for term in terms)
        lines.append(f"**{md_text(FAMILIES[family])}:** {links}\n")
    return "\n".join(lines) + "\n</nav>\n"


def also_called(term: dict) -> list[str]:
    """The term's other names, as a reader searching for one would type it (spellings of one word given once)."""
    seen, names = {term["term"].casefold()}, []
    for alias in term.get("aliases", []):
        key = alias.casefold().replace("ll", "l").removesuffix("s")
        if key not in seen and alias.casefold() not in seen:
            seen.update({key, alias.casefold()})
            names.append(alias)
    return names


def _term(page: PageContext, term, examples) -> str:
    course = page.course
    out = [f"### {md_text(term['term'])} {attrs(id=term['id'])}\n", md_text(term["definition"]) + "\n"]
    if aliases := also_called(term):
        out.append(f"**Also called:** {', '.join(md_text(a) for a in aliases)}\n")
    if term.get("ask"):
        out.append(f"**Ask:** {md_text(term['ask'])}\n")
    if term.get("semeval2020"):
        label = term["semeval2020"]
        shared = "," in label
        out.append("**In research:** the SemEval-2020 propaganda data set files this under "
                   f"<code>{md_text(label)}</code>"
                   + (", a label it shares with related techniques" if shared else "") + ".\n")
    if term.get("see_also"):
        names = [f"[{md_text(course.glossary[o]['term'])}](#{o})" for o in term["see_also"] if o in course.glossary]
        out.append(f"**See also:** {', '.join(names)}\n")
    if examples:
        out.append("**Examples in the course:**\n")
        for lesson, note in examples:
            article = note.passage.article
            out.append(f"- {md_text(quoted(note.text))}, [{credit.md_short(credit.credit(note.passage))}]"
                       f"({page.link(article_uri(article.id), f'p-{note.passage.paragraph}')}), in "
                       f"[{md_text(lesson.title)}]({page.link(lesson_uri(lesson.id), f'note-{note.number}')})")
        out.append("")
    return "\n".join(out)
