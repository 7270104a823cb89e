"""Classifier recipe: a sequence-classification head on an encoder or a decoder LLM, tuned with LoRA.

The head is trained fully (peft's ``modules_to_save`` for SEQ_CLS), the body through LoRA adapters
on every linear layer (see ``hf_data.lora_targets``). The head starts at random or, on request, from a
linear probe on the untrained model (``head_probe.py``, ``config.head_init``). Decoders classify from
their last non-pad token, which transformers does once ``config.pad_token_id`` is set;
sentence-transformers encoders such as MiniLM from the mean of their token vectors (``pooling.py``,
``config.pooling``).

What it reads of a report (``settings.long_text``, resolved before training, see ``long_text.py``):

- ``evidence``: reports longer than ``settings.evidence_tokens`` are cut to their opening and the
  sentences a TF-IDF model of the same labels weighs most (``evidence.py``); that model is fitted on
  the training reports and saved with the run, so prediction cuts reports the same way;
- ``head_tail``: the whole report up to ``max_length``; longer ones keep the first third and the last
  two thirds of the token budget (``hf_data.HEAD_SHARE``);
- ``head``: plain truncation.

Runs saved by earlier versions may use ``chunks`` (windows averaged); they still predict.

Batches are padded dynamically (``DataCollatorWithPadding``) and grouped by length by the Trainer.
``settings.ensemble`` models are trained, each as a run of its own seed would be, and their
probabilities averaged (``ensemble.py``).
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import Reporter, check_cancel
from medlabel.ml.device import DevicePlan, plan_device
from medlabel.ml.distributed import is_main
from medlabel.ml.models import ModelSource, load_tokenizer
from medlabel.ml.recipes import RunContext
from medlabel.ml.recipes.adapters import load_adapter
from medlabel.ml.recipes.ensemble import member_folder, member_splits
from medlabel.ml.recipes.evidence import SELECTOR_FILE, EvidenceSelector, token_counter
from medlabel.ml.recipes.hf_data import (
    HEAD_SHARE,
    TRAIN_ATTENTION_DROPOUT,
    FeatureDataset,
    add_lora,
    head_tail,
    length_sorted_batches,
    load_labelled_base,
    parameter_counts,
    special_frame,
    windows,
)
from medlabel.ml.recipes.pooling import choose_pooling, describe, settings_pooling, use_mean_pooling
from medlabel.ml.settings import ClassifierSettings
from medlabel.ml.tasks import DocExample, DocPrediction, DocTask, labelled

ADAPTER_DIR = "adapter"
LABELS_FILE = "labels.json"
SETTINGS_FILE = "classifier.json"
# Tokenizers without a real limit report a huge sentinel as their model_max_length.
NO_LIMIT = 1_000_000


def effective_max_length(tokenizer: Any, max_length: int) -> int:
    """``max_length``, capped at what the model can read (512 for BERT-like encoders)."""
    limit = getattr(tokenizer, "model_max_length", None)
    return min(max_length, limit) if isinstance(limit, int) and limit < NO_LIMIT else max_length


def encode_windows(
    tokenizer: Any, text: str, max_length: int, long_text: str, stride: int
) -> tuple[list[list[int]], bool]:
    """The token id sequences (special tokens included) the model sees for ``text``, and whether the
    text was longer than ``max_length``: one sequence for ``head``/``head_tail``, several for ``chunks``."""
    prefix, suffix = special_frame(tokenizer)
    budget = max(1, max_length - len(prefix) - len(suffix))
    ids = tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"]
    if not ids and not prefix + suffix:
        # An empty report still needs one token for the model to read (decoders without BOS).
        ids = [tokenizer.eos_token_id if tokenizer.eos_token_id is not None else tokenizer.pad_token_id]
    long = len(ids) > budget
    if long_text == "chunks":
        parts = windows(ids, budget, stride)
    elif long_text == "head":
        parts = [ids[:budget]]
    elif long_text in ("head_tail", "evidence"):  # evidence: the caller has cut the text already
        parts = [head_tail(ids, budget, HEAD_SHARE)]
    else:
        raise MedlabelError(
            f"unknown long-text mode {long_text!r}; choose evidence, head_tail or head",
            code="train.bad_choice",
            setting="long_text",
            value=long_text,
        )
    return [prefix + part + suffix for part in parts], long


def report_reader(
    selector: EvidenceSelector | None, tokenizer: Any, budget: int
) -> Callable[[str], tuple[str, bool]]:
    """What the classifier reads of a report, and whether that is less than the report: the evidence
    ``selector`` picks (``long_text="evidence"``), or the whole report for the other modes."""
    if selector is None:
        return lambda text: (text, False)
    count = token_counter(tokenizer)
    return lambda text: selector.select(text, count, budget)


def _features(
    examples: list[DocExample], tokenizer: Any, label2id: dict[str, int], max_length: int,
    config: ClassifierSettings, read: Callable[[str], tuple[str, bool]] | None = None,
) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
    features, n_long = [], 0
    for example in examples:
        text, cut = read(example.text) if read else (example.text, False)
        parts, long = encode_windows(tokenizer, text, max_length, config.long_text, 0)
        n_long += long or cut
        label = label2id[example.label]  # type: ignore[index]
        features += [{"input_ids": p, "attention_mask": [1] * len(p), "labels": label} for p in parts]
    return features, n_long


def start_head_from_probe(
    model: Any, features: list[dict[str, Any]], tokenizer: Any, plan: DevicePlan, config: ClassifierSettings,
    reporter: Reporter, cancel: threading.Event | None,
) -> float | None:  # fmt: skip
    """Fit ``model``'s head to ``features`` on the frozen model (``head_probe.py``); its training accuracy."""
    import os

    from medlabel.ml.recipes.head_probe import fit_head, head_inputs

    order = length_sorted_batches([len(f["input_ids"]) for f in features], max(1, config.eval_batch_size))
    batches = [
        tokenizer.pad([{k: features[i][k] for k in ("input_ids", "attention_mask")} for i in batch],
                      return_tensors="pt")
        for batch in order
    ]  # fmt: skip
    if not plan.qlora:  # 4-bit weights were placed on the GPU when loading
        # Under torchrun each process takes its own GPU, as the Trainer will.
        model.to(f"cuda:{int(os.environ.get('LOCAL_RANK', 0))}" if plan.device == "cuda" else plan.device)

    def on_batch(index: int) -> None:
        check_cancel(cancel)
        reporter.progress(index, len(batches), "fitting the head")

    vectors = head_inputs(model, batches, next(model.parameters()).device, on_batch)
    if vectors is None:
        return None
    labels = [features[i]["labels"] for batch in order for i in batch]
    return fit_head(model, vectors, labels, balanced=config.class_weights)


def _load_model(
    source: ModelSource, plan: DevicePlan, labels: list[str], tokenizer: Any, pooling: str,
    attention_dropout: float | None = None,
) -> Any:  # fmt: skip
    from transformers import AutoModelForSequenceClassification

    model = load_labelled_base(
        AutoModelForSequenceClassification, source, plan, labels, tokenizer, attention_dropout
    )
    if pooling == "mean":
        use_mean_pooling(model)
    return model


def _compute_metrics(eval_pred: Any) -> dict[str, float]:
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score

    logits = eval_pred.predictions[0] if isinstance(eval_pred.predictions, tuple) else eval_pred.predictions
    predicted = np.argmax(logits, axis=-1)
    gold = eval_pred.label_ids
    return {
        "macro_f1": float(f1_score(gold, predicted, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(gold, predicted)),
    }


def train(
    task: DocTask,
    train: list[DocExample],
    val: list[DocExample],
    ctx: RunContext[ClassifierSettings],
) -> dict[str, Any]:
    """Fine-tune ``source`` with LoRA on ``train``, early-stop on ``val``, save the adapter; with
    ``config.ensemble`` > 1, one model per member seed (``ensemble.py``), each saved in its folder."""
    config, source, out_dir = ctx.settings, ctx.source, Path(ctx.out_dir)
    reporter, cancel = ctx.reporter, ctx.cancel
    if config.ensemble <= 1:
        return train_one(task, train, val, config, source, out_dir, reporter, cancel)
    started = time.monotonic()
    members = []
    first: dict[str, Any] = {}
    for index, (seed, fit, held_out) in enumerate(member_splits(train, val, config)):
        phase = f"training model {index + 1} of {config.ensemble}"
        begin = getattr(reporter, "begin_member", None)
        if begin is not None:
            begin(index + 1, config.ensemble)
        reporter.log(f"{phase.capitalize()} (seed {seed}, {len(held_out)} validation reports)")
        member = dataclasses.replace(config, seed=seed)
        info = train_one(task, fit, held_out, member, source, member_folder(Path(out_dir), index),
                         reporter, cancel, phase)  # fmt: skip
        first = first or info
        members.append({"seed": seed, **{k: info[k] for k in ("epochs_run", "best_val_macro_f1")}})
    if is_main():
        settings_path = Path(out_dir) / SETTINGS_FILE
        settings = json.loads(settings_path.read_text(encoding="utf-8"))
        settings["members"] = config.ensemble
        settings_path.write_text(json.dumps(settings, indent=2), encoding="utf-8")
    return {**first, "ensemble": config.ensemble, "members": members,
            "train_seconds": round(time.monotonic() - started, 2)}  # fmt: skip


def train_one(
    task: DocTask,
    train: list[DocExample],
    val: list[DocExample],
    config: ClassifierSettings,
    source: ModelSource,
    out_dir: Path,
    reporter: Reporter,
    cancel: threading.Event | None,
    phase: str = "training",
) -> dict[str, Any]:
    """One model: fine-tune ``source`` on ``train``, early-stop on ``val``, save it under ``out_dir``."""
    from transformers import DataCollatorWithPadding, set_seed

    from medlabel.ml.trainer_setup import class_weights, fit

    check_cancel(cancel)
    started = time.monotonic()
    labels = list(task.labels)
    label2id = {label: i for i, label in enumerate(labels)}
    train, val = labelled(task, train), labelled(task, val or [])
    if not train:
        raise MedlabelError(
            "there are no labelled training reports to learn from", code="train.no_training_reports"
        )
    plan = plan_device(config, source.is_decoder)
    set_seed(config.seed)
    tokenizer = load_tokenizer(source)
    max_length = effective_max_length(tokenizer, config.max_length)
    if max_length < config.max_length:
        reporter.log(f"max_length {config.max_length} is more than {source.name} reads; using {max_length}")
    selector = None
    if config.long_text == "evidence":
        selector = EvidenceSelector.fit(
            [e.text for e in train], [str(e.label) for e in train], config.class_weights, config.seed
        )
        if is_main():  # saved now, so that callbacks can read test reports the way the model does
            out_dir.mkdir(parents=True, exist_ok=True)
            selector.save(out_dir / SELECTOR_FILE)
    read = report_reader(selector, tokenizer, config.evidence_tokens)
    train_features, n_long = _features(train, tokenizer, label2id, max_length, config, read)
    val_features, _ = _features(val, tokenizer, label2id, max_length, config, read)
    limit = config.evidence_tokens if selector else max_length
    reporter.log(
        f"{len(train)} training reports ({len(train_features)} windows), {n_long} longer than "
        f"{limit} tokens: {config.long_text}; {len(val)} validation reports; {plan.description}"
    )
    pooling = choose_pooling(config.pooling, source)
    reporter.log(f"the label is read from {describe(pooling)}")
    check_cancel(cancel)

    base = _load_model(source, plan, labels, tokenizer, pooling, TRAIN_ATTENTION_DROPOUT)
    probe_accuracy = None
    if config.head_init == "probe":
        probe_accuracy = start_head_from_probe(
            base, train_features, tokenizer, plan, config, reporter, cancel
        )
        reporter.log(
            "the head starts from a linear probe on the model's vectors "
            f"({probe_accuracy:.0%} of the training examples right)"
            if probe_accuracy is not None
            else "the head starts at random (a linear probe needs a linear head and two labels)"
        )
    model = add_lora(base, config, "SEQ_CLS", plan)
    trainable, total = parameter_counts(model)
    weights = (
        class_weights([f["labels"] for f in train_features], len(labels)) if config.class_weights else None
    )
    state = fit(
        model, config, out_dir, plan, FeatureDataset(train_features),
        FeatureDataset(val_features) if val_features else None, reporter, cancel,
        metric="eval_macro_f1", weights=weights, phase=phase, adapter_dir=ADAPTER_DIR,
        processing_class=tokenizer, compute_metrics=_compute_metrics,
        # Pads each batch to its own longest sequence (a multiple of 8 suits GPU tensor cores).
        data_collator=DataCollatorWithPadding(
            tokenizer, pad_to_multiple_of=8 if plan.device == "cuda" else None
        ),
    )  # fmt: skip
    settings = {
        "base_model": source.name,
        "model_type": source.model_type,
        "max_length": max_length,
        "long_text": config.long_text,
        "head_share": HEAD_SHARE,
        "pooling": pooling,
        "evidence_tokens": config.evidence_tokens if selector else None,
    }
    if is_main():
        (out_dir / LABELS_FILE).write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
        (out_dir / SETTINGS_FILE).write_text(json.dumps(settings, indent=2), encoding="utf-8")
    return {
        "epochs_run": round(float(state.epoch or 0.0), 3),
        "best_val_macro_f1": state.best_metric,
        "train_seconds": round(time.monotonic() - started, 2),
        "train_examples": len(train),
        "train_windows": len(train_features),
        "long_text": config.long_text,
        "pooling": pooling,
        "head_probe_accuracy": probe_accuracy,
        "truncated_reports": n_long,
        "evidence_tokens": config.evidence_tokens if selector else None,
        "max_length": max_length,
        "trainable_params": trainable,
        "total_params": total,
        "device": plan.description,
    }


def predict(texts: list[str], ctx: RunContext[ClassifierSettings]) -> list[DocPrediction]:
    """One ``DocPrediction`` per text from the saved adapter; chunked reports average their windows,
    and an ensemble its models' probabilities."""
    config, source, out_dir = ctx.settings, ctx.source, Path(ctx.out_dir)
    reporter, cancel = ctx.reporter, ctx.cancel
    import torch

    check_cancel(cancel)
    labels = json.loads((out_dir / LABELS_FILE).read_text(encoding="utf-8"))
    settings = json.loads((out_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
    if settings["model_type"] != source.model_type:
        raise MedlabelError(
            f"this classifier was trained on {settings['base_model']} ({settings['model_type']}), "
            f"not on {source.name} ({source.model_type}); predict with the model it was trained on"
        )
    plan = plan_device(config, source.is_decoder)
    tokenizer = load_tokenizer(source)
    count = settings.get("members", 1)
    total = torch.zeros(len(texts), len(labels), dtype=torch.float64)
    for index in range(count):
        phase = "predicting" if count == 1 else f"predicting, model {index + 1} of {count}"
        total += _member_probabilities(
            member_folder(out_dir, index), texts, labels, settings, config, source, plan, tokenizer,
            reporter, cancel, phase,
        )  # fmt: skip
    predictions = []
    for row in (total / count).tolist():
        probabilities = dict(zip(labels, row, strict=True))
        best = max(probabilities, key=probabilities.__getitem__)
        predictions.append(DocPrediction(best, probabilities[best], probabilities))
    return predictions


def _member_probabilities(
    folder: Path, texts: list[str], labels: list[str], settings: dict[str, Any], config: ClassifierSettings,
    source: ModelSource, plan: DevicePlan, tokenizer: Any, reporter: Reporter,
    cancel: threading.Event | None, phase: str,
) -> Any:  # fmt: skip
    """Label probabilities (a texts x labels tensor) from the model saved in ``folder``."""
    import torch

    base = _load_model(source, plan, labels, tokenizer, settings_pooling(settings))
    model = load_adapter(base, folder / ADAPTER_DIR)
    if not plan.qlora:  # 4-bit weights were placed on the GPU when loading
        model.to(plan.device)
    model.eval()
    device = next(model.parameters()).device

    selector = EvidenceSelector.load(folder / SELECTOR_FILE) if settings["long_text"] == "evidence" else None
    read = report_reader(selector, tokenizer, settings.get("evidence_tokens") or 0)
    # Every window remembers its report, so chunked reports can be pooled after sorting by length.
    sequences: list[list[int]] = []
    owner: list[int] = []
    for index, text in enumerate(texts):
        text, _ = read(text)
        parts, _ = encode_windows(
            tokenizer, text, settings["max_length"], settings["long_text"], settings.get("stride", 0)
        )
        sequences += parts
        owner += [index] * len(parts)
    sums = torch.zeros(len(texts), len(labels), dtype=torch.float64)
    counts = torch.zeros(len(texts), dtype=torch.float64)
    done = 0
    reporter.progress(0, len(sequences), phase)
    for batch in length_sorted_batches([len(s) for s in sequences], max(1, config.eval_batch_size)):
        check_cancel(cancel)
        encoded = tokenizer.pad(
            [{"input_ids": sequences[i], "attention_mask": [1] * len(sequences[i])} for i in batch],
            return_tensors="pt",
        )
        with torch.no_grad():
            logits = model(**{k: v.to(device) for k, v in encoded.items()}).logits
        probabilities = torch.softmax(logits.float(), dim=-1).cpu().double()
        rows = torch.tensor([owner[i] for i in batch])
        sums.index_add_(0, rows, probabilities)
        counts.index_add_(0, rows, torch.ones(len(batch), dtype=torch.float64))
        done += len(batch)
        reporter.progress(done, len(sequences), phase)
    return sums / counts.clamp(min=1).unsqueeze(1)
