"""The lesson page's "Read laterally" section: a modelled search away from the page, step by step.

The section is one folded box (a tap opens it: on a phone the lesson stays short). Each step shows what to type
(as code, selected whole with one tap so it can be copied), where to look, what a good result looks
like and how to weigh it. What a careful reader finds is folded too (students search first; the
teacher edition shows both open), with the date it was last checked true, and the section ends with
an invitation to check it again.
"""

from __future__ import annotations

from ..escape import html_line, md_code
from ..markup import block_div, details
from ..model import LateralReading, LateralStep
from .common import PageContext, md_text

HEADING = "Read laterally"
"""The section's name, at the start of its box's summary."""

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def render_lateral(page: PageContext) -> str:
    """Markdown for the lesson's lateral-reading section; empty when the lesson has none."""
    block: LateralReading | None = page.item.lateral_reading
    if block is None:
        return ""
    prose = page.prose
    steps = "\n".join(_step(page, number, step) for number, step in enumerate(block.steps, 1))
    shown = true_as_of(block.true_as_of)
    finding = prose.block(block.finding) + f"\n\n**True as of {md_text(shown)}.**\n"
    teacher = page.edition == "teacher"
    body = "\n".join([
        # The title is a line of its own: run into the goal, it read as the goal's first words.
        f"**{md_text(block.title)}**\n",
        prose.inline(block.goal) + "\n",
        "Leave the page: open a new tab for each search.\n",
        block_div("ff-lateral", steps),
        _log_form(page.item.id),
        details("success", "After you have searched: what a careful reader finds", finding, open=teacher),
        f"**Check this yourself.** {prose.inline(block.check_yourself)} What we found was true as of "
        f"{md_text(shown)}: search again, since pages change.\n",
    ])
    summary = f"{HEADING}: check the source away from the page ({_count(len(block.steps))})"
    # One folded box: on a phone the lesson stays short, and a tap opens it. Its summary is the builder's own
    # words (a box's summary never holds lesson text); the block's title opens the box.
    return details("example", summary, body, open=teacher)


def _count(steps: int) -> str:
    return f"{steps} searches" if steps != 1 else "1 search"


LOG_FIELDS = (("query", "What you typed", "input"), ("result1", "Top result 1 (its title or site)", "input"),
              ("result2", "Top result 2", "input"), ("result3", "Top result 3 (if any)", "input"),
              ("trusted", "Which one you trusted", "input"),
              ("why", "Why: who runs it, what evidence it shows", "textarea"))
"""The search log's fields on the page (the notebook's log-search task asks the same)."""


def _log_form(lesson_id: str) -> str:
    """A search log kept in this browser by docs/assets/lateral-log.js; hidden until that script runs."""
    rows = []
    for name, label, tag in LOG_FIELDS:
        control = (f'<textarea name="{name}" rows="3"></textarea>' if tag == "textarea"
                   else f'<input type="text" name="{name}" autocomplete="off">')
        rows.append(f"<label>{md_text(label)} {control}</label>")
    return (f'<form class="ff-search-log" data-log="{html_line(lesson_id)}" hidden>\n'
            "<p><strong>Your search log.</strong> It stays in this browser only, and nothing checks it.</p>\n"
            + "\n".join(rows) + '\n<p class="ff-log-status" role="status" aria-live="polite"></p>\n</form>\n')


def _step(page: PageContext, number: int, step: LateralStep) -> str:
    """One step: the search to type, then where to look, what to look for and how to weigh it."""
    prose = page.prose
    return block_div("ff-lateral-step", "\n".join([
        f'**Step {number}.** Search for: <code class="ff-search">{md_code(step.search)}</code>\n',
        f"- **Where to look:** {md_text(step.where)}",
        f"- **What a good result looks like:** {prose.inline(step.look_for)}",
        f"- **How to weigh it:** {prose.inline(step.weigh)}\n",
    ]))


def true_as_of(text: str) -> str:
    """A ``YYYY-MM`` or ``YYYY-MM-DD`` date as a reader says it: "November 2026", "5 November 2026"."""
    parts = [int(p) for p in text.split("-")]
    month = f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {month}" if len(parts) > 2 else month
