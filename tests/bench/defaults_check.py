"""The classifier's default against whole-report reading and the baseline, on a demo corpus.

For each seed it trains: the default (``long_text`` auto, which chooses on the training reports), the
two fixed alternatives (evidence, head_tail), and records the baseline beside each; it prints the
validation score each run early-stopped on, the test macro-F1 with its 95% CI, ECE before and after
calibration, and the wall time. Settings are chosen on the validation column; the test column is
reported once for what was chosen (docs/benchmarks.md, "Choosing the defaults on validation data").

    .venv/bin/python tests/bench/defaults_check.py --corpus dyspnea --seeds 13 7
    .venv/bin/python tests/bench/defaults_check.py --corpus smoking --variants auto --preset quick
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from medlabel.core.demo.project import create_demo_project
from medlabel.core.jobs import NullReporter
from medlabel.core.runs import get_run
from medlabel.ml.train import run_training

TASKS = {"smoking": "smoking_status", "dyspnea": "principal_diagnosis"}


class EpochCurve(NullReporter):
    """Keeps the validation macro-F1 of each epoch and when it arrived: how many epochs were worth it."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.points: list[tuple[float, float]] = []

    def metrics(self, values: Mapping[str, float], step: int | None = None) -> None:
        if "eval_macro_f1" in values:
            self.points.append((values["eval_macro_f1"], time.monotonic() - self.start))

    def line(self) -> str:
        return "  ".join(f"{f1:.2f}@{t / 60:.1f}m" for f1, t in self.points)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=sorted(TASKS), default="dyspnea")
    parser.add_argument("--seeds", type=int, nargs="+", default=[13])
    parser.add_argument("--variants", nargs="+", default=["auto", "evidence", "head_tail"])
    parser.add_argument("--preset", default="default")
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument(
        "--labelled", type=int, default=400, help="300 train (validation included) + 100 test"
    )
    parser.add_argument("--test", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="defaults-"))
    project = create_demo_project(folder / args.corpus, args.corpus, args.documents, args.labelled, args.test)
    print(
        f"{args.corpus}: {args.labelled - args.test} training reports, {args.test} test; preset {args.preset}"
    )
    print(
        f"{'variant':<10} {'seed':>4} {'chosen':<10} {'val F1':>7} {'test macro-F1 (95% CI)':>24} "
        f"{'baseline':>9} {'ECE before→after':>17} {'wall':>7}"
    )
    for seed in args.seeds:
        for variant in args.variants:
            settings = {
                "task": TASKS[args.corpus],
                "recipe": "classifier",
                "seed": seed,
                "preset": args.preset,
            }
            if variant != "auto":
                settings["long_text"] = variant
            curve = EpochCurve()
            run = get_run(project, run_training(project, settings, curve))
            wall = time.monotonic() - curve.start
            m, cal = run.metrics["macro_f1"], run.metrics.get("calibration") or {}
            print(
                f"{variant:<10} {seed:>4} {run.config['long_text']:<10} "
                f"{run.info.get('best_val_macro_f1') or 0:>7.3f} "
                f"{m['value']:>8.3f} ({m['ci_low']:.3f}–{m['ci_high']:.3f}) "
                f"{run.metrics['baseline']['macro_f1']['value']:>9.3f} "
                f"{cal.get('ece_before', 0):>8.3f}→{cal.get('ece_after', 0):.3f} {wall:>6.0f}s",
                flush=True,
            )
            if variant == "auto" and "long_text" in run.info.get("choices", {}):
                print(f"           auto: {run.info['choices']['long_text']['reason']}", flush=True)
            print(f"           validation macro-F1 by epoch: {curve.line()}", flush=True)
            print(f"           load average at the end (1/5/15 min): {os.getloadavg()}", flush=True)
    project.close()


if __name__ == "__main__":
    main()
