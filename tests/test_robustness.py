"""Whatever a teacher types, `course check` answers with diagnostics, never a traceback or a hang."""

from __future__ import annotations

import markdown_it.helpers
import yaml
from helpers import ROOT, base_lesson_text, hypothesis_settings, walk
from hypothesis import given
from hypothesis import strategies as st

from builder import prose
from builder.articles import load_articles
from builder.glossary import load_glossary
from builder.lessons import check_lesson
from builder.source import parse_yaml

ARTICLES, _ = load_articles(ROOT / "seeds")
GLOSSARY, _ = load_glossary(ROOT / "lessons")
LESSON_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "lessons").glob("[0-9]*.yaml"))]
LESSON_TEXTS.append(base_lesson_text())
SETTINGS = hypothesis_settings(150)


def check_text(text: str):
    """Run the whole lesson pipeline on text; every outcome must be a lesson or located diagnostics."""
    lesson, diags = check_lesson(parse_yaml(text, "lessons/x.yaml"), ARTICLES, GLOSSARY)
    assert (lesson is None) == bool([d for d in diags if d.severity == "error"])
    for diag in diags:
        assert diag.path == "lessons/x.yaml" and diag.line >= 0 and diag.message
        assert "Traceback" not in diag.message
    return lesson, diags


@SETTINGS
@given(st.text(max_size=400))
def test_any_text(text):
    check_text(text)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=40))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=5)), max_leaves=25)
KEYS = ["id", "title", "strands", "minutes", "objectives", "passages", "self_check", "teacher_notes",
        "annotations", "contrasts", "exercises", "quote", "article", "options", "kind", "span", "passage"]
lessonish = st.dictionaries(st.sampled_from(KEYS), documents, max_size=10)


@SETTINGS
@given(st.one_of(documents, lessonish))
def test_any_yaml_document(data):
    check_text(yaml.safe_dump(data, allow_unicode=True))


@SETTINGS
@given(st.sampled_from(range(len(LESSON_TEXTS))), st.randoms(use_true_random=False), documents)
def test_real_lessons_with_a_value_replaced(index, rnd, replacement):
    data = yaml.safe_load(LESSON_TEXTS[index])
    paths = [p for p, _ in walk(data) if p]
    target = rnd.choice(paths)
    node = data
    for part in target[:-1]:
        node = node[part]
    node[target[-1]] = replacement
    check_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@SETTINGS
@given(st.sampled_from(range(len(LESSON_TEXTS))), st.randoms(use_true_random=False),
       st.sampled_from(["delete", "duplicate", "indent", "dedent", "char", "truncate", "swap"]),
       st.text(min_size=1, max_size=3))
def test_real_lessons_with_text_mutations(index, rnd, how, noise):
    lines = LESSON_TEXTS[index].splitlines(keepends=True)
    i = rnd.randrange(len(lines))
    if how == "delete":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, lines[i])
    elif how == "indent":
        lines[i] = " " * rnd.randint(1, 3) + lines[i]
    elif how == "dedent":
        lines[i] = lines[i].lstrip()
    elif how == "char":
        pos = rnd.randrange(len(lines[i]) or 1)
        lines[i] = lines[i][:pos] + noise + lines[i][pos:]
    elif how == "truncate":
        lines = lines[:i]
    else:
        j = rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    check_text("".join(lines))


def test_unmutated_lessons_pass():
    for text in LESSON_TEXTS:
        lesson, diags = check_text(text)
        assert lesson is not None, [d.format() for d in diags]


# Prose full of brackets, code, escapes and addresses: where a link parser can go quadratic or wrong.
MARKUP = st.lists(st.sampled_from(["[", "[", "]", "](", "(", ")", "a", " ", "`", "\\", "*", "[[", "]]", "|", "\n",
                                   "\n\n", "- ", "http://x", "javascript:x", "<", ">", "[a](b)", "[[t]]"]),
                  max_size=60).map("".join)
MARKDOWN_IT = prose._parser()
MARKDOWN_IT.helpers = markdown_it.helpers  # markdown-it's own link label scan, quadratic on '[[[['


def _tokens(tokens) -> list:
    return [(t.type, t.content, t.attrs, t.meta, _tokens(t.children or [])) for t in tokens]


@SETTINGS
@given(MARKUP)
def test_prose_parses_as_markdown_it_does(text):
    assert _tokens(prose._parse(text)) == _tokens(MARKDOWN_IT.parse(text))


@SETTINGS
@given(MARKUP)
def test_prose_check_finds_every_problem_a_full_parse_finds(text):
    inline = [t for block in MARKDOWN_IT.parse(text) if block.type == "inline" for t in block.children]
    unknown = sum(t.type == "glossary_ref" and t.meta["term"] != "t" for t in inline)
    unsafe = sum(t.type == "link_open" and not t.attrGet("href").lower().startswith(prose.SAFE_SCHEMES)
                 for t in inline)
    found = [p.code for p in prose.problems(text, {"t"})]
    assert (found.count("unknown-term"), found.count("unsafe-link")) == (unknown, unsafe)
