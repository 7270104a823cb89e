"""The form for a new entity type: name, colour, definition and value kind (text, number, code)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.normalize import KNOWN_UNITS
from medlabel.core.records import EntityTypeSpec
from medlabel.gui.i18n import tr


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class EntityTypeForm(QDialog):
    """Name, colour, definition and value kind of a new entity type. ``submit`` stores it and says whether
    that worked, so a rejected name leaves the form open with everything the user typed."""

    def __init__(
        self,
        colour: str,
        vocabularies: list[str],
        submit: Callable[[EntityTypeSpec], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New entity type"))
        self.setMinimumWidth(520)
        self._submit = submit
        self.colour = colour
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(tr("e.g. LV-EF or Medication"))
        self.colour_button = QPushButton(tr("Choose…"))
        self.colour_button.clicked.connect(self.choose_colour)
        self.definition_edit = QPlainTextEdit()
        self.definition_edit.setPlaceholderText(tr("What counts as this entity, and what does not"))
        self.definition_edit.setMaximumHeight(100)
        self.kind_box = QComboBox()
        self.kind_box.addItem(tr("None (just the text)"), "none")
        self.kind_box.addItem(tr("Number with unit"), "number")
        self.kind_box.addItem(tr("Code from a vocabulary"), "code")
        self.units_edit = QLineEdit()
        self.units_edit.setPlaceholderText(
            tr("e.g. % or ml, l — the first unit is the one values are kept in")
        )
        self.units_edit.setToolTip(tr("Known units: {0}").format(", ".join(KNOWN_UNITS)))
        self.vocabulary_box = QComboBox()
        self.vocabulary_box.setEditable(True)
        self.vocabulary_box.addItems(vocabularies)
        self.vocabulary_box.lineEdit().setPlaceholderText(tr("name of a vocabulary loaded into the project"))
        self.form = QFormLayout()
        self.form.addRow(tr("Name"), self.name_edit)
        self.form.addRow(tr("Colour"), self.colour_button)
        self.form.addRow(tr("Definition"), self.definition_edit)
        self.form.addRow(tr("Value"), self.kind_box)
        self.form.addRow(tr("Units"), self.units_edit)
        self.form.addRow(tr("Vocabulary"), self.vocabulary_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.kind_box.currentIndexChanged.connect(self._show_kind_fields)
        self._show_kind_fields()
        self._show_colour()

    def _show_kind_fields(self) -> None:
        kind = self.kind_box.currentData()
        self.form.setRowVisible(self.units_edit, kind == "number")
        self.form.setRowVisible(self.vocabulary_box, kind == "code")

    def _show_colour(self) -> None:
        self.colour_button.setIcon(swatch(self.colour))
        self.colour_button.setText(self.colour)

    def choose_colour(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.colour), self, tr("Colour of the entity type"))
        if chosen.isValid():
            self.colour = chosen.name()
            self._show_colour()

    def spec(self) -> EntityTypeSpec:
        kind = self.kind_box.currentData()
        normaliser: dict[str, Any] | None = None
        if kind == "number":
            normaliser = {
                "kind": "number",
                "units": [u.strip() for u in self.units_edit.text().split(",") if u.strip()],
            }
        elif kind == "code":
            normaliser = {"kind": "code", "vocabulary": self.vocabulary_box.currentText().strip()}
        return EntityTypeSpec(
            self.name_edit.text(), self.colour, self.definition_edit.toPlainText().strip(), normaliser
        )

    def accept(self) -> None:
        if self._submit(self.spec()):
            super().accept()
