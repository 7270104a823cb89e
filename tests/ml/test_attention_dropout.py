"""Training loads the base model without dropout on its attention weights (``TRAIN_ATTENTION_DROPOUT``,
so that the fused attention kernel can run); prediction loads it as it was shipped. Checked on the models
the recipes really load, for BERT and Llama configs, which name the setting differently."""

from __future__ import annotations

import json
import random
import shutil

import pytest

from medlabel.core.jobs import NullReporter
from medlabel.ml.device import plan_device
from medlabel.ml.models import attention_dropout_kwargs, check_model_folder
from medlabel.ml.recipes import RunContext, classifier, hf_data, instruct, tagger
from medlabel.ml.settings import ClassifierSettings, InstructSettings, TaggerSettings
from medlabel.ml.tasks import DocTask
from tests.ml.test_instruct import DOCS, SMOKING
from tests.ml.test_tagger import TASK as SPAN_TASK
from tests.ml.test_tagger import example as span_example
from tests.ml.toy import LABELS, toy_examples

TINY = {"epochs": 1.0, "max_length": 32, "lora_r": 4, "lora_alpha": 8, "early_stopping": 0}


def attention_dropouts(model) -> set[float]:  # type: ignore[no-untyped-def]
    """The dropout probability of every attention layer in ``model`` (BERT or Llama, LoRA-wrapped or not)."""
    found = set()
    for name, module in model.named_modules():
        if name.endswith("attention.self"):  # BERT: a Dropout module on the attention probabilities
            found.add(module.dropout.p)
        elif name.endswith("self_attn"):  # Llama: a float handed to the attention function
            found.add(module.attention_dropout)
    assert found, "no attention layers found"
    return found


@pytest.fixture
def loaded(monkeypatch) -> list[set[float]]:
    """The attention dropouts of every base model the recipes load, in order."""
    seen: list[set[float]] = []
    original = hf_data.load_base

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        model = original(*args, **kwargs)
        seen.append(attention_dropouts(model))
        return model

    monkeypatch.setattr(hf_data, "load_base", spy)
    monkeypatch.setattr(instruct, "load_base", spy)  # instruct imported it by name
    return seen


def test_training_loads_without_attention_dropout():
    assert hf_data.TRAIN_ATTENTION_DROPOUT == 0.0


def test_bert_and_llama_configs_get_their_own_key(tiny_bert_dir, tiny_llama_dir):
    assert attention_dropout_kwargs(tiny_bert_dir, 0.0) == {"attention_probs_dropout_prob": 0.0}
    assert attention_dropout_kwargs(tiny_llama_dir, 0.25) == {"attention_dropout": 0.25}


def test_load_base_sets_the_dropout_the_attention_layers_use(tiny_bert_dir, tiny_llama_dir):
    from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification

    plan = plan_device(ClassifierSettings(), False)
    bert = hf_data.load_base(AutoModelForSequenceClassification, tiny_bert_dir, plan, 0.0, num_labels=2)
    assert attention_dropouts(bert) == {0.0}
    as_shipped = hf_data.load_base(AutoModelForSequenceClassification, tiny_bert_dir, plan, num_labels=2)
    assert attention_dropouts(as_shipped) == {0.1}
    llama = hf_data.load_base(AutoModelForCausalLM, tiny_llama_dir, plan, 0.25)
    assert attention_dropouts(llama) == {0.25}


def test_classifier_and_tagger_train_without_it_and_predict_with_the_models_own(
    tiny_bert_dir, tmp_path, loaded
):
    settings = ClassifierSettings(**TINY, long_text="head_tail")
    task = DocTask("pet", list(LABELS))
    out = tmp_path / "c"
    classifier.train(
        task, toy_examples(8, 1), [], RunContext(settings, tiny_bert_dir, out, NullReporter(), None)
    )
    assert loaded == [{0.0}]
    classifier.predict(["a cat"], RunContext(settings, tiny_bert_dir, out, NullReporter(), None))
    assert loaded == [{0.0}, {0.1}]  # the tiny BERT ships with 0.1

    rng = random.Random(3)
    spans = [span_example(i, rng) for i in range(8)]
    out = tmp_path / "t"
    tag_settings = TaggerSettings(**TINY, stride=8)
    tagger.train(
        SPAN_TASK, spans[:6], spans[6:], RunContext(tag_settings, tiny_bert_dir, out, NullReporter(), None)
    )
    assert loaded[2:] == [{0.0}]
    tagger.predict([spans[6].text], RunContext(tag_settings, tiny_bert_dir, out, NullReporter(), None))
    assert loaded[2:] == [{0.0}, {0.1}]


def test_instruct_trains_without_it_and_predicts_with_the_models_own(tiny_llama_dir, tmp_path, loaded):
    folder = tmp_path / "llama"
    shutil.copytree(tiny_llama_dir.path, folder)
    config_file = folder / "config.json"
    config_file.write_text(json.dumps({**json.loads(config_file.read_text()), "attention_dropout": 0.25}))
    source = check_model_folder(folder)
    settings = InstructSettings(
        epochs=1.0, batch_size=4, eval_batch_size=4, max_new_tokens=4, long_text="head_tail", lora_r=4
    )
    out = tmp_path / "run"
    instruct.train(SMOKING, DOCS[:4], [], RunContext(settings, source, out, NullReporter(), None))
    assert loaded == [{0.0}]
    instruct.predict([DOCS[0].text], RunContext(settings, source, out, NullReporter(), None))
    assert loaded == [{0.0}, {0.25}]
