"""A wheel (what `pip install .` installs) holds everything the builder reads at run time, and works.

The wheel is built once from a copy of the package (pip builds in the source folder otherwise), then
installed with --no-deps into a venv that sees this environment's packages: offline and quick.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT

from builder.validate import schema_bytes, schema_names

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"NO_MKDOCS_2_WARNING": "1"}
"""Without PYTHONPATH: the checkout must not stand in for the installed package."""


def _run(args, cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "builder", src / "builder", ignore=shutil.ignore_patterns("__pycache__"))
    done = _run([sys.executable, "-m", "pip", "wheel", src, "--no-deps", "-q", "-w", work / "dist"], cwd=work)
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = (work / "dist").glob("five_frames-*.whl")
    return found


def test_wheel_holds_the_schemas_and_the_notebook_runtime(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in schema_names():
            assert archive.read(f"builder/schema/{name}.schema.json") == schema_bytes(name)
        assert archive.read("builder/notebooks/runtime.py") == (ROOT / "builder/notebooks/runtime.py").read_bytes()
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        text = archive.read(entry_points).decode()
    assert "course = builder.cli:main" in text and "five-frames = builder.plugin:FiveFramesPlugin" in text
    assert set(schema_names()) >= {"articles", "glossary", "lesson"}


def test_installed_wheel_checks_and_builds_the_course(wheel, tmp_path):
    env = tmp_path / "venv"
    venv.create(env, system_site_packages=True, with_pip=False)
    python, course = env / "bin" / "python", env / "bin" / "course"
    done = _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
                 "--ignore-installed", "-q", wheel], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    where = _run([python, "-c", "import builder; print(builder.__file__)"], cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(env), where.stdout + where.stderr

    check = _run([course, "check"], cwd=ROOT)
    assert check.returncode == 0 and "course check: ok" in check.stderr, check.stderr
    build = _run([course, "build", "--out", tmp_path / "out"], cwd=ROOT)
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "out" / "docs" / "lessons").is_dir()
    # The plugin found through the installed entry point; run from elsewhere so the checkout is not importable.
    site = _run([python, "-m", "mkdocs", "build", "-q", "-f", ROOT / "mkdocs.yml", "-d", tmp_path / "site"],
                cwd=tmp_path)
    assert site.returncode == 0, site.stderr
    assert (tmp_path / "site" / "glossary.html").is_file()


def test_wheel_depends_on_both_site_engines(wheel):
    """`pip install -e .` installs MkDocs with Material and Zensical, in the 0.0.7x line that resolves everywhere."""
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        requires = [line.split(":", 1)[1].strip() for line in archive.read(metadata).decode().splitlines()
                    if line.startswith("Requires-Dist:") and "extra ==" not in line]
    assert "zensical<0.0.80,>=0.0.70" in requires, requires
    assert any(r.startswith("mkdocs<2") or r.startswith("mkdocs>=") for r in requires), requires
    assert any(r.startswith("mkdocs-material") for r in requires), requires
