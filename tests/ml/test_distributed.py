"""`medlabel train` under torchrun with 2 CPU processes (gloo): one run record, one adapter, and the
same metrics as a single-process run with the same global batch."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medlabel.core.demo.project import create_demo_project
from medlabel.core.project import open_project
from medlabel.core.runs import list_runs

pytestmark = pytest.mark.slow


def _train(project: Path, model: Path, procs: int, batch: int) -> subprocess.CompletedProcess:
    args = [
        str(project), "--task", "smoking_status", "--recipe", "classifier", "--model", str(model),
        "--epochs", "1", "--batch-size", str(batch), "--learning-rate", "1e-4", "--max-length", "128",
        "--early-stopping", "0", "--seed", "7",
    ]  # fmt: skip
    env = {**os.environ, "OMP_NUM_THREADS": "1", "CUDA_VISIBLE_DEVICES": ""}
    if procs == 1:
        cmd = [sys.executable, "-m", "medlabel", "train", *args]
    else:
        torchrun = Path(sys.executable).parent / "torchrun"
        cmd = [str(torchrun), "--standalone", f"--nproc-per-node={procs}", "-m", "medlabel", "train", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)


def test_two_process_run_writes_once_and_matches_single(tmp_path, tiny_bert_dir):
    root = tmp_path / "p"
    create_demo_project(root, "smoking", documents=120, labelled=100, test=30).close()
    two = _train(root, tiny_bert_dir.path, procs=2, batch=4)
    assert two.returncode == 0, two.stderr[-3000:]
    one = _train(root, tiny_bert_dir.path, procs=1, batch=8)
    assert one.returncode == 0, one.stderr[-3000:]
    with open_project(root, read_only=True) as project:
        runs = list_runs(project)
    assert [r.status for r in runs] == ["completed", "completed"]  # one record per launch, not per process
    dist, single = runs
    assert dist.environment["world_size"] == 2 and single.environment["world_size"] == 1
    assert sorted(p.name for p in (root / "runs").iterdir()) == ["1", "2"]
    adapter = root / "runs" / "1" / "adapter"
    assert (adapter / "adapter_model.safetensors").is_file()
    assert not (root / "runs" / "1" / "checkpoints").exists()
    for key in ("accuracy", "macro_f1"):
        assert dist.metrics[key]["value"] == pytest.approx(single.metrics[key]["value"], abs=0.1)
    assert dist.metrics["n"] == single.metrics["n"] == 30
    shutil.rmtree(root)
