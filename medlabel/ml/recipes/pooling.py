"""How the classifier turns a report's token vectors into one vector for its head.

Sentence-transformers models such as all-MiniLM-L6-v2 were trained to mean their token vectors; their
``[CLS]`` vector and BERT pooler were never trained to summarise a text. A classification head on
``[CLS]`` then has to teach the whole encoder (through LoRA) to route the report into one token, which
was slow to start or did not start at all; mean pooling starts from the vector the model was trained to
produce. Max pooling and a learnt attention pooling did no better and are not offered (figures in
docs/benchmarks.md, "Pooling").
"""

from __future__ import annotations

import json
from typing import Any

from medlabel.core.errors import MedlabelError
from medlabel.ml.models import ModelSource

POOLING_TYPE = "sentence_transformers.models.Pooling"
# Architectures whose sequence-classification head reads the encoder's ``pooler_output`` (which
# mean pooling replaces); RoBERTa, DeBERTa and decoders take a token of their own instead.
POOLER_HEAD_TYPES = {"bert"}


def sentence_pooling(source: ModelSource) -> str | None:
    """The pooling a sentence-transformers model folder declares: "mean", otherwise its mode names as
    written there ("cls_token", "max_tokens", joined by "+"); None for an ordinary Hugging Face folder."""
    if source.gguf_file:
        return None
    try:
        modules = json.loads((source.path / "modules.json").read_text(encoding="utf-8"))
        folder = next(m["path"] for m in modules if m.get("type") == POOLING_TYPE)
        settings = json.loads((source.path / folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, StopIteration, KeyError, TypeError):
        return None
    modes = [key.removeprefix("pooling_mode_") for key, on in settings.items()
             if key.startswith("pooling_mode_") and on is True]  # fmt: skip
    if modes == ["mean_tokens"]:
        return "mean"
    return "+".join(modes) or None


def choose_pooling(setting: str, source: ModelSource) -> str:
    """``model`` (the architecture's own head input) or ``mean``, for ``ClassifierSettings.pooling``."""
    if setting == "model":
        return "model"
    supported = source.model_type in POOLER_HEAD_TYPES
    if setting == "mean":
        if not supported:
            raise MedlabelError(
                f"pooling 'mean' works for BERT-type encoders; {source.name} is {source.model_type!r}. "
                "Use pooling 'auto' or 'model'"
            )
        return "mean"
    return "mean" if supported and sentence_pooling(source) == "mean" else "model"


def use_mean_pooling(model: Any) -> None:
    """Make ``model`` (a BERT-type sequence classifier) classify the mean of its unpadded token vectors.

    The encoder's pooler is dropped, so no unused weights remain (distributed training refuses those),
    and a forward hook puts the masked mean where the classification head reads the pooler's output.
    """
    import torch

    encoder = model.base_model

    def mean_hook(module: Any, args: tuple, kwargs: dict[str, Any], output: Any) -> Any:
        hidden = output["last_hidden_state"]
        mask = kwargs.get("attention_mask")
        mask = torch.ones(hidden.shape[:2], device=hidden.device) if mask is None else mask
        weights = mask.to(hidden.dtype).unsqueeze(-1)
        output["pooler_output"] = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        return output

    encoder.pooler = None
    encoder.register_forward_hook(mean_hook, with_kwargs=True)


def describe(pooling: str) -> str:
    return "the mean of the token vectors" if pooling == "mean" else "the model's own summary token"


def settings_pooling(settings: dict[str, Any]) -> str:
    """The pooling a saved run used; runs from before this setting existed used the model's own."""
    return str(settings.get("pooling", "model"))
