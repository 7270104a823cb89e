"""The built-in GGUF model (SmolLM2-135M-Instruct) loads as a plain, trainable model."""

import pytest
import torch

from medlabel.ml.models import load_pretrained, resolve_model


def test_gguf_weights_load_as_a_trainable_float_model():
    from transformers import AutoModelForCausalLM
    from transformers.trainer_utils import validate_quantization_for_training

    try:
        source = resolve_model("smollm2")
    except Exception as exc:  # the package is installed by setup.sh; say so if it is not
        pytest.skip(f"SmolLM2 is not installed: {exc}")
    model = load_pretrained(AutoModelForCausalLM, source, dtype=torch.float32)
    assert {p.dtype for p in model.parameters()} == {torch.float32}
    assert model.hf_quantizer is None and not model.is_quantized
    assert getattr(model.config, "quantization_config", None) is None
    validate_quantization_for_training(model)  # what the Trainer checks; raised for GGUF before
