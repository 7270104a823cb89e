"""Render the main views of demo projects to PNG files: ``python -m medlabel.gui.screenshots OUTDIR``.

Runs under any Qt platform: on a real or virtual X screen (``Xvfb :99 & DISPLAY=:99
QT_QPA_PLATFORM=xcb``) or, without one, ``QT_QPA_PLATFORM=offscreen``. Uses its own settings file and
temporary demo projects, so the user's settings and projects are never touched.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

SIZE = QSize(1440, 900)


def _settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(widget: QWidget, app: QApplication, out: Path, name: str) -> Path:
    _settle(app)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def render(out: Path, work: Path, language: str | None = None) -> list[Path]:
    os.environ["MEDLABEL_SETTINGS"] = str(work / "settings.ini")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if language:
        from PySide6.QtCore import QLocale

        from medlabel.gui.app import install_translators

        install_translators(app, QLocale(language))
    from medlabel.core.demo.project import create_demo_project
    from medlabel.gui import actions, settings
    from medlabel.gui.main_window import MainWindow
    from medlabel.gui.schema_editor import SchemaEditorDialog
    from medlabel.gui.shortcut_sheet import ShortcutSheet

    out.mkdir(parents=True, exist_ok=True)
    smoking, cardio = work / "smoking-demo", work / "cardio-demo"
    create_demo_project(smoking, "smoking", documents=600, labelled=400, test=100).close()
    create_demo_project(cardio, "cardio", documents=600, labelled=400, test=100).close()
    settings.set_annotator("Dr. Demo")
    settings.add_recent_project(cardio)
    settings.add_recent_project(smoking)
    shots = []
    window = MainWindow()
    window.resize(SIZE)
    window.show()
    shots.append(_save(window, app, out, "01-welcome"))

    window.open_project(smoking)
    ws = window.workspace
    ws.go(ws.doc_list.visible_ids()[5], "")
    shots.append(_save(window, app, out, "02-smoking-labelled-report"))
    ws.next_unlabelled()
    shots.append(_save(window, app, out, "03-smoking-next-unlabelled"))
    ws.side_tabs.setCurrentIndex(1)
    shots.append(_save(window, app, out, "04-guidelines"))
    ws.side_tabs.setCurrentIndex(0)
    window.close_project()

    window.open_project(cardio)
    ws = window.workspace
    ws.go(ws.doc_list.visible_ids()[0], "")
    spans = window.session.spans()
    if spans:
        ws.report.view.select_span(spans[0].id)
        ws._span_clicked(spans[0].id)
    shots.append(_save(window, app, out, "05-cardio-spans-selected"))
    unlabelled = ws.doc_list.visible_ids()[-1]
    ws.go(unlabelled, "")
    text = window.session.document.text
    match = re.search(r"\d+ ?%", text)
    if match:
        ws.report.view.set_selection(match.start(), match.end())
    shots.append(_save(window, app, out, "06-cardio-selection-before-key"))
    if match:
        ws.mark_entity("LV-EF", exact=False)
    shots.append(_save(window, app, out, "07-cardio-after-key-L"))

    schema = SchemaEditorDialog(window.session, window)
    schema.resize(900, 640)
    schema.show()
    shots.append(_save(schema, app, out, "08-schema-editor"))
    schema.close()
    sheet = ShortcutSheet(actions.sheet_entries(), window)
    sheet.show()
    shots.append(_save(sheet, app, out, "09-shortcut-sheet"))
    sheet.close()
    window.close_project()
    window.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--language", help="e.g. de: the GUI in that language (default: the system's)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        render(args.out, Path(tmp), args.language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
