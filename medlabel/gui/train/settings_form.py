"""The training page's "Advanced" section, generated from the settings schema (``ml.settings``).

One editor per setting of the schema (the pickers above it hold task, recipe, preset and model). A row
shows only for the recipes it applies to; an editor the user has not touched shows the value the run
would use with the chosen recipe and preset, and only touched settings are passed to the run, so a
preset still applies to everything the user left alone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from medlabel.gui.train.setting_texts import choice_texts, setting_texts
from medlabel.ml.settings import FieldSpec, field_specs, settings_for

PICKED = ("task", "recipe", "preset", "model")  # have their own pickers on the page


def run_values(recipe: str, preset: str) -> dict[str, Any]:
    """What a run of ``recipe`` with ``preset`` uses for every setting nobody changed."""
    return settings_for(recipe, {"preset": preset}).to_dict()


class SettingsForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("advancedSettings")
        self.specs = [s for s in field_specs() if s.name not in PICKED]
        self.editors: dict[str, QWidget] = {}
        self.touched: set[str] = set()
        self._filling = False
        self._recipe = "classifier"
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        texts = setting_texts()
        for spec in self.specs:
            label_text, help_text = texts.get(spec.name, (spec.name, spec.help))
            editor = self._editor(spec)
            editor.setObjectName(f"setting_{spec.name}")
            editor.setToolTip(help_text)
            label = QLabel(label_text)
            label.setToolTip(help_text)
            label.setBuddy(editor)
            layout.addRow(label, editor)
            self.editors[spec.name] = editor

    def _editor(self, spec: FieldSpec) -> QWidget:
        if spec.type is bool:
            box = QCheckBox()
            box.toggled.connect(lambda _v, n=spec.name: self._touch(n))
            return box
        if spec.choices:
            combo = QComboBox()
            words = choice_texts()
            for choice in spec.choices:
                combo.addItem(words.get(str(choice), str(choice)), choice)
            combo.currentIndexChanged.connect(lambda _i, n=spec.name: self._touch(n))
            return combo
        if spec.type is int:
            spin = QSpinBox()
            spin.setRange(0, 1_000_000)
            spin.valueChanged.connect(lambda _v, n=spec.name: self._touch(n))
            return spin
        line = QLineEdit()
        if spec.type is float:
            validator = QDoubleValidator(line)
            validator.setNotation(QDoubleValidator.Notation.ScientificNotation)
            line.setValidator(validator)
        line.textEdited.connect(lambda _t, n=spec.name: self._touch(n))
        return line

    def _touch(self, name: str) -> None:
        if not self._filling:
            self.touched.add(name)
            self.changed.emit()

    def show_for(self, recipe: str, preset: str) -> None:
        """Rows of ``recipe``; untouched editors show what a run with ``preset`` would use."""
        self._recipe = recipe
        defaults = run_values(recipe, preset)
        layout = self.layout()
        assert isinstance(layout, QFormLayout)
        self._filling = True
        try:
            for spec in self.specs:
                applies = recipe in spec.recipes
                layout.setRowVisible(self.editors[spec.name], applies)
                if applies and spec.name not in self.touched:
                    self._set(spec, defaults[spec.name])
        finally:
            self._filling = False

    def _set(self, spec: FieldSpec, value: Any) -> None:
        editor = self.editors[spec.name]
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(QLocale().toString(float(value), "g", 6) if spec.type is float else str(value))

    def _get(self, spec: FieldSpec) -> Any:
        editor = self.editors[spec.name]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QSpinBox):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        if spec.type is float:
            value, ok = QLocale().toDouble(editor.text())
            return value if ok else editor.text()  # the run's check names the setting
        return editor.text()

    def values(self, recipe: str | None = None) -> dict[str, Any]:
        """The settings the user changed that apply to ``recipe`` (default: the shown one)."""
        recipe = recipe or self._recipe
        by_name = {s.name: s for s in self.specs}
        return {
            name: self._get(by_name[name]) for name in sorted(self.touched) if recipe in by_name[name].recipes
        }

    def reset(self, preset: str) -> None:
        """Forget every change: all editors show the recipe's values under ``preset``."""
        self.touched.clear()
        self.show_for(self._recipe, preset)
        self.changed.emit()
