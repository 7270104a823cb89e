"""The training commands end to end with the fast baseline recipe (neural recipes are tested apart)."""

import csv
import json
import re
import subprocess
import sys

import pytest

from medlabel.cli import EXIT_OK, main
from medlabel.core.events import decode


@pytest.fixture
def project(tmp_path, capsys):
    root = tmp_path / "p"
    assert main(["demo", str(root), "--documents", "200", "--labelled", "160", "--test", "40"]) == EXIT_OK
    capsys.readouterr()
    return root


def test_train_events_file_then_runs_evaluate_predict(project, tmp_path, capsys):
    events_file = tmp_path / "events.jsonl"
    argv = ["train", str(project), "--task", "smoking_status", "--recipe", "baseline"]
    assert main([*argv, "--events-file", str(events_file)]) == EXIT_OK
    out = capsys.readouterr().out
    lines = events_file.read_text(encoding="utf-8").splitlines()
    events = [decode(line) for line in lines]  # every line is one event of medlabel.events/1
    names = [e["event"] for e in events]
    assert names[0] == "started" and names[-1] == "finished" and names.count("finished") == 1
    assert {"log", "progress"} <= set(names) and not {"cancelled", "failed"} & set(names)
    started, finished = events[0], events[-1]
    assert started["run"] == finished["run"] == 1
    assert started["settings"]["recipe"] == "baseline" and started["device"] == "cpu"
    assert set(started["counts"]) == {"train", "validation", "test"}
    assert sum(started["counts"]["test"].values()) == 40
    assert finished["headline"]["name"] == "macro_f1" and 0 <= finished["headline"]["value"] <= 1
    # Nothing of the stream is on stdout, which has the evaluation for a person.
    assert "macro-F1" in out and "Run 1 completed" in out
    assert "medlabel.events/1" not in out and not any(
        line.lstrip().startswith("{") for line in out.splitlines()
    )

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
    predict_events = tmp_path / "predict-events.jsonl"
    predict = ["predict", str(project), "--run", "1", "--docs", "unlabelled", "--out", str(out_csv)]
    assert main([*predict, "--events-file", str(predict_events)]) == EXIT_OK
    progress = [decode(line) for line in predict_events.read_text(encoding="utf-8").splitlines()]
    assert progress and progress[-1]["event"] == "progress" and progress[-1]["done"] == progress[-1]["total"]
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


def test_train_refuses_a_setting_the_recipe_does_not_have(project, capsys, tmp_path):
    events_file = tmp_path / "events.jsonl"
    argv = ["train", str(project), "--task", "smoking_status", "--recipe", "baseline", "--epochs", "3"]
    assert main([*argv, "--events-file", str(events_file)]) == 1
    assert "epochs does not apply to the baseline recipe" in capsys.readouterr().err
    # The stream of a run that fails before it starts still ends with failed (medlabel.core.events).
    events = [decode(line) for line in events_file.read_text(encoding="utf-8").splitlines()]
    assert [e["event"] for e in events if e["event"] in ("started", "failed")] == ["failed"]
    assert events[-1]["event"] == "failed" and events[-1]["kind"] == "user_error"
    assert events[-1]["code"] == "train.option_not_for_recipe" and "baseline" in events[-1]["message"]
    from medlabel.core.project import open_project
    from medlabel.core.runs import list_runs

    with open_project(project, read_only=True) as p:
        assert list_runs(p) == []  # refused before a run was recorded


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
