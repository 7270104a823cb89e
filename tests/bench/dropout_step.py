"""What dropout costs per MiniLM LoRA training step on this CPU (batch 8 x 512 tokens, train mode).

    OMP_NUM_THREADS=2 .venv/bin/python tests/bench/dropout_step.py

Prints the mean seconds per step (forward, backward, AdamW) for combinations of the base model's
attention dropout, its hidden-layer dropout and the LoRA dropout. Attention dropout is what keeps
PyTorch's fused attention kernel from running; training loads every base model with none
(``hf_data.TRAIN_ATTENTION_DROPOUT`` = 0) because of this. The attention dropout reaches the model the way
medlabel passes it, through ``models.attention_dropout_kwargs``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

COMBINATIONS = [(0.1, 0.1, 0.1), (0.0, 0.1, 0.1), (0.1, 0.0, 0.1), (0.1, 0.1, 0.0), (0.0, 0.0, 0.0)]


def seconds_per_step(attention: float, hidden: float, lora: float, steps: int = 4) -> float:
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForSequenceClassification

    from medlabel.ml.models import attention_dropout_kwargs, resolve_model

    torch.manual_seed(0)
    source = resolve_model("minilm")
    model = AutoModelForSequenceClassification.from_pretrained(
        source.path, num_labels=5, local_files_only=True, dtype=torch.float32, hidden_dropout_prob=hidden,
        **attention_dropout_kwargs(source, attention),
    )  # fmt: skip
    lora_config = LoraConfig(
        task_type="SEQ_CLS", r=16, lora_alpha=32, lora_dropout=lora, target_modules="all-linear"
    )
    model = get_peft_model(model, lora_config).train()
    optimiser = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-3)
    ids, labels = torch.randint(1000, 20000, (8, 512)), torch.randint(0, 5, (8,))
    times = []
    for _ in range(steps + 1):
        start = time.perf_counter()
        model(input_ids=ids, attention_mask=torch.ones_like(ids), labels=labels).loss.backward()
        optimiser.step()
        optimiser.zero_grad()
        times.append(time.perf_counter() - start)
    return sum(times[1:]) / steps  # the first step warms up the kernels


def main() -> None:
    print("attention  hidden  LoRA   s/step")
    for attention, hidden, lora in COMBINATIONS:
        print(
            f"{attention:9.1f}  {hidden:6.1f}  {lora:4.1f}  {seconds_per_step(attention, hidden, lora):7.2f}"
        )


if __name__ == "__main__":
    main()
