"""gradient_checkpointing=on (the GPU default for LLMs) must still train every LoRA layer.

Checkpointed blocks are re-run in the backward pass, and with frozen embeddings as their only input a
reentrant checkpoint would drop the gradients of every adapter inside them, silently. transformers and
peft guard against that today; this checks it for all three recipes on the CPU, which runs the same
code path as a GPU: after training, each adapter's B matrix (zero at the start) must have moved.
"""

from __future__ import annotations

import pytest
from safetensors.torch import load_file

from medlabel.core.jobs import NullReporter
from medlabel.ml.recipes import RunContext, classifier, instruct, tagger
from medlabel.ml.settings import ClassifierSettings, InstructSettings, NeuralSettings, TaggerSettings
from medlabel.ml.tasks import DocTask
from tests.ml.test_instruct import DOCS, SMOKING
from tests.ml.test_tagger import TASK as SPAN_TASK
from tests.ml.test_tagger import example
from tests.ml.toy import LABELS, toy_examples


def settings(cls: type[NeuralSettings], **extra) -> NeuralSettings:  # type: ignore[no-untyped-def]
    return cls(
        epochs=1.0, batch_size=4, eval_batch_size=4, max_length=32, early_stopping=0, lora_r=4, lora_alpha=8,
        lora_dropout=0.0, learning_rate=1e-2, gradient_checkpointing="on", **extra,
    ).validate()  # fmt: skip


def untrained_adapters(adapter_dir) -> list[str]:  # type: ignore[no-untyped-def]
    weights = load_file(str(adapter_dir / "adapter_model.safetensors"))
    b = {name: tensor for name, tensor in weights.items() if "lora_B" in name}
    assert b, "no LoRA B matrices saved"
    return sorted(name for name, tensor in b.items() if not tensor.abs().sum() > 0)


def test_classifier_trains_every_adapter_with_checkpointing(tiny_llama_dir, tmp_path):
    task = DocTask("pet", list(LABELS))
    config = settings(ClassifierSettings, long_text="head_tail")
    classifier.train(
        task, toy_examples(12, 1), [], RunContext(config, tiny_llama_dir, tmp_path, NullReporter(), None)
    )
    assert untrained_adapters(tmp_path / classifier.ADAPTER_DIR) == []


def test_tagger_trains_every_adapter_with_checkpointing(tiny_llama_dir, tmp_path):
    import random

    rng = random.Random(3)
    examples = [example(i, rng) for i in range(12)]
    config = settings(TaggerSettings, stride=8)
    tagger.train(
        SPAN_TASK,
        examples[:8],
        examples[8:],
        RunContext(config, tiny_llama_dir, tmp_path, NullReporter(), None),
    )
    assert untrained_adapters(tmp_path / tagger.ADAPTER_DIR) == []


@pytest.mark.parametrize("task", [SMOKING])
def test_instruct_trains_every_adapter_with_checkpointing(task, tiny_llama_dir, tmp_path):
    config = settings(InstructSettings, max_new_tokens=8, long_text="head_tail")
    instruct.train(task, DOCS[:8], [], RunContext(config, tiny_llama_dir, tmp_path, NullReporter(), None))
    assert untrained_adapters(tmp_path / instruct.ADAPTER_DIR) == []
