"""TrainConfig.attention_dropout reaches the base model that is trained, under each config name."""

from __future__ import annotations

import random

import pytest

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import NullReporter
from medlabel.ml.config import TrainConfig
from medlabel.ml.device import plan_device
from medlabel.ml.models import attention_dropout_kwargs
from medlabel.ml.recipes import classifier, hf_data, tagger
from medlabel.ml.tasks import DocTask
from tests.ml.test_tagger import TASK as SPAN_TASK
from tests.ml.test_tagger import example as span_example
from tests.ml.toy import LABELS, toy_examples


def test_bert_and_llama_configs_get_their_own_key(tiny_bert_dir, tiny_llama_dir):
    assert attention_dropout_kwargs(tiny_bert_dir, 0.0) == {"attention_probs_dropout_prob": 0.0}
    assert attention_dropout_kwargs(tiny_llama_dir, 0.25) == {"attention_dropout": 0.25}


def test_load_base_sets_the_dropout_the_attention_layers_use(tiny_bert_dir, tiny_llama_dir):
    from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification

    plan = plan_device(TrainConfig(), False)
    bert = hf_data.load_base(AutoModelForSequenceClassification, tiny_bert_dir, plan, 0.0, num_labels=2)
    assert {layer.attention.self.dropout.p for layer in bert.bert.encoder.layer} == {0.0}
    as_shipped = hf_data.load_base(AutoModelForSequenceClassification, tiny_bert_dir, plan, num_labels=2)
    assert {layer.attention.self.dropout.p for layer in as_shipped.bert.encoder.layer} == {0.1}
    llama = hf_data.load_base(AutoModelForCausalLM, tiny_llama_dir, plan, 0.25)
    assert {layer.self_attn.attention_dropout for layer in llama.model.layers} == {0.25}


def test_classifier_and_tagger_training_pass_the_setting_on(tiny_bert_dir, tmp_path, monkeypatch):
    asked: list[float] = []

    def spy(source, probability):  # type: ignore[no-untyped-def]
        asked.append(probability)
        return attention_dropout_kwargs(source, probability)

    monkeypatch.setattr(hf_data, "attention_dropout_kwargs", spy)
    config = TrainConfig(
        epochs=1.0, max_length=32, lora_r=4, lora_alpha=8, attention_dropout=0.05, ensemble=1
    )
    task = DocTask("pet", list(LABELS))
    classifier.train(
        task, toy_examples(8, 1), [], config, tiny_bert_dir, tmp_path / "c", NullReporter(), None
    )
    rng = random.Random(3)
    spans = [span_example(i, rng) for i in range(8)]
    tagger.train(SPAN_TASK, spans[:6], spans[6:], config, tiny_bert_dir, tmp_path / "t", NullReporter(), None)
    assert asked == [0.05, 0.05]


@pytest.mark.parametrize("value", [-0.1, 1.0])
def test_out_of_range_dropouts_are_refused(value):
    with pytest.raises(MedlabelError, match="attention_dropout"):
        TrainConfig(attention_dropout=value).validate()
    with pytest.raises(MedlabelError, match="lora_dropout"):
        TrainConfig(lora_dropout=value).validate()
