"""``course export``: the self-checks for an LMS (QTI 2.1, Moodle XML) and printable answer keys.

Each format is one module and one entry of ``EXPORTS``: a pure ``render(course, edition)`` giving the bytes
of one file, or a folder's files by name. ``write_export`` puts them in place without losing anything a
user wrote: it replaces only what an earlier export wrote and no one changed since. A file carries its own
seal (``common.seal``); a folder lists its files' SHA-256 in ``MANIFEST``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..handout import write_atomic
from ..output import UnsafeOutput
from . import answer_key, moodle, qti
from .common import is_sealed

MANIFEST = ".five-frames-export"
SHOWN = 10  # paths named before "and N more"


@dataclass(frozen=True)
class Export:
    """One export format."""

    render: Callable[..., bytes | dict[str, bytes]]
    folder: bool
    """Whether the output is a folder (``render`` gives ``{name: bytes}``) or one file."""
    label: str
    """What it writes, for messages: "the QTI package"."""
    what: str
    """What it is for, for ``course export --help``."""
    editions: tuple[str, ...] = ("student",)
    """The editions it can be made in; the first is the default."""


EXPORTS: dict[str, Export] = {
    "qti": Export(qti.render, folder=False, label="the QTI package",
                  what="an IMS QTI 2.1 content package (.zip) for Canvas, Blackboard, Brightspace and others"),
    "moodle": Export(moodle.render, folder=False, label="the Moodle XML file",
                     what="Moodle XML (.xml) for Moodle's question bank"),
    "answer-key": Export(answer_key.render, folder=True, editions=("student", "teacher"), label="the printable pages",
                         what="a folder of printable pages: the questions alone, or with --edition teacher the "
                              "answer key"),
}


class ExportRefused(UnsafeOutput):
    """The output path holds something the export did not write, or that changed since: nothing was written."""


def write_export(course, name: str, out: Path, edition: str | None = None) -> int:
    """Render ``name`` for ``course`` and write it to ``out``; returns the number of files written."""
    export = EXPORTS[name]
    edition = edition or export.editions[0]
    if edition not in export.editions:
        raise ValueError(f"--format {name} has no {edition} edition")
    rendered = export.render(course, edition)
    if isinstance(rendered, dict):
        return _write_folder(rendered, out)
    _write_file(rendered, out)
    return 1


def _write_file(data: bytes, out: Path) -> None:
    if out.is_dir():
        raise ExportRefused(f"{out} is a folder; give a file name")
    if out.exists() and not _ours(out):
        raise ExportRefused(f"{out} exists and is not an export this command wrote (or it was changed since); "
                            "move it away or choose another name")
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, data)


def _ours(path: Path) -> bool:
    try:
        return path.is_file() and is_sealed(path.read_bytes())
    except OSError:
        return False


def _write_folder(files: dict[str, bytes], out: Path) -> int:
    if out.exists() and not out.is_dir():
        raise ExportRefused(f"{out} is a file; give a folder")
    recorded = _recorded(out / MANIFEST)
    foreign = _foreign(out, recorded)
    if foreign:
        more = f" and {len(foreign) - SHOWN} more" if len(foreign) > SHOWN else ""
        raise ExportRefused(f"{out} holds files this command did not write, or that changed since: "
                            f"{', '.join(foreign[:SHOWN])}{more}; choose an empty or new folder")
    out.mkdir(parents=True, exist_ok=True)
    for stale in sorted(set(recorded) - set(files)):
        (out / stale).unlink(missing_ok=True)
    for rel, data in sorted(files.items()):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out / rel, data)
    manifest = {"note": "Written by `course export`. It replaces the files listed here only while they are unchanged.",
                "files": {rel: hashlib.sha256(data).hexdigest() for rel, data in sorted(files.items())}}
    write_atomic(out / MANIFEST, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    return len(files)


def _recorded(path: Path) -> dict[str, str]:
    """``{path: sha256}`` of the files an earlier export wrote into the folder (empty if none, or unreadable)."""
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _foreign(out: Path, recorded: dict[str, str]) -> list[str]:
    """What in ``out`` no earlier export wrote, or changed since (a foreign folder is named, not its files)."""
    folders = {parent.as_posix() for rel in recorded for parent in Path(rel).parents if parent != Path(".")}
    found: list[str] = []
    for path in sorted(out.rglob("*")) if out.is_dir() else []:
        rel = path.relative_to(out).as_posix()
        if rel == MANIFEST or any(rel.startswith(f) for f in found if f.endswith("/")):
            continue
        if path.is_dir() and not path.is_symlink():
            if rel not in folders:
                found.append(rel + "/")
        elif recorded.get(rel) != _sha_of(path):
            found.append(rel)
    return found


def _sha_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else None
    except OSError:
        return None
