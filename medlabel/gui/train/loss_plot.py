"""The live training plot: training and validation loss above, the validation score below, by step.

pyqtgraph, not matplotlib: with matplotlib's canvas the window stalled up to 88 ms during a training,
with pyqtgraph 22 ms (docs/benchmarks.md, "The Train page: event-loop stalls").
"""

from __future__ import annotations

from collections.abc import Mapping

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from medlabel.gui.i18n import tr
from medlabel.gui.train.run_panel import score_key

pg.setConfigOptions(antialias=True, background="w", foreground="#333")


class LossPlot(pg.GraphicsLayoutWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lossPlot")
        self.loss_axes = self.addPlot(row=0, col=0)
        self.score_axes = self.addPlot(row=1, col=0)
        self.score_axes.setXLink(self.loss_axes)
        self.loss_axes.setLabel("left", tr("loss"))
        self.score_axes.setLabel("left", tr("validation score"))
        self.score_axes.setLabel("bottom", tr("training step"))
        self.score_axes.setYRange(0, 1)
        for axes in (self.loss_axes, self.score_axes):
            axes.showGrid(x=True, y=True, alpha=0.3)
            axes.setMouseEnabled(x=False, y=False)  # a live view: nothing to pan while it grows
        legend = self.loss_axes.addLegend(offset=(-10, 10))
        self.train_line = self.loss_axes.plot(
            [], [], pen=pg.mkPen("#1f77b4", width=2), name=tr("training loss")
        )
        self.val_line = self.loss_axes.plot(
            [], [], pen=pg.mkPen("#ff7f0e", width=2), symbol="o", symbolSize=6, symbolBrush="#ff7f0e",
            name=tr("validation loss"),
        )  # fmt: skip
        self.score_line = self.score_axes.plot(
            [], [], pen=pg.mkPen("#2ca02c", width=2, style=pg.QtCore.Qt.PenStyle.DashLine), symbol="s",
            symbolSize=6, symbolBrush="#2ca02c",
        )  # fmt: skip
        self.legend = legend
        self.reset()

    def reset(self) -> None:
        """Forget the data (``clear`` is pyqtgraph's: it would remove the plots themselves)."""
        self.train: list[tuple[float, float]] = []
        self.val: list[tuple[float, float]] = []
        self.score: list[tuple[float, float]] = []
        self.score_name: str | None = None
        self._show()

    def add(self, values: Mapping[str, float], step: int | None) -> None:
        """One ``metrics`` event of the run."""
        x = float(step if step is not None else len(self.train) + len(self.val))
        if "loss" in values:
            self.train.append((x, float(values["loss"])))
        if "eval_loss" in values:
            self.val.append((x, float(values["eval_loss"])))
        key = score_key(values)
        if key is not None:
            self.score.append((x, float(values[key])))
            self.score_name = key
        self._show()

    def _show(self) -> None:
        for line, points in (
            (self.train_line, self.train),
            (self.val_line, self.val),
            (self.score_line, self.score),
        ):
            line.setData([p[0] for p in points], [p[1] for p in points])
