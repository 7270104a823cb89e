"""The open project as the GUI sees it: the store, the annotator, the undo stack and the current
document, with signals that panels listen to. Panels call these methods; the methods call
``medlabel.core`` (every change is committed before the signal goes out) and push undo commands."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from medlabel.core import annotations, notes, span_values
from medlabel.core.annotations import Span
from medlabel.core.documents import Document, get_document
from medlabel.core.normalize import NormalisedValue, Vocabulary
from medlabel.core.project import Project
from medlabel.core.runs import Run, StoredPrediction, newest_prediction
from medlabel.core.schema import ProjectSchema, load_schema
from medlabel.gui import commands
from medlabel.gui.annotate.report_view import span_label
from medlabel.gui.i18n import tr


class Session(QObject):
    document_changed = Signal(int)  # a different document is shown
    annotations_changed = Signal(int)  # labels, spans or note of this document changed
    schema_changed = Signal()
    error = Signal(object)  # an exception to show the user
    replayed = Signal(int)  # undo or redo changed this document
    message = Signal(str)  # a status line, e.g. what an undo gave back

    def __init__(self, project: Project, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.annotator = annotator or "unknown"
        self.undo_stack = QUndoStack(self)
        self.schema: ProjectSchema = load_schema(project)
        self.document: Document | None = None
        # Why the project is read-only, when it is: "locked" (another window) or "permissions".
        self.read_only_reason = ""
        # Code vocabularies by entity type, built once: one can hold tens of thousands of terms.
        self._vocabularies: dict[str, Vocabulary | None] = {}
        self._ctx = commands.Context(
            project, self.annotator, self._replayed, self.error.emit, self.message.emit
        )

    @property
    def read_only(self) -> bool:
        return self.project.read_only

    @property
    def doc_id(self) -> int | None:
        return self.document.id if self.document else None

    # --- navigation ---------------------------------------------------------------------------------

    def open_document(self, doc_id: int) -> None:
        if self.document is not None and self.document.id == doc_id:
            return
        self.document = get_document(self.project, doc_id)
        self.document_changed.emit(doc_id)

    def reload_schema(self) -> None:
        self.schema = load_schema(self.project)
        self._vocabularies.clear()
        self.schema_changed.emit()

    def vocabulary(self, type_: str) -> Vocabulary | None:
        """The code vocabulary of an entity type (None for other types or when none is loaded)."""
        if type_ not in self._vocabularies:
            self._vocabularies[type_] = span_values.type_vocabulary(self.project, type_)
        return self._vocabularies[type_]

    # --- reading ------------------------------------------------------------------------------------

    def labels(self) -> dict[str, str]:
        return annotations.get_labels(self.project, self.doc_id) if self.document else {}

    def spans(self) -> list[Span]:
        return annotations.get_spans(self.project, self.doc_id) if self.document else []

    def note(self) -> notes.Note:
        return notes.get_note(self.project, self.doc_id) if self.document else notes.Note()

    def suggestion(self) -> tuple[Run, StoredPrediction] | None:
        """The model's suggestion for the open report (the newest completed run that predicted it)."""
        return newest_prediction(self.project, self.doc_id) if self.document else None

    # --- changes (each committed, then undoable) ----------------------------------------------------

    def _require_document(self) -> int:
        if self.document is None:
            raise LookupError("no document is open")
        return self.document.id

    def set_label(self, label_set: str, label: str | None) -> None:
        doc_id = self._require_document()
        before = annotations.set_label(self.project, doc_id, label_set, label, self.annotator)
        if before == label:
            return
        text = tr("Label {0}: {1}").format(label_set, label or tr("(none)"))
        self.undo_stack.push(commands.set_label(self._ctx, text, doc_id, label_set, before, label))
        self._changed(doc_id)

    def toggle_label(self, label_set: str, label: str) -> None:
        """Set ``label``, or clear it when it is already the document's label (a second key press)."""
        self.set_label(label_set, None if self.labels().get(label_set) == label else label)

    def add_span(self, start: int, end: int, type_: str, value: float | None = None, unit: str | None = None,
                 code: str | None = None) -> int:  # fmt: skip
        doc_id = self._require_document()
        span_id = annotations.add_span(
            self.project, doc_id, start, end, type_, self.annotator, value=value, unit=unit, code=code
        )
        span = annotations.get_span(self.project, span_id)
        self.undo_stack.push(commands.add_span(self._ctx, tr("Add {0} span").format(type_), span))
        self._changed(doc_id)
        return span_id

    def add_span_from_selection(
        self, start: int, end: int, type_: str, exact: bool = False
    ) -> tuple[int, str | None]:
        """Add a span over the selection, snapped to whole words unless ``exact``, with the value its
        type's normaliser reads from the text; returns its id and why no value could be read, if so."""
        if self.document is None:
            raise LookupError("no document is open")
        if not exact:
            start, end = annotations.snap_to_words(self.document.text, start, end)
        value, problem = span_values.value_for(
            self.project, type_, self.document.text[start:end], self.vocabulary(type_)
        )
        return self.add_span(start, end, type_, value.value, value.unit, value.code), problem

    def update_span(self, span_id: int, **changes: object) -> None:
        """Change a span's fields; a new type alone gets the value the new type reads from the span's text
        (see ``retype_span``), never the old type's value."""
        if set(changes) == {"type"}:
            self.retype_span(span_id, str(changes["type"]))
            return
        self._update_span(annotations.get_span(self.project, span_id), changes)

    def retype_span(self, span_id: int, type_: str) -> tuple[Span, str | None]:
        """Give a span another entity type and the value that type's normaliser reads from the span's text,
        as marking the text would (the old value is kept only where the text gives none and the new type
        takes it). One undo step, which restores the old type with its old value. Returns the span as it is
        now and why it has no value, when the text gave none for the new type."""
        before = annotations.get_span(self.project, span_id)
        if before.type == type_:
            return before, None
        text = self._text(before.document_id)[before.start : before.end]
        old = NormalisedValue(before.value, before.unit, before.code)
        value, problem = span_values.retyped_value(self.project, type_, text, old, self.vocabulary(type_))
        changes = {"type": type_, "value": value.value, "unit": value.unit, "code": value.code}
        return self._update_span(before, changes), problem

    def _update_span(self, before: Span, changes: dict[str, object]) -> Span:
        annotations.update_span(self.project, before.id, self.annotator, **changes)  # type: ignore[arg-type]
        after = annotations.get_span(self.project, before.id)
        if after == before:
            return after
        said = ("", "")
        if after.type != before.type:
            said = (
                tr("Redone: the span is {0} again.").format(span_label(after)),
                tr("Undone: the span is {0} again.").format(span_label(before)),
            )
            text = tr("Change {0} span to {1}").format(before.type, after.type)
        else:
            text = tr("Edit {0} span").format(after.type)
        self.undo_stack.push(commands.update_span(self._ctx, text, before, after, said))
        self._changed(before.document_id)
        return after

    def _text(self, doc_id: int) -> str:
        if self.document is not None and self.document.id == doc_id:
            return self.document.text
        return get_document(self.project, doc_id).text

    def delete_span(self, span_id: int) -> None:
        span = annotations.delete_span(self.project, span_id, self.annotator)
        self.undo_stack.push(commands.delete_span(self._ctx, tr("Delete {0} span").format(span.type), span))
        self._changed(span.document_id)

    def set_note(self, note: notes.Note) -> None:
        doc_id = self._require_document()
        before = notes.set_note(self.project, doc_id, note, self.annotator)
        if before == note:
            return
        self.undo_stack.push(commands.set_note(self._ctx, tr("Note"), doc_id, before, note))
        self._changed(doc_id)

    def accept_suggestion(self) -> str | None:
        """Take the suggested document label as gold (recorded as accepted from its run); returns it, or
        None when there is no document-label suggestion."""
        found = self.suggestion()
        if found is None or found[1].label is None or found[0].task_kind != "document":
            return None
        run, prediction = found
        doc_id = self._require_document()
        before = annotations.set_label(
            self.project, doc_id, run.task, prediction.label, self.annotator, suggested_by=run.id
        )
        if before != prediction.label:
            text = tr("Accept suggestion {0}: {1}").format(run.task, prediction.label)
            self.undo_stack.push(
                commands.set_label(self._ctx, text, doc_id, run.task, before, prediction.label, run.id)
            )
            self._changed(doc_id)
        return prediction.label

    def accept_suggested_spans(self) -> int:
        """Mark every suggested span not yet marked the same way (one undo step); returns how many."""
        found = self.suggestion()
        if found is None or not found[1].spans:
            return 0
        run, prediction = found
        doc_id = self._require_document()
        marked = {(s.start, s.end, s.type) for s in self.spans()}
        types = {et.name for et in self.schema.entity_types}  # a type removed since the run is skipped
        new = [s for s in prediction.spans if (s.start, s.end, s.type) not in marked and s.type in types]
        if not new:
            return 0
        self.undo_stack.beginMacro(tr("Accept {0} suggested span(s)", "", len(new)).format(len(new)))
        try:
            for record in new:
                span_id = annotations.add_span(
                    self.project, doc_id, record.start, record.end, record.type, self.annotator,
                    value=record.value, unit=record.unit, code=record.code, suggested_by=run.id,
                )  # fmt: skip
                span = annotations.get_span(self.project, span_id)
                self.undo_stack.push(
                    commands.add_span(self._ctx, tr("Add {0} span").format(record.type), span, run.id)
                )
        finally:
            self.undo_stack.endMacro()
        self._changed(doc_id)
        return len(new)

    def _changed(self, doc_id: int) -> None:
        self.annotations_changed.emit(doc_id)

    def _replayed(self, doc_id: int) -> None:
        self.annotations_changed.emit(doc_id)
        self.replayed.emit(doc_id)
