"""A plot with a line of words under it, or a sentence in its place when there is nothing to draw: the
frame the calibration and learning-curve views share."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget


class PlotFrame(QWidget):
    def __init__(self, name: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}View")
        self.plot = pg.PlotWidget(self)
        self.plot.setObjectName(f"{name}Plot")
        axes = self.plot.getPlotItem()
        axes.showGrid(x=True, y=True, alpha=0.15)
        axes.setMouseEnabled(x=False, y=False)  # a finished result: nothing to pan or zoom
        axes.hideButtons()
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setContentsMargins(6, 4, 6, 4)
        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.plot, 1)
        content_layout.addWidget(self.caption)
        self.empty_label = QLabel(empty_text, self)
        self.empty_label.setObjectName(f"{name}Empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def show_empty(self, empty: bool) -> None:
        self.stack.setCurrentIndex(1 if empty else 0)
