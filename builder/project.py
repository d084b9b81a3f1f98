"""The site source: every file a site engine (MkDocs or Zensical) builds the course site from.

A site source is a folder holding

- ``docs/``: the project's hand-written docs, byte for byte, and the generated pages and notebooks;
- ``mkdocs.yml``: the project's MkDocs configuration without the five-frames plugin, its ``!ENV``
  tags resolved (read with MkDocs' own YAML loader), ``docs_dir`` pointing at ``docs/`` and the full
  nav (the generated pages merged in as the plugin merges them, ``nav.merged_nav``).

Either engine builds it unchanged into its ``site/``. ``course build`` writes it, ``course site`` builds
it and ``course serve`` keeps it up to date; the MkDocs plugin uses the same merge and clash check.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import yaml

from .diagnostics import Diagnostic
from .nav import Nav, merged_nav
from .serve import topped
from .site import Site, render_site

CONFIG = "mkdocs.yml"
PLUGIN = "five-frames"
DOCS = "docs"
"""The docs folder of a site source."""
SITE = "site"
"""Where an engine writes the HTML site, inside the source folder."""
HEADER = ("# Written by the five-frames builder from the project's mkdocs.yml (its plugin removed, the generated\n"
          "# pages' nav merged in). Build it with `mkdocs build -f mkdocs.yml` or `zensical build -f mkdocs.yml`.\n")
PREVIEW_VALIDATION = {"nav": {"omitted_files": "info", "not_found": "info"},
                      "links": {"not_found": "info", "anchors": "info", "unrecognized_links": "info"}}
"""A preview never stops on a link: pages kept while a lesson has errors may link to what is gone."""


class SourceError(Exception):
    """The site source cannot be made: the project's configuration or docs are at fault."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("; ".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics


def _config_error(message: str) -> SourceError:
    return SourceError([Diagnostic(CONFIG, 0, 0, "error", "config", message)])


def project_config(root: Path) -> dict | None:
    """The project's ``mkdocs.yml`` as MkDocs reads it (``!ENV`` resolved, ``INHERIT`` merged); None if absent."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    path = Path(root) / CONFIG
    if not path.is_file():
        return None
    try:
        with path.open("rb") as source:
            config = yaml_load(source)
    except (OSError, ConfigurationError) as exc:
        raise _config_error(f"cannot read the MkDocs configuration: {exc}") from None
    if not isinstance(config, dict):
        raise _config_error("the MkDocs configuration is not a mapping of settings")
    return config


def docs_folder(root: Path, config: dict | None = None) -> Path:
    """The project's hand-written docs folder (``docs_dir`` of its ``mkdocs.yml``; docs/ by default)."""
    name = (config or {}).get("docs_dir", DOCS)
    return Path(root) / (name if isinstance(name, str) and name else DOCS)


def project_docs_folder(root: Path) -> Path:
    """``docs_folder`` for a project whose configuration may be missing or broken (then docs/)."""
    try:
        return docs_folder(root, project_config(root))
    except SourceError:
        return docs_folder(root)


def handwritten_docs(folder: Path) -> dict[str, bytes]:
    """``{docs-relative path: bytes}`` of every file in the docs folder, in path order."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def clashes(site: Site, handwritten: Iterable[str], docs_name: str) -> list[Diagnostic]:
    """Hand-written docs with the name of a generated page: the hand-written file would hide the page."""
    taken = set(handwritten)
    return [Diagnostic(f"{docs_name}/{uri}", 0, 0, "error", "generated-page",
                       "this is the name of a generated page; rename or remove the file in docs/")
            for uri in site.files if uri in taken]


def plugin_options(config: dict) -> dict:
    """The five-frames plugin's settings in ``config`` (``{}`` when it has none)."""
    plugins = config.get("plugins")
    if isinstance(plugins, dict):
        options = plugins.get(PLUGIN)
    elif isinstance(plugins, list):
        options = next((p[PLUGIN] for p in plugins if isinstance(p, dict) and PLUGIN in p), None)
    else:
        options = None
    return options if isinstance(options, dict) else {}


def left_out(config: dict, edition: str) -> frozenset[str]:
    """Hand-written docs an edition does not have: the plugin's ``teacher_docs`` are not in the student site."""
    if edition == "teacher":
        return frozenset()
    docs = plugin_options(config).get("teacher_docs") or []
    return frozenset(d for d in docs if isinstance(d, str))


def _without_plugin(plugins) -> list | dict | None:
    """The ``plugins`` setting without five-frames (a list of names and one-key mappings, or a mapping)."""
    if isinstance(plugins, dict):
        return {name: value for name, value in plugins.items() if name != PLUGIN}
    if isinstance(plugins, list):
        return [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    return plugins


def engine_config(config: dict, generated: Nav, preview: bool = False, edition: str = "student") -> dict:
    """The configuration an engine builds ``edition``'s source with (``preview``: never stop on a link or a
    warning)."""
    out = dict(config)
    out["docs_dir"], out["site_dir"] = DOCS, SITE
    if "plugins" in out:
        out["plugins"] = _without_plugin(out["plugins"])
    nav = merged_nav(config.get("nav"), generated, left_out(config, edition))
    if nav is not None:
        out["nav"] = nav
    if preview:
        out["strict"], out["validation"] = False, PREVIEW_VALIDATION
    return out


class _Dumper(yaml.SafeDumper):
    """Writes text of several lines as a ``|`` block, as people write it in ``mkdocs.yml``."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text and text.strip(" \n") and not text.startswith(" ") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)


def config_text(config: dict) -> str:
    """``config`` as YAML (settings in the project's order), headed by where it came from."""
    try:
        body = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                         width=10_000)
    except yaml.YAMLError as exc:
        raise _config_error(f"a setting cannot be written out for the site engines ({exc})") from None
    return HEADER + body


def source_files(root: Path, config: dict, site: Site, banner: str = "", preview: bool = False,
                 handwritten: dict[str, bytes] | None = None, edition: str = "student") -> dict[str, str | bytes]:
    """``{source-relative path: content}`` of ``edition``: its hand-written docs (they win over a generated page
    of the same name), generated files, the engine config; ``banner`` tops the home page (``index.md``)."""
    if handwritten is None:
        handwritten = handwritten_docs(docs_folder(root, config))
    other = left_out(config, edition)
    files: dict[str, str | bytes] = {f"{DOCS}/{path}": data for path, data in handwritten.items() if path not in other}
    for uri, text in site.files.items():
        files.setdefault(f"{DOCS}/{uri}", text)
    home = f"{DOCS}/index.md"
    if banner and home in files:
        page = files[home]
        files[home] = topped(page.decode("utf-8", "replace") if isinstance(page, bytes) else page, banner)
    files[CONFIG] = config_text(engine_config(config, site.nav, preview, edition))
    return files


def site_source(course, edition: str = "student", notebooks: dict[str, str] | None = None) -> dict[str, str | bytes]:
    """The complete site source of ``edition`` (without a project ``mkdocs.yml``: the generated docs only).

    Raises ``SourceError`` when the configuration cannot be read or a hand-written file hides a generated page.
    """
    config = project_config(course.root)
    site = render_site(course, edition, notebooks)
    if config is None:
        return {f"{DOCS}/{uri}": text for uri, text in site.files.items()}
    folder = docs_folder(course.root, config)
    handwritten = handwritten_docs(folder)
    if problems := clashes(site, handwritten, _shown(folder, course.root)):
        raise SourceError(problems)
    return source_files(course.root, config, site, handwritten=handwritten, edition=edition)


def _shown(folder: Path, root: Path) -> str:
    try:
        return folder.resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(folder)
