"""Baseline recipe: TF-IDF word 1–2 grams + logistic regression. Seconds on any machine, no model needed.

It is the yardstick a fine-tuned model has to beat, and a usable classifier when there is no time
for fine-tuning. Its fitted pipeline is saved as plain data (``baseline.npz``, see ``linear_store``):
a run folder may come from someone else, and opening it must not be able to run code.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import check_cancel
from medlabel.ml.recipes import RunContext
from medlabel.ml.recipes.linear_store import load_pipeline, save_pipeline
from medlabel.ml.settings import BaselineSettings
from medlabel.ml.tasks import DocExample, DocPrediction, DocTask, labelled

MODEL_FILE = "baseline.npz"
# What medlabel saved before: a pickle, refused by name and never opened.
LEGACY_MODEL_FILE = "baseline.joblib"
LABELS_FILE = "labels.json"
# Below this many reports an n-gram seen once may be the only cue for a rare label, so keep it.
MIN_DF_FROM = 100


def one_thread() -> Any:
    """Run the math libraries on one thread: on a few hundred short reports the logistic regression's
    solver spent most of its time waking threads (0.4 s per run on one thread, 2–15 s on two busy cores)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)


def build_pipeline(n_train: int, n_classes: int, class_weights: bool, seed: int = 13) -> Any:
    """The unfitted TF-IDF + logistic regression pipeline for ``n_train`` reports of ``n_classes``."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2),
        sublinear_tf=True,  # a word said ten times is not ten times the evidence
        min_df=2 if n_train >= MIN_DF_FROM else 1,
        strip_accents="unicode",
        lowercase=True,
    )
    # liblinear is the fastest exact solver for two classes on small sparse data; for more classes
    # lbfgs fits one multinomial model (calibrated probabilities over all labels), sparse-friendly.
    model = LogisticRegression(
        # Cross-validated on both demo corpora's training reports, C from 1 to 300 lies within 0.04
        # macro-F1 (docs/benchmarks.md, "The baseline's C"); 10 sits in the middle of that plateau.
        C=10.0,
        class_weight="balanced" if class_weights else None,
        solver="liblinear" if n_classes == 2 else "lbfgs",
        max_iter=5000,
        random_state=seed,
    )
    return Pipeline([("tfidf", vectorizer), ("logreg", model)])


def _macro_f1(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    from sklearn.metrics import accuracy_score, f1_score

    return float(f1_score(gold, predicted, average="macro", zero_division=0)), float(
        accuracy_score(gold, predicted)
    )


def train(
    task: DocTask,
    train: list[DocExample],
    val: list[DocExample],
    ctx: RunContext[BaselineSettings],
) -> dict[str, Any]:
    """Fit on ``train``, report validation macro-F1, save the pipeline under ``out_dir``."""
    config, out_dir = ctx.settings, Path(ctx.out_dir)
    reporter, cancel = ctx.reporter, ctx.cancel
    check_cancel(cancel)
    started = time.monotonic()
    train = labelled(task, train)
    val = labelled(task, val or [])
    classes = sorted({e.label for e in train})
    if len(classes) < 2:
        raise MedlabelError(
            f"the baseline needs reports of at least two labels to learn from; the training reports "
            f"only have {', '.join(map(str, classes)) or 'none'}"
        )
    reporter.progress(0, 1, "training")
    pipeline = build_pipeline(len(train), len(classes), config.class_weights, config.seed)
    with one_thread():
        pipeline.fit([e.text for e in train], [e.label for e in train])
    check_cancel(cancel)
    result: dict[str, Any] = {
        "epochs_run": 1,
        "train_examples": len(train),
        "features": len(pipeline.named_steps["tfidf"].vocabulary_),
    }
    if val:
        macro_f1, accuracy = _macro_f1([e.label for e in val], list(pipeline.predict([e.text for e in val])))
        reporter.metrics({"eval_macro_f1": macro_f1, "eval_accuracy": accuracy}, step=1)
        result["best_val_macro_f1"] = macro_f1
    out_dir.mkdir(parents=True, exist_ok=True)
    save_pipeline(pipeline, out_dir / MODEL_FILE)
    (out_dir / LABELS_FILE).write_text(json.dumps(list(task.labels), ensure_ascii=False), encoding="utf-8")
    reporter.progress(1, 1, "training")
    result["train_seconds"] = round(time.monotonic() - started, 3)
    return result


def predict(texts: list[str], ctx: RunContext[BaselineSettings]) -> list[DocPrediction]:
    """One ``DocPrediction`` per text: the most probable label, its probability and all probabilities."""
    out_dir = Path(ctx.out_dir)
    reporter, cancel = ctx.reporter, ctx.cancel
    check_cancel(cancel)
    pipeline = load_pipeline(out_dir / MODEL_FILE, "baseline model", legacy=out_dir / LEGACY_MODEL_FILE)
    labels = json.loads((out_dir / LABELS_FILE).read_text(encoding="utf-8"))
    classes = [str(c) for c in pipeline.classes_]
    predictions: list[DocPrediction] = []
    batch = 1024  # TF-IDF is cheap; batches only pace progress and cancel
    for start in range(0, len(texts), batch):
        check_cancel(cancel)
        for row in pipeline.predict_proba(list(texts[start : start + batch])):
            # Labels never seen in training keep probability 0, so every label of the task is listed.
            probabilities = {label: 0.0 for label in labels}
            probabilities.update({c: float(p) for c, p in zip(classes, row, strict=True)})
            best = max(probabilities, key=probabilities.__getitem__)
            predictions.append(DocPrediction(best, probabilities[best], probabilities))
        reporter.progress(len(predictions), len(texts), "predicting")
    return predictions
