"""The instruct recipe end to end on a tiny random Llama (its answers are garbage, which exercises the
invalid-output path), plus the answer-only loss, zero-shot, cancel and one real SmolLM2 smoke test."""

from __future__ import annotations

import json
import threading
import time

import pytest

from medlabel.core.jobs import Cancelled, RecordingReporter
from medlabel.core.records import SpanRecord
from medlabel.ml.models import load_tokenizer
from medlabel.ml.recipes import RunContext, instruct
from medlabel.ml.recipes.prompts import end_of_turn, gold_answer, parse_answer, render_prompt
from medlabel.ml.settings import InstructSettings
from medlabel.ml.tasks import DocExample, DocPrediction, DocTask, SpanExample, SpanPrediction, SpanTask

LABELS = ["CURRENT SMOKER", "PAST SMOKER", "NON-SMOKER", "UNKNOWN"]
SMOKING = DocTask(
    "smoking_status", LABELS, "The patient's own smoking status.", {"NON-SMOKER": "Never smoked."}
)
PHRASES = [
    "Smokes a pack a day.",
    "Quit smoking 20 years ago.",
    "Never smoked.",
    "Admitted for a hip fracture.",
]
DOCS = [DocExample(i, f"Note {i}. {PHRASES[i % 4]}", LABELS[i % 4]) for i in range(12)]

CARDIO = SpanTask(
    "entities",
    ["LV-EF", "LVEDV"],
    {"LV-EF": {"kind": "number", "units": ["%"]}, "LVEDV": {"kind": "number", "units": ["ml"]}},
    {"LV-EF": "Linksventrikuläre Ejektionsfraktion.", "LVEDV": "Enddiastolisches Volumen links."},
)


def _cardio(i: int) -> SpanExample:
    text = f"Befund {i}: LV-EF {50 + i} %, LVEDV {140 + i} ml. Keine Narbe."
    ef, edv = text.index(f"{50 + i} %"), text.index(f"{140 + i} ml")
    spans = (
        SpanRecord(ef, ef + len(f"{50 + i} %"), "LV-EF", 50.0 + i, "%"),
        SpanRecord(edv, edv + len(f"{140 + i} ml"), "LVEDV", 140.0 + i, "ml"),
    )
    return SpanExample(i, text, spans)


SPANS = [_cardio(i) for i in range(12)]
# Settings as a run hands them to the recipe: resolved, no "auto" left.
FAST = {
    "epochs": 1.0, "batch_size": 4, "eval_batch_size": 4, "max_new_tokens": 8, "learning_rate": 1e-3,
    "long_text": "head_tail",
}  # fmt: skip


def _consistent(task, predictions, texts):
    assert len(predictions) == len(texts)
    for prediction, text in zip(predictions, texts, strict=True):
        assert 0.0 < prediction.confidence <= 1.0
        assert prediction.valid == parse_answer(task, prediction.raw, text).valid
        if isinstance(prediction, DocPrediction):
            assert (prediction.label is None) == (not prediction.valid)


@pytest.fixture(scope="module")
def doc_run(tiny_llama_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("instruct-doc")
    reporter = RecordingReporter()
    facts = instruct.train(
        SMOKING, DOCS[:9], DOCS[9:], RunContext(InstructSettings(**FAST), tiny_llama_dir, out, reporter, None)
    )
    return out, facts, reporter


def test_the_context_holds_prompt_and_report_whatever_the_encoder_default():
    assert instruct.context_length(InstructSettings(max_length=256)) == instruct.CONTEXT == 2048
    assert instruct.context_length(InstructSettings(max_length=4096)) == 4096
    assert instruct.context_length(InstructSettings(max_length=4096), model_limit=3000) == 3000


# --- the loss ---------------------------------------------------------------------------------------------


def test_only_the_answer_and_end_of_turn_are_learned(tiny_llama_dir):
    tokenizer = load_tokenizer(tiny_llama_dir)
    eot = end_of_turn(tokenizer, SMOKING)
    assert eot == "<|im_end|>"
    answer = gold_answer(SMOKING, DOCS[1])
    feature = instruct.encode_example(tokenizer, SMOKING, DOCS[1].text, answer, 2048, eot)
    learned = [t for t in feature["labels"] if t != -100]
    # the prompt ends with the answer's opening; the model learns the rest and the end of turn
    assert answer == '{"smoking_status": "PAST SMOKER"}'
    assert tokenizer.decode(learned) == 'PAST SMOKER"}<|im_end|>'
    n_prompt = len(feature["input_ids"]) - len(learned)
    assert feature["labels"][:n_prompt] == [-100] * n_prompt
    assert feature["input_ids"][n_prompt:] == learned  # the answer ends the sequence
    assert tokenizer.decode(feature["input_ids"][:n_prompt]) == render_prompt(
        tokenizer, SMOKING, DOCS[1].text
    )


def test_left_padded_answer_only_loss_equals_the_models_own_loss(tiny_llama_dir):
    import torch
    from transformers import AutoModelForCausalLM

    tokenizer = load_tokenizer(tiny_llama_dir)
    model = AutoModelForCausalLM.from_pretrained(tiny_llama_dir.path).eval()
    eot = end_of_turn(tokenizer, CARDIO)
    features = [
        instruct.encode_example(tokenizer, CARDIO, e.text * k, gold_answer(CARDIO, e), 2048, eot)
        for e, k in ((SPANS[0], 1), (SPANS[1], 3))
    ]
    batch = instruct.collate(features, tokenizer.pad_token_id)
    labels = batch.pop("labels")
    assert (
        batch["input_ids"].shape == labels.shape and (labels[0, : -len(features[0]["labels"])] == -100).all()
    )
    with torch.no_grad():
        outputs = model(**batch)
        assert outputs.logits.shape[1] == batch["logits_to_keep"] < labels.shape[1]
        loss = instruct.answer_loss(outputs, labels)
        # Reference: each example alone, unpadded, with the model's own shifted cross-entropy.
        sums, counts = 0.0, 0
        for f in features:
            n = sum(t != -100 for t in f["labels"])
            ref = model(input_ids=torch.tensor([f["input_ids"]]), labels=torch.tensor([f["labels"]])).loss
            sums, counts = sums + ref.item() * n, counts + n
    assert loss.item() == pytest.approx(sums / counts, rel=1e-4)


# --- training and predicting ------------------------------------------------------------------------------


def test_document_task_trains_saves_a_loadable_adapter_and_predicts(doc_run, tiny_llama_dir):
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    out, facts, reporter = doc_run
    assert facts["zero_shot"] is False and facts["epochs_run"] == 1.0 and facts["train_examples"] == 9
    assert facts["best_val_loss"] > 0 and facts["trainable_params"] > 0 and facts["truncated_reports"] == 0
    assert facts["device"] and facts["train_seconds"] > 0 and facts["context_length"] == 2048
    assert {"task.json", "instruct.json", "adapter"} <= {p.name for p in out.iterdir()}
    assert json.loads((out / "instruct.json").read_text())["long_text"] == "head_tail"
    assert not (out / "checkpoints").exists()
    assert reporter.of("progress")[-1]["done"] == reporter.of("progress")[-1]["total"]
    assert any("eval_loss" in e["values"] for e in reporter.of("metrics"))
    base = AutoModelForCausalLM.from_pretrained(tiny_llama_dir.path)
    assert isinstance(PeftModel.from_pretrained(base, out / "adapter"), PeftModel)

    texts = [d.text for d in DOCS]
    predictions = instruct.predict(
        texts, RunContext(InstructSettings(**FAST), tiny_llama_dir, out, RecordingReporter(), None)
    )
    assert all(isinstance(p, DocPrediction) for p in predictions)
    _consistent(SMOKING, predictions, texts)


def test_predictions_keep_the_input_order_and_read_valid_answers(doc_run, tiny_llama_dir, monkeypatch):
    def fake_generate(model, tokenizer, prompts, stop, config):
        assert len(prompts) <= 2
        return [
            ('{"smoking_status": "non-smoker"}', 0.9) if "NEVER-SMOKED" in p else ("Sorry, I cannot.", 0.2)
            for p in prompts
        ]

    monkeypatch.setattr(instruct, "_generate", fake_generate)
    texts = ["NEVER-SMOKED", "x " * 50, "He NEVER-SMOKED, it says.", "y"]
    reporter = RecordingReporter()
    config = InstructSettings(**{**FAST, "eval_batch_size": 2})
    predictions = instruct.predict(texts, RunContext(config, tiny_llama_dir, doc_run[0], reporter, None))
    assert [p.label for p in predictions] == ["NON-SMOKER", None, "NON-SMOKER", None]
    assert [p.valid for p in predictions] == [True, False, True, False]
    assert [p.confidence for p in predictions] == [0.9, 0.2, 0.9, 0.2]
    assert [e["done"] for e in reporter.of("progress")] == [0, 2, 4]


def test_span_task_trains_without_validation_and_predicts_located_spans(
    tiny_llama_dir, tmp_path, monkeypatch
):
    facts = instruct.train(
        CARDIO,
        SPANS[:9],
        [],
        RunContext(InstructSettings(**FAST), tiny_llama_dir, tmp_path, RecordingReporter(), None),
    )
    assert facts["train_examples"] == 9 and facts["best_val_loss"] is None
    assert (tmp_path / "adapter" / "adapter_config.json").is_file()
    texts = [e.text for e in SPANS[:5]]
    predictions = instruct.predict(
        texts, RunContext(InstructSettings(**FAST), tiny_llama_dir, tmp_path, RecordingReporter(), None)
    )
    assert all(isinstance(p, SpanPrediction) for p in predictions)
    _consistent(CARDIO, predictions, texts)

    monkeypatch.setattr(
        instruct,
        "_generate",
        lambda m, t, prompts, s, c: [('{"LVEDV": "0,141 l", "LV-EF": "0,51"}', 0.8)] * len(prompts),
    )
    (prediction,) = instruct.predict(
        [SPANS[1].text],
        RunContext(InstructSettings(**FAST), tiny_llama_dir, tmp_path, RecordingReporter(), None),
    )
    assert prediction.valid and prediction.spans == SPANS[1].spans


def test_zero_shot_trains_nothing_and_predicts_with_the_base_model(tiny_llama_dir, tmp_path):
    config = InstructSettings(**{**FAST, "zero_shot": True})
    facts = instruct.train(
        SMOKING, [], [], RunContext(config, tiny_llama_dir, tmp_path, RecordingReporter(), None)
    )
    assert facts["zero_shot"] is True and facts["epochs_run"] == 0 and facts["trainable_params"] == 0
    assert not (tmp_path / "adapter").exists()
    texts = [DOCS[0].text, DOCS[2].text]
    predictions = instruct.predict(
        texts, RunContext(config, tiny_llama_dir, tmp_path, RecordingReporter(), None)
    )
    _consistent(SMOKING, predictions, texts)


class _CancelAfterFirstStep(RecordingReporter):
    def __init__(self, cancel: threading.Event) -> None:
        super().__init__()
        self.cancel = cancel

    def progress(self, done, total, phase="", eta_s=None):
        super().progress(done, total, phase, eta_s)
        if done >= 1:
            self.cancel.set()


def test_cancel_stops_training_and_prediction(tiny_llama_dir, tmp_path, doc_run):
    cancel = threading.Event()
    config = InstructSettings(**{**FAST, "batch_size": 1, "epochs": 3.0})
    with pytest.raises(Cancelled):
        instruct.train(
            SMOKING,
            DOCS[:9],
            DOCS[9:],
            RunContext(config, tiny_llama_dir, tmp_path, _CancelAfterFirstStep(cancel), cancel),
        )
    assert not (tmp_path / "adapter").exists() and not (tmp_path / "checkpoints").exists()
    with pytest.raises(Cancelled):
        one_by_one = InstructSettings(**{**FAST, "eval_batch_size": 1})
        cancel = threading.Event()
        instruct.predict(
            ["a", "b"],
            RunContext(one_by_one, tiny_llama_dir, doc_run[0], _CancelAfterFirstStep(cancel), cancel),
        )


@pytest.mark.slow
def test_real_smollm2_answers_zero_shot(tmp_path):
    from medlabel.ml.models import resolve_model

    source = resolve_model("smollm2")
    config = InstructSettings(zero_shot=True, max_new_tokens=24, long_text="head_tail")
    started = time.monotonic()
    instruct.train(SMOKING, [], [], RunContext(config, source, tmp_path, RecordingReporter(), None))
    texts = ["Social history: smokes one pack per day.", "Social history: never smoked."]
    predictions = instruct.predict(texts, RunContext(config, source, tmp_path, RecordingReporter(), None))
    _consistent(SMOKING, predictions, texts)
    assert all(p.raw for p in predictions)  # a real model writes something
    print(f"SmolLM2 zero-shot, 2 reports: {time.monotonic() - started:.1f} s")
