"""Helpers the Hugging Face recipes share: datasets, long-text windows, LoRA set-up, training runs.

Kept small and stable on purpose: the classifier, tagger and instruct recipes import from here.
Imported only by recipes, which are imported lazily, so torch at module level costs nothing early.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch
from torch.utils.data import Dataset

from medlabel.ml.device import DevicePlan
from medlabel.ml.models import ModelSource, attention_dropout_kwargs, load_pretrained
from medlabel.ml.settings import NeuralSettings

# Clinical reports tend to put the findings that decide a label (social history, assessment, plan)
# late, so the tail gets the larger share of a truncated report; the head keeps the report type and
# the reason for the visit.
HEAD_SHARE = 1 / 3

# Training loads the base with no dropout on its attention probabilities: dropout there keeps
# PyTorch's fused attention kernel from running on a CPU, which doubled a MiniLM step; the frozen base's
# attention is not what is learnt (docs/benchmarks.md, "Attention dropout and the fused kernel").
TRAIN_ATTENTION_DROPOUT = 0.0

# Classification heads are trained fully (peft's modules_to_save); LoRA inside them would be redundant.
HEAD_MODULES = r".*\b(classifier|score)\b.*"


class FeatureDataset(Dataset):
    """A map-style dataset over ready feature dicts (``input_ids``, ``attention_mask``, ``labels``...);
    the ``datasets`` package is not needed. The length-grouped sampler reads ``input_ids`` lengths."""

    def __init__(self, items: list[dict[str, Any]]) -> None:
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.items[index]


def special_frame(tokenizer: Any) -> tuple[list[int], list[int]]:
    """The special token ids a tokenizer puts before and after one sequence (e.g. ``[CLS]``, ``[SEP]``).

    Found by probing, because transformers 5 tokenizers no longer expose
    ``build_inputs_with_special_tokens``; lets us cut the text tokens first and add the frame after.
    """
    bare = tokenizer("a", add_special_tokens=False)["input_ids"]
    full = tokenizer("a", add_special_tokens=True)["input_ids"]
    for start in range(len(full) - len(bare) + 1):
        if full[start : start + len(bare)] == bare:
            return list(full[:start]), list(full[start + len(bare) :])
    return [], []


def head_tail(ids: Sequence[int], budget: int, head_share: float = HEAD_SHARE) -> list[int]:
    """``ids`` cut to ``budget`` tokens: the first ``head_share`` of the budget and the rest from the end."""
    if len(ids) <= budget:
        return list(ids)
    head = int(budget * head_share)
    tail = budget - head
    return list(ids[:head]) + list(ids[len(ids) - tail :])


def windows(ids: Sequence[int], size: int, overlap: int) -> list[list[int]]:
    """Windows of ``size`` tokens covering ``ids``; neighbours share ``overlap`` tokens.

    The last window is aligned to the end so that it is full length (more context, same coverage).
    """
    if len(ids) <= size:
        return [list(ids)]
    step = max(1, size - overlap)
    starts = [*range(0, len(ids) - size, step), len(ids) - size]
    return [list(ids[s : s + size]) for s in starts]


def length_sorted_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices grouped into batches of similar length (longest first, so memory trouble shows at once)."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def lora_targets(config: NeuralSettings) -> str | list[str]:
    """The modules LoRA adapts: the user's comma list, or every linear layer ("all-linear").

    All linear layers rather than only query/value: adapting the feed-forward layers too is what
    makes LoRA match full fine-tuning (QLoRA, Dettmers et al. 2023), it works unchanged for every
    architecture (BERT's query/key/value/dense, Llama's q/k/v/o/gate/up/down_proj) and costs little
    at small ranks. peft leaves out the output/classification head by itself.
    """
    if config.lora_targets.strip().lower() in ("", "auto", "all-linear"):
        return "all-linear"
    return [name.strip() for name in config.lora_targets.split(",") if name.strip()]


def load_base(
    auto_class: Any, source: ModelSource, plan: DevicePlan, attention_dropout: float | None = None,
    **kwargs: Any,
) -> Any:  # fmt: skip
    """The base model in the plan's number format: bf16 weights for bf16 runs, 4-bit NF4 for QLoRA,
    fp32 otherwise (fp16 runs keep fp32 master weights and let autocast do the rest). For training,
    ``attention_dropout`` replaces the model's own (``TRAIN_ATTENTION_DROPOUT``)."""
    if attention_dropout is not None:
        kwargs.update(attention_dropout_kwargs(source, attention_dropout))
    # transformers 5 defaults to dtype="auto" (the checkpoint's own, often bf16), which CPUs train badly.
    kwargs["dtype"] = torch.bfloat16 if plan.bf16 else torch.float32
    if plan.qlora:
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
            # GPUs without bf16 (T4, V100) compute in fp16 instead of emulating bf16 slowly.
            bnb_4bit_compute_dtype=torch.bfloat16 if plan.bf16 else torch.float16,
        )  # fmt: skip
        kwargs["dtype"] = torch.bfloat16
        kwargs["device_map"] = {"": 0}  # 4-bit weights cannot be moved after loading
    return load_pretrained(auto_class, source, **kwargs)


def load_labelled_base(
    auto_class: Any, source: ModelSource, plan: DevicePlan, labels: list[str], tokenizer: Any,
    attention_dropout: float | None = None,
) -> Any:  # fmt: skip
    """``load_base`` for a classification head (sequence or token) over ``labels``, with a pad token id:
    decoders find each sequence's last real token by the first pad, and without one refuse batches."""
    model = load_base(
        auto_class, source, plan, attention_dropout,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )  # fmt: skip
    if model.config.pad_token_id is None:
        model.config.pad_token_id = tokenizer.pad_token_id
    return model


def add_lora(model: Any, config: NeuralSettings, task_type: str, plan: DevicePlan) -> Any:
    """``model`` wrapped with fresh LoRA adapters of ``config`` (rank, alpha, dropout, targets)."""
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training

    if plan.qlora:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=plan.gradient_checkpointing)
    lora = LoraConfig(
        task_type=task_type,
        r=config.lora_r,
        lora_alpha=config.lora_alpha,
        lora_dropout=config.lora_dropout,
        target_modules=lora_targets(config),
        # Heads of classification models are trained whole (modules_to_save), never through LoRA;
        # causal LMs have no such head, and peft warns when an exclusion matches nothing.
        exclude_modules=HEAD_MODULES if task_type in ("SEQ_CLS", "TOKEN_CLS") else None,
    )
    model = get_peft_model(model, lora)
    for parameter in model.parameters():
        # Trainable weights (adapters, the copied head) stay fp32 under a bf16 base: bf16 has too few
        # mantissa bits for small learning-rate updates, which would round away. Autocast does the rest.
        if parameter.requires_grad and parameter.dtype != torch.float32:
            parameter.data = parameter.data.float()
    return model


def parameter_counts(model: Any) -> tuple[int, int]:
    """(trainable, total) parameters; 4-bit weights count by their packed size."""
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())
    return trainable, total


def remove_checkpoints(out_dir: Path) -> None:
    """Drop the Trainer's checkpoint folder: it only duplicates the saved adapter."""
    shutil.rmtree(Path(out_dir) / "checkpoints", ignore_errors=True)
