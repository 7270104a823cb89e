"""Speed of ``compare_runs`` (paired bootstrap of two runs) on a large test split.

    nice -n 19 .venv/bin/python tests/bench/compare_speed.py [--docs 10000] [--resamples 1000]
        [--span-docs 1000]

Document task: a smoking demo project whose test split holds ``--docs`` reports (5 labels), and two
stored runs with correlated synthetic predictions (each right on about 75 % / 80 % of the reports, a few
unparsable answers). Span task: a cardio demo project with ``--span-docs`` test reports, a perfect run and
one that drops a field on every third report; its per-document counts come from calling span_metrics and
value_metrics on one report at a time. Prints the wall time of one ``compare_runs`` call for each
(best of ``--repeat``), the part spent in the bootstrap itself, and the headline difference.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np

from medlabel.core.demo.project import create_demo_project
from medlabel.core.runs import StoredPrediction, finish_run, get_predictions, start_run, store_predictions
from medlabel.ml import compare
from medlabel.ml.data import load_task


def _stored_run(project, task: str, predictions: list[StoredPrediction]) -> int:  # type: ignore[no-untyped-def]
    kind = "spans" if task == "entities" else "document"
    run_id = start_run(project, task=task, task_kind=kind, recipe="baseline", config={})
    store_predictions(project, run_id, predictions)
    finish_run(project, run_id, "completed")
    return run_id


def _timed(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def document_case(root: Path, n_docs: int, n_boot: int, repeat: int) -> None:
    start = time.perf_counter()
    project = create_demo_project(
        root / "smoking", "smoking", documents=n_docs + 500, labelled=n_docs + 500, test=n_docs
    )
    data = load_task(project, "smoking_status", freeze_split=False)
    labels = data.task.labels
    rng = np.random.default_rng(0)
    # Run B is right wherever A is, and on some more reports: strongly correlated runs.
    u = rng.random(len(data.test))
    runs = []
    for p_right in (0.75, 0.80):
        preds = []
        for ex, x in zip(data.test, u, strict=True):
            label = ex.label if x < p_right else None if x > 0.98 else str(rng.choice(labels))
            preds.append(StoredPrediction(ex.doc_id, label, 1.0, {}, [], [], None, label is not None))
        runs.append(_stored_run(project, "smoking_status", preds))
    print(
        f"setup: {len(data.test)} test documents, {len(labels)} labels, {time.perf_counter() - start:.1f} s"
    )

    total, result = _timed(lambda: compare.compare_runs(project, runs[0], runs[1], n_boot=n_boot), repeat)
    gold = [ex.label for ex in data.test]
    preds = [[p.label for p in get_predictions(project, r)] for r in runs]
    boot, _ = _timed(lambda: compare._compare_labels(gold, *preds, labels, n_boot, 0, 0.95), repeat)
    row = result["overall"]["macro_f1"]  # type: ignore[index]
    print(
        f"documents: compare_runs {total:.2f} s for {len(data.test)} documents x {n_boot} resamples "
        f"(bootstrap alone {boot:.2f} s); macro-F1 diff {row['diff']:+.3f} "
        f"[{row['ci_low']:+.3f}, {row['ci_high']:+.3f}]"
    )
    project.close()


def span_case(root: Path, n_docs: int, n_boot: int, repeat: int) -> None:
    project = create_demo_project(
        root / "cardio", "cardio", documents=n_docs + 50, labelled=n_docs + 50, test=n_docs
    )
    data = load_task(project, "entities", freeze_split=False)
    perfect, worse = [], []
    for i, ex in enumerate(data.test):
        spans = list(ex.spans)
        perfect.append(StoredPrediction(ex.doc_id, None, 1.0, {}, spans, [None] * len(spans), None, True))
        if i % 3 == 0 and spans:
            spans = [s for s in spans if s.type != spans[0].type]
        worse.append(StoredPrediction(ex.doc_id, None, 1.0, {}, spans, [None] * len(spans), None, True))
    runs = [_stored_run(project, "entities", perfect), _stored_run(project, "entities", worse)]
    total, result = _timed(lambda: compare.compare_runs(project, runs[0], runs[1], n_boot=n_boot), repeat)
    row = result["overall"]["value_f1"]  # type: ignore[index]
    print(
        f"spans: compare_runs {total:.2f} s for {len(data.test)} documents, {len(data.task.types)} fields x "
        f"{n_boot} resamples; value-F1 diff {row['diff']:+.3f} [{row['ci_low']:+.3f}, {row['ci_high']:+.3f}]"
    )
    project.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--span-docs", type=int, default=1000)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        document_case(Path(tmp), args.docs, args.resamples, args.repeat)
        if args.span_docs:
            span_case(Path(tmp), args.span_docs, args.resamples, args.repeat)


if __name__ == "__main__":
    main()
