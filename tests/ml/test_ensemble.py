"""Ensembles of classifiers (settings.ensemble): members split like runs of their own seeds, and the
ensemble predicts the mean of its members' probabilities."""

from __future__ import annotations

import json
import shutil

import pytest

from medlabel.core.jobs import RecordingReporter
from medlabel.ml.data import split_validation, stratified_order
from medlabel.ml.recipes import RunContext, classifier
from medlabel.ml.recipes.ensemble import member_splits
from medlabel.ml.recipes.evidence import SELECTOR_FILE
from medlabel.ml.settings import ClassifierSettings
from medlabel.ml.tasks import DocExample, DocTask
from tests.ml.test_evidence import EVIDENCE, corpus


def test_an_ensemble_averages_models_trained_with_their_own_seeds_and_splits(tiny_bert_dir, tmp_path):
    task = DocTask("smoking", list(EVIDENCE))
    config = ClassifierSettings(
        epochs=1.0, batch_size=8, max_length=64, lora_r=4, lora_alpha=8, long_text="evidence",
        evidence_tokens=32, ensemble=2, seed=5,
    ).validate()  # fmt: skip
    train, val = corpus(30, 10), corpus(30, 11)[:6]
    val = [DocExample(100 + e.doc_id, e.text, e.label) for e in val]
    reporter = RecordingReporter()
    result = classifier.train(task, train, val, RunContext(config, tiny_bert_dir, tmp_path, reporter, None))
    assert result["ensemble"] == 2
    assert [m["seed"] for m in result["members"]] == [5, 1005]
    phases = {e["phase"] for e in reporter.of("progress")}
    assert {"training model 1 of 2", "training model 2 of 2"} <= phases
    for folder in (tmp_path, tmp_path / "model-2"):
        assert (folder / "adapter" / "adapter_config.json").is_file()
        assert (folder / SELECTOR_FILE).is_file()
    assert json.loads((tmp_path / "classifier.json").read_text())["members"] == 2

    # Each member alone, as a run of one model: the ensemble's probabilities are their mean.
    texts = [e.text for e in corpus(5, 12)]
    alone = []
    for index, folder in enumerate((tmp_path, tmp_path / "model-2")):
        single = tmp_path.parent / f"single-{index}"
        shutil.copytree(folder, single, ignore=shutil.ignore_patterns("model-*"))
        settings = json.loads((single / "classifier.json").read_text())
        settings.pop("members", None)
        (single / "classifier.json").write_text(json.dumps(settings))
        alone.append(
            classifier.predict(texts, RunContext(config, tiny_bert_dir, single, RecordingReporter(), None))
        )
    both = classifier.predict(texts, RunContext(config, tiny_bert_dir, tmp_path, RecordingReporter(), None))
    for mixed, first, second in zip(both, *alone, strict=True):
        for label in EVIDENCE:
            mean = (first.probabilities[label] + second.probabilities[label]) / 2
            assert mixed.probabilities[label] == pytest.approx(mean, abs=1e-6)
    assert any(a.probabilities != b.probabilities for a, b in zip(*alone, strict=True))


def test_ensemble_members_split_like_runs_of_their_seeds():
    examples = corpus(60, 13)
    config = ClassifierSettings(ensemble=3, seed=7)
    fit, val = split_validation(stratified_order(examples, 7), config.val_fraction, 7)
    members = member_splits(fit, val, config)
    assert [m[0] for m in members] == [7, 1007, 2007]
    assert members[0][1:] == (fit, val)
    for seed, member_fit, member_val in members[1:]:
        expected = split_validation(stratified_order(examples, seed), config.val_fraction, seed)
        assert {e.doc_id for e in member_val} == {e.doc_id for e in expected[1]}
        assert {e.doc_id for e in member_fit} | {e.doc_id for e in member_val} == {e.doc_id for e in examples}
    assert {e.doc_id for e in members[1][2]} != {e.doc_id for e in val}
    # No validation split asked for: every member trains on all reports.
    assert all(m[2] == [] and len(m[1]) == 60 for m in member_splits(examples, [], config))
