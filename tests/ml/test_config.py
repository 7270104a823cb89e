"""The training settings schema: each recipe's own defaults, presets and explicit values, settings refused
for a recipe that does not have them, the schema the CLI and the app read, and older runs' settings."""

from __future__ import annotations

import re

import pytest

from medlabel.cli import main
from medlabel.core.errors import MedlabelError
from medlabel.ml.settings import (
    BASIC,
    RECIPES,
    SETTINGS,
    BaselineSettings,
    ClassifierSettings,
    InstructSettings,
    TaggerSettings,
    field_specs,
    settings_for,
    stored_settings,
)


def refusal(recipe: str, values: dict) -> MedlabelError:
    with pytest.raises(MedlabelError) as error:
        settings_for(recipe, values)
    return error.value


def test_each_recipe_has_its_own_defaults():
    classifier, tagger, instruct = (settings_for(r) for r in ("classifier", "tagger", "instruct"))
    assert type(classifier) is ClassifierSettings and classifier.recipe == "classifier"
    assert type(tagger) is TaggerSettings and tagger.recipe == "tagger"
    assert type(instruct) is InstructSettings and instruct.recipe == "instruct"
    assert (classifier.learning_rate, classifier.epochs) == (1e-3, 15.0)
    assert (tagger.learning_rate, tagger.epochs) == (1e-3, 8.0)
    assert (instruct.learning_rate, instruct.epochs) == (2e-4, 4.0)
    assert classifier.ensemble == 1  # one model unless asked for more (the thorough preset: three)
    assert classifier.long_text == instruct.long_text == "auto"  # resolved before a run starts
    baseline = settings_for("baseline")
    assert type(baseline) is BaselineSettings and baseline.recipe == "baseline"
    assert not hasattr(baseline, "epochs") and not hasattr(baseline, "model")


def test_presets_change_the_defaults_and_explicit_values_win_over_both():
    quick = settings_for("classifier", {"preset": "quick"})
    assert (quick.epochs, quick.early_stopping, quick.head_init, quick.ensemble) == (2.0, 0, "probe", 1)
    assert quick.long_text == "evidence"  # a check in seconds, also on long reports
    assert settings_for("classifier", {"preset": "quick", "long_text": "head_tail"}).long_text == "head_tail"
    thorough = settings_for("classifier", {"preset": "thorough"})
    assert (thorough.epochs, thorough.early_stopping, thorough.ensemble) == (25.0, 8, 3)
    typed = settings_for("classifier", {"preset": "thorough", "epochs": 4, "ensemble": 2})
    assert (typed.epochs, typed.early_stopping, typed.ensemble) == (4, 8, 2)  # the typed values win
    assert settings_for("tagger", {"preset": "thorough"}).epochs == 15.0
    assert settings_for("instruct", {"preset": "quick"}).epochs == 1.0
    assert settings_for("instruct", {"preset": "quick"}).learning_rate == 2e-4  # the recipe's own
    assert settings_for("classifier", {"learning_rate": 5e-4}).learning_rate == 5e-4
    # Settings given as a whole object count as typed: a preset does not change them.
    given = ClassifierSettings(preset="quick", epochs=7.0).to_dict()
    whole = settings_for("classifier", given, explicit=set(given))
    assert (whole.epochs, whole.early_stopping, whole.head_init) == (7.0, 5, "random")
    assert refusal("classifier", {"preset": "nope"}).code == "train.bad_choice"


@pytest.mark.parametrize(
    ("recipe", "setting", "value", "owners"),
    [
        ("classifier", "zero_shot", True, ["instruct"]),
        ("tagger", "ensemble", 3, ["classifier"]),
        ("baseline", "epochs", 3.0, ["classifier", "tagger", "instruct"]),
        ("instruct", "stride", 32, ["tagger"]),
    ],
)
def test_a_setting_the_recipe_does_not_have_is_refused_naming_the_recipe(recipe, setting, value, owners):
    error = refusal(recipe, {"task": "t", setting: value})
    assert error.code == "train.option_not_for_recipe"
    assert error.params["setting"] == setting and error.params["recipe"] == recipe
    assert error.params["recipes"] == owners
    assert f"{setting} does not apply to the {recipe} recipe" in str(error)


def test_removed_and_unknown_settings_and_bad_values_are_refused():
    for removed in ("lora_plus_ratio", "attention_dropout"):  # options that left the product
        error = refusal("classifier", {removed: 2.0})
        assert error.code == "train.unknown_setting" and error.params["settings"] == [removed]
    error = refusal("classifier", {"long_text": "chunks"})  # chunks is no longer a way to train
    assert error.code == "train.bad_choice" and error.params["setting"] == "long_text"
    assert error.params["choices"] == ["auto", "evidence", "head_tail", "head"]
    assert refusal("instruct", {"long_text": "evidence"}).code == "train.bad_choice"
    for values, setting in (
        ({"epochs": -1.0}, "epochs"),
        ({"evidence_tokens": 16}, "evidence_tokens"),
        ({"ensemble": 11}, "ensemble"),
        ({"lora_dropout": 1.0}, "lora_dropout"),
        ({"val_fraction": 0.5}, "val_fraction"),
    ):
        error = refusal("classifier", values)
        assert (error.code, error.params["setting"]) == ("train.out_of_range", setting), values
    assert refusal("tagger", {"max_length": 32, "stride": 17}).params["setting"] == "stride"
    assert refusal("nope", {}).code == "train.unknown_recipe"


def test_the_schema_gives_every_setting_a_real_type_help_a_group_and_its_recipes():
    specs = field_specs()
    names = [s.name for s in specs]
    assert len(names) == len(set(names))
    assert set(names) == {name for cls in SETTINGS.values() for name in cls.__dataclass_fields__}
    for spec in specs:
        assert spec.type in (int, float, bool, str), spec
        assert spec.help.strip() and spec.group in ("basic", "advanced"), spec
        assert set(spec.recipes) <= set(RECIPES) and spec.recipes, spec
        assert set(spec.defaults) == set(spec.recipes)
        for recipe, default in spec.defaults.items():
            assert isinstance(default, spec.type), (spec.name, recipe, default)
    by_name = {s.name: s for s in specs}
    basic = [s.name for s in specs if s.group == BASIC]
    assert 0 < len(basic) <= 15
    assert names[: len(basic)] == basic  # the basic settings come first
    assert by_name["epochs"].type is float and by_name["batch_size"].type is int
    assert by_name["qlora"].type is bool and by_name["model"].type is str
    assert by_name["learning_rate"].defaults == {"classifier": 1e-3, "tagger": 1e-3, "instruct": 2e-4}
    assert by_name["ensemble"].recipes == ("classifier",)
    assert by_name["zero_shot"].recipes == ("instruct",)
    assert by_name["recipe"].defaults == dict.fromkeys(RECIPES, "auto")
    assert set(by_name["long_text"].choices) == {"auto", "evidence", "head_tail", "head"}
    assert "lora_plus_ratio" not in by_name and "attention_dropout" not in by_name


def test_train_help_lists_the_basic_options_before_the_advanced_heading(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as done:
        main(["train", "--help"])
    assert done.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines.count("basic options:") == lines.count("advanced options:") == 1
    basic_at, advanced_at = lines.index("basic options:"), lines.index("advanced options:")
    assert basic_at < advanced_at
    flags = {}  # flag -> line of its entry
    for number, line in enumerate(lines):
        if match := re.match(r"  (--[a-z][a-z-]*)", line):
            flags.setdefault(match.group(1), number)
    for spec in field_specs():
        assert spec.flag in flags, spec.flag
        if spec.group == BASIC:
            assert basic_at < flags[spec.flag] < advanced_at, spec.flag
        else:
            assert flags[spec.flag] > advanced_at, spec.flag
    entry = " ".join(lines[flags["--learning-rate"] : flags["--learning-rate"] + 3])
    assert "classifier 0.001" in entry and "instruct 0.0002" in entry  # each recipe's own default
    assert "--lora-plus-ratio" not in flags and "--attention-dropout" not in flags


def test_stored_settings_drop_what_an_older_run_stored():
    # The settings a run of the previous version stored (one class for every recipe).
    older = {
        "task": "smoking_status", "recipe": "classifier", "model": "minilm", "preset": "default",
        "epochs": 15.0, "learning_rate": 1e-3, "batch_size": 8, "gradient_accumulation": 1,
        "max_length": 512, "long_text": "evidence", "evidence_tokens": 32, "pooling": "mean",
        "head_init": "random", "stride": 64, "ensemble": 3, "lora_r": 16, "lora_alpha": 32,
        "lora_dropout": 0.1, "lora_targets": "auto", "lora_plus_ratio": 0.0, "attention_dropout": 0.0,
        "weight_decay": 0.01, "warmup_ratio": 0.06, "val_fraction": 0.15, "early_stopping": 5,
        "class_weights": True, "train_size": 0, "seed": 7, "precision": "auto",
        "gradient_checkpointing": "auto", "qlora": False, "allow_pickle": False, "zero_shot": False,
        "max_new_tokens": 96, "eval_batch_size": 16,
    }  # fmt: skip
    settings = stored_settings("classifier", older)
    assert type(settings) is ClassifierSettings
    dropped = {"stride", "lora_plus_ratio", "attention_dropout", "zero_shot", "max_new_tokens"}
    assert dropped.isdisjoint(settings.to_dict())
    assert (settings.ensemble, settings.seed, settings.eval_batch_size, settings.pooling) == (
        3,
        7,
        16,
        "mean",
    )
    assert settings.to_dict() == {**ClassifierSettings().to_dict(), **{
        k: v for k, v in older.items() if k not in dropped
    }}  # fmt: skip
    baseline = stored_settings("baseline", {**older, "recipe": "baseline"})
    assert baseline.to_dict() == {
        "task": "smoking_status", "recipe": "baseline", "preset": "default", "seed": 7, "train_size": 0,
        "val_fraction": 0.15, "class_weights": True,
    }  # fmt: skip
    # A run saved with chunks (no longer a training option) still reads: stored settings are not checked.
    assert stored_settings("classifier", {**older, "long_text": "chunks"}).long_text == "chunks"


def test_a_run_given_no_epochs_trains_and_records_the_classifiers_own(tmp_path, tiny_bert_dir):
    from medlabel.core.demo.project import create_demo_project
    from medlabel.core.jobs import NullReporter
    from medlabel.core.runs import get_run
    from medlabel.ml.train import run_training

    values = {"task": "smoking_status", "recipe": "classifier", "model": str(tiny_bert_dir.path),
              "max_length": 64, "early_stopping": 0}  # fmt: skip
    with create_demo_project(tmp_path / "p", "smoking", documents=50, labelled=40, test=8) as project:
        run = get_run(project, run_training(project, values, NullReporter(), with_baseline=False))
    assert run.status == "completed"
    assert run.config["epochs"] == 15.0 and run.info["epochs_run"] == pytest.approx(15.0)
    assert run.config["learning_rate"] == 1e-3 and run.config["ensemble"] == 1
    # What "auto" became is what the record keeps.
    assert (
        run.config["long_text"] in ("evidence", "head_tail")
        and run.info["long_text"] == run.config["long_text"]
    )
    assert (run.config["device"], run.config["precision"], run.config["lora_targets"]) == (
        "cpu",
        "fp32",
        "all-linear",
    )
    assert run.config["pooling"] == "model" and run.config["threads"] >= 1
    assert "auto" not in run.config.values()
