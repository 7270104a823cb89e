"""What this machine offers for training, and what a run will take of it, shown before the run starts.

``detect_hardware`` asks torch about the GPU in a short child process (slow: call it off the GUI thread),
so that the app's own process never imports torch nor holds a CUDA context (which takes GPU memory
for as long as the app runs). ``estimate_run`` is arithmetic on the model's size, read from its files
without loading any weight, on the settings and on the reports' token counts (``count_tokens``).
The time assumes every epoch runs: early stopping may end a run sooner.
"""

from __future__ import annotations

import json
import math
import os
import re
import struct
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from medlabel.ml.data import TEST_FRACTION
from medlabel.ml.models import ModelError, ModelSource, load_tokenizer
from medlabel.ml.settings import (
    BaseSettings,
    ClassifierSettings,
    InstructSettings,
    NeuralSettings,
    TaggerSettings,
)
from medlabel.ml.threads import idle_cores

GB = 2**30  # binary gigabytes, labelled "GB" as Windows and torch's memory summaries do

# --- Calibration. Throughput is counted in forward-token equivalents (FTE): a training token costs 3
# (forward and backward), a predicted token 1. Reference, 2-core CPU VM, fp32, MiniLM-L6 classifier with
# LoRA on every linear layer, batch 8, max_length 512: one epoch of 255 training reports of ~512 tokens
# plus predicting 45 validation reports took about 90 s (docs/benchmarks.md has 61 s alone, 144 s beside
# another run), i.e. (255 * 3 + 45) * 512 / 90 = 4,608 FTE per second.
TRAIN_PASSES = 3
REF_FTE_PER_SECOND = (255 * TRAIN_PASSES + 45) * 512 / 90
REF_CORES = 2
# MiniLM-L6's parameters outside its embedding tables (model.safetensors): the work per token grows with
# these; an embedding row is only looked up. Throughput scales inversely with this count.
REF_COMPUTE_PARAMETERS = 10_794_624
# A rough assumption, NOT measured: one CUDA GPU trains a small model about 100 times as fast as the
# 2-core CPU VM. To be replaced by tests/bench/gpu_check.py figures once a GPU run is recorded.
GPU_SPEEDUP = 100.0
# Seconds besides the passes: loading the model, the baseline trained beside every run, calibration.
FIXED_SECONDS = 15.0
# long_text auto cross-validates TF-IDF on evidence sentences against whole reports before training:
# about 120 s for 300 reports on the loaded 2-core VM (docs/benchmarks.md, "long-text modes").
AUTO_LONG_TEXT_SECONDS_PER_REPORT = 0.4
BASELINE_SECONDS = 10.0  # TF-IDF + logistic regression: "seconds" (docs/benchmarks.md)

# --- Memory. Activations of one training step: bytes per (token x hidden size x layer). Measured
# 2026-12-06 on the 2-core VM: peak RSS of one MiniLM LoRA step (fp32, CPU, attention dropout 0 as the
# recipes train) less the RSS before it: 977 MiB for batch 8 x 256, 1,957 MiB for 8 x 512 and 986 MiB
# for 4 x 512, each 217-219 bytes. bf16 is assumed to take half (not measured).
ACTIVATION_BYTES = 218.0
# Python, torch, transformers, tokenizer and data: the default smoking run peaked at 895 MB RSS
# (docs/benchmarks.md), of which about 0.35 GB were MiniLM, its activations and optimiser state.
CPU_RUNTIME_BYTES = int(0.55e9)
GPU_RUNTIME_BYTES = int(1.0e9)  # CUDA context and kernels: an assumption, not measured
OPTIMISER_BYTES = 16  # per trainable (LoRA) parameter: fp32 weight, gradient, two AdamW moments
FITS_SHARE = 0.9  # a run planned above 90 % of the free memory is too close to the edge
# The instruct recipe's context and tokens per micro-batch (recipes/instruct.py; a test checks they agree),
# and its prompt around a report: instruction and definitions 350-650 tokens, plus the answer.
INSTRUCT_CONTEXT = 2048
INSTRUCT_TOKENS_PER_STEP = {"cpu": 4096, "cuda": 16384}
INSTRUCT_PROMPT_TOKENS = 550


@dataclass(frozen=True)
class Hardware:
    gpu_name: str | None
    gpu_free_bytes: int | None
    gpu_total_bytes: int | None
    cpu_cores: int
    idle_cores: int
    ram_total_bytes: int | None
    ram_available_bytes: int | None

    def describe(self) -> str:
        """A short English line, e.g. 'NVIDIA H100, 70.1 of 79.6 GB free' or 'CPU only, 2 cores (2 idle)'."""
        if self.gpu_name:
            if self.gpu_free_bytes is None or self.gpu_total_bytes is None:
                return self.gpu_name
            return (
                f"{self.gpu_name}, {self.gpu_free_bytes / GB:.1f} of {self.gpu_total_bytes / GB:.1f} GB free"
            )
        text = f"CPU only, {self.cpu_cores} cores ({self.idle_cores} idle)"
        if self.ram_available_bytes is not None and self.ram_total_bytes is not None:
            text += f", {self.ram_available_bytes / GB:.1f} of {self.ram_total_bytes / GB:.1f} GB RAM free"
        return text


def detect_hardware(isolated: bool = True, timeout: float = 120.0) -> Hardware:
    """This machine's GPU (asked in a child process unless not ``isolated``), cores and memory."""
    gpu = _gpu_in_child(timeout) if isolated else _gpu_here()
    ram_total, ram_available = _memory()
    return Hardware(*gpu, os.cpu_count() or 1, idle_cores(), ram_total, ram_available)


def _gpu_here() -> tuple[str | None, int | None, int | None]:
    try:
        import torch
    except ImportError:
        return None, None, None
    if not torch.cuda.is_available():
        return None, None, None
    # Measured with this process's own CUDA context in place, so a little below what a run will find.
    free, total = torch.cuda.mem_get_info(0)
    return torch.cuda.get_device_name(0), int(free), int(total)


def _print_gpu() -> None:
    """The child's side of ``_gpu_in_child``."""
    print(json.dumps(_gpu_here()))


def _gpu_in_child(timeout: float) -> tuple[str | None, int | None, int | None]:
    command = [sys.executable, "-c", "from medlabel.ml.hardware import _print_gpu; _print_gpu()"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except OSError:  # no Python to start (a frozen app): ask here instead
        return _gpu_here()
    except subprocess.TimeoutExpired:
        return None, None, None
    lines = done.stdout.strip().splitlines()
    try:
        name, free, total = json.loads(lines[-1]) if done.returncode == 0 and lines else (None, None, None)
    except ValueError:
        return None, None, None
    return name, free, total


def _memory() -> tuple[int | None, int | None]:
    """(total, available) RAM in bytes: psutil when installed, else /proc/meminfo, else unknown."""
    try:
        import psutil

        memory = psutil.virtual_memory()
        return int(memory.total), int(memory.available)
    except ImportError:
        pass
    try:
        fields = dict(
            line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines() if ":" in line
        )
        return int(fields["MemTotal"].split()[0]) * 1024, int(fields["MemAvailable"].split()[0]) * 1024
    except (OSError, KeyError, ValueError):
        return None, None


# --- The model's size, from its files -----------------------------------------------------------------


@dataclass(frozen=True)
class ModelShape:
    parameters: int
    compute_parameters: int  # outside the embedding tables and the LM head: what each token works through
    hidden_size: int
    layers: int
    intermediate_size: int
    max_positions: int | None
    source: str  # "safetensors", "gguf" or "config" (estimated from the configuration)


# Embedding tables and the LM head: looked up, or (the head) not used by classifiers and computed only
# for the answer tokens by instruct. Buffers such as position_ids are no parameters.
_EMBEDDING = re.compile(r"embed|(^|\.)(wte|wpe|lm_head)\.|^(token_embd|output)\.")
_BUFFER = re.compile(r"_ids$")
_HEADER_LIMIT = 100 * 2**20  # a safetensors header larger than this is a damaged file


def model_shape(source: ModelSource) -> ModelShape:
    """Parameters, hidden size and layers of ``source`` from safetensors headers or a GGUF header (the
    tensors' shapes), else estimated from config.json; no weight is read."""
    config = _config(source.path)
    if source.gguf_file:
        meta, tensors = _gguf_header(source.path / source.gguf_file)
        arch = str(meta.get("general.architecture", ""))
        sizes = {
            "hidden_size": meta.get(f"{arch}.embedding_length"),
            "num_hidden_layers": meta.get(f"{arch}.block_count"),
            "intermediate_size": meta.get(f"{arch}.feed_forward_length"),
            "max_position_embeddings": meta.get(f"{arch}.context_length"),
        }
        config = {**config, **{k: v for k, v in sizes.items() if v is not None}}
        kind = "gguf"
    else:
        tensors = {}
        for file in sorted(source.path.glob("*.safetensors")):
            tensors.update(_safetensors_shapes(file))
        kind = "safetensors" if tensors else "config"
    hidden = int(_first(config, "hidden_size", "n_embd", "d_model", "dim") or 768)
    layers = int(_first(config, "num_hidden_layers", "n_layer", "num_layers", "n_layers") or 12)
    inter = int(_first(config, "intermediate_size", "n_inner", "ffn_dim") or 4 * hidden)
    max_positions = _first(config, "max_position_embeddings", "n_positions")
    if tensors:
        sizes = {name: math.prod(shape) for name, shape in tensors.items() if not _BUFFER.search(name)}
        total = sum(sizes.values())
        compute = sum(n for name, n in sizes.items() if not _EMBEDDING.search(name))
    else:  # attention 4 h^2, the MLP 2 (3 when gated) h x intermediate, per layer; plus the embeddings
        compute = layers * (4 * hidden**2 + (3 if source.is_decoder else 2) * hidden * inter)
        total = compute + int(_first(config, "vocab_size") or 32000) * hidden
    return ModelShape(
        total, compute, hidden, layers, inter, int(max_positions) if max_positions else None, kind
    )


def _config(folder: Path) -> dict[str, Any]:
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    # Multimodal models (Gemma 3) keep the language model's sizes in text_config.
    return {**config.get("text_config", {}), **config} if isinstance(config, dict) else {}


def _first(config: dict[str, Any], *keys: str) -> Any:
    return next((config[k] for k in keys if config.get(k) is not None), None)


def _safetensors_shapes(file: Path) -> dict[str, list[int]]:
    """Tensor name -> shape from a safetensors file's header: 8 bytes little-endian length, then JSON."""
    with file.open("rb") as fh:
        raw = fh.read(8)
        length = struct.unpack("<Q", raw)[0] if len(raw) == 8 else -1
        if not 0 < length <= _HEADER_LIMIT:
            raise ModelError(f"{file}: not a safetensors file (its header length is {length})")
        try:
            header = json.loads(fh.read(length))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ModelError(f"{file}: the safetensors header is not valid JSON ({exc})") from exc
    try:
        return {name: list(info["shape"]) for name, info in header.items() if name != "__metadata__"}
    except (KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"{file}: the safetensors header lists a tensor without a shape ({exc})") from exc


# GGUF value types with a fixed size (the GGUF specification, version 2 and 3); 8 = string, 9 = array.
_GGUF_FORMATS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}


def _gguf_header(file: Path) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """(metadata scalars, tensor name -> shape) of a GGUF file; arrays (the vocabulary) are skipped.
    The gguf package's reader also parses the arrays, which takes seconds."""
    with file.open("rb") as fh:

        def read(fmt: str) -> Any:
            return struct.unpack("<" + fmt, fh.read(struct.calcsize(fmt)))[0]

        def string() -> str:
            return fh.read(read("Q")).decode("utf-8", "replace")

        def value(kind: int) -> Any:
            if kind == 8:
                return string()
            if kind == 9:
                item, count = read("I"), read("Q")
                if item in _GGUF_FORMATS:
                    fh.seek(count * struct.calcsize(_GGUF_FORMATS[item]), os.SEEK_CUR)
                else:
                    for _ in range(count):
                        value(item)
                return None
            return read(_GGUF_FORMATS[kind])

        try:
            if fh.read(4) != b"GGUF" or read("I") < 2:
                raise ModelError(f"{file}: not a GGUF file of version 2 or later")
            n_tensors, n_meta = read("Q"), read("Q")
            meta = {string(): value(read("I")) for _ in range(n_meta)}
            tensors = {}
            for _ in range(n_tensors):
                name = string()
                tensors[name] = [read("Q") for _ in range(read("I"))]
                read("I"), read("Q")  # type and offset
        except (struct.error, KeyError) as exc:
            raise ModelError(f"{file}: the GGUF header could not be read ({exc})") from exc
    return meta, tensors


def count_tokens(source: ModelSource, texts: Sequence[str]) -> list[int]:
    """Each text's length in the model's tokens, special tokens included (for ``estimate_run``; loads the
    tokenizer, so run it off the GUI thread)."""
    fast = source.path / "tokenizer.json"
    if not source.gguf_file and fast.is_file():
        # The Rust tokenizer alone: importing transformers in the app's process would hold the GIL for
        # seconds and stall the GUI thread, and encode_batch releases the GIL while it works.
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(fast))
        tokenizer.no_truncation()  # the file may pad or cut to the model's length: only counting here
        tokenizer.no_padding()
        return [len(e.ids) for e in tokenizer.encode_batch(list(texts))]
    tokenizer = load_tokenizer(source)
    lengths: list[int] = []
    for start in range(0, len(texts), 256):
        # verbose=False: no "longer than the maximum" warning; nothing is cut here, only counted.
        encoded = tokenizer(list(texts[start : start + 256]), truncation=False, verbose=False)
        lengths += [len(ids) for ids in encoded["input_ids"]]
    return lengths


# --- The estimate --------------------------------------------------------------------------------------


class Advice(NamedTuple):
    """A way to make a run fit, as data: the app words it from ``code`` and ``params``."""

    code: str
    params: dict[str, Any]
    message: str


@dataclass(frozen=True)
class Estimate:
    seconds: float  # every epoch run; early stopping may end sooner
    peak_bytes: int
    device: str  # "cpu" or "cuda"
    fits: bool
    advice: list[Advice] = field(default_factory=list)
    memory_limit_bytes: int | None = None  # the free GPU memory or available RAM it was compared with
    parameters: int = 0


def estimate_run(
    source: ModelSource | None,
    recipe: str,
    settings: BaseSettings,
    token_lengths: Sequence[int],
    hardware: Hardware,
) -> Estimate:
    """Duration and peak memory of a run of ``recipe`` with ``settings`` on the training reports whose
    token counts are ``token_lengths`` (all of them: the validation share is carved out here), before it
    starts; ``fits`` is False, with advice, when the peak would exceed 90 % of the free memory."""
    if recipe == "baseline" or source is None or not isinstance(settings, NeuralSettings):
        seconds = BASELINE_SECONDS + 0.01 * len(token_lengths)
        return Estimate(seconds, CPU_RUNTIME_BYTES, "cpu", True, [], hardware.ram_available_bytes, 0)
    shape = model_shape(source)
    wanted = settings.device
    device = "cuda" if hardware.gpu_name and wanted in ("auto", "cuda") else "cpu"  # mps: as the CPU
    limit = hardware.gpu_free_bytes if device == "cuda" else hardware.ram_available_bytes
    plan = _Plan(recipe, settings, shape, device, source.is_decoder, list(token_lengths))
    peak = plan.peak(settings.batch_size, plan.seq, settings.qlora)
    advice: list[Advice] = []
    if wanted == "cuda" and not hardware.gpu_name:
        advice.append(
            Advice(
                "train.device_missing", {"device": "cuda"}, "There is no CUDA GPU; use device auto or cpu."
            )
        )
    elif limit is not None and peak > FITS_SHARE * limit:
        advice = plan.advice(FITS_SHARE * limit)
    fits = not advice
    return Estimate(plan.seconds(hardware), peak, device, fits, advice, limit, shape.parameters)


@dataclass
class _Plan:
    recipe: str
    settings: NeuralSettings
    shape: ModelShape
    device: str
    decoder: bool
    lengths: list[int]

    def __post_init__(self) -> None:
        s, limit = self.settings, self.shape.max_positions
        if self.recipe == "instruct":
            self.cap = min(max(s.max_length, INSTRUCT_CONTEXT), limit or INSTRUCT_CONTEXT)
        else:
            self.cap = min(s.max_length, limit) if limit else s.max_length
        if s.train_size:
            self.lengths = self.lengths[: s.train_size]
        self.read = [self._read(n) for n in self.lengths]
        self.seq = min(max(self.read, default=self.cap), self.cap)  # the longest batch (length-grouped)

    def _read(self, n: int) -> int:
        """Tokens the model works through for a report of ``n`` tokens, in one training pass."""
        s = self.settings
        if isinstance(s, ClassifierSettings) and s.long_text == "evidence":
            return min(n, s.evidence_tokens)
        if isinstance(s, TaggerSettings) and n > self.cap:  # sliding windows share ``stride`` tokens
            stride = min(s.stride, self.cap // 2)
            return n + math.ceil((n - self.cap) / (self.cap - stride)) * stride
        if isinstance(s, InstructSettings):
            return min(n + INSTRUCT_PROMPT_TOKENS, self.cap)
        # head_tail and head read up to the cap; auto may choose evidence, so this is the longer case
        return min(n, self.cap)

    def seconds(self, hardware: Hardware) -> float:
        s, n = self.settings, len(self.read)
        if n == 0:
            return FIXED_SECONDS
        mean = sum(self.read) / n
        n_val = round(s.val_fraction * n) if n >= 4 else n
        n_test = round(n * TEST_FRACTION / (1 - TEST_FRACTION))  # the frozen test split beside them
        epochs = 0.0 if getattr(s, "zero_shot", False) else s.epochs
        work = epochs * ((n - n_val) * mean * TRAIN_PASSES + n_val * mean)  # validation each epoch
        generated = s.max_new_tokens if isinstance(s, InstructSettings) else 0
        work += n_test * (mean + generated)  # instruct generates its answers one token a step
        work *= s.ensemble if isinstance(s, ClassifierSettings) else 1
        speed = REF_FTE_PER_SECOND * REF_COMPUTE_PARAMETERS / max(1, self.shape.compute_parameters)
        if self.device == "cuda":
            speed *= GPU_SPEEDUP
        else:
            speed *= (s.threads or hardware.idle_cores) / REF_CORES
        extra = FIXED_SECONDS
        if isinstance(s, ClassifierSettings) and s.long_text == "auto":
            extra += AUTO_LONG_TEXT_SECONDS_PER_REPORT * n
        return work / speed + extra

    def peak(self, batch: int, seq: int, qlora: bool) -> int:
        """Peak bytes: runtime, weights, LoRA with its optimiser state, and the larger of the activations
        of a training step and of a prediction batch."""
        s, m = self.settings, self.shape
        # auto: bf16 on current GPUs (older ones train in fp16, which keeps fp32 weights: more than this)
        half = self.device == "cuda" and s.precision in ("auto", "bf16")
        weight_bytes = 0.55 if qlora else 2 if half else 4  # 4-bit NF4 with its scales
        runtime = GPU_RUNTIME_BYTES if self.device == "cuda" else CPU_RUNTIME_BYTES
        per_layer = m.hidden_size * (11 if self.decoder else 10) + m.intermediate_size * (
            3 if self.decoder else 2
        )
        lora = s.lora_r * m.layers * per_layer * OPTIMISER_BYTES
        tokens, predicted = batch * seq, s.eval_batch_size * seq
        if self.recipe == "instruct":  # micro-batches of at most TOKENS_PER_STEP tokens
            budget = INSTRUCT_TOKENS_PER_STEP[self.device]
            tokens, predicted = max(1, min(batch, budget // self.cap)) * seq, min(predicted, budget)
        value_bytes = 2 if half else 4
        per_layer_token = ACTIVATION_BYTES * value_bytes / 4 * m.hidden_size
        checkpointing = s.gradient_checkpointing == "on" or (
            s.gradient_checkpointing == "auto" and self.device == "cuda" and self.decoder
        )
        if checkpointing:  # each layer's input is kept, one layer at a time recomputed with its activations
            train = tokens * (m.layers * m.hidden_size * value_bytes + per_layer_token)
        else:
            train = tokens * m.layers * per_layer_token
        # Prediction keeps no activations: about two of one layer's widest tensors at a time.
        predict = predicted * (m.intermediate_size + 3 * m.hidden_size) * value_bytes * 2
        return int(runtime + m.parameters * weight_bytes + lora + max(train, predict))

    def advice(self, allowed: float) -> list[Advice]:
        """Each setting that alone brings the peak within ``allowed`` bytes, with the value that does; for
        a decoder on a GPU, qlora together with a smaller batch or shorter reports when neither alone does."""
        s = self.settings
        can_qlora = self.device == "cuda" and self.decoder and not s.qlora
        qlora = Advice(
            "train.use_qlora", {"setting": "qlora", "value": True},
            "Turn on qlora: the model's weights are then held in 4 bit.",
        )  # fmt: skip
        found = [qlora] if can_qlora and self.peak(s.batch_size, self.seq, True) <= allowed else []
        found += self._smaller(s.qlora, allowed, "")
        if not found and can_qlora:
            together = self._smaller(True, allowed, " together with qlora")
            found = [qlora, *together] if together else []
        if not found:
            need = self.peak(1, min(self.seq, 32), s.qlora or can_qlora)
            params = {"needed_bytes": need, "available_bytes": int(allowed / FITS_SHARE)}
            text = (
                f"Even at the smallest settings the run needs about {need / GB:.1f} GB; use a smaller model"
            )
            text += " or a machine with a GPU." if self.device == "cpu" else "."
            found.append(Advice("train.model_too_large", params, text))
        return found

    def _smaller(self, qlora: bool, allowed: float, suffix: str) -> list[Advice]:
        """The largest batch_size, and the longest max_length, below the settings' that fit."""
        s, found = self.settings, []
        batch = next(
            (b for b in range(s.batch_size - 1, 0, -1) if self.peak(b, self.seq, qlora) <= allowed), 0
        )
        if batch:
            steps = s.gradient_accumulation * math.ceil(s.batch_size / batch)
            params = {"setting": "batch_size", "value": batch, "gradient_accumulation": steps}
            text = (
                f"Lower batch_size to {batch}, with gradient_accumulation {steps} (the same effective batch)"
            )
            found.append(Advice("train.smaller_batch_size", params, text + suffix + "."))
        if self.recipe != "instruct":  # instruct's context is at least 2048 tokens whatever max_length says
            shorter = [n for n in (384, 256, 192, 128, 96, 64, 32) if n < self.seq]
            length = next((n for n in shorter if self.peak(s.batch_size, n, qlora) <= allowed), 0)
            if length:
                text = f"Lower max_length to {length} tokens (longer reports are cut)"
                params = {"setting": "max_length", "value": length}
                found.append(Advice("train.shorter_max_length", params, text + suffix + "."))
        return found
