"""The Review page's display widgets fed with real metric outputs: the metrics table (numbers, small-class
marker, numeric sort with the summary rows last, comparison columns), the confusion heatmap (cells chosen
by click and Enter), the reliability diagram and the learning curve.

Set REVIEW_WIDGETS_PNG to a folder to keep the widgets' pictures there for a look."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from medlabel.core.records import SpanRecord
from medlabel.gui.review.calibration_view import CalibrationView
from medlabel.gui.review.confusion_view import ConfusionView
from medlabel.gui.review.curve_view import CurveView
from medlabel.gui.review.metrics_table import MetricsTable
from medlabel.ml.calibration import Calibrator, apply_temperature, calibration_metrics
from medlabel.ml.metrics import (
    classification_metrics,
    invalid_rate,
    span_metrics,
    value_metrics,
    values_from_spans,
)

LABELS = ["SMOKER", "NON-SMOKER", "PAST SMOKER"]


def f3(value: float) -> str:
    return QLocale().toString(float(value), "f", 3)


def save(widget: QWidget, name: str, tmp_path: Path, width: int = 760) -> None:
    """Renders the widget at a size it may get on the page (1280 × 720); the picture must not be empty."""
    folder = Path(os.environ.get("REVIEW_WIDGETS_PNG") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    widget.resize(width, 420)
    QApplication.processEvents()  # the layout settles, as it would on screen
    picture = widget.grab()
    assert not picture.isNull() and picture.width() == width
    assert picture.save(str(folder / f"{name}.png"))


def predictions(shift: int) -> tuple[list[str], list[str | None]]:
    """40 test reports (25 smokers, 10 non-smokers, 5 past smokers) with errors, two answers unreadable."""
    gold = ["SMOKER"] * 25 + ["NON-SMOKER"] * 10 + ["PAST SMOKER"] * 5
    pred: list[str | None] = list(gold)
    for i in range(0, 6 + shift):
        pred[i] = "NON-SMOKER"
    pred[25] = pred[26] = "SMOKER"
    pred[35] = "SMOKER"
    pred[36] = None
    pred[37] = "unsure"
    return gold, pred


def evaluation(shift: int = 0, with_baseline: bool = True) -> dict:
    gold, pred = predictions(shift)
    metrics = classification_metrics(gold, pred, LABELS, n_boot=200)
    metrics["validity"] = invalid_rate([p in LABELS for p in pred])
    base_pred = ["SMOKER"] * len(gold)  # a baseline that says "smoker" to everyone
    baseline = classification_metrics(gold, base_pred, LABELS, n_boot=200) if with_baseline else None
    return {
        "schema": "medlabel.evaluation/1", "run": 7, "task": "smoking_status", "task_kind": "document",
        "recipe": "classifier", "status": "completed", "n_test": len(gold), "metrics": metrics,
        "baseline": baseline, "calibration": None,
    }  # fmt: skip


def row_of(table: MetricsTable, name: str) -> int:
    rows = [table.cell_text(r, "name") for r in range(table.model().rowCount())]
    return rows.index(name)


def column_texts(table: MetricsTable, column: str) -> list[str]:
    return [table.cell_text(r, column) for r in range(table.model().rowCount())]


def test_the_metrics_table_shows_each_class_with_its_interval_and_the_summaries_last(qtbot, tmp_path):
    result = evaluation()
    table = MetricsTable()
    qtbot.addWidget(table)
    table.show_evaluation(result)
    metrics = result["metrics"]
    assert table.model().rowCount() == 3 + 4
    assert column_texts(table, "name")[3:] == ["accuracy", "micro-F1", "macro-F1", "weighted-F1"]
    for label in LABELS:
        row, stats = row_of(table, label), metrics["per_class"][label]
        assert table.cell_text(row, "precision") == f3(stats["precision"])
        assert table.cell_text(row, "recall") == f3(stats["recall"])
        assert (
            table.cell_text(row, "f1")
            == f"{f3(stats['f1'])} ({f3(stats['f1_ci_low'])}–{f3(stats['f1_ci_high'])})"
        )
        base = result["baseline"]["per_class"][label]
        assert table.cell_text(row, "baseline_f1") == f3(base["f1"])
    macro = metrics["macro_f1"]
    assert table.cell_text(row_of(table, "macro-F1"), "f1") == (
        f"{f3(macro['value'])} ({f3(macro['ci_low'])}–{f3(macro['ci_high'])})"
    )
    assert table.cell_text(row_of(table, "accuracy"), "baseline_f1") == f3(
        result["baseline"]["accuracy"]["value"]
    )
    # Only the past smokers (5 test reports) are too few for a narrow interval.
    assert table.cell_text(row_of(table, "PAST SMOKER"), "support") == "5 (small)"
    assert table.cell_text(row_of(table, "NON-SMOKER"), "support") == "10"
    tip = table.model().index(row_of(table, "PAST SMOKER"), 4).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "only 5 test reports: the interval is wide"
    # Two answers were no label: said under the table, with the rate.
    assert not table.invalid_label.isHidden()
    assert table.invalid_label.text().startswith("2 of 40 answers could not be read (5.0 %)")
    view = table.view
    assert not view.isColumnHidden(table.columns().index("baseline_f1"))
    assert view.isColumnHidden(table.columns().index("run_b_f1"))
    assert view.isColumnHidden(table.columns().index("difference"))
    table.show()
    qtbot.waitExposed(table)
    save(table, "metrics_table", tmp_path)


def test_no_baseline_hides_its_column_and_no_invalid_answer_hides_the_note(qtbot):
    result = evaluation(with_baseline=False)
    result["metrics"]["invalid"] = 0
    table = MetricsTable()
    qtbot.addWidget(table)
    table.show_evaluation(result)
    assert table.view.isColumnHidden(table.columns().index("baseline_f1"))
    assert table.invalid_label.isHidden()


def click_header(qtbot, table: MetricsTable, column: str) -> None:
    header = table.view.horizontalHeader()
    section = table.columns().index(column)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_header_clicks_sort_numerically_and_keep_the_summary_rows_last(qtbot):
    table = MetricsTable()
    qtbot.addWidget(table)
    table.show_evaluation(evaluation())
    table.show()
    qtbot.waitExposed(table)
    summaries = ["accuracy", "micro-F1", "macro-F1", "weighted-F1"]
    # As text "10" < "25" < "5 (small)"; as numbers 5 < 10 < 25.
    click_header(qtbot, table, "support")
    order = column_texts(table, "support")
    assert order[:3] == ["5 (small)", "10", "25"]
    assert column_texts(table, "name")[3:] == summaries
    click_header(qtbot, table, "support")
    assert column_texts(table, "support")[:3] == ["25", "10", "5 (small)"]
    assert column_texts(table, "name")[3:] == summaries
    click_header(qtbot, table, "f1")
    per_class = evaluation()["metrics"]["per_class"]
    by_f1 = sorted(LABELS, key=lambda label: per_class[label]["f1"])
    assert column_texts(table, "name")[:3] == by_f1
    assert column_texts(table, "name")[3:] == summaries
    click_header(qtbot, table, "f1")
    assert column_texts(table, "name")[:3] == by_f1[::-1]
    assert column_texts(table, "name")[3:] == summaries


def comparison_row(a: float, b: float, low: float, high: float) -> dict:
    return {
        "a": a,
        "b": b,
        "diff": b - a,
        "ci_low": low,
        "ci_high": high,
        "excludes_zero": low > 0 or high < 0,
    }


def test_a_comparison_adds_run_b_and_the_difference_marking_real_ones(qtbot, tmp_path):
    result = evaluation()
    per_class = result["metrics"]["per_class"]
    comparison = {
        "schema": "medlabel.comparison/1", "run_a": 7, "run_b": 9,
        "overall": {
            "accuracy": comparison_row(0.85, 0.95, 0.02, 0.18),
            "micro_f1": comparison_row(0.86, 0.95, 0.01, 0.17),
            "macro_f1": comparison_row(0.80, 0.83, -0.05, 0.11),
            "weighted_f1": comparison_row(0.85, 0.93, 0.00, 0.16),
        },
        "per_class": {
            "SMOKER": comparison_row(per_class["SMOKER"]["f1"], 0.98, 0.01, 0.12),
            "NON-SMOKER": comparison_row(per_class["NON-SMOKER"]["f1"], 0.62, -0.21, 0.03),
            "PAST SMOKER": comparison_row(per_class["PAST SMOKER"]["f1"], 0.75, -0.30, 0.25),
        },
    }  # fmt: skip
    table = MetricsTable()
    qtbot.addWidget(table)
    table.show_evaluation(result, comparison)
    assert not table.view.isColumnHidden(table.columns().index("run_b_f1"))
    assert not table.view.isColumnHidden(table.columns().index("difference"))
    assert (
        table.model().headerData(table.columns().index("run_b_f1"), Qt.Orientation.Horizontal) == "Run 9 F1"
    )
    smoker = row_of(table, "SMOKER")
    expected = comparison["per_class"]["SMOKER"]
    assert table.cell_text(smoker, "run_b_f1") == f3(0.98)
    # The difference is shown from the reviewed run's side: run A minus run B, its interval negated.
    assert table.cell_text(smoker, "difference") == (f"✱ {f3(-expected['diff'])} ({f3(-0.12)}–{f3(-0.01)})")
    index = table.model().index(smoker, table.columns().index("difference"))
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert "excludes 0" in index.data(Qt.ItemDataRole.ToolTipRole)
    non = row_of(table, "NON-SMOKER")
    assert "✱" not in table.cell_text(non, "difference")
    assert f"({f3(-0.03)}–{f3(0.21)})" in table.cell_text(non, "difference")
    assert table.cell_text(row_of(table, "accuracy"), "difference").startswith(f"✱ {f3(-0.10)}")
    assert "✱" not in table.cell_text(row_of(table, "macro-F1"), "difference")
    # Sorting by the difference puts the largest gain of run A first, the summaries still last.
    table.show()
    qtbot.waitExposed(table)
    click_header(qtbot, table, "difference")
    click_header(qtbot, table, "difference")
    gains = {label: -row["diff"] for label, row in comparison["per_class"].items()}
    summaries = ["accuracy", "micro-F1", "macro-F1", "weighted-F1"]
    assert column_texts(table, "name") == [*sorted(gains, key=gains.__getitem__, reverse=True), *summaries]
    save(table, "metrics_table_comparison", tmp_path, width=1000)
    # A new result without a comparison hides the columns again.
    table.show_evaluation(result)
    assert table.view.isColumnHidden(table.columns().index("difference"))


def span_evaluation() -> dict:
    """Three reports with blood pressure and heart rate spans; one pressure missed, one rate's value wrong."""
    gold = [
        [SpanRecord(0, 6, "blood_pressure", 140.0), SpanRecord(10, 15, "heart_rate", 88.0)],
        [SpanRecord(3, 9, "blood_pressure", 120.0)],
        [SpanRecord(5, 9, "heart_rate", 72.0), SpanRecord(20, 26, "blood_pressure", 135.0)],
    ]
    pred = [
        [SpanRecord(0, 6, "blood_pressure", 140.0), SpanRecord(10, 14, "heart_rate", 88.0)],
        [],
        [SpanRecord(5, 9, "heart_rate", 27.0), SpanRecord(20, 26, "blood_pressure", 135.0)],
    ]
    types = ["blood_pressure", "heart_rate"]
    values = value_metrics(
        [values_from_spans(s) for s in gold], [values_from_spans(s) for s in pred], types, n_boot=200
    )
    return {
        "schema": "medlabel.evaluation/1", "run": 3, "task": "entities", "task_kind": "spans",
        "recipe": "tagger", "status": "completed", "n_test": 3, "baseline": None, "calibration": None,
        "metrics": {"spans": span_metrics(gold, pred, types, n_boot=200), "values": values,
                    "validity": invalid_rate([True, True, True])},
    }  # fmt: skip


def test_a_span_run_shows_strict_lenient_and_value_scores_per_type(qtbot, tmp_path):
    result = span_evaluation()
    table = MetricsTable()
    qtbot.addWidget(table)
    table.show_evaluation(result)
    spans, values = result["metrics"]["spans"], result["metrics"]["values"]
    assert column_texts(table, "name") == [
        "blood_pressure", "heart_rate", "all types, strict", "all types, lenient", "all fields, values",
    ]  # fmt: skip
    rate = row_of(table, "heart_rate")
    assert (
        table.cell_text(rate, "strict_f1") == f3(spans["strict"]["per_type"]["heart_rate"]["f1"]) == f3(0.5)
    )
    assert table.cell_text(rate, "lenient_f1") == f3(1.0)
    assert table.cell_text(rate, "value_accuracy") == f3(values["per_field"]["heart_rate"]["accuracy"])
    assert table.cell_text(rate, "value_f1") == f3(values["per_field"]["heart_rate"]["f1"])
    assert table.cell_text(rate, "support") == "2"
    overall = values["overall"]
    assert table.cell_text(row_of(table, "all fields, values"), "value_f1") == (
        f"{f3(overall['f1'])} ({f3(overall['f1_ci_low'])}–{f3(overall['f1_ci_high'])})"
    )
    assert table.cell_text(row_of(table, "all types, strict"), "strict_f1").startswith(
        f3(spans["strict"]["overall"]["f1"]) + " ("
    )
    assert "baseline_f1" not in table.columns()
    assert table.invalid_label.isHidden()
    table.show()
    qtbot.waitExposed(table)
    save(table, "metrics_table_spans", tmp_path)


def confusion(invalid: list[int] | None = None) -> dict:
    gold, pred = predictions(0)
    cm = classification_metrics(gold, pred, LABELS, n_boot=50)["confusion_matrix"]
    if invalid is not None:
        cm["invalid"] = invalid
    return cm


def click_cell(qtbot, view: ConfusionView, row: int, column: int) -> None:
    table = view.view
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_confusion_cell_asks_for_its_reports(qtbot, tmp_path):
    view = ConfusionView()
    qtbot.addWidget(view)
    cm = confusion()
    assert cm["matrix"][0][1] == 6 and cm["invalid"] == [0, 0, 2]
    view.show_matrix(cm)
    view.show()
    qtbot.waitExposed(view)
    model = view.view.model()
    assert model.columnCount() == 4  # three labels and the invalid answers
    assert model.headerData(3, Qt.Orientation.Horizontal).replace("\n", " ") == "invalid answer"
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)] == LABELS
    assert model.index(0, 1).data() == "6"
    with qtbot.waitSignal(view.cell_chosen) as chosen:
        click_cell(qtbot, view, 0, 1)
    assert chosen.args == ["SMOKER", "NON-SMOKER"]
    with qtbot.waitSignal(view.cell_chosen) as chosen:
        click_cell(qtbot, view, 2, 3)
    assert chosen.args == ["PAST SMOKER", None]
    assert model.index(1, 2).data() == "0"
    with qtbot.assertNotEmitted(view.cell_chosen):
        click_cell(qtbot, view, 1, 2)
    # The keyboard: a cell made current, then Enter.
    assert view.select_cell("NON-SMOKER", "SMOKER")
    with qtbot.waitSignal(view.cell_chosen) as chosen:
        qtbot.keyClick(view.view, Qt.Key.Key_Return)
    assert chosen.args == ["NON-SMOKER", "SMOKER"]
    assert not view.select_cell("NON-SMOKER", "nobody")
    # The diagonal is blue, an error orange-red, an empty cell white; dark cells get white text.
    right = model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color()
    wrong = model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole).color()
    empty = model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole).color()
    assert right.blue() > right.red() and wrong.red() > wrong.blue() and empty.name() == "#ffffff"
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#ffffff"
    save(view, "confusion", tmp_path)


def test_the_invalid_column_appears_only_with_invalid_answers_and_none_explains(qtbot):
    view = ConfusionView()
    qtbot.addWidget(view)
    view.show_matrix(confusion(invalid=[0, 0, 0]))
    assert view.view.model().columnCount() == 3
    assert view.stack.currentWidget() is not view.empty_label
    view.show_matrix(None)
    assert view.stack.currentWidget() is view.empty_label
    assert "this run extracts spans" in view.empty_label.text()


def calibration_block() -> dict:
    rng = np.random.default_rng(0)
    gold, raw = [], []
    for _ in range(60):
        p = rng.dirichlet([0.4, 0.4, 0.4])
        raw.append(dict(zip(LABELS, map(float, p), strict=True)))
        # Right 60 % of the time, whatever it says: overconfident for the sure answers.
        gold.append(LABELS[int(np.argmax(p))] if rng.random() < 0.6 else LABELS[int(np.argmin(p))])
    matrix = np.array([[r[label] for label in LABELS] for r in raw])
    calibrated = [dict(zip(LABELS, map(float, row), strict=True)) for row in apply_temperature(matrix, 2.0)]
    return calibration_metrics(gold, raw, calibrated, Calibrator(temperature=2.0, n_validation=40))


def test_the_reliability_diagram_says_the_calibration_error_in_words(qtbot, tmp_path):
    block = calibration_block()
    view = CalibrationView()
    qtbot.addWidget(view)
    view.show_calibration(block)
    assert view.stack.currentIndex() == 0
    assert view.caption.text().startswith(
        f"Expected calibration error {f3(block['ece_after'])} after calibration ({f3(block['ece_before'])} "
        "before), on 60 test reports."
    )
    for key in ("bins_before", "bins_after"):
        filled = [b for b in block[key] if b["count"]]
        x, y = view.series[key].getData()
        assert list(x) == [b["mean_confidence"] for b in filled]
        assert list(y) == [b["accuracy"] for b in filled]
    view.show()
    qtbot.waitExposed(view)
    save(view, "calibration", tmp_path)
    view.show_calibration(None)
    assert view.stack.currentWidget() is view.empty_label
    assert "no calibration" in view.empty_label.text() and view.series == {}


def curve(with_baseline: bool = True) -> dict:
    points = []
    for i, (size, value) in enumerate([(12, 0.41), (24, 0.55), (48, 0.68), (72, 0.73), (96, 0.75)]):
        point = {"size": size, "run": 20 + i, "value": value, "ci_low": value - 0.12, "ci_high": value + 0.1}
        if with_baseline:
            point["baseline"] = {"value": value - 0.1, "ci_low": value - 0.22, "ci_high": value + 0.01}
        points.append(point)
    return {
        "task": "smoking_status", "recipe": "classifier", "metric": "macro-F1",
        "series_label": "classifier (MiniLM)", "points": points,
        "references": [{"name": "run 14 (instruct)", "run": 14, "value": 0.7, "ci_low": 0.6, "ci_high": 0.8}],
        "verdict": {"code": "curve.flattening", "params": {"gain": 0.02},
                    "text": "The curve is flattening: the last quarter of the labels added 0.02."},
    }  # fmt: skip


def test_the_learning_curve_draws_each_series_the_references_and_the_verdict(qtbot, tmp_path):
    view = CurveView()
    qtbot.addWidget(view)
    view.show_curve(curve())
    assert view.series_names() == ["classifier (MiniLM)", "baseline (TF-IDF)"]
    assert [line.value() for line in view.reference_lines] == [0.7]
    assert view.reference_lines[0].label.toPlainText() == "run 14 (instruct): 0.70"
    assert view.verdict_label.text().startswith("The curve is flattening")
    assert view.verdict_code == "curve.flattening"
    assert view.plot.getPlotItem().getAxis("left").labelText == "macro-F1"
    view.show()
    qtbot.waitExposed(view)
    save(view, "curve", tmp_path)

    plain = curve(with_baseline=False)
    del plain["series_label"], plain["references"], plain["verdict"]
    view.show_curve(plain)
    assert view.series_names() == ["classifier"]
    assert view.reference_lines == [] and view.verdict_code is None and view.verdict_label.isHidden()


@pytest.mark.parametrize("empty", [None, {"points": []}])
def test_no_curve_explains_how_to_make_one(qtbot, empty):
    view = CurveView()
    qtbot.addWidget(view)
    view.show_curve(curve())
    view.show_curve(empty)
    assert view.stack.currentWidget() is view.empty_label
    assert view.empty_label.text().startswith("No learning curve yet.")
    assert view.series_names() == []
