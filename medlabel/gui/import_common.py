"""Pieces the import wizard's pages share: the error line and how an error is explained on a page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from medlabel.core.errors import MedlabelError
from medlabel.gui import errors

# Recorded as the annotator of imported labels: they are the file's, not the person's who imported.
IMPORT_ANNOTATOR = "import"
PAGE_FILE, PAGE_COLUMNS, PAGE_CHECK = 0, 1, 2


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("importError")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


def _set_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def _explain(exc: BaseException) -> str:
    """The message for an error shown on a page; unexpected ones are logged with their traceback."""
    if not isinstance(exc, MedlabelError):
        errors.log.error("unexpected error in the import wizard", exc_info=exc)
    return errors.describe(exc)[1]
