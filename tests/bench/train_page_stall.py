"""How long the app's event loop stalls while the training page runs a real MiniLM training.

Opens the smoking demo in the real main window (offscreen unless DISPLAY is set), starts a run from the
Train page, and probes the event loop with a 5 ms timer for the whole run: a tick that arrives late by
more than its interval is a stall the user would feel. Prints p50 / p99 / max of the lateness, and the
cost of one redraw of the loss plot. Targets: p99 < 16 ms, max < 50 ms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/train_page_stall.py --preset quick
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["MEDLABEL_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "settings.ini")


def redraw_cost(plot: object, app: object, points: int = 200) -> tuple[float, float]:
    """(ms per metrics event with the repaint it causes, ms for a repaint of ``points`` steps)."""
    plot.show()
    plot.reset()
    t0 = time.perf_counter()
    for step in range(points):
        plot.add({"loss": 1.0 / (step + 1), "eval_loss": 1.2 / (step + 1), "eval_macro_f1": 0.5}, step)
        plot.repaint()
        app.processEvents()
    per_event = (time.perf_counter() - t0) * 1000 / points
    t0 = time.perf_counter()
    plot.repaint()
    return per_event, (time.perf_counter() - t0) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--preset", default="quick")
    args = parser.parse_args()
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from medlabel.core.demo.project import create_demo_project
    from medlabel.gui import settings
    from medlabel.gui.main_window import MainWindow

    app = QApplication(sys.argv)
    root = Path(tempfile.mkdtemp()) / "smoking"
    create_demo_project(root, "smoking").close()
    settings.set_annotator("bench")
    window = MainWindow()
    window.show()
    window.open_project(root)
    page = window.train_page
    window.tabs.setCurrentWidget(page)
    page.setup.preset.setCurrentIndex(page.setup.preset.findData(args.preset))
    app.processEvents()

    lateness: list[float] = []
    when: list[float] = []
    clock = QElapsedTimer()
    interval = 5

    def tick() -> None:
        elapsed = clock.restart()
        lateness.append(max(0, elapsed - interval))
        when.append(time.monotonic() - t0)

    probe = QTimer(interval=interval)
    probe.timeout.connect(tick)
    ended: list[str] = []
    page.run_ended.connect(lambda _run, status: (ended.append(status), app.quit()))
    t0 = time.monotonic()
    page.train_button.click()
    clock.start()
    probe.start()
    app.exec()  # the real event loop, as the app runs it
    probe.stop()
    wall = time.monotonic() - t0
    worst = sorted(zip(lateness, when, strict=True), reverse=True)[:5]
    lateness.sort()
    p99 = lateness[int(0.99 * (len(lateness) - 1))]
    print(f"run {ended[0]} in {wall:.0f} s (preset {args.preset}); {len(lateness)} ticks of {interval} ms")
    print(f"event-loop lateness: p50 {statistics.median(lateness):.1f} ms, p99 {p99:.1f} ms, "
          f"max {lateness[-1]:.1f} ms (targets: p99 < 16, max < 50)")  # fmt: skip
    print("longest stalls (ms at s after the click):", ", ".join(f"{ms:.0f}@{at:.1f}" for ms, at in worst))
    from medlabel.gui.train.loss_plot import LossPlot

    per_event, full = redraw_cost(LossPlot(), app)
    print(f"loss plot: {per_event:.1f} ms per metrics event with its draw, {full:.1f} ms to draw 200 steps")
    window.close()


if __name__ == "__main__":
    main()
