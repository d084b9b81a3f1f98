"""A passage read cold on the lesson page: plain first, with the prompt, and its highlights behind a reveal.

The page holds the plain passage, its source and the prompt, ruled space for print, and the highlighted passage
and its note in a folded box ("Reveal the highlights"): without JavaScript the box opens by hand. The site's
script (``docs/assets/five-frames.js``) adds the answer box (kept in the browser) and the reveal button, takes the
folded box out of the page until the student reveals it, and then shows the highlighted passage in place of the
plain one. The teacher edition shows the box open.
"""

from __future__ import annotations

from .. import credit
from ..coldread import REVEAL, prompt
from ..markup import attrs, block_div, details
from .common import PageContext, article_uri, md_text


def cold_passage(page: PageContext, passage, revealed: str) -> str:
    """The cold read of ``passage``; ``revealed`` is its words with their highlights (lesson.highlighted_quote)."""
    source = (f"— [{credit.md(credit.credit(passage))}]"
              f"({page.link(article_uri(passage.article.id), f'p-{passage.paragraph}')})")
    reveal = [f"> {revealed}\n"]
    if passage.spec.get("note"):
        reveal.append(page.prose.block(passage.spec["note"]) + "\n")
    body = "\n".join([
        f"> {md_text(passage.text)}\n",
        f"{source}\n{attrs('ff-source', block=True)}\n",
        f"**Cold read.** {page.prose.inline(prompt(passage))}\n{attrs('ff-cold-prompt', block=True)}\n",
        '<div class="ff-answer-space" aria-hidden="true"></div>\n',
        details("success", REVEAL, "\n".join(reveal), open=page.edition == "teacher"),
    ])
    classes = "ff-passage ff-cold" + (" ff-key" if page.edition == "teacher" else "")
    return block_div(classes, body, id=f"passage-{passage.id}", data_cold=f"{page.item.id}/{passage.id}")
