"""Would more labels help? The learning curves of the task (runs trained on ½, 1, 2, 3 and 4 of 4 parts
of the training reports), and the button that starts a new one on the Train page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from medlabel.core.project import Project
from medlabel.gui.i18n import tr
from medlabel.gui.review.curve_view import CurveView


class CurvePanel(QWidget):
    start_requested = Signal()  # the Train page runs it, with its settings, one run per size

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.task: str | None = None
        self.group_box = QComboBox(objectName="curveGroup")
        self.start_button = QPushButton(tr("Run a learning curve…"), objectName="startCurve")
        self.start_button.setToolTip(
            tr("Trains one run per training size with the settings chosen on the Train page; you can go "
               "on labelling meanwhile.")
        )  # fmt: skip
        self.start_button.clicked.connect(self.start_requested)
        self.state = QLabel(objectName="curveState")
        self.state.setWordWrap(True)
        self.view = CurveView()
        label = QLabel(tr("&Curve:"))
        label.setBuddy(self.group_box)
        bar = QHBoxLayout()
        bar.addWidget(label)
        bar.addWidget(self.group_box, 1)
        bar.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.state)
        layout.addWidget(self.view, 1)
        self.group_box.currentIndexChanged.connect(self._show)

    def set_task(self, project: Project | None, task: str | None, read_only: bool) -> None:
        self.project, self.task = project, task
        # The curve trains the Train page's choice (task, model, settings), whatever run is reviewed here.
        self.start_button.setEnabled(project is not None and not read_only)
        self.reload()

    def reload(self) -> None:
        from medlabel.ml.curve import curve_groups

        groups = curve_groups(self.project, self.task) if self.project is not None and self.task else []
        current = self.group_box.currentData()
        self.group_box.blockSignals(True)
        self.group_box.clear()
        for name, completed in groups:
            self.group_box.addItem(tr("{0} ({1} sizes done)").format(name, completed), name)
        index = self.group_box.findData(current)
        self.group_box.setCurrentIndex(index if index >= 0 else (0 if groups else -1))
        self.group_box.blockSignals(False)
        self._show()

    def set_state(self, text: str) -> None:
        """What the Train page says about a curve in progress."""
        self.state.setText(text)

    def current_curve(self) -> dict | None:
        """The chosen curve (None when there is none or it has no completed point yet)."""
        from medlabel.ml.curve import curve_from_runs

        name = self.group_box.currentData()
        if self.project is None or not name:
            return None
        curve = curve_from_runs(self.project, str(name))
        return curve if curve.get("points") else None

    def _show(self, *_args: object) -> None:
        self.view.show_curve(self.current_curve())
