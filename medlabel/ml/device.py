"""Which device and number format a run uses, decided once and recorded with the run."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from medlabel.core.errors import MedlabelError
from medlabel.ml.settings import NeuralSettings


@dataclass(frozen=True)
class DevicePlan:
    device: str  # "cuda", "mps" or "cpu"
    bf16: bool
    fp16: bool
    gradient_checkpointing: bool
    qlora: bool
    description: str


def plan_device(config: NeuralSettings, is_decoder: bool) -> DevicePlan:
    import torch

    wanted = getattr(config, "device", "auto")
    cuda = torch.cuda.is_available() and wanted in ("auto", "cuda")
    mps = (not cuda and wanted in ("auto", "mps") and getattr(torch.backends, "mps", None) is not None
           and torch.backends.mps.is_available())  # fmt: skip
    if wanted in ("cuda", "mps") and not (cuda or mps):
        raise MedlabelError(
            f"device {wanted} is not available on this machine; use device auto or cpu",
            code="train.device_missing",
            device=wanted,
        )
    device = "cuda" if cuda else "mps" if mps else "cpu"
    bf16 = fp16 = False
    if config.precision == "auto":
        if cuda:
            bf16 = torch.cuda.is_bf16_supported()
            fp16 = not bf16
    elif config.precision in ("bf16", "fp16"):
        if not cuda:
            raise MedlabelError(
                f"precision {config.precision} needs a CUDA GPU; on this machine use fp32 or auto"
            )
        bf16, fp16 = config.precision == "bf16", config.precision == "fp16"
    checkpointing = config.gradient_checkpointing == "on" or (
        config.gradient_checkpointing == "auto" and cuda and is_decoder
    )
    if config.qlora:
        if not cuda:
            raise MedlabelError("4-bit QLoRA needs a CUDA GPU; turn qlora off on this machine")
        if importlib.util.find_spec("bitsandbytes") is None:
            raise MedlabelError("4-bit QLoRA needs the bitsandbytes package: pip install bitsandbytes")
    name = torch.cuda.get_device_name(0) if cuda else device
    fmt = "bf16" if bf16 else "fp16" if fp16 else "fp32"
    return DevicePlan(device, bf16, fp16, checkpointing, config.qlora, f"{name}, {fmt}")
