"""`course suggest` measured: `python bench/suggest_eval.py [--ptc DIR] [--out FILE]` (also run by bench/run.py).

1. Leave one article out on the course's own annotations: learn confidences from four articles, suggest on the
   fifth, count only suggestions inside passages that lessons quote (the course annotates only those, so
   precision over whole articles would be a lower bound), per fold and overall, at the default threshold.
2. Speed: seconds to suggest on each course article (median of 5 runs), and to learn the confidences.
3. With --ptc DIR: articles of the Propaganda Techniques Corpus (SemEval-2020 Task 11) in DIR/articles and
   DIR/labels (PTC layout; never committed: their licence is unclear). Precision: share of suggestions
   overlapping any gold propaganda span; recall: share of gold Loaded_Language and Name_Calling,Labeling spans
   overlapped. If DIR/tuning.txt lists article ids, those were used to choose the threshold and the rest are
   reported as held out.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.course import load_course  # noqa: E402
from builder.suggest import DEFAULT_MIN_CONFIDENCE, course_examples, suggest, train  # noqa: E402
from builder.suggest.evaluate import PTC_TARGETS, leave_one_out, read_ptc, score, total  # noqa: E402


def bench_suggest(ptc: Path | None = None, threshold: float = DEFAULT_MIN_CONFIDENCE) -> dict:
    course, report = load_course(ROOT)
    assert not report.errors, report.to_text()
    examples = course_examples(course)
    folds = leave_one_out(examples, threshold)
    start = time.perf_counter()
    model = train(examples)
    learn_seconds = time.perf_counter() - start
    speed = []
    for article in course.articles.values():
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            found = suggest(article.text, model, threshold)
            runs.append(time.perf_counter() - start)
        speed.append({"article": article.id, "chars": len(article.text), "suggestions": len(found),
                      "seconds": round(statistics.median(runs), 4)})
    out: dict = {"threshold": threshold, "loao": {"folds": [f.as_dict() for f in folds],
                                                  "overall": total("overall", folds).as_dict()},
                 "learn_seconds": round(learn_seconds, 3), "speed": speed,
                 "buckets": [dict(zip(("bucket", "hits", "candidates", "confidence"), row))
                             for row in model.table()]}
    if ptc is not None:
        out["ptc"] = bench_ptc(ptc, model, threshold)
    return out


def bench_ptc(folder: Path, model, threshold: float) -> dict:
    examples = read_ptc(folder)
    listed = folder / "tuning.txt"
    tuning = set(listed.read_text(encoding="utf-8").split()) if listed.is_file() else set()
    scores = [score(e, [(s.start, s.end) for s in suggest(e.text, model, threshold)], PTC_TARGETS)
              for e in examples]
    parts = {"all": scores}
    if tuning:
        parts = {"tuning": [s for s in scores if s.name in tuning],
                 "held_out": [s for s in scores if s.name not in tuning], "all": scores}
    return {name: {**total(name, rows).as_dict(), "articles": len(rows)} for name, rows in parts.items()}


def print_suggest(results: dict) -> None:
    loao = results["loao"]
    print(f"\n6. course suggest (threshold {results['threshold']}; candidates for a teacher, not verdicts)")
    print("   leave one article out, inside quoted passages   suggestions  precision  recall (LL+NC spans)")
    for row in [*loao["folds"], loao["overall"]]:
        print(f"   {row['name']:<46}{row['suggestions']:>12}{row['precision']:>11.2f}{row['recall']:>8.2f}"
              f"  ({row['found']}/{row['targets']})")
    slowest = max(results["speed"], key=lambda r: r["seconds"])
    print(f"   speed: slowest article {slowest['article']} ({slowest['chars']} chars) {slowest['seconds']:.3f} s; "
          f"learning the confidences {results['learn_seconds']:.2f} s")
    for name, row in results.get("ptc", {}).items():
        print(f"   PTC {name:<10} {row['articles']:>3} articles  {row['suggestions']:>4} suggestions  precision "
              f"{row['precision']:.2f} (target >= 0.45)  recall {row['recall']:.2f} ({row['found']}/"
              f"{row['targets']} LL+NC spans; target >= 0.20)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, help="folder of PTC articles/ and labels/ (not in the repository)")
    parser.add_argument("--out", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    results = bench_suggest(args.ptc)
    print_suggest(results)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
