"""Give a learner their notebooks without ever overwriting work they have done.

A manifest in the output folder records the hash of each notebook as we wrote it. A
notebook whose file still has that hash is untouched and may be refreshed; any other
existing file is the learner's and is left alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".five-frames-notebooks.json"


@dataclass
class HandoutResult:
    """What happened to each notebook, by file name."""

    added: list[str] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def hand_out(notebooks: dict[str, str], out: Path) -> HandoutResult:
    """Copy ``{name: json}`` into ``out``: add new, refresh untouched, keep the learner's changes."""
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    result = HandoutResult()
    for name, text in sorted(notebooks.items()):
        data = text.encode("utf-8")
        target = out / name
        if not target.exists():
            _write_atomic(target, data)
            result.added.append(name)
        elif _sha(target.read_bytes()) != manifest.get(name):
            result.kept.append(name)
            continue
        elif target.read_bytes() == data:
            result.unchanged.append(name)
        else:
            _write_atomic(target, data)
            result.refreshed.append(name)
        manifest[name] = _sha(data)
    _write_atomic(manifest_path, (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    return result
