"""By the numbers: a small content analysis across the articles, computed in the notebook, with questions."""

from __future__ import annotations

from .. import credit
from ..notebooks import guarded
from . import questions
from .base import ExerciseKind, LessonChecks


class ByTheNumbers(ExerciseKind):
    name = "by-the-numbers"
    title = "By the numbers"
    schema_def = "exercise_numbers"
    schema = {
        "description": "A small content analysis across the five articles, with interpretation questions.",
        "required": ["measure", "questions"],
        "properties": {
            "measure": {"enum": ["annotations-per-1000-words", "attributed-share", "reporting-verbs"]},
            "questions": questions.SCHEMA,
        },
    }
    not_prose = frozenset({"measure"})
    checker = "_check_question"

    def check(self, state: LessonChecks, spec, where):
        """The questions are sound (see ``questions.check``)."""
        questions.check(state, spec["questions"], where + ("questions",))

    def payload(self, ctx, spec):
        """The measure, the texts of the lesson's articles with their annotation counts, and the questions."""
        counts = ctx.annotation_counts()
        articles = [ctx.course.articles[a] for a in ctx.lesson.article_ids]
        return {"texts": [], "questions": questions.payload(ctx, spec["id"], spec["questions"], loaded=[]),
                "measure": spec["measure"],
                "articles": [{"label": credit.article_name(a), "text": a.text, "annotations": counts[a.id]}
                             for a in articles]}

    def key(self, ctx, spec):
        """Each question's key (see ``questions.key``)."""
        return questions.key(ctx, spec["id"], spec["questions"])

    def cells(self, nb, spec, heading):
        """A cell that draws the chart, then each question."""
        nb.md(heading)
        nb.code(guarded(f"values = chart({spec['id']!r})"), role="chart", exercise=spec["id"])
        questions.cells(nb, spec["id"], spec["questions"])


KIND = ByTheNumbers()
