"""The run history on the training page: every run of the project, newest first, from the store."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from medlabel.core.project import Project
from medlabel.core.runs import Run, get_run, list_runs
from medlabel.gui.i18n import tr
from medlabel.ml.train import headline


def status_text(status: str) -> str:
    return {
        "running": tr("running"),
        "completed": tr("completed"),
        "failed": tr("failed"),
        "cancelled": tr("cancelled"),
    }.get(status, status)


def headline_text(run: Run) -> str:
    """'macro-F1 0.86 (0.73–0.95), baseline 0.55' in the user's locale; empty without metrics."""
    if run.status != "completed" or not run.metrics:
        return ""
    try:
        head = headline(run.metrics, run.task_kind)
    except KeyError:
        return ""
    return figure_text(
        head, headline(run.metrics["baseline"], "document") if "baseline" in run.metrics else None
    )


def figure_text(head: dict[str, Any], baseline: dict[str, Any] | None) -> str:
    def number(value: Any) -> str:
        return QLocale().toString(float(value), "f", 2)

    name = tr("macro-F1") if head["name"] == "macro_f1" else tr("value F1")
    text = f"{name} {number(head['value'])}"
    if head.get("ci_low") is not None and head.get("ci_high") is not None:
        text += f" ({number(head['ci_low'])}–{number(head['ci_high'])})"
    if baseline is not None:
        text += tr(", baseline {0}").format(number(baseline["value"]))
    return text


class RunHistory(QTableWidget):
    COLUMNS = ("run", "task", "recipe", "model", "status", "result", "started")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.COLUMNS), parent)
        self.setObjectName("runHistory")
        self.setHorizontalHeaderLabels(
            [
                tr("Run"),
                tr("Task"),
                tr("Recipe"),
                tr("Model"),
                tr("Status"),
                tr("Result (95% CI)"),
                tr("Started"),
            ]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def reload(self, project: Project) -> None:
        runs = list(reversed(list_runs(project)))
        self.setRowCount(len(runs))
        for row, run in enumerate(runs):
            cells = (
                str(run.id),
                run.task,
                run.recipe,
                run.model_name or "–",
                status_text(run.status),
                headline_text(run) or (run.error or "")[:80],
                run.started_at[:16].replace("T", " "),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, run.id)
                if column == 5 and run.error:
                    item.setToolTip(run.error)
                self.setItem(row, column, item)

    def selected_run(self, project: Project) -> Run | None:
        rows = {index.row() for index in self.selectedIndexes()}
        if len(rows) != 1:
            return None
        item = self.item(rows.pop(), 0)
        return get_run(project, int(item.data(Qt.ItemDataRole.UserRole))) if item else None
