"""The selected span: its type, text and normalised value. Numbers show the parsed value and unit
(editable); code types get a search field over the vocabulary (fuzzy) with the best matches listed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from medlabel.core.annotations import Span
from medlabel.core.errors import NormalisationError
from medlabel.core.normalize import Vocabulary, normalise, parse_number
from medlabel.core.schema import EntityType
from medlabel.gui import messages
from medlabel.gui.i18n import tr

MATCHES = 8


class SpanEditor(QGroupBox):
    change_requested = Signal(int, dict)  # span id, fields for Session.update_span
    retype_requested = Signal(int, str)  # span id, new entity type (its value is read again for the type)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Selected span"), parent)
        self.setObjectName("spanEditor")
        self._span: Span | None = None
        self._vocabulary: Vocabulary | None = None
        self._number_spec: dict | None = None
        self.type_box = QComboBox()
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("valueEdit")
        self.value_edit.setPlaceholderText(tr("e.g. 55 % or 2,5 l"))
        self.value_hint = QLabel()
        self.value_hint.setWordWrap(True)
        self.code_search = QLineEdit()
        self.code_search.setObjectName("codeSearch")
        self.code_search.setPlaceholderText(tr("Search the vocabulary…"))
        self.code_list = QListWidget()
        self.code_list.setObjectName("codeList")
        self.code_list.setMaximumHeight(140)
        self.delete_button = QPushButton(tr("Delete span  (Del)"))
        form = QFormLayout(self)
        form.addRow(tr("Type"), self.type_box)
        form.addRow(tr("Text"), self.text_label)
        form.addRow(tr("Value"), self.value_edit)
        form.addRow("", self.value_hint)
        form.addRow(tr("Code"), self.code_search)
        form.addRow("", self.code_list)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.delete_button)
        form.addRow(row)
        self._form = form
        self.type_box.activated.connect(self._type_chosen)
        self.value_edit.editingFinished.connect(self._value_entered)
        self.code_search.textEdited.connect(self._search)
        self.code_list.itemActivated.connect(self._code_chosen)
        self.delete_button.clicked.connect(lambda: self._span and self.delete_requested.emit(self._span.id))
        self.show_span(None, "", None, [])

    def show_span(self, span: Span | None, text: str, entity: EntityType | None, types: list[str],
                  vocabulary: Vocabulary | None = None) -> None:  # fmt: skip
        self._span, self._vocabulary = span, vocabulary
        self.setVisible(span is not None)
        if span is None:
            return
        self.type_box.blockSignals(True)
        self.type_box.clear()
        self.type_box.addItems(types)
        self.type_box.setCurrentText(span.type)
        self.type_box.blockSignals(False)
        self.text_label.setText(f"“{text[span.start : span.end]}”")
        kind = (entity.normaliser or {}).get("kind") if entity else None
        for widgets, shown in (((self.value_edit, self.value_hint), kind == "number"),
                               ((self.code_search, self.code_list), kind == "code")):  # fmt: skip
            for widget in widgets:
                widget.setVisible(shown)
                label = self._form.labelForField(widget)
                if label is not None:  # rows added with an empty label have none
                    label.setVisible(shown)
        self._units = list((entity.normaliser or {}).get("units", [])) if entity else []
        # The whole spec: a lab type converts mg/dl with its analyte's molar mass.
        self._number_spec = dict(entity.normaliser) if entity and kind == "number" else None
        if kind == "number":
            shown = "" if span.value is None else f"{span.value:g}" + (f" {span.unit}" if span.unit else "")
            self.value_edit.setText(shown)
            self.value_hint.setText(
                tr("Could not read a number from the text: type the value.") if span.value is None else ""
            )
        if kind == "code":
            self.code_search.setText(span.code or "")
            self._search(text[span.start : span.end] if not span.code else span.code)

    def _type_chosen(self, _index: int) -> None:
        if self._span and self.type_box.currentText() != self._span.type:
            self.retype_requested.emit(self._span.id, self.type_box.currentText())

    def _value_entered(self) -> None:
        if self._span is None:
            return
        entered = self.value_edit.text().strip()
        if not entered:
            if self._span.value is not None:
                self.change_requested.emit(self._span.id, {"value": None, "unit": None})
            return
        try:
            number = (
                parse_number(entered, self._units)
                if self._number_spec is None
                else normalise(entered, self._number_spec)
            )
        except NormalisationError as exc:
            self.value_hint.setText(messages.describe(exc))
            return
        self.value_hint.setText("")
        if (number.value, number.unit) != (self._span.value, self._span.unit):
            self.change_requested.emit(self._span.id, {"value": number.value, "unit": number.unit})

    def _search(self, query: str) -> None:
        self.code_list.clear()
        if self._vocabulary is None:
            # Vocabularies are loaded outside the app (by whoever sets up the project), so say no more.
            self.code_list.addItem(
                tr("No vocabulary is loaded for this type, so there are no codes to choose from.")
            )
            return
        exact = self._vocabulary.get(query.strip())
        matches = self._vocabulary.lookup(query, limit=MATCHES) if query.strip() else []
        if exact is not None:
            item = QListWidgetItem(f"{exact.code} — {exact.term}")
            item.setData(Qt.ItemDataRole.UserRole, exact.code)
            self.code_list.addItem(item)
        for match in matches:
            if exact is not None and match.code == exact.code:
                continue
            item = QListWidgetItem(f"{match.code} — {match.term}   ({match.score:.0f})")
            item.setData(Qt.ItemDataRole.UserRole, match.code)
            self.code_list.addItem(item)

    def _code_chosen(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if self._span is not None and code and code != self._span.code:
            self.change_requested.emit(self._span.id, {"code": code})

    def set_writable(self, writable: bool) -> None:
        for widget in (self.type_box, self.value_edit, self.code_search, self.code_list, self.delete_button):
            widget.setEnabled(writable)
