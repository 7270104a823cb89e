"""A whole extraction run through the store and the CLI (tiny random model: mechanics, not quality)."""

import json

from medlabel.cli import main
from medlabel.core.demo.project import create_demo_project
from medlabel.core.jobs import RecordingReporter
from medlabel.core.runs import get_predictions, get_run
from medlabel.ml.config import TrainConfig
from medlabel.ml.evaluate import evaluate_run, format_evaluation
from medlabel.ml.train import run_training


def test_tagger_run_is_recorded_evaluated_and_listed(tmp_path, tiny_bert_dir, capsys):
    root = tmp_path / "cardio"
    project = create_demo_project(root, "cardio", documents=40, labelled=30, test=8)
    config = TrainConfig(
        task="entities", recipe="tagger", model=str(tiny_bert_dir.path), epochs=1.0, max_length=128,
        stride=32, batch_size=8, early_stopping=0,
    )  # fmt: skip
    reporter = RecordingReporter()
    run_id = run_training(project, config, reporter)
    run = get_run(project, run_id)
    assert run.status == "completed" and run.task_kind == "spans" and run.train_size == 22
    assert {"spans", "values", "validity"} <= set(run.metrics)
    assert (
        run.metrics["spans"]["strict"]["overall"]["tp"] + run.metrics["spans"]["strict"]["overall"]["fn"] > 50
    )
    assert "test_value_f1" in reporter.of("metrics")[-1]["values"]
    assert len(get_predictions(project, run_id)) == 8
    result = evaluate_run(project, run_id)
    assert result["metrics"]["values"]["overall"] == run.metrics["values"]["overall"]
    assert "LV-EF" in format_evaluation(result)
    project.close()
    assert main(["runs", str(root)]) == 0
    assert "value-F1" in capsys.readouterr().out
    assert main(["evaluate", str(root), "--run", str(run_id), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["task_kind"] == "spans"
