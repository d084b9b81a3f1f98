"""Classify the sources: the learner labels each attribution in a passage with a source class."""

from __future__ import annotations

import json

from ..escape import md_text, quoted
from ..notebooks import comment_line, digest
from ..notebooks.runtime import LABELS
from .base import ExerciseKind, KeyItem, LessonChecks


class ClassifySources(ExerciseKind):
    name = "classify-sources"
    title = "Classify the sources"
    schema_def = "exercise_classify"
    schema_defs = {"source_class": {"enum": list(LABELS)}}  # the runtime's labels are the key's
    schema = {
        "description": "The learner labels each attribution in a passage with a source class.",
        "required": ["passage", "items"],
        "properties": {
            "passage": {"$ref": "#/$defs/slug"},
            "items": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["attribution", "answer", "feedback"],
                    "properties": {
                        "attribution": {"type": "string", "minLength": 1,
                                        "description": "Words of the passage that attribute a claim."},
                        "answer": {"$ref": "#/$defs/source_class"},
                        "feedback": {"$ref": "#/$defs/prose"},
                    },
                },
            },
        },
    }
    not_prose = frozenset({"passage", "attribution", "answer"})
    checker, revealer = "_check_classify", "_classify_key"

    def check(self, state: LessonChecks, spec, where):
        """The passage exists, and each attribution is words of it."""
        passage = state.passage_ref(spec["passage"], where + ("passage",))
        for j, item in enumerate(spec["items"]):
            if passage:
                state.anchor_span(passage, item["attribution"], None, where + ("items", j, "attribution"),
                                  "attribution")

    def payload(self, ctx, spec):
        """Each attribution, its label hashed, and the feedback shown once it is right."""
        return {"items": [{"attribution": item["attribution"], "digest": digest(spec["id"], n, item["answer"]),
                           "feedback": ctx.plain(item["feedback"])} for n, item in enumerate(spec["items"], 1)]}

    def key(self, ctx, spec):
        """Each attribution with its label and the feedback the learner gets."""
        return [KeyItem(quote=item["attribution"], answer=f"{LABELS[item['answer']]} ({item['answer']})",
                        notes=(item["feedback"],)) for item in spec["items"]]

    def cells(self, nb, spec, heading):
        """The passage, the attributions and the labels, then a numbered mapping to fill in."""
        items = "\n".join(f"{n}. {md_text(quoted(item['attribution']))}" for n, item in enumerate(spec["items"], 1))
        labels = "\n".join(f"- `{k}`: {md_text(v)}" for k, v in LABELS.items())
        nb.md(heading + nb.passage_md(spec["passage"]) + f"\n\n**Attributions to label:**\n\n{items}\n\n"
              f"**Labels:**\n\n{labels}\n\n✏️ Put one label in the quotes after each number.")
        answers = [json.dumps(item["answer"] if nb.teacher else "") for item in spec["items"]]
        body = "".join(f"    {n}: {answer},  # {comment_line(item['attribution'])}\n"
                       for n, (answer, item) in enumerate(zip(answers, spec["items"]), 1))
        nb.answer_cell(spec["id"], f"{{\n{body}}}")


KIND = ClassifySources()
