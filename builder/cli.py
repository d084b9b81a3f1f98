"""The ``course`` command: check, build the site source, build the site with an engine, preview it, hand out."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .course import load_course

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141
"""What a shell reports for a command its reader stopped listening to (128 + SIGPIPE), as in `course check | head`."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="course", description="Check and build the Five Frames course.")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="course folder holding seeds/ and lessons/ (default: current folder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="validate articles, glossary and every lesson")
    check.add_argument("--format", choices=["text", "json"], default="text", help="diagnostics format")
    build = sub.add_parser("build", help="write the generated pages and notebooks")
    build.add_argument("--out", type=Path, required=True, help="output folder (replaced atomically)")
    build.add_argument("--edition", choices=["student", "teacher"], default="student",
                       help="teacher edition adds teacher notes and answer keys")
    site = sub.add_parser("site", help="build the HTML site with MkDocs or Zensical")
    site.add_argument("--engine", choices=["mkdocs", "zensical"], required=True, help="site engine")
    site.add_argument("--out", type=Path, required=True, help="folder for the HTML site (replaced atomically)")
    site.add_argument("--edition", choices=["student", "teacher"], default="student",
                      help="teacher edition adds teacher notes and answer keys")
    serve = sub.add_parser("serve", help="preview the site while you edit (live reload)")
    serve.add_argument("--engine", choices=["zensical", "mkdocs"], default="zensical",
                       help="site engine (default: zensical, which rebuilds only the pages that changed)")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                       help="address to serve on (default: 127.0.0.1:8000)")
    serve.add_argument("--edition", choices=["student", "teacher"], default="student",
                       help="teacher edition adds teacher notes and answer keys")
    notebooks = sub.add_parser("notebooks", help="copy the student notebooks to a folder, keeping your own work")
    notebooks.add_argument("--out", type=Path, required=True, help="folder for the notebooks")
    from .export import EXPORTS
    export = sub.add_parser("export", help="write the self-checks for an LMS, or printable answer keys")
    export.add_argument("--format", choices=list(EXPORTS), required=True,
                        help="; ".join(f"{name}: {e.what}" for name, e in EXPORTS.items()))
    export.add_argument("--out", type=Path, required=True, help="file (qti, moodle) or folder (answer-key)")
    export.add_argument("--edition", choices=["student", "teacher"], default=None,
                        help="answer-key only: teacher adds the answers, feedback and notebook keys")
    schemas = sub.add_parser("schemas", help="write the JSON Schemas to a folder, for editors (lessons/schema)")
    schemas.add_argument("--out", type=Path, required=True, help="folder for the schemas")
    new = sub.add_parser("new", help="write a skeleton lesson that passes 'course check', numbered to sort last")
    new.add_argument("lesson_id", metavar="LESSON-ID", help="lowercase words joined by hyphens, like loaded-words")
    new.add_argument("--title", required=True, help="the title students see")
    new.add_argument("--strand", choices=_strands(), default=_strands()[0], help="the lesson's strand")
    _add_article_parser(sub)
    find = sub.add_parser("find", help="find words in the articles; print passage YAML to paste into a lesson")
    find.add_argument("words", help="the words to find (curly or straight quotes, any dashes and spaces)")
    find.add_argument("--article", help="search only this article (an id of seeds/articles.yaml)")
    find.add_argument("--limit", type=int, default=10, help="show at most this many occurrences (default 10)")
    suggest = sub.add_parser("suggest", help="candidate spans of loaded language and name-calling, for a teacher "
                             "to accept, edit or reject (not verdicts)")
    suggest.add_argument("target", metavar="PATH|ARTICLE-ID", help="an article id of seeds/articles.yaml, or a "
                         "UTF-8 text file")
    suggest.add_argument("--format", choices=["text", "json", "yaml"], default="text",
                         help="text (one line each), json (a list of objects) or yaml (passage and annotation "
                         "stubs to paste into a lesson; ARTICLE-ID only)")
    suggest.add_argument("--min-confidence", type=float, default=None, metavar="X",
                         help="show only suggestions at least this confident, 0 to 1 (default: the threshold "
                         "chosen in docs/suggestions.md; the text output's header names it)")
    return parser


def _add_article_parser(sub) -> None:
    add = sub.add_parser("add-article", help="copy an article's text into seeds/ and add its metadata, with its "
                         "SHA-256, to seeds/articles.yaml")
    add.add_argument("path", type=Path, metavar="PATH", help="the article's text: a UTF-8 .txt file, copied as it is")
    add.add_argument("--id", required=True, help="id lessons quote it by: lowercase words joined by hyphens")
    add.add_argument("--title", required=True, help="the title the text prints")
    add.add_argument("--outlet", required=True, help="where it was published (or 'Not named in the text')")
    add.add_argument("--author", required=True, help="the byline (or 'Unnamed')")
    add.add_argument("--date", required=True, help="YYYY-MM-DD (or YYYY-MM, or YYYY, when only that is known)")
    add.add_argument("--date-inferred", action="store_true",
                     help="the text does not print the date: it is worked out from clues (shown as 'inferred')")
    add.add_argument("--date-note", help="how the date is known")
    add.add_argument("--short-title", help="for the navigation and the browser tab (default: the title, shortened)")
    add.add_argument("--genre", help="what kind of text it is, like 'Opinion column on an advocacy site'")
    add.add_argument("--url", help="the address the text prints, http:// or https://")
    add.add_argument("--affiliation", help="who is behind the outlet: who publishes or pays for it")
    add.add_argument("--original-file", help="the name of the file as collected (default: the name of PATH)")


def _strands() -> list[str]:
    from .validate import load_schema
    return list(load_schema("lesson")["properties"]["strands"]["items"]["enum"])


def main(argv: list[str] | None = None) -> int:
    """Run one command; when the reader of our output goes away (``| head``), stop quietly."""
    try:
        code = _main(argv)
        sys.stdout.flush()  # a closed pipe shows here, not in a traceback at exit
        return code
    except BrokenPipeError:
        _silence_output()
        return EXIT_BROKEN_PIPE


def _silence_output() -> None:
    """Point stdout and stderr at the null device, so that Python's final flush finds no closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (AttributeError, OSError, ValueError):  # not a real file (tests capture output)
            pass
    os.close(devnull)


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schemas":
        return _schemas(args.out, args.root)
    root = args.root
    if not (root / "seeds").is_dir() or not (root / "lessons").is_dir():
        print(f"course: error: {root} has no seeds/ and lessons/ folders; run from the course folder "
              "or pass --root", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "serve":
        return _serve(args)
    if args.command == "add-article":
        return _add_article(root, args)
    course, report = load_course(root)
    if args.command == "new":
        return _new(course, report, root, args)
    if args.command == "find":
        return _find(course, report, args)
    if args.command == "suggest":
        return _suggest(course, report, args)
    if args.command == "check":
        return _check(course, report, args.format)
    if args.command == "notebooks":
        return _notebooks(course, report, args.out)
    if args.command == "export":
        return _export(course, report, args)
    if args.command == "site":
        return _site(course, report, args)
    return _build(course, report, args)


def _check(course, report, fmt: str) -> int:
    if fmt == "json":
        print(report.to_json())
    else:
        if report.items:
            print(report.to_text(), file=sys.stderr)
        n = len(report.errors)
        summary = (f"{len(course.lessons)} lessons, {len(course.articles)} articles, "
                   f"{len(course.glossary)} glossary terms")
        warnings = f", {len(report.warnings)} warning(s)" if report.warnings else ""
        print(f"course check: {n} error(s){warnings}" if n else f"course check: ok{warnings} ({summary})",
              file=sys.stderr)
    return EXIT_ERRORS if report.errors else EXIT_OK


def _build(course, report, args) -> int:
    from .output import build_tree
    return _write("course build", course, report, args.out, lambda: build_tree(course, args.out, args.edition),
                  lambda n: f"wrote {n} files to {args.out}")


def _site(course, report, args) -> int:
    from .engines import build_site
    return _write("course site", course, report, args.out,
                  lambda: build_site(course, args.out, args.engine, args.edition),
                  lambda n: f"{args.engine} built {n} files into {args.out}")


def _write(command: str, course, report, out: Path, write: Callable[[], int], done: Callable[[int], str]) -> int:
    """Run ``write()`` (it returns how many files it wrote) unless the course has errors; ``done(n)`` says what
    was written. Any refusal (``UnsafeOutput``) or failure leaves ``out`` as it was."""
    if report.items:
        print(report.to_text(), file=sys.stderr)
    if report.errors:
        print(f"{command}: {len(report.errors)} error(s); nothing written", file=sys.stderr)
        return EXIT_ERRORS
    from .engines import EngineError
    from .output import UnsafeOutput
    from .project import SourceError
    try:
        written = write()
    except SourceError as exc:
        print("\n".join(d.format() for d in exc.diagnostics), file=sys.stderr)
        print(f"{command}: {len(exc.diagnostics)} error(s); nothing written", file=sys.stderr)
        return EXIT_ERRORS
    except EngineError as exc:
        print(f"{command}: error: {exc}\nnothing in {out} was changed", file=sys.stderr)
        return EXIT_ERRORS
    except UnsafeOutput as exc:
        print(f"{command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"{command}: error: cannot write {out}: {exc.strerror or exc}; nothing in it was changed",
              file=sys.stderr)
        return EXIT_ERRORS
    print(f"{command}: {done(written)}", file=sys.stderr)
    return EXIT_OK


def _serve(args) -> int:
    from .engines import EngineError, engine
    from .preview import serve
    from .project import SourceError
    try:
        return serve(args.root, args.edition, engine(args.engine), args.dev_addr)
    except SourceError as exc:
        print("\n".join(d.format() for d in exc.diagnostics), file=sys.stderr)
        print("course serve: cannot start without a readable mkdocs.yml", file=sys.stderr)
    except EngineError as exc:
        print(f"course serve: error: {exc}", file=sys.stderr)
    except OSError as exc:
        print(f"course serve: error: {exc.strerror or exc} ({exc.filename or ''})", file=sys.stderr)
    return EXIT_ERRORS


def _notebooks(course, report, out: Path) -> int:
    if report.errors:
        print(report.to_text(), file=sys.stderr)
        print(f"course notebooks: {len(report.errors)} error(s); nothing written", file=sys.stderr)
        return EXIT_ERRORS
    if out.exists() and not out.is_dir():
        print(f"course notebooks: error: {out} is a file, not a folder; choose a folder for the notebooks",
              file=sys.stderr)
        return EXIT_USAGE
    from .handout import HandoutResult, hand_out
    from .notebooks import render_notebooks
    from .output import build_folder_around
    student = {path.split("/", 1)[1]: text for path, text in render_notebooks(course, ("student",)).items()}
    result, failure = HandoutResult(), None
    try:
        hand_out(student, out, result)
    except OSError as exc:
        failure = exc
    for label, names in (("added", result.added), ("refreshed", result.refreshed),
                         ("up to date", result.unchanged)):
        for name in names:
            print(f"{label}: {out / name}")
    for name in result.kept:
        print(f"left alone (you have changed it): {out / name}")
    summary = (f"{len(result.added)} added, {len(result.refreshed)} refreshed, {len(result.unchanged)} up to date, "
               f"{len(result.kept)} left alone")
    if failure is not None:
        where = out / result.stopped_at if result.stopped_at else out
        print(f"course notebooks: error: cannot write {where}: {failure.strerror or failure}; {summary} before "
              "that. Nothing you changed was touched; run the command again when the problem is fixed",
              file=sys.stderr)
        return EXIT_ERRORS
    build = build_folder_around(out)
    if build is not None:
        print(f"course notebooks: note: {out} is in the 'course build' folder {build}; 'course build --out "
              f"{build}' will refuse to replace it while these notebooks are there. Keep your notebooks in a "
              "folder of their own", file=sys.stderr)
    print(f"course notebooks: {summary}", file=sys.stderr)
    return EXIT_OK


def _export(course, report, args) -> int:
    """Write one export; a course with errors, or an --out holding what it did not write, writes nothing."""
    from .export import EXPORTS, write_export
    export = EXPORTS[args.format]
    if args.edition not in (None, *export.editions):
        print(f"course export: error: --format {args.format} has no {args.edition} edition (an LMS keeps the "
              "answers from students itself); --edition is for --format answer-key", file=sys.stderr)
        return EXIT_USAGE
    note = ("; questions only: add --edition teacher for the answers"
            if "teacher" in export.editions and args.edition != "teacher" else "")

    def done(written: int) -> str:
        files = f" ({written} files)" if export.folder else ""
        return f"wrote {export.label} to {args.out}{files}{note}"

    return _write("course export", course, report, args.out,
                  lambda: write_export(course, args.format, args.out, args.edition), done)


def _schemas(out: Path, root: Path) -> int:
    """Write the editors' copy of the schemas into ``out`` (with the ids of the course at ``root``, if there is
    one); files already the same are left as they are."""
    from .editor import editor_schemas
    if out.exists() and not out.is_dir():
        print(f"course schemas: error: {out} is a file, not a folder", file=sys.stderr)
        return EXIT_USAGE
    ids = _course_ids(root)
    if ids is None:
        return EXIT_ERRORS
    files, written = editor_schemas(*ids), 0
    for name, data in files.items():
        path = out / f"{name}.schema.json"
        try:
            if path.is_file() and path.read_bytes() == data:
                continue
            out.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as exc:
            print(f"course schemas: error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_ERRORS
        written += 1
        print(f"wrote: {path}")
    print(f"course schemas: {written} written, {len(files) - written} up to date in {out}", file=sys.stderr)
    return EXIT_OK


def _course_ids(root: Path):
    """The articles and glossary of the course at ``root`` for the schemas' id lists: ``(None, None)`` without a
    course (with a note), None (after printing why) when they do not load."""
    from .articles import load_articles
    from .diagnostics import Report
    from .glossary import load_glossary
    if not (root / "seeds").is_dir() or not (root / "lessons").is_dir():
        print(f"course schemas: note: no course in {root} (no seeds/ and lessons/ folders), so the lesson schema "
              "lists no technique or article ids; pass --root to include them", file=sys.stderr)
        return None, None
    articles, diags = load_articles(root / "seeds")
    glossary, more = load_glossary(root / "lessons")
    report = Report()
    report.extend(diags + more)
    if report.errors:
        print(report.to_text(), file=sys.stderr)
        print(f"course schemas: {len(report.errors)} error(s) in the articles or the glossary, whose ids the lesson "
              "schema lists; nothing written", file=sys.stderr)
        return None
    return articles, glossary


def _new(course, report, root: Path, args) -> int:
    """``course new``: a skeleton lesson, numbered to sort last; never over an existing file or id."""
    from .authoring import new_lesson
    from .diagnostics import visible
    if not course.articles or not course.glossary or any(
            d.path.startswith("seeds/") or d.path.endswith("glossary.yaml") for d in report.errors):
        print(report.to_text(), file=sys.stderr)
        print("course new: error: the articles and the glossary must load first; nothing written", file=sys.stderr)
        return EXIT_ERRORS
    made = new_lesson(root, args.lesson_id, args.title, args.strand, course.articles, course.glossary,
                      course.lessons)
    if made.path is None:
        for problem in made.problems or []:
            print(f"course new: error: {visible(problem)}", file=sys.stderr)
        return EXIT_USAGE
    shown = made.path.relative_to(root).as_posix()
    print(f"wrote: {shown}")
    for note in made.notes or []:
        print(f"course new: note: {visible(note)}", file=sys.stderr)
    print(f"course new: {shown} passes 'course check'; replace its placeholders (see docs/writing-lessons.md) and "
          "find quotes with 'course find \"words\"'", file=sys.stderr)
    return EXIT_OK


def _add_article(root: Path, args) -> int:
    """``course add-article``: the text copied into seeds/, its entry appended to seeds/articles.yaml; bad input
    is refused (exit 2) with nothing written."""
    from .add_article import ArticleInfo, add_article
    from .articles import load_articles
    from .checks import MIN_LESSONS_PER_ARTICLE
    from .diagnostics import Report
    articles, diags = load_articles(root / "seeds")
    report = Report()
    report.extend(d for d in diags if d.severity == "error")  # the articles must load before one is added
    info = ArticleInfo(args.id, args.title, args.outlet, args.author, args.date, args.date_inferred, args.date_note,
                       args.short_title, args.genre, args.url, args.affiliation, args.original_file)
    added = []

    def write() -> int:
        added.append(add_article(root, args.path, info, articles))
        return 1 + added[0].copied

    def done(_: int) -> str:
        new = added[0]
        print(f"{'wrote' if new.copied else 'kept'}: {new.text_file}")
        print(f"added to: seeds/articles.yaml (article '{new.article_id}', SHA-256 {new.sha256})")
        if new.placeholders:
            verb = "say" if len(new.placeholders) > 1 else "says"
            print(f"course add-article: note: {' and '.join(new.placeholders)} {verb} 'Not recorded yet' on the "
                  "article's page: fill them in, in seeds/articles.yaml", file=sys.stderr)
        editors = root / "lessons" / "schema"
        if editors.is_dir():  # the editors' copy lists the article ids: refresh it, as `course schemas` would
            _schemas(editors, root)
        return (f"article '{new.article_id}' is in the course: the next build gives it its page, "
                f"articles/{new.article_id}. "
                f"Next: quote it in a lesson with 'course find \"some words\" --article {new.article_id}' (in a "
                f"course with a capstone, 'course check' warns until {MIN_LESSONS_PER_ARTICLE} lessons quote it)")

    return _write("course add-article", None, report, root / "seeds", write, done)


def _find(course, report, args) -> int:
    """``course find``: each occurrence of the words, with context and passage YAML that ``course check`` takes."""
    from .authoring import closest, find_words, passage_yaml, unknown_article
    from .diagnostics import did_you_mean_words, visible
    if not course.articles:
        print(report.to_text(), file=sys.stderr)
        print("course find: error: the articles do not load; fix seeds/ first", file=sys.stderr)
        return EXIT_ERRORS
    if args.article is not None and args.article not in course.articles:
        print(f"course find: error: {visible(unknown_article(course.articles, args.article))}", file=sys.stderr)
        return EXIT_USAGE
    if not args.words.strip() or args.limit < 1:
        print("course find: error: give some words to find, and a --limit of 1 or more", file=sys.stderr)
        return EXIT_USAGE
    places = find_words(course.articles, args.words, args.article)
    if not places:
        near = closest(course.articles, args.words, args.article)
        where = f"article '{args.article}'" if args.article else "any article"
        hint = (f"; {did_you_mean_words(near[1].suggestion or '', near[1].paragraph)} in article '{near[0]}'. "
                f"Search for those words to get their passage YAML" if near else "; nothing in the articles is close")
        print(f"course find: not found in {where}{visible(hint)}", file=sys.stderr)
        return EXIT_ERRORS
    for place in places[:args.limit]:
        print(f"# {place.article}, paragraph {place.paragraph}: {visible(place.context)}")
        if place.usable:
            print(f"# not usable as one passage: {place.usable}")
        else:
            print(passage_yaml(place.passage), end="")
        print()
    more = f"; showing {args.limit} (--limit)" if len(places) > args.limit else ""
    print(f"course find: {len(places)} occurrence(s){more}", file=sys.stderr)
    return EXIT_OK


def _suggest(course, report, args) -> int:
    """``course suggest``: candidate annotations for a teacher, in text, JSON or paste-ready YAML."""
    from .diagnostics import visible
    from .suggest.command import run
    if not course.articles:
        print(report.to_text(), file=sys.stderr)
        print("course suggest: error: the articles do not load; fix seeds/ first", file=sys.stderr)
        return EXIT_ERRORS
    outcome = run(course, args.target, args.format, args.min_confidence)
    if not outcome.ok:
        print(f"course suggest: error: {visible(outcome.error)}", file=sys.stderr)
        return EXIT_USAGE
    print(outcome.output, end="")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
