"""What one metrics event costs the GUI thread: the Train page's pyqtgraph plot against the same plot
drawn with matplotlib's Qt canvas (the first version of the page), 200 events each, repainted at once.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/plot_redraw.py
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class MatplotlibPlot:
    """The first LossPlot: training and validation loss with the validation score on a twin axis."""

    def __init__(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.canvas = FigureCanvasQTAgg(Figure(figsize=(5, 3), layout="constrained"))
        self.loss = self.canvas.figure.add_subplot()
        self.score = self.loss.twinx()
        self.lines = [self.loss.plot([], [])[0], self.loss.plot([], [], marker="o")[0],
                      self.score.plot([], [], marker="s", linestyle="--")[0]]  # fmt: skip
        self.points: list[list[tuple[float, float]]] = [[], [], []]

    def add(self, values: dict[str, float], step: int) -> None:
        for i, key in enumerate(("loss", "eval_loss", "eval_macro_f1")):
            self.points[i].append((step, values[key]))
            self.lines[i].set_data(*zip(*self.points[i], strict=True))
        self.loss.relim()
        self.loss.autoscale_view()
        self.canvas.draw()  # what draw_idle does once the event loop is free


def per_event_ms(widget: object, add: object, app: object, events: int = 200) -> float:
    widget.resize(800, 400)
    widget.show()
    t0 = time.perf_counter()
    for step in range(events):
        add({"loss": 1.0 / (step + 1), "eval_loss": 1.2 / (step + 1), "eval_macro_f1": 0.5}, step)
        widget.repaint()
        app.processEvents()
    return (time.perf_counter() - t0) * 1000 / events


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from medlabel.gui.train.loss_plot import LossPlot

    app = QApplication([])
    mpl = MatplotlibPlot()
    pgp = LossPlot()
    print(f"matplotlib: {per_event_ms(mpl.canvas, mpl.add, app):.1f} ms per metrics event")
    print(f"pyqtgraph:  {per_event_ms(pgp, pgp.add, app):.1f} ms per metrics event")


if __name__ == "__main__":
    main()
