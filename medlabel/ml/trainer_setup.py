"""The Trainer every fine-tuning recipe runs: its arguments, weighted loss, callbacks, and ``fit``, the one
function that builds it, trains, keeps the best epoch and saves the adapter."""

from __future__ import annotations

import math
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from medlabel.core.jobs import Cancelled, Reporter, check_cancel
from medlabel.ml.device import DevicePlan
from medlabel.ml.settings import NeuralSettings


def training_arguments(
    config: NeuralSettings,
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


def early_stopping_callbacks(config: NeuralSettings) -> list[Any]:
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


def without_validation(args: Any) -> Any:
    """``args`` for a run without validation reports: nothing to evaluate, select or stop on."""
    from transformers.trainer_utils import IntervalStrategy, SaveStrategy

    args.eval_strategy, args.save_strategy = IntervalStrategy.NO, SaveStrategy.NO
    args.load_best_model_at_end, args.metric_for_best_model = False, None
    return args


def fit(
    model: Any,
    settings: NeuralSettings,
    out_dir: Path,
    plan: DevicePlan,
    train_dataset: Any,
    eval_dataset: Any | None,
    reporter: Reporter,
    cancel: threading.Event | None,
    *,
    metric: str,
    greater_is_better: bool = True,
    weights: list[float] | None = None,
    phase: str = "training",
    adapter_dir: str = "adapter",
    label_names: list[str] | None = None,
    **trainer_kwargs: Any,
) -> Any:
    """Train ``model`` with the Trainer: an evaluation each epoch on ``eval_dataset`` (if any), early
    stopping, the best epoch kept; the adapter saved in ``out_dir/adapter_dir``. Returns the Trainer's
    state. Raises ``Cancelled`` when ``cancel`` was set (the Trainer stops within one step).

    ``trainer_kwargs`` go to the Trainer (collator, metrics, tokenizer, loss function)."""
    from transformers.trainer_callback import PrinterCallback

    from medlabel.ml.callbacks import ReporterCallback
    from medlabel.ml.distributed import barrier, is_main
    from medlabel.ml.recipes.hf_data import remove_checkpoints

    args = training_arguments(settings, out_dir, plan, len(train_dataset), metric, greater_is_better)
    if eval_dataset is None or len(eval_dataset) == 0:
        args, eval_dataset = without_validation(args), None
    if label_names:
        args.label_names = label_names
    callback = ReporterCallback(reporter, cancel, phase)
    trainer = trainer_class(weights)(
        model=model, args=args, train_dataset=train_dataset, eval_dataset=eval_dataset,
        callbacks=[callback, *(early_stopping_callbacks(settings) if eval_dataset is not None else [])],
        **trainer_kwargs,
    )  # fmt: skip
    # The Trainer's printer writes raw log dicts to stdout; the reporter carries them instead.
    trainer.remove_callback(PrinterCallback)
    try:
        check_cancel(cancel)
        trainer.train()
        if callback.cancelled:
            raise Cancelled("training cancelled by the user")
        # Under torchrun each process loads the best checkpoint at the end of train(); none may remove
        # the checkpoints (below) while another still reads them.
        barrier()
        if is_main():  # under torchrun every process trains; one writes
            trainer.model.save_pretrained(Path(out_dir) / adapter_dir)
    finally:
        remove_checkpoints(out_dir)
    return trainer.state
