"""What ``mkdocs serve`` and ``course serve`` show while the course has errors: the server never stops answering.

The policy, free of MkDocs (the plugin only translates it):

- a lesson with errors keeps its last good page, topped with its errors (a bare page if it never had one),
  and the nav stays the last good one while no new page needs a place in it;
- an error in seeds/ or in the glossary, or a crash while loading or rendering, affects every generated
  page: all the last good pages stay, each topped with those errors, and every lesson file still has a page;
- the home page lists every error, so the teacher sees them wherever they look.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Report
from .markup import admonition
from .nav import NavLink
from .pages import page_type
from .pages.common import front_matter, lesson_uri, md_text
from .site import Site
from .source import parse_yaml, read_text

BUILDER = "five-frames"
"""The ``path`` of a diagnostic about the builder itself (it crashed), not about a course file."""
GLOSSARY = "lessons/glossary.yaml"
MAX_LISTED = 30
"""Most errors one banner lists (the terminal lists them all)."""
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ID_LINE = re.compile(r"""^id:[ \t]*(["']?)([a-z0-9-]+)\1[ \t]*(?:#.*)?$""", re.MULTILINE)


@dataclass
class Served:
    """What to serve, and every diagnostic of the course (no error: ``site`` is a fresh, good site)."""

    site: Site
    report: Report = field(default_factory=Report)

    @property
    def errors(self) -> list[Diagnostic]:
        return self.report.errors


def crash(exc: BaseException, doing: str) -> Diagnostic:
    """An unexpected exception as a diagnostic: its message, no traceback."""
    return Diagnostic(BUILDER, 0, 0, "error", "crash",
                      f"the builder failed while {doing} ({type(exc).__name__}: {exc}); the pages stay as they "
                      "last were. This is a bug in Five Frames: please report it with the change you made")


def affects_every_page(diag: Diagnostic) -> bool:
    """Errors in the articles, the glossary or the builder leave no generated page trustworthy."""
    return diag.path.startswith("seeds/") or diag.path in (GLOSSARY, BUILDER)


def is_lesson_file(path: str) -> bool:
    return path.startswith("lessons/") and path.count("/") == 1 and path != GLOSSARY


def serve_site(load: Callable[[], tuple], render: Callable[[object], Site], last_good: Site | None) -> Served:
    """The site to serve: ``render(course)`` of ``load()`` when all is well, else the last good pages with errors.

    Never raises: an exception in ``load`` or ``render`` becomes an error shown like any other.
    """
    try:
        course, report = load()
    except Exception as exc:  # a bug, but the teacher's server keeps answering
        course, report = None, Report([crash(exc, "loading the course")])
    fresh = None
    if course is not None and not any(affects_every_page(d) for d in report.errors):
        try:
            fresh = render(course)
        except Exception as exc:
            report.add(crash(exc, "rendering the pages"))
    if fresh is not None and not report.errors:
        return Served(fresh, report)
    try:
        return Served(_with_errors(course, report.errors, fresh, last_good), report)
    except Exception as exc:  # last resort: only the home page's list of errors
        report.add(crash(exc, "making the error pages"))
        return Served(Site(), report)


def _with_errors(course, errors: list[Diagnostic], fresh: Site | None, last_good: Site | None) -> Site:
    wide = [d for d in errors if affects_every_page(d)]
    last_good = last_good or Site()
    if wide:  # nothing new can be trusted: every last good page, marked out of date
        top = banner("This page is out of date: the course has errors", wide)
        site = Site({uri: topped(text, top) if uri.endswith(".md") else text for uri, text in last_good.files.items()},
                    copy.deepcopy(last_good.nav))
    else:
        top = ""
        # A lesson with errors drops out of the fresh nav (and the lessons after it are renumbered): keep the
        # last good nav while it leads to every fresh page, so that the engine's config stays as it was.
        fresh = fresh or Site()
        kept = last_good.nav.entries and fresh.nav.uris() <= last_good.nav.uris()
        site = Site(dict(fresh.files), copy.deepcopy(last_good.nav if kept else fresh.nav))
    good = {lesson.path: lesson.id for lesson in (course.lessons if course else [])}
    broken = sorted({d.path for d in errors if is_lesson_file(d.path)})
    for path in sorted(set(broken) | (set(good) if wide else set())):
        lesson_id = good.get(path) or (lesson_id_of(course.root / path, course.root) if course else None)
        if lesson_id is None:
            continue  # no id to name a page by: the home page lists its errors
        uri = lesson_uri(lesson_id)
        if path not in broken:
            if uri in site.files:
                continue  # its last good page, already marked out of date
            own = ""
        elif any(i == lesson_id and p != path for p, i in good.items()):
            continue  # another lesson file owns this page (duplicate id): the home page lists the error
        else:
            own = banner(f"{path} has errors: this page is out of date", [d for d in errors if d.path == path],
                         "Fix these and save; the page updates by itself.")
        old = last_good.files.get(uri)
        site.files[uri] = topped(old or front_matter(lesson_id) + f"# {md_text(lesson_id)}\n", top + own)
        for notebook in (f"notebooks/{lesson_id}.ipynb", f"notebooks/teacher/{lesson_id}.ipynb"):
            if old and notebook in last_good.files:
                site.files[notebook] = last_good.files[notebook]  # the old page links to them
        if uri not in site.nav.uris():
            # after the course overview, as in a good site
            lessons = site.nav.section(page_type("lesson").section, at=min(1, len(site.nav.entries)))
            lessons.entries.append(NavLink(f"Has errors: {lesson_id}" if own else lesson_id, uri))
    return site


def banner(title: str, errors: list[Diagnostic],
           advice: str = "Fix these and save; the pages update by themselves.") -> str:
    """A red admonition listing ``errors`` (escaped), for the top of a page."""
    lines = [f"- {md_text(d.format())}" for d in errors[:MAX_LISTED]]
    if len(errors) > MAX_LISTED:
        lines.append(f"- {len(errors) - MAX_LISTED} more: the terminal running the preview lists them all")
    return admonition("failure", title, md_text(advice) + "\n\n" + "\n".join(lines)) + "\n"


def home_banner(errors: list[Diagnostic]) -> str:
    """The home page's list of every error ('' when there is none)."""
    if not errors:
        return ""
    return banner(f"The course has {len(errors)} error(s): the pages they affect are out of date", errors)


def topped(page: str, top: str) -> str:
    """``page`` with ``top`` inserted after its front matter (if any)."""
    if page.startswith("---\n"):
        end = page.find("\n---\n", 4)
        if end != -1:
            head, body = page[:end + 5], page[end + 5:]
            return f"{head}\n{top}{body.lstrip(chr(10))}"
    return top + page


def lesson_id_of(path: Path, root: Path | None = None) -> str | None:
    """The id of a lesson file that has errors, or None when no safe id can be read from it.

    Parsed with the course's bounded YAML reader; when the YAML itself is broken, a top-level
    ``id: some-slug`` line still names the page. (Only the id: nothing else in a broken file is
    trusted, and a slug is safe in a title, a nav label and a path.)
    """
    text, _ = read_text(path, path.name, root)  # never a pipe, a device, a big file or a link out of root
    if text is None:
        return None
    doc = parse_yaml(text, path.name)
    lesson_id = doc.data.get("id") if isinstance(doc.data, dict) else None
    if not isinstance(lesson_id, str):
        found = _ID_LINE.search(text)
        lesson_id = found.group(2) if found else None
    return lesson_id if isinstance(lesson_id, str) and SLUG.fullmatch(lesson_id) else None
