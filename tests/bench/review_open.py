"""The Review page with 10,000 test predictions: time to open a run (metrics table, confusion matrix,
error list) and to list a confusion cell's reports. Targets: under 1 s and under 100 ms.

    nice -n 19 .venv/bin/python tests/bench/review_open.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from medlabel.core.demo.project import create_demo_project
    from medlabel.core.runs import StoredPrediction, finish_run, start_run, store_predictions
    from medlabel.gui.review.page import ReviewPage
    from medlabel.ml.data import load_task

    app = QApplication.instance() or QApplication(sys.argv)
    root = Path(tempfile.mkdtemp()) / "big"
    t0 = time.perf_counter()
    project = create_demo_project(root, "smoking", documents=10_500, labelled=10_400, test=10_000)
    data = load_task(project, "smoking_status")
    print(f"project: {len(data.test)} test reports, built in {time.perf_counter() - t0:.0f} s")
    labels = data.task.labels
    rng = random.Random(0)
    run_id = start_run(project, task="smoking_status", task_kind="document", recipe="classifier", config={})
    predictions = []
    for ex in data.test:
        # Right 80% of the time, else a random other label; probabilities that agree with the label.
        label = ex.label if rng.random() < 0.8 else rng.choice([lab for lab in labels if lab != ex.label])
        p = rng.uniform(0.4, 0.99)
        rest = (1 - p) / (len(labels) - 1)
        probs = {lab: (p if lab == label else rest) for lab in labels}
        predictions.append(StoredPrediction(ex.doc_id, label, p, probs, [], [], None, True))
    store_predictions(project, run_id, predictions)
    finish_run(project, run_id, "completed", metrics={})

    page = ReviewPage(project, "bench")
    page.resize(1280, 720)
    opens, clicks = [], []
    for _ in range(5):
        page.hide()
        page._pending = (run_id,)
        t = time.perf_counter()
        page.show()  # loads the run: review, metrics table, matrix, error list
        app.processEvents()
        opens.append(time.perf_counter() - t)
        cells = sorted(page.review.cells.items(), key=lambda kv: -len(kv[1]))
        for (gold, predicted), _docs in cells[:4]:
            t = time.perf_counter()
            page.confusion.select_cell(gold, predicted)
            page.confusion.cell_chosen.emit(gold, predicted)  # what Enter or a click on the cell emits
            app.processEvents()
            clicks.append(time.perf_counter() - t)
            assert sorted(r.error.doc_id for r in page.errors.rows()) == sorted(_docs)
    # The first open also imports the plotting and metrics libraries (once per session).
    print(f"open a run with {len(predictions)} test predictions: first {opens[0]:.2f} s, then median "
          f"{statistics.median(opens[1:]):.2f} s, max {max(opens[1:]):.2f} s (target < 1 s)")  # fmt: skip
    print(f"list a confusion cell's reports: first {clicks[0] * 1000:.0f} ms, then median "
          f"{statistics.median(clicks[1:]) * 1000:.0f} ms, max {max(clicks[1:]) * 1000:.0f} ms "
          "(target < 100 ms)")  # fmt: skip
    print(f"errors listed: {len(page.review.errors)}")
    page.close()
    project.close()


if __name__ == "__main__":
    main()
