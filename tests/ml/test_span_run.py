"""A whole extraction run through the store and the CLI (tiny random model: mechanics, not quality)."""

import json

from medlabel.cli import main
from medlabel.core.demo.project import create_demo_project
from medlabel.core.jobs import RecordingReporter
from medlabel.core.runs import get_predictions, get_run
from medlabel.ml.evaluate import evaluate_run, format_evaluation
from medlabel.ml.train import run_training


def test_tagger_run_is_recorded_evaluated_and_listed(tmp_path, tiny_bert_dir, capsys):
    root = tmp_path / "cardio"
    project = create_demo_project(root, "cardio", documents=40, labelled=30, test=8)
    settings = {
        "task": "entities", "recipe": "tagger", "model": str(tiny_bert_dir.path), "epochs": 1.0,
        "max_length": 128, "stride": 32, "batch_size": 8, "early_stopping": 0,
    }  # fmt: skip
    reporter = RecordingReporter()
    run_id = run_training(project, settings, reporter)
    run = get_run(project, run_id)
    assert run.status == "completed" and run.task_kind == "spans" and run.train_size == 22
    assert run.config["recipe"] == "tagger" and run.config["stride"] == 32 and run.config["epochs"] == 1.0
    assert run.config["lora_targets"] == "all-linear" and "auto" not in run.config.values()
    assert "calibration" not in run.metrics  # span runs are not calibrated
    assert {"spans", "values", "validity"} <= set(run.metrics)
    assert (
        run.metrics["spans"]["strict"]["overall"]["tp"] + run.metrics["spans"]["strict"]["overall"]["fn"] > 50
    )
    (finished,) = reporter.of("finished")
    assert finished["args"][0] == run_id
    assert finished["args"][1]["name"] == "value_f1"
    assert finished["args"][1]["value"] == run.metrics["values"]["overall"]["f1"]
    assert len(get_predictions(project, run_id)) == 8
    result = evaluate_run(project, run_id)
    assert result["metrics"]["values"]["overall"] == run.metrics["values"]["overall"]
    assert "LV-EF" in format_evaluation(result)
    project.close()
    assert main(["runs", str(root)]) == 0
    assert "value-F1" in capsys.readouterr().out
    assert main(["evaluate", str(root), "--run", str(run_id), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["task_kind"] == "spans"
