"""Read a YAML file into plain data plus the line and column of every value.

PyYAML's composer gives nodes with marks; we walk them ourselves so that we can
report duplicate keys, refuse alias bombs and remember where each value was.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, Severity

MAX_BYTES = 1_000_000
"""Largest YAML file we read (1 MB): a lesson is a few kilobytes."""
MAX_NODES = 50_000
"""Most values one document may expand to, aliases included (alias bombs stop here)."""
MAX_CHARS = 2_000_000
"""Most characters of text (keys and values) one document may expand to, aliases included.

Twice what a 1 MB file can hold without aliases: a few aliases of a long value are fine, but
85 kB of aliases can no longer become a 192 MB page."""
MAX_DEPTH = 32
"""Deepest nesting of lists and mappings we read (a lesson needs 7). Past 10,000 levels libyaml's
composer crashes the whole process; past a few hundred Python's recursion stops."""
MAX_DIGITS = 18
"""Longest whole number we read (no count or duration needs more; Python refuses past 4,300 digits)."""
_CORE = "tag:yaml.org,2002:"
_TIMESTAMP, _INT, _STR = _CORE + "timestamp", _CORE + "int", _CORE + "str"
_AS_TEXT = {_CORE + "value", _CORE + "merge"}
"""Types PyYAML guesses for a bare ``=`` or ``<<`` value: they are just text there."""
_TEXT = {_STR, _TIMESTAMP} | _AS_TEXT
"""Scalars kept as the text they are written as (dates too: the schema decides their format)."""
PLAIN_TAGS = {
    yaml.ScalarNode: {_CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp")} | _AS_TEXT,
    yaml.SequenceNode: {_CORE + "seq"},
    yaml.MappingNode: {_CORE + "map"},
}
"""The only YAML types a course file may hold: text, numbers, true/false, empty, lists and mappings."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (about 10x faster), else the pure-Python one."""


@dataclass
class Locator:
    """Where each value (and each mapping key) of a document starts, 1-based."""

    values: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    keys: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def at(self, path) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest known ancestor."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def key(self, path) -> tuple[int, int]:
        """Position of the key whose value is at ``path`` (falls back to the value)."""
        return self.keys.get(tuple(path)) or self.at(path)


@dataclass
class Document:
    """A parsed YAML file: its data, where things are, and what went wrong."""

    path: str
    data: Any = None
    locator: Locator = field(default_factory=Locator)
    problems: list[Diagnostic] = field(default_factory=list)

    def diag(self, where, message: str, code: str = "invalid", *, key: bool = False,
             severity: Severity = "error", hint: str = "") -> Diagnostic:
        """A diagnostic located at the value (or key) at path ``where``."""
        line, col = (self.locator.key if key else self.locator.at)(where)
        return Diagnostic(self.path, line, col, severity, code, message, hint)

    def refuse(self, node, code: str, message: str) -> None:
        """Record an error at the start of a YAML node."""
        self.problems.append(Diagnostic(self.path, *_pos(node.start_mark), "error", code, message))


class _TooBig(Exception):
    """The document expands past a limit; the argument says which."""


@dataclass
class _Budget:
    """How much a document has expanded to so far, aliases counted every time they are used."""

    values: int = 0
    chars: int = 0

    def value(self, node) -> None:
        """Count one value (and its text, for a scalar); past a limit, stop reading."""
        self.values += 1
        if self.values > MAX_NODES:
            raise _TooBig(f"document expands to more than {MAX_NODES:,} values (are aliases nesting each other?)")
        if isinstance(node, yaml.ScalarNode):
            self.text(node.value)

    def text(self, text: str) -> None:
        """Count the characters of a key or value."""
        self.chars += len(text)
        if self.chars > MAX_CHARS:
            raise _TooBig(f"document expands to more than {MAX_CHARS:,} characters of text "
                          "(are aliases repeating long values?)")


def read_bytes(path: Path, shown: str, root: Path | None = None) -> tuple[bytes | None, Diagnostic | None]:
    """The bytes of an ordinary file of at most ``MAX_BYTES``, or a diagnostic saying why not.

    Named pipes, devices, sockets and folders are refused before anything is read (a pipe would
    wait forever, ``/dev/zero`` never ends), and so are links that lead outside ``root`` (the
    course folder) when it is given. Even so, at most ``MAX_BYTES + 1`` bytes are read, without
    ever waiting: the file is opened non-blocking and checked again once open.
    """
    try:
        resolved = path.resolve(strict=True)
        if root is not None and not resolved.is_relative_to(Path(root).resolve()):
            return None, _problem(shown, "outside-course", f"file is a link to {resolved}, outside the course "
                                                           "folder; only links to files inside it are followed")
        problem = _not_readable(os.stat(resolved), shown)
        if problem:
            return None, problem
        fd = os.open(resolved, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            problem = _not_readable(os.fstat(handle.fileno()), shown)  # it may have been swapped meanwhile
            raw = b"" if problem else handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, _problem(shown, "unreadable", f"cannot read file: {exc.strerror or exc}")
    if problem:
        return None, problem
    if len(raw) > MAX_BYTES:  # it grew after the check, or its size was not known (like /proc files)
        return None, _problem(shown, "too-large", f"file is more than {MAX_BYTES:,} bytes, the limit")
    return raw, None


def _problem(shown: str, code: str, message: str) -> Diagnostic:
    """A problem with a file as a whole (no line to point at)."""
    return Diagnostic(shown, 0, 0, "error", code, message)


def _not_readable(info: os.stat_result, shown: str) -> Diagnostic | None:
    """Why a file with this ``stat`` is not read: not an ordinary file, or too large (``None`` if fine)."""
    kind = _not_ordinary(info.st_mode)
    if kind:
        return _problem(shown, "not-a-file", f"file is {kind}, not an ordinary file; only ordinary files are read")
    if info.st_size > MAX_BYTES:
        return _problem(shown, "too-large", f"file is {info.st_size:,} bytes; the limit is {MAX_BYTES:,} bytes")
    return None


def _not_ordinary(mode: int) -> str | None:
    """What a file that is not an ordinary file is, in words (``None`` for an ordinary file)."""
    if stat.S_ISREG(mode):
        return None
    kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")]
    return next((name for test, name in kinds if test(mode)), "a special file")


def decode_text(raw: bytes, shown: str) -> tuple[str | None, Diagnostic | None]:
    """``raw`` as UTF-8 text, refusing binary data with the position of the first bad byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + len(raw) - len(exc.object)  # the decoder counts from after a byte order mark
        line = raw[:start].count(b"\n") + 1
        col = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        return None, Diagnostic(shown, line, col, "error", "not-utf8",
                                f"file is not UTF-8 text (byte 0x{raw[start]:02x} at offset {start}); "
                                "save it with UTF-8 encoding")
    if "\x00" in text:
        return None, _problem(shown, "not-text", "file contains NUL bytes: it is not a text file")
    return text, None


def read_text(path: Path, shown: str, root: Path | None = None) -> tuple[str | None, Diagnostic | None]:
    """Read an ordinary file as UTF-8 text; see ``read_bytes`` for what is refused."""
    raw, problem = read_bytes(path, shown, root)
    return (None, problem) if raw is None else decode_text(raw, shown)


def parse_yaml(text: str, shown: str) -> Document:
    """Parse one YAML document; syntax problems become diagnostics, never exceptions."""
    doc = Document(shown)
    deep = _too_deep(text)
    if deep:
        doc.problems.append(Diagnostic(shown, *deep, "error", "too-deep", f"lists and mappings nest more than "
                                       f"{MAX_DEPTH} levels deep here; a lesson needs fewer than 10"))
        return doc
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        doc.problems.append(_reader_problem(text, exc, shown))
        return doc
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end" in (exc.problem or "") and "stream" in (exc.problem or ""):
            mark = exc.context_mark  # point at the unclosed quote or bracket, not the end of the file
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        hint = _hint(problem)
        misplaced = _misindented_key(text, mark) if mark is not None else None
        if misplaced:
            line, col, hint = misplaced
        elif "cannot start any token" in problem and mark is not None:
            char = text[mark.index:mark.index + 1] if mark.index < len(text) else ""
            hint = ("a tab character: indent with spaces only" if char == "\t" else
                    f"'{char}' cannot start a value: put the whole value in quotes")
        doc.problems.append(Diagnostic(shown, line, col, "error", "yaml-syntax",
                                       f"YAML syntax error: {hint} (YAML says: {problem})"))
        return doc
    except yaml.reader.ReaderError as exc:
        doc.problems.append(_reader_problem(text, exc, shown))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Diagnostic(shown, 0, 0, "error", "yaml-syntax", f"YAML error: {exc}"))
        return doc
    finally:
        loader.dispose()
    if node is None:
        doc.problems.append(Diagnostic(shown, 1, 1, "error", "empty", "file is empty: it should hold a YAML mapping"))
        return doc
    try:
        doc.data = _convert(node, (), doc, loader, _Budget())
    except _TooBig as exc:
        doc.data = None
        doc.problems.append(Diagnostic(shown, node.start_mark.line + 1, 1, "error", "too-many-nodes", str(exc)))
    return doc


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where lists and mappings first nest deeper than ``MAX_DEPTH``, from the parser's events, before any
    node is built (``None`` if they never do, or if the text is not YAML: composing it will say why)."""
    depth = 0
    loader = None
    try:
        loader = _Loader(text)
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return _pos(event.start_mark)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    finally:
        if loader is not None:
            loader.dispose()
    return None


_HINTS = [
    ("found character '\\t'", "a tab character: indent with spaces only"),
    ("expected <block end>", "this line's indentation does not match the lines above it"),
    ("did not find expected key", "this line's indentation does not match the lines above it"),
    ("did not find expected '-' indicator", "this list item's indentation does not match the items above it"),
    ("mapping values are not allowed", "a ': ' inside a value; put the whole value in quotes"),
    ("could not find expected ':'", "a line that is neither 'key: value' nor '- item' (or an unclosed quote)"),
    ("found unexpected end of stream", "a quote or bracket that is never closed"),
    ("found undefined alias", "an alias (*name) with no matching anchor (&name)"),
    ("expected ',' or ']'", "a [list] that is never closed"),
    ("expected ',' or '}'", "a {mapping} that is never closed"),
    ("did not find expected node content", "a value is missing, or a line starts with a character YAML reserves"),
    ("expected a single document", "more than one document ('---'): one lesson per file"),
]


_KEY_LINE = re.compile(r"( *)(- +)?([^\s:#\-\[{\"'][^:#]*?):(?: |$)")
"""A line that starts a ``key: value`` (perhaps as a list item, ``- key: value``)."""


def _key_at(line: str) -> tuple[int, str, bool] | None:
    """``(column of the key, key, is a list item)`` of a ``key:`` line, 0-based; None for another line."""
    hit = _KEY_LINE.match(line)
    if not hit:
        return None
    return len(hit.group(1)) + len(hit.group(2) or ""), hit.group(3), bool(hit.group(2))


def _misindented_key(text: str, mark) -> tuple[int, int, str] | None:
    """``(line, column, hint)`` when the syntax error is a key indented more or less than its neighbours.

    More: YAML reads ``key:`` as more of the value above it (``mapping values are not allowed``); less, inside a
    list item: it ends the item where no new ``-`` follows. None when the error is something else.
    """
    lines = text.splitlines()
    if mark.line >= len(lines):
        return None
    here = _key_at(lines[mark.line])
    if here is None or here[2]:
        return None
    column, key, _ = here
    above = [(n, _key_at(lines[n])) for n in range(mark.line - 1, -1, -1)
             if lines[n].strip() and not lines[n].lstrip().startswith("#")]
    keyed = [(n, found) for n, found in above if found is not None]
    if not keyed:
        return None
    n, (prev_column, prev_key, _) = keyed[0]
    where = (mark.line + 1, column + 1)
    if column > prev_column and mark.column == lines[mark.line].index(":"):
        return (*where, f"'{key}' is indented more than '{prev_key}' on line {n + 1}, so YAML reads it as more of "
                        f"the value of '{prev_key}': indent it to line up with '{prev_key}' (if it is meant as text, "
                        "put the whole value in quotes)")
    if column < prev_column:
        item = next(((m, found) for m, found in keyed if found[2] and found[0] - 2 <= column), None)
        if item and lines[item[0]].index("-") == column:
            return (*where, f"'{key}' is indented less than '{item[1][1]}' on line {item[0] + 1}, so it is not part "
                            f"of that list item: indent it to line up with '{item[1][1]}'")
    return None


def _hint(problem: str) -> str:
    """A plain-words reading of PyYAML's message."""
    for needle, hint in _HINTS:
        if needle in problem:
            return hint
    return "the file is not valid YAML here"


def _reader_problem(text: str, exc, shown: str) -> Diagnostic:
    """A character YAML does not allow (control characters and the like), with its position."""
    pos = exc.position if isinstance(exc.position, int) else 0
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return Diagnostic(shown, line, col, "error", "bad-character",
                      f"character U+{ord(char):04X} is not allowed in YAML; delete it (it may be invisible)")


def _pos(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _convert(node, path, doc: Document, loader, budget: _Budget) -> Any:
    budget.value(node)
    if len(path) > MAX_DEPTH:  # only aliases inside aliases get here: the text itself was checked
        raise _TooBig(f"document nests more than {MAX_DEPTH} levels deep (are aliases nesting each other?)")
    doc.locator.values[path] = _pos(node.start_mark)
    refused = _tag_problem(node)
    if refused:
        doc.refuse(node, "yaml-tag", refused)
        return None
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, doc, loader, budget)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), doc, loader, budget) for i, item in enumerate(node.value)]
    return _scalar(node, doc, loader)


def _tag_problem(node) -> str | None:
    """Why a node's YAML type is refused (``!!binary``, ``!!set``, ``!!python/...``, ``!custom``), if it is."""
    if node.tag in PLAIN_TAGS[type(node)]:
        return None
    name = "!!" + node.tag[len(_CORE):] if node.tag.startswith(_CORE) else node.tag
    if any(node.tag in tags for tags in PLAIN_TAGS.values()):
        return f"the YAML tag '{name}' does not fit this value; remove the tag"
    plain = "plain text" if isinstance(node, yaml.ScalarNode) else "a plain list or mapping, without a tag"
    return f"the YAML tag '{name}' is not allowed in course files; write {plain}"


def _scalar(node, doc: Document, loader) -> Any:
    """A scalar as text, number, true/false or None; dates stay text."""
    if node.tag in _TEXT:
        return node.value  # what PyYAML would make of it too, without its overhead per value
    digits = len(node.value.replace("_", "").lstrip("+-")) if node.tag == _INT else 0
    if digits > MAX_DIGITS:  # Python refuses to read past 4,300 digits anyway
        shown = node.value if len(node.value) <= 24 else node.value[:20] + "..."
        doc.refuse(node, "number-too-large", f"the number {shown} has {digits:,} digits; whole numbers in course "
                                             f"files have at most {MAX_DIGITS} (put it in quotes if it is text)")
        return None
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", exc)
    except (ValueError, LookupError):  # an explicit tag on text that does not fit it: !!int abc
        problem = f"'{node.value}' is not a valid !!{node.tag[len(_CORE):]}"
    doc.refuse(node, "yaml-value", f"cannot read value: {problem}")
    return node.value


def _convert_mapping(node, path, doc: Document, loader, budget: _Budget) -> dict:
    result: dict = {}
    for key_node, value_node in node.value:
        if key_node.tag == _CORE + "merge":
            doc.refuse(key_node, "merge-key", "merge keys (<<) are not supported in course files; write the keys out")
            continue
        if not isinstance(key_node, yaml.ScalarNode):
            doc.refuse(key_node, "bad-key", "a key must be a plain word, not a list or mapping")
            continue
        refused = _tag_problem(key_node)
        if refused:
            doc.refuse(key_node, "yaml-tag", refused)
            continue
        key = str(key_node.value)
        budget.text(key)
        if key in result:
            first = doc.locator.keys[path + (key,)]
            doc.refuse(key_node, "duplicate-key", f"duplicate key '{key}' (first defined on line {first[0]}); "
                                                  "YAML keeps only one of them: remove or rename one")
            continue
        doc.locator.keys[path + (key,)] = _pos(key_node.start_mark)
        result[key] = _convert(value_node, path + (key,), doc, loader, budget)
    return result


def load_yaml(path: Path, shown: str, root: Path | None = None) -> Document:
    """Read and parse a YAML file (inside ``root``, if given); all problems end up in ``Document.problems``."""
    text, problem = read_text(path, shown, root)
    if text is None:
        doc = Document(shown)
        if problem is not None:
            doc.problems.append(problem)
        return doc
    return parse_yaml(text, shown)


def format_path(path) -> str:
    """``('passages', 0, 'quote')`` → ``passages[0].quote``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"
