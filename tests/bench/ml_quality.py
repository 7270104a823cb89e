"""Quality and cost of the recipes on the demo corpora, on this machine's CPU.

    .venv/bin/python tests/bench/ml_quality.py smoking    # baseline vs MiniLM classifier (300 train)
    .venv/bin/python tests/bench/ml_quality.py smoking --test 300 --seeds 7,13,21   # the mean of 3 seeds
    .venv/bin/python tests/bench/ml_quality.py cardio     # MiniLM tagger, span and value F1 (300 train)
    .venv/bin/python tests/bench/ml_quality.py instruct   # SmolLM2-135M-Instruct zero-shot vs fine-tuned

Each prints its figures with 95 % bootstrap confidence intervals, seconds per epoch and peak RSS.
A 100-report test split holds only 5 SMOKER reports, so one error there moves macro-F1 by about 0.05;
``--test 300`` measures it three times as precisely, and ``--seeds`` shows how much the run itself varies.
Targets: classifier macro-F1 >= 0.85 on smoking and above the baseline; tagger value-F1 >= 0.90.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from medlabel.core.demo.project import create_demo_project
from medlabel.core.jobs import TextReporter
from medlabel.core.runs import get_run
from medlabel.ml.metrics import format_classification
from medlabel.ml.settings import field_specs, settings_for
from medlabel.ml.train import run_training


def typed_setting(item: str) -> tuple[str, Any]:
    """``NAME=VALUE`` as the setting's name and its value in the type the settings schema declares."""
    name, _, raw = item.partition("=")
    types = {spec.name: spec.type for spec in field_specs()}
    if name not in types:
        raise SystemExit(f"--set {item}: no training setting is called {name!r}")
    kind = types[name]
    return name, raw.lower() in ("1", "true", "yes") if kind is bool else kind(raw)


def settings(args: argparse.Namespace, **values: Any) -> dict[str, Any]:
    """The run's settings: the corpus' values (None = the recipe's own) and the user's ``--set NAME=VALUE``
    overrides, checked against the recipe's settings (``settings_for`` refuses what the recipe has not)."""
    values = {name: value for name, value in values.items() if value is not None}
    values.update(typed_setting(item) for item in args.set)
    settings_for(values["recipe"], values)  # refuses a setting the recipe has not, or a bad value
    return values


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ci(m: dict) -> str:
    return f"{m['value']:.3f} (95% CI {m['ci_low']:.3f}–{m['ci_high']:.3f})"


def per_epoch(run) -> str:  # type: ignore[no-untyped-def]
    members = run.info.get("members")  # an ensemble: epochs of all its models
    epochs = sum(m["epochs_run"] for m in members) if members else run.info.get("epochs_run")
    epochs = epochs or run.config["epochs"]
    return f"{run.timings['train_s'] / float(epochs):.1f} s/epoch over {epochs} epochs"


def smoking(root: Path, args: argparse.Namespace) -> dict:
    project = create_demo_project(root, "smoking", documents=500 + args.test, labelled=300 + args.test,
                                  test=args.test)  # fmt: skip
    runs = []
    for seed in args.seeds:
        config = settings(
            args,
            task="smoking_status",
            recipe="classifier",
            model="minilm",
            epochs=args.epochs,
            learning_rate=args.lr,
            batch_size=args.batch_size,
            class_weights=not args.no_class_weights,
            seed=seed,
        )
        run = get_run(project, run_training(project, config, TextReporter()))
        m, b = run.metrics, run.metrics["baseline"]
        print(f"\nsmoking, seed {run.seed}, {run.train_size} training reports, {args.test} test reports")
        print(f"  baseline (TF-IDF + LR) macro-F1 {ci(b['macro_f1'])}, accuracy {ci(b['accuracy'])}")
        print(f"  MiniLM classifier      macro-F1 {ci(m['macro_f1'])}, accuracy {ci(m['accuracy'])}")
        limit = "evidence_tokens" if run.info.get("long_text") == "evidence" else "max_length"
        print(f"  {per_epoch(run)}; long reports: {run.info.get('long_text')}, "
              f"{run.info.get('truncated_reports')} of them longer than {limit}; "
              f"pooling: {run.info.get('pooling')}")  # fmt: skip
        print("\n" + format_classification(m))
        runs.append({"seed": run.seed, "baseline": b["macro_f1"], "classifier": m["macro_f1"],
                     "timings": run.timings, "info": run.info,
                     "per_class_f1": {label: r["f1"] for label, r in m["per_class"].items()}})  # fmt: skip
    if len(runs) > 1:
        # Seeds change the validation split, the adapters' start and the batch order; on 255 reports
        # that moves macro-F1 more than most settings do, so settings are compared on the mean.
        mean = sum(r["classifier"]["value"] for r in runs) / len(runs)
        base = sum(r["baseline"]["value"] for r in runs) / len(runs)
        values = ", ".join(f"{r['classifier']['value']:.3f} (seed {r['seed']})" for r in runs)
        print(f"\nMiniLM classifier macro-F1 over {len(runs)} seeds: {values}; mean {mean:.3f}, "
              f"baseline mean {base:.3f}")  # fmt: skip
    return {"runs": runs}


def cardio(root: Path, args: argparse.Namespace) -> dict:
    project = create_demo_project(root, "cardio", documents=600, labelled=400, test=100)
    config = settings(
        args,
        task="entities",
        recipe="tagger",
        model="minilm",
        epochs=args.epochs,
        learning_rate=args.lr,
        batch_size=args.batch_size,
    )
    run = get_run(project, run_training(project, config, TextReporter()))
    spans, values = run.metrics["spans"], run.metrics["values"]
    strict, lenient, val = spans["strict"]["overall"], spans["lenient"]["overall"], values["overall"]
    print(f"\ncardio, {run.train_size} training reports, 100 test reports")
    print(f"  span F1 strict {strict['f1']:.3f} ({strict['f1_ci_low']:.3f}–{strict['f1_ci_high']:.3f}), "
          f"lenient {lenient['f1']:.3f}")  # fmt: skip
    print(f"  value F1 {val['f1']:.3f} (95% CI {val['f1_ci_low']:.3f}–{val['f1_ci_high']:.3f})")
    for field, row in values["per_field"].items():
        print(f"    {field:<8} value F1 {row['f1']:.3f}  (tp {row['tp']}, fp {row['fp']}, fn {row['fn']})")
    print(f"  {per_epoch(run)}")
    return {"span_strict_f1": strict["f1"], "value_f1": val["f1"], "timings": run.timings, "info": run.info}


def instruct(root: Path, args: argparse.Namespace) -> dict:
    project = create_demo_project(root, "smoking", documents=600, labelled=400, test=100)
    out = {}
    for zero_shot in (True, False):
        config = settings(
            args,
            task="smoking_status",
            recipe="instruct",
            model="smollm2",
            zero_shot=zero_shot,
            epochs=args.epochs,
            train_size=args.instruct_train,
            batch_size=4,
            learning_rate=args.lr,  # None: the recipe's own, 2e-4
            max_new_tokens=32,  # a flat JSON answer takes ~12 tokens; 16 cut indented ones short
            eval_batch_size=8,
        )
        run = get_run(project, run_training(project, config, TextReporter(), with_baseline=False))
        m = run.metrics
        name = "zero-shot" if zero_shot else f"fine-tuned on {run.train_size}"
        print(
            f"  SmolLM2 {name}: macro-F1 {ci(m['macro_f1'])}, "
            f"valid answers (JSON naming a known label) {1 - m['validity']['rate']:.1%}, "
            f"{run.timings.get('train_s', 0):.0f} s training, "
            f"{run.timings.get('predict_s', 0):.0f} s predicting"
        )
        out["zero_shot" if zero_shot else "fine_tuned"] = {
            "macro_f1": m["macro_f1"],
            "validity": m["validity"],
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", choices=["smoking", "cardio", "instruct"])
    parser.add_argument(
        "--epochs", type=float, default=None, help="default: the recipe's own (2 for instruct)"
    )
    parser.add_argument("--instruct-train", type=int, default=100, help="training reports for instruct")
    parser.add_argument("--test", type=int, default=100, help="smoking: test reports (300 train besides)")
    parser.add_argument(
        "--seeds", type=lambda v: [int(x) for x in v.split(",")], default=[13],
        help="smoking: one run per seed on the same test split, e.g. 7,13,21; prints the mean",
    )  # fmt: skip
    parser.add_argument("--lr", type=float, help="learning rate (default: the recipe default)")
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--no-class-weights", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="any other training setting"
    )
    args = parser.parse_args()
    if args.epochs is None:
        args.epochs = {"smoking": None, "cardio": None, "instruct": 2.0}[args.corpus]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        result = {"smoking": smoking, "cardio": cardio, "instruct": instruct}[args.corpus](
            Path(tmp) / "p", args
        )
    result["wall_s"] = time.perf_counter() - t0
    result["peak_rss_mb"] = peak_rss_mb()
    print(f"  wall {result['wall_s']:.0f} s, peak RSS {result['peak_rss_mb']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
