"""Benchmark: the document list on a 100,000-report project — first paint, text filter, scrolling.

Builds the project (100,000 reports of ~2 KB, a third labelled, a rare word in every 5,000th report),
or reuses one given with ``--project``, then in this one process times what a user waits for:

- first paint: from ``open_project`` to the first paint of a window holding the DocumentListPanel;
- filter: from setting the search text (the typing pause skipped) to the updated row count, and to
  the repaint showing it, for a rare and a common word;
- scroll to the end, a few re-sorts and a status filter, with the number of row blocks read.

Targets on the 2-core reference machine: first paint < 1.5 s, filter < 200 ms.

    .venv/bin/python tests/bench/gui_open_100k.py [--rows 100000] [--project DIR] [--xcb]

Runs offscreen unless ``--xcb`` is given and DISPLAY is set. Run it by path: it reuses the word list
of ``import_100k.py`` beside it.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from import_100k import LABELS, WORDS

RARE_WORD = "pneumothorax"  # in every RARE_EVERY-th report only
RARE_EVERY = 5000
COMMON_WORD = "patient"  # in nearly every report


def write_csv(path: Path, rows: int) -> None:
    rng = random.Random(0)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "text", "label"])
        for i in range(rows):
            words = [rng.choice(WORDS) for _ in range(300)]  # ~2 KB
            if i % RARE_EVERY == 0:
                words.insert(rng.randrange(len(words)), RARE_WORD)
            out.writerow([f"r{i:06d}", " ".join(words), rng.choice(LABELS) if i % 3 == 0 else ""])


def build(root: Path, rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "reports.csv"
        t0 = time.perf_counter()
        write_csv(csv_path, rows)
        t1 = time.perf_counter()
        # a separate process, so that this one starts with nothing of the project in memory
        subprocess.run(
            [sys.executable, "-m", "medlabel", "import", str(root), str(csv_path),
             "--label-column", "label=smoking_status"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        t2 = time.perf_counter()
    print(f"built {rows} reports: csv {t1 - t0:.1f} s, import {t2 - t1:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--project", type=Path, help="use (or build and keep) the project in this folder")
    parser.add_argument("--xcb", action="store_true", help="use the real display named by DISPLAY")
    args = parser.parse_args()
    if not (args.xcb and os.environ.get("DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault(
        "MEDLABEL_SETTINGS", str(Path(tempfile.gettempdir(), "medlabel-bench-settings.ini"))
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = args.project or Path(tmp) / "project"
        if not (root / "project.sqlite").is_file():
            build(root, args.rows)
        measure(root)


def measure(root: Path) -> None:
    t0 = time.perf_counter()
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtWidgets import QApplication

    from medlabel.core.doclist import DocFilter, filtered_ids
    from medlabel.core.project import open_project
    from medlabel.gui.doclist.model import ID_COLUMN, LABEL_COLUMN, STATUS_COLUMN
    from medlabel.gui.doclist.panel import DocumentListPanel
    from medlabel.gui.session import Session

    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"Qt platform {app.platformName()}; imports + QApplication {time.perf_counter() - t0:.2f} s")

    class PaintWatch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.paints = 0

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.paints += 1
            return False

    watch = PaintWatch()

    def until_painted(after: int) -> None:
        while watch.paints <= after:
            app.processEvents()

    t0 = time.perf_counter()
    project = open_project(root, backup=False)  # as the app opens it: the backup is made in the background
    t_open = time.perf_counter()
    session = Session(project, "bench")
    panel = DocumentListPanel(session)
    panel.view.viewport().installEventFilter(watch)
    panel.resize(460, 900)
    t_built = time.perf_counter()
    panel.show()
    until_painted(0)
    t_paint = time.perf_counter()
    model = panel.model
    rows = model.rowCount()
    print(
        f"first paint: {t_paint - t0:.3f} s (target < 1.5 s) for {rows:,} reports"
        f" [open {t_open - t0:.3f}, session + panel {t_built - t_open:.3f},"
        f" show + paint {t_paint - t_built:.3f}]"
        f"; blocks read {model.fetches}"
    )

    def timed(action: Callable[[], None]) -> tuple[float, float]:
        """Seconds to the model's new rows, and to the repaint that shows them."""
        painted = watch.paints
        start = time.perf_counter()
        action()
        ready = time.perf_counter()
        until_painted(painted)
        return ready - start, time.perf_counter() - start

    def search(word: str) -> Callable[[], None]:
        def action() -> None:
            panel.search.setText(word)
            panel.apply_filter()

        return action

    for label, word in (
        ("rare", RARE_WORD),
        ("common", COMMON_WORD),
        ("report id", "r09999"),
        ("cleared", ""),
    ):
        runs = []
        for _ in range(3):
            runs.append(timed(search(word)))
            expected = filtered_ids(project, DocFilter(text=word))
            assert model.ids() == expected, word
            model.set_filter(DocFilter(text="no-such-report"))  # else the next run would find nothing to do
        print(
            f"filter {label} {word!r} -> {len(expected):,} rows: first {runs[0][0] * 1000:.0f} ms"
            f" (painted {runs[0][1] * 1000:.0f} ms),"
            f" median {statistics.median(r[0] for r in runs) * 1000:.0f} ms"
            " (target < 200 ms)"
        )
    panel.search.clear()
    panel.apply_filter()

    before = model.fetches
    ready, shown = timed(panel.view.scrollToBottom)
    last = model.data(model.index(rows - 1, ID_COLUMN))
    print(
        f"scroll to the end: {shown * 1000:.0f} ms to paint the last rows (last {last!r});"
        f" blocks read {model.fetches - before}"
    )

    for name, column in (("status", STATUS_COLUMN), ("label", LABEL_COLUMN), ("report id", ID_COLUMN)):
        ready, shown = timed(lambda c=column: panel.view.sortByColumn(c, Qt.SortOrder.DescendingOrder))
        print(f"sort by {name} descending: {ready * 1000:.0f} ms (painted {shown * 1000:.0f} ms)")
    panel.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    unlabelled = panel.status_combo.findData("unlabelled")
    ready, shown = timed(lambda: panel.status_combo.setCurrentIndex(unlabelled))
    print(f"filter status unlabelled -> {model.rowCount():,} rows: {ready * 1000:.0f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB; blocks read in all {model.fetches}, cached {model.cached_blocks}")
    # Delete the widgets while the application still exists: left to interpreter shutdown, the order of
    # deletion is arbitrary and Qt may touch freed objects on the way out.
    panel.view.viewport().removeEventFilter(watch)
    panel.close()
    panel.deleteLater()
    session.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    project.close()


if __name__ == "__main__":
    main()
