"""Render the Train page before, during and after a real run on the smoking demo, and a suggestion of
that run in the report view:
``python -m medlabel.gui.train_screenshots OUTDIR [--preset quick]``.

As ``screenshots.py``: any Qt platform, its own settings file and a temporary demo project. The run is a
real MiniLM training (``--preset quick``: under a minute on two CPU cores).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from medlabel.gui.screenshots import SIZE, _save, _settle


def render_training(out: Path, work: Path, preset: str = "quick") -> list[Path]:
    os.environ["MEDLABEL_SETTINGS"] = str(work / "settings.ini")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from medlabel.core.demo.project import create_demo_project
    from medlabel.gui import settings
    from medlabel.gui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    root = work / "smoking"
    create_demo_project(root, "smoking").close()
    settings.set_annotator("Dr. Demo")
    window = MainWindow()
    window.resize(SIZE)
    window.show()
    window.open_project(root)
    page = window.train_page
    window.tabs.setCurrentWidget(page)
    page.setup.preset.setCurrentIndex(page.setup.preset.findData(preset))
    deadline = time.monotonic() + 60
    while "Expected duration: up to" not in page.estimate.estimate.text() and time.monotonic() < deadline:
        _settle(app)
        time.sleep(0.05)
    shots = [_save(window, app, out, "10-train-before")]
    ended: list[str] = []
    page.run_ended.connect(lambda _run, status: ended.append(status))
    page.train_button.click()
    # "During": once the validation score of the first epoch is on the plot.
    while not ended and not page.panel.plot.score:
        _settle(app)
        time.sleep(0.05)
    shots.append(_save(window, app, out, "11-train-during"))
    while not ended:
        _settle(app)
        time.sleep(0.05)
    shots.append(_save(window, app, out, "12-train-after"))
    # Pre-annotation: predict the unlabelled reports with that run, then open the one it is least sure of.
    page.history.selectRow(0)
    predicted: list[int] = []
    page.predictions_stored.connect(predicted.append)
    page.predict.unlabelled.click()
    while not predicted:
        _settle(app)
        time.sleep(0.05)
    workspace = window.workspace
    window.tabs.setCurrentWidget(workspace)
    window.actions_["uncertain_first"].trigger()
    window.actions_["accept"].trigger()
    shots.append(_save(window, app, out, "13-suggestion-in-report"))
    window.close()
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--preset", default="quick")
    args = parser.parse_args()
    render_training(args.out, Path(tempfile.mkdtemp(prefix="medlabel-shots-")), args.preset)


if __name__ == "__main__":
    main()
