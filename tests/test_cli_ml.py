"""The training commands end to end with the fast baseline recipe (neural recipes are tested apart)."""

import csv
import json
import re
import subprocess
import sys

import pytest

from medlabel.cli import EXIT_OK, main


@pytest.fixture
def project(tmp_path, capsys):
    root = tmp_path / "p"
    assert main(["demo", str(root), "--documents", "200", "--labelled", "160", "--test", "40"]) == EXIT_OK
    capsys.readouterr()
    return root


def test_train_events_jsonl_then_runs_evaluate_predict(project, tmp_path, capsys):
    assert (
        main(["train", str(project), "--task", "smoking_status", "--recipe", "baseline", "--events", "jsonl"])
        == 0
    )
    lines = capsys.readouterr().out.strip().splitlines()
    events = [json.loads(line) for line in lines]  # every stdout line is one JSON object
    assert events[-1]["event"] == "done" and events[-1]["run"] == 1
    assert {"log", "metrics", "done"} <= {e["event"] for e in events}
    assert 0 <= events[-1]["metrics"]["macro_f1"]["value"] <= 1

    assert main(["runs", str(project)]) == EXIT_OK
    listing = capsys.readouterr().out
    assert "baseline" in listing and "completed" in listing and "macro-F1" in listing
    header, row = listing.splitlines()[:2]
    date = re.search(r"\d{4}-\d\d-\d\d", row)
    assert header.index("started") == date.start()  # the headline fits its column

    assert main(["evaluate", str(project), "--run", "1"]) == EXIT_OK
    table = capsys.readouterr().out
    assert "macro-F1" in table and "UNKNOWN" in table and "95% CI" in table
    out_json = tmp_path / "eval.json"
    assert main(["evaluate", str(project), "--run", "1", "--json", str(out_json)]) == EXIT_OK
    result = json.loads(out_json.read_text())
    assert result["schema"] == "medlabel.evaluation/1" and result["n_test"] == 40
    assert set(result["metrics"]["per_class"]) == {
        "CURRENT SMOKER",
        "PAST SMOKER",
        "SMOKER",
        "NON-SMOKER",
        "UNKNOWN",
    }

    out_csv = tmp_path / "pred.csv"
    assert (
        main(["predict", str(project), "--run", "1", "--docs", "unlabelled", "--out", str(out_csv)])
        == EXIT_OK
    )
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert len(rows) == 40 and all(0 < float(r["confidence"]) <= 1 for r in rows)
    assert {r["label"] for r in rows} <= set(result["metrics"]["per_class"])


def test_curve_with_baseline_writes_plot(project, tmp_path, capsys):
    plot = tmp_path / "curve.png"
    assert (
        main(["curve", str(project), "--task", "smoking_status", "--recipe", "baseline", "--plot", str(plot)])
        == 0
    )
    text = capsys.readouterr().out
    assert "Learning curve" in text
    assert plot.read_bytes()[:4] == b"\x89PNG"
    from medlabel.core.project import open_project
    from medlabel.core.runs import list_runs

    with open_project(project, read_only=True) as p:
        runs = list_runs(p)
    assert [r.train_size for r in runs] == [15, 30, 60, 90, 120]  # 1/2, 1, 2, 3, 4 of 4 folds of 120
    assert len({r.group_name for r in runs}) == 1


def test_train_without_task_names_the_tasks(project, capsys):
    assert main(["train", str(project), "--recipe", "baseline"]) == 1
    assert "smoking_status" in capsys.readouterr().err


def test_closed_pipe_ends_quietly(project):
    assert main(["train", str(project), "--task", "smoking_status", "--recipe", "baseline"]) == EXIT_OK
    # Like `medlabel evaluate ... | head -0`: the reader is gone before the table is written.
    child = subprocess.Popen(
        [sys.executable, "-m", "medlabel", "evaluate", str(project), "--run", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    child.stdout.close()
    stderr = child.stderr.read().decode()
    assert child.wait(timeout=120) != EXIT_OK
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
