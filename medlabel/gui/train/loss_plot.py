"""The live training plot: training and validation loss, and the validation score, by step.

matplotlib's Qt canvas (matplotlib is already a dependency; pyqtgraph would be a second plotting
library). Redraws are coalesced with ``draw_idle``: however many metrics arrive at once, the canvas
draws once when the event loop is free (redraw cost: docs/benchmarks.md, "Training page").
"""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QWidget

from medlabel.gui.i18n import tr
from medlabel.gui.train.run_panel import score_key


class LossPlot(FigureCanvasQTAgg):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.figure = Figure(figsize=(5, 3), layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("lossPlot")
        self.loss_axes = self.figure.add_subplot()
        self.score_axes = self.loss_axes.twinx()
        self.clear()

    def clear(self) -> None:
        self.train: list[tuple[float, float]] = []
        self.val: list[tuple[float, float]] = []
        self.score: list[tuple[float, float]] = []
        self.score_name: str | None = None
        self.loss_axes.clear()
        self.score_axes.clear()
        (self.train_line,) = self.loss_axes.plot([], [], color="tab:blue", label=tr("training loss"))
        (self.val_line,) = self.loss_axes.plot(
            [], [], color="tab:orange", marker="o", label=tr("validation loss")
        )
        (self.score_line,) = self.score_axes.plot(
            [], [], color="tab:green", marker="s", linestyle="--", label=tr("validation score")
        )
        self.loss_axes.set_xlabel(tr("training step"))
        self.loss_axes.set_ylabel(tr("loss"))
        # clear() forgets that the twin axes live on the right.
        self.score_axes.yaxis.tick_right()
        self.score_axes.yaxis.set_label_position("right")
        self.score_axes.set_ylabel(tr("validation score"))
        self.score_axes.set_ylim(0, 1)
        self.loss_axes.set_xlim(0, 1)
        self.loss_axes.set_ylim(0, 1)
        lines = [self.train_line, self.val_line, self.score_line]
        self.loss_axes.legend(lines, [line.get_label() for line in lines], loc="upper right", fontsize=8)
        self.draw_idle()

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
        for line, points in (
            (self.train_line, self.train),
            (self.val_line, self.val),
            (self.score_line, self.score),
        ):
            line.set_data([p[0] for p in points], [p[1] for p in points])
        self.loss_axes.relim()
        self.loss_axes.autoscale_view()
        self.draw_idle()
