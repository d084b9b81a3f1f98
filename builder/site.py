"""Every file the generated part of the site needs: pages and the notebooks they offer."""

from __future__ import annotations

from .notebooks import render_notebooks
from .pages import render_pages


def site_files(course, edition: str = "student", notebooks: dict[str, str] | None = None) -> dict[str, str]:
    """``{docs-relative path: content}``: pages plus student notebooks (and teacher ones in that edition)."""
    if notebooks is None:
        notebooks = render_notebooks(course, ("student", "teacher") if edition == "teacher" else ("student",))
    files = dict(render_pages(course, edition, notebooks))
    for path, text in notebooks.items():
        folder, name = path.split("/", 1)
        if folder == "student":
            files[f"notebooks/{name}"] = text
        elif edition == "teacher":
            files[f"notebooks/teacher/{name}"] = text
    return files
