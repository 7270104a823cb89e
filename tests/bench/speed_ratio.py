"""Speed: medlabel's MiniLM LoRA fine-tune against a plain Hugging Face Trainer script that pads every
report to 512 tokens — same data, model, loss, epochs, LoRA and optimiser settings, one process, one
after the other.

    OMP_NUM_THREADS=2 .venv/bin/python tests/bench/speed_ratio.py [--epochs 15] [--train 300]
        [--test 100] [--attention-dropout 0.1] [--head-init probe] [--seeds 13,7]

Prints both training times, their ratio (target <= 0.6) and both test macro-F1s (target: within 0.02),
per seed and averaged over the seeds.
Both train the same model the same way: mean pooling for MiniLM, the head's start (``--head-init``),
the class-weighted loss, lr, batch, warmup, LoRA. What differs is only what medlabel does for
speed: dynamic padding and length-grouped batches instead of padding every report to 512 tokens in
random order, and no dropout on the attention weights (which lets the fused attention kernel run) where
the plain script keeps the model's shipped 0.1. (medlabel also keeps the head and tail of a long report,
the plain script its first 512 tokens.) Both keep the epoch with the best validation macro-F1.
``--attention-dropout 0.1`` gives medlabel the model's own attention dropout too, to show what padding
alone saves (medlabel has no such setting: training always loads the base with
``hf_data.TRAIN_ATTENTION_DROPOUT``; this script sets that value for its own run).
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def plain_trainer(task, fit, val, test, config, source, out_dir: Path) -> tuple[float, list[str]]:  # type: ignore[no-untyped-def]
    """The textbook script: tokenise with padding='max_length' (512), RandomSampler; the same model
    (medlabel's pooling and head start), loss (medlabel's class weights), LoRA and optimiser settings."""
    import torch
    from peft import LoraConfig, TaskType, get_peft_model
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, TrainingArguments, set_seed

    from medlabel.core.jobs import NullReporter
    from medlabel.ml.device import plan_device
    from medlabel.ml.recipes.classifier import _compute_metrics, start_head_from_probe
    from medlabel.ml.recipes.pooling import choose_pooling, use_mean_pooling
    from medlabel.ml.trainer_setup import class_weights, trainer_class

    set_seed(config.seed)
    tok = AutoTokenizer.from_pretrained(source.path, local_files_only=True)
    label2id = {label: i for i, label in enumerate(task.labels)}

    class DS(torch.utils.data.Dataset):
        def __init__(self, examples):  # type: ignore[no-untyped-def]
            enc = tok([e.text for e in examples], padding="max_length", truncation=True, max_length=512)
            self.items = [
                {"input_ids": enc["input_ids"][i], "attention_mask": enc["attention_mask"][i],
                 "labels": label2id[e.label]}
                for i, e in enumerate(examples)
            ]  # fmt: skip

        def __len__(self) -> int:
            return len(self.items)

        def __getitem__(self, i):  # type: ignore[no-untyped-def]
            return {k: torch.tensor(v) for k, v in self.items[i].items()}

    model = AutoModelForSequenceClassification.from_pretrained(
        source.path,
        num_labels=len(task.labels),
        local_files_only=True,
        use_safetensors=True,
        dtype=torch.float32,
    )
    lora = LoraConfig(task_type=TaskType.SEQ_CLS, r=config.lora_r, lora_alpha=config.lora_alpha,
                      lora_dropout=config.lora_dropout, target_modules="all-linear")  # fmt: skip
    if choose_pooling(config.pooling, source) == "mean":
        use_mean_pooling(model)
    fit_set = DS(fit)
    if config.head_init == "probe":
        start_head_from_probe(
            model, fit_set.items, tok, plan_device(config, False), config, NullReporter(), None
        )
    model = get_peft_model(model, lora)
    weights = class_weights([item["labels"] for item in fit_set.items], len(task.labels))
    steps = math.ceil(len(fit) / config.batch_size) * config.epochs
    args = TrainingArguments(
        output_dir=str(out_dir), num_train_epochs=config.epochs, learning_rate=config.learning_rate,
        per_device_train_batch_size=config.batch_size, per_device_eval_batch_size=config.eval_batch_size,
        weight_decay=config.weight_decay, warmup_steps=int(config.warmup_ratio * steps),
        # Keep the epoch with the best validation macro-F1, as medlabel does (and as the Trainer's own
        # text-classification tutorial does): keeping the last epoch instead left 0.09 between the two.
        eval_strategy="epoch", save_strategy="epoch", save_total_limit=1, save_only_model=True,
        load_best_model_at_end=True, metric_for_best_model="eval_macro_f1", seed=config.seed,
        report_to=[], disable_tqdm=True, use_cpu=True,
    )  # fmt: skip
    trainer = trainer_class(weights if config.class_weights else None)(
        model=model,
        args=args,
        train_dataset=fit_set,
        eval_dataset=DS(val),
        compute_metrics=_compute_metrics,
    )
    t0 = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - t0
    logits = trainer.predict(DS(test)).predictions
    return seconds, [task.labels[i] for i in logits.argmax(-1)]


def main() -> None:
    from sklearn.metrics import f1_score

    from medlabel.core.demo import smoking
    from medlabel.core.jobs import NullReporter
    from medlabel.ml.data import split_validation, stratified_order
    from medlabel.ml.models import resolve_model
    from medlabel.ml.recipes import RunContext, classifier, hf_data
    from medlabel.ml.settings import ClassifierSettings
    from medlabel.ml.tasks import DocExample, DocTask

    defaults = ClassifierSettings()
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=float, default=defaults.epochs)
    parser.add_argument("--train", type=int, default=300)
    # 100 test reports hold 5 SMOKER reports, so one error there moves macro-F1 by about 0.05.
    parser.add_argument("--test", type=int, default=100)
    parser.add_argument("--attention-dropout", type=float, default=hf_data.TRAIN_ATTENTION_DROPOUT)
    parser.add_argument("--head-init", default=defaults.head_init, choices=("random", "probe"))
    # The batch order alone moves macro-F1 by about 0.05, so one seed cannot show a 0.02 difference.
    parser.add_argument("--seeds", default=str(defaults.seed), help="comma-separated; figures are averaged")
    args = parser.parse_args()
    # The experiment's own knob: the attention dropout the classifier recipe loads its base with.
    classifier.TRAIN_ATTENTION_DROPOUT = args.attention_dropout
    batch = smoking.generate(args.train + args.test, seed=0)
    spec = batch.label_sets[0]
    task = DocTask(spec.name, spec.labels)
    examples = [DocExample(i, d.text, d.labels[spec.name]) for i, d in enumerate(batch.documents)]
    train, test = stratified_order(examples[: args.train], 0), examples[args.train :]
    source = resolve_model("minilm")
    gold = [e.label for e in test]
    rows = []
    for seed in (int(s) for s in args.seeds.split(",")):
        config = ClassifierSettings(
            task=spec.name,
            epochs=args.epochs,
            early_stopping=0,
            head_init=args.head_init,
            # Both scripts train one model on the same tokens of every report; evidence (what long_text
            # auto may choose: 64 tokens of each report) or an ensemble would compare something else.
            long_text="head_tail",
            ensemble=1,
            seed=seed,
        ).validate()
        fit, val = split_validation(train, config.val_fraction, config.seed)
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            classifier.train(
                task, fit, val, RunContext(config, source, Path(tmp) / "medlabel", NullReporter(), None)
            )
            ours_s = time.perf_counter() - t0
            texts = [e.text for e in test]
            predicted = classifier.predict(
                texts, RunContext(config, source, Path(tmp) / "medlabel", NullReporter(), None)
            )
            plain_s, plain = plain_trainer(task, fit, val, test, config, source, Path(tmp) / "plain")
        ours_f1, plain_f1 = (
            f1_score(gold, pred, labels=task.labels, average="macro", zero_division=0)
            for pred in ([p.label for p in predicted], plain)
        )
        rows.append((ours_s, plain_s, ours_f1, plain_f1))
        print(
            f"seed {seed}: {len(fit)} training reports, {len(val)} validation, {len(test)} test, "
            f"{args.epochs:g} epochs; medlabel attention dropout {args.attention_dropout:g}; "
            f"head start: {args.head_init}\n"
            f"  medlabel (dynamic padding, length-grouped): {ours_s:.1f} s, macro-F1 {ours_f1:.3f}\n"
            f"  plain Trainer, every report padded to 512:  {plain_s:.1f} s, macro-F1 {plain_f1:.3f}\n"
            f"  time ratio {ours_s / plain_s:.2f}; F1 difference {ours_f1 - plain_f1:+.3f}",
            flush=True,
        )
    ours_s, plain_s, ours_f1, plain_f1 = (sum(column) / len(rows) for column in zip(*rows, strict=True))
    print(
        f"over {len(rows)} seed(s): medlabel {ours_s:.1f} s, macro-F1 {ours_f1:.3f}; plain {plain_s:.1f} s, "
        f"macro-F1 {plain_f1:.3f}; time ratio {ours_s / plain_s:.2f} (target <= 0.6); "
        f"F1 difference {ours_f1 - plain_f1:+.3f} (target within 0.02)"
    )


if __name__ == "__main__":
    main()
