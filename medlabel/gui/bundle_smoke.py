"""The desktop bundle's self-test: ``medlabel --smoke-test OUT.png`` creates a demo project in a temporary
folder, opens it in the main window, labels the first report with key 1, checks that the label is stored,
and renders the window to ``OUT.png``. It proves that a bundle copied away from the source tree runs."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def run(out: Path) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="medlabel-smoke-") as work:
        os.environ["MEDLABEL_SETTINGS"] = str(Path(work) / "settings.ini")
        app = QApplication.instance() or QApplication(sys.argv[:1])
        from medlabel.core.annotations import get_labels
        from medlabel.core.demo.project import create_demo_project
        from medlabel.core.documents import document_ids
        from medlabel.gui import settings
        from medlabel.gui.main_window import MainWindow

        settings.set_annotator("Smoke Test")
        window = MainWindow()
        window.show()
        app.processEvents()
        first_window = time.perf_counter() - started
        root = Path(work) / "smoking"
        create_demo_project(root, "smoking", documents=40, labelled=0, test=0).close()
        if not window.open_project(root):
            print("smoke test: the demo project did not open", file=sys.stderr)
            return 1
        project = window.workspace.session.project
        first = document_ids(project)[0]
        window.workspace.go(first, "")
        window.activateWindow()  # the label keys are window shortcuts: they need the active window
        deadline = time.monotonic() + 5
        while not window.isActiveWindow() and time.monotonic() < deadline:
            app.processEvents()
        window.workspace.focus_text()
        app.processEvents()
        QTest.keyClick(window.workspace.report.view, Qt.Key.Key_1)
        app.processEvents()
        labels = get_labels(project, first)
        window.grab().save(str(out))
        window.close_project()
        window.close()
        if not labels:
            print("smoke test: key 1 stored no label", file=sys.stderr)
            return 1
        print(f"smoke test passed: first window after {first_window:.2f} s, report {first} labelled "
              f"{labels}, window saved to {out}")  # fmt: skip
        return 0
