"""The metrics table of the Review page: per class (or per entity type) scores with their 95% intervals,
the summary rows, the baseline and, when two runs are compared, the difference with its interval.

The numbers come ready from ``medlabel.ml.evaluate.evaluate_run`` (schema ``medlabel.evaluation/1``) and a
comparison (schema ``medlabel.comparison/1``); this module only formats and sorts them.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medlabel.gui.i18n import tr

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# 0 on a class row; 1, 2, ... on the summary rows, which stay last, in this order, however the user sorts.
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
SMALL_SUPPORT = 10  # below this many test reports a class's interval spans much of 0–1
SUMMARY_BACKGROUND = QColor("#eef1f5")
SMALL_COLOUR = QColor("#a84b00")
MARK = "✱"

DOCUMENT_COLUMNS = ("name", "precision", "recall", "f1", "support", "baseline_f1", "run_b_f1", "difference")
SPAN_COLUMNS = (
    "name", "strict_f1", "lenient_f1", "value_accuracy", "value_f1", "support", "run_b_f1", "difference",
)  # fmt: skip
DOCUMENT_SUMMARY = ("accuracy", "micro_f1", "macro_f1", "weighted_f1")


def number(value: Any) -> str:
    """Three decimals in the user's locale; a dash for a missing figure."""
    return "–" if value is None else QLocale().toString(float(value), "f", 3)


def signed(value: Any) -> str:
    return "–" if value is None else ("+" if float(value) > 0 else "") + number(value)


def with_interval(value: Any, low: Any, high: Any, sign: bool = False) -> str:
    """'0.820 (0.740–0.950)'; a difference as '+0.050 (-0.020–0.120)'; the value alone without interval."""
    shown = signed(value) if sign else number(value)
    if low is None or high is None:
        return shown
    return f"{shown} ({number(low)}–{number(high)})"


def summary_names() -> dict[str, str]:
    return {
        "accuracy": tr("accuracy"),
        "micro_f1": tr("micro-F1"),
        "macro_f1": tr("macro-F1"),
        "weighted_f1": tr("weighted-F1"),
    }


class SummaryLastProxy(QSortFilterProxyModel):
    """Sorts on ``SORT_ROLE`` (numbers as numbers, blanks first) and keeps the summary rows last."""

    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        rank_left, rank_right = left.data(SUMMARY_ROLE) or 0, right.data(SUMMARY_ROLE) or 0
        if rank_left or rank_right:
            # Descending order asks lessThan(right, left), so the answer flips with the order to keep
            # the lower rank (the class rows, then the summaries in order) first either way.
            if self.sortOrder() == Qt.SortOrder.AscendingOrder:
                return rank_left < rank_right
            return rank_left > rank_right
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return a is None and b is not None
        return a < b


class MetricsTable(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metricsTable")
        self._model = QStandardItemModel(0, 0, self)
        self._proxy = SummaryLastProxy(self)
        self._proxy.setSourceModel(self._model)
        self._columns: tuple[str, ...] = DOCUMENT_COLUMNS
        self.view = QTableView(self)
        self.view.setObjectName("metricsTableView")
        self.view.setModel(self._proxy)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the label set's order until a click
        self.view.setSortingEnabled(True)
        self.view.setMinimumHeight(120)
        # As tall as its rows and no taller, so the note on invalid answers sits right below them.
        self.view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.invalid_label = QLabel(self)
        self.invalid_label.setObjectName("metricsInvalid")
        self.invalid_label.setWordWrap(True)
        self.invalid_label.setContentsMargins(4, 4, 4, 4)
        self.invalid_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.invalid_label)
        layout.addStretch(1)
        self.setMinimumSize(360, 200)

    def model(self) -> SummaryLastProxy:
        """The rows in view order (sorted as shown)."""
        return self._proxy

    def columns(self) -> tuple[str, ...]:
        return self._columns

    def show_evaluation(self, result: Mapping[str, Any], comparison: Mapping[str, Any] | None = None) -> None:
        """Show an ``evaluate_run`` result, and the comparison with a second run when given."""
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._proxy.sort(-1)
        self._model.clear()
        metrics = result["metrics"]
        compared = comparison is not None
        baseline = result.get("baseline") if result.get("task_kind") == "document" else None
        if result.get("task_kind") == "document":
            self._columns = DOCUMENT_COLUMNS
            rows = self._document_rows(metrics, baseline, comparison)
        else:
            self._columns = SPAN_COLUMNS
            rows = self._span_rows(metrics, comparison)
        self._model.setColumnCount(len(self._columns))
        self._set_headers(comparison)
        for row in rows:
            items = [row[key] if key in row else _cell("") for key in self._columns]
            rank = items[0].data(SUMMARY_ROLE) or 0
            for item in items:
                item.setData(rank, SUMMARY_ROLE)
                if rank:  # a tint sets the summary rows apart from the class rows
                    item.setBackground(QBrush(SUMMARY_BACKGROUND))
            self._model.appendRow(items)
        hidden = {"baseline_f1": baseline is None, "run_b_f1": not compared, "difference": not compared}
        for column, key in enumerate(self._columns):
            self.view.setColumnHidden(column, hidden.get(key, False))
        self._show_invalid(metrics)

    def cell_text(self, row: int, column_name: str) -> str:
        """The text of ``row`` (in view order) under the column with this key (``f1``, ``support``, …,
        see ``columns()``) or this header text."""
        if column_name in self._columns:
            column = self._columns.index(column_name)
        else:
            headers = [
                self._model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(self._columns))
            ]
            column = headers.index(column_name)
        return str(self._proxy.index(row, column).data() or "")

    def _set_headers(self, comparison: Mapping[str, Any] | None) -> None:
        run_b = comparison.get("run_b", "B") if comparison else "B"
        run_a = comparison.get("run_a", "A") if comparison else "A"
        names = {
            "name": tr("Class"),
            "precision": tr("Precision"),
            "recall": tr("Recall"),
            "f1": tr("F1 (95% CI)"),
            "support": tr("Test reports"),
            "baseline_f1": tr("Baseline F1"),
            "strict_f1": tr("Strict span F1"),
            "lenient_f1": tr("Lenient span F1"),
            "value_accuracy": tr("Value accuracy"),
            "value_f1": tr("Value F1"),
            "run_b_f1": tr("Run {run} F1").format(run=run_b),
            "difference": tr("Difference (95% CI)"),
        }
        if self._columns is SPAN_COLUMNS:
            names |= {"name": tr("Entity type"), "support": tr("Gold spans")}
        tips = {
            "f1": tr("F1 with its 95% confidence interval from 1000 resamples of the test reports"),
            "baseline_f1": tr("The baseline (TF-IDF and logistic regression) on the same test reports"),
            "difference": tr("F1 of run {a} minus F1 of run {b}, with its 95% confidence interval").format(
                a=run_a, b=run_b
            ),
            "strict_f1": tr("A found span counts only with exactly the gold span's start and end"),
            "lenient_f1": tr("A found span counts when it overlaps a gold span of the same type"),
            "value_accuracy": tr("Share of reports with this field whose values are all exactly right"),
        }
        for column, key in enumerate(self._columns):
            item = QStandardItem(names[key])
            if key in tips:
                item.setToolTip(tips[key])
            self._model.setHorizontalHeaderItem(column, item)

    def _document_rows(
        self,
        metrics: Mapping[str, Any],
        baseline: Mapping[str, Any] | None,
        comparison: Mapping[str, Any] | None,
    ) -> list[dict[str, QStandardItem]]:
        per_class = metrics["per_class"]
        # The label set's order, as in the confusion matrix: stored metrics come back with sorted keys.
        labels = metrics.get("confusion_matrix", {}).get("labels") or list(per_class)
        rows = []
        for label in labels:
            stats = per_class[label]
            support = int(stats["support"])
            row = {
                "name": _cell(label, label.casefold()),
                "precision": _cell(number(stats["precision"]), stats["precision"]),
                "recall": _cell(number(stats["recall"]), stats["recall"]),
                "f1": _cell(
                    with_interval(stats["f1"], stats.get("f1_ci_low"), stats.get("f1_ci_high")), stats["f1"]
                ),
                "support": _cell(str(support), support),
            }
            if support < SMALL_SUPPORT:
                tip = tr("only {n} test reports: the interval is wide").format(n=support)
                row["support"] = _cell(tr("{n} (small)").format(n=support), support, tip)
                row["support"].setForeground(QBrush(SMALL_COLOUR))
                row["f1"].setToolTip(tip)
            if baseline is not None and label in baseline.get("per_class", {}):
                base = baseline["per_class"][label]
                interval = with_interval(base["f1"], base.get("f1_ci_low"), base.get("f1_ci_high"))
                row["baseline_f1"] = _cell(
                    number(base["f1"]), base["f1"], tr("95% CI: {interval}").format(interval=interval)
                )
            self._compare(row, (comparison or {}).get("per_class", {}).get(label))
            rows.append(row)
        for rank, (key, name) in enumerate(summary_names().items(), 1):
            figure = metrics[key]
            row = {
                "name": _cell(name, name.casefold()),
                "f1": _cell(
                    with_interval(figure["value"], figure["ci_low"], figure["ci_high"]), figure["value"]
                ),
            }
            if key == "accuracy":
                row["support"] = _cell(str(metrics.get("n", "")), metrics.get("n"))
            if baseline is not None and key in baseline:
                base = baseline[key]
                interval = with_interval(base["value"], base.get("ci_low"), base.get("ci_high"))
                row["baseline_f1"] = _cell(
                    number(base["value"]), base["value"], tr("95% CI: {interval}").format(interval=interval)
                )
            self._compare(row, (comparison or {}).get("overall", {}).get(key))
            rows.append(_summary(row, rank))
        return rows

    def _span_rows(
        self, metrics: Mapping[str, Any], comparison: Mapping[str, Any] | None
    ) -> list[dict[str, QStandardItem]]:
        strict, lenient = metrics["spans"]["strict"], metrics["spans"]["lenient"]
        values = metrics.get("values") or {"per_field": {}, "overall": {}}
        per_field = values["per_field"]
        names = list(dict.fromkeys([*metrics["spans"].get("types", strict["per_type"]), *per_field]))
        rows = []
        for name in names:
            row: dict[str, QStandardItem] = {"name": _cell(name, name.casefold())}
            if name in strict["per_type"]:
                s, le = strict["per_type"][name], lenient["per_type"][name]
                row["strict_f1"] = _cell(number(s["f1"]), s["f1"])
                row["lenient_f1"] = _cell(number(le["f1"]), le["f1"])
                gold = s["tp"] + s["fn"]
                row["support"] = _cell(str(gold), gold)
            if name in per_field:
                field = per_field[name]
                row["value_accuracy"] = _cell(number(field.get("accuracy")), field.get("accuracy"))
                row["value_f1"] = _cell(number(field["f1"]), field["f1"])
            self._compare(row, (comparison or {}).get("per_class", {}).get(name))
            rows.append(row)
        overall_strict, overall_lenient = strict["overall"], lenient["overall"]
        overall_values = values["overall"]
        summaries = [
            ("strict_f1", tr("all types, strict"), {"strict_f1": overall_strict}),
            ("lenient_f1", tr("all types, lenient"), {"lenient_f1": overall_lenient}),
            ("value_f1", tr("all fields, values"), {"value_f1": overall_values} if overall_values else {}),
        ]
        for rank, (key, label, figures) in enumerate(summaries, 1):
            row = {"name": _cell(label, label.casefold())}
            for column, figure in figures.items():
                text = with_interval(figure["f1"], figure.get("f1_ci_low"), figure.get("f1_ci_high"))
                row[column] = _cell(text, figure["f1"])
            if key == "strict_f1":
                gold = overall_strict["tp"] + overall_strict["fn"]
                row["support"] = _cell(str(gold), gold)
            if key == "value_f1" and overall_values:
                accuracy = overall_values.get("accuracy")
                row["value_accuracy"] = _cell(number(accuracy), accuracy)
            self._compare(row, (comparison or {}).get("overall", {}).get(key))
            rows.append(_summary(row, rank))
        return rows

    def _compare(self, row: dict[str, QStandardItem], figures: Mapping[str, Any] | None) -> None:
        if not figures:
            return
        row["run_b_f1"] = _cell(number(figures.get("b")), figures.get("b"))
        # Shown from the reviewed run's side (run A minus run B): "+0.05" means this run is better.
        diff, low, high = (None if v is None else -v for v in (figures.get("diff"), figures.get("ci_high"),
                                                               figures.get("ci_low")))  # fmt: skip
        text = with_interval(diff, low, high, sign=True)
        if figures.get("excludes_zero"):
            cell = _cell(f"{MARK} {text}", diff)
            cell.setToolTip(tr("the interval excludes 0: a real difference on these test reports"))
            font = QFont()
            font.setBold(True)
            cell.setFont(font)
        else:
            cell = _cell(text, diff)
            cell.setToolTip(tr("the interval includes 0: these test reports cannot tell the two runs apart"))
        row["difference"] = cell

    def _show_invalid(self, metrics: Mapping[str, Any]) -> None:
        validity = metrics.get("validity") or {}
        invalid = metrics.get("invalid", validity.get("invalid", 0)) or 0
        if invalid <= 0:
            self.invalid_label.hide()
            self.invalid_label.clear()
            return
        percent = QLocale().toString(100 * float(validity.get("rate", 0.0)), "f", 1)
        self.invalid_label.setText(
            tr(
                "{invalid} of {n} answers could not be read ({percent} %): each counts as wrong and as "
                "no prediction of any class."
            ).format(invalid=invalid, n=validity.get("n", metrics.get("n", "?")), percent=percent)
        )
        self.invalid_label.show()


def _cell(text: str, sort: Any = None, tooltip: str | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    numeric = isinstance(sort, numbers.Real)  # numpy's numbers too, should a caller pass them
    item.setData(float(sort) if numeric else sort, SORT_ROLE)
    if numeric:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tooltip:
        item.setToolTip(tooltip)
    return item


def _summary(row: dict[str, QStandardItem], rank: int) -> dict[str, QStandardItem]:
    """Marks a summary row: its rank keeps it last, below the class rows, in this order."""
    row["name"].setData(rank, SUMMARY_ROLE)
    return row
