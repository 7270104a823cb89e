"""Render the Review page on the smoking demo after real runs: metrics, a confusion cell clicked into
with its report side by side, a comparison of two runs, a learning curve and the label check:
``python -m medlabel.gui.review_screenshots OUTDIR [--preset quick]``.

The runs are real: the TF-IDF baseline (seconds) and a MiniLM classifier (``--preset quick``: about a
minute on two CPU cores); the curve uses the baseline so that it takes seconds.
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


def render_review(out: Path, work: Path, preset: str = "quick") -> list[Path]:
    os.environ["MEDLABEL_SETTINGS"] = str(work / "settings.ini")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from medlabel.core.demo.project import create_demo_project
    from medlabel.core.jobs import RecordingReporter
    from medlabel.gui import settings
    from medlabel.gui.main_window import MainWindow
    from medlabel.ml.curve import run_curve
    from medlabel.ml.train import run_training

    out.mkdir(parents=True, exist_ok=True)
    root = work / "smoking"
    project = create_demo_project(root, "smoking")
    baseline = run_training(project, {"task": "smoking_status", "recipe": "baseline"}, RecordingReporter())
    settings_ = {"task": "smoking_status", "recipe": "classifier", "model": "minilm", "preset": preset}
    tuned = run_training(project, settings_, RecordingReporter())
    run_curve(project, {"task": "smoking_status", "recipe": "baseline"}, RecordingReporter())
    project.close()
    colleague = _colleague(work / "colleague")

    settings.set_annotator("Dr. Demo")
    window = MainWindow()
    window.resize(SIZE)
    window.show()
    window.open_project(root)
    page = window.review_page
    window.tabs.setCurrentWidget(page)
    _settle(app)
    page.picker.select(tuned)
    shots = [_save(window, app, out, "14-review-metrics")]
    review = page.review
    (gold, predicted), _docs = max(
        ((k, v) for k, v in review.cells.items() if k[0] != k[1]), key=lambda kv: len(kv[1])
    )
    page.confusion.select_cell(gold, predicted)
    page.confusion.cell_chosen.emit(gold, predicted)
    _settle(app)
    shots.append(_save(window, app, out, "15-review-errors"))
    page.picker.select(tuned, baseline)
    page.tabs.setCurrentIndex(0)
    shots.append(_save(window, app, out, "16-review-compare"))
    page.picker.select(tuned)
    page.tabs.setCurrentIndex(2)
    shots.append(_save(window, app, out, "17-review-curve"))
    page.tabs.setCurrentIndex(3)
    page.label_check.start()
    deadline = time.monotonic() + 300
    while page.label_check.report is None and time.monotonic() < deadline:
        _settle(app)
        time.sleep(0.05)
    shots.append(_save(window, app, out, "18-review-label-check"))
    page.tabs.setCurrentWidget(page.agreement)
    worker = page.agreement.start_import(colleague, "Dr. Second")
    while worker.is_running():
        _settle(app)
        time.sleep(0.05)
    _settle(app)
    shots.append(_save(window, app, out, "19-review-agreement"))
    window.close_project()
    window.close()
    return shots


def _colleague(root: Path) -> Path:
    """A second annotator's copy of the demo: the same reports, a few labels seen otherwise."""
    import random

    from medlabel.core.annotations import get_labels, set_label
    from medlabel.core.demo.project import create_demo_project
    from medlabel.core.documents import document_ids

    project = create_demo_project(root, "smoking")
    rng = random.Random(7)
    labelled = [d for d in document_ids(project) if get_labels(project, d).get("smoking_status")]
    choices = ["CURRENT SMOKER", "PAST SMOKER", "SMOKER", "NON-SMOKER", "UNKNOWN"]
    for doc_id in rng.sample(labelled, 40):
        current = get_labels(project, doc_id)["smoking_status"]
        set_label(
            project, doc_id, "smoking_status", rng.choice([c for c in choices if c != current]), "Dr. B"
        )
    project.close()
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--preset", default="quick")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        render_review(args.out, Path(work), args.preset)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
