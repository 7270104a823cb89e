"""The app's words for each training setting (the schema's own help is English, for the command line).

Which settings exist, their types, choices, groups and defaults come from ``medlabel.ml.settings``; only
the words live here, as ``tr()`` literals so the translation tools find them.
``tests/gui/test_train_page.py`` fails when a setting of the schema has no words here.
"""

from __future__ import annotations

from medlabel.gui.i18n import tr


def setting_texts() -> dict[str, tuple[str, str]]:
    """Setting name -> (label, help) in the user's language."""
    return {
        "task": (tr("Task"), tr("What to learn: a label set, or the marked values (entities).")),
        "recipe": (
            tr("Recipe"),
            tr(
                "How to learn it. Automatic: a classifier for report labels, a tagger for marked values. "
                "Baseline: word statistics, trained in seconds, for comparison."
            ),
        ),
        "preset": (
            tr("Preset"),
            tr(
                "Quick: a short run on the key sentences of each report, to check that everything works "
                "(too short for good results). "
                "Thorough: three models averaged, about three times as long."
            ),
        ),
        "seed": (tr("Random seed"), tr("The same seed and data give the same run.")),
        "model": (tr("Model"), tr("The base model that is fine-tuned.")),
        "epochs": (tr("Epochs"), tr("Passes over the training reports; early stopping may end sooner.")),
        "learning_rate": (tr("Learning rate"), tr("Step size of the optimiser.")),
        "batch_size": (
            tr("Batch size"),
            tr("Reports per training step; lower it when the memory runs out."),
        ),
        "max_length": (tr("Maximum length"), tr("Tokens the model reads at once.")),
        "qlora": (tr("4-bit model (QLoRA)"), tr("Load the base model in 4 bit; needs a CUDA graphics card.")),
        "long_text": (
            tr("What is read of a report"),
            tr(
                "Evidence: the opening and the sentences that matter most for the labels (fast). "
                "Head and tail: the whole report up to the maximum length. Automatic: whichever a quick "
                "word-statistics model does better with on the training reports."
            ),
        ),
        "ensemble": (tr("Models averaged"), tr("Train this many models and average their answers.")),
        "zero_shot": (tr("Zero-shot"), tr("Do not train: evaluate the base model with the same prompt.")),
        "train_size": (
            tr("Training reports used"),
            tr("Use only this many training reports (0 = all)."),
        ),
        "val_fraction": (
            tr("Validation share"),
            tr("Share of the training reports held out for early stopping and calibration."),
        ),
        "class_weights": (tr("Class weights"), tr("Give rare labels more weight in training.")),
        "gradient_accumulation": (
            tr("Gradient accumulation"),
            tr("Steps whose gradients are summed before one update."),
        ),
        "early_stopping": (
            tr("Early stopping"),
            tr("Stop after this many epochs without a better validation score (0 = never)."),
        ),
        "weight_decay": (tr("Weight decay"), tr("L2 weight decay.")),
        "warmup_ratio": (tr("Warm-up share"), tr("Share of steps with a rising learning rate.")),
        "lora_r": (tr("LoRA rank"), tr("Size of the trained low-rank update.")),
        "lora_alpha": (tr("LoRA scaling"), tr("Scaling of the low-rank update.")),
        "lora_dropout": (tr("LoRA dropout"), tr("Dropout on the low-rank layers.")),
        "lora_targets": (
            tr("LoRA targets"),
            tr("Comma-separated module names to adapt; auto = every linear layer."),
        ),
        "device": (
            tr("Device"),
            tr("Where to train; automatic = a graphics card when there is one, else the CPU."),
        ),
        "precision": (
            tr("Number format"),
            tr("Automatic: 16-bit on a graphics card, 32-bit on the CPU."),
        ),
        "gradient_checkpointing": (
            tr("Gradient checkpointing"),
            tr("Trade compute for memory; automatic = on for large language models on a graphics card."),
        ),
        "threads": (tr("CPU threads"), tr("0 = as many as there are idle cores.")),
        "allow_pickle": (
            tr("Allow pickle weights"),
            tr("Allow .bin/.pt weights, which can run code when loaded; only for a model you trust."),
        ),
        "eval_batch_size": (tr("Prediction batch size"), tr("Reports per step when predicting.")),
        "evidence_tokens": (
            tr("Evidence tokens"),
            tr("Tokens of each report the classifier reads when it reads the evidence."),
        ),
        "pooling": (
            tr("Pooling"),
            tr("What the label is read from: the mean of the token vectors, or the model's summary token."),
        ),
        "head_init": (
            tr("Head start"),
            tr("Start the output layer at random, or from a quick fit on the untrained model (probe)."),
        ),
        "stride": (tr("Window overlap"), tr("Tokens two neighbouring windows share.")),
        "max_new_tokens": (tr("Longest answer"), tr("Tokens generated at most per answer.")),
    }


def choice_texts() -> dict[str, str]:
    """Words for the schema's choice values."""
    return {
        "auto": tr("automatic"),
        "baseline": tr("baseline (word statistics)"),
        "classifier": tr("classifier"),
        "tagger": tr("tagger (marked values)"),
        "instruct": tr("instruct (language model)"),
        "quick": tr("quick check"),
        "default": tr("default"),
        "thorough": tr("thorough"),
        "evidence": tr("evidence"),
        "head_tail": tr("head and tail"),
        "head": tr("head only"),
        "cpu": tr("CPU"),
        "cuda": tr("CUDA graphics card"),
        "mps": tr("Apple graphics"),
        "fp32": "fp32",
        "bf16": "bf16",
        "fp16": "fp16",
        "on": tr("on"),
        "off": tr("off"),
        "model": tr("the model's own"),
        "mean": tr("mean"),
        "random": tr("random"),
        "probe": tr("probe"),
    }
