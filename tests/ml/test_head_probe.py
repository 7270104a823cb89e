"""The classifier head started from a linear probe: the vectors it reads, the fit, the recipe's use."""

from __future__ import annotations

import numpy as np
import pytest

from medlabel.core.jobs import NullReporter
from medlabel.ml.device import plan_device
from medlabel.ml.models import load_tokenizer
from medlabel.ml.recipes import RunContext, classifier
from medlabel.ml.recipes.head_probe import fit_head, head_inputs, head_layer
from medlabel.ml.settings import ClassifierSettings
from medlabel.ml.tasks import DocTask
from tests.ml.toy import LABELS, toy_examples


def _linear_head(n_in: int, n_out: int):  # type: ignore[no-untyped-def]
    import torch

    class Model(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.classifier = torch.nn.Linear(n_in, n_out)

    return Model()


def _predict(model, vectors: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    import torch

    with torch.no_grad():
        return model.classifier(torch.as_tensor(vectors, dtype=torch.float32)).argmax(-1).numpy()


def test_the_head_takes_the_probe_s_answers_and_an_unseen_label_is_never_first():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 16)) * 3
    labels = [0, 1, 3] * 20  # label 2 of 4 never occurs in training
    vectors = np.stack([centres[[0, 1, 3].index(y)] + rng.normal(size=16) for y in labels])
    model = _linear_head(16, 4)
    accuracy = fit_head(model, vectors, labels, balanced=True)
    predicted = _predict(model, vectors)
    assert accuracy == pytest.approx(np.mean(predicted == labels))
    assert accuracy > 0.95
    assert 2 not in predicted
    assert 2 not in _predict(model, rng.normal(size=(200, 16)) * 3)


def test_two_labels_and_a_single_label():
    rng = np.random.default_rng(1)
    labels = [0, 1] * 30
    vectors = np.stack([np.full(8, 2.0 * y - 1) + rng.normal(size=8) * 0.5 for y in labels])
    model = _linear_head(8, 2)
    assert fit_head(model, vectors, labels, balanced=False) > 0.95
    assert list(_predict(model, vectors)) == labels

    before = model.classifier.weight.detach().clone()
    assert fit_head(model, vectors, [1] * len(labels), balanced=False) is None
    assert (model.classifier.weight == before).all()  # nothing to tell apart: the head stays as it was


@pytest.mark.parametrize("fixture", ["tiny_bert_dir", "tiny_llama_dir"])
def test_the_vectors_are_what_the_head_reads(fixture, request):
    """Through the head, the captured vectors give the model's own logits (decoders: last real token)."""
    import torch

    source = request.getfixturevalue(fixture)
    tokenizer = load_tokenizer(source)
    plan = plan_device(ClassifierSettings(), False)
    model = classifier._load_model(
        source, plan, LABELS, tokenizer, "mean" if fixture == "tiny_bert_dir" else "model"
    )
    texts = ["the cat sat", "a much longer report about the dog seen in the clinic today", "bird"]
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    assert batch["attention_mask"].min() == 0  # padding is in play
    vectors = head_inputs(model, [batch], "cpu", lambda index: None)
    assert vectors.shape == (3, model.config.hidden_size)
    model.eval()
    with torch.no_grad():
        expected = model(**batch).logits
        assert torch.allclose(head_layer(model)(torch.as_tensor(vectors)), expected, atol=1e-5)


def test_the_recipe_starts_its_head_from_the_probe_unless_told_otherwise(tiny_bert_dir, tmp_path):
    task = DocTask("pet", list(LABELS))
    results = {}
    for head_init in ("probe", "random"):
        config = ClassifierSettings(epochs=1.0, max_length=32, lora_r=4, lora_alpha=8, early_stopping=0,
                                    long_text="head_tail", head_init=head_init)  # fmt: skip
        results[head_init] = classifier.train(
            task,
            toy_examples(12, 1),
            toy_examples(3, 2),
            RunContext(config, tiny_bert_dir, tmp_path / head_init, NullReporter(), None),
        )
    assert 0 < results["probe"]["head_probe_accuracy"] <= 1
    assert results["random"]["head_probe_accuracy"] is None
