"""Training settings: one dataclass is the single source for CLI flags, the GUI form and the run record.

Each field's ``metadata`` carries its help text (as peft's ``LoraConfig`` does) and, where it helps,
the choices. Presets are named overrides of the defaults.
"""

from __future__ import annotations

import argparse
import dataclasses
from dataclasses import dataclass, field, fields
from typing import Any

from medlabel.core.errors import MedlabelError

RECIPES = ("auto", "baseline", "classifier", "tagger", "instruct")
# Epochs each recipe trains for when the user sets none (epochs = 0). On the smoking demo (300
# reports, tests/bench/ml_quality.py) the MiniLM classifier's validation score was still rising after
# 8 epochs; stopped there it reached test macro-F1 0.77, after 12 epochs 0.80 (100 test reports, seed
# 13); up to 15 epochs gave 0.75-0.80 over four seeds on 300 test reports. The tagger reaches value F1
# 0.99 on the cardio demo in 8 epochs of twice the classifier's cost.
RECIPE_EPOCHS = {"classifier": 15.0, "tagger": 8.0, "instruct": 8.0, "baseline": 1.0}
# What each recipe reads of a long report when the user sets long_text auto (the tagger always reads
# every window, the baseline every word): see the long_text field.
RECIPE_LONG_TEXT = {"classifier": "evidence"}


def _f(default: Any, help: str, choices: tuple | None = None) -> Any:
    return field(default=default, metadata={"help": help, "choices": choices})


@dataclass
class TrainConfig:
    task: str = _f("", "what to learn: a label set name (document labels) or 'entities' (all span types)")
    recipe: str = _f("auto", "how to learn it; auto picks from the task and the model", RECIPES)
    model: str = _f(
        "minilm", "'minilm' (built in), 'smollm2' (built in, instruct), or a local model folder/GGUF"
    )
    preset: str = _f(
        "default",
        "a named set of the settings below: quick = 2 epochs of one model with the classifier's head "
        "started from a probe, to check that everything runs (too short for good results); thorough = "
        "25 epochs with more patience",
        ("quick", "default", "thorough"),
    )
    epochs: float = _f(
        0.0,
        "passes over the training reports (early stopping may end sooner); 0 = the recipe's own: "
        "classifier 15, tagger 8, instruct 8",
    )
    # 1e-3, batch 8, class weights, mean pooling, 15 epochs: see RECIPE_EPOCHS. It is near the edge:
    # 2e-3, or 1e-3 with batch 4, collapsed to one label for every report; 5e-4 for 12 epochs learnt
    # steadily but ended at 0.68 (8-epoch runs on the smoking demo, tests/bench/ml_quality.py).
    learning_rate: float = _f(
        1e-3, "step size of the optimiser (LoRA tolerates higher rates than full tuning)"
    )
    batch_size: int = _f(8, "reports per training step on each device")
    gradient_accumulation: int = _f(1, "steps whose gradients are summed before one update")
    max_length: int = _f(512, "tokens the model sees at once (capped at the model's limit); see --long-text")
    # Chunks suit reports whose evidence is spread out; for one decisive sentence they do worse, as
    # every window is trained with the report's label: smoking demo macro-F1 0.61 with 256-token
    # windows against 0.80 for head_tail (seed 13, 300 test reports, tests/bench/ml_quality.py).
    # Finding that sentence is what head_tail loses there: given only the sentences on smoking, the
    # classifier scores 0.875 over four seeds against 0.77 (tests/bench/smoking_evidence.py). Attention
    # over 128-token windows, trained per report, peaked at 0.78-0.93 on test, but the epochs that 45
    # validation reports kept scored 0.74 on average (tests/bench/window_attention.py); not offered.
    # evidence (recipes/evidence.py) finds the sentence without a keyword list: 64 tokens scored 0.870,
    # 0.784, 0.845 and 0.749 (seeds 13, 7, 21, 42; mean 0.812) against 0.799, 0.77, 0.752 and 0.772
    # for head_tail, at 16 s an epoch instead of 61; 96 tokens scored the same on average (0.859, 0.727,
    # 0.812, 0.842) and 192 worse (0.681, 0.667 for seeds 13, 7): the fewer unrelated sentences the
    # model averages over, the better (ml_quality.py smoking --test 300 --set evidence_tokens=N).
    long_text: str = _f(
        "auto",
        "long reports: keep head and tail, keep the head only, average over chunks, or (classifier) read "
        "the opening and the sentences a TF-IDF model of the same labels weighs most (evidence; see "
        "--evidence-tokens); auto = evidence for the classifier, head_tail for instruct",
        ("auto", "head_tail", "head", "chunks", "evidence"),
    )
    evidence_tokens: int = _f(
        64, "long_text evidence: tokens of each report the classifier reads, its opening included"
    )
    pooling: str = _f(
        "auto",
        "classifier: what the label is read from; auto = the mean of the token vectors for "
        "sentence-transformers models such as MiniLM, else the model's own summary token",
        ("auto", "model", "mean"),
    )
    # A random head and zero LoRA B matrices give the adapters almost no gradient at first; with one
    # batch order (seed 13, random order) the smoking classifier still answered UNKNOWN to every report
    # after 6 epochs (the speed bench's plain script, same order, after 15). Starting from a probe,
    # that order learnt from epoch 1. It is not the default
    # because early stopping then picks an early epoch: test macro-F1 0.66 and 0.73 against 0.80 and
    # 0.77 from a random head (seeds 13 and 7, 300 test reports, tests/bench/ml_quality.py).
    head_init: str = _f(
        "random",
        "classifier: start the head at random, or from a logistic regression on the untrained model's "
        "vectors (probe: learns from the first epoch; try it when a run answers every report alike)",
        ("random", "probe"),
    )
    stride: int = _f(64, "tokens two neighbouring windows share (tagger and chunks)")
    # One run's macro-F1 on the smoking demo moved from 0.68 to 0.89 with the seed alone (12 seeds,
    # evidence, 300 test reports, mean 0.81); three models averaged (seeds s, s+1000, s+2000) scored
    # 0.879, 0.870, 0.918 and 0.875 for s = 13, 7, 21, 42 (mean 0.886), SMOKER F1 0.72-0.85.
    ensemble: int = _f(
        3,
        "classifier: train this many models, each with its own seed and validation split, and average "
        "their predictions (steadier on a few hundred reports; takes that many times as long)",
    )
    # LoRA is the only method, also for small encoders: training every MiniLM weight (lr 1e-4 and 5e-5,
    # 15 epochs, early stopping) scored no better on the smoking demo, test macro-F1 0.77 and 0.80
    # against 0.80 for LoRA (seed 13, 300 test reports, tests/bench/ml_quality.py with the LoRA wrapper
    # removed), though its validation score peaked higher (0.92); and a run would save the whole model.
    lora_r: int = _f(16, "LoRA rank")
    lora_alpha: int = _f(32, "LoRA scaling")
    lora_dropout: float = _f(0.1, "dropout on the LoRA layers")
    lora_targets: str = _f("auto", "comma-separated module names to adapt, or auto")
    lora_plus_ratio: float = _f(
        0.0, "LoRA+: the adapters' B matrices learn this many times faster than A (0 or 1 = plain LoRA)"
    )
    # Dropout on the attention probabilities keeps PyTorch's fused attention kernel from running on
    # the CPU: the 8 x 12 x 512 x 512 probability tensor is built and masked instead, which doubled a
    # MiniLM training step (3.69 s against 1.84 s at batch 8, 512 tokens, 2 cores;
    # tests/bench/dropout_step.py). The frozen base's attention is not what is being learnt; the LoRA
    # and hidden-layer dropouts still regularise.
    attention_dropout: float = _f(
        0.0,
        "dropout on the base model's attention weights while training; 0 lets the fused attention "
        "kernel run (about twice as fast on a CPU); models ship with 0.1 or 0",
    )
    weight_decay: float = _f(0.01, "L2 weight decay")
    warmup_ratio: float = _f(0.06, "share of steps with a rising learning rate")
    val_fraction: float = _f(0.15, "share of the training reports held out for validation and early stopping")
    # The validation score of 45 reports moves by +-0.05 from one epoch to the next; with a patience of
    # 3 the 15-epoch smoking run (seed 13) would have stopped at epoch 11, before its best epoch (13).
    early_stopping: int = _f(5, "stop after this many evaluations without improvement (0 = never)")
    # On the smoking demo, without them seed 13 also scored 0.80 (SMOKER, 5% of the reports, F1 0.50
    # against 0.61), but seed 7 answered UNKNOWN to every report until early stopping ended it after 6
    # epochs; with them it learnt (0.77). tests/bench/epoch_curve.py --no-class-weights.
    class_weights: bool = _f(True, "weight the loss by inverse class frequency (skewed labels)")
    train_size: int = _f(0, "use only this many training reports (0 = all); for learning curves")
    seed: int = _f(13, "random seed")
    precision: str = _f(
        "auto", "auto = bf16/fp16 on a GPU, fp32 on the CPU", ("auto", "fp32", "bf16", "fp16")
    )
    gradient_checkpointing: str = _f(
        "auto", "trade compute for memory; auto = on for GPU LLMs", ("auto", "on", "off")
    )
    qlora: bool = _f(False, "load the base model in 4 bit (needs CUDA and bitsandbytes)")
    allow_pickle: bool = _f(
        False, "allow .bin/.pt weights, which can run code when loaded; only for trusted models"
    )
    zero_shot: bool = _f(False, "instruct: do not train, evaluate the base model with the same prompt")
    max_new_tokens: int = _f(96, "instruct: longest answer generated")
    eval_batch_size: int = _f(32, "reports per step when predicting")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise MedlabelError(f"unknown training settings: {', '.join(unknown)}")
        return cls(**values)

    def for_recipe(self, recipe: str) -> TrainConfig:
        """This config for ``recipe`` (not auto), with the recipe's own epochs and long-text mode where
        none were set."""
        long_text = RECIPE_LONG_TEXT.get(recipe, "head_tail") if self.long_text == "auto" else self.long_text
        return dataclasses.replace(
            self, recipe=recipe, epochs=self.epochs or RECIPE_EPOCHS[recipe], long_text=long_text
        )

    def validate(self) -> TrainConfig:
        for f in fields(self):
            choices = f.metadata.get("choices")
            if choices and getattr(self, f.name) not in choices:
                raise MedlabelError(
                    f"setting {f.name}={getattr(self, f.name)!r}: choose one of {', '.join(choices)}"
                )
        checks = [
            (self.epochs >= 0, "epochs must be 0 (the recipe's own) or more"),
            (self.learning_rate > 0, "learning_rate must be above 0"),
            (self.batch_size >= 1, "batch_size must be at least 1"),
            (self.max_length >= 16, "max_length must be at least 16 tokens"),
            (0 <= self.stride <= self.max_length // 2, "stride must lie between 0 and half of max_length"),
            (self.evidence_tokens >= 32, "evidence_tokens must be at least 32"),
            (1 <= self.ensemble <= 10, "ensemble must lie between 1 and 10 models"),
            (0 < self.val_fraction < 0.5, "val_fraction must lie between 0 and 0.5"),
            (self.train_size >= 0, "train_size must be 0 (all) or a positive number"),
            (self.lora_r >= 1, "lora_r must be at least 1"),
            (0 <= self.lora_dropout < 1, "lora_dropout must lie between 0 and 1"),
            (0 <= self.attention_dropout < 1, "attention_dropout must lie between 0 and 1"),
        ]
        for ok, message in checks:
            if not ok:
                raise MedlabelError(f"training settings: {message}")
        return self


PRESETS: dict[str, dict[str, Any]] = {
    # Two epochs end before a random head has left its flat start: on the smoking demo that run answered
    # UNKNOWN to all 300 test reports (macro-F1 0.13); from a probe it scored 0.51, above the baseline's
    # 0.48 (seed 13, tests/bench/ml_quality.py --set epochs=2 --set early_stopping=0 [--set head_init=probe]).
    "quick": {"epochs": 2.0, "early_stopping": 0, "head_init": "probe", "ensemble": 1},
    "default": {},
    "thorough": {"epochs": 25.0, "early_stopping": 8},
}


def with_preset(config: TrainConfig, explicit: set[str] | None = None) -> TrainConfig:
    """Apply ``config.preset``; settings the user gave explicitly win over the preset."""
    explicit = explicit or set()
    overrides = {k: v for k, v in PRESETS[config.preset].items() if k not in explicit}
    return dataclasses.replace(config, **overrides)


def add_arguments(parser: argparse.ArgumentParser, skip: tuple[str, ...] = ()) -> None:
    """One ``--flag`` per field, with its help and default."""
    for f in fields(TrainConfig):
        if f.name in skip:
            continue
        flag = "--" + f.name.replace("_", "-")
        help_text = f.metadata["help"]
        if f.type in ("bool", bool):
            parser.add_argument(flag, action=argparse.BooleanOptionalAction, default=None, help=help_text)
            continue
        kind = {"int": int, "float": float}.get(str(f.type), str)
        parser.add_argument(
            flag,
            type=kind,
            default=None,
            choices=f.metadata.get("choices"),
            help=f"{help_text} (default: {f.default})",
        )


def from_arguments(args: argparse.Namespace) -> TrainConfig:
    """A config from parsed flags: defaults, then the preset, then what the user typed."""
    given = {
        f.name: getattr(args, f.name) for f in fields(TrainConfig) if getattr(args, f.name, None) is not None
    }
    config = with_preset(TrainConfig(**given), explicit=set(given))
    return config.validate()
