"""Likely label errors: training reports whose gold label an out-of-fold model confidently contradicts.

Each labelled training report of a document task is scored by a TF-IDF + logistic regression model
(the baseline recipe's pipeline) that never saw it, in k-fold cross-validation; cleanlab's confident
learning then ranks the reports by label quality (the out-of-fold probability of the gold label) and
flags the ones it considers mislabelled. The test split is never read: a clinician who corrects test
labels from a model that learnt them would no longer have an independent test.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import check_cancel
from medlabel.ml.tasks import DocTask, labelled

if TYPE_CHECKING:
    import numpy as np

    from medlabel.core.jobs import Reporter
    from medlabel.core.project import Project

MIN_REPORTS = 10  # fewer labelled training reports than this give no useful cross-validation
MIN_FOLDS = 2
# cleanlab's default: flags a report when confident learning puts it off the diagonal of the joint
# distribution of given and true labels, with the highest probability of being wrong.
FILTER_BY = "prune_by_noise_rate"
PHASE = "cross-validation"


@dataclass(frozen=True)
class LabelIssue:
    doc_id: int
    gold: str
    suggested: str  # the out-of-fold most probable label
    gold_probability: float  # out-of-fold probability of the gold label (cleanlab's self-confidence)
    suggested_probability: float
    quality: float  # cleanlab's label quality score: lower = more likely wrong
    flagged: bool  # cleanlab's find_label_issues counts it as a label issue


@dataclass(frozen=True)
class LabelIssueReport:
    task: str
    n_checked: int
    folds: int  # folds actually used (fewer than asked when a label has few reports)
    issues: list[LabelIssue]  # every checked report, most suspicious (lowest quality) first
    left_out: dict[str, int] = field(default_factory=dict)  # label -> reports too few to cross-validate
    method: str = ""


def find_label_issues(
    project: Project,
    task: str,
    folds: int = 5,
    seed: int = 0,
    reporter: Reporter | None = None,
    cancel: threading.Event | None = None,
) -> LabelIssueReport:
    """Rank the labelled training reports of document task ``task``, most likely wrong gold label first."""
    doc_task = _document_task(project, task)
    examples = labelled(doc_task, _training_examples(project, doc_task))
    return rank_label_issues(
        [e.text for e in examples],
        [e.label for e in examples],
        doc_task.labels,
        folds=folds,
        seed=seed,
        doc_ids=[e.doc_id for e in examples],
        task=task,
        reporter=reporter,
        cancel=cancel,
    )


def rank_label_issues(
    texts: Sequence[str],
    labels: Sequence[str],
    label_names: Sequence[str],
    folds: int = 5,
    seed: int = 0,
    doc_ids: Sequence[int] | None = None,
    task: str = "",
    reporter: Reporter | None = None,
    cancel: threading.Event | None = None,
    fold_model: Callable[[list[int]], FoldModel] | None = None,
    model_name: str = "TF-IDF + logistic regression",
) -> LabelIssueReport:
    """The label issue report for these examples (``doc_ids`` default to positions 0..n-1).
    ``fold_model(kept positions)`` builds the per-fold model over the examples kept (default: the
    baseline pipeline).

    A label with a single report cannot be both trained on and predicted, so its reports are left out
    (``left_out``); folds are reduced to the smallest remaining label's count, at least two.
    """
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
    ids = list(range(len(texts))) if doc_ids is None else list(doc_ids)
    if len(ids) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(ids)} doc_ids")
    unknown = sorted({str(label) for label in labels} - set(label_names))
    if unknown:
        raise ValueError(f"labels not in label_names: {', '.join(unknown)}")
    if len(texts) < MIN_REPORTS:
        raise MedlabelError(
            f"task {task!r} has only {len(texts)} labelled training report(s); label at least {MIN_REPORTS} "
            "before checking for label errors",
            code="label_errors.too_few",
            task=task,
            n=len(texts),
        )
    counts = Counter(labels)
    left_out = {label: counts[label] for label in label_names if counts[label] == 1}
    classes = [label for label in label_names if counts[label] >= 2]
    if len(classes) < 2:
        raise MedlabelError(
            f"the labelled training reports of task {task!r} have fewer than two labels with two or more "
            "reports each, so no model can tell them apart; label reports of other labels first",
            code="label_errors.one_label",
            task=task,
            labels=sorted(counts),
        )
    kept = [i for i, label in enumerate(labels) if label in classes]
    kept_texts = [texts[i] for i in kept]
    kept_labels = [labels[i] for i in kept]
    n_folds = max(MIN_FOLDS, min(folds, min(counts[c] for c in classes)))
    if reporter is not None and left_out:
        reporter.log(
            "left out (a single report each, too few to cross-validate): "
            + ", ".join(f"{label} ({n})" for label, n in left_out.items())
        )
    model = fold_model(kept) if fold_model is not None else None
    pred_probs = out_of_fold_probabilities(
        kept_texts, kept_labels, classes, n_folds, seed, reporter, cancel, fold_model=model
    )
    issues = issues_from_probabilities([ids[i] for i in kept], kept_labels, classes, pred_probs)
    return LabelIssueReport(
        task=task,
        n_checked=len(kept),
        folds=n_folds,
        issues=issues,
        left_out=left_out,
        method=f"{n_folds}-fold {model_name}, cleanlab self-confidence",
    )


# fit_predict(fold, training positions, held-out positions) -> (held-out × classes) probabilities
FoldModel = Callable[[int, list[int], list[int]], "np.ndarray"]


def out_of_fold_probabilities(
    texts: Sequence[str],
    labels: Sequence[str],
    classes: Sequence[str],
    folds: int,
    seed: int = 0,
    reporter: Reporter | None = None,
    cancel: threading.Event | None = None,
    fold_model: FoldModel | None = None,
) -> np.ndarray:
    """(n, len(classes)) probabilities, each row from a model fitted on the other folds: the baseline
    pipeline, or ``fold_model``."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from medlabel.ml.recipes.baseline import build_pipeline, one_thread

    column = {label: j for j, label in enumerate(classes)}
    y = np.array([column[label] for label in labels])
    pred_probs = np.zeros((len(texts), len(classes)))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    # Looping over the folds (not cross_val_predict) lets every fold report progress and honour cancel.
    for fold, (train_idx, held_idx) in enumerate(splitter.split(np.zeros(len(y)), y)):
        check_cancel(cancel)
        if reporter is not None:
            reporter.progress(fold, folds, PHASE)
        if fold_model is not None:
            pred_probs[held_idx] = fold_model(fold, list(train_idx), list(held_idx))
            continue
        pipeline = build_pipeline(len(train_idx), len(classes), class_weights=True, seed=seed)
        with one_thread():
            pipeline.fit([texts[i] for i in train_idx], y[train_idx])
        # A fold's model knows only the labels of its training part; the others keep probability 0.
        pred_probs[np.ix_(held_idx, pipeline.classes_)] = pipeline.predict_proba([texts[i] for i in held_idx])
    check_cancel(cancel)
    if reporter is not None:
        reporter.progress(folds, folds, PHASE)
    return pred_probs


def issues_from_probabilities(
    doc_ids: Sequence[int], labels: Sequence[str], classes: Sequence[str], pred_probs: Any
) -> list[LabelIssue]:
    """One ``LabelIssue`` per report, ranked by cleanlab's label quality, most suspicious first."""
    import cleanlab.filter
    import cleanlab.rank
    import numpy as np

    column = {label: j for j, label in enumerate(classes)}
    y = np.array([column[label] for label in labels])
    quality = cleanlab.rank.get_label_quality_scores(y, pred_probs, method="self_confidence")
    # n_jobs=1: a multiprocessing pool inside the app (or a frozen bundle) costs more than it saves here.
    flagged = cleanlab.filter.find_label_issues(y, pred_probs, filter_by=FILTER_BY, n_jobs=1)
    suggested = pred_probs.argmax(axis=1)
    rows = np.arange(len(y))
    gold_probability, suggested_probability = pred_probs[rows, y], pred_probs[rows, suggested]
    # Ties (identical reports) keep the given order, so the same data always give the same list.
    order = np.argsort(quality, kind="stable")
    return [
        LabelIssue(
            doc_id=int(doc_ids[i]),
            gold=str(labels[i]),
            suggested=str(classes[suggested[i]]),
            gold_probability=float(gold_probability[i]),
            suggested_probability=float(suggested_probability[i]),
            quality=float(quality[i]),
            flagged=bool(flagged[i]),
        )
        for i in order
    ]


def find_label_issues_with_run(
    project: Project,
    run_id: int,
    folds: int = 3,
    seed: int = 0,
    reporter: Reporter | None = None,
    cancel: threading.Event | None = None,
) -> LabelIssueReport:
    """As ``find_label_issues``, with the model of a trained run instead of the baseline: its recipe,
    model and resolved settings trained once per fold (one model, not an ensemble, to keep it to
    ``folds`` trainings) in a temporary folder; nothing is written to the project."""
    import tempfile

    from medlabel.core.runs import get_run

    run = get_run(project, run_id)
    if run.status != "completed" or run.recipe == "baseline":
        raise MedlabelError(
            f"run {run_id} is a {run.status} {run.recipe} run; the label check with a run's model needs a "
            "completed fine-tuned run (the baseline check is the default)",
            code="label_errors.run_unusable", run=run_id, status=run.status, recipe=run.recipe,
        )  # fmt: skip
    doc_task = _document_task(project, run.task)
    examples = labelled(doc_task, _training_examples(project, doc_task))
    name = f"{run.recipe} ({run.model_name or 'model'}) of run {run_id}"
    with tempfile.TemporaryDirectory(prefix="medlabel-label-check-") as work:

        def fold_model(kept: list[int]) -> FoldModel:
            return _run_fold_model(doc_task, [examples[i] for i in kept], run, Path(work), reporter, cancel)

        return rank_label_issues(
            [e.text for e in examples], [e.label for e in examples], doc_task.labels, folds=folds, seed=seed,
            doc_ids=[e.doc_id for e in examples], task=run.task, reporter=reporter, cancel=cancel,
            fold_model=fold_model, model_name=name,
        )  # fmt: skip


def _run_fold_model(
    task: DocTask,
    examples: list,
    run: Any,
    work: Path,
    reporter: Reporter | None,
    cancel: threading.Event | None,
) -> FoldModel:
    """Per fold: plan and execute a run with the run's settings on the fold's training reports, predicting
    the held-out ones (calibrated, as the run's own predictions are)."""
    import numpy as np

    from medlabel.core.jobs import Cancelled, NullReporter
    from medlabel.ml.data import TaskData
    from medlabel.ml.settings import settings_for
    from medlabel.ml.train import execute_run, plan_run

    values = {k: v for k, v in run.config.items() if k != "recipe"}
    values["train_size"] = 0  # a curve's run was cut to a size; its folds use every report they have
    if "ensemble" in values:
        values["ensemble"] = 1
    settings = settings_for(run.recipe, values)

    def fit_predict(fold: int, train_idx: list[int], held_idx: list[int]) -> np.ndarray:
        held = [examples[i] for i in held_idx]
        data = TaskData(task, [examples[i] for i in train_idx], held, [])
        inner = _FoldReporter(reporter, fold) if reporter is not None else NullReporter()
        plan = plan_run(data, settings, inner)
        result = execute_run(plan, work / f"fold-{fold}", inner, cancel, with_baseline=False)
        if result.status == "cancelled":
            raise Cancelled()
        if result.status != "completed":
            raise MedlabelError(
                f"training the model of run {run.id} on part {fold + 1} of the training reports failed: "
                f"{result.error}",
                code="label_errors.fold_failed", run=run.id, error=result.error,
            )  # fmt: skip
        by_doc = {p.document_id: p.probabilities for p in result.predictions}
        return np.array([[by_doc[e.doc_id].get(c, 0.0) for c in task.labels] for e in held])

    return fit_predict


class _FoldReporter:
    """A fold's training reported as part of the whole check: its phase named, its numbers passed on."""

    def __init__(self, reporter: Reporter, fold: int) -> None:
        self.reporter, self.fold = reporter, fold

    def progress(self, done: int, total: int, phase: str = "", eta_s: float | None = None) -> None:
        # Only the end of each phase: the check's own progress counts the parts.
        if total and done == total:
            self.reporter.log(f"part {self.fold + 1}: {phase} done")

    def log(self, message: str) -> None:
        self.reporter.log(f"part {self.fold + 1}: {message}")

    def metrics(self, values: Any, step: int | None = None) -> None:
        pass

    def warning(self, code: str, params: Any, message: str) -> None:
        self.reporter.log(f"part {self.fold + 1}: {message}")


def _document_task(project: Project, task: str) -> DocTask:
    from medlabel.ml.data import build_task

    try:
        built = build_task(project, task)
    except MedlabelError:
        built = None
    if not isinstance(built, DocTask):
        raise MedlabelError(
            f"there is no document task {task!r} to check for label errors; checking span tasks "
            "(entities) is not supported yet, choose a label set of document labels",
            code="label_errors.not_document_task",
            task=task,
        )
    return built


def _training_examples(project: Project, task: DocTask) -> list:
    """The task's annotated reports outside the test split, without writing anything to the project.

    Before the first training run there is no test split yet; the reports that run would freeze as
    the test split are left out already, so that they never inform the gold labels they will score.
    """
    from medlabel.ml.data import task_examples, test_split_to_freeze

    annotated, _, splits = task_examples(project, task)
    if any(splits[e.doc_id] == "test" for e in annotated):
        return [e for e in annotated if splits[e.doc_id] != "test"]
    future_test = test_split_to_freeze(annotated) if annotated else set()
    return [e for e in annotated if e.doc_id not in future_test]
