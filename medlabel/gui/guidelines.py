"""The project's annotation guidelines beside the report: rendered Markdown, editable in place.

Until someone writes guidelines the panel shows a text generated from the schema's definitions (and
follows schema changes). Edits are stored after a short pause in typing, when the editor loses focus and
when the user leaves edit mode — there is nothing to save.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.errors import MedlabelError
from medlabel.core.notes import default_guidelines, get_guidelines, set_guidelines
from medlabel.gui.errors import show_error
from medlabel.gui.i18n import tr
from medlabel.gui.session import Session

COMMIT_AFTER_MS = 1000


class _Editor(QPlainTextEdit):
    focus_lost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


class GuidelinesPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelinesPanel")
        self.session = session
        self.view = QTextBrowser()
        self.view.setObjectName("guidelinesView")
        self.view.setOpenExternalLinks(True)
        self.editor = _Editor()
        self.editor.setObjectName("guidelinesEditor")
        self.editor.setPlaceholderText(tr("Write the rules in Markdown: # headings, - lists, **bold**"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.editor)
        self.hint = QLabel()
        self.hint.setObjectName("guidelinesHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.edit_button = QPushButton(tr("Edit"))
        self.edit_button.setObjectName("guidelinesEdit")
        self.edit_button.setCheckable(True)
        self.edit_button.setVisible(not session.read_only)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        self._dirty = False
        self._timer = QTimer(self, singleShot=True, interval=COMMIT_AFTER_MS)
        self._timer.timeout.connect(self.commit)
        self.editor.textChanged.connect(self._edited)
        self.editor.focus_lost.connect(self.commit)
        self.edit_button.toggled.connect(self.set_editing)
        session.schema_changed.connect(self._schema_changed)
        self.refresh()

    @property
    def editing(self) -> bool:
        return self.stack.currentWidget() is self.editor

    def stored(self) -> str | None:
        """The project's own guidelines; blank text counts as none, so clearing them brings back the
        generated ones rather than an empty panel."""
        text = get_guidelines(self.session.project)
        return text if text and text.strip() else None

    def refresh(self) -> None:
        stored = self.stored()
        self.view.setMarkdown(stored if stored is not None else default_guidelines(self.session.project))
        if stored is not None:
            self.hint.setText("")
        elif self.session.read_only:
            self.hint.setText(
                tr("No guidelines have been written yet; this text is generated from the definitions.")
            )
        else:
            self.hint.setText(
                tr(
                    "Generated from the label and entity definitions. Click Edit to write the project's "
                    "own rules."
                )
            )
        self.hint.setVisible(bool(self.hint.text()))

    def set_editing(self, editing: bool) -> None:
        if editing == self.editing:
            return
        if editing:
            self.editor.blockSignals(True)
            self.editor.setPlainText(self.stored() or default_guidelines(self.session.project))
            self.editor.blockSignals(False)
            self._dirty = False
            self.stack.setCurrentWidget(self.editor)
            self.hint.setText(tr("Markdown. Changes are stored as you type."))
            self.hint.setVisible(True)
            self.edit_button.setText(tr("Done"))
            self.editor.setFocus()
        else:
            if not self.commit():
                # Stay in the editor so that text the store refused is not thrown away.
                self._set_button(True)
                return
            self.stack.setCurrentWidget(self.view)
            self.edit_button.setText(tr("Edit"))
            self.refresh()
        self._set_button(editing)

    def _set_button(self, checked: bool) -> None:
        self.edit_button.blockSignals(True)
        self.edit_button.setChecked(checked)
        self.edit_button.blockSignals(False)

    def _edited(self) -> None:
        self._dirty = True
        self._timer.start()

    def commit(self) -> bool:
        """Store the edited text if it changed; False (after telling the user) when the store refused."""
        self._timer.stop()
        if not self._dirty:
            return True
        try:
            set_guidelines(self.session.project, self.editor.toPlainText(), self.session.annotator)
        except MedlabelError as exc:
            show_error(self, exc)
            return False
        self._dirty = False
        return True

    def _schema_changed(self) -> None:
        if not self.editing and self.stored() is None:
            self.refresh()
