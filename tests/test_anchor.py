"""Quote anchoring: typography-blind matching, ambiguity, suggestions, exact offsets."""

from __future__ import annotations

import pytest
from helpers import ROOT
from hypothesis import given
from hypothesis import strategies as st

from builder import anchor

TEXT = ("The leaders met on “Tuesday” — and Xi’s   visit\u00a0ended.\n\nXi spoke\u200b again. "
        "It was the “best” period in history.\n\nA final paragraph about Xi.")


@pytest.mark.parametrize("typed, original", [
    ('on "Tuesday" - and Xi\'s visit ended.', "on “Tuesday” — and Xi’s   visit\u00a0ended."),
    ("on “Tuesday” -- and", "on “Tuesday” — and"),
    ("Xi spoke again", "Xi spoke\u200b again"),
    ("the \"best\"\n  period", "the “best” period"),
    ("ended.\n\nXi spoke", "ended.\n\nXi spoke"),
])
def test_typography_blind_match_keeps_original_typography(typed, original):
    found = anchor.anchor(TEXT, typed)
    assert isinstance(found, anchor.Match)
    assert TEXT[found.start:found.end] == original


def test_case_and_letters_still_matter():
    assert isinstance(anchor.anchor(TEXT, "the leaders met"), anchor.NotFound)


def test_repeated_quote_is_ambiguous_until_disambiguated():
    paras = anchor.split_paragraphs(TEXT)
    found = anchor.anchor(TEXT, "Xi", paragraphs=paras)
    assert isinstance(found, anchor.Ambiguous)
    assert len(found.matches) == 3
    second = anchor.anchor(TEXT, "Xi", occurrence=2)
    assert TEXT[second.start:second.start + 8] == "Xi spoke"
    by_context = anchor.anchor(TEXT, "Xi", before="paragraph about")
    assert by_context.start == TEXT.rindex("Xi")
    after = anchor.anchor(TEXT, "Xi", after="’s visit")
    assert after.start == TEXT.index("Xi’s")


def test_context_that_never_matches():
    assert anchor.anchor(TEXT, "Xi", before="nobody") == anchor.ContextMismatch(3)


def test_occurrence_out_of_range_is_ambiguous():
    assert isinstance(anchor.anchor(TEXT, "Xi", occurrence=7), anchor.Ambiguous)


def test_not_found_suggests_closest_passage_and_paragraph():
    paras = anchor.split_paragraphs(TEXT)
    found = anchor.anchor(TEXT, 'It was the "bext" period', paragraphs=paras)
    assert isinstance(found, anchor.NotFound)
    assert found.paragraph == 2
    assert found.suggestion == "It was the “best” period"


def test_nothing_close_gives_no_suggestion():
    found = anchor.anchor(TEXT, "entirely unrelated words about fishing boats")
    assert found.suggestion is None


def test_paragraphs_are_blank_line_separated_and_trimmed():
    paras = anchor.split_paragraphs("\n\n# Title  \n\nOne\nline two\n \nLast  ")
    assert [p for p in paras] == [(2, 9), (13, 25), (28, 32)]
    assert anchor.paragraph_of(paras, 20) == 2


def test_real_article_curly_quote_matches_straight():
    text = (ROOT / "seeds" / "amac-solis.txt").read_text(encoding="utf-8")
    found = anchor.anchor(text, 'under the name of the "Communist Party of the Soviet Federation."')
    assert isinstance(found, anchor.Match)
    assert text[found.start:found.end].endswith("“Communist Party of the Soviet Federation.”")


def reference_normalize(text: str) -> tuple[str, tuple[int, ...]]:
    """The rules of normalize() written the slow, obvious way: the oracle for the fast version."""
    fold = {**{c: "'" for c in anchor._SINGLE_QUOTES}, **{c: '"' for c in anchor._DOUBLE_QUOTES},
            **{c: "-" for c in anchor._DASHES}, "\u2026": "..."}
    out, origin = [], []
    for i, ch in enumerate(text):
        if ch in anchor._INVISIBLE:
            continue
        folded = " " if ch.isspace() else fold.get(ch, ch)
        for piece in folded:
            prev = out[-1] if out else " "
            if (piece == " " and prev == " ") or (piece == "-" and prev == "-" and ch != "\u2026"):
                continue
            out.append(piece)
            origin.append(i)
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), tuple(origin)


ALPHABET = ("ab -\n\t\u00a0\u2009\u200b\u00ad\u2019\u201c\u201d\u2014\u2013\u2026'\"." )


@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=60))
def test_fast_normalize_matches_the_reference(text):
    norm = anchor.normalize(text)
    assert (norm.text, norm.origin) == reference_normalize(text)


def test_fast_normalize_matches_the_reference_on_every_article():
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        norm = anchor.normalize(text)
        assert (norm.text, norm.origin) == reference_normalize(text), path.name
