"""The HTML evaluation report of real baseline runs (smoking demo) and of a stored extraction run: run card,
metrics equal to ``evaluate_run``, embedded PNG figures, no patient text or ids unless asked for, the
comparison and learning-curve sections; and the ``report``, ``predictions`` and ``predict --out`` commands."""

from __future__ import annotations

import base64
import html
import io
import json
import re

import pandas as pd
import pytest
from matplotlib.image import imread

from medlabel import __version__
from medlabel.cli import EXIT_ERROR, EXIT_OK, main
from medlabel.core.demo.project import create_demo_project
from medlabel.core.documents import iter_export_documents
from medlabel.core.errors import MedlabelError
from medlabel.core.importing import import_batch
from medlabel.core.jobs import RecordingReporter
from medlabel.core.project import open_project
from medlabel.core.records import DocRecord, ImportBatch, SpanRecord
from medlabel.core.runs import (
    StoredPrediction,
    finish_run,
    get_predictions,
    get_run,
    start_run,
    store_predictions,
)
from medlabel.ml.compare import compare_runs
from medlabel.ml.curve import curve_from_runs, run_curve
from medlabel.ml.eval_report import build_report, write_report
from medlabel.ml.evaluate import evaluate_run
from medlabel.ml.train import run_training

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TASK = "smoking_status"
# A test report whose text and id need escaping, labelled with a class the baseline never predicts here.
ODD_ID = "odd<id>&'1'"
ODD_TEXT = "Note <b>bold</b> & \"quoted\" 'text' — no tobacco history documented at all."


@pytest.fixture(scope="module")
def smoking(tmp_path_factory):
    """(project folder, run, second run, curve group): baseline runs on the smoking demo, closed."""
    root = tmp_path_factory.mktemp("report") / "smoking"
    project = create_demo_project(root, "smoking", documents=160, labelled=120, test=30)
    odd = DocRecord(ODD_TEXT, ODD_ID, labels={TASK: "SMOKER"}, split="test")
    import_batch(project, ImportBatch("test", [odd]), annotator="test")
    run_a = run_training(project, {"task": TASK, "recipe": "baseline"}, RecordingReporter())
    curve = run_curve(project, {"task": TASK, "recipe": "baseline"}, RecordingReporter(), sizes=[30, 60])
    project.close()
    # The second run to compare with is the curve's larger one: trained on fewer reports, same test split.
    return root, run_a, curve["points"][-1]["run"], curve["group"]


@pytest.fixture
def opened(smoking):
    project = open_project(smoking[0], read_only=True)
    yield project
    project.close()


def _cells(row_html: str) -> list[str]:
    return re.findall(r'<td class="num">(.*?)</td>', row_html)


def _row(page: str, first_cell: str) -> str:
    match = re.search(rf"<tr( class=\"summary\")?><td>{re.escape(first_cell)}( †)?</td>.*?</tr>", page)
    assert match, f"no row {first_cell!r}"
    return match.group(0)


def _images(page: str) -> list[bytes]:
    return [
        base64.b64decode(data, validate=True)
        for data in re.findall(r'<img src="data:image/png;base64,([^"]+)"', page)
    ]


def test_report_holds_run_card_metrics_and_figures_but_no_patient_data(opened, smoking):
    _, run_id, _, _ = smoking
    page = build_report(opened, run_id)
    run, result = get_run(opened, run_id), evaluate_run(opened, run_id)
    m = result["metrics"]

    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    for value in (opened.name, TASK, "document labels", "baseline", run.data_hash, run.seed, run.train_size,
                  run.started_at[:10], run.finished_at[:10], f"medlabel {__version__}", "cpu"):  # fmt: skip
        assert html.escape(str(value)) in page, value
    for key, value in run.config.items():
        assert f"<th>{html.escape(key)}</th><td><code>{html.escape(str(value))}</code></td>" in page
    for key, value in run.environment.items():
        assert (
            f"<th>{html.escape(key)}</th><td>{html.escape(str(value if value is not None else '–'))}</td>"
            in page
        )
    assert "total: " in page and "Durations" in page  # run.timings

    for label in m["confusion_matrix"]["labels"]:
        r = m["per_class"][label]
        row = _row(page, html.escape(label))
        assert _cells(row) == [f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}",
                               f"{r['f1_ci_low']:.3f}–{r['f1_ci_high']:.3f}", str(r["support"])]  # fmt: skip
        assert ("†" in row) == (r["support"] < 10)
    macro = m["macro_f1"]
    assert _cells(_row(page, "Macro-F1"))[:2] == [
        f"{macro['value']:.3f}",
        f"{macro['ci_low']:.3f}–{macro['ci_high']:.3f}",
    ]
    assert (
        f"macro-F1 {macro['value']:.2f} (95% CI {macro['ci_low']:.2f}–{macro['ci_high']:.2f}) on 31 test"
        in page
    )
    assert "How to read this" in page and "frozen" in page
    cal = result["calibration"]
    assert f"{cal['ece_before']:.3f}" in page and f"{cal['ece_after']:.3f}" in page

    images = _images(page)
    assert len(images) == 2  # confusion matrix and reliability diagram
    for data in images:
        assert data.startswith(PNG_MAGIC)
        pixels = imread(io.BytesIO(data), format="png")
        assert pixels.shape[0] > 200 and pixels.shape[1] > 200 and pixels.std() > 0.05  # drawn, not blank

    # Self-contained and without patient data: no script, no outside link, no text, no document id.
    assert "<script" not in page.lower() and "http://" not in page and "https://" not in page
    assert not re.search(r'(src|href)="(?!data:image/png;base64,)', page)
    docs = list(iter_export_documents(opened))
    for doc in docs:
        assert doc.external_id not in page and html.escape(doc.external_id) not in page
    for doc in (d for d in docs if d.split == "test"):
        assert html.escape(doc.text[:80]) not in page and doc.text[:80] not in page
    matrix = m["confusion_matrix"]["matrix"]
    wrong = m["n"] - sum(matrix[i][i] for i in range(len(matrix)))
    assert f"{wrong} of 31 test reports were labelled wrongly" in page


def test_examples_appear_escaped_only_when_asked_for(opened, smoking):
    _, run_id, _, _ = smoking
    page = build_report(opened, run_id, include_examples=True, max_examples=100)
    predictions = {p.document_id: p for p in get_predictions(opened, run_id)}
    test_docs = [d for d in iter_export_documents(opened) if d.split == "test"]
    wrong = [d for d in test_docs if predictions[d.doc_id].label != d.labels[TASK]]
    assert wrong and len(wrong) < len(test_docs)
    for doc in test_docs:
        shown = f"<h3>Report {html.escape(doc.external_id)}</h3>" in page
        assert shown == (doc in wrong)
    odd = next(d for d in wrong if d.external_id == ODD_ID)
    assert f"<h3>Report {html.escape(ODD_ID)}</h3>" in page and ODD_ID not in page
    assert html.escape(ODD_TEXT) in page and "<b>bold</b>" not in page
    assert odd.labels[TASK] == "SMOKER" and "patient text" in page
    for excerpt in re.findall(r'<pre class="excerpt">(.*?)</pre>', page, flags=re.S):
        assert len(html.unescape(excerpt)) <= 600

    few = build_report(opened, run_id, include_examples=True, max_examples=2)
    assert len(re.findall(r"<h3>Report ", few)) == 2


def test_comparison_and_learning_curve_sections(opened, smoking):
    _, run_a, run_b, group = smoking
    comparison = compare_runs(opened, run_a, run_b)
    curve = curve_from_runs(opened, group)
    page = build_report(opened, run_a, compare_with=run_b, curve=curve)

    section = page.split("<h2>Comparison with another run</h2>")[1].split("<h2>")[0]
    assert f"Run A is run {run_a}, run B is run {run_b}" in section
    titles = {
        "accuracy": "Accuracy",
        "micro_f1": "Micro-F1",
        "macro_f1": "Macro-F1",
        "weighted_f1": "Weighted-F1",
    }
    rows = [(titles[name], r) for name, r in comparison["overall"].items()]
    rows += [(f"F1 of {html.escape(label)}", r) for label, r in comparison["per_class"].items()]
    assert len(rows) == 4 + 5
    for title, r in rows:
        row = _row(section, title)
        assert _cells(row) == [
            f"{r['a']:.3f}",
            f"{r['b']:.3f}",
            f"{r['diff']:+.3f} ({r['ci_low']:+.3f} to {r['ci_high']:+.3f})",
        ]
        assert row.endswith(f"<td>{'yes' if r['excludes_zero'] else 'no'}</td></tr>")
    macro = comparison["overall"]["macro_f1"]
    assert f"Macro-F1: run {run_a} {macro['a']:.2f}, run {run_b} {macro['b']:.2f}; difference" in section

    assert "<h2>Learning curve</h2>" in page and html.escape(curve["verdict"]["text"][1:]) in page
    for point in curve["points"]:
        assert f'<td class="num">{point["size"]}</td><td class="num">{point["run"]}</td>' in page
    assert len(_images(page)) == 3 and all(data.startswith(PNG_MAGIC) for data in _images(page))
    with pytest.raises(MedlabelError, match="chosen twice"):
        build_report(opened, run_a, compare_with=run_a)


def test_write_report_replaces_the_file_atomically(opened, smoking, tmp_path):
    _, run_id, _, _ = smoking
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    assert write_report(opened, run_id, out) == out
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temp file left behind
    with pytest.raises(MedlabelError, match="cannot write"):
        write_report(opened, run_id, tmp_path / "missing" / "report.html")


def test_span_run_report_shows_fields_and_values(tmp_path):
    project = create_demo_project(tmp_path / "c", "cardio", documents=40, labelled=30, test=8)
    test_docs = [d for d in iter_export_documents(project) if d.split == "test"]
    run = start_run(project, task="entities", task_kind="spans", recipe="tagger", config={"epochs": 1.0})
    stored = [
        StoredPrediction(d.doc_id, None, None, {}, list(d.spans), [], None, True) for d in test_docs[:5]
    ]
    wrong_value = SpanRecord(0, 3, "LV-EF", 12.0, "%")
    stored.append(StoredPrediction(test_docs[5].doc_id, None, None, {}, [wrong_value], [], None, True))
    store_predictions(project, run, stored)
    finish_run(project, run, "completed", timings={"total_s": 75.0})
    result = evaluate_run(project, run)
    page = build_report(project, run)
    values = result["metrics"]["values"]
    for name in ("LV-EF", "LVEDV"):
        s = result["metrics"]["spans"]["strict"]["per_type"][name]
        cells = _cells(_row(page, name))
        assert cells[:3] == [f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}"]
        assert cells[5] == f"{values['per_field'][name]['f1']:.3f}"
    overall = values["overall"]
    assert (
        f"value F1 {overall['f1']:.2f} (95% CI {overall['f1_ci_low']:.2f}–{overall['f1_ci_high']:.2f})"
        in page
    )
    assert "Confusion matrix" not in page and "Calibration" not in page and "1 min 15 s" in page
    assert "extraction" in page and "<p>3 of 8 test reports had at least one value wrong or missed" in page
    assert not any(d.external_id in page for d in test_docs)
    project.close()


def test_report_and_predictions_commands(smoking, tmp_path, capsys):
    root, run_a, run_b, group = smoking
    out = tmp_path / "r.html"
    argv = ["report", str(root), "--run", str(run_a), "--compare", str(run_b), "--curve-group", group]
    assert main([*argv, "--out", str(out)]) == EXIT_OK
    assert str(out) in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    assert "Comparison with another run" in page and "Learning curve" in page and ODD_ID not in page
    assert (
        main(["report", str(root), "--run", str(run_a), "--include-examples", "--out", str(out)]) == EXIT_OK
    )
    assert "patient text" in capsys.readouterr().out
    assert len(re.findall(r"<h3>Report smk-\d{4}</h3>", out.read_text(encoding="utf-8"))) == 10
    assert (
        main(["report", str(root), "--run", str(run_a), "--curve-group", "nope", "--out", str(out)])
        == EXIT_ERROR
    )
    err = capsys.readouterr().err
    assert "'nope'" in err and f"this project's learning curves are: {group}" in err

    table = tmp_path / "p.xlsx"
    assert main(["predictions", str(root), "--run", str(run_a), "--out", str(table)]) == EXIT_OK
    assert "31 prediction(s)" in capsys.readouterr().out
    df = pd.read_excel(table)
    assert len(df) == 31 and list(df.columns)[:6] == [
        "id",
        "split",
        "label",
        "confidence",
        "label (gold)",
        "correct",
    ]
    assert (
        main(["predictions", str(root), "--run", str(run_a), "--out", str(tmp_path / "p.txt")]) == EXIT_ERROR
    )
    assert ".csv, .xlsx or .jsonl" in capsys.readouterr().err


def test_predict_out_writes_the_wide_table(tmp_path, capsys):
    root = tmp_path / "p"
    create_demo_project(root, "smoking", documents=80, labelled=60, test=15).close()
    assert main(["train", str(root), "--task", TASK, "--recipe", "baseline"]) == EXIT_OK
    capsys.readouterr()
    with open_project(root, read_only=True) as project:
        before = len(get_predictions(project, 1))
    bad = ["predict", str(root), "--run", "1", "--out", str(tmp_path / "p.tsv")]
    assert main(bad) == EXIT_ERROR and ".csv, .xlsx or .jsonl" in capsys.readouterr().err
    with open_project(root, read_only=True) as project:
        assert len(get_predictions(project, 1)) == before  # refused before predicting anything

    out = tmp_path / "p.jsonl"
    assert main(["predict", str(root), "--run", "1", "--docs", "unlabelled", "--out", str(out)]) == EXIT_OK
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 20 and all(r["split"] is None for r in rows)
    assert list(rows[0]) == ["id", "split", "label", "confidence", "valid"]  # none has gold: no gold columns
    assert all(0 < r["confidence"] <= 1 and r["label"] for r in rows)
