"""``course new`` writes a lesson that passes ``course check`` and builds; ``course find`` prints passages that
``course check`` accepts exactly as printed."""

from __future__ import annotations

from pathlib import Path

import yaml
from helpers import FIXTURE_LESSON, ROOT, load_clean, make_course, mkdocs_build, site_copy

from builder import anchor
from builder.authoring import capstone_of
from builder.lessons import lesson_files


def lesson_names(root: Path) -> list[str]:
    return [p.name for p in lesson_files(root / "lessons")[0]]


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / "lessons").iterdir() if p.is_file()}


# ---- course new ----

def test_new_lesson_passes_check_sorts_last_and_builds(tmp_path, run):
    root = site_copy(tmp_path / "course")
    before = lesson_names(root)
    code, out, err = run("--root", root, "new", "spin-words", "--title", "Spin: words that 'lean'")
    assert code == 0, err
    written = out.removeprefix("wrote: ").strip()
    assert lesson_names(root) == [*before, Path(written).name]
    assert Path(written).name.endswith("-spin-words.yaml")
    text = (root / written).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema/lesson.schema.json\n")
    assert "docs/writing-lessons.md" in text and text.count("\n# ") >= 8  # each section explained
    code, _, err = run("--root", root, "check")
    assert code == 0, err
    course = load_clean(root)
    lesson = next(lesson for lesson in course.lessons if lesson.id == "spin-words")
    assert lesson.title == "Spin: words that 'lean'" and len(lesson.article_ids) >= 2 and lesson.annotations
    site = mkdocs_build(root, tmp_path / "site")
    assert site.returncode == 0, site.stderr
    assert "words that" in (tmp_path / "site" / "lessons" / "spin-words.html").read_text(encoding="utf-8")


def test_new_lesson_says_when_it_sorts_after_the_capstone(tmp_path, run):
    root = make_course(tmp_path / "course")
    capstone = capstone_of(load_clean(root).lessons)
    code, out, err = run("--root", root, "new", "after-all", "--title", "After all", "--strand", "sourcing")
    assert code == 0, err
    if capstone is not None:  # the course marks one: the note says how to keep it last
        old = Path(capstone.path).name
        assert f"sorts after the capstone, lessons/{old}" in err and f"rename lessons/{old} to" in err


def test_new_lesson_quotes_words_no_other_lesson_quotes(tmp_path, run):
    root = make_course(tmp_path / "course")
    assert run("--root", root, "new", "fresh", "--title", "Fresh")[0] == 0
    course = load_clean(root)
    new = next(lesson for lesson in course.lessons if lesson.id == "fresh")
    others = [(p.article.id, p.start, p.end) for lesson in course.lessons if lesson is not new
              for p in lesson.passages.values()]
    for p in new.passages.values():
        assert not [o for o in others if o[0] == p.article.id and o[1] < p.end and p.start < o[2]], p.id


def test_new_refuses_a_taken_id_or_a_bad_slug_and_changes_nothing(course_root, run):
    before = snapshot(course_root)
    code, _, err = run("--root", course_root, "new", "fixture-lesson", "--title", "Again")
    assert code == 2 and "already exists: lessons/00-fixture.yaml" in err
    code, _, err = run("--root", course_root, "new", "Loaded Words", "--title", "Loaded")
    assert code == 2 and "lowercase words joined by hyphens" in err and "did you mean 'loaded-words'?" in err
    code, _, err = run("--root", course_root, "new", "index", "--title", "Index")
    assert code == 2 and "choose another id" in err
    assert snapshot(course_root) == before


def test_new_refuses_the_id_of_a_lesson_that_does_not_load(course_root, run):
    (course_root / "lessons" / "05-broken.yaml").write_text("id: broken-one\ntitle: [\n", encoding="utf-8")
    before = snapshot(course_root)
    (course_root / "lessons" / "06-draft.yaml").write_text("id: draft-one\nminutes: 0\n", encoding="utf-8")
    code, _, err = run("--root", course_root, "new", "draft-one", "--title", "Draft")
    assert code == 2 and "lessons/06-draft.yaml" in err
    assert snapshot(course_root) == {**before, "06-draft.yaml": b"id: draft-one\nminutes: 0\n"}


# ---- course find ----

def found_blocks(out: str) -> list[dict]:
    """Each passage ``course find`` printed, parsed from its YAML."""
    return [item for block in out.split("\n\n") if block.strip()
            for item in (yaml.safe_load("\n".join(l for l in block.splitlines() if not l.startswith("#"))) or [])]


def repeated_words(course) -> tuple[str, int]:
    """Two words that occur more than once in one article of the course, and how often."""
    for article in course.articles.values():
        words = article.text.split()
        for a, b in zip(words, words[1:]):
            phrase = f"{a} {b}"
            count = len(anchor.find_all(article.normalized, phrase))
            if 2 <= count <= 6 and phrase.isascii():
                return phrase, count
    raise AssertionError("no repeated words in the articles")


def paste_and_check(root: Path, run, passages: list[dict]) -> tuple[int, str]:
    lesson = root / FIXTURE_LESSON
    text = lesson.read_text(encoding="utf-8")
    pasted = yaml.safe_dump(passages, allow_unicode=True, sort_keys=False, width=10**6)
    lesson.write_text(text.replace("passages:\n", "passages:\n" + "".join(f"  {l}\n" for l in pasted.splitlines()),
                                   1), encoding="utf-8")
    code, _, err = run("--root", root, "check")
    return code, err


def test_find_prints_passages_course_check_takes_as_printed(real_course, course_root, run):
    phrase, count = repeated_words(real_course.course)
    code, out, err = run("--root", course_root, "find", phrase)
    assert code == 0, err
    blocks = found_blocks(out)
    assert len(blocks) >= count and all("occurrence" in b or "before" in b or "after" in b for b in blocks[:count])
    assert len({b["id"] for b in blocks}) == len(blocks)
    code, err = paste_and_check(course_root, run, blocks)
    assert code == 0, err
    course = load_clean(course_root)
    fixture = next(lesson for lesson in course.lessons if lesson.path == FIXTURE_LESSON)
    spots = {(fixture.passages[b["id"]].article.id, fixture.passages[b["id"]].start) for b in blocks}
    assert len(spots) == len(blocks)  # each block quotes its own occurrence


def test_find_is_blind_to_typography_and_keeps_quote_characters_valid(real_course, course_root, run):
    article = next(a for a in real_course.course.articles.values() if "\u2019" in a.text)
    at = article.text.index("\u2019")
    words = article.text[at - 12:at + 10].split(maxsplit=1)[-1].rsplit(maxsplit=1)[0]
    typed = words.replace("\u2019", "'")
    code, out, err = run("--root", course_root, "find", typed, "--article", article.id, "--limit", "1")
    assert code == 0, err
    blocks = found_blocks(out)
    assert len(blocks) == 1 and blocks[0]["article"] == article.id
    assert paste_and_check(course_root, run, blocks)[0] == 0


def test_find_says_when_nothing_is_found_and_suggests_the_closest_words(real_course, course_root, run):
    passage = next(iter(real_course.course.lessons[0].passages.values()))
    quote = " ".join(passage.article.text[passage.start:passage.end].split())
    word = max(quote.split(), key=len)
    misspelt = quote.replace(word, word[:-2] + word[-1] + word[-2], 1)
    code, out, err = run("--root", course_root, "find", misspelt)
    assert (code, out) == (1, "")
    assert "not found in any article" in err and "did you mean" in err and passage.article.id in err


def test_find_limits_and_checks_its_arguments(real_course, course_root, run):
    phrase, count = repeated_words(real_course.course)
    code, out, err = run("--root", course_root, "find", phrase, "--limit", "1")
    assert code == 0 and len(found_blocks(out)) == 1 and "(--limit)" in err
    code, _, err = run("--root", course_root, "find", phrase, "--article", "amac-solls")
    assert code == 2 and "unknown article 'amac-solls'" in err
    assert ROOT.is_dir()
