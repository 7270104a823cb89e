"""Choose one classifier setting on validation data: train each value with several seeds, print only
validation figures.

Issue 20 asks that defaults be chosen on validation splits, never on a test split. For each value of
``--grid KEY=V1,V2,...`` and each seed this trains the classifier on a demo project (600 reports, 300
for training of which 15 % are held out for validation, 100 for the test split) with the other settings
at their defaults or as ``--set`` fixes them. It prints the best validation macro-F1 (the score early
stopping kept), the epoch it came at, the epochs run and the wall time; then the mean over seeds per
value. Test figures are stored in the project as always but not printed: the chosen value's test
figure is reported once, elsewhere (docs/benchmarks.md, "Choosing the defaults on validation data").

    .venv/bin/python tests/bench/validation_sweep.py --corpus smoking --grid learning_rate=3e-4,1e-3,3e-3 \
        --set long_text=evidence --seeds 13 7 21
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from defaults_check import TASKS, EpochCurve
from ml_quality import typed_setting

from medlabel.core.demo.project import create_demo_project
from medlabel.core.runs import get_run
from medlabel.ml.train import run_training


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=sorted(TASKS), default="smoking")
    parser.add_argument("--grid", required=True, help="KEY=V1,V2,... the setting to choose")
    parser.add_argument("--set", action="append", default=[], help="KEY=VALUE, fixed")
    parser.add_argument("--seeds", type=int, nargs="+", default=[13, 7, 21])
    args = parser.parse_args()
    key, _, raw = args.grid.partition("=")
    values = [typed_setting(f"{key}={v}")[1] for v in raw.split(",")]
    fixed = dict(typed_setting(item) for item in args.set)
    folder = Path(tempfile.mkdtemp(prefix="sweep-"))
    project = create_demo_project(folder / args.corpus, args.corpus, 600, 400, 100)
    print(f"{args.corpus}: choosing {key} from {values} with {fixed or 'the defaults'}; project {folder}")
    print(f"{key:>14} {'seed':>4} {'best val F1':>11} {'at epoch':>8} {'epochs':>6} {'wall':>6}", flush=True)
    scores: dict[object, list[float]] = {v: [] for v in values}
    for seed in args.seeds:
        for value in values:
            settings = {"task": TASKS[args.corpus], "recipe": "classifier", "seed": seed, **fixed, key: value}
            curve = EpochCurve()
            run = get_run(project, run_training(project, settings, curve))
            f1s = [f1 for f1, _ in curve.points]
            best = run.info.get("best_val_macro_f1") or 0.0
            scores[value].append(best)
            at = f1s.index(max(f1s)) + 1 if f1s else 0
            print(
                f"{value!s:>14} {seed:>4} {best:>11.3f} {at:>8} {len(f1s):>6} "
                f"{time.monotonic() - curve.start:>5.0f}s",
                flush=True,
            )
    print(f"mean best validation macro-F1 over seeds {args.seeds}:")
    for value, got in scores.items():
        spread = f" (sd {statistics.stdev(got):.3f})" if len(got) > 1 else ""
        print(f"  {key}={value}: {statistics.mean(got):.3f}{spread}")
    project.close()


if __name__ == "__main__":
    main()
