"""Five Frames benchmarks: `python bench/run.py [--quick] [--out bench/results.json]`.

Measures, in one run and on this machine:
1. the MkDocs build with the course plugin against MkDocs building the same pages pre-generated
   by `course build` with the plugin off (ratio of medians over alternating runs, target <= 1.10);
2. `course check` and `course build` on the real course and on synthetic courses 10x and 100x its
   size: wall time and peak memory (target: linear growth, 100x under 10 s);
3. live preview: seconds from saving a lesson to the updated page being served, for `mkdocs serve`
   (the plugin), `course serve --engine zensical` and `course serve --engine mkdocs` side by side
   (median and max over 10 saves; target: median <= 0.5 s with Zensical). `--only live-preview` runs just it;
4. the execution time of every notebook in a fresh kernel;
5. `course check` on adversarial inputs (bench/adversarial.py): a pipe, /dev/zero, typed YAML, alias
   bombs and 1 MB lessons built to be slow (target: under 1 s each). `--only adversarial` runs just
   this section and adds it to the results file.
6. `course suggest` (bench/suggest_eval.py): precision and recall leaving one course article out, seconds per
   article, and with `--ptc DIR` the same on Propaganda Techniques Corpus articles. `--only suggest` runs just it.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from adversarial import CASES  # noqa: E402
from suggest_eval import bench_suggest, print_suggest  # noqa: E402
from synthetic import make_synthetic  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}


def course_copy(dest: Path) -> Path:
    """The course as a user has it: mkdocs.yml, docs/, seeds/, lessons/."""
    for name in ("docs", "seeds", "lessons"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def pregenerated_copy(dest: Path) -> Path:
    """The same site written out by `course build` (its complete site source: docs and mkdocs.yml, no plugin)."""
    from builder.course import load_course
    from builder.output import build_tree

    course, report = load_course(ROOT)
    assert not report.errors, report.to_text()
    build_tree(course, dest)
    return dest


def mkdocs_build_seconds(config_file: Path, site: Path) -> float:
    """One in-process `mkdocs build` (fresh config and plugins, as the command does)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    config = load_config(config_file=str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return time.perf_counter() - start


def bench_plugin_overhead(work: Path, runs: int) -> dict:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with_plugin = course_copy(work / "with-plugin")
    pregenerated = pregenerated_copy(work / "pregenerated")
    times = {"plugin": [], "pregenerated": []}
    mkdocs_build_seconds(with_plugin / "mkdocs.yml", work / "site-a")  # warm imports and caches
    mkdocs_build_seconds(pregenerated / "mkdocs.yml", work / "site-b")
    for _ in range(runs):
        times["plugin"].append(mkdocs_build_seconds(with_plugin / "mkdocs.yml", work / "site-a"))
        times["pregenerated"].append(mkdocs_build_seconds(pregenerated / "mkdocs.yml", work / "site-b"))
    medians = {k: statistics.median(v) for k, v in times.items()}
    return {"runs": runs, "median_seconds": medians, "ratio": medians["plugin"] / medians["pregenerated"],
            "target_ratio": 1.10}


MEASURE = """
import resource, sys, time
sys.argv = ["course"] + sys.argv[1:]
from builder.cli import main
start = time.perf_counter()
code = main(sys.argv[1:])
elapsed = time.perf_counter() - start
print(f"BENCH {code} {elapsed:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""


def run_cli(*args, expect: tuple[str, ...] = ("0",), timeout: float | None = None) -> dict:
    """Run the course CLI in a fresh interpreter; wall time (with start-up), in-process time, peak RSS."""
    start = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-c", MEASURE, *map(str, args)], capture_output=True, text=True,
                                env=ENV, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"wall_seconds": timeout, "timed_out": True}
    wall = time.perf_counter() - start
    line = next(l for l in result.stderr.splitlines() if l.startswith("BENCH "))
    _, code, inner, rss_kb = line.split()
    assert code in expect, result.stderr[-2000:]
    return {"wall_seconds": round(wall, 3), "seconds": round(float(inner), 3), "peak_mb": round(int(rss_kb) / 1024, 1)}


def bench_scaling(work: Path, factors: list[int]) -> list[dict]:
    rows = []
    for factor in factors:
        root = ROOT if factor == 1 else make_synthetic(ROOT, work / f"x{factor}", factor)
        lessons = len(list((root / "lessons").glob("*.yaml"))) - 1
        check = run_cli("--root", root, "check")
        build = run_cli("--root", root, "build", "--out", work / f"out-{factor}")
        rows.append({"factor": factor, "lessons": lessons, "check": check, "build": build})
    return rows


def bench_adversarial(work: Path) -> list[dict]:
    """`course check` on a course of the articles, the glossary and one adversarial lesson, for each case."""
    rows = []
    for name, write in CASES.items():
        root = work / f"adversarial-{name}"
        shutil.copytree(ROOT / "seeds", root / "seeds")
        (root / "lessons").mkdir()
        shutil.copy(ROOT / "lessons" / "glossary.yaml", root / "lessons" / "glossary.yaml")
        write(root / "lessons")
        rows.append({"case": name, **run_cli("--root", root, "check", expect=("0", "1"), timeout=120)})
    return rows


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


PREVIEWS = {
    "mkdocs serve": lambda root, port: [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f",
                                        str(root / "mkdocs.yml")],
    "course serve --engine zensical": lambda root, port: [sys.executable, "-m", "builder.cli", "--root", str(root),
                                                          "serve", "--engine", "zensical", "-a", f"127.0.0.1:{port}"],
    "course serve --engine mkdocs": lambda root, port: [sys.executable, "-m", "builder.cli", "--root", str(root),
                                                        "serve", "--engine", "mkdocs", "-a", f"127.0.0.1:{port}"],
}
"""The live previews measured side by side: the command for a course at ``root`` served on ``port``."""


def bench_live_preview(work: Path, edits: int, name: str) -> dict:
    """Seconds from saving a lesson to the preview ``name`` serving the new text, for ``edits`` saves."""
    root = course_copy(work / f"serve-{len(list(work.glob('serve-*')))}")
    port = free_port()
    proc = subprocess.Popen(PREVIEWS[name](root, port), cwd=root, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/lessons/naming-as-framing.html"
    lesson = root / "lessons" / "02-naming-as-framing.yaml"
    original = lesson.read_text(encoding="utf-8")
    seconds = []
    try:
        deadline = time.monotonic() + 120
        while "Naming as framing" not in fetch(url):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start")
            time.sleep(0.2)
        time.sleep(2.0)  # let the first build settle
        for i in range(edits):
            marker = f"Benchmark edit number {i} of the preview"
            lesson.write_text(original.replace("  Before a text makes any argument", f"  {marker}. Before a text makes "
                                               "any argument", 1), encoding="utf-8")
            start = time.perf_counter()
            while marker not in fetch(url):
                if time.perf_counter() - start > 60:
                    raise RuntimeError("the edit never appeared")
                time.sleep(0.02)
            seconds.append(time.perf_counter() - start)
            time.sleep(1.0)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"command": name, "edits": edits, "median_seconds": statistics.median(seconds), "max_seconds": max(seconds),
            "all_seconds": [round(s, 3) for s in seconds], "target_seconds": 0.5 if "zensical" in name else 1.0}


def bench_rebuild_parts(work: Path) -> dict:
    """Where a live-preview rebuild spends its time on the generator's side, cold and with the serve cache."""
    from builder.course import LoadCache, load_course
    from builder.site import site_files

    root = course_copy(work / "rebuild")
    start = time.perf_counter()
    course, _ = load_course(root)
    loaded = time.perf_counter()
    site_files(course)
    rendered = time.perf_counter()
    cache = LoadCache()
    load_course(root, cache)
    lesson = root / "lessons" / "02-naming-as-framing.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("  Before a text", "  Edited. Before a text", 1),
                      encoding="utf-8")
    warm = time.perf_counter()
    load_course(root, cache)
    return {"load_and_check_seconds": round(loaded - start, 3), "render_seconds": round(rendered - loaded, 3),
            "load_one_edited_lesson_with_cache_seconds": round(time.perf_counter() - warm, 3)}


def bench_notebooks(work: Path) -> list[dict]:
    import nbformat
    from nbclient import NotebookClient

    from builder.course import load_course
    from builder.notebooks import render_notebooks

    course, _ = load_course(ROOT)
    rows = []
    for name, text in sorted(render_notebooks(course).items()):
        nb = nbformat.reads(text, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=300, kernel_name="python3").execute()
        rows.append({"notebook": name, "seconds": round(time.perf_counter() - start, 3)})
    return rows


def machine() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine()}


def print_adversarial(rows: list[dict]) -> None:
    print("\n5. Adversarial inputs: course check      seconds   peak MB   (target < 1 s each)")
    for row in rows:
        seconds = "timed out" if row.get("timed_out") else f"{row['seconds']:.2f}"
        print(f"   {row['case']:<38}{seconds:>9}{row.get('peak_mb', 0):>10.0f}")


def print_live(rows: list[dict]) -> None:
    for row in rows:
        print(f"   {row['command']:<34} median {row['median_seconds']:.2f} s, max {row['max_seconds']:.2f} s over "
              f"{row['edits']} saves (target <= {row['target_seconds']} s)")


def print_table(results: dict) -> None:
    p = results["plugin_overhead"]
    seconds = p["median_seconds"]
    print(f"\n1. MkDocs build: plugin vs pre-generated pages (median of {p['runs']} alternating runs)")
    print(f"   with plugin {seconds['plugin']:.3f} s | pre-generated {seconds['pregenerated']:.3f} s"
          f" | ratio {p['ratio']:.3f} (target <= {p['target_ratio']})")
    print("\n2. Scaling               lessons   check s  check MB   build s  build MB")
    for row in results["scaling"]:
        print(f"   {str(row['factor']) + 'x':<22}{row['lessons']:>8}{row['check']['seconds']:>10.2f}"
              f"{row['check']['peak_mb']:>10.0f}{row['build']['seconds']:>10.2f}{row['build']['peak_mb']:>10.0f}")
    print(f"\n3. Live preview: seconds from saving a lesson to the updated page (generator share: "
          f"{results['rebuild_parts']})")
    print_live(results["live_preview"])
    print("\n4. Notebook execution in a fresh kernel")
    for row in results["notebooks"]:
        print(f"   {row['notebook']:<45}{row['seconds']:>7.2f} s")
    print_adversarial(results["adversarial"])
    print_suggest(results["suggest"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 100x course (for a smoke test)")
    parser.add_argument("--only", choices=["adversarial", "live-preview", "suggest"],
                        help="run one section; add it to the results file")
    parser.add_argument("--ptc", type=Path, help="course suggest: also score PTC articles in this folder "
                        "(articles/ and labels/, kept outside the repository)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="five-frames-bench-"))
    if args.only:
        key, run, show = {"adversarial": ("adversarial", bench_adversarial, print_adversarial),
                          "live-preview": ("live_preview", lambda work: [
                              bench_live_preview(work, 2 if args.quick else 10, name) for name in PREVIEWS],
                              print_live),
                           "suggest": ("suggest", lambda work: bench_suggest(args.ptc), print_suggest)}[args.only]
        try:
            rows = run(work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        results = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {"machine": machine()}
        results[key] = rows
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        show(rows)
        print(f"\nadded to {args.out}")
        return 0
    try:
        results = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
        results["plugin_overhead"] = bench_plugin_overhead(work, 3 if args.quick else 15)
        results["scaling"] = bench_scaling(work, [1, 10] if args.quick else [1, 10, 100])
        results["rebuild_parts"] = bench_rebuild_parts(work)
        results["live_preview"] = [bench_live_preview(work, 2 if args.quick else 10, name) for name in PREVIEWS]
        results["notebooks"] = bench_notebooks(work)
        results["adversarial"] = bench_adversarial(work)
        results["suggest"] = bench_suggest(args.ptc)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
