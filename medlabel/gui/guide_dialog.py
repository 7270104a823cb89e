"""Help → User guide: docs/guide.md shown in the app (Qt renders the Markdown, its screenshots included)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from medlabel.gui.i18n import tr


def guide_path() -> Path | None:
    """docs/guide.md beside the package (a source checkout or an editable install) or inside the desktop
    bundle; None for a plain wheel install, which carries no docs."""
    roots = [Path(__file__).resolve().parent.parent.parent]
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        roots.insert(0, Path(bundled))
    return next(
        (root / "docs" / "guide.md" for root in roots if (root / "docs" / "guide.md").is_file()), None
    )


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(tr("User guide"))
        self.browser = QTextBrowser(objectName="guideText")
        self.browser.setOpenExternalLinks(False)  # offline: nothing is opened outside the app
        path = guide_path()
        if path is None:
            self.browser.setPlainText(
                tr("The user guide is the file docs/guide.md in the medlabel folder you installed from.")
            )
        else:
            self.browser.setSearchPaths([str(path.parent)])  # so that screenshots/… images are found
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(900, 700)
