"""The generated part of the site: its pages, the notebooks they offer, and its nav."""

from __future__ import annotations

from dataclasses import dataclass, field

from .nav import Nav
from .notebooks import render_notebooks
from .pages import nav, render_pages
from .pages.prepost import CSV_URI, class_sheet_csv


@dataclass
class Site:
    """The generated part of a site: ``{docs path: content}`` and its nav."""

    files: dict[str, str] = field(default_factory=dict)
    nav: Nav = field(default_factory=Nav)


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
    if edition == "teacher" and course.prepost is not None:
        files[CSV_URI] = class_sheet_csv(course.prepost)  # the class sheet's tally grid, for a spreadsheet
    return files


def render_site(course, edition: str = "student", notebooks: dict[str, str] | None = None) -> Site:
    """The generated pages and notebooks of ``edition`` with their nav."""
    return Site(site_files(course, edition, notebooks), nav(course, edition))
