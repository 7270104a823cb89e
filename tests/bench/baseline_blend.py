"""Blending a fine-tuned run's calibrated probabilities with the TF-IDF baseline trained beside it.

Issue 20 asks the default classifier to beat the baseline on both demo corpora. This measures one
general remedy on completed bench runs (e.g. the project folders ``tests/bench/defaults_check.py``
leaves): p = w * p_model + (1 - w) * p_baseline, with w chosen on the run's own validation reports
only (w in 0, 0.1, ..., 1 by validation macro-F1, ties to the larger w), then scored once on the test
split for that w. For each completed classifier run of each project it rebuilds the run's validation
split exactly as ``medlabel.ml.train.plan_run`` did (stratified order by seed, ``train_size``, then
``split_validation`` by seed and ``val_fraction``; checked against the run's stored data hash), predicts
the validation and test reports with the run's adapter calibrated by its ``calibration.json`` (as
``medlabel.ml.predict.run_prediction`` does, without storing anything), and predicts them with the
baseline saved in ``runs/N/baseline/``. It prints, per run: corpus, seed, reading (long_text), the
chosen w, validation macro-F1 of model / baseline / blend, and test macro-F1 with its 95 % bootstrap CI
(``medlabel.ml.metrics.classification_metrics``, as ``medlabel.ml.evaluate.score``) of the three.
Checks: "stored" repeats the test macro-F1 the run recorded for model / baseline (the re-prediction
must give the same), and "bl-fit" says whether the saved baseline predicts the validation reports as a
refit on the run's training reports alone does (so the baseline never saw them).

    nice -n 19 .venv/bin/python tests/bench/baseline_blend.py /tmp/stack/*/

Projects are opened read-only and nothing is written, unless ``--upgrade`` is given: then they are opened
for writing, which upgrades a project of an older schema version in place (use it on copies).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from medlabel.core.errors import MedlabelError
from medlabel.core.project import Project, open_project
from medlabel.core.runs import Run, list_runs
from medlabel.ml import calibration
from medlabel.ml.data import data_hash, load_task, split_validation, stratified_order
from medlabel.ml.metrics import classification_metrics
from medlabel.ml.models import resolve_model
from medlabel.ml.recipes import RunContext, recipe_module
from medlabel.ml.recipes import baseline as baseline_recipe
from medlabel.ml.settings import BaselineSettings, stored_settings
from medlabel.ml.tasks import DocExample, DocPrediction, DocTask, labelled

GRID = [round(0.1 * i, 1) for i in range(11)]
CORPORA = {"smoking_status": "smoking", "principal_diagnosis": "dyspnea"}


@dataclass
class Figures:
    """One run's outcome: the chosen weight, validation macro-F1s and test metrics of the three models."""

    name: str
    corpus: str
    seed: int
    reading: str
    w: float
    val: dict[str, float]
    test: dict[str, dict[str, float]]
    stored: tuple[float | None, float | None]
    baseline_fit_ok: bool
    split_ok: bool | None


def _matrix(probabilities: Sequence[dict[str, float]], labels: Sequence[str]) -> np.ndarray:
    """Probabilities as a reports x labels array in the task's label order (a missing label is 0)."""
    return np.array([[float(p.get(label, 0.0)) for label in labels] for p in probabilities])


def _macro_f1(gold: Sequence[str], probabilities: np.ndarray, labels: Sequence[str]) -> dict[str, float]:
    predicted = [labels[i] for i in probabilities.argmax(axis=1)]
    return classification_metrics(gold, predicted, labels, n_boot=1000)["macro_f1"]


def choose_weight(gold: Sequence[str], model: np.ndarray, base: np.ndarray, labels: Sequence[str]) -> float:
    """The grid weight with the best validation macro-F1; ties go to the larger weight (the model)."""
    scores = {w: _macro_f1(gold, w * model + (1 - w) * base, labels)["value"] for w in GRID}
    best = max(scores.values())
    return max(w for w, s in scores.items() if s == best)


def _model_probabilities(project: Project, run: Run, settings: Any, texts: list[str]) -> list[DocPrediction]:
    """The run's calibrated predictions of ``texts``, as ``run_prediction`` computes them."""
    source = resolve_model(run.model_path or run.config.get("model", ""), False)
    if run.model_hash and source.content_hash() != run.model_hash:
        raise MedlabelError(f"the base model of run {run.id} changed since it was trained")
    out_dir = project.runs_dir / str(run.id)
    predictions = recipe_module(run.recipe).predict(texts, RunContext(settings, source, out_dir))
    calibrator = calibration.Calibrator.load(out_dir)
    if calibrator is not None:
        predictions = calibration.calibrate(predictions, calibrator)
    return predictions


def _baseline_fit_ok(
    folder: Path, fit: list[DocExample], val: list[DocExample], seed: int, weights: bool
) -> bool:
    """Whether a baseline refitted on ``fit`` alone predicts ``val`` as the saved one does."""
    saved = baseline_recipe.load_pipeline(folder / baseline_recipe.MODEL_FILE, "baseline model")
    refit = baseline_recipe.build_pipeline(len(fit), len({e.label for e in fit}), weights, seed)
    with baseline_recipe.one_thread():
        refit.fit([e.text for e in fit], [e.label for e in fit])
    texts = [e.text for e in val]
    return bool(np.allclose(saved.predict_proba(texts), refit.predict_proba(texts), atol=1e-6))


def blend_run(project: Project, run: Run, name: str) -> Figures:
    """Choose w on the run's validation reports and score model, baseline and blend on its test split."""
    settings = stored_settings(run.recipe, {**run.config, "allow_pickle": False})
    data = load_task(project, run.task, freeze_split=False)
    task = data.task
    assert isinstance(task, DocTask)
    train = stratified_order(data.train, settings.seed)
    if settings.train_size:
        train = train[: settings.train_size]
    fit, val = split_validation(train, settings.val_fraction, settings.seed)
    split_ok = None if not run.data_hash else data_hash(fit + val, data.test) == run.data_hash
    fit, val, test = labelled(task, fit), labelled(task, val), data.test
    labels = list(task.labels)
    texts = [e.text for e in val] + [e.text for e in test]

    model = _matrix([p.probabilities for p in _model_probabilities(project, run, settings, texts)], labels)
    folder = project.runs_dir / str(run.id) / "baseline"
    base_settings = BaselineSettings(seed=settings.seed, class_weights=settings.class_weights)
    base_preds = baseline_recipe.predict(texts, RunContext(base_settings, None, folder))
    base = _matrix([p.probabilities for p in base_preds], labels)

    n_val = len(val)
    gold_val, gold_test = [str(e.label) for e in val], [str(e.label) for e in test]
    w = choose_weight(gold_val, model[:n_val], base[:n_val], labels)
    blends = {"model": model, "baseline": base, "blend": w * model + (1 - w) * base}
    stored_base = (run.metrics.get("baseline") or {}).get("macro_f1", {}).get("value")
    return Figures(
        name=name,
        corpus=CORPORA.get(run.task, run.task),
        seed=settings.seed,
        reading=str(getattr(settings, "long_text", "?")),
        w=w,
        val={k: _macro_f1(gold_val, p[:n_val], labels)["value"] for k, p in blends.items()},
        test={k: _macro_f1(gold_test, p[n_val:], labels) for k, p in blends.items()},
        stored=(run.metrics.get("macro_f1", {}).get("value"), stored_base),
        baseline_fit_ok=_baseline_fit_ok(folder, fit, val, settings.seed, settings.class_weights),
        split_ok=split_ok,
    )


def _ci(m: dict[str, float]) -> str:
    return f"{m['value']:.3f} ({m['ci_low']:.2f}-{m['ci_high']:.2f})"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("projects", nargs="+", type=Path, help="project folders holding completed runs")
    parser.add_argument(
        "--upgrade", action="store_true", help="open for writing, upgrading an older project (on copies)"
    )
    args = parser.parse_args()
    started = time.monotonic()
    print(
        f"{'project/run':<30} {'corpus':<8} {'seed':>4} {'reading':<9} {'w':>3}  "
        f"{'val model/base/blend':<19}  {'test model':<19} {'test baseline':<19} {'test blend':<19} "
        "stored model/base  split bl-fit"
    )
    for folder in args.projects:
        try:
            project = open_project(folder, read_only=not args.upgrade, backup=False)
        except MedlabelError as exc:
            print(f"{folder.name}: cannot open ({exc})")
            continue
        try:
            runs = [r for r in list_runs(project) if r.task_kind == "document" and r.recipe == "classifier"]
            if not any(r.status == "completed" for r in runs):
                print(f"{folder.name}: no completed classifier run ({', '.join(r.status for r in runs)})")
            for run in runs:
                name = f"{folder.name}/{run.id}"
                if run.status != "completed":
                    print(f"{name}: skipped, run is {run.status}")
                    continue
                if not (project.runs_dir / str(run.id) / "baseline" / baseline_recipe.MODEL_FILE).exists():
                    print(f"{name}: skipped, no baseline saved beside the run")
                    continue
                f = blend_run(project, run, name)
                val = "/".join(f"{f.val[k]:.2f}" for k in ("model", "baseline", "blend"))
                print(
                    f"{f.name:<30} {f.corpus:<8} {f.seed:>4} {f.reading:<9} {f.w:>3.1f}  {val:<19}  "
                    f"{_ci(f.test['model']):<19} {_ci(f.test['baseline']):<19} {_ci(f.test['blend']):<19} "
                    f"{_num(f.stored[0])}/{_num(f.stored[1])}  {f.split_ok!s:<5} {f.baseline_fit_ok}",
                    flush=True,
                )
        finally:
            project.close()
    print(f"wall time {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
