"""The annotation workspace: the document list, the report, and the label/span/note panels beside it,
wired to one Session. Handlers here translate a key or click into one Session call; what a change
means is decided in the Session and in medlabel.core."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from medlabel.core.annotations import Span
from medlabel.core.doclist import labelled_count, next_unlabelled
from medlabel.core.normalize import check_plausible
from medlabel.core.runs import list_runs
from medlabel.core.suggestions import uncertainty_order
from medlabel.core.text_layout import has_aligned_columns
from medlabel.core.text_search import match_ranges
from medlabel.gui import settings
from medlabel.gui.annotate.keys import entity_keys, label_keys
from medlabel.gui.annotate.label_panel import LabelPanel
from medlabel.gui.annotate.note_editor import NoteEditor
from medlabel.gui.annotate.report_view import ReportPanel, span_label
from medlabel.gui.annotate.span_editor import SpanEditor
from medlabel.gui.doclist.panel import DocumentListPanel
from medlabel.gui.guidelines import GuidelinesPanel
from medlabel.gui.i18n import tr
from medlabel.gui.session import Session
from medlabel.ml.tasks import ENTITIES_TASK


class Workspace(QWidget):
    status_message = Signal(str)
    title_changed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        if session.read_only_reason == "permissions":
            why = tr("Read-only: you may read this project's folder but not change it (its permissions, or a "
                     "read-only disk or share). You can read and search. To edit, copy the project to a "
                     "folder of your own and open the copy.")  # fmt: skip
        else:
            why = tr("Read-only: this project is open in another medlabel window (or another program). "
                     "You can read and search, but not change anything. "
                     "Close it there and reopen it here to edit.")  # fmt: skip
        self.banner = QLabel(why)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background: #fff3cd; color: #664d03; padding: 8px; border: 1px solid #ffe69c;"
        )
        self.banner.setVisible(session.read_only)

        self.doc_list = DocumentListPanel(session)
        self.report = ReportPanel()
        self.labels = LabelPanel()
        self.span_editor = SpanEditor()
        self.note_editor = NoteEditor()
        self.guidelines = GuidelinesPanel(session)

        annotate = QWidget()
        column = QVBoxLayout(annotate)
        column.addWidget(self.labels)
        column.addWidget(self.span_editor)
        column.addWidget(self.note_editor)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(annotate)
        scroll.setWidgetResizable(True)
        # Long (translated) texts wrap rather than push the panel wider than its column.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(scroll, tr("Annotate"))
        self.side_tabs.addTab(self.guidelines, tr("Guidelines"))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.doc_list)
        splitter.addWidget(self.report)
        splitter.addWidget(self.side_tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([520, 600, 320])  # room for the suggestion column beside the label
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

        self._key_shortcuts: list[QShortcut] = []
        self.uncertain_first = False  # Ctrl+Enter: next by the model's uncertainty, not by list order
        self._connect()
        self._schema_changed()
        writable = not session.read_only
        for panel in (self.labels, self.span_editor, self.note_editor):
            panel.set_writable(writable)
        self._update_title()

    # --- wiring -------------------------------------------------------------------------------------

    def _connect(self) -> None:
        s = self.session
        self.doc_list.document_selected.connect(self.open_document)
        self.doc_list.search_changed.connect(lambda _: self._show_search())
        s.document_changed.connect(self._document_changed)
        s.annotations_changed.connect(self._annotations_changed)
        s.schema_changed.connect(self._schema_changed)
        s.replayed.connect(self._follow_undo)
        self.labels.label_clicked.connect(self._set_label)
        self.labels.entity_clicked.connect(lambda t: self.mark_entity(t, exact=False))
        self.report.view.span_clicked.connect(self._span_clicked)
        self.span_editor.change_requested.connect(self._value_changed)
        self.span_editor.retype_requested.connect(self.retype_span)
        self.report.fixed_width_chosen.connect(self._fixed_width_chosen)
        s.message.connect(self.status_message)
        self.span_editor.delete_requested.connect(s.delete_span)
        self.note_editor.note_edited.connect(s.set_note)

    def shutdown(self) -> None:
        """Commit what is being typed and stop following the session, which is about to be closed."""
        self.note_editor.commit()
        self.guidelines.commit()
        s = self.session
        for signal in (s.document_changed, s.annotations_changed, s.schema_changed, s.replayed, s.message):
            signal.disconnect()

    def _schema_changed(self) -> None:
        schema = self.session.schema
        self.labels.set_schema(schema, self.labels.active_set)
        for shortcut in self._key_shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._key_shortcuts = []
        for digit in "0123456789":
            self._shortcut(digit, lambda d=digit: self.press_digit(int(d)))
        for name, letter in entity_keys([et.name for et in schema.entity_types]).items():
            self._shortcut(letter.upper(), lambda n=name: self.mark_entity(n, exact=False))
            self._shortcut(f"Shift+{letter.upper()}", lambda n=name: self.mark_entity(n, exact=True))
        if self.session.document is not None:
            self._document_changed(self.session.document.id)

    def _shortcut(self, keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        self._key_shortcuts.append(shortcut)

    # --- navigation ---------------------------------------------------------------------------------

    def open_document(self, doc_id: int) -> None:
        self.note_editor.commit()  # a note typed a moment ago belongs to the report it was typed on
        self.session.open_document(doc_id)
        settings.set_last_document(self.session.project.root, doc_id)

    def go(self, doc_id: int | None, at_end: str) -> None:
        if doc_id is None:
            self.status_message.emit(at_end)
            return
        self.doc_list.select_document(doc_id)
        self.open_document(doc_id)

    def next_document(self) -> None:
        self.go(self.doc_list.next_id(), tr("This is the last report in the list."))

    def previous_document(self) -> None:
        self.go(self.doc_list.previous_id(), tr("This is the first report in the list."))

    def next_unlabelled(self) -> None:
        current = self.session.doc_id or 0
        self.note_editor.commit()
        found = next_unlabelled(self.session.project, current, self.doc_list.visible_ids())
        self.go(found, tr("Every report in the list is labelled."))

    def accept_and_next(self) -> None:
        if self.uncertain_first:
            self.least_sure_next()
        else:
            self.next_unlabelled()

    def set_uncertain_first(self, on: bool) -> None:
        self.uncertain_first = on
        if on:
            self.status_message.emit(tr("Ctrl+Enter now goes to the report the model is least sure of."))

    def least_sure_next(self) -> None:
        """The unlabelled report (of those listed) the newest run of the active task is least sure of:
        each label there teaches the model the most."""
        task = self.labels.active_set or ENTITIES_TASK
        runs = [r for r in list_runs(self.session.project, task=task) if r.status == "completed"]
        if not runs:
            self.status_message.emit(
                tr("No model has predicted these reports yet: predict them on the Train page first.")
            )
            return
        self.note_editor.commit()
        current = self.session.doc_id
        candidates = [d for d in self.doc_list.visible_ids() if d != current]
        order = uncertainty_order(self.session.project, runs[-1].id, candidates)
        found = next_unlabelled(self.session.project, -1, order)
        self.go(found, tr("Every report in the list is labelled."))

    def focus_search(self) -> None:
        self.doc_list.focus_search()

    def focus_text(self) -> None:
        self.report.view.setFocus()

    @property
    def fixed_width_action(self) -> QAction:
        """The checkable "Fixed width" view switch (with its key), for a menu to show."""
        return self.report.fixed_width_action

    def _fixed_width_chosen(self, on: bool) -> None:
        settings.set_fixed_width(self.session.project.root, on)
        self.status_message.emit(
            tr("Reports of this project are shown in a fixed-width font.") if on
            else tr("Reports of this project are shown in the reading font.")
        )  # fmt: skip

    def _document_changed(self, doc_id: int) -> None:
        doc = self.session.document
        if doc is None:
            return
        spans = self.session.spans()
        chosen = settings.fixed_width(self.session.project.root)
        # Until the user picks a view for the project, each report gets the one its layout needs.
        self.report.set_fixed_width(has_aligned_columns(doc.text) if chosen is None else chosen)
        self.report.view.set_report(doc.text, spans, self._colours())
        self._show_search()
        split = {"train": tr("training"), "test": tr("test (held out)")}.get(doc.split or "", tr("no split"))
        self.report.header.setText(f"<b>{doc.external_id}</b> &nbsp;·&nbsp; {split}")
        self._show_annotations(spans)
        self.note_editor.show_note(self.session.note())
        self.span_editor.show_span(None, "", None, [])

    def _show_search(self) -> None:
        """Highlight the list's search in the report, its first match scrolled into view."""
        doc = self.session.document
        if doc is not None:
            query = self.doc_list.applied_search
            self.report.view.set_search_matches(match_ranges(doc.text, query) if query else [], reveal=True)

    def _annotations_changed(self, doc_id: int) -> None:
        if doc_id == self.session.doc_id:
            spans = self.session.spans()
            self.report.view.set_spans(spans, self._colours(), self.report.view.selected_span)
            self._show_annotations(spans)
            self.note_editor.show_note(self.session.note())
            self._span_clicked(self.report.view.selected_span)
        self._update_title()

    def _show_annotations(self, spans: list) -> None:  # type: ignore[type-arg]
        keys = entity_keys([et.name for et in self.session.schema.entity_types])
        self.report.legend.show_types(self._colours(), keys, spans)
        found = self.session.suggestion()
        suggested = None
        if found is not None and found[0].task_kind == "document" and found[1].label is not None:
            suggested = (found[0].task, found[1].label)
        self.labels.show_labels(self.session.labels(), suggested)
        self.labels.show_suggestion(suggestion_text(found))
        self.report.view.set_suggested(found[1].spans if found is not None else [])

    def show_new_predictions(self) -> None:
        """A run predicted reports: their statuses and suggestions change in the list and the report."""
        self.doc_list.reload()
        if self.session.doc_id is not None:
            self.doc_list.select_document(self.session.doc_id)
            self._show_annotations(self.session.spans())

    def accept_suggestion(self) -> None:
        if not self._writable():
            return
        label = self.session.accept_suggestion()
        self.status_message.emit(
            tr("Accepted the model's label {0}.").format(label) if label
            else tr("The model has no label suggestion for this report.")
        )  # fmt: skip

    def accept_suggested_spans(self) -> None:
        if not self._writable():
            return
        count = self.session.accept_suggested_spans()
        self.status_message.emit(
            tr("Marked {0} suggested span(s).", "", count).format(count) if count
            else tr("No suggested span is left to accept on this report.")
        )  # fmt: skip

    def _follow_undo(self, doc_id: int) -> None:
        """After undo/redo, show the report that changed, so the user sees what was undone."""
        if doc_id != self.session.doc_id:
            self.go(doc_id, "")

    def _colours(self) -> dict[str, str]:
        return {et.name: et.colour for et in self.session.schema.entity_types}

    def _update_title(self) -> None:
        done, total = labelled_count(self.session.project)
        name = self.session.project.name
        read_only = tr(" (read-only)") if self.session.read_only else ""
        self.title_changed.emit(tr("{0} — {1} / {2} labelled{3}").format(name, done, total, read_only))

    # --- annotating ---------------------------------------------------------------------------------

    def _writable(self) -> bool:
        if self.session.read_only:
            self.status_message.emit(tr("This project is open read-only: nothing can be changed here."))
        return not self.session.read_only and self.session.document is not None

    def press_digit(self, digit: int) -> None:
        label_set = self.labels.active_set
        if label_set is None or not self._writable():
            return
        if digit == 0:
            self.session.set_label(label_set, None)
            return
        labels = self.session.schema.label_set(label_set).label_names
        by_key = {key: label for label, key in label_keys(labels).items()}
        if str(digit) in by_key:
            self.session.toggle_label(label_set, by_key[str(digit)])

    def next_label_set(self) -> None:
        names = [ls.name for ls in self.session.schema.label_sets]
        if names:
            current = names.index(self.labels.active_set) if self.labels.active_set in names else -1
            self.labels.set_active(names[(current + 1) % len(names)])

    def _set_label(self, label_set: str, label: str) -> None:
        self.session.toggle_label(label_set, label)
        self.focus_text()

    def mark_entity(self, type_: str, exact: bool) -> None:
        """The entity key: mark the selected text, or retype the selected span when nothing is selected."""
        if not self._writable():
            return
        selection = self.report.view.selection_range()
        if selection and selection[0] < selection[1]:
            span_id, problem = self.session.add_span_from_selection(selection[0], selection[1], type_, exact)
            new = next(s for s in self.session.spans() if s.id == span_id)
            self.report.view.set_selection(selection[1], selection[1])
            self.report.view.select_span(new.id)
            self._span_clicked(new.id)
            self.status_message.emit(
                problem or self._with_plausibility(tr("Marked {0}.").format(span_label(new)), new)
            )
        elif self.report.view.selected_span is not None:
            self.retype_span(self.report.view.selected_span, type_)
        else:
            self.status_message.emit(
                tr("Select some text first (mouse, or Shift+arrow keys), then press the key.")
            )
        self.focus_text()

    def retype_span(self, span_id: int, type_: str) -> None:
        """Give the span another type (by key or in the span editor); the status line names the new type
        and value, or says why the span's text gives no value for it."""
        if not self._writable():
            return
        span, problem = self.session.retype_span(span_id, type_)
        self.status_message.emit(self._retyped_message(span, problem))

    def _value_changed(self, span_id: int, changes: dict) -> None:
        """A value typed in the span editor: stored, and a warning when it is implausible for the type."""
        self.session.update_span(span_id, **changes)
        span = next((sp for sp in self.session.spans() if sp.id == span_id), None)
        warning = self._with_plausibility("", span) if span is not None else ""
        if warning:
            self.status_message.emit(warning)

    def _with_plausibility(self, message: str, span: Span) -> str:
        """``message``, followed by a warning (never a refusal) when the span's value lies outside its
        type's plausible range."""
        spec = self.session.schema.entity_type(span.type).normaliser
        found = check_plausible(spec, span.value, span.unit, span.type)
        if found is None:
            return message
        p = found.params
        warning = tr(
            "{value} {unit} is outside the plausible range {low}–{high} {range_unit} for {type}: check the "
            "value and its unit."
        ).format(
            value=f"{p['value']:g}", unit=p.get("unit") or "", low=f"{p['low']:g}", high=f"{p['high']:g}",
            range_unit=p.get("range_unit") or "", type=span.type,
        )  # fmt: skip
        return f"{message} {warning}".strip()

    def _retyped_message(self, span: Span, problem: str | None) -> str:
        if problem is None:
            return self._with_plausibility(tr("Marked {0}.").format(span_label(span)), span)
        text = self.session.document.text[span.start : span.end] if self.session.document else ""
        spec = self.session.schema.entity_type(span.type).normaliser or {}
        if spec.get("kind") == "code":
            if self.session.vocabulary(span.type) is None:
                return tr(
                    "Marked {0}; no vocabulary is loaded for this type, so the span has no code."
                ).format(span.type)
            return tr(
                "Marked {0}; “{1}” matches no code of its vocabulary, so the code was left empty: choose one "
                "in the span editor."
            ).format(span.type, text)
        return tr(
            "Marked {0}; “{1}” cannot be read as a value in {2}, so the value was left empty: type it in the "
            "span editor."
        ).format(span.type, text, ", ".join(spec.get("units", [])))

    def delete_selected_span(self) -> None:
        span_id = self.report.view.selected_span
        if not self._writable():
            return
        if span_id is None:
            self.status_message.emit(tr("No span is selected: click one first."))
            return
        self.session.delete_span(span_id)
        self.report.view.select_span(None)
        self._span_clicked(None)

    def select_next_span(self) -> None:
        spans = sorted(self.session.spans(), key=lambda s: (s.start, s.end, s.id))
        if not spans:
            return
        current = self.report.view.selected_span
        ids = [s.id for s in spans]
        nxt = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
        self.report.view.select_span(nxt)
        self._span_clicked(nxt)

    def toggle_flag(self) -> None:
        self.note_editor.flag.toggle()

    def focus_note(self) -> None:
        self.side_tabs.setCurrentIndex(0)
        self.note_editor.text.setFocus()

    def _span_clicked(self, span_id: int | None) -> None:
        span = next((s for s in self.session.spans() if s.id == span_id), None)
        if span is None or self.session.document is None:
            self.span_editor.show_span(None, "", None, [])
            return
        entity = self.session.schema.entity_type(span.type)
        types = [et.name for et in self.session.schema.entity_types]
        vocabulary = self.session.vocabulary(span.type)
        self.span_editor.show_span(span, self.session.document.text, entity, types, vocabulary)


def suggestion_text(found: tuple | None) -> str:  # type: ignore[type-arg]
    """'Model (run 3) suggests PAST SMOKER · 0.87 — Alt+A accepts' for the label panel; empty without."""
    if found is None:
        return ""
    run, prediction = found
    if prediction.label is not None:
        confidence = (
            "" if prediction.confidence is None else " · " + QLocale().toString(prediction.confidence, "f", 2)
        )
        return tr("Model (run {0}) suggests {1}{2} — Alt+A accepts it").format(
            run.id, prediction.label, confidence
        )
    if prediction.spans:
        return tr(
            "Model (run {0}) suggests {1} span(s), dashed in the report — Alt+Shift+A marks them all",
            "",
            len(prediction.spans),
        ).format(run.id, len(prediction.spans))
    return ""
