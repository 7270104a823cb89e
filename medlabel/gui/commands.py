"""Undoable annotation changes: each QUndoCommand calls the store, never widget state.

The change is made (and committed) by the session *before* the command is pushed, so that an error
reaches the user as an exception from the store; the command's first ``redo`` (which QUndoStack calls
on push) therefore does nothing, and later undo/redo call the store again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from medlabel.core import annotations, notes
from medlabel.core.annotations import Span
from medlabel.core.project import Project

Step = Callable[[], None]


@dataclass
class Context:
    project: Project
    annotator: str
    on_done: Callable[[int], None]  # the document whose annotations changed
    on_error: Callable[[BaseException], None]
    on_message: Callable[[str], None] | None = None  # a status line saying what undo/redo changed back


class StoreCommand(QUndoCommand):
    """Skips the first redo (already done); reports a failing undo/redo through ``on_error``, because an
    exception escaping into Qt would only be printed."""

    def __init__(
        self, text: str, doc_id: int, apply: Step, revert: Step, context: Context,
        said: tuple[str, str] = ("", ""),
    ) -> None:  # fmt: skip
        """``said``: the status lines for a later redo and for an undo (empty: none)."""
        super().__init__(text)
        self.doc_id, self._apply, self._revert, self._context = doc_id, apply, revert, context
        self._said = said
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._run(self._apply, self._said[0])

    def undo(self) -> None:
        self._run(self._revert, self._said[1])

    def _run(self, step: Step, message: str) -> None:
        try:
            step()
        except Exception as exc:  # shown to the user through on_error, never lost
            self.setObsolete(True)
            self._context.on_error(exc)
            return
        self._context.on_done(self.doc_id)
        if message and self._context.on_message is not None:
            self._context.on_message(message)


def set_label(
    ctx: Context, text: str, doc_id: int, label_set: str, before: str | None, after: str | None,
    suggested_by: int | None = None,
) -> StoreCommand:  # fmt: skip
    """``suggested_by``: the run whose suggestion the label accepts; a redo records the acceptance again."""

    def to(label: str | None, run: int | None = None) -> Step:
        return lambda: annotations.set_label(
            ctx.project, doc_id, label_set, label, ctx.annotator, suggested_by=run
        ) and None  # fmt: skip

    return StoreCommand(text, doc_id, to(after, suggested_by), to(before), ctx)


def _span_steps(ctx: Context, span: Span, suggested_by: int | None = None) -> tuple[Step, Step]:
    """(add, remove) for ``span``; adding again restores its id, which later commands refer to."""

    def add() -> None:
        annotations.add_span(
            ctx.project, span.document_id, span.start, span.end, span.type, ctx.annotator,
            value=span.value, unit=span.unit, code=span.code, span_id=span.id, suggested_by=suggested_by,
        )  # fmt: skip

    def remove() -> None:
        annotations.delete_span(ctx.project, span.id, ctx.annotator)

    return add, remove


def add_span(ctx: Context, text: str, span: Span, suggested_by: int | None = None) -> StoreCommand:
    add, remove = _span_steps(ctx, span, suggested_by)
    return StoreCommand(text, span.document_id, add, remove, ctx)


def delete_span(ctx: Context, text: str, span: Span) -> StoreCommand:
    add, remove = _span_steps(ctx, span)
    return StoreCommand(text, span.document_id, remove, add, ctx)


def update_span(
    ctx: Context, text: str, before: Span, after: Span, said: tuple[str, str] = ("", "")
) -> StoreCommand:
    """Every field is written back, so undoing a retype restores the old type and its old value exactly."""

    def to(span: Span) -> Step:
        return lambda: annotations.update_span(
            ctx.project, span.id, ctx.annotator, start=span.start, end=span.end, type=span.type,
            value=span.value, unit=span.unit, code=span.code,
        ) and None  # fmt: skip

    return StoreCommand(text, before.document_id, to(after), to(before), ctx, said)


def set_note(ctx: Context, text: str, doc_id: int, before: notes.Note, after: notes.Note) -> StoreCommand:
    def to(note: notes.Note) -> Step:
        return lambda: notes.set_note(ctx.project, doc_id, note, ctx.annotator) and None

    return StoreCommand(text, doc_id, to(after), to(before), ctx)
