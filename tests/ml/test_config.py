"""TrainConfig: each recipe's own epochs, presets, and what the user types winning over both."""

from __future__ import annotations

import argparse

import pytest

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import NullReporter
from medlabel.ml.config import RECIPE_EPOCHS, TrainConfig, add_arguments, from_arguments
from medlabel.ml.recipes import classifier
from medlabel.ml.tasks import DocTask
from tests.ml.toy import LABELS, toy_examples


def parsed(*argv: str) -> TrainConfig:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return from_arguments(parser.parse_args(list(argv)))


def test_unset_epochs_become_the_recipes_own():
    assert TrainConfig().epochs == 0
    assert TrainConfig().for_recipe("classifier").epochs == RECIPE_EPOCHS["classifier"] == 15
    assert TrainConfig().for_recipe("tagger").epochs == 8
    assert TrainConfig(epochs=3).for_recipe("classifier").epochs == 3
    assert TrainConfig().for_recipe("tagger").recipe == "tagger"


def test_auto_long_text_is_evidence_for_the_classifier_only():
    assert TrainConfig().long_text == "auto"
    assert TrainConfig().for_recipe("classifier").long_text == "evidence"
    assert TrainConfig().for_recipe("instruct").long_text == "head_tail"
    assert TrainConfig(long_text="chunks").for_recipe("classifier").long_text == "chunks"
    with pytest.raises(MedlabelError, match="evidence_tokens must be at least 32"):
        TrainConfig(evidence_tokens=16).validate()


def test_presets_and_typed_settings():
    assert parsed().epochs == 0 and parsed().early_stopping == 5
    quick = parsed("--preset", "quick")
    assert (quick.epochs, quick.early_stopping, quick.head_init, quick.ensemble) == (2.0, 0, "probe", 1)
    thorough = parsed("--preset", "thorough", "--epochs", "4")
    assert (thorough.epochs, thorough.early_stopping) == (4.0, 8)  # the typed value wins


def test_negative_epochs_are_refused():
    with pytest.raises(MedlabelError, match="epochs"):
        TrainConfig(epochs=-1).validate()


def test_the_classifier_trains_its_own_epochs_when_none_are_set(tiny_bert_dir, tmp_path):
    config = TrainConfig(max_length=32, lora_r=4, lora_alpha=8, early_stopping=0, batch_size=8)
    result = classifier.train(DocTask("pet", list(LABELS)), toy_examples(8, 1), [], config, tiny_bert_dir,
                              tmp_path, NullReporter(), None)  # fmt: skip
    assert result["epochs_run"] == RECIPE_EPOCHS["classifier"]
