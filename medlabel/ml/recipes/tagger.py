"""The tagger recipe: token classification with LoRA, BIO tags over character offsets, sliding windows.

Each report is tokenised once without special tokens (a fast tokenizer gives every token's character
offsets); the tokens are cut into overlapping windows of ``max_length`` tokens including the model's
special tokens, neighbours sharing ``stride`` tokens. Training sees every window with its slice of the
report's BIO tags. At prediction each token takes its label from the window in which it sits farthest
from a cut (``bio.best_window_per_token``), the tags are decoded into character spans and each span's
text goes through its entity type's normaliser. Early stopping watches ``eval_span_f1``: strict span F1
(exact token span and type) over the validation windows.

LoRA adapts every linear layer of the transformer blocks (attention and feed-forward: ``query``,
``key``, ``value``, ``dense`` in BERT; ``q/k/v/o_proj``, ``gate/up/down_proj`` in Llama), found from
the model rather than a table so that any architecture works: QLoRA (Dettmers et al. 2023) found
adapting all linear layers necessary to match full fine-tuning, and tagging with a few hundred reports
needs the feed-forward layers' capacity more than it suffers from the extra (still < 5 %) parameters.
The token classification head is new and trained in full (``modules_to_save``).
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from medlabel.core.errors import MedlabelError, NormalisationError
from medlabel.core.jobs import Reporter, check_cancel
from medlabel.core.normalize import Vocabulary, normalise
from medlabel.core.records import SpanRecord
from medlabel.ml.distributed import is_main
from medlabel.ml.models import ModelError, ModelSource, load_tokenizer
from medlabel.ml.recipes import RunContext, bio
from medlabel.ml.recipes.adapters import load_adapter
from medlabel.ml.recipes.bio import IGNORE, Span
from medlabel.ml.recipes.hf_data import TRAIN_ATTENTION_DROPOUT, add_lora, load_labelled_base
from medlabel.ml.settings import TaggerSettings
from medlabel.ml.tasks import SpanExample, SpanPrediction, SpanTask

LABELS_FILE = "labels.json"
ADAPTER_DIR = "adapter"
TOKEN_WEIGHT_POWER = 0.5


# --- tokens and windows -------------------------------------------------------------------------------


def tagger_tokenizer(source: ModelSource) -> tuple[Any, tuple[list[int], list[int]]]:
    """The model's tokenizer, which must be a fast one (only those report character offsets), and the
    special tokens it puts around a text."""
    tokenizer = load_tokenizer(source)
    if not getattr(tokenizer, "is_fast", False):
        raise ModelError(
            f"{source.path}: the tagger needs a fast tokenizer (a tokenizer.json file) to map tokens to "
            "characters; this model has only a slow one. Convert it with transformers' "
            "AutoTokenizer(..., use_fast=True).save_pretrained, or use the instruct recipe"
        )
    tokenizer.padding_side = "right"  # left padding would shift a decoder's positions
    try:
        return tokenizer, bio.special_template(tokenizer)
    except ValueError as exc:
        raise ModelError(f"{source.path}: {exc}") from exc


def _content_size(max_length: int, source: ModelSource, tokenizer: Any, template: tuple[list, list]) -> int:
    """Tokens of text per window: max_length capped by what the tokenizer and the position embeddings
    allow (a tokenizer without a limit says 1e30), less the special tokens."""
    limits = [max_length, tokenizer.model_max_length]
    config_file = source.path / "config.json"
    if config_file.is_file():
        limits.append(json.loads(config_file.read_text(encoding="utf-8")).get("max_position_embeddings") or 0)
    limit = min(n for n in limits if n > 0)
    return max(1, limit - len(template[0]) - len(template[1]))


# --- normalisation ------------------------------------------------------------------------------------


def normalise_spans(
    text: str,
    spans: Sequence[Span],
    normalisers: Mapping[str, Mapping[str, Any] | None],
    vocabularies: Mapping[str, Vocabulary] | None = None,
) -> tuple[list[SpanRecord], int]:
    """SpanRecords with value/unit or code from each type's normaliser, and how many spans' text could not
    be normalised (those keep empty values: a wrong or partial span must not stop a prediction run)."""
    records, failed = [], 0
    for start, end, kind in spans:
        spec = normalisers.get(kind)
        if spec is None:
            records.append(SpanRecord(start, end, kind))
            continue
        vocabulary = (
            (vocabularies or {}).get(spec.get("vocabulary", "")) if spec.get("kind") == "code" else None
        )
        try:
            value = normalise(text[start:end], spec, vocabulary)
        except NormalisationError:
            records.append(SpanRecord(start, end, kind))
            failed += 1
            continue
        records.append(SpanRecord(start, end, kind, value.value, value.unit, value.code))
    return records, failed


# --- model --------------------------------------------------------------------------------------------


def _load_base(
    source: ModelSource, labels: list[str], plan: Any, tokenizer: Any, attention_dropout: float | None = None
) -> Any:
    from transformers import AutoModelForTokenClassification

    return load_labelled_base(
        AutoModelForTokenClassification, source, plan, labels, tokenizer, attention_dropout
    )


# --- training -----------------------------------------------------------------------------------------


def _as_dataset(items: list[dict[str, list[int]]]) -> Any:
    from torch.utils.data import Dataset

    class WindowDataset(Dataset):
        def __len__(self) -> int:
            return len(items)

        def __getitem__(self, i: int) -> dict[str, list[int]]:
            return items[i]

    return WindowDataset()


def _windows_for(
    examples: Sequence[SpanExample], tokenizer: Any, size: int, stride: int, template: Any, label2id: dict
) -> tuple[list[dict[str, list[int]]], int]:
    items, long_reports = [], 0
    for example in examples:
        ids, offsets = bio.encode_text(tokenizer, example.text)
        long_reports += len(ids) > size
        spans = [(s.start, s.end, s.type) for s in example.spans if f"B-{s.type}" in label2id]
        tags = bio.bio_tags(offsets, spans)  # spans of types outside the task are not learnt
        label_ids = [label2id[t] if t is not None else IGNORE for t in tags]
        items += [
            item
            for item in bio.window_items(ids, bio.make_windows(len(ids), size, stride), template, label_ids)
            if any(label != IGNORE for label in item["labels"])  # an empty report teaches nothing
        ]
    return items, long_reports


def _span_metrics(id2label: Mapping[int, str]) -> Any:
    def compute(eval_pred: Any) -> dict[str, float]:
        preds, labels = eval_pred.predictions, eval_pred.label_ids
        gold, predicted = [], []
        for p_row, l_row in zip(preds, labels, strict=True):
            keep = l_row != IGNORE
            gold.append(bio.token_spans([id2label[int(i)] for i in l_row[keep]]))
            predicted.append(bio.token_spans([id2label.get(int(i), "O") for i in p_row[keep]]))
        return {f"span_{k}": v for k, v in bio.strict_span_f1(gold, predicted).items()}

    return compute


def _argmax_logits(logits: Any, labels: Any) -> Any:
    return logits.argmax(dim=-1)  # keeps only labels in memory during evaluation, not every logit


def train(
    task: SpanTask,
    train: Sequence[SpanExample],
    val: Sequence[SpanExample],
    ctx: RunContext[TaggerSettings],
) -> dict[str, Any]:
    """Fit the tagger on ``train``, early-stop on span F1 over ``val`` windows, save adapter + labels."""
    config, source, out_dir = ctx.settings, ctx.source, Path(ctx.out_dir)
    reporter, cancel = ctx.reporter, ctx.cancel
    from transformers import DataCollatorForTokenClassification, set_seed

    from medlabel.ml.device import plan_device
    from medlabel.ml.trainer_setup import class_weights, fit

    if not task.types:
        raise MedlabelError("the tagger needs at least one entity type to learn")
    if config.train_size:
        train = train[: config.train_size]
    if not train or not val:
        raise MedlabelError("the tagger needs at least one training and one validation report")
    out_dir.mkdir(parents=True, exist_ok=True)
    set_seed(config.seed)
    plan = plan_device(config, source.is_decoder)
    tokenizer, template = tagger_tokenizer(source)
    size = _content_size(config.max_length, source, tokenizer, template)
    stride = min(config.stride, size // 2)
    labels = bio.label_list(task.types)
    label2id = {label: i for i, label in enumerate(labels)}
    train_items, long_reports = _windows_for(train, tokenizer, size, stride, template, label2id)
    val_items, _ = _windows_for(val, tokenizer, size, stride, template, label2id)
    if not train_items or not val_items:
        raise MedlabelError("the training or validation reports hold no text to tag")
    reporter.log(
        f"tagger: {len(train)} training reports in {len(train_items)} windows of up to {config.max_length} "
        f"tokens ({long_reports} longer than one window); {len(val)} validation reports; {plan.description}"
    )
    weights = None
    if config.class_weights:
        # Square-root inverse frequency: without it the ~97 % O tokens teach "never tag" first, and
        # early stopping ends the run before any field is learnt (span F1 0 on the cardio demo).
        tokens = [label for item in train_items for label in item["labels"]]
        weights = class_weights(tokens, len(labels), power=TOKEN_WEIGHT_POWER)
        reporter.log("tagger: token loss weighted by class (" + ", ".join(
            f"{label} {w:.2f}" for label, w in zip(labels, weights, strict=True) if label.startswith("B-")
        ) + ")")  # fmt: skip
    check_cancel(cancel)

    base = _load_base(source, labels, plan, tokenizer, TRAIN_ATTENTION_DROPOUT)
    model = add_lora(base, config, "TOKEN_CLS", plan)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    pad_multiple = 8 if plan.device == "cuda" else None  # tensor cores like multiples of 8
    t0 = time.monotonic()
    state = fit(
        model, config, out_dir, plan, _as_dataset(train_items), _as_dataset(val_items), reporter, cancel,
        metric="eval_span_f1", weights=weights, adapter_dir=ADAPTER_DIR,
        data_collator=DataCollatorForTokenClassification(tokenizer, pad_to_multiple_of=pad_multiple),
        processing_class=tokenizer, compute_metrics=_span_metrics(dict(enumerate(labels))),
        preprocess_logits_for_metrics=_argmax_logits,
        label_names=["labels"],  # a PeftModel's forward hides the name from the Trainer's detection
    )  # fmt: skip
    train_seconds = time.monotonic() - t0
    meta = {
        "labels": labels, "types": list(task.types), "normalisers": dict(task.normalisers),
        "max_length": config.max_length, "stride": stride, "model_type": source.model_type,
    }  # fmt: skip
    if is_main():
        (out_dir / LABELS_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    best = state.best_metric
    return {
        "epochs_run": round(float(state.epoch or 0), 2),
        "best_val_span_f1": float(best) if best is not None else None,
        "train_seconds": round(train_seconds, 1),
        "train_examples": len(train),
        "windows": len(train_items),
        "long_reports": long_reports,
        "trainable_params": trainable,
        "device": plan.description,
    }


# --- prediction ---------------------------------------------------------------------------------------


def _window_probabilities(
    model: Any, tokenizer: Any, items: list[tuple[int, int, dict]], device: str, batch_size: int,
    reporter: Reporter, cancel: threading.Event | None,
) -> dict[tuple[int, int], Any]:  # fmt: skip
    """Softmax over labels for every token of every window, keyed by (text, window)."""
    import torch

    order = sorted(range(len(items)), key=lambda k: len(items[k][2]["input_ids"]))  # little padding
    probs: dict[tuple[int, int], Any] = {}
    n_batches = math.ceil(len(order) / batch_size)
    reporter.progress(0, n_batches, "predicting", None)
    t0 = time.monotonic()
    for b in range(n_batches):
        check_cancel(cancel)
        chosen = [items[k] for k in order[b * batch_size : (b + 1) * batch_size]]
        batch = tokenizer.pad([item for _, _, item in chosen], return_tensors="pt").to(device)
        with torch.inference_mode():
            out = torch.softmax(model(**batch).logits.float(), dim=-1).cpu().numpy()
        for row, (t, w, item) in enumerate(chosen):
            probs[t, w] = out[row, : len(item["input_ids"])]
        eta = (time.monotonic() - t0) / (b + 1) * (n_batches - b - 1)
        reporter.progress(b + 1, n_batches, "predicting", eta)
    return probs


def predict(texts: Sequence[str], ctx: RunContext[TaggerSettings]) -> list[SpanPrediction]:
    """One SpanPrediction per text: spans sorted by start, normalised, with mean token confidence each."""
    config, source, out_dir = ctx.settings, ctx.source, Path(ctx.out_dir)
    reporter, cancel = ctx.reporter, ctx.cancel
    vocabularies = ctx.vocabularies
    from medlabel.ml.device import plan_device

    meta = json.loads((out_dir / LABELS_FILE).read_text(encoding="utf-8"))
    labels: list[str] = meta["labels"]
    plan = plan_device(config, source.is_decoder)
    tokenizer, template = tagger_tokenizer(source)
    size = _content_size(meta.get("max_length", config.max_length), source, tokenizer, template)
    stride = min(meta.get("stride", config.stride), size // 2)
    model = load_adapter(_load_base(source, labels, plan, tokenizer), out_dir / ADAPTER_DIR)
    if not plan.qlora:
        model.to(plan.device)
    model.eval()

    encoded = [bio.encode_text(tokenizer, text) for text in texts]
    windows = [bio.make_windows(len(ids), size, stride) for ids, _ in encoded]
    items = [
        (t, w, item)
        for t, (ids, _) in enumerate(encoded)
        for w, item in enumerate(bio.window_items(ids, windows[t], template))
    ]
    device = "cuda" if plan.qlora else plan.device
    batch_size = max(1, config.eval_batch_size)
    probs = _window_probabilities(model, tokenizer, items, device, batch_size, reporter, cancel)

    results, failed, n_spans = [], 0, 0
    for t, text in enumerate(texts):
        _, offsets = encoded[t]
        skip = len(template[0])
        rows = [probs[t, w][skip : skip + end - start] for w, (start, end) in enumerate(windows[t])]
        token_probs = bio.merge_windows(len(offsets), windows[t], rows)
        tags = [labels[int(p.argmax())] for p in token_probs]
        confidence = [float(p.max()) for p in token_probs]
        spans = sorted(bio.decode_bio(tags, offsets, text))
        records, bad = normalise_spans(text, spans, meta.get("normalisers", {}), vocabularies)
        span_conf = []
        for start, end, _ in spans:
            tokens = bio.tokens_in(offsets, start, end)
            span_conf.append(sum(confidence[i] for i in tokens) / len(tokens) if tokens else 0.0)
        failed += bad
        n_spans += len(spans)
        results.append(
            SpanPrediction(
                spans=tuple(records),
                # The least sure token: a report with one doubtful token is worth a look.
                confidence=min(confidence) if confidence else None,
                span_confidences=tuple(span_conf),
            )
        )
    reporter.log(f"tagger: {n_spans} spans in {len(texts)} reports; {failed} could not be normalised")
    return results
