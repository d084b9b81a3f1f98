"""``course serve``: the site source kept up to date in a working folder, served by an engine with live reload.

The source is written to ``.cache/five-frames/serve-EDITION/`` in the course folder. When a file in
``lessons/``, ``seeds/``, the docs folder or ``mkdocs.yml`` changes, the course is loaded again (with a
``LoadCache``: only what changed is re-read), ``serve.serve_site`` decides what to show (a lesson with
errors keeps its last good page, topped with its errors; the home page lists every error), and only the
files whose bytes changed are rewritten, so that the engine rebuilds only those pages.
"""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from .course import LoadCache, load_course
from .diagnostics import Diagnostic
from .engines import Engine
from .handout import write_atomic
from .project import CONFIG, SourceError, clashes, docs_folder, handwritten_docs, project_config, source_files
from .serve import home_banner, serve_site
from .site import Site, render_site

WORK = Path(".cache") / "five-frames"
"""The working folders' parent, in the course folder (``.cache/`` is ignored by git)."""
MANIFEST = ".five-frames-serve.json"
"""The list of files the preview wrote in its working folder (the engine's own files are not in it)."""
SETTLE = 0.02
"""Seconds to wait after a change for the rest of a save (an editor may write a file in several steps)."""
WATCHED_EVENTS = frozenset({"created", "modified", "deleted", "moved", "closed"})
"""Watchdog events that can change a file (not opening or reading one: the preview reads the sources itself)."""


def work_folder(root: Path, edition: str) -> Path:
    return Path(root) / WORK / f"serve-{edition}"


class Preview:
    """The working folder of one ``course serve``, and what it last wrote there."""

    def __init__(self, root: Path, edition: str = "student", folder: Path | None = None):
        self.root, self.edition = Path(root).resolve(), edition
        self.folder = (folder or work_folder(self.root, edition)).resolve()
        self.cache = LoadCache()
        self.last_good: Site | None = None
        self.config: dict | None = None
        self.written: dict[str, str] = {}
        """``{path: sha256}`` of every file this preview wrote (read back from disk at the start)."""

    def refresh(self) -> tuple[list[Diagnostic], list[str]]:
        """Load, decide what to show, write what changed: ``(every diagnostic, the paths rewritten)``.

        Raises ``SourceError`` when there is no usable ``mkdocs.yml`` at the first refresh; later, a broken
        one is reported and the last good configuration stays.
        """
        problems = self._load_config()
        served = serve_site(lambda: load_course(self.root, self.cache),
                            lambda course: render_site(course, self.edition), self.last_good)
        if not served.errors:
            self.last_good = served.site
        config = self.config
        assert config is not None, "_load_config raises when there is no configuration yet"
        docs = docs_folder(self.root, config)
        handwritten = handwritten_docs(docs)
        problems = served.report.sorted() + problems + clashes(served.site, handwritten, docs.name)
        errors = [d for d in problems if d.severity == "error"]
        files = source_files(self.root, config, served.site, home_banner(errors), preview=True,
                             handwritten=handwritten, edition=self.edition)
        return problems, self.sync(files)

    def _load_config(self) -> list[Diagnostic]:
        """Read ``mkdocs.yml`` again; its problems (the last good configuration stays), if any."""
        try:
            config = project_config(self.root)
            if config is None:
                raise SourceError([Diagnostic(CONFIG, 0, 0, "error", "config", f"{self.root / CONFIG} is missing")])
        except SourceError as exc:
            if self.config is None:
                raise
            return exc.diagnostics
        self.config = config
        return []

    def sync(self, files: dict[str, str | bytes]) -> list[str]:
        """Make the working folder hold ``files``: rewrite only what differs, remove what it wrote before and is
        gone. Pages first, the config last (a new page is there before the nav that leads to it)."""
        if not self.written:
            self.written = self._on_disk()
        listed, changed = set(self.written), []
        for rel in sorted(files, key=lambda rel: (rel == CONFIG, rel)):
            content = files[rel]
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            digest = hashlib.sha256(data).hexdigest()
            if self.written.get(rel) != digest:
                _replace(self.folder / rel, data)
                self.written[rel] = digest
                changed.append(rel)
        for rel in sorted(set(self.written) - set(files)):
            (self.folder / rel).unlink(missing_ok=True)
            del self.written[rel]
            changed.append(rel)
        if set(self.written) != listed:
            _replace(self.folder / MANIFEST, json.dumps(sorted(self.written), indent=1).encode("utf-8"))
        return changed

    def _on_disk(self) -> dict[str, str]:
        """What an earlier ``course serve`` left in the working folder (its manifest lists it), by hash."""
        try:
            listed = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        found = {}
        for rel in listed if isinstance(listed, list) else []:
            path = self.folder / str(rel)
            if isinstance(rel, str) and path.is_file() and not path.is_symlink():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        return found


def _replace(path: Path, data: bytes) -> None:
    """Write ``path`` in one step (an engine never reads half a page)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)


def watch(paths: list[Path], config_file: Path, changed: threading.Event):
    """Start watching ``paths`` (folders, recursively) and ``config_file``; ``changed`` is set on each change."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Handler(FileSystemEventHandler):
        def __init__(self, only: Path | None = None):
            self.only = only

        def on_any_event(self, event) -> None:
            if event.event_type not in WATCHED_EVENTS:
                return
            paths = {Path(event.src_path), Path(getattr(event, "dest_path", "") or event.src_path)}
            if self.only is None or self.only in paths:
                changed.set()

    observer = Observer()
    for path in paths:
        if path.is_dir():
            observer.schedule(Handler(), str(path), recursive=True)
    observer.schedule(Handler(config_file), str(config_file.parent), recursive=False)
    observer.start()
    return observer


def report(problems: list[Diagnostic], changed: list[str], seconds: float = 0.0) -> None:
    """Tell the terminal what this refresh found and rewrote (in how many seconds)."""
    for diag in problems:
        print(diag.format(), file=sys.stderr)
    errors = sum(d.severity == "error" for d in problems)
    if errors:
        print(f"course serve: {errors} error(s); the pages they affect show them and stay as they last were "
              "until you fix them", file=sys.stderr)
    if changed:
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        print(f"course serve: updated {shown} in {seconds:.2f} s", file=sys.stderr, flush=True)


def serve(root: Path, edition: str, chosen: Engine, address: str) -> int:
    """Serve the course with ``chosen`` until Ctrl-C (or the engine stops); the exit status."""
    chosen.require()
    preview = Preview(root, edition)
    problems, written = preview.refresh()
    report(problems, [])
    print(f"course serve: {len(written)} files written to {preview.folder}; {chosen.name} serves them on "
          f"http://{address}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
    changed = threading.Event()
    config = preview.folder / CONFIG
    engine = subprocess.Popen(chosen.serve_command(config, address), cwd=preview.folder)
    observer = watch([preview.root / "lessons", preview.root / "seeds", docs_folder(root, preview.config)],
                     preview.root / CONFIG, changed)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        while engine.poll() is None:
            if changed.wait(0.25):
                time.sleep(SETTLE)
                changed.clear()
                start = time.perf_counter()
                try:
                    problems, written = preview.refresh()
                except (OSError, SourceError) as exc:  # a file gone mid-save, a full disk: the server goes on
                    print(f"course serve: error: {exc}; the pages stay as they were", file=sys.stderr)
                    continue
                report(problems, written, time.perf_counter() - start)
        print(f"course serve: error: {chosen.name} stopped (exit {engine.returncode})", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("course serve: stopped", file=sys.stderr)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        observer.stop()
        _stop(engine)
        observer.join(timeout=5)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _stop(process: subprocess.Popen) -> None:
    """Terminate the engine and wait for it (killed if it does not stop within 10 s)."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
