"""The schema editor: label sets with their labels, and entity types with colour, definition and value.

Every change is stored the moment it is made (the dialog has a Close button, not OK/Cancel), and the
session reloads the schema so the open workspace follows. Removing something that annotations use first
says how many annotations go with it; only a yes removes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlabel.core import schema as core
from medlabel.core.errors import MedlabelError
from medlabel.core.normalize import NumberValue, format_number
from medlabel.core.records import EntityTypeSpec, LabelSetSpec
from medlabel.core.vocabularies import vocabulary_names
from medlabel.gui.entity_type_form import EntityTypeForm, analyte_names, swatch
from medlabel.gui.errors import show_error
from medlabel.gui.i18n import tr
from medlabel.gui.session import Session

KEY = Qt.ItemDataRole.UserRole
# Label tree items carry (label set, label); a label set's own item has None as its label.
LabelKey = tuple[str, str | None]


def describe_normaliser(normaliser: dict[str, Any] | None) -> str:
    if not normaliser:
        return tr("text only")
    if normaliser.get("kind") == "number":
        parts = [tr("number in {0}").format(", ".join(normaliser.get("units", [])))]
        if normaliser.get("analyte"):
            parts.append(analyte_names().get(normaliser["analyte"], normaliser["analyte"]))
        if normaliser.get("plausible"):
            low, high = (format_number(NumberValue(b, None)) for b in normaliser["plausible"])
            parts.append(tr("plausible {0}–{1}").format(low, high))
        return "; ".join(parts)
    return tr("code from {0}").format(normaliser.get("vocabulary", "?"))


def _stored_name(name: str) -> str:
    # Core keeps names with runs of white space collapsed; the editor needs that form to find the item.
    return " ".join(name.split())


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 90 else line[:89] + "…"


class SchemaEditorDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schemaEditor")
        # Each opening builds a fresh dialog; deleting it on close also drops its schema_changed connection.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("Labels and entity types"))
        self.resize(900, 640)
        self.session = session
        self.project = session.project
        writable = not session.read_only

        self.label_tree = self._tree([tr("Label set / label"), tr("Documents"), tr("Definition")])
        self.add_set_button = QPushButton(tr("Add label set…"))
        self.add_label_button = QPushButton(tr("Add label…"))
        self.rename_label_button = QPushButton(tr("Rename…"))
        self.label_definition_button = QPushButton(tr("Definition…"))
        self.remove_label_button = QPushButton(tr("Remove"))
        labels_box = self._section(
            tr("Document labels (one label per label set and report)"),
            self.label_tree,
            [
                self.add_set_button,
                self.add_label_button,
                self.rename_label_button,
                self.label_definition_button,
                self.remove_label_button,
            ],
        )

        self.entity_tree = self._tree([tr("Entity type"), tr("Spans"), tr("Value"), tr("Definition")])
        self.add_type_button = QPushButton(tr("Add entity type…"))
        self.rename_type_button = QPushButton(tr("Rename…"))
        self.colour_button = QPushButton(tr("Colour…"))
        self.type_definition_button = QPushButton(tr("Definition…"))
        self.type_value_button = QPushButton(tr("Value…"))
        self.type_value_button.setToolTip(tr("Units, analyte and plausible range of the values"))
        self.remove_type_button = QPushButton(tr("Remove"))
        entities_box = self._section(
            tr("Entities (spans of text)"),
            self.entity_tree,
            [
                self.add_type_button,
                self.rename_type_button,
                self.colour_button,
                self.type_definition_button,
                self.type_value_button,
                self.remove_type_button,
            ],
        )

        read_only = QLabel(tr("This project is open read-only: the schema can be read here but not changed."))
        read_only.setWordWrap(True)
        read_only.setVisible(not writable)
        hint = QLabel(
            tr(
                "Changes are stored as you make them. Double-click a name to rename it, a value or a "
                "definition to edit it."
            )
        )
        hint.setWordWrap(True)
        hint.setVisible(writable)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(read_only)
        layout.addWidget(labels_box, 1)
        layout.addWidget(entities_box, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)

        self.add_set_button.clicked.connect(self.on_add_label_set)
        self.add_label_button.clicked.connect(self.on_add_label)
        self.rename_label_button.clicked.connect(self.on_rename_label_item)
        self.label_definition_button.clicked.connect(self.on_label_item_definition)
        self.remove_label_button.clicked.connect(self.on_remove_label_item)
        self.add_type_button.clicked.connect(self.on_add_entity_type)
        self.rename_type_button.clicked.connect(self.on_rename_entity_type)
        self.colour_button.clicked.connect(self.on_recolour_entity_type)
        self.type_definition_button.clicked.connect(self.on_entity_type_definition)
        self.type_value_button.clicked.connect(self.on_entity_type_value)
        self.remove_type_button.clicked.connect(self.on_remove_entity_type)
        self.label_tree.itemSelectionChanged.connect(self._update_buttons)
        self.entity_tree.itemSelectionChanged.connect(self._update_buttons)
        if writable:
            self.label_tree.itemDoubleClicked.connect(
                lambda _item, column: (
                    self.on_label_item_definition() if column == 2 else self.on_rename_label_item()
                )
            )
            entity_slots = {2: self.on_entity_type_value, 3: self.on_entity_type_definition}
            self.entity_tree.itemDoubleClicked.connect(
                lambda _item, column: entity_slots.get(column, self.on_rename_entity_type)()
            )
            self._tree_keys(self.label_tree, self.on_rename_label_item, self.on_remove_label_item)
            self._tree_keys(self.entity_tree, self.on_rename_entity_type, self.on_remove_entity_type)
        session.schema_changed.connect(self.refresh)
        self.refresh()

    # --- layout helpers -----------------------------------------------------------------------------

    @staticmethod
    def _tree(headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderLabels(headers)
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        return tree

    @staticmethod
    def _section(title: str, tree: QTreeWidget, buttons: list[QPushButton]) -> QGroupBox:
        box = QGroupBox(title)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        column = QVBoxLayout(box)
        column.addWidget(tree)
        column.addLayout(row)
        return box

    def _tree_keys(
        self, tree: QTreeWidget, rename: Callable[[], object], remove: Callable[[], object]
    ) -> None:
        for keys, slot in ((QKeySequence.StandardKey.Delete, remove), (QKeySequence("F2"), rename)):
            action = QAction(tree)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, f=slot: f())
            tree.addAction(action)

    # --- showing the schema -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild both lists from the session's schema, keeping the selection where it still exists."""
        selected_label, selected_type = self.selected_label_item(), self.selected_entity_type()
        schema = self.session.schema
        usage = core.schema_usage(self.project)
        self.label_tree.clear()
        for ls in schema.label_sets:
            parent = QTreeWidgetItem([ls.name, str(usage.label_set(ls.name)), _first_line(ls.definition)])
            parent.setData(0, KEY, (ls.name, None))
            parent.setToolTip(2, ls.definition)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            for lab in ls.labels:
                child = QTreeWidgetItem(
                    [lab.name, str(usage.labels.get((ls.name, lab.name), 0)), _first_line(lab.definition)]
                )
                child.setData(0, KEY, (ls.name, lab.name))
                child.setToolTip(2, lab.definition)
                parent.addChild(child)
            self.label_tree.addTopLevelItem(parent)
        self.label_tree.expandAll()
        self.entity_tree.clear()
        for et in schema.entity_types:
            item = QTreeWidgetItem(
                [
                    et.name,
                    str(usage.entity_types.get(et.name, 0)),
                    describe_normaliser(et.normaliser),
                    _first_line(et.definition),
                ]
            )
            item.setIcon(0, swatch(et.colour))
            item.setData(0, KEY, et.name)
            item.setToolTip(0, et.colour)
            item.setToolTip(3, et.definition)
            self.entity_tree.addTopLevelItem(item)
        for tree in (self.label_tree, self.entity_tree):
            for column in range(tree.columnCount() - 1):
                tree.resizeColumnToContents(column)
        self.select_label_item(selected_label)
        self.select_entity_type(selected_type)
        self._update_buttons()

    def selected_label_item(self) -> LabelKey | None:
        items = self.label_tree.selectedItems()
        return tuple(items[0].data(0, KEY)) if items else None  # type: ignore[return-value]

    def selected_entity_type(self) -> str | None:
        items = self.entity_tree.selectedItems()
        return items[0].data(0, KEY) if items else None

    def select_label_item(self, key: LabelKey | None) -> None:
        self.label_tree.clearSelection()
        for item in self._items(self.label_tree):
            if key is not None and tuple(item.data(0, KEY)) == tuple(key):
                self.label_tree.setCurrentItem(item)
                return

    def select_entity_type(self, name: str | None) -> None:
        self.entity_tree.clearSelection()
        for item in self._items(self.entity_tree):
            if name is not None and item.data(0, KEY) == name:
                self.entity_tree.setCurrentItem(item)
                return

    @staticmethod
    def _items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
        items = []
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            items.append(top)
            items.extend(top.child(j) for j in range(top.childCount()))
        return items

    def _update_buttons(self) -> None:
        writable = not self.session.read_only
        has_label = self.selected_label_item() is not None
        has_type = self.selected_entity_type() is not None
        self.add_set_button.setEnabled(writable)
        self.add_type_button.setEnabled(writable)
        for button in (
            self.add_label_button,
            self.rename_label_button,
            self.label_definition_button,
            self.remove_label_button,
        ):
            button.setEnabled(writable and has_label)
        for button in (
            self.rename_type_button,
            self.colour_button,
            self.type_definition_button,
            self.type_value_button,
            self.remove_type_button,
        ):
            button.setEnabled(writable and has_type)

    # --- questions to the user (tests replace these) ------------------------------------------------

    def confirm(self, text: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question, tr("Remove"), text, QMessageBox.StandardButton.NoButton, self
        )
        remove = box.addButton(tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        return box.clickedButton() is remove

    def ask_text(self, title: str, prompt: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, prompt, QLineEdit.EchoMode.Normal, text)
        return value if ok and value.strip() else None

    def ask_definition(self, title: str, text: str) -> str | None:
        value, ok = QInputDialog.getMultiLineText(self, title, tr("Definition (shown as a tooltip):"), text)
        return value if ok else None

    def ask_colour(self, colour: str) -> str | None:
        chosen = QColorDialog.getColor(QColor(colour), self, tr("Colour of the entity type"))
        return chosen.name() if chosen.isValid() else None

    def ask_entity_type(self) -> None:
        schema = self.session.schema
        colour = core.PALETTE[len(schema.entity_types) % len(core.PALETTE)]
        EntityTypeForm(colour, vocabulary_names(self.project), self.add_entity_type, self).exec()

    def value_form(self, name: str) -> EntityTypeForm:
        """The form for the value of entity type ``name``; saving it stores the new value settings."""
        et = self.session.schema.entity_type(name)
        existing = EntityTypeSpec(et.name, et.colour, et.definition, et.normaliser)
        return EntityTypeForm(
            et.colour,
            vocabulary_names(self.project),
            lambda spec: self.set_entity_type_normaliser(name, spec.normaliser),
            self,
            existing=existing,
        )

    def ask_value(self, name: str) -> None:
        self.value_form(name).exec()

    # --- changes (each stored at once, then the schema reloaded) ------------------------------------

    def _apply(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except MedlabelError as exc:
            show_error(self, exc)
            return False
        self.session.reload_schema()
        return True

    def _annotator(self) -> str:
        return self.session.annotator

    def add_label_set(self, name: str, definition: str = "") -> bool:
        spec = LabelSetSpec(name, [], definition.strip())
        if self._apply(lambda: core.add_label_set(self.project, spec, self._annotator())):
            self.select_label_item((_stored_name(name), None))
            return True
        return False

    def add_label(self, label_set: str, name: str, definition: str = "") -> bool:
        clean = _stored_name(name)
        if self._apply(
            lambda: core.add_label(self.project, label_set, name, self._annotator(), definition.strip())
        ):
            self.select_label_item((label_set, clean))
            return True
        return False

    def rename_label_set(self, old: str, new: str) -> bool:
        clean = _stored_name(new)
        if self._apply(lambda: core.update_label_set(self.project, old, self._annotator(), new_name=new)):
            self.select_label_item((clean, None))
            return True
        return False

    def rename_label(self, label_set: str, old: str, new: str) -> bool:
        clean = _stored_name(new)
        if self._apply(lambda: core.rename_label(self.project, label_set, old, new, self._annotator())):
            self.select_label_item((label_set, clean))
            return True
        return False

    def set_label_set_definition(self, label_set: str, definition: str) -> bool:
        return self._apply(
            lambda: core.update_label_set(self.project, label_set, self._annotator(), definition=definition)
        )

    def set_label_definition(self, label_set: str, label: str, definition: str) -> bool:
        return self._apply(
            lambda: core.set_label_definition(self.project, label_set, label, definition, self._annotator())
        )

    def remove_label_set(self, label_set: str) -> bool:
        try:
            used = core.label_set_usage(self.project, label_set)
            labels = self.session.schema.label_set(label_set).labels
        except MedlabelError as exc:
            show_error(self, exc)
            return False
        if used == 1:
            question = tr(
                "A label of '{0}' is used by 1 document. Remove the label set, its labels and that "
                "document label?"
            ).format(label_set)
        elif used:
            question = tr(
                "Labels of '{0}' are used by {1} documents. Remove the label set, its labels and those {1} "
                "document labels?"
            ).format(label_set, used)
        else:
            question = tr("Remove the label set '{0}' with its {1} labels? No document uses them.").format(
                label_set, len(labels)
            )
        if labels and not self.confirm(question):
            return False
        return self._apply(
            lambda: core.remove_label_set(self.project, label_set, self._annotator(), force=True)
        )

    def remove_label(self, label_set: str, label: str) -> bool:
        try:
            used = core.label_usage(self.project, label_set, label)
        except MedlabelError as exc:
            show_error(self, exc)
            return False
        if used == 1:
            question = tr("'{0}' is used by 1 document. Remove it and that label?").format(label)
        else:
            question = tr("'{0}' is used by {1} documents. Remove it and those {1} labels?").format(
                label, used
            )
        if used and not self.confirm(question):
            return False
        return self._apply(
            lambda: core.remove_label(self.project, label_set, label, self._annotator(), force=True)
        )

    def add_entity_type(self, spec: EntityTypeSpec) -> bool:
        if self._apply(lambda: core.add_entity_type(self.project, spec, self._annotator())):
            self.select_entity_type(_stored_name(spec.name))
            return True
        return False

    def rename_entity_type(self, old: str, new: str) -> bool:
        clean = _stored_name(new)
        if self._apply(lambda: core.update_entity_type(self.project, old, self._annotator(), new_name=new)):
            self.select_entity_type(clean)
            return True
        return False

    def recolour_entity_type(self, name: str, colour: str) -> bool:
        return self._apply(
            lambda: core.update_entity_type(self.project, name, self._annotator(), colour=colour)
        )

    def set_entity_type_definition(self, name: str, definition: str) -> bool:
        return self._apply(
            lambda: core.update_entity_type(
                self.project, name, self._annotator(), definition=definition.strip()
            )
        )

    def set_entity_type_normaliser(self, name: str, normaliser: dict[str, Any] | None) -> bool:
        return self._apply(
            lambda: core.update_entity_type(self.project, name, self._annotator(), normaliser=normaliser)
        )

    def remove_entity_type(self, name: str) -> bool:
        try:
            used = core.entity_type_usage(self.project, name)
        except MedlabelError as exc:
            show_error(self, exc)
            return False
        if used == 1:
            question = tr("'{0}' is marked once. Remove it and that span?").format(name)
        else:
            question = tr("'{0}' is marked {1} times. Remove it and those {1} spans?").format(name, used)
        if used and not self.confirm(question):
            return False
        return self._apply(lambda: core.remove_entity_type(self.project, name, self._annotator(), force=True))

    # --- button slots: ask, then change -------------------------------------------------------------

    def on_add_label_set(self) -> None:
        name = self.ask_text(tr("New label set"), tr("Name of the label set (e.g. smoking status):"))
        if name is not None:
            self.add_label_set(name)

    def on_add_label(self) -> None:
        key = self.selected_label_item()
        if key is None:
            return
        name = self.ask_text(tr("New label"), tr("Name of the new label in '{0}':").format(key[0]))
        if name is not None:
            self.add_label(key[0], name)

    def on_rename_label_item(self) -> None:
        key = self.selected_label_item()
        if key is None:
            return
        label_set, label = key
        if label is None:
            new = self.ask_text(
                tr("Rename label set"), tr("New name for '{0}':").format(label_set), label_set
            )
            if new is not None:
                self.rename_label_set(label_set, new)
        else:
            new = self.ask_text(tr("Rename label"), tr("New name for '{0}':").format(label), label)
            if new is not None:
                self.rename_label(label_set, label, new)

    def on_label_item_definition(self) -> None:
        key = self.selected_label_item()
        if key is None:
            return
        label_set, label = key
        ls = self.session.schema.label_set(label_set)
        if label is None:
            text = self.ask_definition(tr("Definition of '{0}'").format(label_set), ls.definition)
            if text is not None:
                self.set_label_set_definition(label_set, text)
        else:
            current = next(lab.definition for lab in ls.labels if lab.name == label)
            text = self.ask_definition(tr("Definition of '{0}'").format(label), current)
            if text is not None:
                self.set_label_definition(label_set, label, text)

    def on_remove_label_item(self) -> None:
        key = self.selected_label_item()
        if key is None:
            return
        if key[1] is None:
            self.remove_label_set(key[0])
        else:
            self.remove_label(key[0], key[1])

    def on_add_entity_type(self) -> None:
        self.ask_entity_type()

    def on_rename_entity_type(self) -> None:
        name = self.selected_entity_type()
        if name is None:
            return
        new = self.ask_text(tr("Rename entity type"), tr("New name for '{0}':").format(name), name)
        if new is not None:
            self.rename_entity_type(name, new)

    def on_recolour_entity_type(self) -> None:
        name = self.selected_entity_type()
        if name is None:
            return
        colour = self.ask_colour(self.session.schema.entity_type(name).colour)
        if colour is not None:
            self.recolour_entity_type(name, colour)

    def on_entity_type_definition(self) -> None:
        name = self.selected_entity_type()
        if name is None:
            return
        text = self.ask_definition(
            tr("Definition of '{0}'").format(name), self.session.schema.entity_type(name).definition
        )
        if text is not None:
            self.set_entity_type_definition(name, text)

    def on_entity_type_value(self) -> None:
        name = self.selected_entity_type()
        if name is not None:
            self.ask_value(name)

    def on_remove_entity_type(self) -> None:
        name = self.selected_entity_type()
        if name is not None:
            self.remove_entity_type(name)
