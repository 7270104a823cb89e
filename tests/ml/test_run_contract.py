"""The run contract the app builds on: the event stream of real (tiny) runs of every recipe, runs the app
starts while it holds the write lock, cancel routes, and SIGKILLs at random moments."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from medlabel.cli import main
from medlabel.core.annotations import set_label
from medlabel.core.demo.project import create_demo_project
from medlabel.core.documents import document_ids
from medlabel.core.events import decode
from medlabel.core.project import open_project, quick_check
from medlabel.core.run_results import RESULT_FILE, close_interrupted_runs
from medlabel.core.runs import get_predictions, get_run, list_runs
from medlabel.ml.attached import SNAPSHOT_DIR, collect_attached_run, prepare_attached_run

REPO = Path(__file__).resolve().parents[2]


def _events(path: Path) -> list[dict]:
    return [decode(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _no_auto(settings: dict) -> None:
    assert "auto" not in {v for v in settings.values() if isinstance(v, str)}, settings


@pytest.fixture(scope="module")
def smoking_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("contract") / "smoking"
    create_demo_project(root, "smoking", documents=80, labelled=70, test=20).close()
    return root


@pytest.fixture(scope="module")
def cardio_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("contract") / "cardio"
    create_demo_project(root, "cardio", documents=40, labelled=30, test=8).close()
    return root


def _check_stream(events: list[dict], recipe: str) -> None:
    names = [e["event"] for e in events]
    assert names[0] == "started" and names[-1] == "finished", names
    assert names.count("finished") == 1 and "failed" not in names
    started = events[0]
    assert started["settings"]["recipe"] == recipe
    _no_auto(started["settings"])
    assert set(started["counts"]) == {"train", "validation", "test"}
    assert sum(started["counts"]["test"].values()) > 0
    assert "progress" in names and "log" in names
    headline = events[-1]["headline"]
    assert 0 <= headline["value"] <= 1 and headline["ci_low"] <= headline["value"] <= headline["ci_high"]


@pytest.mark.parametrize(
    ("recipe", "extra"),
    [
        ("baseline", []),
        ("classifier", ["--epochs", "2", "--max-length", "64", "--long-text", "head_tail"]),
        ("instruct", ["--epochs", "1", "--max-new-tokens", "8", "--max-length", "256"]),
    ],
)
def test_document_recipes_emit_valid_events(
    recipe, extra, smoking_root, tiny_bert_dir, tiny_llama_dir, tmp_path, capsys
):
    model = {"classifier": tiny_bert_dir, "instruct": tiny_llama_dir}.get(recipe)
    events_file = tmp_path / "events.jsonl"
    argv = [
        "train",
        str(smoking_root),
        "--task",
        "smoking_status",
        "--recipe",
        recipe,
        "--events-file",
        str(events_file),
        *extra,
    ]
    if model is not None:
        argv += ["--model", str(model.path)]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert '"schema"' not in captured.out  # the stream has its own channel
    # transformers' load report and progress bars go to the run's log file, not the terminal
    assert "Loading weights" not in captured.err and "FutureWarning" not in captured.err
    events = _events(events_file)
    _check_stream(events, recipe)
    if recipe != "baseline":
        training = [e for e in events if e["event"] == "progress" and e["phase"].startswith("training")]
        assert training and training[-1]["epoch"] > 0 and training[-1]["epochs"] >= 1
        assert any(e.get("eta_s") is not None for e in training)
        assert any(e["event"] == "metrics" and "loss" in e["values"] for e in events)
    if recipe in ("baseline", "classifier"):
        assert "ece_before" in events[-1]["calibration"]
        assert (events[-1].get("baseline") is not None) == (recipe == "classifier")
    with open_project(smoking_root, read_only=True) as project:
        run = get_run(project, events[0]["run"])
        assert run.status == "completed" and run.config == events[0]["settings"]


def test_tagger_emits_valid_events(cardio_root, tiny_bert_dir, tmp_path, capsys):
    events_file = tmp_path / "events.jsonl"
    argv = [
        "train",
        str(cardio_root),
        "--task",
        "entities",
        "--model",
        str(tiny_bert_dir.path),
        "--epochs",
        "1",
        "--max-length",
        "128",
        "--stride",
        "32",
        "--early-stopping",
        "0",
        "--events-file",
        str(events_file),
    ]
    assert main(argv) == 0
    capsys.readouterr()
    events = _events(events_file)
    _check_stream(events, "tagger")
    assert events[-1]["headline"]["name"] == "value_f1"


def test_option_of_another_recipe_fails_before_a_run_starts(smoking_root, tiny_bert_dir, capsys):
    assert (
        main(
            [
                "train",
                str(smoking_root),
                "--task",
                "smoking_status",
                "--recipe",
                "classifier",
                "--model",
                str(tiny_bert_dir.path),
                "--zero-shot",
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "zero_shot does not apply to the classifier recipe" in err


def test_ensemble_progress_names_the_member(smoking_root, tiny_bert_dir, tmp_path, capsys):
    events_file = tmp_path / "events.jsonl"
    argv = [
        "train",
        str(smoking_root),
        "--task",
        "smoking_status",
        "--model",
        str(tiny_bert_dir.path),
        "--ensemble",
        "2",
        "--epochs",
        "1",
        "--max-length",
        "64",
        "--long-text",
        "head_tail",
        "--events-file",
        str(events_file),
    ]
    assert main(argv) == 0
    capsys.readouterr()
    training = [
        e for e in _events(events_file) if e["event"] == "progress" and e["phase"].startswith("training")
    ]
    assert {e.get("member") for e in training} == {1, 2} and {e.get("members") for e in training} == {2}
    # The whole run's ETA counts the second model: in the first model's last step it is not yet ~0.
    first_last = [e for e in training if e["member"] == 1 and e["done"] == e["total"]][-1]
    assert first_last["eta_s"] > 0


def _child(root: Path, run_id: int, events_file: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "medlabel",
            "train",
            str(root),
            "--attached",
            str(run_id),
            "--events-file",
            str(events_file),
            *extra,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


CLASSIFIER = {
    "task": "smoking_status",
    "recipe": "classifier",
    "epochs": 3,
    "max_length": 64,
    "long_text": "head_tail",
    "early_stopping": 0,
}


def test_attached_run_is_recorded_by_the_lock_holder_while_labelling_goes_on(
    smoking_root, tiny_bert_dir, tmp_path
):
    events_file = tmp_path / "events.jsonl"
    with open_project(smoking_root) as project:
        run_id = prepare_attached_run(project, {**CLASSIFIER, "model": str(tiny_bert_dir.path)})
        child = _child(smoking_root, run_id, events_file)
        # The user labels on while the child trains on its snapshot.
        doc = document_ids(project)[-1]
        set_label(project, doc, "smoking_status", "UNKNOWN", annotator="nurse")
        assert child.wait(timeout=300) == 0, child.stderr.read().decode()
        run = collect_attached_run(project, run_id)
        assert run.status == "completed" and run.recipe == "classifier" and run.model_hash
        _no_auto(run.config)
        assert len(get_predictions(project, run_id)) == 20
        assert not (project.runs_dir / str(run_id) / SNAPSHOT_DIR).exists()
        events = _events(events_file)
        assert events[0]["event"] == "started" and events[-1]["event"] == "finished"
        assert events[0]["data_hash"] == run.data_hash


def test_attached_run_cancelled_through_stdin_is_recorded_cancelled(smoking_root, tiny_bert_dir, tmp_path):
    events_file = tmp_path / "events.jsonl"
    with open_project(smoking_root) as project:
        run_id = prepare_attached_run(project, {**CLASSIFIER, "model": str(tiny_bert_dir.path), "epochs": 50})
        child = _child(smoking_root, run_id, events_file, "--cancel-on-stdin")
        _wait_for(events_file, lambda e: e["event"] == "progress" and e["phase"].startswith("training"))
        child.stdin.write(b"cancel\n")
        child.stdin.flush()
        assert child.wait(timeout=60) == 130
        assert collect_attached_run(project, run_id).status == "cancelled"
        assert _events(events_file)[-1]["event"] == "cancelled"


def test_a_bad_setting_in_an_attached_run_is_a_failed_run_with_a_user_error(smoking_root, tmp_path):
    events_file = tmp_path / "events.jsonl"
    with open_project(smoking_root) as project:
        run_id = prepare_attached_run(project, {"task": "smoking_status", "model": str(tmp_path / "missing")})
        child = _child(smoking_root, run_id, events_file)
        assert child.wait(timeout=120) == 1
        run = collect_attached_run(project, run_id)
        assert run.status == "failed" and "missing" in run.error
        last = _events(events_file)[-1]
        assert last["event"] == "failed" and last["kind"] == "user_error"
        # The code and its params travel with the event, so the app can word the error itself.
        assert last["code"] == "model.missing" and last["params"] == {"path": str(tmp_path / "missing")}


def _wait_for(events_file: Path, condition, timeout: float = 240.0) -> None:
    deadline = time.monotonic() + timeout
    seen = 0
    while time.monotonic() < deadline:
        if events_file.exists():
            lines = events_file.read_text(encoding="utf-8").splitlines()
            for line in lines[seen:]:
                if line.strip() and condition(json.loads(line)):
                    return
            seen = len(lines)
        time.sleep(0.05)
    raise AssertionError(f"no matching event in {events_file} after {timeout} s")


PHASES = {
    # phase -> (condition that starts the clock, the longest random delay after it)
    "loading": (None, 4.0),
    "training": (lambda e: e["event"] == "progress" and e["phase"].startswith("training"), 1.0),
    "prediction": (lambda e: e["event"] == "progress" and e["phase"] == "predicting", 0.3),
    "recording": (
        lambda e: e["event"] == "progress" and e["phase"] == "predicting" and e["done"] == e["total"],
        0.15,
    ),
}


def _assert_consistent(root: Path, run_id: int) -> str:
    with open_project(root) as project:  # not locked: the write lock opens at once
        close_interrupted_runs(project)
        assert quick_check(project.engine) is None
        run = get_run(project, run_id)
        assert run.status in ("completed", "failed"), run.status
        predictions = get_predictions(project, run_id)
        # All or nothing: a run has its predictions exactly when it completed.
        assert (len(predictions) == 20) == (run.status == "completed")
        assert not list_runs_running(project)
        return run.status


def list_runs_running(project) -> list:
    return [r for r in list_runs(project) if r.status == "running"]


@pytest.mark.parametrize("trial", range(20))
def test_sigkill_at_a_random_moment_never_damages_or_locks_the_project(
    trial, smoking_root, tiny_bert_dir, tmp_path
):
    """Trials 0-14 kill the app's child (it never writes the project); 15-19 kill a `medlabel train` that
    holds the lock and records its own result, around the moment it does."""
    rng = random.Random(trial)
    phase = list(PHASES)[trial // 5] if trial < 15 else "recording"
    condition, longest = PHASES[phase]
    events_file = tmp_path / "events.jsonl"
    settings = {**CLASSIFIER, "model": str(tiny_bert_dir.path), "epochs": 2}
    if trial < 15:
        with open_project(smoking_root) as project:
            run_id = prepare_attached_run(project, settings)
            child = _child(smoking_root, run_id, events_file)
            if condition is not None:
                _wait_for(events_file, condition)
            time.sleep(rng.uniform(0, longest))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=60)
            run = collect_attached_run(project, run_id)
            assert run.status in ("completed", "failed")
            if run.status == "failed":
                assert "ended without a result" in run.error
    else:
        argv = [
            sys.executable,
            "-m",
            "medlabel",
            "train",
            str(smoking_root),
            "--model",
            str(tiny_bert_dir.path),
            *[f"--{k.replace('_', '-')}={v}" for k, v in settings.items() if k != "model"],
            "--events-file",
            str(events_file),
        ]
        child = subprocess.Popen(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        _wait_for(events_file, condition)
        time.sleep(rng.uniform(0, longest))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        run_id = _events(events_file)[0]["run"]
    status = _assert_consistent(smoking_root, run_id)
    if status == "completed":
        assert (smoking_root / "runs" / str(run_id) / RESULT_FILE).is_file()
