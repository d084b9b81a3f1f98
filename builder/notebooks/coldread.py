"""Cold reads in the exercise notebook: the plain passage and the prompt, a cell for the learner's words and
move, and, in a Markdown cell of its own under a heading that says to read it after answering, the reveal.

The reveal follows the answer cell, or, when an exercise asks the learner to spot the loaded words of the same
passage, that exercise (it would give its key away). Nothing checks the cold read: a computer cannot judge a
named move, so the learner writes, then compares with the highlights and notes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..coldread import NOTEBOOK_REVEAL_ROLE as REVEAL_ROLE
from ..coldread import NOTEBOOK_ROLE as ROLE
from ..coldread import cold_passages, prompt
from ..escape import quoted
from ..prose import md_text

if TYPE_CHECKING:
    from ..model import Lesson, Passage
    from . import NotebookContext

def cold_read_cells(nb: NotebookContext, passage: Passage) -> None:
    """The plain passage with the prompt, and the learner's cell (in the teacher edition, the marked spans)."""
    nb.md(f"## Cold read: {md_text(_first_words(passage))}\n\n{nb.prose(prompt(passage))}\n\n"
          f"{_plain_passage(passage)}\n\n"
          "✏️ Write your words and your move in the cell below. Nothing checks this cell: write first, then read "
          "the reveal after it and compare.")
    if nb.teacher:
        words = "".join(f"    {json.dumps(n.text, ensure_ascii=False)},  # {_comment(nb, n.technique)}\n"
                        for n in _notes(nb.lesson, passage))
        source = f"my_words = [\n{words}]\nmy_move = \"\"  # the teacher notes name the moves"
    else:
        source = 'my_words = [\n    # "words copied from the passage",\n]\nmy_move = ""  # the move, in your own words'
    nb.code(f"# Cold read of passage {passage.id!r}: your answer stays in this notebook.\n{source}",
            role=ROLE, passage=passage.id)


def reveal_cell(nb: NotebookContext, passage: Passage) -> None:
    """The passage with its marked words in bold and numbered, then each note."""
    notes = _notes(nb.lesson, passage)
    lines = [f"{i}. **{md_text(nb.terms.get(n.technique, n.technique))}**: {md_text(quoted(n.text))}. "
             f"{nb.prose(n.explanation)}" for i, n in enumerate(notes, 1)]
    note = f"\n\n*Note:* {nb.prose(passage.spec['note'])}" if passage.spec.get("note") else ""
    nb.md(f"### Read after you have answered: the highlights of the cold read\n\n"
          f"> {_marked(passage, notes)}{note}\n\n" + "\n".join(lines)
          + "\n\nWhich of these words did you copy? Which move did you name, and which did you miss?")
    nb.cells.cells[-1].metadata["five_frames"] = {"role": REVEAL_ROLE, "passage": passage.id}


def reveals_after(lesson: Lesson) -> dict[int, list[Passage]]:
    """``{exercise number: passages}``: the cold reads whose reveal waits for a spotting exercise on them."""
    out: dict[int, list[Passage]] = {}
    cold = {p.id: p for p in cold_passages(lesson)}
    last = {exercise.spec.get("passage"): number for number, exercise in enumerate(lesson.exercises, 1)
            if exercise.kind.name == "spot-loaded-words"}
    for pid, number in last.items():
        if pid in cold:
            out.setdefault(number, []).append(cold[pid])
    return out


def _notes(lesson: Lesson, passage: Passage) -> list:
    return [n for n in lesson.annotations if n.passage is passage]


def _marked(passage: Passage, notes: list) -> str:
    """The passage's words as Markdown, each marked stretch in bold followed by its note numbers."""
    cuts = sorted({passage.start, passage.end} | {o for n in notes for o in (n.start, n.end)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = passage.text[a - passage.start:b - passage.start]
        if not piece.strip():
            out.append(" ")
            continue
        covering = [i for i, n in enumerate(notes, 1) if n.start <= a and b <= n.end]
        ending = [i for i in covering if notes[i - 1].end == b]
        text = md_text(piece)
        if covering:
            text = f"**{text}**" + (f"<sup>{','.join(map(str, ending))}</sup>" if ending else "")
        out.append((" " if piece[0].isspace() else "") + text + (" " if piece[-1].isspace() else ""))
    return "".join(out).replace("  ", " ").strip()


def _first_words(passage: Passage, words: int = 6) -> str:
    tokens = passage.text.split()
    return " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")


def _plain_passage(passage: Passage) -> str:
    from . import passage_md
    return passage_md(passage)


def _comment(nb: NotebookContext, technique: str) -> str:
    from . import comment_line
    return comment_line(nb.terms.get(technique, technique))
