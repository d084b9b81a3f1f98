"""A notebook that can tell whether it is still exactly as generated.

Every generated notebook carries ``metadata.five_frames.source_sha256``: the SHA-256 of the
file's own bytes (UTF-8) with that field's 64 hex digits replaced by 64 zeros. To check a file,
read its bytes, replace the one ``"source_sha256": "<64 hex>"`` value with zeros, hash, and
compare with the value that was there. Any edited byte breaks the match; so does a save from
Jupyter, which rewrites the file (it may add outputs or execution counts), and that is the safe
side: such a notebook counts as the learner's.
"""

from __future__ import annotations

import hashlib
import re

FIELD = "source_sha256"
PLACEHOLDER = "0" * 64
_VALUE = re.compile(rb'"source_sha256": "([0-9a-f]{64})"')


def seal(nb, serialise) -> str:
    """``serialise(nb)`` with ``metadata.five_frames.source_sha256`` set to the hash of the result."""
    nb.metadata.setdefault("five_frames", {})[FIELD] = PLACEHOLDER
    text = serialise(nb)
    blank = f'"{FIELD}": "{PLACEHOLDER}"'
    if text.count(blank) != 1:  # the lesson text cannot contain it unescaped; the serialiser must
        raise ValueError(f"cannot seal a notebook serialised without exactly one {blank}")
    return text.replace(blank, f'"{FIELD}": "{hashlib.sha256(text.encode("utf-8")).hexdigest()}"')


def is_as_generated(data: bytes) -> bool:
    """True when ``data`` is a sealed notebook, byte for byte as it was generated."""
    found = _VALUE.findall(data)
    if len(found) != 1:
        return False
    blank = _VALUE.sub(f'"{FIELD}": "{PLACEHOLDER}"'.encode("ascii"), data)
    return hashlib.sha256(blank).hexdigest().encode("ascii") == found[0]
