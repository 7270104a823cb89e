"""Hardware detection and the run estimate: the model's size from its files, time and memory before a run."""

import json
import os
import struct
import subprocess
import sys

import pytest

from medlabel.ml.hardware import (
    GB,
    INSTRUCT_CONTEXT,
    INSTRUCT_TOKENS_PER_STEP,
    REF_COMPUTE_PARAMETERS,
    Hardware,
    _memory,
    count_tokens,
    detect_hardware,
    estimate_run,
    model_shape,
)
from medlabel.ml.models import ModelError, check_model_folder, load_tokenizer, resolve_model
from medlabel.ml.settings import settings_for

CPU2 = Hardware(None, None, None, 2, 2, 16 * GB, 12 * GB)
H100 = Hardware("NVIDIA H100", int(70.1 * GB), int(79.6 * GB), 16, 16, 128 * GB, 100 * GB)


@pytest.fixture(scope="module")
def minilm():
    return resolve_model("minilm")


def classifier(**values):
    return settings_for("classifier", {"long_text": "head_tail", **values})


def test_detect_hardware_reports_this_machine():
    found = detect_hardware()
    assert found.cpu_cores == os.cpu_count()
    assert 1 <= found.idle_cores <= found.cpu_cores
    assert found.ram_total_bytes and 0 < found.ram_available_bytes <= found.ram_total_bytes
    assert found.gpu_name == detect_hardware(isolated=False).gpu_name  # the child sees what torch sees here
    if found.gpu_name is None:
        assert found.describe().startswith(f"CPU only, {found.cpu_cores} cores ({found.idle_cores} idle)")
    else:
        assert found.gpu_free_bytes <= found.gpu_total_bytes and found.gpu_name in found.describe()


def test_memory_without_psutil_reads_proc_meminfo(monkeypatch):
    total, _ = _memory()
    monkeypatch.setitem(sys.modules, "psutil", None)  # importing it now raises ImportError
    fallback_total, fallback_available = _memory()
    if os.path.exists("/proc/meminfo"):
        assert abs(fallback_total - total) <= 0.01 * total and 0 < fallback_available <= fallback_total
    else:  # pragma: no cover - not Linux
        assert (fallback_total, fallback_available) == (None, None)


def test_describe():
    assert H100.describe() == "NVIDIA H100, 70.1 of 79.6 GB free"
    assert CPU2.describe() == "CPU only, 2 cores (2 idle), 12.0 of 16.0 GB RAM free"


def test_minilm_size_from_the_header_is_the_loaded_models(minilm):
    from transformers import AutoModel

    from medlabel.ml.models import load_pretrained

    shape = model_shape(minilm)
    model = load_pretrained(AutoModel, minilm)
    assert shape.parameters == sum(p.numel() for p in model.parameters())  # 22.7M, buffers left out
    assert 22.5e6 < shape.parameters < 22.9e6
    assert shape.compute_parameters == REF_COMPUTE_PARAMETERS
    assert (shape.hidden_size, shape.layers, shape.max_positions, shape.source) == (
        384,
        6,
        512,
        "safetensors",
    )


def test_gguf_size_from_the_header():
    from gguf import GGUFReader

    source = resolve_model("smollm2")
    shape = model_shape(source)
    reader = GGUFReader(source.path / source.gguf_file)
    assert shape.parameters == sum(int(t.n_elements) for t in reader.tensors)  # SmolLM2-135M: 134.5M
    assert (shape.hidden_size, shape.layers, shape.source) == (576, 30, "gguf")
    assert shape.compute_parameters == shape.parameters - 49152 * 576  # the tied embedding table


def test_minilm_estimate_matches_the_measured_run(minilm):
    # Measured: about 90 s an epoch for 255 training reports of ~512 tokens (and 45 validated), 15 epochs.
    estimate = estimate_run(minilm, "classifier", classifier(), [512] * 300, CPU2)
    assert estimate.device == "cpu" and estimate.fits and not estimate.advice
    assert 22 * 60 / 1.5 < estimate.seconds < 22 * 60 * 1.5
    as_briefed = estimate_run(minilm, "classifier", classifier(), [512] * 255, CPU2)
    assert 22 * 60 / 1.5 < as_briefed.seconds < 22 * 60 * 1.5
    # Peak RSS: about 0.5 GB of runtime and model, plus 2 GB measured for a batch of 8 x 512.
    assert 2.0 * GB < estimate.peak_bytes < 3.5 * GB


def test_estimate_grows_with_data_epochs_length_and_models(minilm):
    def seconds(lengths=(900,) * 200, **values):
        return estimate_run(minilm, "classifier", classifier(**values), list(lengths), CPU2).seconds

    assert seconds((900,) * 100) < seconds((900,) * 200) < seconds((900,) * 400)
    assert seconds(epochs=2) < seconds(epochs=8) < seconds(epochs=15)
    assert seconds(max_length=128) < seconds(max_length=256) < seconds(max_length=512)
    assert seconds(long_text="evidence") < seconds(long_text="head") == seconds()
    assert seconds() < seconds(long_text="auto")  # auto also cross-validates what to read first
    assert 2.8 * seconds() < seconds(ensemble=3) < 3 * seconds()
    peaks = [
        estimate_run(minilm, "classifier", classifier(max_length=n), [900] * 50, CPU2).peak_bytes
        for n in (128, 256, 512)
    ]
    assert peaks == sorted(peaks) and peaks[0] < peaks[-1]
    one_core = Hardware(None, None, None, 2, 1, 16 * GB, 12 * GB)
    assert estimate_run(minilm, "classifier", classifier(), [512] * 100, one_core).seconds > seconds(
        (512,) * 100
    )
    on_gpu = estimate_run(minilm, "classifier", classifier(), [512] * 100, H100)
    assert on_gpu.device == "cuda" and on_gpu.seconds < seconds((512,) * 100) / 10


def test_advised_settings_fit(minilm):
    small = Hardware(None, None, None, 2, 2, 4 * GB, int(3.5 * GB))
    big_batch = classifier(batch_size=32)
    estimate = estimate_run(minilm, "classifier", big_batch, [512] * 100, small)
    assert not estimate.fits and estimate.peak_bytes > 0.9 * 3.5 * GB
    advice = {a.code: a.params for a in estimate.advice}
    assert set(advice) == {"train.smaller_batch_size", "train.shorter_max_length"}
    batch = advice["train.smaller_batch_size"]["value"]
    assert advice["train.smaller_batch_size"]["gradient_accumulation"] * batch >= 32
    for values in (
        {"batch_size": batch},
        {"batch_size": 32, "max_length": advice["train.shorter_max_length"]["value"]},
    ):
        assert estimate_run(minilm, "classifier", classifier(**values), [512] * 100, small).fits
    assert not estimate_run(minilm, "classifier", classifier(batch_size=batch + 1), [512] * 100, small).fits


def _huge_model(folder, layers=80, hidden=8192, inter=28672, vocab=128256):
    """A Llama-70B-sized folder: config.json, a tokenizer file and a safetensors header without data."""
    folder.mkdir()
    config = {"model_type": "llama", "hidden_size": hidden, "num_hidden_layers": layers,
              "intermediate_size": inter, "vocab_size": vocab, "max_position_embeddings": 8192}  # fmt: skip
    (folder / "config.json").write_text(json.dumps(config))
    (folder / "tokenizer.json").write_text("{}")
    shapes = {"model.embed_tokens.weight": [vocab, hidden], "lm_head.weight": [vocab, hidden]}
    for i in range(layers):
        for name in ("q_proj", "k_proj", "v_proj", "o_proj"):
            shapes[f"model.layers.{i}.self_attn.{name}.weight"] = [hidden, hidden]
        for name in ("gate_proj", "up_proj", "down_proj"):
            shapes[f"model.layers.{i}.mlp.{name}.weight"] = [inter, hidden]
    header, offset = {}, 0
    for name, shape in shapes.items():
        size = 2 * shape[0] * shape[1]
        header[name] = {"dtype": "BF16", "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    raw = json.dumps(header).encode()
    (folder / "model.safetensors").write_bytes(struct.pack("<Q", len(raw)) + raw)
    return check_model_folder(folder)


def test_huge_model_does_not_fit_and_the_advice_says_what_would(tmp_path):
    source = _huge_model(tmp_path / "huge")
    shape = model_shape(source)
    assert 75e9 < shape.parameters < 80e9 and shape.layers == 80
    small_ram = Hardware(None, None, None, 8, 8, 16 * GB, 8 * GB)
    settings = settings_for("instruct", {})
    on_cpu = estimate_run(source, "instruct", settings, [1000] * 100, small_ram)
    assert not on_cpu.fits and on_cpu.peak_bytes > 300 * GB and on_cpu.parameters == shape.parameters
    assert [a.code for a in on_cpu.advice] == ["train.model_too_large"]
    assert (
        on_cpu.advice[0].params["available_bytes"] == 8 * GB and "smaller model" in on_cpu.advice[0].message
    )
    on_gpu = estimate_run(source, "instruct", settings, [1000] * 100, H100)
    assert not on_gpu.fits and on_gpu.device == "cuda"
    # 4-bit weights (about 40 GB) alone leave too little for 8 reports of 1,550 tokens a step.
    advice = {a.code: a.params for a in on_gpu.advice}
    assert list(advice) == ["train.use_qlora", "train.smaller_batch_size"]
    with_qlora = settings_for("instruct", {"qlora": True})
    assert not estimate_run(source, "instruct", with_qlora, [1000] * 100, H100).fits
    advised = settings_for(
        "instruct", {"qlora": True, "batch_size": advice["train.smaller_batch_size"]["value"]}
    )
    assert estimate_run(source, "instruct", advised, [1000] * 100, H100).fits
    smaller = _huge_model(tmp_path / "smaller", layers=40)  # about 37B: 4-bit weights alone fit
    assert [a.code for a in estimate_run(smaller, "instruct", settings, [1000] * 100, H100).advice] == [
        "train.use_qlora"
    ]


def test_a_missing_gpu_and_a_damaged_header_are_said(tmp_path, minilm):
    estimate = estimate_run(minilm, "classifier", classifier(device="cuda"), [512] * 50, CPU2)
    assert not estimate.fits and [a.code for a in estimate.advice] == ["train.device_missing"]
    source = _huge_model(tmp_path / "bad", layers=1)
    (source.path / "model.safetensors").write_bytes(struct.pack("<Q", 10**12) + b"{}")
    with pytest.raises(ModelError, match="not a safetensors file"):
        model_shape(source)


def test_baseline_estimate_is_seconds(minilm):
    estimate = estimate_run(None, "baseline", settings_for("baseline", {}), [512] * 300, CPU2)
    assert estimate.seconds < 60 and estimate.fits and estimate.device == "cpu"


def test_count_tokens_counts_the_models_tokens(minilm):
    texts = ["hello world", "Patient denies tobacco use. " * 200]
    lengths = count_tokens(minilm, texts)
    tokenizer = load_tokenizer(minilm)
    assert lengths == [len(tokenizer(t, verbose=False)["input_ids"]) for t in texts]
    assert lengths[0] == 4 and lengths[1] > 512  # [CLS] hello world [SEP]; nothing is cut


def test_instruct_constants_agree_with_the_recipe():
    from medlabel.ml.recipes import instruct

    assert INSTRUCT_CONTEXT == instruct.CONTEXT
    assert {k: instruct.TOKENS_PER_STEP[k] for k in INSTRUCT_TOKENS_PER_STEP} == INSTRUCT_TOKENS_PER_STEP


def test_importing_hardware_loads_no_torch():
    code = (
        "import sys, medlabel.ml.hardware; "
        "print(sorted(m for m in ('torch', 'transformers', 'peft') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
