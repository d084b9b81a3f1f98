"""``course add-article`` copies a text into seeds/ byte for byte and appends its metadata to seeds/articles.yaml,
keeping every byte already there; afterwards ``course check`` passes and the site has the article's page. Bad
input is refused (exit 2) with a message naming the file or option, and nothing is written."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import html_page, make_course, mkdocs_build, site_copy
from hostile import EVERY, INERT, html_problems

from builder import add_article as core
from builder.articles import load_articles
from builder.pages.common import md_text
from builder.source import MAX_BYTES

TEXT = ("Summit Ends With Pledges\r\n\r\nBy A. Writer \u2013 \u201cexclusive\u201d  \r\n\r\n"
        "Leaders met on Tuesday and said the talks were \u2018useful\u2019.\r\n\r\n"
        "Critics called the meeting a photo opportunity.\u00a0\r\n").encode("utf-8")
"""A text with the things a copy must keep: CRLF line ends, curly quotes, dashes, double and no-break spaces."""
META = "seeds/articles.yaml"


def seeds_state(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "seeds").iterdir())}


def write_text(tmp_path: Path, data: bytes = TEXT, name: str = "collected.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def add(run, root: Path, path: Path, *flags: str, **given: str):
    """``course add-article PATH`` with good options, those in ``given`` (``date_note`` is --date-note) changed."""
    options = {"id": "summit-pledges", "title": "Summit Ends With Pledges", "outlet": "Example Daily",
               "author": "A. Writer", "date": "2024-05-06"} | given
    args = [part for key, value in options.items() for part in (f"--{key.replace('_', '-')}", value)]
    return run("--root", root, "add-article", path, *args, *flags)


def test_added_article_is_copied_exactly_appended_after_every_old_byte_checked_and_built(tmp_path, run):
    root = site_copy(tmp_path / "course")
    old = (root / META).read_bytes()
    source = write_text(tmp_path)
    code, out, err = add(run, root, source, genre="News report", url="https://example.org/a",
                         affiliation="A made-up newspaper (background, not in the text).")
    assert code == 0, err
    assert "wrote: seeds/summit-pledges.txt" in out and "added to: seeds/articles.yaml" in out
    assert "course find" in err.splitlines()[-1] and "Not recorded yet" not in err
    assert (root / "seeds" / "summit-pledges.txt").read_bytes() == TEXT
    new = (root / META).read_bytes()
    assert new.startswith(old) and new[len(old):].startswith(b"\n  - id: summit-pledges\n")
    entry = yaml.safe_load(new)["articles"][-1]
    assert entry["sha256"] == hashlib.sha256(TEXT).hexdigest() and entry["original_file"] == "collected.txt"
    assert entry["date_certainty"] == "printed" and entry["url"] == "https://example.org/a"

    code, _, err = run("--root", root, "check")
    assert code == 0, err
    about_new = [line for line in err.splitlines() if "'summit-pledges'" in line]
    assert all("warning" in line and "article-few-lessons" in line for line in about_new), about_new

    code, _, err = run("--root", root, "build", "--out", tmp_path / "out")
    assert code == 0, err
    page = (tmp_path / "out" / "docs" / "articles" / "summit-pledges.md").read_text(encoding="utf-8")
    assert "Critics called the meeting a photo opportunity." in page and "Example Daily" in page


def test_an_article_of_its_own_passes_check_in_a_course_without_lessons(tmp_path, run):
    root = make_course(tmp_path / "course", with_lessons=False)
    code, _, err = add(run, root, write_text(tmp_path), "--date-inferred", date_note="The text says 'Tuesday'.")
    assert code == 0, err
    articles, diags = load_articles(root / "seeds")
    assert not diags
    meta = articles["summit-pledges"].meta
    assert meta["date_certainty"] == "inferred" and meta["date_note"] == "The text says 'Tuesday'."
    assert meta["genre"] == core.NOT_RECORDED and meta["affiliation"] == core.AFFILIATION_DEFAULT
    assert "genre and affiliation say 'Not recorded yet'" in err
    code, _, err = run("--root", root, "check")
    assert code == 0 and "summit-pledges" not in err, err


def test_comments_quoting_and_blank_lines_of_the_metadata_file_are_kept(tmp_path, run):
    root = make_course(tmp_path / "course", with_lessons=False)
    meta = root / META
    text = meta.read_text(encoding="utf-8")
    first = yaml.safe_load(text)["articles"][0]
    text = text.replace("articles:\n", "# Our five texts.\n\narticles:\n  # the first one\n", 1)
    text = text.replace(f'short_title: "{first["short_title"]}"', f"short_title: '{first['short_title']}'  # mine")
    text += "\n\n# end of the list\n"
    meta.write_text(text, encoding="utf-8")
    code, _, err = add(run, root, write_text(tmp_path))
    assert code == 0, err
    new = meta.read_text(encoding="utf-8")
    assert new.startswith(text) and yaml.safe_load(new)["articles"][-1]["id"] == "summit-pledges"
    code, _, err = run("--root", root, "check")
    assert code == 0, err


def test_a_metadata_file_saved_with_windows_line_ends_keeps_them(tmp_path, run):
    root = make_course(tmp_path / "course", with_lessons=False)
    meta = root / META
    old = meta.read_bytes().replace(b"\n", b"\r\n")
    meta.write_bytes(old)
    code, _, err = add(run, root, write_text(tmp_path))
    assert code == 0, err
    new = meta.read_bytes()
    assert new.startswith(old) and b"\n" not in new.replace(b"\r\n", b"")
    assert "summit-pledges" in load_articles(root / "seeds")[0]


def test_a_file_the_round_trip_would_change_is_left_alone_and_the_entry_printed(tmp_path, run):
    root = make_course(tmp_path / "course", with_lessons=False)
    meta = root / META
    meta.write_text(meta.read_text(encoding="utf-8").replace("url: null", "url: ~", 1), encoding="utf-8")
    before = seeds_state(root)
    code, _, err = add(run, root, write_text(tmp_path))
    assert code == 2 and "would not come back unchanged" in err and "by hand" in err and "nothing written" in err
    assert "  - id: summit-pledges\n" in err and hashlib.sha256(TEXT).hexdigest() in err
    assert seeds_state(root) == before


def test_hostile_metadata_is_kept_as_typed_and_shown_as_text_on_the_article_page(tmp_path, run):
    root = site_copy(tmp_path / "course", with_lessons=False)
    added = []
    for n, payload in enumerate(EVERY):
        source = write_text(tmp_path, TEXT + f"Paragraph {n}.\n".encode(), f"text-{n}.txt")
        other = INERT[(n + 1) % len(INERT)]
        code, _, err = run("--root", root, "add-article", source, "--id", f"hostile-{n}", "--title", payload,
                           "--outlet", other, "--author", payload, "--genre", other, "--affiliation", payload,
                           "--date", "2024-01-02", "--original-file", f"x{n}.txt")
        assert code == 0, (payload, err)
        added.append((f"hostile-{n}", payload.strip(), other.strip()))
    articles, diags = load_articles(root / "seeds")
    assert not [d for d in diags if d.severity == "error"], diags
    for article_id, payload, other in added:
        meta = articles[article_id].meta
        assert (meta["title"], meta["author"], meta["outlet"], meta["genre"]) == (payload, payload, other, other)
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    problems = [p for article_id, _, _ in added for p in html_problems(
        (site / "articles" / f"{article_id}.html").read_text(encoding="utf-8"), article_id)]
    assert not problems, "\n".join(problems[:20])
    page = html_page(site, "articles/hostile-0.html")
    assert INERT[0] in page.text_content() and page.findtext(".//title").startswith(INERT[0])
    assert md_text(INERT[0]) != INERT[0]  # the payload needed escaping, and was shown as typed


# ---- refusals: each says which file or option, exits 2, writes nothing ----

BAD_BYTES = b"Fine words\n\nthen \xff a bad byte\n"


def bad_inputs(tmp_path: Path, root: Path) -> list[tuple[str, Path, dict[str, str], list[str]]]:
    """(what, text file, options changed, words the message must hold)."""
    tmp_path.mkdir()
    text = write_text(tmp_path)
    (root / "seeds" / "taken-name.txt").write_bytes(b"someone's file\n")
    bom = write_text(tmp_path, b"\xef\xbb\xbf" + BAD_BYTES, "bom.txt")
    offset = BAD_BYTES.index(b"\xff")
    return [
        ("id used", text, {"id": "amac-solis"}, ["--id 'amac-solis'", "already the id", f"{META} (line",
                                                 "like 'amac-solis-2'"]),
        ("id used, other hyphens", text, {"id": "amacsolis"}, ["too like 'amac-solis'", "hyphens"]),
        ("not a slug", text, {"id": "Summit Pledges"}, ["not an article id", "did you mean 'summit-pledges'?"]),
        ("page name", text, {"id": "index"}, ["--id is 'index'", "choose another id"]),
        ("device name", text, {"id": "nul"}, ["--id is 'nul'", "Windows"]),
        ("seeds file exists", text, {"id": "taken-name"}, ["seeds/taken-name.txt already exists"]),
        ("no such file", tmp_path / "missing.txt", {}, ["missing.txt", "No such file"]),
        ("a folder", tmp_path, {}, [str(tmp_path), "a folder"]),
        ("empty", write_text(tmp_path, b"", "empty.txt"), {}, ["empty.txt", "empty"]),
        ("white space", write_text(tmp_path, b" \n\t\r\n", "blank.txt"), {}, ["blank.txt", "only white space"]),
        ("not UTF-8", write_text(tmp_path, BAD_BYTES, "latin.txt"), {}, ["latin.txt:3:6", "not UTF-8", f"offset {offset}"]),
        ("not UTF-8 after a BOM", bom, {}, ["bom.txt:3:6", f"offset {offset + 3}"]),
        ("NUL bytes", write_text(tmp_path, b"text\x00more\n", "nul.txt"), {}, ["nul.txt", "NUL"]),
        ("too large", write_text(tmp_path, b"a" * (MAX_BYTES + 1), "big.txt"), {}, ["big.txt", f"{MAX_BYTES:,} bytes"]),
        ("same text", write_text(tmp_path, (root / "seeds" / "amac-solis.txt").read_bytes(), "again.txt"), {},
         ["already in the course as article 'amac-solis'"]),
        ("bad date", text, {"date": "25/03/2023"}, ["--date '25/03/2023'", "YYYY-MM-DD"]),
        ("no such day", text, {"date": "2023-02-30"}, ["--date '2023-02-30'", "not a real date"]),
        ("bad url", text, {"url": "javascript:alert(1)"}, ["--url", "http://"]),
        ("blank title", text, {"title": "  "}, ["--title is empty"]),
    ]


def test_bad_input_is_refused_with_its_file_or_option_named_and_nothing_written(tmp_path, run):
    root = make_course(tmp_path / "course", with_lessons=False)
    for what, path, given, words in bad_inputs(tmp_path / "texts", root):
        before = seeds_state(root)
        code, out, err = add(run, root, path, **given)
        assert code == 2, (what, err)
        assert err.startswith("course add-article: error: ") and err.rstrip().endswith("nothing written"), (what, err)
        for word in words:
            assert word in err, (what, word, err)
        assert seeds_state(root) == before and not out, what


def test_every_problem_is_said_at_once(tmp_path, run):
    root = make_course(tmp_path / "course", with_lessons=False)
    code, _, err = add(run, root, write_text(tmp_path, b"", "empty.txt"), date="May 2024", url="x", id="amac-solis")
    assert code == 2
    for word in ("empty.txt", "--id 'amac-solis'", "--date 'May 2024'", "--url 'x'"):
        assert word in err


def test_the_copy_is_removed_when_the_metadata_cannot_be_written(tmp_path, run, monkeypatch):
    root = make_course(tmp_path / "course", with_lessons=False)
    before = seeds_state(root)

    def fail(path, data, mode=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(core, "write_atomic", fail)
    code, _, err = add(run, root, write_text(tmp_path))
    assert code == 1 and "No space left on device" in err and "nothing in it was changed" in err
    assert seeds_state(root) == before


def test_a_text_already_in_seeds_is_registered_where_it_is(tmp_path, run):
    root = make_course(tmp_path / "course", with_lessons=False)
    placed = write_text(root / "seeds", TEXT, "summit-pledges.txt")
    code, out, err = add(run, root, placed)
    assert code == 0 and "kept: seeds/summit-pledges.txt" in out, err
    assert placed.read_bytes() == TEXT
    assert "summit-pledges" in load_articles(root / "seeds")[0]


def test_nothing_is_added_to_articles_that_do_not_load(tmp_path, run):
    root = make_course(tmp_path / "course", with_lessons=False)
    (root / "seeds" / "amac-solis.txt").write_bytes(b"changed text\n")
    before = seeds_state(root)
    code, _, err = add(run, root, write_text(tmp_path))
    assert code == 1 and "text-changed" in err and "nothing written" in err
    assert seeds_state(root) == before


def test_a_long_title_gives_a_short_title_cut_after_a_word():
    title = "Chinese and Russian presidents meet in Moscow as the United States targets both of the countries"
    short = core.short_title(title)
    assert len(short) <= core.SHORT_TITLE and short.endswith("…") and title.startswith(short[:-1])
    assert title[len(short) - 1] == " "
    assert core.short_title("Short one") == "Short one"


@pytest.mark.parametrize("date", ["2024", "2024-02", "2024-02-29"])
def test_dates_known_to_the_year_or_month_are_taken(date):
    assert core.date_problem(date) is None


def test_the_editors_schemas_learn_the_new_article_id(tmp_path, run):
    root = make_course(tmp_path / "course")
    assert run("--root", root, "schemas", "--out", root / "lessons" / "schema")[0] == 0
    schema = root / "lessons" / "schema" / "lesson.schema.json"
    assert "summit-pledges" not in schema.read_text(encoding="utf-8")
    code, _, err = add(run, root, write_text(tmp_path))
    assert code == 0, err
    assert '"summit-pledges"' in schema.read_text(encoding="utf-8")
    assert "course schemas:" in err and "in " + str(root / "lessons" / "schema") in err
    before = schema.read_bytes()
    assert run("--root", root, "schemas", "--out", root / "lessons" / "schema")[2].count("1 written") == 0
    assert schema.read_bytes() == before  # the same as `course schemas` writes


def test_a_course_without_editors_schemas_gets_none(tmp_path, run):
    root = make_course(tmp_path / "course")
    shutil.rmtree(root / "lessons" / "schema", ignore_errors=True)
    code, _, err = add(run, root, write_text(tmp_path))
    assert code == 0, err
    assert not (root / "lessons" / "schema").exists() and "course schemas" not in err
