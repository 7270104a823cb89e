"""Likely label errors: flipped toy labels rank first, the ranking is cleanlab's, the test split stays out."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from medlabel.core.demo.project import create_demo_project
from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import Cancelled, RecordingReporter
from medlabel.ml.data import load_task
from medlabel.ml.label_errors import (
    FILTER_BY,
    find_label_issues,
    issues_from_probabilities,
    out_of_fold_probabilities,
    rank_label_issues,
)
from tests.ml.toy import LABELS, toy_examples

FLIPPED = list(range(0, 150, 15))  # 10 of 150 reports, every label among them


def _flipped_toy() -> tuple[list[str], list[str], list[str]]:
    """(texts, given labels with FLIPPED changed to the next label, true labels)."""
    examples = toy_examples(150, 0)
    truth = [e.label for e in examples]
    given = list(truth)
    for i in FLIPPED:
        given[i] = LABELS[(LABELS.index(truth[i]) + 1) % len(LABELS)]
    return [e.text for e in examples], given, truth


def test_flipped_toy_labels_rank_at_the_top():
    texts, given, truth = _flipped_toy()
    reporter = RecordingReporter()
    report = rank_label_issues(texts, given, LABELS, folds=5, seed=0, task="toy", reporter=reporter)

    assert (report.task, report.n_checked, report.folds, report.left_out) == ("toy", 150, 5, {})
    assert report.method == "5-fold TF-IDF + logistic regression, cleanlab self-confidence"
    ranked = [issue.doc_id for issue in report.issues]
    assert sorted(ranked) == list(range(150))
    assert len(set(ranked[:10]) & set(FLIPPED)) >= 9
    assert set(FLIPPED) <= set(ranked[:15])  # all within the top 10 %
    qualities = [issue.quality for issue in report.issues]
    assert qualities == sorted(qualities)
    by_id = {issue.doc_id: issue for issue in report.issues}
    for i in FLIPPED:
        issue = by_id[i]
        assert (issue.gold, issue.suggested) == (given[i], truth[i])
        assert issue.suggested_probability > 0.5 > issue.gold_probability
        assert issue.quality == issue.gold_probability  # self-confidence
    flagged = {issue.doc_id for issue in report.issues if issue.flagged}
    assert len(flagged & set(FLIPPED)) >= 7 and len(flagged - set(FLIPPED)) <= 2
    assert [(e["done"], e["total"]) for e in reporter.of("progress")] == [(k, 5) for k in range(6)]


def test_ranking_and_flags_equal_cleanlabs_own_for_the_same_probabilities():
    import cleanlab.filter
    import cleanlab.rank

    texts, given, _ = _flipped_toy()
    y = np.array([LABELS.index(label) for label in given])
    pred_probs = out_of_fold_probabilities(texts, given, LABELS, folds=5, seed=3)
    assert pred_probs.shape == (150, 3)
    np.testing.assert_allclose(pred_probs.sum(axis=1), 1.0)
    doc_ids = [1000 + i for i in range(150)]  # ids are not positions
    issues = issues_from_probabilities(doc_ids, given, LABELS, pred_probs)

    scores = cleanlab.rank.get_label_quality_scores(y, pred_probs, method="self_confidence")
    assert [issue.doc_id for issue in issues] == [1000 + int(i) for i in np.argsort(scores, kind="stable")]
    np.testing.assert_allclose([issue.quality for issue in issues], np.sort(scores))
    cleanlab_ranked = cleanlab.filter.find_label_issues(
        y, pred_probs, filter_by=FILTER_BY, return_indices_ranked_by="self_confidence"
    )
    assert len(cleanlab_ranked) > 0
    assert [issue.doc_id for issue in issues if issue.flagged] == [1000 + int(i) for i in cleanlab_ranked]
    # The whole job with the same seed computes the same probabilities, hence the same list.
    report = rank_label_issues(texts, given, LABELS, folds=5, seed=3, doc_ids=doc_ids)
    assert report.issues == issues


def test_single_report_label_is_left_out_and_rare_label_reduces_folds():
    examples = toy_examples(60, 1)
    texts = [e.text for e in examples] + [
        "the patient keeps a fish",
        "fish fish and more",
        "a fish",
        "a fish",
    ]
    labels = [e.label for e in examples] + ["fish", "hamster", "hamster", "hamster"]
    names = [*LABELS, "fish", "hamster", "horse"]
    reporter = RecordingReporter()
    report = rank_label_issues(texts, labels, names, folds=5, reporter=reporter)

    assert report.left_out == {"fish": 1}
    assert report.n_checked == 63
    assert 60 not in {issue.doc_id for issue in report.issues}
    assert {issue.gold for issue in report.issues} == {*LABELS, "hamster"}
    assert {issue.suggested for issue in report.issues} <= {*LABELS, "hamster"}
    assert report.folds == 3  # three hamster reports
    assert report.method.startswith("3-fold ")
    assert "fish (1)" in reporter.of("log")[0]["message"]


def test_cancel_before_and_between_folds():
    texts, given, _ = _flipped_toy()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        rank_label_issues(texts, given, LABELS, cancel=cancel)

    cancel = threading.Event()

    class CancelAfterTwoFolds(RecordingReporter):
        def progress(self, done, total, phase="", eta_s=None):
            super().progress(done, total, phase, eta_s)
            if done == 2:
                cancel.set()

    reporter = CancelAfterTwoFolds()
    with pytest.raises(Cancelled):
        rank_label_issues(texts, given, LABELS, reporter=reporter, cancel=cancel)
    assert [e["done"] for e in reporter.of("progress")] == [0, 1, 2]


def test_too_few_and_one_label_are_user_errors():
    examples = toy_examples(9, 0)
    with pytest.raises(MedlabelError) as error:
        rank_label_issues([e.text for e in examples], [e.label for e in examples], LABELS, task="pet")
    assert (error.value.code, error.value.params) == ("label_errors.too_few", {"task": "pet", "n": 9})

    examples = toy_examples(30, 0)
    labels = ["cat"] * 29 + ["dog"]  # dog has one report: left out, leaving one label
    with pytest.raises(MedlabelError) as error:
        rank_label_issues([e.text for e in examples], labels, LABELS, task="pet")
    assert error.value.code == "label_errors.one_label"


def test_project_checks_training_reports_only_and_reads_their_gold_labels(tmp_path):
    project = create_demo_project(tmp_path / "s", "smoking", documents=160, labelled=120, test=30)
    try:
        data = load_task(project, "smoking_status", freeze_split=False)
        reporter = RecordingReporter()
        report = find_label_issues(project, "smoking_status", folds=4, seed=1, reporter=reporter)
    finally:
        project.close()

    gold = {e.doc_id: e.label for e in data.train if e.label is not None}
    assert len(gold) == 90 and len(data.test) == 30
    assert report.task == "smoking_status"
    assert report.n_checked + sum(report.left_out.values()) == 90
    checked = {issue.doc_id: issue.gold for issue in report.issues}
    assert checked.items() <= gold.items()
    assert not set(checked) & {e.doc_id for e in data.test}
    assert {issue.suggested for issue in report.issues} <= set(data.task.labels)
    assert reporter.of("progress")[-1]["done"] == reporter.of("progress")[-1]["total"] == report.folds


def test_project_without_test_split_leaves_out_the_future_one_and_writes_nothing(tmp_path):
    project = create_demo_project(tmp_path / "s", "smoking", documents=60, labelled=60, test=0)
    try:
        report = find_label_issues(project, "smoking_status")
        with pytest.raises(MedlabelError, match="no test split"):
            load_task(project, "smoking_status", freeze_split=False)
        future_test = load_task(project, "smoking_status", freeze_split=True).test
    finally:
        project.close()
    assert future_test
    assert report.n_checked + sum(report.left_out.values()) + len(future_test) == 60
    assert not {issue.doc_id for issue in report.issues} & {e.doc_id for e in future_test}


@pytest.mark.parametrize(("corpus", "task"), [("cardio", "entities"), ("smoking", "no_such_task")])
def test_span_or_unknown_task_is_refused(tmp_path, corpus, task):
    project = create_demo_project(tmp_path / "s", corpus, documents=40, labelled=30, test=5)
    try:
        with pytest.raises(MedlabelError, match="not supported yet") as error:
            find_label_issues(project, task)
    finally:
        project.close()
    assert (error.value.code, error.value.params) == ("label_errors.not_document_task", {"task": task})


def test_project_with_too_few_training_reports(tmp_path):
    project = create_demo_project(tmp_path / "s", "smoking", documents=20, labelled=12, test=3)
    try:
        with pytest.raises(MedlabelError) as error:
            find_label_issues(project, "smoking_status")
    finally:
        project.close()
    assert (error.value.code, error.value.params) == (
        "label_errors.too_few",
        {"task": "smoking_status", "n": 9},
    )


def test_the_check_with_a_trained_runs_model_trains_it_per_fold_and_writes_nothing(
    tmp_path, tiny_bert_dir, monkeypatch
):
    from medlabel.core.jobs import RecordingReporter
    from medlabel.core.runs import list_runs
    from medlabel.ml import train
    from medlabel.ml.label_errors import find_label_issues_with_run
    from medlabel.ml.train import run_training

    project = create_demo_project(tmp_path / "s", "smoking", 120, 100, 20)
    settings = {
        "task": "smoking_status", "recipe": "classifier", "model": str(tiny_bert_dir.path), "epochs": 1,
        "max_length": 32, "long_text": "head_tail", "early_stopping": 0, "ensemble": 1,
    }  # fmt: skip
    run_id = run_training(project, settings, RecordingReporter())
    runs_before = [(r.id, r.status) for r in list_runs(project)]
    trained = []
    real = train.execute_run

    def counting(plan, out_dir, *args, **kwargs):
        trained.append((len(plan.fit) + len(plan.val), len(plan.test), plan.recipe, plan.settings.epochs))
        return real(plan, out_dir, *args, **kwargs)

    monkeypatch.setattr(train, "execute_run", counting)
    reporter = RecordingReporter()
    report = find_label_issues_with_run(project, run_id, folds=2, reporter=reporter)
    monkeypatch.undo()
    data = load_task(project, "smoking_status")
    assert report.n_checked == len(data.train) and report.folds == 2
    assert "classifier" in report.method and f"run {run_id}" in report.method
    # Two trainings with the run's recipe and settings, each holding out the other half.
    assert len(trained) == 2 and {t[2] for t in trained} == {"classifier"} and {t[3] for t in trained} == {1}
    assert sum(t[1] for t in trained) == len(data.train)
    assert all(fit + held == len(data.train) for fit, held, *_ in trained)
    assert {i.doc_id for i in report.issues} == {e.doc_id for e in data.train}
    assert all(0.0 <= i.gold_probability <= 1.0 for i in report.issues)
    assert [(r.id, r.status) for r in list_runs(project)] == runs_before  # nothing recorded
    baseline_run = run_training(
        project, {"task": "smoking_status", "recipe": "baseline"}, RecordingReporter()
    )
    with pytest.raises(MedlabelError) as info:
        find_label_issues_with_run(project, baseline_run)
    assert info.value.code == "label_errors.run_unusable"
    project.close()
