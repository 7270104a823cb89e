"""The training page's overview of a task: counts per label and split as the run will use them, warnings,
and never a change to the project."""

import subprocess
import sys
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from medlabel.core import tables
from medlabel.core.demo.project import create_demo_project
from medlabel.core.errors import MedlabelError
from medlabel.ml.data import load_task, split_validation, stratified_order
from medlabel.ml.settings import BaseSettings
from medlabel.ml.train_overview import SPLITS, task_overview

TASK = "smoking_status"


@pytest.fixture
def frozen(tmp_path):
    project = create_demo_project(tmp_path / "f", "smoking", documents=160, labelled=120, test=30)
    yield project
    project.close()


@pytest.fixture
def unfrozen(tmp_path):
    project = create_demo_project(tmp_path / "u", "smoking", documents=160, labelled=120, test=0)
    yield project
    project.close()


def _run_split(project, task):
    """(fit, validation, test) exactly as train.plan_run splits with the default settings."""
    data = load_task(project, task, freeze_split=False)
    seed = BaseSettings().seed
    fit, val = split_validation(stratified_order(data.train, seed), BaseSettings().val_fraction, seed)
    return {"train": fit, "validation": val, "test": data.test}


def _state(project):
    """Everything task_overview could change: the database file, every split, the audit log."""
    with project.engine.connect() as conn:
        splits = conn.execute(select(tables.documents.c.id, tables.documents.c.split)).all()
        audit = conn.execute(select(func.count()).select_from(tables.audit_log)).scalar_one()
    return project.db_path.stat().st_mtime_ns, sorted(splits), audit


def test_frozen_task_counts_are_the_runs_split(frozen):
    overview = task_overview(frozen, TASK)
    assert overview.kind == "document" and overview.test_frozen and overview.test_to_freeze == 0
    assert (overview.annotated, overview.unlabelled) == (120, 40)
    assert sum(overview.reports.values()) == overview.annotated
    assert overview.reports["test"] == 30
    parts = _run_split(frozen, TASK)
    for split in SPLITS:
        assert overview.reports[split] == len(parts[split])
        assert sum(c[split] for c in overview.counts.values()) == len(parts[split])
        expected = Counter(ex.label for ex in parts[split])
        assert {label: c[split] for label, c in overview.counts.items() if c[split]} == dict(expected)
    assert overview.reports["validation"] == round(0.15 * (len(parts["train"]) + len(parts["validation"])))
    assert set(overview.labels) == set(overview.counts)
    assert not any(w.code == "train.no_test_split" for w in overview.warnings)


def test_few_examples_are_warned_per_label(frozen):
    overview = task_overview(frozen, TASK)
    few = {w.params["label"]: w.params["count"] for w in overview.warnings if w.code == "train.few_examples"}
    assert few == {label: c["train"] for label, c in overview.counts.items() if c["train"] < 10}
    assert few, "the 120-report smoking demo has a rare label (SMOKER)"
    assert all(w.message for w in overview.warnings)


def test_overview_without_test_split_predicts_it_and_changes_nothing(unfrozen):
    before = _state(unfrozen)
    overview = task_overview(unfrozen, TASK)
    assert _state(unfrozen) == before
    assert not overview.test_frozen
    assert overview.test_to_freeze == overview.reports["test"] == round(0.2 * 120)
    assert sum(overview.reports.values()) == overview.annotated == 120
    warning = next(w for w in overview.warnings if w.code == "train.no_test_split")
    assert warning.params == {"size": 24}
    # The first run freezes the split: exactly the one predicted, carved up the same way.
    assert load_task(unfrozen, TASK).new_test_split
    after = task_overview(unfrozen, TASK)
    assert after.test_frozen and after.test_to_freeze == 0
    assert after.counts == overview.counts and after.reports == overview.reports
    assert not any(w.code == "train.no_test_split" for w in after.warnings)


def test_too_few_reports(tmp_path):
    project = create_demo_project(tmp_path / "t", "smoking", documents=60, labelled=5, test=1)
    overview = task_overview(project, TASK)
    project.close()
    assert [w.code for w in overview.warnings] == ["train.too_few_reports"]
    assert overview.warnings[0].params["count"] == 5 and overview.annotated == 5
    assert overview.counts == {} and overview.unlabelled == 55


@pytest.mark.parametrize("task", ["nope", "entities"])
def test_unknown_task_raises_load_tasks_error(frozen, task):
    with pytest.raises(MedlabelError) as expected:
        load_task(frozen, task, freeze_split=False)
    with pytest.raises(MedlabelError) as got:
        task_overview(frozen, task)
    assert type(got.value) is type(expected.value) and str(got.value) == str(expected.value)


def test_entities_count_spans_per_type_and_split(tmp_path):
    project = create_demo_project(tmp_path / "c", "cardio", documents=120, labelled=80, test=16)
    overview = task_overview(project, "entities")
    parts = _run_split(project, "entities")
    project.close()
    assert overview.kind == "spans" and overview.test_frozen
    assert (overview.annotated, overview.unlabelled) == (80, 40)
    assert {s: len(parts[s]) for s in SPLITS} == overview.reports
    for split in SPLITS:
        spans = Counter(span.type for ex in parts[split] for span in ex.spans)
        assert {t: c[split] for t, c in overview.counts.items() if c[split]} == dict(spans)
    assert set(overview.counts) == set(overview.labels)
    assert sum(c["train"] for c in overview.counts.values()) > 100


def test_overview_of_thousands_of_reports_is_quick(tmp_path):
    project = create_demo_project(tmp_path / "big", "smoking", documents=4000, labelled=2500, test=0)
    start = time.perf_counter()
    unfrozen = task_overview(project, TASK)
    unfrozen_s = time.perf_counter() - start
    load_task(project, TASK)  # freeze the split, then time the overview of a frozen task too
    start = time.perf_counter()
    frozen = task_overview(project, TASK)
    frozen_s = time.perf_counter() - start
    project.close()
    assert unfrozen.annotated == frozen.annotated == 2500 and frozen.counts == unfrozen.counts
    # Reported, not asserted: the machine may be busy. Shown with pytest -s.
    print(f"\ntask_overview, 4,000 reports: {unfrozen_s:.3f} s without a test split, {frozen_s:.3f} s with")


def test_importing_the_overview_loads_no_torch():
    code = (
        "import sys, medlabel.ml.train_overview; "
        "print(sorted(m for m in ('torch', 'transformers', 'peft') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
