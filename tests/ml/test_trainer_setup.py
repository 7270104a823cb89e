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


def test_without_validation_nothing_is_evaluated_selected_or_stopped_on(tmp_path):
    from transformers.trainer_utils import IntervalStrategy, SaveStrategy

    from medlabel.ml.device import plan_device
    from medlabel.ml.settings import ClassifierSettings
    from medlabel.ml.trainer_setup import training_arguments, without_validation

    settings = ClassifierSettings(epochs=2.0)
    args = training_arguments(settings, tmp_path, plan_device(settings, False), 16, "eval_macro_f1")
    assert args.eval_strategy == IntervalStrategy.EPOCH and args.load_best_model_at_end
    args = without_validation(args)
    assert (args.eval_strategy, args.save_strategy) == (IntervalStrategy.NO, SaveStrategy.NO)
    assert not args.load_best_model_at_end and args.metric_for_best_model is None


def test_fit_cancelled_before_it_starts_trains_and_saves_nothing(tiny_bert_dir, tmp_path):
    import threading

    from medlabel.core.jobs import Cancelled, RecordingReporter
    from medlabel.ml.device import plan_device
    from medlabel.ml.models import load_tokenizer
    from medlabel.ml.recipes import classifier
    from medlabel.ml.recipes.hf_data import FeatureDataset, add_lora
    from medlabel.ml.settings import ClassifierSettings
    from medlabel.ml.trainer_setup import fit

    settings = ClassifierSettings(epochs=1.0, lora_r=4, lora_alpha=8)
    plan = plan_device(settings, False)
    base = classifier._load_model(tiny_bert_dir, plan, ["a", "b"], load_tokenizer(tiny_bert_dir), "model")
    model = add_lora(base, settings, "SEQ_CLS", plan)
    data = FeatureDataset([{"input_ids": [101, 7, 102], "attention_mask": [1, 1, 1], "labels": i % 2}
                           for i in range(4)])  # fmt: skip
    (tmp_path / "checkpoints").mkdir()  # as an earlier, interrupted attempt might have left
    cancel = threading.Event()
    cancel.set()
    reporter = RecordingReporter()
    with pytest.raises(Cancelled):
        fit(model, settings, tmp_path, plan, data, data, reporter, cancel, metric="eval_loss",
            greater_is_better=False)  # fmt: skip
    assert reporter.events == []  # not one step trained, nothing reported
    assert not (tmp_path / "adapter").exists() and not (tmp_path / "checkpoints").exists()
