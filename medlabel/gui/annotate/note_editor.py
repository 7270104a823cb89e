"""The document's free-text note and its "flag for discussion" toggle, committed as the user types
(after a short pause) and when the field loses focus — nothing to save."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget

from medlabel.core.notes import Note
from medlabel.gui.i18n import tr

COMMIT_AFTER_MS = 800


class _NoteText(QPlainTextEdit):
    focus_lost = Signal()

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().focusOutEvent(event)
        self.focus_lost.emit()


class NoteEditor(QGroupBox):
    note_edited = Signal(object)  # Note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Note"), parent)
        self.text = _NoteText()
        self.text.setObjectName("noteText")
        self.text.setPlaceholderText(tr("A remark on this report (kept with it)"))
        self.text.setMaximumHeight(90)
        self.flag = QCheckBox(tr("Flag for discussion  (Ctrl+D)"))
        self.flag.setObjectName("flagBox")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.flag)
        self._shown = Note()
        self._timer = QTimer(self, singleShot=True, interval=COMMIT_AFTER_MS)
        self._timer.timeout.connect(self.commit)
        self.text.textChanged.connect(self._timer.start)
        self.text.focus_lost.connect(self.commit)
        self.flag.toggled.connect(lambda _: self.commit())

    def show_note(self, note: Note) -> None:
        self._timer.stop()
        self._shown = note
        for widget in (self.text, self.flag):
            widget.blockSignals(True)
        if self.text.toPlainText() != note.text:
            self.text.setPlainText(note.text)
        self.flag.setChecked(note.flagged)
        for widget in (self.text, self.flag):
            widget.blockSignals(False)

    def current(self) -> Note:
        return Note(self.text.toPlainText().strip(), self.flag.isChecked())

    def commit(self) -> None:
        self._timer.stop()
        note = self.current()
        if note != self._shown:
            self._shown = note
            self.note_edited.emit(note)

    def set_writable(self, writable: bool) -> None:
        self.text.setReadOnly(not writable)
        self.flag.setEnabled(writable)
