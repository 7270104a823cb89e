"""What the training page shows before a run starts: a task's reports per label and split, and warnings.

Nothing here changes the project. Reports are assigned to a task by ``load_task``'s own helpers
(``ml/data.py``); for a task without a test split, the split the first run would freeze is computed,
not stored. The
validation share is carved out as ``train.plan_run`` will carve it, so the numbers are the run's.
It runs on the GUI thread when the user picks a task: one read of the store (about 0.1 s for 10,000
reports), no model, no torch.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from medlabel.core.project import Project
from medlabel.ml.data import (
    MIN_ANNOTATED,
    build_task,
    split_validation,
    stratified_order,
    task_examples,
    test_split_to_freeze,
)
from medlabel.ml.settings import BaseSettings
from medlabel.ml.tasks import DocExample, SpanExample, SpanTask

FEW_EXAMPLES = 10  # below this many training examples a label is rarely learnt
SPLITS = ("train", "validation", "test")


class OverviewWarning(NamedTuple):
    """A warning as data: the app words it from ``code`` and ``params``; ``message`` is the English text."""

    code: str
    params: dict[str, Any]
    message: str


@dataclass(frozen=True)
class TaskOverview:
    """A task's data as the next run will split it.

    ``counts``: label (entity type for the entities task) -> split -> reports with that label (spans of
    that type). "train" is what the model learns from, "validation" what the run holds out of it for
    early stopping; ``reports`` gives the reports per split, so train + validation + test = annotated.
    """

    task: str
    kind: str  # "document" or "spans"
    labels: list[str]
    counts: dict[str, dict[str, int]]
    reports: dict[str, int]
    annotated: int
    unlabelled: int
    test_frozen: bool
    test_to_freeze: int  # reports the first run will freeze as the test split; 0 once frozen
    warnings: list[OverviewWarning] = field(default_factory=list)


Example = DocExample | SpanExample


def task_overview(
    project: Project,
    task: str,
    val_fraction: float = BaseSettings.val_fraction,
    seed: int = BaseSettings.seed,
) -> TaskOverview:
    """The overview of ``task`` with the run's validation share and seed (the settings' defaults)."""
    task_def = build_task(project, task)  # raises load_task's own error for an unknown task
    kind = task_def.kind
    labels = list(task_def.types) if isinstance(task_def, SpanTask) else list(task_def.labels)
    to_freeze = 0
    # load_task's own reading of which report belongs to the task and where the test split lies.
    annotated, unlabelled_examples, splits = task_examples(project, task_def)
    unlabelled = len(unlabelled_examples)
    test_ids = {ex.doc_id for ex in annotated if splits[ex.doc_id] == "test"}
    if len(annotated) < MIN_ANNOTATED:
        return _too_few(task, kind, labels, len(annotated), unlabelled, bool(test_ids))
    if not test_ids:  # what load_task would freeze at the first run's start
        test_ids = test_split_to_freeze(annotated)
        to_freeze = len(test_ids)
    train = [ex for ex in annotated if ex.doc_id not in test_ids]
    test = [ex for ex in annotated if ex.doc_id in test_ids]
    pool = stratified_order(train, seed)  # as plan_run orders the reports before carving validation out
    fit, val = split_validation(pool, val_fraction, seed)
    if len(pool) < 4:  # split_validation then validates on the training reports themselves
        fit, val = pool, []
    parts = {"train": fit, "validation": val, "test": test}
    counts = {label: dict.fromkeys(SPLITS, 0) for label in labels}
    for split, examples in parts.items():
        for label, n in _label_counts(examples).items():
            counts.setdefault(label, dict.fromkeys(SPLITS, 0))[split] = n
    warnings = [_no_test_warning(to_freeze)] if to_freeze else []
    warnings += [
        _few_warning(label, c["train"], kind) for label, c in counts.items() if c["train"] < FEW_EXAMPLES
    ]
    return TaskOverview(
        task, kind, labels, counts, {s: len(parts[s]) for s in SPLITS},
        len(fit) + len(val) + len(test), unlabelled, not to_freeze, to_freeze, warnings,
    )  # fmt: skip


def _label_counts(examples: list[Example]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for ex in examples:
        if isinstance(ex, DocExample):
            counts[str(ex.label)] += 1
        else:
            counts.update(span.type for span in ex.spans)
    return counts


def _too_few(
    task: str, kind: str, labels: list[str], n: int, unlabelled: int, has_test: bool
) -> TaskOverview:
    warning = OverviewWarning(
        "train.too_few_reports",
        {"count": n, "minimum": MIN_ANNOTATED},
        f"Only {n} report(s) are annotated for this task; annotate at least {MIN_ANNOTATED} "
        "(better 100 or more) before training.",
    )
    return TaskOverview(task, kind, labels, {}, {}, n, unlabelled, has_test, 0, [warning])


def _no_test_warning(size: int) -> OverviewWarning:
    return OverviewWarning(
        "train.no_test_split",
        {"size": size},
        f"No test split is frozen yet: when training starts, {size} annotated reports will be set aside "
        "as the test set, once and for all, and never trained on.",
    )


def _few_warning(label: str, count: int, kind: str) -> OverviewWarning:
    what = (
        f"{count} marked value(s) of type {label!r}"
        if kind == "spans"
        else f"{count} report(s) labelled {label!r}"
    )
    return OverviewWarning(
        "train.few_examples",
        {"label": label, "count": count},
        f"The training reports hold only {what}; a model rarely learns from fewer than {FEW_EXAMPLES}.",
    )
