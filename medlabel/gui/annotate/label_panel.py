"""Buttons for the document labels (keys 1–9) and the entity types (letter keys), definitions as
tooltips. A click does what the key does; the panel only shows state and forwards the choice."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from medlabel.core.schema import ProjectSchema
from medlabel.gui.annotate.keys import entity_keys, label_keys
from medlabel.gui.annotate.report_view import tint
from medlabel.gui.i18n import tr

# The chosen label must stand out at a glance, more than the platform's faint "pressed" look.
CHECKABLE_STYLE = (
    "QPushButton { text-align: left; padding: 4px 8px; }"
    "QPushButton:checked { background: #1f5fa8; color: white; font-weight: bold; border: 1px solid #17487f; }"
)


class LabelPanel(QWidget):
    label_clicked = Signal(str, str)  # label set, label
    entity_clicked = Signal(str)  # entity type

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._buttons: dict[tuple[str, str], QPushButton] = {}
        self._groups: dict[str, QGroupBox] = {}
        self.active_set: str | None = None
        self._suggestion = QLabel()

    def set_schema(self, schema: ProjectSchema, active_set: str | None = None) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._buttons.clear()
        self._groups.clear()
        names = [ls.name for ls in schema.label_sets]
        self.active_set = active_set if active_set in names else (names[0] if names else None)
        for label_set in schema.label_sets:
            box = QGroupBox(label_set.name)
            box.setToolTip(label_set.definition)
            column = QVBoxLayout(box)
            keys = label_keys(label_set.label_names)
            for label in label_set.labels:
                key = keys.get(label.name)
                button = QPushButton(f"{key}   {label.name}" if key else label.name)
                button.setObjectName(f"label:{label_set.name}:{label.name}")
                button.setCheckable(True)
                button.setToolTip(label.definition or tr("No definition yet (add one in the schema editor)"))
                button.setStyleSheet(CHECKABLE_STYLE)
                button.clicked.connect(lambda _=False, s=label_set.name, n=label.name: self._label(s, n))
                column.addWidget(button)
                self._buttons[label_set.name, label.name] = button
            self._groups[label_set.name] = box
            self._layout.addWidget(box)
        if schema.entity_types:
            box = QGroupBox(tr("Entities"))
            column = QVBoxLayout(box)
            keys = entity_keys([et.name for et in schema.entity_types])
            for et in schema.entity_types:
                key = keys.get(et.name)
                button = QPushButton(f"{key.upper()}   {et.name}" if key else et.name)
                button.setObjectName(f"entity:{et.name}")
                button.setToolTip(et.definition or tr("No definition yet (add one in the schema editor)"))
                button.setStyleSheet(
                    f"text-align: left; padding: 4px 8px; background: {tint(et.colour).name()};"
                    f" border-left: 6px solid {et.colour};"
                )
                button.clicked.connect(lambda _=False, n=et.name: self.entity_clicked.emit(n))
                column.addWidget(button)
            self._layout.addWidget(box)
        self._suggestion = QLabel(objectName="suggestion", wordWrap=True)
        self._suggestion.setStyleSheet("color: #1f5fa8; border: 1px dashed #1f5fa8; padding: 4px;")
        self._suggestion.setVisible(False)
        self._layout.insertWidget(0, self._suggestion)
        hint = QLabel(self._hint(schema))
        hint.setObjectName("keyHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self._layout.addWidget(hint)
        if not schema.label_sets and not schema.entity_types:
            self._layout.addWidget(
                QLabel(tr("This project has no labels yet. Add some with Project → Labels and entity types…"))
            )
        self._layout.addStretch(1)
        self._mark_active()

    @staticmethod
    def _hint(schema: ProjectSchema) -> str:
        parts = []
        if schema.label_sets:
            parts.append(tr("1–9: label the report (0 clears)"))
        if schema.entity_types:
            parts.append(tr("select text, then its letter: mark it"))
        parts += [tr("Ctrl+Enter: next unlabelled report"), tr("F1: all keys")]
        return " · ".join(parts)

    def set_active(self, label_set: str) -> None:
        self.active_set = label_set
        self._mark_active()

    def _mark_active(self) -> None:
        several = len(self._groups) > 1
        for name, box in self._groups.items():
            active = several and name == self.active_set
            box.setTitle(f"▶ {name}  " + tr("(keys 1–9)") if active else name)

    def _label(self, label_set: str, label: str) -> None:
        self.set_active(label_set)
        self.label_clicked.emit(label_set, label)

    def show_labels(self, labels: dict[str, str], suggested: tuple[str, str] | None = None) -> None:
        """Check each set's label; ``suggested`` (label set, label) gets a dashed outline."""
        for (label_set, label), button in self._buttons.items():
            button.setChecked(labels.get(label_set) == label)
            style = CHECKABLE_STYLE
            if suggested == (label_set, label):
                style += "QPushButton { border: 2px dashed #1f5fa8; }"
            button.setStyleSheet(style)

    def show_suggestion(self, text: str) -> None:
        """One line above the labels: what the model suggests for this report, or nothing."""
        self._suggestion.setText(text)
        self._suggestion.setVisible(bool(text))

    def set_writable(self, writable: bool) -> None:
        for button in self.findChildren(QPushButton):
            button.setEnabled(writable)
