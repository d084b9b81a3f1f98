"""``course suggest``: candidate spans whose offsets hold for any text, printed as text, JSON or YAML stubs that
``course check`` accepts when pasted into a lesson; confidences learned from the course; the evaluation helpers
(leave one article out, the PTC format)."""

from __future__ import annotations

import json
from bisect import bisect_left

import pytest
import yaml
from helpers import FIXTURE_LESSON, FIXTURES, hypothesis_settings
from hostile import EVERY
from hypothesis import given
from hypothesis import strategies as st

from builder.suggest import DEFAULT_MIN_CONFIDENCE, Model, Suggestion, candidates, course_examples, suggest, train
from builder.suggest.evaluate import PTC_TARGETS, leave_one_out, read_ptc, score, total
from builder.suggest.lexicon import lexicons
from builder.suggest.rules.intensifier import ADVERBS
from builder.suggest.rules.label import NOUNS

CHARGED_TEXT = ("The brutal dictator's regime slammed the so-called “peace plan”, a complete travesty and utterly "
                "reckless. It was the most dangerous move, even worse than before, by the rogue kingdom's puppets.")


def offsets_hold(text: str, found: list[Suggestion]) -> None:
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    for s in found:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        line = bisect_left(breaks, s.start)  # line breaks before the suggestion
        assert (s.line, s.column) == (line + 1, s.start - (breaks[line - 1] + 1 if line else 0) + 1)
        assert 0.0 <= s.confidence <= 1.0
    assert all(a.end <= b.start for a, b in zip(found, found[1:])), "suggestions never overlap, in text order"


@pytest.fixture(scope="module")
def model(real_course) -> Model:
    return train(course_examples(real_course.course))


# ---- offsets for any text ----

_PIECES = st.sampled_from(["brutal", "very", "deeply", "regime", "so-called", "the most", "“", "”", '"', "'",
                           "’", " ", "  ", "\n", "\r\n", "\x00", "\t", "e\u0301", "🙂", "👩‍👩‍👧", "\u202e",
                           "ﬁ", "İ", "ß", "dictator", "even", "stronger", "even ", "a", ".", "Hate"])


@hypothesis_settings(150)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=60).map("".join)))
def test_offsets_hold_for_any_text(text):
    found = suggest(text, Model())
    offsets_hold(text, found)


def test_offsets_hold_on_charged_text_with_line_breaks_and_a_megabyte(model):
    text = CHARGED_TEXT.replace(". ", ".\r\n🙂 e\u0301 ")
    # which rule wins an overlap depends on the weights the course teaches; the rules themselves do not
    assert {c.technique for c in candidates(text)} >= {"loaded-language", "name-calling", "intensifier"}
    found = suggest(text, model, 0.0)
    offsets_hold(text, found)
    big = (CHARGED_TEXT + "\n\x00 ") * (1_000_000 // len(CHARGED_TEXT))
    offsets_hold(big, suggest(big, model, 0.0))


def test_every_technique_is_a_glossary_term(real_course, model):
    course = real_course.course
    techniques = {s.technique for a in course.articles.values() for s in suggest(a.text, model, 0.0)}
    techniques |= {s.technique for s in suggest(CHARGED_TEXT, model, 0.0)}
    assert techniques and techniques <= set(course.glossary)


def test_the_word_lists_are_read_from_the_wheels():
    lex = lexicons()
    assert lex.valence["brutal"] < -2 and lex.sentiment["very"].intensity > 1 and lex.tags["regime"] == "NN"
    assert "dictator" in NOUNS and "utterly" in ADVERBS


# ---- confidence learned from annotations ----

def test_confidence_is_the_smoothed_share_a_bucket_was_marked():
    m = Model()
    for _ in range(20):
        m.add("rule:good", True)
        m.add("rule:bad", False)
    assert m.confidence("rule:good") > 0.7 > 0.3 > m.confidence("rule:bad")
    assert m.confidence("rule:bad") < m.confidence("rule:unseen") < m.confidence("rule:good")
    assert 0 < Model().confidence("other:unseen") < 1


def test_min_confidence_filters(model):
    everything = suggest(CHARGED_TEXT, model, 0.0)
    cut = sorted({s.confidence for s in everything})[len(everything) // 2]
    kept = suggest(CHARGED_TEXT, model, cut)
    assert kept and all(s.confidence >= cut for s in kept) and set(kept) < set(everything)


def test_leave_one_article_out_scores_each_annotated_article(real_course):
    examples = course_examples(real_course.course)
    scores = leave_one_out(examples, 0.0)
    assert [s.name for s in scores] == [e.name for e in examples]
    overall = total("all", scores)
    assert overall.suggestions > 0 and 0 <= overall.precision <= 1 and 0 <= overall.recall <= 1
    assert overall.hits <= overall.suggestions and overall.found <= overall.targets


# ---- the PTC format, on a made-up fixture ----

def test_ptc_loader_and_scores_on_a_made_up_fixture():
    [example] = read_ptc(FIXTURES / "ptc")
    assert example.name == "1" and example.regions == ((0, len(example.text)),)
    spans = {example.text[s:e]: t for s, e, t in example.gold}
    assert spans == {"brutal disaster": "Loaded_Language", "a puppet": "Name_Calling,Labeling",
                     "The mayor opened": "Doubt"}
    hit, miss = example.text.index("brutal"), example.text.index("bridge")
    result = score(example, [(hit, hit + 6), (miss, miss + 6)], PTC_TARGETS)
    assert (result.suggestions, result.hits, result.targets, result.found) == (2, 1, 2, 1)
    assert result.precision == 0.5 and result.recall == 0.5


def test_ptc_loader_refuses_a_span_outside_the_article(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "labels").mkdir()
    (tmp_path / "articles" / "article7.txt").write_text("Short text.\n", encoding="utf-8")
    (tmp_path / "labels" / "article7.task2-TC.labels").write_text("7\tLoaded_Language\t3\t99\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"article7\.task2-TC\.labels:1: span 3-99 is outside the article"):
        read_ptc(tmp_path)


# ---- the command ----

def test_text_output_says_candidates_not_verdicts(run, real_course):
    article = next(iter(real_course.course.articles))
    code, out, err = run("suggest", article, "--min-confidence", "0")
    assert code == 0, err
    head, *lines = out.splitlines()
    assert "candidates for a teacher" in head.lower() and "not verdicts" in head
    rows = [line for line in lines if not line.startswith("#")]
    assert rows and all(line.split("  ")[0].count(":") == 1 for line in rows)


def test_text_output_cannot_move_the_terminal_cursor(run, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text('The "\x1b[2jbrutal\u202e" regime.\n' + "\n".join(p.replace("\x00", "") for p in EVERY), encoding="utf-8")
    code, out, err = run("suggest", path, "--min-confidence", "0")
    assert code == 0, err
    assert "\x1b" not in out and "\u202e" not in out and "\\x1b" in out


def test_json_lists_valid_offsets_for_a_file(run, tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(CHARGED_TEXT, encoding="utf-8")
    code, out, err = run("suggest", path, "--format", "json", "--min-confidence", "0")
    assert code == 0, err
    rows = json.loads(out)
    assert rows and {"start", "end", "text", "technique", "confidence", "reason", "line", "column"} <= set(rows[0])
    assert all(CHARGED_TEXT[r["start"]:r["end"]] == r["text"] for r in rows)
    code, out, _ = run("suggest", path, "--format", "json", "--min-confidence", "1")
    assert code == 0 and all(r["confidence"] >= 1 for r in json.loads(out))


def test_confidences_come_from_the_course_and_the_default_threshold_applies(run, course_root, tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(CHARGED_TEXT, encoding="utf-8")
    _, real, _ = run("suggest", path, "--format", "json", "--min-confidence", "0")
    _, bare, _ = run("--root", course_root, "suggest", path, "--format", "json", "--min-confidence", "0")
    learned = {(r["start"], r["confidence"]) for r in json.loads(real)}
    assert learned != {(r["start"], r["confidence"]) for r in json.loads(bare)}, "other annotations, other weights"
    _, shown, _ = run("suggest", path, "--format", "json")
    assert json.loads(shown) == [r for r in json.loads(real) if r["confidence"] >= DEFAULT_MIN_CONFIDENCE]


def test_a_file_near_the_size_limit_with_crlf_emoji_and_combining_marks(run, tmp_path):
    line = CHARGED_TEXT.replace(" ", " 🙂 e\u0301 ", 3) + "\r\n"
    text = line * (990_000 // len(line.encode("utf-8")))
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    code, out, err = run("suggest", path, "--format", "json")
    assert code == 0, err
    decoded = path.read_bytes().decode("utf-8")
    rows = json.loads(out)
    assert rows and all(decoded[r["start"]:r["end"]] == r["text"] for r in rows)


def test_yaml_stubs_pasted_into_a_lesson_pass_course_check(run, course_root, real_course):
    lesson_path = course_root / FIXTURE_LESSON
    lesson = yaml.safe_load(lesson_path.read_text(encoding="utf-8"))
    pasted = 0
    for article in real_course.course.articles:
        code, out, err = run("suggest", article, "--format", "yaml", "--min-confidence", "0")
        assert code == 0, err
        assert "not verdicts" in out.splitlines()[0]
        stub = yaml.safe_load(out)
        lesson["passages"] += stub["passages"]
        lesson["annotations"] += stub["annotations"]
        pasted += len(stub["annotations"])
    assert pasted
    lesson_path.write_text(yaml.safe_dump(lesson, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, _, err = run("--root", course_root, "check")
    assert code == 0, err


@pytest.mark.parametrize(("make", "args", "message"), [
    (None, ["no-such-file.txt"], "neither an article id of the course nor a file"),
    (None, ["cgtn-haipong"], "did you mean 'cgtn-haiphong'?"),
    (lambda p: p.write_bytes(b"ok\n\xff\xfe"), [], "not UTF-8 text (byte 0xff at offset 3)"),
    (lambda p: p.write_bytes(b"a" * 1_000_001), [], "the limit"),
    (lambda p: p.write_bytes(b"nul \x00 byte"), [], "NUL"),
    (lambda p: p.write_text("fine text"), ["--format", "yaml"], "needs an ARTICLE-ID"),
    (lambda p: p.write_text("fine text"), ["--min-confidence", "2"], "between 0 and 1"),
])
def test_bad_input_gets_a_clear_message_and_exit_2(run, tmp_path, course_root, make, args, message):
    target = args[0] if args and not args[0].startswith("--") else str(tmp_path / "input.txt")
    if make:
        make(tmp_path / "input.txt")
    extra = [a for a in args if a != target]
    code, out, err = run("--root", course_root, "suggest", target, *extra)
    assert code == 2 and not out
    assert err.startswith("course suggest: error:") and message in err
