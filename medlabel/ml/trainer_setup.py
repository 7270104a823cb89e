"""The Trainer settings every fine-tuning recipe shares."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

from medlabel.ml.config import TrainConfig
from medlabel.ml.device import DevicePlan


def training_arguments(
    config: TrainConfig,
    out_dir: Path,
    plan: DevicePlan,
    n_train: int,
    metric: str,
    greater_is_better: bool = True,
) -> Any:
    """TrainingArguments with: evaluation and checkpoint each epoch, best model kept for early stopping,
    length-grouped batches (little padding), no experiment trackers (nothing leaves the machine)."""
    from transformers import TrainingArguments

    steps_per_epoch = max(1, math.ceil(n_train / (config.batch_size * config.gradient_accumulation)))
    return TrainingArguments(
        output_dir=str(out_dir / "checkpoints"),
        num_train_epochs=config.epochs,
        learning_rate=config.learning_rate,
        per_device_train_batch_size=config.batch_size,
        per_device_eval_batch_size=config.eval_batch_size,
        gradient_accumulation_steps=config.gradient_accumulation,
        weight_decay=config.weight_decay,
        warmup_steps=int(config.warmup_ratio * steps_per_epoch * config.epochs),
        eval_strategy="epoch",
        save_strategy="epoch",
        save_total_limit=1,
        load_best_model_at_end=True,
        metric_for_best_model=metric,
        greater_is_better=greater_is_better,
        train_sampling_strategy="group_by_length",
        logging_steps=max(1, min(10, steps_per_epoch // 2)),
        seed=config.seed,
        data_seed=config.seed,
        bf16=plan.bf16,
        fp16=plan.fp16,
        activation_checkpointing=plan.gradient_checkpointing,
        report_to=[],
        disable_tqdm=True,
        save_only_model=True,
        use_cpu=plan.device == "cpu",
        dataloader_num_workers=0,
        remove_unused_columns=False,
    )


def early_stopping_callbacks(config: TrainConfig) -> list[Any]:
    from transformers import EarlyStoppingCallback

    return (
        [EarlyStoppingCallback(early_stopping_patience=config.early_stopping)]
        if config.early_stopping
        else []
    )


def class_weights(label_ids: list[int], n_classes: int, power: float = 1.0) -> list[float]:
    """Inverse class frequency raised to ``power``, normalised to a mean of 1 over the classes seen.

    ``power`` < 1 softens the weights: BIO tags are ~97 % ``O``, and full inverse frequency would weigh
    a rare field's tokens hundreds of times an ``O`` token, trading many false spans for a few found."""
    counts = Counter(i for i in label_ids if i >= 0)
    total = sum(counts.values())
    raw = [(total / (n_classes * counts[c])) ** power if counts[c] else 0.0 for c in range(n_classes)]
    seen = [w for w in raw if w]
    mean = sum(seen) / len(seen) if seen else 1.0
    return [w / mean if w else 1.0 for w in raw]


def trainer_class(weights: list[float] | None) -> Any:
    """The Trainer, or a subclass whose cross-entropy weights each class by ``weights``; works for one
    label per sequence and one per token (label -100 = ignored, as transformers' own losses do)."""
    import torch
    from transformers import Trainer

    if weights is None:
        return Trainer

    class WeightedTrainer(Trainer):
        loss_is_scaled_for_ga = False  # a per-batch mean; the Trainer divides by accumulation steps

        def compute_loss(
            self, model: Any, inputs: dict[str, Any], return_outputs: bool = False,
            num_items_in_batch: Any = None,
        ) -> Any:  # fmt: skip
            inputs = dict(inputs)
            labels = inputs.pop("labels")
            outputs = model(**inputs)
            logits = outputs.logits.float()
            weight = torch.tensor(weights, dtype=logits.dtype, device=logits.device)
            loss = torch.nn.functional.cross_entropy(
                logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), weight=weight, ignore_index=-100
            )
            return (loss, outputs) if return_outputs else loss

    return WeightedTrainer


def optimizers(model: Any, config: TrainConfig) -> tuple[Any, None]:
    """``Trainer(optimizers=...)``: the Trainer's own AdamW, or LoRA+ when ``config.lora_plus_ratio`` > 1.

    LoRA+ (Hayou et al. 2024, peft ``create_loraplus_optimizer``; LLaMA-Factory's
    ``loraplus_lr_ratio``) gives the LoRA ``B`` matrices ``ratio`` times the learning rate of ``A``,
    which its authors found learns features faster in wide models. It is off by default: on the
    smoking demo it did no better than plain LoRA (macro-F1 0.76 at lr 2e-4 and ratio 16, against 0.77;
    at lr 5e-4 it collapsed to one label; tests/bench/ml_quality.py, 8 epochs)."""
    if config.lora_plus_ratio <= 1:
        return None, None
    import torch
    from peft.optimizers import create_loraplus_optimizer

    optimizer = create_loraplus_optimizer(
        model, torch.optim.AdamW, lr=config.learning_rate, loraplus_lr_ratio=config.lora_plus_ratio,
        loraplus_weight_decay=config.weight_decay,
    )  # fmt: skip
    return optimizer, None
