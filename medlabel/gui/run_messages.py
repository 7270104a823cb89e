"""The app's words for the errors the training page shows on the spot: a model that cannot be used, a
setting the engine refuses. ``messages.wordings`` includes these; placeholders as there."""

from __future__ import annotations

from medlabel.gui.i18n import tr
from medlabel.gui.messages import Params, Wording, _words


def model_problem_words() -> dict[str, str]:
    """One phrase per problem ``check_model_folder`` finds in a model folder."""
    return {
        "no_config": tr("no config.json (the description of the model's architecture)"),
        "bad_config": tr("config.json cannot be read"),
        "pickle_only": tr(
            "only pickle weights (.bin/.pt), which can run code when loaded; convert the model "
            "to safetensors, or allow pickle weights under Advanced settings if you trust "
            "its source"
        ),
        "no_weights": tr("no weights (*.safetensors)"),
        "no_tokenizer": tr("no tokenizer (tokenizer.json, tokenizer.model or vocabulary files)"),
        "unsupported_architecture": tr(
            "an architecture medlabel cannot train (encoders like BERT and "
            "decoders like Llama, Qwen, Mistral or Gemma work)"
        ),
        "remote_code": tr("the model needs its own program code, which medlabel never runs"),
    }


def _unusable_folder(p: Params) -> str:
    words = model_problem_words()
    problems = [words.get(code, code) for code in p.get("problems") or []]
    return tr("{0} is not a model medlabel can use: {1}.").format(p["path"], "; ".join(problems))


def _setting(p: Params) -> str:
    from medlabel.gui.train.setting_texts import setting_texts

    return setting_texts().get(str(p.get("setting")), (str(p.get("setting")), ""))[0]


def _recipe(name: object) -> str:
    from medlabel.gui.train.setting_texts import choice_texts

    return choice_texts().get(str(name), str(name))


def _status(status: object) -> str:
    from medlabel.gui.train.history import status_text

    return status_text(str(status))


def run_wordings() -> dict[str, Wording]:
    return {
        "model.missing": _words(
            tr("There is no model at {0}. Choose a model folder or a .gguf file that exists."), "path"
        ),
        "model.not_a_model_file": _words(
            tr(
                "{0} is not a model: a model is a folder (with config.json, weights and a tokenizer) or a "
                ".gguf file."
            ),
            "path",
        ),
        "model.builtin_missing": _words(
            tr(
                "The built-in model {0} is not installed with this copy of medlabel. Choose another model, "
                "or ask whoever installed medlabel to add it."
            ),
            "model",
        ),
        "model.gguf_package_missing": _words(
            tr("{0} is a .gguf file, and reading those needs the 'gguf' package, which is not installed."),
            "path",
        ),
        "model.not_gguf": _words(tr("{0} is not a GGUF file (its first bytes are wrong)."), "path"),
        "model.unusable_folder": _unusable_folder,
        "train.option_not_for_recipe": lambda p: tr(
            "The setting “{0}” does not apply to the {1} recipe. Reset it, or choose a recipe it applies to."
        ).format(_setting(p), _recipe(p.get("recipe"))),
        "train.out_of_range": lambda p: tr("The setting “{0}” must be {1}; it is {2}.").format(
            _setting(p), p["rule"], p["value"]
        ),
        "train.bad_choice": lambda p: tr("The setting “{0}” cannot be {1}.").format(_setting(p), p["value"]),
        "train.device_missing": _words(
            tr("This computer has no {0} device. Set the device to automatic or CPU."), "device"
        ),
        "train.unknown_recipe": _words(tr("There is no recipe {0}."), "recipe"),
        "train.no_training_reports": lambda p: tr(
            "There are no labelled training reports to learn from. Label some reports of this task first."
        ),
        "train.unknown_labels": lambda p: tr(
            "Some reports carry labels that are not in the label set “{0}”: {1}. Add them to the label set "
            "(Project → Labels and entity types…) or correct those reports."
        ).format(p["task"], ", ".join(map(str, p.get("labels") or []))),
        "train.train_size_too_large": _words(
            tr(
                "“Training reports used” is {0}, but the task has only {1} training reports. Lower it, or "
                "set it to 0 to use all of them."
            ),
            "train_size",
            "available",
        ),
        "run.not_found": _words(
            tr("There is no run {0} in this project (any more). Choose a run from the list."), "run"
        ),
        "vocabulary.not_found": _words(
            tr(
                "The project has no vocabulary {0}, so its codes cannot be looked up. Ask whoever set up the "
                "project to load it."
            ),
            "vocabulary",
        ),
        "run.result_damaged": _words(
            tr(
                "The result of the run in {0} cannot be read, so the run is recorded as failed. Start it "
                "again."
            ),
            "path",
        ),
        "predict.nothing_to_predict": lambda p: (
            tr(
                "Every report is already labelled for this run's task, so there is nothing to predict. Use "
                "“Predict all” to compare the model with the labels."
            )
            if p.get("which") == "unlabelled"
            else tr("The project has no reports to predict.")
        ),
        "predict.run_not_completed": lambda p: tr("Run {0} is {1}; only a completed run can predict.").format(
            p["run"], _status(p.get("status"))
        ),
        "predict.model_changed": _words(
            tr(
                "The model of run {0} at {1} has changed since the run was trained. Predict with the same "
                "model, or train a new run."
            ),
            "run",
            "path",
        ),
    }
