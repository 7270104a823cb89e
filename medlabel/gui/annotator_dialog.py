"""Asking for the annotator's name once; it is recorded with every label, span and note."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from medlabel.gui import settings
from medlabel.gui.i18n import tr


class AnnotatorDialog(QDialog):
    """A name field and OK; OK stays disabled while the name is blank."""

    def __init__(self, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("annotatorDialog")
        self.setWindowTitle(tr("Your name"))
        explanation = QLabel(
            tr(
                "medlabel records who set each label, so that the work of several annotators can be told "
                "apart and compared. Your name is asked once and kept on this computer."
            )
        )
        explanation.setWordWrap(True)
        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("annotatorName")
        self.name_edit.setPlaceholderText(tr("e.g. Dr. Anna Meier"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(QLabel(tr("Name:")))
        layout.addWidget(self.name_edit)
        layout.addWidget(self.buttons)
        self._update_ok()

    def name(self) -> str:
        return self.name_edit.text().strip()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name()))

    def accept(self) -> None:
        # Enter in the field reaches accept() even while OK is disabled.
        if not self.name():
            return
        settings.set_annotator(self.name())
        super().accept()


def ensure_annotator(parent: QWidget | None = None) -> str:
    """The stored annotator name, asking for it first when there is none; "" if the user cancels."""
    name = settings.annotator()
    if name:
        return name
    dialog = AnnotatorDialog(parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return settings.annotator() if accepted else ""
