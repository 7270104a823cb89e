"""The LoRA sequence classifier on tiny random models: the mechanics, not the accuracy.

Random weights make accuracy meaningless here, so the tests check what must hold for any model:
files written and loadable, one prediction per text, progress and loss reported, cancel within a
step, long reports handled, batches padded only as far as needed.
"""

from __future__ import annotations

import json
import shutil
import threading

import pytest

from medlabel.core.jobs import Cancelled, RecordingReporter
from medlabel.ml import trainer_setup
from medlabel.ml.models import check_model_folder, load_tokenizer
from medlabel.ml.recipes import RunContext, classifier
from medlabel.ml.recipes.hf_data import HEAD_SHARE, head_tail, length_sorted_batches, windows
from medlabel.ml.settings import ClassifierSettings
from medlabel.ml.tasks import DocExample, DocTask
from tests.ml.toy import LABELS, toy_examples


def quick(**overrides) -> ClassifierSettings:
    # Settings as a run hands them to the recipe, long_text resolved; one model (the default; ensembles:
    # test_ensemble.py).
    values = {"epochs": 1.0, "batch_size": 8, "max_length": 32, "lora_r": 4, "lora_alpha": 8,
              "long_text": "evidence"}  # fmt: skip
    return ClassifierSettings(**{**values, **overrides}).validate()


@pytest.fixture
def task() -> DocTask:
    return DocTask("pet", list(LABELS))


def steps_done(reporter: RecordingReporter) -> int:
    return max(e["done"] for e in reporter.of("progress") if e["phase"] == "training")


def losses(reporter: RecordingReporter) -> list[float]:
    return [e["values"]["loss"] for e in reporter.of("metrics") if "loss" in e["values"]]


def test_trains_saves_a_loadable_adapter_and_predicts(task, tiny_bert_dir, tmp_path):
    from peft import PeftModel
    from transformers import AutoModelForSequenceClassification

    reporter = RecordingReporter()
    config = quick(epochs=2.0)
    result = classifier.train(
        task,
        toy_examples(24, 1),
        toy_examples(6, 2),
        RunContext(config, tiny_bert_dir, tmp_path, reporter, None),
    )
    assert (tmp_path / "adapter" / "adapter_config.json").is_file()
    assert not (tmp_path / "checkpoints").exists()
    assert json.loads((tmp_path / "labels.json").read_text()) == LABELS
    assert result["epochs_run"] == pytest.approx(2.0)
    assert result["train_examples"] == 24
    assert result["long_text"] == "evidence"
    assert result["truncated_reports"] == 0  # the toy reports are within evidence_tokens
    assert 0 < result["trainable_params"] < result["total_params"]
    assert result["best_val_macro_f1"] is not None

    progress = [e for e in reporter.of("progress") if e["phase"] == "training"]
    assert progress[-1]["done"] == progress[-1]["total"] == 2 * 3  # 24 reports / 8 per step, 2 epochs
    assert losses(reporter)
    assert any("eval_macro_f1" in e["values"] for e in reporter.of("metrics"))

    base = AutoModelForSequenceClassification.from_pretrained(
        tiny_bert_dir.path, num_labels=3, local_files_only=True
    )
    loaded = PeftModel.from_pretrained(base, tmp_path / "adapter")
    assert any("lora_A" in name for name, _ in loaded.named_parameters())

    texts = [e.text for e in toy_examples(5, 3)] + ["", "bird " * 100]
    pred_reporter = RecordingReporter()
    predictions = classifier.predict(texts, RunContext(config, tiny_bert_dir, tmp_path, pred_reporter, None))
    assert len(predictions) == len(texts)
    for p in predictions:
        assert p.label in LABELS
        assert sum(p.probabilities.values()) == pytest.approx(1.0, abs=1e-6)
        assert p.confidence == pytest.approx(max(p.probabilities.values()))
    assert pred_reporter.of("progress")[-1]["done"] == len(texts)
    # Batching by length must not scramble the order: the same text alone gives the same answer.
    [alone] = classifier.predict(
        texts[2:3], RunContext(config, tiny_bert_dir, tmp_path, RecordingReporter(), None)
    )
    assert alone.probabilities == pytest.approx(predictions[2].probabilities, abs=1e-5)


def test_loss_goes_down_on_the_toy_task(task, tiny_bert_dir, tmp_path):
    reporter = RecordingReporter()
    # A random tiny model sits on a plateau for a while (LoRA's B starts at zero, the head near zero);
    # 2e-2 gets past it within a few seconds, 5e-3 needs ~4x the steps.
    config = quick(epochs=8.0, learning_rate=2e-2, early_stopping=0, lora_dropout=0.0)
    classifier.train(
        task,
        toy_examples(24, 4),
        toy_examples(6, 5),
        RunContext(config, tiny_bert_dir, tmp_path, reporter, None),
    )
    logged = losses(reporter)
    assert len(logged) >= 10
    assert sum(logged[-3:]) / 3 < 0.9 * sum(logged[:3]) / 3


def test_class_weights_train(task, tiny_bert_dir, tmp_path):
    skewed = [e for e in toy_examples(30, 6) if e.label != "bird"] + toy_examples(3, 7)[2:]
    result = classifier.train(
        task,
        skewed,
        [],
        RunContext(quick(class_weights=True), tiny_bert_dir, tmp_path, RecordingReporter(), None),
    )
    assert result["best_val_macro_f1"] is None  # no validation set: nothing to select on
    assert (tmp_path / "adapter").is_dir()
    assert trainer_setup.class_weights([0, 0, 0, 1], 3) == pytest.approx([0.5, 1.5, 1.0])


def test_tiny_llama_classifies_without_a_pad_token_in_its_config(task, tiny_llama_dir, tmp_path):
    # Like Llama 3: no pad_token_id in config.json, so the recipe must set it from the tokenizer.
    folder = tmp_path / "llama"
    shutil.copytree(tiny_llama_dir.path, folder)
    config_file = folder / "config.json"
    config_file.write_text(json.dumps({**json.loads(config_file.read_text()), "pad_token_id": None}))
    source = check_model_folder(folder)
    out = tmp_path / "run"
    result = classifier.train(
        task,
        toy_examples(16, 8),
        toy_examples(6, 9),
        RunContext(quick(), source, out, RecordingReporter(), None),
    )
    assert result["epochs_run"] == pytest.approx(1.0)
    adapter = json.loads((out / "adapter" / "adapter_config.json").read_text())
    targets = {name.rsplit(".", 1)[-1] for name in adapter["target_modules"]}
    assert {"q_proj", "v_proj", "down_proj"} <= targets  # all-linear, the score head left out
    assert "score" not in targets
    texts = ["a cat", "the patient reports a dog " * 3, "bird", ""]  # different lengths: a padded batch
    predictions = classifier.predict(texts, RunContext(quick(), source, out, RecordingReporter(), None))
    assert [p.label in LABELS for p in predictions] == [True] * 4
    # The last real token decides: padding a text in a batch must not change its answer.
    [alone] = classifier.predict(texts[:1], RunContext(quick(), source, out, RecordingReporter(), None))
    assert alone.probabilities == pytest.approx(predictions[0].probabilities, abs=1e-5)


def test_cancel_stops_within_one_step(task, tiny_bert_dir, tmp_path):
    cancel = threading.Event()

    class CancellingReporter(RecordingReporter):
        def progress(self, done, total, phase="", eta_s=None):
            super().progress(done, total, phase, eta_s)
            if phase == "training":
                cancel.set()

    reporter = CancellingReporter()
    with pytest.raises(Cancelled):
        classifier.train(
            task,
            toy_examples(40, 1),
            [],
            RunContext(quick(epochs=3.0, batch_size=4), tiny_bert_dir, tmp_path, reporter, cancel),
        )
    assert steps_done(reporter) == 1  # of 30
    assert not (tmp_path / "adapter").exists()
    assert not (tmp_path / "checkpoints").exists()


def test_cancel_while_the_head_is_fitted_stops_before_training(task, tiny_bert_dir, tmp_path):
    cancel = threading.Event()

    class CancellingReporter(RecordingReporter):
        def progress(self, done, total, phase="", eta_s=None):
            super().progress(done, total, phase, eta_s)
            cancel.set()

    reporter = CancellingReporter()
    with pytest.raises(Cancelled):
        classifier.train(
            task,
            toy_examples(40, 1),
            [],
            RunContext(
                quick(eval_batch_size=4, head_init="probe"), tiny_bert_dir, tmp_path, reporter, cancel
            ),
        )
    assert [e["phase"] for e in reporter.of("progress")] == ["fitting the head"]
    assert not (tmp_path / "adapter").exists()


def test_a_run_saved_with_chunks_still_predicts_by_pooling_windows(task, tiny_bert_dir, tmp_path):
    # Training with chunks left the product; runs an earlier version saved with it still predict.
    long_train = [DocExample(e.doc_id, " ".join([e.text] * 5), e.label) for e in toy_examples(12, 10)]
    # Trained past the plateau of a random model (see the loss test), so that its answers depend on the text.
    config = quick(long_text="head_tail", epochs=4.0, learning_rate=2e-2, lora_dropout=0.0)
    result = classifier.train(
        task, long_train, [], RunContext(config, tiny_bert_dir, tmp_path, RecordingReporter(), None)
    )
    assert result["long_text"] == "head_tail"
    assert result["truncated_reports"] == 12 and result["train_windows"] == 12  # one window a report
    settings_file = tmp_path / classifier.SETTINGS_FILE
    saved = json.loads(settings_file.read_text())
    assert "stride" not in saved
    settings_file.write_text(json.dumps({**saved, "long_text": "chunks", "stride": 8}))
    # Head and tail (the first 10 and last 20 of 30 tokens) read only "cat" and "bird"; most windows "dog".
    long_text = "cat " * 10 + "dog " * 80 + "bird " * 20
    reporter = RecordingReporter()
    predictions = classifier.predict(
        [long_text, "dog"], RunContext(config, tiny_bert_dir, tmp_path, reporter, None)
    )
    assert len(predictions) == 2
    assert reporter.of("progress")[-1]["total"] > 2  # the long report ran as several windows
    assert sum(predictions[0].probabilities.values()) == pytest.approx(1.0, abs=1e-6)
    # The same model reading head and tail: the long report reads otherwise, the short one (one window) alike.
    settings_file.write_text(json.dumps(saved))
    [head_tail_read, short] = classifier.predict(
        [long_text, "dog"], RunContext(config, tiny_bert_dir, tmp_path, RecordingReporter(), None)
    )
    assert max(abs(head_tail_read.probabilities[x] - predictions[0].probabilities[x]) for x in LABELS) > 1e-4
    assert short.probabilities == pytest.approx(predictions[1].probabilities, abs=1e-5)


def test_head_tail_keeps_the_end_of_a_long_report(tiny_bert_dir):
    tokenizer = load_tokenizer(tiny_bert_dir)
    text = "no relevant history " * 50 + "current smoker"
    keyword = tokenizer("smoker", add_special_tokens=False)["input_ids"]

    def ends_with_keyword(ids: list[int]) -> bool:  # just before [SEP]
        return ids[-1 - len(keyword) : -1] == keyword

    [kept], long = classifier.encode_windows(tokenizer, text, 32, "head_tail", 8)
    [head], _ = classifier.encode_windows(tokenizer, text, 32, "head", 8)
    assert long
    assert len(kept) == len(head) == 32
    assert kept[0] == tokenizer.cls_token_id and kept[-1] == tokenizer.sep_token_id
    assert ends_with_keyword(kept)
    assert not any(head[i : i + len(keyword)] == keyword for i in range(len(head)))

    chunks, _ = classifier.encode_windows(tokenizer, text, 32, "chunks", 8)
    assert all(len(c) <= 32 for c in chunks) and ends_with_keyword(chunks[-1])

    assert head_tail(list(range(100)), 30) == list(range(10)) + list(range(80, 100))
    assert int(30 * HEAD_SHARE) == 10
    assert windows(list(range(10)), 4, 1) == [[0, 1, 2, 3], [3, 4, 5, 6], [6, 7, 8, 9]]
    assert length_sorted_batches([1, 5, 3], 2) == [[1, 2], [0]]


def test_batches_are_padded_dynamically(tiny_bert_dir):
    from transformers import DataCollatorWithPadding

    tokenizer = load_tokenizer(tiny_bert_dir)
    label2id = {label: i for i, label in enumerate(LABELS)}
    features, _ = classifier._features(
        toy_examples(4, 11, words=3), tokenizer, label2id, 128, quick(long_text="head_tail")
    )
    batch = DataCollatorWithPadding(tokenizer)(features)
    longest = max(len(f["input_ids"]) for f in features)
    assert batch["input_ids"].shape == (4, longest)
    assert longest < 128
    assert batch["labels"].tolist() == [0, 1, 2, 0]
