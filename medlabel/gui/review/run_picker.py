"""Which run to review, and which run to compare it with (only completed runs of the same task)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from medlabel.core.project import Project
from medlabel.core.runs import Run, list_runs
from medlabel.gui.i18n import tr
from medlabel.gui.train.history import headline_text


def run_text(run: Run) -> str:
    parts = [tr("Run {0}").format(run.id), run.task, run.recipe]
    if run.model_name:
        parts.append(run.model_name)
    if run.train_size:
        parts.append(tr("{0} training reports").format(run.train_size))
    text = " · ".join(parts)
    head = headline_text(run)
    return f"{text} — {head}" if head else text


class RunPicker(QWidget):
    changed = Signal(object, object)  # run id or None, compare-with run id or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runs: list[Run] = []
        self.run_box = QComboBox(objectName="reviewRun")
        self.compare_box = QComboBox(objectName="compareRun")
        for box in (self.run_box, self.compare_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            # Short enough that the page fits a 1280-pixel screen in German; the list shows runs in full.
            box.setMinimumContentsLength(16)
        run_label = QLabel(tr("&Run:"))
        run_label.setBuddy(self.run_box)
        compare_label = QLabel(tr("Compare &with:"))
        compare_label.setBuddy(self.compare_box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(run_label)
        layout.addWidget(self.run_box, 3)
        layout.addWidget(compare_label)
        layout.addWidget(self.compare_box, 2)
        self.run_box.currentIndexChanged.connect(self._run_changed)
        self.compare_box.currentIndexChanged.connect(self._emit)

    def reload(self, project: Project, keep: int | None = None) -> None:
        """Completed runs, newest first; keeps the chosen run (or ``keep``) when it is still there."""
        current = keep if keep is not None else self.run_id()
        self.runs = [r for r in reversed(list_runs(project)) if r.status == "completed"]
        self.run_box.blockSignals(True)
        self.run_box.clear()
        for run in self.runs:
            self.run_box.addItem(run_text(run), run.id)
        index = self.run_box.findData(current) if current is not None else -1
        self.run_box.setCurrentIndex(max(index, 0) if self.runs else -1)
        self.run_box.blockSignals(False)
        self._fill_compare()
        self._emit()

    def run_id(self) -> int | None:
        data = self.run_box.currentData()
        return int(data) if data is not None else None

    def compare_id(self) -> int | None:
        data = self.compare_box.currentData()
        return int(data) if data is not None else None

    def select(self, run_id: int, compare_with: int | None = None) -> None:
        self.run_box.setCurrentIndex(self.run_box.findData(run_id))
        if compare_with is not None:
            self.compare_box.setCurrentIndex(self.compare_box.findData(compare_with))

    def _fill_compare(self) -> None:
        chosen = next((r for r in self.runs if r.id == self.run_id()), None)
        previous = self.compare_id()
        self.compare_box.blockSignals(True)
        self.compare_box.clear()
        self.compare_box.addItem(tr("(no comparison)"), None)
        for run in self.runs:
            if chosen is not None and run.id != chosen.id and run.task == chosen.task:
                self.compare_box.addItem(run_text(run), run.id)
        self.compare_box.setCurrentIndex(max(self.compare_box.findData(previous), 0))
        self.compare_box.blockSignals(False)

    def _run_changed(self) -> None:
        self._fill_compare()
        self._emit()

    def _emit(self) -> None:
        self.changed.emit(self.run_id(), self.compare_id())
