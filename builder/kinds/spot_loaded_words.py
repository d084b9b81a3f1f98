"""Spot the loaded words: the learner lists the loaded words of a passage; its annotations are the key."""

from __future__ import annotations

import json

from ..escape import quoted
from .base import ExerciseKind, KeyItem, LessonChecks


class SpotLoadedWords(ExerciseKind):
    name = "spot-loaded-words"
    title = "Spot the loaded words"
    schema_def = "exercise_spot"
    schema = {
        "description": "The learner lists loaded words from a passage; the passage's annotations are the key.",
        "required": ["passage"],
        "properties": {"passage": {"$ref": "#/$defs/slug"}},
    }
    not_prose = frozenset({"passage"})
    checker, revealer = "_check_spot", "_spot_key"

    def check(self, state: LessonChecks, spec, where):
        """The passage exists and has annotations (they are the key)."""
        passage = state.passage_ref(spec["passage"], where + ("passage",))
        if passage and passage.id not in state.annotated:
            state.error(where + ("passage",), f"passage '{passage.id}' has no annotations, so there is "
                        "nothing to spot: annotate it or choose another passage", "no-annotations")

    def payload(self, ctx, spec):
        """The passage, and each marked span with its accepted wordings and explanation."""
        passage = ctx.lesson.passages[spec["passage"]]
        return {"passage": passage.text,
                "notes": [_note_payload(ctx, n, passage) for n in ctx.lesson.annotations if n.passage is passage]}

    def key(self, ctx, spec):
        """Each marked span (and the other wordings accepted), its technique and its explanation."""
        passage = ctx.lesson.passages[spec["passage"]]
        items = []
        for note in ctx.lesson.annotations:
            if note.passage is passage:
                also = ", ".join(quoted(passage.article.text[s:e]) for s, e in note.accept)
                answer = ctx.terms.get(note.technique, note.technique) + (f"; also accepted: {also}" if also else "")
                items.append(KeyItem(quote=note.text, answer=answer, notes=(note.explanation,)))
        return items

    def cells(self, nb, spec, heading):
        """The passage, then a list to fill in (the teacher edition's holds the marked spans)."""
        passage = nb.lesson.passages[spec["passage"]]
        nb.md(heading + nb.passage_md(passage.id) + "\n\n✏️ List the words or phrases, each in quotes, separated "
              "by commas. Copy them exactly from the passage. List only the words that do the work: each phrase "
              "that goes beyond the marked ones costs a point.")
        spans = [n.text for n in nb.lesson.annotations if n.passage is passage]
        answer = "[\n" + "".join(f"    {json.dumps(s, ensure_ascii=False)},\n" for s in spans) + "]" if nb.teacher \
            else '[\n    # "a word from the passage",\n    # "a whole phrase",\n]'
        nb.answer_cell(spec["id"], answer)


def _note_payload(ctx, note, passage) -> dict:
    """One marked span: where it and its accepted wordings stand in the passage, and what it does."""
    at = lambda start, end: [start - passage.start, end - passage.start]  # noqa: E731
    return {"span": note.text, "at": at(note.start, note.end), "accept": [at(*a) for a in note.accept],
            "also": list(dict.fromkeys(passage.article.text[s:e] for s, e in note.accept)),
            "technique": ctx.terms.get(note.technique, note.technique), "explanation": ctx.plain(note.explanation)}


KIND = SpotLoadedWords()
