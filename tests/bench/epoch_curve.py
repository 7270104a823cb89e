"""Test macro-F1 of the smoking classifier after every epoch: could a better choice of epoch help?

    OMP_NUM_THREADS=2 .venv/bin/python tests/bench/epoch_curve.py smoking --test 300 --seeds 13 \
        --set early_stopping=0

Runs ``ml_quality.py`` with the same options and, after each epoch's validation, also scores the model
on the test split and prints one ``epoch N: validation ..., test ...`` line. If no epoch reaches a
target, no rule for choosing the epoch can. A diagnostic only: choosing settings by it would tune on
the test split. The test reports are read the way the run reads them: ``long_text`` as the run resolved
it (evidence through the run's own selector, or head and tail).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import ml_quality  # this folder is on sys.path when the script runs
from transformers import TrainerCallback

from medlabel.ml import trainer_setup

TASK = "smoking_status"
projects: list[Any] = []


class TestEachEpoch(TrainerCallback):
    """Scores the model being trained on the project's test split after every evaluation."""

    def __init__(self, config: Any) -> None:
        self.config = config  # the run's resolved ClassifierSettings (trainer_setup.fit passes them)
        self.features: list[dict[str, Any]] | None = None

    def _test_features(self, output_dir: str) -> list[dict[str, Any]]:
        from medlabel.ml.data import load_task
        from medlabel.ml.models import load_tokenizer, resolve_model
        from medlabel.ml.recipes import classifier
        from medlabel.ml.recipes.evidence import SELECTOR_FILE, EvidenceSelector

        data = load_task(projects[-1], TASK)
        label2id = {label: i for i, label in enumerate(data.task.labels)}
        self.n_labels = len(label2id)
        self.tokenizer = load_tokenizer(resolve_model(self.config.model))
        read = None
        if self.config.long_text == "evidence":  # the run's selector, saved before training starts
            selector = EvidenceSelector.load(Path(output_dir).parent / SELECTOR_FILE)
            read = classifier.report_reader(selector, self.tokenizer, self.config.evidence_tokens)
        features, _ = classifier._features(
            data.test, self.tokenizer, label2id, self.config.max_length, self.config, read
        )
        if len(features) != len(data.test):
            raise SystemExit("epoch_curve.py needs one window per report")
        return sorted(features, key=lambda f: len(f["input_ids"]))

    def on_evaluate(self, args: Any, state: Any, control: Any, metrics: Any = None, model: Any = None,
                    **kwargs: Any) -> None:  # fmt: skip
        import torch
        from sklearn.metrics import f1_score

        if self.features is None:
            self.features = self._test_features(args.output_dir)
        was_training = model.training
        model.eval()
        predicted = []
        with torch.no_grad():
            for start in range(0, len(self.features), self.config.eval_batch_size):
                chunk = self.features[start : start + self.config.eval_batch_size]
                batch = self.tokenizer.pad(
                    [{k: f[k] for k in ("input_ids", "attention_mask")} for f in chunk], return_tensors="pt"
                ).to(model.device)
                predicted += model(**batch).logits.argmax(-1).tolist()
        model.train(was_training)
        gold = [f["labels"] for f in self.features]
        test_f1 = f1_score(gold, predicted, labels=range(self.n_labels), average="macro", zero_division=0)
        print(
            f"epoch {state.epoch:.0f}: validation loss {metrics['eval_loss']:.3f}, "
            f"validation macro-F1 {metrics['eval_macro_f1']:.3f}, test macro-F1 {test_f1:.3f}",
            flush=True,
        )


def main() -> None:
    create = ml_quality.create_demo_project

    def remembered(*args: Any, **kwargs: Any) -> Any:
        projects.append(create(*args, **kwargs))
        return projects[-1]

    stopping = trainer_setup.early_stopping_callbacks
    ml_quality.create_demo_project = remembered
    trainer_setup.early_stopping_callbacks = lambda config: [*stopping(config), TestEachEpoch(config)]
    if sys.argv[1:2] != ["smoking"]:
        raise SystemExit("usage: epoch_curve.py smoking [ml_quality.py options]")
    ml_quality.main()


if __name__ == "__main__":
    main()
