"""Give a learner their notebooks without ever overwriting work they have done.

A notebook already in the folder is refreshed only when we can prove it is untouched: either
its bytes still have the hash the manifest (``.five-frames-notebooks.json``) recorded when we
wrote it, or it still carries a valid seal of its own text (see ``notebooks.seal``). Any other
existing file is the learner's and is left alone, whatever the manifest says. Each notebook is
written atomically and the manifest is rewritten atomically after each one, so a run that stops
part-way (a full disk) leaves a manifest that is right for what was written. A missing or
damaged manifest only costs the notebooks from before seals existed: they are left alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .notebooks.seal import is_as_generated

MANIFEST = ".five-frames-notebooks.json"
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass
class HandoutResult:
    """What happened to each notebook, by file name (``stopped_at``: the file a write failed on)."""

    added: list[str] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    stopped_at: str | None = None


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place: never half a file.
    ``mode``: the file's permissions (else the temporary file's, owner only)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(path: Path) -> dict[str, str]:
    """``{file name: sha256}`` from the manifest; anything missing, unreadable or malformed is dropped."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str) and _SHA256.fullmatch(v)}


def _untouched(target: Path, recorded: str | None) -> bytes | None:
    """The file's bytes if it is provably as we generated it; None if it may hold the learner's work."""
    if target.is_symlink() or not target.is_file():
        return None
    try:
        data = target.read_bytes()
    except OSError:
        return None
    return data if _sha(data) == recorded or is_as_generated(data) else None


def hand_out(notebooks: dict[str, str], out: Path, result: HandoutResult | None = None) -> HandoutResult:
    """Copy ``{name: json}`` into ``out``: add new, refresh untouched, keep the learner's changes.

    Pass ``result`` to see what was done even when a write fails (``OSError`` is re-raised).
    """
    result = result if result is not None else HandoutResult()
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / MANIFEST
    manifest = read_manifest(manifest_path)
    try:
        saved = manifest_path.read_bytes()
    except OSError:
        saved = None

    def save():
        nonlocal saved
        encoded = _encode(manifest)
        if encoded != saved:
            result.stopped_at = MANIFEST
            write_atomic(manifest_path, encoded)
            saved = encoded

    for name, text in sorted(notebooks.items()):
        data = text.encode("utf-8")
        target = out / name
        result.stopped_at = name
        if not os.path.lexists(target):
            write_atomic(target, data)
            result.added.append(name)
        else:
            current = _untouched(target, manifest.get(name))
            if current is None:
                result.kept.append(name)
                continue
            if current == data:
                result.unchanged.append(name)
            else:
                write_atomic(target, data)
                result.refreshed.append(name)
        manifest[name] = _sha(data)
        save()
    save()  # a damaged manifest is rewritten even when every notebook was kept
    result.stopped_at = None
    return result


def _encode(manifest: dict[str, str]) -> bytes:
    return (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8")
