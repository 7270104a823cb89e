"""Start the classification head from a linear probe: ``ClassifierSettings.head_init = probe``.

A fresh head is random and tiny, and LoRA's ``B`` matrices start at zero, so at the first step the
model answers every report alike and the adapters get almost no gradient (it reaches them through
the head's weights). Training must first wander out of that flat spot. On the smoking demo it took
from 2 to more than 6 epochs, depending only on the order of the batches: with one shuffle (seed 13,
random order) the model still answered UNKNOWN to every report after 6 epochs, and the speed bench's
plain script with that order after 15.

Fitting the head first, as a logistic regression (scikit-learn) on the frozen model's vectors of the
training reports, is the first half of LP-FT (Kumar et al. 2022, "Fine-Tuning can Distort Pretrained
Features"): it costs one forward pass over the training reports, and training then starts from a head
that already leans the right way, so the adapters learn from the first step. It is not the default:
see ``ClassifierSettings.head_init`` for what it did to the finished runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

# Inverse regularisation strength on vectors scaled to a mean length of 1. On MiniLM's mean-pooled
# vectors (mean length 1.3) it fits 71-72 % of the smoking training reports: a head that leans the right
# way, not one that already fits them all and leaves the adapters nothing to learn.
PROBE_C = 1.0


def head_layer(model: Any) -> Any | None:
    """The linear layer that turns the pooled vector into label scores, if the head is one."""
    import torch

    for name in ("classifier", "score"):
        layer = getattr(model, name, None)
        if isinstance(layer, torch.nn.Linear):
            return layer
    return None


def head_inputs(
    model: Any, batches: list[dict[str, Any]], device: Any, on_batch: Callable[[int], None]
) -> np.ndarray | None:
    """The vectors the head reads for each sequence of ``batches`` (padded tensors), in order; None when
    the head is not a linear layer. Decoders' heads read every position: the last real token is kept,
    the one transformers classifies from. ``on_batch(i)`` runs before batch i (progress, cancelling)."""
    import torch

    head = head_layer(model)
    if head is None:
        return None
    captured: list[torch.Tensor] = []
    hook = head.register_forward_pre_hook(lambda module, args: captured.append(args[0].detach()))
    was_training = model.training
    model.eval()
    rows = []
    try:
        with torch.no_grad():
            for index, batch in enumerate(batches):
                on_batch(index)
                captured.clear()
                model(**{k: v.to(device) for k, v in batch.items()})
                vectors = captured[0].float()
                if vectors.dim() == 3:
                    mask = batch["attention_mask"].to(vectors.device)
                    last = (mask * torch.arange(mask.shape[1], device=mask.device)).argmax(dim=1)
                    vectors = vectors[torch.arange(len(last), device=vectors.device), last]
                rows.append(vectors.cpu().numpy())
    finally:
        hook.remove()
        model.train(was_training)
    return np.concatenate(rows)


def fit_head(model: Any, vectors: np.ndarray, labels: list[int], balanced: bool) -> float | None:
    """Set the head's weights to a logistic regression of ``labels`` on ``vectors``; returns the share
    of training sequences it gets right, or None (head left as it is) when they hold a single label.
    Labels absent from training keep zero weights and a bias below every other."""
    import torch
    from sklearn.linear_model import LogisticRegression

    head = head_layer(model)
    y = np.asarray(labels)
    if head is None or len(set(labels)) < 2:
        return None
    scale = float(np.linalg.norm(vectors, axis=1).mean()) or 1.0
    x = vectors / scale
    regression = LogisticRegression(C=PROBE_C, max_iter=2000, class_weight="balanced" if balanced else None)
    regression.fit(x, y)
    coef, intercept = regression.coef_ / scale, regression.intercept_
    if len(regression.classes_) == 2:  # scikit-learn keeps one row for two classes: the second's score
        coef, intercept = (
            np.stack([-coef[0] / 2, coef[0] / 2]),
            np.array([-intercept[0] / 2, intercept[0] / 2]),
        )
    weight = np.zeros((head.out_features, vectors.shape[1]))
    bias = np.full(head.out_features, intercept.min() - 1.0)
    weight[regression.classes_] = coef
    bias[regression.classes_] = intercept
    with torch.no_grad():
        head.weight.copy_(torch.as_tensor(weight, dtype=head.weight.dtype))
        if head.bias is not None:
            head.bias.copy_(torch.as_tensor(bias, dtype=head.bias.dtype))
    return float(regression.score(x, y))
