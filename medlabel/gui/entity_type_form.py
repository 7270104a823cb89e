"""The form for an entity type: name, colour, definition and value (text, number, code).

A new type fills in all of it; an existing type's value is edited in the same form with the other fields
hidden. A number's value has its units, the analyte of a laboratory value (for converting mg/dl to
mmol/l) and a plausible range, outside which the workspace warns.
"""

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
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.errors import MedlabelError
from medlabel.core.normalize import KNOWN_UNITS, NumberValue, format_number, parse_number
from medlabel.core.records import EntityTypeSpec
from medlabel.core.units import ANALYTES, canonical_unit
from medlabel.gui.i18n import tr


def analyte_names() -> dict[str, str]:
    """The analytes of ``medlabel.core.units.ANALYTES`` as the user reads them."""
    names = {
        "glucose": tr("Glucose"),
        "creatinine": tr("Creatinine"),
        "urea": tr("Urea"),
        "urea nitrogen": tr("Urea nitrogen (BUN)"),
        "uric acid": tr("Uric acid"),
        "cholesterol": tr("Cholesterol"),
        "triglycerides": tr("Triglycerides"),
        "bilirubin": tr("Bilirubin"),
        "lactate": tr("Lactate"),
        "ammonia": tr("Ammonia"),
        "iron": tr("Iron"),
        "phosphate": tr("Phosphate"),
        "haemoglobin": tr("Haemoglobin"),
        "sodium": tr("Sodium"),
        "potassium": tr("Potassium"),
        "chloride": tr("Chloride"),
        "bicarbonate": tr("Bicarbonate"),
        "lithium": tr("Lithium"),
        "calcium": tr("Calcium"),
        "magnesium": tr("Magnesium"),
    }
    return {key: names.get(key, key) for key in ANALYTES}


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class EntityTypeForm(QDialog):
    """Name, colour, definition and value of a new entity type, or (``existing``) the value of one that
    exists. ``submit`` stores it and says whether that worked, so a rejected entry leaves the form open
    with everything the user typed."""

    def __init__(
        self,
        colour: str,
        vocabularies: list[str],
        submit: Callable[[EntityTypeSpec], bool],
        parent: QWidget | None = None,
        existing: EntityTypeSpec | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Value of '{0}'").format(existing.name) if existing else tr("New entity type"))
        self.setMinimumWidth(520)
        self._submit = submit
        self._existing = existing
        self.colour = existing.colour if existing else colour
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
        self.analyte_box = QComboBox()
        self.analyte_box.addItem(tr("None"), "")
        for key, name in sorted(analyte_names().items(), key=lambda item: item[1].casefold()):
            self.analyte_box.addItem(f"{name} ({ANALYTES[key].molar_mass:g} g/mol)", key)
        self.analyte_box.setToolTip(
            tr(
                "For laboratory values: converts a value written in mg/dl into mmol/l or µmol/l (and "
                "back), and mEq/l into mmol/l, by the analyte's molar mass and charge."
            )
        )
        self.low_edit = QLineEdit()
        self.high_edit = QLineEdit()
        for edit, hint in ((self.low_edit, tr("lowest")), (self.high_edit, tr("highest"))):
            edit.setPlaceholderText(hint)
            edit.textChanged.connect(self._clear_range_hint)
        self.range_unit = QLabel()
        self.range = QWidget()
        self.range.setToolTip(
            tr(
                "A value outside this range is kept, with a warning to check it (a wrong field, unit or "
                "digit). Leave both empty for no range."
            )
        )
        row = QHBoxLayout(self.range)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.low_edit)
        row.addWidget(QLabel("–"))
        row.addWidget(self.high_edit)
        row.addWidget(self.range_unit)
        self.range_hint = QLabel()
        self.range_hint.setObjectName("rangeHint")
        self.range_hint.setWordWrap(True)
        self.range_hint.setStyleSheet("color: #b00020;")
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
        self.form.addRow(tr("Analyte"), self.analyte_box)
        self.form.addRow(tr("Plausible range"), self.range)
        self.form.addRow("", self.range_hint)
        self.form.addRow(tr("Vocabulary"), self.vocabulary_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Save") if existing else tr("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        if existing is not None:
            self._fill(existing)
            for widget in (self.name_edit, self.colour_button, self.definition_edit):
                self.form.setRowVisible(widget, False)
        self.kind_box.currentIndexChanged.connect(self._show_kind_fields)
        self.units_edit.textChanged.connect(self._show_range_unit)
        self._show_kind_fields()
        self._show_range_unit()
        self._show_colour()

    def _fill(self, existing: EntityTypeSpec) -> None:
        self.name_edit.setText(existing.name)
        self.definition_edit.setPlainText(existing.definition)
        normaliser = existing.normaliser or {}
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(normaliser.get("kind", "none"))))
        if normaliser.get("kind") == "number":
            self.units_edit.setText(", ".join(normaliser.get("units", [])))
            self.analyte_box.setCurrentIndex(max(0, self.analyte_box.findData(normaliser.get("analyte", ""))))
            for edit, bound in zip(
                (self.low_edit, self.high_edit), normaliser.get("plausible") or (), strict=False
            ):
                edit.setText(format_number(NumberValue(bound, None)))
        elif normaliser.get("kind") == "code":
            self.vocabulary_box.setCurrentText(normaliser.get("vocabulary", ""))

    def _show_kind_fields(self) -> None:
        kind = self.kind_box.currentData()
        for widget in (self.units_edit, self.analyte_box, self.range):
            self.form.setRowVisible(widget, kind == "number")
        self.form.setRowVisible(self.range_hint, kind == "number" and bool(self.range_hint.text()))
        self.form.setRowVisible(self.vocabulary_box, kind == "code")

    def _clear_range_hint(self) -> None:
        self.range_hint.setText("")
        self.form.setRowVisible(self.range_hint, False)

    def _units(self) -> list[str]:
        return [u.strip() for u in self.units_edit.text().split(",") if u.strip()]

    def _show_range_unit(self) -> None:
        # The range is kept in the canonical unit, so say which one that is as the user types the units.
        first = self._units()[:1]
        self.range_unit.setText((canonical_unit(first[0]) or first[0]) if first else "")

    def plausible(self) -> tuple[list[float] | None, str | None]:
        """The range typed in (None when both fields are empty), or None and what is wrong with it."""
        texts = (self.low_edit.text().strip(), self.high_edit.text().strip())
        if not any(texts):
            return None, None
        if not all(texts):
            return None, tr("Fill in both ends of the plausible range, or leave both empty.")
        bounds = []
        for text in texts:
            try:
                number = parse_number(text, [])
            except MedlabelError:
                number = None
            if number is None or number.unit is not None:
                return None, tr("'{0}' is not a number; type the limit without its unit.").format(text)
            bounds.append(number.value)
        if bounds[0] >= bounds[1]:
            return None, tr("The lowest plausible value must be below the highest.")
        return bounds, None

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
            normaliser = {"kind": "number", "units": self._units()}
            before = (self._existing.normaliser if self._existing else None) or {}
            if before.get("kind") == "number":
                # Settings this form does not show (an explicit molar mass, a valence) are kept.
                normaliser.update({k: before[k] for k in ("molar_mass", "valence") if k in before})
            if self.analyte_box.currentData():
                normaliser["analyte"] = self.analyte_box.currentData()
            bounds, _problem = self.plausible()
            if bounds is not None:
                normaliser["plausible"] = bounds
        elif kind == "code":
            normaliser = {"kind": "code", "vocabulary": self.vocabulary_box.currentText().strip()}
        return EntityTypeSpec(
            self.name_edit.text(), self.colour, self.definition_edit.toPlainText().strip(), normaliser
        )

    def accept(self) -> None:
        _bounds, problem = self.plausible()
        if self.kind_box.currentData() == "number" and problem is not None:
            self.range_hint.setText(problem)
            self.form.setRowVisible(self.range_hint, True)
            return
        if self._submit(self.spec()):
            super().accept()
