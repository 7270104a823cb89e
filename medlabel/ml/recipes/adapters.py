"""Opening a run's LoRA adapter: from safetensors only.

peft's ``PeftModel.from_pretrained`` reads ``adapter_model.safetensors`` when it is there and otherwise
falls back to ``adapter_model.bin``, a torch pickle (``load_peft_weights`` in
peft/utils/save_and_load.py); it has no setting that refuses the fallback. peft loads that pickle with
``torch.load(weights_only=True)``, which limits what it may build, but that limit has been bypassed
before (CVE-2025-32434), and medlabel only ever saves safetensors: a run folder without them was not
written by medlabel, so it is refused before peft looks at it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from medlabel.core.errors import MedlabelError

# peft's names (peft.utils.constants), spelled out so that checking a folder does not import peft.
ADAPTER_WEIGHTS = "adapter_model.safetensors"
ADAPTER_CONFIG = "adapter_config.json"
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".pkl", ".pickle", ".joblib")


def check_adapter_folder(folder: Path) -> Path:
    """``folder`` if it holds an adapter saved as safetensors; otherwise a MedlabelError saying why."""
    folder = Path(folder)
    if not (folder / ADAPTER_WEIGHTS).is_file():
        pickles = sorted(p.name for p in folder.glob("*") if p.suffix in PICKLE_SUFFIXES)
        if pickles:
            raise MedlabelError(
                f"{folder / pickles[0]}: this run's adapter is stored as a pickle, which can run code "
                "when loaded, and medlabel only opens adapters saved as safetensors: train the run again"
            )
        raise MedlabelError(
            f"{folder} holds no {ADAPTER_WEIGHTS}: this run's adapter was not saved; train the run again"
        )
    if not (folder / ADAPTER_CONFIG).is_file():
        raise MedlabelError(
            f"{folder} holds no {ADAPTER_CONFIG}: this run's adapter was not saved whole; train the run again"
        )
    return folder


def load_adapter(base: Any, folder: Path) -> Any:
    """``base`` with the LoRA adapter saved in ``folder`` (a ``PeftModel``), read from safetensors."""
    from peft import PeftModel

    return PeftModel.from_pretrained(base, str(check_adapter_folder(folder)))
