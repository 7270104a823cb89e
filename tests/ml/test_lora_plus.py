"""TrainConfig.lora_plus_ratio: LoRA+ parameter groups, and the Trainer really steps with them."""

from __future__ import annotations

import pytest

from medlabel.core.jobs import NullReporter
from medlabel.ml.config import TrainConfig
from medlabel.ml.device import plan_device
from medlabel.ml.models import load_tokenizer
from medlabel.ml.recipes import classifier, hf_data
from medlabel.ml.tasks import DocTask
from medlabel.ml.trainer_setup import optimizers
from tests.ml.toy import LABELS, toy_examples


def peft_classifier(source, config):  # type: ignore[no-untyped-def]
    plan = plan_device(config, False)
    base = classifier._load_model(source, plan, LABELS, load_tokenizer(source), "model")
    return hf_data.add_lora(base, config, "SEQ_CLS", plan)


def test_plain_lora_leaves_the_optimiser_to_the_trainer(tiny_bert_dir):
    for ratio in (0.0, 1.0):
        config = TrainConfig(lora_r=4, lora_alpha=8, lora_plus_ratio=ratio)
        assert optimizers(peft_classifier(tiny_bert_dir, config), config) == (None, None)


def test_lora_plus_gives_the_b_matrices_ratio_times_the_learning_rate(tiny_bert_dir):
    config = TrainConfig(lora_r=4, lora_alpha=8, lora_plus_ratio=16, learning_rate=2e-4, weight_decay=0.05)
    model = peft_classifier(tiny_bert_dir, config)
    optimizer, scheduler = optimizers(model, config)
    assert scheduler is None  # the Trainer builds its warmup schedule around this optimiser
    rate = {id(p): group["lr"] for group in optimizer.param_groups for p in group["params"]}
    named = {n: p for n, p in model.named_parameters() if p.requires_grad}
    b = [n for n in named if "lora_B" in n]
    a = [n for n in named if "lora_A" in n]
    assert b and a
    assert [rate[id(named[n])] for n in b] == pytest.approx([16 * 2e-4] * len(b))
    assert [rate[id(named[n])] for n in a] == pytest.approx([2e-4] * len(a))
    assert set(map(id, named.values())) == set(rate)  # the head is trained too
    assert {g["weight_decay"] for g in optimizer.param_groups if g["params"]} <= {0.0, 0.05}


def test_classifier_training_steps_with_lora_plus(tiny_bert_dir, tmp_path, monkeypatch):
    from transformers import Trainer

    seen = []
    original = Trainer.create_optimizer

    def spy(self):  # type: ignore[no-untyped-def]
        optimizer = original(self)
        seen.append(sorted({group["lr"] for group in optimizer.param_groups if group["params"]}))
        return optimizer

    monkeypatch.setattr(Trainer, "create_optimizer", spy)
    config = TrainConfig(
        epochs=1.0,
        max_length=32,
        lora_r=4,
        lora_alpha=8,
        early_stopping=0,
        lora_plus_ratio=8,
        learning_rate=1e-3,
    )
    task = DocTask("pet", list(LABELS))
    classifier.train(task, toy_examples(12, 1), toy_examples(3, 2), config, tiny_bert_dir, tmp_path,
                     NullReporter(), None)  # fmt: skip
    assert seen and seen[-1][-1] == pytest.approx(8e-3)
