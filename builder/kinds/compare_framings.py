"""Compare framings: passages from different articles on one event, with questions."""

from __future__ import annotations

from . import questions
from .base import ExerciseKind, LessonChecks


class CompareFramings(ExerciseKind):
    name = "compare-framings"
    title = "Compare framings"
    schema_def = "exercise_compare"
    schema = {
        "description": "Passages from different articles on one event, with questions.",
        "required": ["passages", "questions"],
        "properties": {
            "passages": {"type": "array", "minItems": 2, "uniqueItems": True, "items": {"$ref": "#/$defs/slug"}},
            "questions": questions.SCHEMA,
        },
    }
    not_prose = frozenset({"passages"})
    checker = "_check_question"

    def check(self, state: LessonChecks, spec, where):
        """The passages exist; the questions are sound (see ``questions.check``)."""
        for j, pid in enumerate(spec["passages"]):
            state.passage_ref(pid, where + ("passages", j))
        questions.check(state, spec["questions"], where + ("questions",))

    def payload(self, ctx, spec):
        """The passages' texts (a written answer must not copy them) and the questions."""
        passages = [ctx.lesson.passages[p] for p in spec["passages"]]
        loaded = [n.text for n in ctx.lesson.annotations if n.passage in passages]
        return {"texts": [p.text for p in passages],
                "questions": questions.payload(ctx, spec["id"], spec["questions"], loaded)}

    def key(self, ctx, spec):
        """Each question's key (see ``questions.key``)."""
        return questions.key(ctx, spec["id"], spec["questions"])

    def cells(self, nb, spec, heading):
        """The passages, then each question."""
        nb.md(heading + "\n\n".join(nb.passage_md(p) for p in spec["passages"]))
        questions.cells(nb, spec["id"], spec["questions"])


KIND = CompareFramings()
