"""``course add-article``: copy an article's text into seeds/ byte for byte and append its metadata, with the
text's SHA-256, to seeds/articles.yaml.

The metadata file is edited by a ruamel.yaml round trip that must give back every existing byte (comments,
order, quoting, blank lines): the new entry is appended in the style of the others, and the edit is refused,
with the entry printed to paste by hand, if the round trip would change anything already there. Every refusal
happens before anything is written; both files are written atomically (a temporary file, then a rename), and if
the metadata cannot be written the copied text is removed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from .articles import METADATA
from .authoring import MAX_ID, SLUG, as_slug
from .diagnostics import Diagnostic, loose, visible
from .handout import write_atomic
from .model import Article
from .output import UnsafeOutput
from .source import decode_text, format_path, parse_yaml, read_bytes
from .validate import validate

NOT_RECORDED = "Not recorded yet"
"""What a required field the teacher did not give says on the article's source card, truthfully."""
AFFILIATION_DEFAULT = f"{NOT_RECORDED}: who publishes or pays for this outlet has not been looked up."
SHORT_TITLE = 60
"""Longest short title made from the title (the nav and the browser tab show it)."""
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
OPTIONS = {"id": "--id", "title": "--title", "short_title": "--short-title", "outlet": "--outlet",
           "author": "--author", "date": "--date", "date_certainty": "--date-inferred", "date_note": "--date-note",
           "genre": "--genre", "url": "--url", "affiliation": "--affiliation", "original_file": "--original-file"}
"""The option that sets each metadata key, for messages."""


class ArticleRefused(UnsafeOutput):
    """The article cannot be added as asked; nothing was written. One line per problem."""

    def __init__(self, problems: list[str], entry: CommentedMap | None = None):
        self.problems = [visible(p) for p in problems]
        self.entry = entry
        shown = list(self.problems)
        if entry is not None:  # YAML to paste: it escapes any control character itself
            shown[-1] += f" by hand:\n{entry_block(entry)}"
        super().__init__("\n  ".join(shown + ["nothing written"]))


@dataclass(frozen=True)
class ArticleInfo:
    """What the teacher says about the article (the command's options); None: not given."""

    id: str
    title: str
    outlet: str
    author: str
    date: str
    date_inferred: bool = False
    date_note: str | None = None
    short_title: str | None = None
    genre: str | None = None
    url: str | None = None
    affiliation: str | None = None
    original_file: str | None = None


@dataclass
class Added:
    """What ``add_article`` wrote."""

    article_id: str
    text_file: str  # as shown: seeds/<id>.txt
    sha256: str
    copied: bool  # False when the text was already that file in seeds/
    placeholders: list[str] = field(default_factory=list)  # keys holding NOT_RECORDED text


def add_article(root: Path, source: Path, info: ArticleInfo, articles: Mapping[str, Article]) -> Added:
    """Copy ``source`` to ``seeds/<id>.txt`` and append its entry to seeds/articles.yaml; raise
    ``ArticleRefused`` (nothing written) for bad input. ``articles``: the course's articles, loaded cleanly."""
    seeds = root / "seeds"
    meta_path = (seeds / METADATA).resolve()  # a link is written through, to the file it names
    name = f"{info.id}.txt"
    target = seeds / name
    old_bytes = meta_path.read_bytes()
    old = parse_yaml(old_bytes.decode("utf-8-sig"), f"seeds/{METADATA}")
    raw, problems = read_article(source)
    problems += id_problems(info.id, articles, old)
    problems += field_problems(info)
    same_file = _same_file(source, target)
    digest = hashlib.sha256(raw).hexdigest() if raw is not None else ""
    problems += file_problems(source, target, same_file, digest, articles)
    entry, placeholders = metadata(info, name, digest or "0" * 64, source.name)
    to_paste = None
    try:
        new_text = appended(old_bytes, entry)
        _check_result(new_text, old, entry)
    except ArticleRefused as exc:  # the schema's own rules, for what the checks above do not name
        to_paste = exc.entry if not problems and raw is not None else None  # only an entry that is right
        named = {_subject(p) for p in problems}
        if "--title" in named and info.short_title is None:  # the short title is made from it
            named.add("--short-title")
        problems += [p for p in exc.problems if _subject(p) not in named]
    if problems or raw is None:
        raise ArticleRefused(problems, to_paste)
    mode = stat.S_IMODE(os.stat(meta_path).st_mode)
    if not same_file:
        create_atomic(target, raw, mode)
    try:
        if meta_path.read_bytes() != old_bytes:
            raise ArticleRefused([f"seeds/{METADATA} changed while the article was being added; run the command "
                                  "again"])
        write_atomic(meta_path, new_text.encode("utf-8"), mode)
    except BaseException:
        if not same_file:
            target.unlink(missing_ok=True)
        raise
    return Added(info.id, f"seeds/{name}", digest, not same_file, placeholders)


def file_problems(source: Path, target: Path, same_file: bool, digest: str, articles: Mapping[str, Article]
                  ) -> list[str]:
    """Why the text cannot become ``target``: a file is there already, an article uses that name or this text."""
    problems = []
    if not same_file and (target.exists() or target.is_symlink()):
        problems.append(f"seeds/{target.name} already exists (the file for article id '{target.stem}'); move it "
                        "away, or choose another --id")
    problems += [f"seeds/{target.name} is already the file of article '{a.id}'; choose another --id"
                 for a in articles.values() if a.meta["file"] == target.name and a.id != target.stem]
    problems += [f"{source}: this text is already in the course as article '{a.id}' (seeds/{a.meta['file']}, the "
                 "same SHA-256)" for a in articles.values() if digest and a.meta["sha256"] == digest]
    return problems


def read_article(source: Path) -> tuple[bytes | None, list[str]]:
    """The bytes of the article's text file, or why they cannot be an article: the checks (and the size limit)
    the article loader applies, and no empty text."""
    shown = str(source)
    raw, problem = read_bytes(source, shown)
    if problem is None and raw is not None:
        _, problem = decode_text(raw, shown)
    if problem is not None:
        where = f"{visible(shown)}:{problem.line}:{problem.column}" if problem.line else visible(shown)
        return None, [f"{where}: {problem.text}"]
    assert raw is not None
    if not raw.strip():
        what = "empty" if not raw else "only white space"
        return None, [f"{shown}: the file is {what}; there is no text to add"]
    return raw, []


def id_problems(article_id: str, articles: Mapping[str, Article], doc) -> list[str]:
    """Why ``article_id`` cannot name a new article: not a safe slug, or taken (ignoring case and hyphens, as
    lessons' "did you mean" matches ids)."""
    if not SLUG.fullmatch(article_id) or len(article_id) > MAX_ID:
        hint = as_slug(article_id)
        better = f"; did you mean '{hint}'?" if hint and hint != article_id and hint not in articles else ""
        return [f"--id '{article_id}' is not an article id: use lowercase letters a to z, digits and single "
                f"hyphens, at most {MAX_ID} characters, like 'outlet-author'{better}"]
    for i, other in enumerate(doc.data["articles"]):
        if loose(other["id"]) != loose(article_id):
            continue
        line = doc.locator.at(("articles", i, "id"))[0]
        same = "already the id of" if other["id"] == article_id else f"too like '{other['id']}', the id of"
        why = "" if other["id"] == article_id else " (ids that differ only in hyphens are taken for the same)"
        taken = {loose(a["id"]) for a in doc.data["articles"]}
        free = next(f"{article_id}-{n}" for n in range(2, len(taken) + 3) if loose(f"{article_id}-{n}") not in taken)
        like = f", like '{free}'" if len(free) <= MAX_ID else ""
        return [f"--id '{article_id}' is {same} an article in seeds/{METADATA} (line {line}){why}; choose "
                f"another id{like}"]
    return []


def field_problems(info: ArticleInfo) -> list[str]:
    """Blank texts, a date that is not a real date, a link that is not a web address."""
    problems = []
    for key in ("title", "outlet", "author", "short_title", "genre", "affiliation", "date_note", "original_file"):
        value = getattr(info, key)
        if value is not None and not value.strip():
            problems.append(f"{OPTIONS[key]} is empty; give some text")
    problem = date_problem(info.date)
    if problem:
        problems.append(f"--date '{info.date}' {problem}")
    if info.url is not None and not re.fullmatch(r"https?://\S+", info.url):
        problems.append(f"--url '{info.url}' is not a web address: it must start with http:// or https:// and "
                        "hold no spaces")
    return problems


def date_problem(date: str) -> str | None:
    """Why ``date`` is not a real date written YYYY-MM-DD (or YYYY-MM, or YYYY, when only that is known)."""
    m = _DATE.fullmatch(date)
    if m:
        year, month, day = (int(g) if g else 1 for g in m.groups())
        try:
            dt.date(year, month, day)
            return None
        except ValueError:
            return "is not a real date on the calendar; give YYYY-MM-DD, like 2023-03-25"
    return ("is not a date written YYYY-MM-DD, like 2023-03-25 (or YYYY-MM, or YYYY, when only that is known; "
            "add --date-inferred when the text does not print it)")


def metadata(info: ArticleInfo, file_name: str, digest: str, source_name: str) -> tuple[CommentedMap, list[str]]:
    """The new entry, keys in the order and quoting style of seeds/articles.yaml, and the keys left as
    placeholders."""
    q = DoubleQuotedScalarString
    placeholders = [key for key in ("genre", "affiliation") if getattr(info, key) is None]
    entry = CommentedMap()
    entry["id"] = info.id
    entry["file"] = file_name
    entry["original_file"] = info.original_file.strip() if info.original_file else source_name
    entry["sha256"] = digest
    entry["title"] = q(info.title.strip())
    entry["short_title"] = q((info.short_title or short_title(info.title)).strip())
    entry["outlet"] = q(info.outlet.strip())
    entry["author"] = q(info.author.strip())
    entry["date"] = q(info.date)
    entry["date_certainty"] = "inferred" if info.date_inferred else "printed"
    if info.date_note is not None:
        entry["date_note"] = q(info.date_note.strip())
    entry["genre"] = q((info.genre or NOT_RECORDED).strip())
    entry["url"] = q(info.url) if info.url is not None else None
    entry["affiliation"] = q((info.affiliation or AFFILIATION_DEFAULT).strip())
    return entry, placeholders


def short_title(title: str) -> str:
    """The title, cut after a word to at most ``SHORT_TITLE`` characters (with an ellipsis when cut)."""
    words = " ".join(title.split())
    if len(words) <= SHORT_TITLE:
        return words
    cut = words[:SHORT_TITLE - 1].rsplit(" ", 1)[0] if " " in words[:SHORT_TITLE - 1] else words[:SHORT_TITLE - 1]
    return cut.rstrip(" ,;:–-") + "…"


def _round_trip(text: str) -> YAML:
    """A round-trip ruamel.yaml that writes back what it read: the file's indentation, its quotes, ``null``."""
    _, indent, offset = load_yaml_guess_indent(text)
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 10**6  # never fold a long line
    offset = offset or 0
    yaml.indent(mapping=max(indent - offset, 2), sequence=indent, offset=offset)
    yaml.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def appended(old_bytes: bytes, entry: CommentedMap) -> str:
    """seeds/articles.yaml with ``entry`` appended to its list, after a blank line: every existing byte kept."""
    bom = "\ufeff" if old_bytes.startswith(b"\xef\xbb\xbf") else ""
    old = old_bytes.decode("utf-8-sig")
    crlf = "\r\n" in old and "\n" not in old.replace("\r\n", "")  # saved on Windows: every line ends in CRLF
    if crlf:
        old = old.replace("\r\n", "\n")
    try:
        yaml = _round_trip(old)
        data = yaml.load(old)
    except YAMLError as exc:
        raise ArticleRefused([f"seeds/{METADATA} cannot be edited safely ({' '.join(str(exc).split())}); add this "
                              f"entry at the end of its list"], entry) from exc
    listed = data.get("articles") if isinstance(data, CommentedMap) else None
    if not isinstance(listed, CommentedSeq) or listed.fa.flow_style():
        raise ArticleRefused([f"seeds/{METADATA} does not hold its articles as a block list under 'articles:'; add "
                              f"this entry at the end of the list"], entry)
    listed.append(entry)
    listed.yaml_set_comment_before_after_key(len(listed) - 1, before="\n")
    out = io.StringIO()
    yaml.dump(data, out)
    new = out.getvalue()
    if not new.startswith(old):
        line = next(n for n, (a, b) in enumerate(zip(old.splitlines(), new.splitlines() + [""]), 1) if a != b)
        raise ArticleRefused([f"seeds/{METADATA} would not come back unchanged from the edit (its line {line} is "
                              "written in a way the editor does not keep); add this entry at the end of its list"],
                             entry)
    return bom + (new.replace("\n", "\r\n") if crlf else new)


def entry_block(entry: CommentedMap) -> str:
    """The entry as YAML to paste under ``articles:``, indented like the course's file."""
    out = io.StringIO()
    yaml = _round_trip("articles:\n  - id: x\n")
    yaml.dump({"articles": [entry]}, out)
    return out.getvalue().split("\n", 1)[1].rstrip("\n")


def _check_result(new_text: str, old, entry: CommentedMap) -> None:
    """The new file, read as the article loader reads it, is the old list plus the entry, and valid."""
    doc = parse_yaml(new_text.removeprefix("\ufeff"), f"seeds/{METADATA}")
    diags = doc.problems or validate(doc, "articles")
    if diags:
        raise ArticleRefused([_option_message(doc, d) for d in diags])
    plain = {k: v for k, v in entry.items()}
    if doc.data["articles"] != old.data["articles"] + [plain]:
        raise ArticleRefused([f"seeds/{METADATA} would not read back as before plus the new article; add this "
                              f"entry at the end of its list"], entry)


def _option_message(doc, diag: Diagnostic) -> str:
    """A schema problem with the new entry, said as a problem with the option that set it."""
    last = len(doc.data["articles"]) - 1 if isinstance(doc.data, dict) else -1
    keys = [p[2] for p, pos in doc.locator.values.items()
            if len(p) == 3 and p[:2] == ("articles", last) and pos == (diag.line, diag.column)]
    if not keys or keys[0] not in OPTIONS:
        return diag.format()
    shown = f"'{format_path(('articles', last, keys[0]))}'"
    option = OPTIONS[keys[0]]
    return diag.text.replace(shown, option, 1) if shown in diag.text else f"{option}: {diag.text}"


def _subject(problem: str) -> str:
    """The option or file a problem message starts with."""
    return problem.split(" ", 1)[0].rstrip(":")


def _same_file(source: Path, target: Path) -> bool:
    try:
        return source.resolve(strict=True) == target.resolve(strict=True)
    except OSError:
        return False


def create_atomic(path: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to a new file ``path`` (never over one): a temporary file beside it, linked into place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        try:
            os.link(tmp, path)  # fails if the file appeared meanwhile
        except FileExistsError:
            raise ArticleRefused([f"seeds/{path.name} appeared while the article was being added"]) from None
        except OSError:  # a file system without hard links
            if path.exists():
                raise ArticleRefused([f"seeds/{path.name} appeared while the article was being added"]) from None
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)

