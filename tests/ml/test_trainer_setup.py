"""The weighted loss shared by the classifier (one label per report) and the tagger (one per token)."""

import pytest
import torch

from medlabel.ml.trainer_setup import class_weights, trainer_class


class _Out:
    def __init__(self, logits):
        self.logits = logits


class _Model(torch.nn.Module):
    def __init__(self, logits):
        super().__init__()
        self.fixed = logits

    def forward(self, **_):
        return _Out(self.fixed)


def test_weights_ignore_masked_tokens_and_soften_with_a_power():
    labels = [0] * 90 + [1] * 9 + [2] * 1 + [-100] * 50
    full = class_weights(labels, 3)
    soft = class_weights(labels, 3, power=0.5)
    assert full[2] / full[0] == pytest.approx(90) and full[1] / full[0] == pytest.approx(10)
    assert sum(full) / 3 == pytest.approx(1.0)  # the masked 50 count nowhere
    assert soft[2] / soft[0] == pytest.approx((90 / 1) ** 0.5)
    assert sum(soft) / 3 == pytest.approx(1.0)
    assert class_weights([0, 0], 3) == [1.0, 1.0, 1.0]  # unseen classes get 1


def test_token_loss_is_weighted_and_skips_ignored_positions():
    torch.manual_seed(0)
    logits = torch.randn(2, 5, 3)
    labels = torch.tensor([[0, 1, -100, 2, 0], [2, -100, -100, 0, 1]])
    weights = [0.5, 1.0, 2.0]
    trainer = object.__new__(trainer_class(weights))  # compute_loss needs no Trainer state
    loss = trainer.compute_loss(_Model(logits), {"labels": labels, "input_ids": None})
    keep = labels != -100
    w = torch.tensor(weights)[labels[keep]]
    per_token = torch.nn.functional.cross_entropy(logits[keep], labels[keep], reduction="none")
    assert loss.item() == pytest.approx(((per_token * w).sum() / w.sum()).item(), rel=1e-6)


def test_no_weights_means_the_plain_trainer():
    from transformers import Trainer

    assert trainer_class(None) is Trainer
