"""The main window's pages and the dialogs at the screen sizes clinicians have (1280 × 720 and
1600 × 1000), in one language: ``python -m medlabel.gui.size_screenshots OUTDIR [--language de]``.

Files are named ``VIEW-WIDTHxHEIGHT-LANGUAGE.png``. Every view is also checked for text that does not fit
its widget or a control that lies outside the window (:func:`clipped`), and the findings are printed, so
the pictures are not only judged by eye. Uses a temporary demo project and its own settings file; the
only run is the TF-IDF baseline (seconds).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QTabBar,
    QWidget,
)

from medlabel.gui.screenshots import _settle

SIZES = (QSize(1280, 720), QSize(1600, 1000))


def clipped(window: QWidget) -> list[str]:
    """Visible texts in ``window`` that are cut off (a button, check box or one-line label narrower than
    its text, a tab whose title is elided) and visible controls that lie partly outside the window."""
    found = []
    bounds = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.visibleRegion().isEmpty():
            continue
        name = widget.objectName() or type(widget).__name__
        one_line_label = isinstance(widget, QLabel) and not widget.wordWrap() and widget.pixmap().isNull()
        if (isinstance(widget, QAbstractButton) or one_line_label) and widget.text():
            needed = (
                widget.minimumSizeHint().width()
                if isinstance(widget, QAbstractButton)
                else widget.sizeHint().width()
            )
            if widget.width() < needed:
                found.append(f"{name} {widget.text()!r}: {widget.width()} px for {needed}")
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.tabRect(i).width() < widget.tabSizeHint(i).width():
                    found.append(f"tab {widget.tabText(i)!r} elided")
        if isinstance(widget, QAbstractButton):
            place = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
            if not bounds.contains(place):
                found.append(f"{name} {widget.text()!r} lies outside the window")
    return found


def render(out: Path, work: Path, language: str) -> dict[str, list[str]]:
    """Render every view at every size; returns what :func:`clipped` found, per file name."""
    os.environ["MEDLABEL_SETTINGS"] = str(work / "settings.ini")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from medlabel.gui.app import install_translators

    install_translators(app, QLocale(language))
    from medlabel.core.demo.project import create_demo_project
    from medlabel.core.jobs import RecordingReporter
    from medlabel.gui import settings
    from medlabel.gui.export_dialog import ExportDialog
    from medlabel.gui.main_window import MainWindow
    from medlabel.gui.schema_editor import SchemaEditorDialog
    from medlabel.gui.split_dialog import SplitDialog
    from medlabel.ml.train import run_training

    out.mkdir(parents=True, exist_ok=True)
    smoking, cardio = work / "smoking-demo", work / "cardio-demo"
    project = create_demo_project(smoking, "smoking", documents=300, labelled=200, test=60)
    run_training(project, {"task": "smoking_status", "recipe": "baseline"}, RecordingReporter())
    project.close()
    create_demo_project(cardio, "cardio", documents=120, labelled=80, test=20).close()
    settings.set_annotator("Dr. Demo")
    settings.add_recent_project(cardio)
    settings.add_recent_project(smoking)
    findings: dict[str, list[str]] = {}

    def shoot(widget: QWidget, view: str, size: QSize) -> None:
        _settle(app)
        name = f"{view}-{size.width()}x{size.height()}-{language}"
        widget.grab().save(str(out / f"{name}.png"))
        findings[name] = clipped(widget)
        print(name, "clipped: " + "; ".join(findings[name]) if findings[name] else "fits")

    for size in SIZES:
        window = MainWindow()
        window.resize(size)
        window.show()
        shoot(window, "welcome", size)
        window.open_project(smoking)
        ws = window.workspace
        ws.go(ws.doc_list.visible_ids()[5], "")
        shoot(window, "annotate", size)
        window.tabs.setCurrentWidget(window.train_page)
        window.train_page.history.selectRow(0)
        shoot(window, "train", size)
        page = window.review_page
        window.tabs.setCurrentWidget(page)
        _settle(app)
        review = page.review
        if review is not None and review.cells:
            (gold, predicted), _docs = max(
                ((k, v) for k, v in review.cells.items() if k[0] != k[1]), key=lambda kv: len(kv[1])
            )
            page.confusion.select_cell(gold, predicted)
            page.confusion.cell_chosen.emit(gold, predicted)
        shoot(window, "review", size)
        window.tabs.setCurrentWidget(ws)
        window.close_project()
        window.open_project(cardio)
        ws = window.workspace
        ws.go(ws.doc_list.visible_ids()[0], "")
        spans = window.session.spans()
        if spans:
            ws.report.view.select_span(spans[0].id)
            ws._span_clicked(spans[0].id)
        shoot(window, "annotate-spans", size)
        if size == SIZES[0]:  # dialogs open at their own size, whatever the window's
            for view, dialog in (
                ("schema-editor", SchemaEditorDialog(window.session, window)),
                ("split", SplitDialog(window.session.project, "Dr. Demo", [], window)),
                ("export", ExportDialog(window.session.project, window)),
            ):
                dialog.show()
                shoot(dialog, view, dialog.size())
                dialog.close()
        window.close_project()
        window.close()
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--language", default="en", help="en (default) or de")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        findings = render(args.out, Path(tmp), args.language)
    return 1 if any(findings.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
