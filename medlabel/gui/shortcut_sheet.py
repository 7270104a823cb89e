"""The keyboard shortcut sheet (F1): every key the workspace knows, grouped, in the platform's own
spelling. It shows the rows it is given, so the menus and the sheet come from one table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlabel.gui.i18n import tr

ALTERNATIVES = " / "


def format_keys(keys: QKeySequence | str) -> str:
    """Keys in the platform's spelling ("Ctrl+Z" becomes "⌘Z" on macOS). Alternatives joined by " / "
    are formatted one by one; text that is not a key sequence ("1 … 9", "click a span") stays as it is."""
    if isinstance(keys, QKeySequence):
        return keys.toString(QKeySequence.SequenceFormat.NativeText)
    return ALTERNATIVES.join(_format_one(part) for part in keys.split(ALTERNATIVES))


def _format_one(text: str) -> str:
    sequence = QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)
    portable = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    # Qt parses what it can and drops the rest, so only a full round trip shows the text was keys
    # (already native text, such as "⌘Z", fails it and is kept as given).
    if not portable or _squash(portable) != _squash(text):
        return text
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def _squash(text: str) -> str:
    return "".join(text.split()).casefold()


class ShortcutSheet(QDialog):
    def __init__(self, entries: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        """``entries`` are (group, keys, what they do); groups appear in the order they first occur."""
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels([tr("Keys"), tr("What it does")])
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setStyleSheet("QTableWidget::item { padding: 3px 10px; }")
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._fill(entries)
        self.table.resizeRowsToContents()

        hint = QLabel(tr("Press Esc or F1 to close."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        rows_height = self.table.verticalHeader().length() + self.table.horizontalHeader().height()
        self.resize(680, min(900, rows_height + 110))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc closes any dialog; F1 as well, so the key that opened the sheet also closes it.
        if event.key() == Qt.Key.Key_F1:
            self.reject()
            return
        super().keyPressEvent(event)

    def _fill(self, entries: list[tuple[str, str, str]]) -> None:
        groups: dict[str, list[tuple[str, str]]] = {}
        for group, keys, text in entries:
            groups.setdefault(group, []).append((keys, text))
        for group, rows in groups.items():
            heading = QTableWidgetItem(group)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            row = self._append()
            self.table.setItem(row, 0, heading)
            self.table.setSpan(row, 0, 1, 2)
            for keys, text in rows:
                row = self._append()
                key_item = QTableWidgetItem(format_keys(keys))
                key_item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                text_item = QTableWidgetItem(text)
                text_item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(row, 0, key_item)
                self.table.setItem(row, 1, text_item)

    def _append(self) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        return row

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows, as (group, keys, what it does), for checks and screenshots."""
        shown: list[tuple[str, str, str]] = []
        group = ""
        for row in range(self.table.rowCount()):
            if self.table.columnSpan(row, 0) == 2:
                group = self.table.item(row, 0).text()
            else:
                shown.append((group, self.table.item(row, 0).text(), self.table.item(row, 1).text()))
        return shown
