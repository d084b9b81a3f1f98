"""``python -m builder.kinds``: write the exercise part of lesson.schema.json from the exercise kinds.

The rest of the file is left as it is. ``--check`` writes nothing, and exits 1 if the file is not
what the kinds make (``tests/test_kinds.py`` asserts the same).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import lesson_schema, schema_text

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "lesson.schema.json"
"""The package's lesson schema, the source of truth (lessons/schema/ holds a copy for editors)."""


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or with ``--check``, compare) the checked-in lesson schema; the exit status."""
    parser = argparse.ArgumentParser(prog="python -m builder.kinds", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is up to date")
    args = parser.parse_args(argv)
    path = SCHEMA_FILE
    text = path.read_text(encoding="utf-8")
    made = schema_text(lesson_schema(json.loads(text)))
    if made == text:
        print(f"{path.name}: up to date")
        return 0
    if args.check:
        print(f"{path.name}: out of date; run python -m builder.kinds", file=sys.stderr)
        return 1
    path.write_text(made, encoding="utf-8")
    print(f"{path.name}: exercise part rewritten from the kinds; now run 'course schemas --out lessons/schema' "
          "to refresh the editors' copy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
