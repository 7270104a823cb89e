"""Training settings: a base class and one class per recipe, each with its own defaults.

The classes are the single source for the CLI flags, the app's settings form and the run record:
each field's metadata carries its help, choices, group ("basic" / "advanced"), and ``field_specs()``
adds its real type and the recipes it applies to. "auto" values are resolved once before training
(``train.resolve_settings``); a run record stores the resolved values. The evidence behind each
default is in docs/benchmarks.md.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field, fields
from typing import Any, get_args, get_origin

from medlabel.core.errors import MedlabelError

RECIPES = ("baseline", "classifier", "tagger", "instruct")
AUTO_RECIPE = "auto"
BASIC, ADVANCED = "basic", "advanced"


def _f(default: Any, help: str, choices: tuple | None = None, group: str = ADVANCED) -> Any:
    return field(default=default, metadata={"help": help, "choices": choices, "group": group})


@dataclass
class BaseSettings:
    """What every recipe shares: the task, how the reports are split, the seed."""

    task: str = _f(
        "", "what to learn: a label set name (document labels) or 'entities' (all span types)", group=BASIC
    )
    recipe: str = _f(
        AUTO_RECIPE,
        "how to learn it: auto = classifier for document labels, tagger for spans, instruct for a .gguf "
        "model; baseline = TF-IDF + logistic regression (seconds, no model)",
        (AUTO_RECIPE, *RECIPES),
        BASIC,
    )
    preset: str = _f(
        "default",
        "quick = a short run on the key sentences to check that everything works (too short for good "
        "results); thorough = three models averaged and more patience, about three times as long",
        ("quick", "default", "thorough"),
        BASIC,
    )
    seed: int = _f(13, "random seed (the same seed and data give the same run)", group=BASIC)
    train_size: int = _f(0, "use only this many training reports (0 = all); for learning curves")
    val_fraction: float = _f(
        0.15, "share of the training reports held out for validation, early stopping and calibration"
    )
    class_weights: bool = _f(True, "weight the loss by inverse class frequency (skewed labels)")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def checks(self) -> list[tuple[bool, str, str]]:
        """(holds, setting, what it must be) for every range rule of this class."""
        return [
            (0 < self.val_fraction < 0.5, "val_fraction", "between 0 and 0.5"),
            (self.train_size >= 0, "train_size", "0 (all) or a positive number"),
        ]

    def validate(self) -> BaseSettings:
        for f in fields(self):
            choices = f.metadata.get("choices")
            value = getattr(self, f.name)
            if choices and value not in choices:
                raise MedlabelError(
                    f"setting {f.name}={value!r}: choose one of {', '.join(map(str, choices))}",
                    code="train.bad_choice",
                    setting=f.name,
                    value=value,
                    choices=list(choices),
                )
        for holds, name, rule in self.checks():
            if not holds:
                raise MedlabelError(
                    f"training setting {name}={getattr(self, name)!r} must be {rule}",
                    code="train.out_of_range",
                    setting=name,
                    value=getattr(self, name),
                    rule=rule,
                )
        return self


@dataclass
class BaselineSettings(BaseSettings):
    """TF-IDF word 1-2 grams + logistic regression: the yardstick every fine-tuned run is shown beside."""

    recipe: str = "baseline"


@dataclass
class NeuralSettings(BaseSettings):
    """What the three fine-tuning recipes share: the model, the optimiser, LoRA, the hardware."""

    model: str = _f(
        "minilm",
        "'minilm' (built in), 'smollm2' (built in, instruct), or a local model folder or .gguf file",
        group=BASIC,
    )
    epochs: float = _f(8.0, "passes over the training reports (early stopping may end sooner)", group=BASIC)
    learning_rate: float = _f(1e-3, "step size of the optimiser", group=BASIC)
    batch_size: int = _f(
        8, "reports per training step on each device; lower it when memory runs out", group=BASIC
    )
    max_length: int = _f(512, "tokens the model reads at once (capped at the model's limit)", group=BASIC)
    gradient_accumulation: int = _f(1, "steps whose gradients are summed before one update")
    early_stopping: int = _f(5, "stop after this many epochs without a better validation score (0 = never)")
    weight_decay: float = _f(0.01, "L2 weight decay")
    warmup_ratio: float = _f(0.06, "share of steps with a rising learning rate")
    lora_r: int = _f(16, "LoRA rank")
    lora_alpha: int = _f(32, "LoRA scaling")
    lora_dropout: float = _f(0.1, "dropout on the LoRA layers")
    lora_targets: str = _f("auto", "comma-separated module names to adapt; auto = every linear layer")
    device: str = _f(
        "auto",
        "where to train; auto = a CUDA or Apple GPU when there is one, else the CPU",
        ("auto", "cpu", "cuda", "mps"),
    )
    precision: str = _f(
        "auto",
        "number format; auto = bf16 or fp16 on a CUDA GPU, fp32 elsewhere",
        ("auto", "fp32", "bf16", "fp16"),
    )
    gradient_checkpointing: str = _f(
        "auto", "trade compute for memory; auto = on for decoder LLMs on a GPU", ("auto", "on", "off")
    )
    threads: int = _f(0, "CPU threads for training; 0 = as many as there are idle cores")
    qlora: bool = _f(False, "load the base model in 4 bit (needs a CUDA GPU and bitsandbytes)", group=BASIC)
    allow_pickle: bool = _f(
        False, "allow .bin/.pt weights, which can run code when loaded; only for a model you trust"
    )
    eval_batch_size: int = _f(32, "reports per step when predicting")

    def checks(self) -> list[tuple[bool, str, str]]:
        return [
            *super().checks(),
            (self.epochs > 0, "epochs", "above 0"),
            (self.learning_rate > 0, "learning_rate", "above 0"),
            (self.batch_size >= 1, "batch_size", "at least 1"),
            (self.eval_batch_size >= 1, "eval_batch_size", "at least 1"),
            (self.gradient_accumulation >= 1, "gradient_accumulation", "at least 1"),
            (self.max_length >= 16, "max_length", "at least 16 tokens"),
            (self.lora_r >= 1, "lora_r", "at least 1"),
            (0 <= self.lora_dropout < 1, "lora_dropout", "between 0 and 1"),
            (self.early_stopping >= 0, "early_stopping", "0 (never) or more"),
            (self.threads >= 0, "threads", "0 (automatic) or more"),
        ]


@dataclass
class ClassifierSettings(NeuralSettings):
    """A classification head on an encoder or decoder, tuned with LoRA (recipes/classifier.py)."""

    recipe: str = "classifier"
    epochs: float = 15.0
    long_text: str = _f(
        "auto",
        "what the classifier reads of a report: evidence = its opening and the sentences a TF-IDF model "
        "of the same labels weighs most (fast; for labels decided by a few sentences); head_tail = the "
        "whole report up to max_length, keeping head and tail; head = the start only; auto = evidence or "
        "head_tail, whichever a TF-IDF model scores better with on the training reports (instruct: "
        "head_tail or head; auto = head_tail)",
        ("auto", "evidence", "head_tail", "head"),
        BASIC,
    )
    # 32 scored level with or above 64 and 128 on both demo corpora' validation splits, in less time
    # (docs/benchmarks.md, "Evidence tokens on validation data").
    evidence_tokens: int = _f(32, "long_text evidence: tokens of each report the classifier reads")
    pooling: str = _f(
        "auto",
        "what the label is read from; auto = the mean of the token vectors for sentence-transformers "
        "models such as MiniLM, else the model's own summary token",
        ("auto", "model", "mean"),
    )
    head_init: str = _f(
        "random",
        "start the head at random, or from a logistic regression on the untrained model's vectors "
        "(probe: learns from the first epoch; try it when a run answers every report alike)",
        ("random", "probe"),
    )
    ensemble: int = _f(
        1,
        "train this many models, each with its own seed and validation split, and average them",
        group=BASIC,
    )

    def checks(self) -> list[tuple[bool, str, str]]:
        return [
            *super().checks(),
            (self.evidence_tokens >= 32, "evidence_tokens", "at least 32"),
            (1 <= self.ensemble <= 10, "ensemble", "between 1 and 10 models"),
        ]


@dataclass
class TaggerSettings(NeuralSettings):
    """Token classification over BIO tags in sliding windows (recipes/tagger.py)."""

    recipe: str = "tagger"
    stride: int = _f(64, "tokens two neighbouring windows share")

    def checks(self) -> list[tuple[bool, str, str]]:
        return [
            *super().checks(),
            (0 <= self.stride <= self.max_length // 2, "stride", "between 0 and half of max_length"),
        ]


@dataclass
class InstructSettings(NeuralSettings):
    """A causal LM answering in JSON to a chat prompt, tuned with LoRA (recipes/instruct.py)."""

    recipe: str = "instruct"
    # Decoder LLMs of 1-8B parameters are tuned with LoRA at 1e-4 to 2e-4 (QLoRA, LLaMA-Factory and
    # Axolotl examples); 1e-3, right for MiniLM's head, makes such a model forget how to answer.
    learning_rate: float = 2e-4
    epochs: float = 4.0
    long_text: str = _f(
        "auto",
        "long reports: keep head and tail, or the head only; auto = head_tail",
        ("auto", "head_tail", "head"),
    )
    zero_shot: bool = _f(False, "do not train: evaluate the base model with the same prompt", group=BASIC)
    max_new_tokens: int = _f(96, "longest answer generated")


SETTINGS: dict[str, type[BaseSettings]] = {
    "baseline": BaselineSettings,
    "classifier": ClassifierSettings,
    "tagger": TaggerSettings,
    "instruct": InstructSettings,
}
# Settings that are not options of a recipe but of the request (which recipe, which preset).
REQUEST_FIELDS = ("task", "recipe", "preset")

PRESETS: dict[str, dict[str, dict[str, Any]]] = {
    # Per recipe, what a preset changes; settings the user gives explicitly win over it.
    "quick": {
        # Evidence only, so that the check takes seconds on long reports too; whole reports scored higher on
        # validation in 13 times the time (docs/benchmarks.md, "The quick preset").
        "classifier": {
            "epochs": 2.0,
            "early_stopping": 0,
            "head_init": "probe",
            "ensemble": 1,
            "long_text": "evidence",
        },
        "tagger": {"epochs": 2.0, "early_stopping": 0},
        "instruct": {"epochs": 1.0, "early_stopping": 0},
    },
    "default": {},
    "thorough": {
        "classifier": {"epochs": 25.0, "early_stopping": 8, "ensemble": 3},
        "tagger": {"epochs": 15.0, "early_stopping": 8},
        "instruct": {"epochs": 6.0},
    },
}


@dataclass(frozen=True)
class FieldSpec:
    """One setting as a form or a command line shows it."""

    name: str
    type: type
    help: str
    choices: tuple | None
    group: str
    recipes: tuple[str, ...]
    defaults: dict[str, Any]  # recipe -> default

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


def _real_type(annotation: Any) -> type:
    if get_origin(annotation) is typing.Union:  # pragma: no cover - no optional settings today
        return next(a for a in get_args(annotation) if a is not type(None))
    return annotation


def field_specs() -> list[FieldSpec]:
    """Every setting of every recipe once, basic ones first, with the recipes it applies to."""
    specs: dict[str, FieldSpec] = {}
    for recipe, cls in SETTINGS.items():
        hints = typing.get_type_hints(cls)
        for f in fields(cls):
            earlier = specs.get(f.name)
            # The recipe field's own default is the class's name; the request's default is auto.
            default = AUTO_RECIPE if f.name == "recipe" else f.default
            defaults = {**(earlier.defaults if earlier else {}), recipe: default}
            meta = f.metadata or _declared(f.name)
            choices = meta.get("choices")
            if earlier and earlier.choices and choices:  # long_text: each recipe has its own modes
                choices = tuple(dict.fromkeys((*earlier.choices, *choices)))
            help_text, group = (earlier.help, earlier.group) if earlier else (meta["help"], meta["group"])
            specs[f.name] = FieldSpec(
                f.name, _real_type(hints[f.name]), help_text, choices, group, tuple(defaults), defaults
            )
    return sorted(specs.values(), key=lambda s: s.group != BASIC)


def _declared(name: str) -> Any:
    """The metadata of the class that declared ``name`` first (a subclass that only changes the default
    redeclares the field without it)."""
    for cls in (BaseSettings, NeuralSettings):
        for f in fields(cls):
            if f.name == name and f.metadata:
                return f.metadata
    raise KeyError(name)


def settings_for(
    recipe: str,
    values: dict[str, Any] | None = None,
    *,
    explicit: set[str] | None = None,
) -> BaseSettings:
    """Settings of ``recipe`` from user ``values``: the recipe's defaults, then its preset, then the values.

    A value for a setting the recipe does not have is refused, naming the recipe."""
    if recipe not in SETTINGS:
        raise MedlabelError(
            f"unknown recipe {recipe!r}; choose one of: auto, {', '.join(RECIPES)}",
            code="train.unknown_recipe",
            recipe=recipe,
        )
    cls = SETTINGS[recipe]
    values = {k: v for k, v in (values or {}).items() if k != "recipe"}
    known = {f.name for f in fields(cls)}
    all_names = {s.name for s in field_specs()}
    unknown = sorted(set(values) - all_names)
    if unknown:
        raise MedlabelError(
            f"unknown training settings: {', '.join(unknown)}", code="train.unknown_setting", settings=unknown
        )
    foreign = sorted(set(values) - known)
    if foreign:
        owners = {s.name: s.recipes for s in field_specs()}
        name = foreign[0]
        raise MedlabelError(
            f"the setting {name} does not apply to the {recipe} recipe (it is for "
            f"{', '.join(owners[name])}); leave it out or choose that recipe",
            code="train.option_not_for_recipe",
            setting=name,
            recipe=recipe,
            recipes=list(owners[name]),
        )
    preset = values.get("preset", "default")
    if preset not in PRESETS:
        raise MedlabelError(
            f"setting preset={preset!r}: choose one of {', '.join(PRESETS)}",
            code="train.bad_choice",
            setting="preset",
            value=preset,
            choices=list(PRESETS),
        )
    explicit = set(values) if explicit is None else explicit
    overrides = {k: v for k, v in PRESETS[preset].get(recipe, {}).items() if k not in explicit}
    return cls(**{**overrides, **values}).validate()


def stored_settings(recipe: str, values: dict[str, Any]) -> BaseSettings:
    """A run record's settings as this version reads them: settings an older version stored and this
    one no longer has are dropped (they only described how that run was trained)."""
    cls = SETTINGS[recipe]
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in known and k != "recipe"})


def recipe_of(values: dict[str, Any]) -> str:
    return str(values.get("recipe") or AUTO_RECIPE)
