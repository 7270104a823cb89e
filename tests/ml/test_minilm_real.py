"""One short fine-tune of the real, built-in MiniLM on demo reports: it must beat chance on held-out data."""

import pytest

from medlabel.core.demo import smoking
from medlabel.core.jobs import NullReporter
from medlabel.ml.config import TrainConfig
from medlabel.ml.models import resolve_model
from medlabel.ml.recipes import classifier
from medlabel.ml.tasks import DocExample, DocTask

pytestmark = pytest.mark.slow
LABELS = ["CURRENT SMOKER", "NON-SMOKER"]


@pytest.mark.xfail(
    strict=True,
    reason="known shortfall: a short LoRA run of MiniLM's classifier does not yet learn these long reports "
    "(0.5 here; 0.675 after 15 epochs at lr 2e-3) — the recipe needs better pooling or tuning (issue 3)",
)
def test_minilm_classifier_beats_chance_on_held_out_reports(tmp_path):
    batch = smoking.generate(400, seed=11)
    by_label = {label: [] for label in LABELS}
    for i, doc in enumerate(batch.documents):
        label = doc.labels["smoking_status"]
        if label in by_label:
            by_label[label].append(DocExample(i, doc.text, label))
    train = [ex for label in LABELS for ex in by_label[label][:24]]
    val = [ex for label in LABELS for ex in by_label[label][24:30]]
    test = [ex for label in LABELS for ex in by_label[label][30:50]]
    config = TrainConfig(task="smoking_status", epochs=4, batch_size=8, learning_rate=1e-3, early_stopping=0)
    source = resolve_model("minilm")
    classifier.train(
        DocTask("smoking_status", LABELS), train, val, config, source, tmp_path, NullReporter(), None
    )
    predictions = classifier.predict(tmp_path, [ex.text for ex in test], config, source, NullReporter(), None)
    accuracy = sum(p.label == ex.label for p, ex in zip(predictions, test, strict=True)) / len(test)
    # Balanced classes: chance is 0.5; 40 test reports make 0.7 very unlikely by luck (p < 0.01).
    assert accuracy >= 0.7, accuracy
