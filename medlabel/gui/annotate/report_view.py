"""The report as the annotator reads it: wrapped, in a comfortable font (or a fixed-width one, so that
tables typed with spaces or tabs line up), spans tinted in their entity type's colour, a span overlapping
another hatched and wavy-underlined over it, the selected span emphasised, and a legend."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.annotations import Span
from medlabel.core.records import SpanRecord
from medlabel.gui.annotate.text_offsets import OffsetMap
from medlabel.gui.i18n import tr

TINT = 0.45  # share of the entity colour in a span's background: text stays black on it and readable
TAB_STOP = 8  # characters between tab stops, as a terminal and most report systems lay tabs out
FIXED_WIDTH_KEY = "Ctrl+Shift+F"
SEARCH_HIGHLIGHT = "#ffe45c"  # highlighter yellow behind a search match, where no span's tint lies
SEARCH_TEXT = "#7a3a00"  # a search match's text (and the line over it): dark amber, legible on every tint


def tint(colour: str, share: float = TINT) -> QColor:
    c = QColor(colour)
    if not c.isValid():
        c = QColor("#888888")
    return QColor.fromRgbF(
        1 - share * (1 - c.redF()), 1 - share * (1 - c.greenF()), 1 - share * (1 - c.blueF())
    )


def span_label(span: Span | SpanRecord) -> str:
    """ "LVEF = 55 %" or "Diagnosis = I21.0" or just the type."""
    if span.value is not None:
        value = f"{span.value:g}" + (f" {span.unit}" if span.unit else "")
        return f"{span.type} = {value}"
    if span.code:
        return f"{span.type} = {span.code}"
    return span.type


def layers(spans: Sequence[Span]) -> dict[int, int]:
    """Span id -> 0 for spans drawn as a background, 1 for spans that overlap one already drawn (these
    are underlined, so both stay visible)."""
    drawn: list[Span] = []
    out: dict[int, int] = {}
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start), s.id)):
        overlaps = any(s.start < span.end and span.start < s.end for s in drawn)
        out[span.id] = 1 if overlaps else 0
        if not overlaps:
            drawn.append(span)
    return out


class ReportView(QPlainTextEdit):
    span_clicked = Signal(object)  # span id, or None for a click outside every span

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSizeF(max(12.0, font.pointSizeF() * 1.2))
        self._reading_font = font
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        # A fixed-width face runs wider than a proportional one of the same size; a little smaller keeps a
        # report's widest table (about 70 characters) on one line in the report's column.
        fixed.setPointSizeF(font.pointSizeF() * 0.9)
        self._fixed_font = fixed
        self._fixed_width = False
        self._apply_font()
        self.document().setDocumentMargin(18)
        self.setCursorWidth(2)  # the keyboard caret must be visible to select by keyboard
        self._map = OffsetMap("")
        self._spans: list[Span] = []
        self._colours: dict[str, str] = {}
        self._selected: int | None = None
        self._suggested: list[SpanRecord] = []  # a model's spans not yet gold: drawn dashed, not tinted
        self._search_matches: list[tuple[int, int]] = []  # where the list's search matched (store offsets)

    # --- content ------------------------------------------------------------------------------------

    def set_report(self, text: str, spans: Sequence[Span], colours: dict[str, str]) -> None:
        self._suggested = []
        self._search_matches = []  # they belong to the previous text
        self._map = OffsetMap(text)
        self.setPlainText(self._map.display_text)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._selected = None
        self.set_spans(spans, colours)

    def set_spans(self, spans: Sequence[Span], colours: dict[str, str], selected: int | None = None) -> None:
        self._spans, self._colours = list(spans), dict(colours)
        self._selected = selected if any(s.id == selected for s in spans) else None
        self._draw()

    def set_suggested(self, spans: Sequence[SpanRecord]) -> None:
        """The model's suggested spans of this report; those already marked the same way are not drawn."""
        gold = {(s.start, s.end, s.type) for s in self._spans}
        self._suggested = [s for s in spans if (s.start, s.end, s.type) not in gold]
        self._draw()

    @property
    def suggested(self) -> list[SpanRecord]:
        return list(self._suggested)

    @property
    def text(self) -> str:
        return self._map.text

    @property
    def selected_span(self) -> int | None:
        return self._selected

    @property
    def fixed_width(self) -> bool:
        return self._fixed_width

    def set_fixed_width(self, on: bool) -> None:
        """Show the report in a fixed-width font (tables typed with spaces line up) or the reading font.
        Only the look changes: the text, and so every offset, stays the same."""
        if on != self._fixed_width:
            self._fixed_width = on
            self._apply_font()

    def _apply_font(self) -> None:
        font = self._fixed_font if self._fixed_width else self._reading_font
        self.setFont(font)
        # Every TAB_STOP characters: exact columns in the fixed-width font, about as wide in the reading one.
        self.setTabStopDistance(QFontMetricsF(font).horizontalAdvance("0") * TAB_STOP)

    def clear_selection(self) -> None:
        """Deselect the selected span and any selected text, so that a letter key marks nothing."""
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)
        self.select_span(None)
        self.span_clicked.emit(None)

    def select_span(self, span_id: int | None) -> None:
        self._selected = span_id
        self._draw()
        span = next((s for s in self._spans if s.id == span_id), None)
        if span is not None:  # show it, and put the caret at it so keyboard selection starts there
            cursor = self.textCursor()
            cursor.setPosition(self._map.to_qt(span.start))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def _draw(self) -> None:
        selections = []
        layer_of = layers(self._spans)
        for span in sorted(self._spans, key=lambda s: layer_of[s.id]):
            fmt = QTextCharFormat()
            colour = self._colours.get(span.type, "#888888")
            if layer_of[span.id] == 0:
                fmt.setBackground(tint(colour))
            else:
                # Drawn over the outer span's tint: a hatch in its own colour (the tint shows through
                # between the lines) and a wavy underline, so both spans stay visible.
                fmt.setBackground(QBrush(QColor(colour), Qt.BrushStyle.BDiagPattern))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(QColor(colour))
            if span.id == self._selected:
                fmt.setBackground(tint(colour, 0.75))
                fmt.setFontWeight(QFont.Weight.Bold)
                fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            selections.append(self._selection(span.start, span.end, fmt))
        gold = {(s.start, s.end, s.type) for s in self._spans}
        for suggestion in self._suggested:
            if (suggestion.start, suggestion.end, suggestion.type) in gold:
                continue  # accepted (or marked) since: the gold span is drawn
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            # No setFontUnderline(True) after the style: it would reset the style to a plain line.
            fmt.setUnderlineColor(QColor(self._colours.get(suggestion.type, "#888888")))
            selections.append(self._selection(suggestion.start, suggestion.end, fmt))
        selections += self._search_selections()
        self.setExtraSelections(selections)

    def set_search_matches(self, ranges: Sequence[tuple[int, int]], reveal: bool = False) -> None:
        """Highlight where the list's search matched (store offsets). ``reveal`` scrolls the first match into
        view with the caret at its start; nothing gets selected, so a letter key still marks nothing."""
        size = len(self._map.text)
        self._search_matches = sorted((max(0, a), min(b, size)) for a, b in ranges if a < b and a < size)
        self._draw()
        if reveal and self._search_matches:
            cursor = self.textCursor()
            cursor.setPosition(self._map.to_qt(self._search_matches[0][0]))
            self.setTextCursor(cursor)
            self.centerCursor()

    def _search_selections(self) -> list[QTextEdit.ExtraSelection]:
        # Drawn last, over the spans: highlighter yellow only beside spans (a span's tint and underlines stay
        # visible where a match runs through it), then every match's text in dark amber with a line above.
        spans = sorted((s.start, s.end) for s in self._spans)
        background, mark = QTextCharFormat(), QTextCharFormat()
        background.setBackground(QColor(SEARCH_HIGHLIGHT))
        mark.setForeground(QColor(SEARCH_TEXT))
        mark.setFontOverline(True)
        out = []
        for start, end in self._search_matches:
            at = start
            for a, b in [*spans, (end, end)]:
                if a > at and at < end:
                    out.append(self._selection(at, min(a, end), background))
                at = max(at, b)
        return out + [self._selection(start, end, mark) for start, end in self._search_matches]

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor, selection.format = cursor, fmt
        return selection

    # --- positions ----------------------------------------------------------------------------------

    def selection_range(self) -> tuple[int, int] | None:
        """The selected text as store offsets, or None without a selection."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._map.from_qt(cursor.selectionStart()), self._map.from_qt(cursor.selectionEnd())

    def set_selection(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def spans_at(self, offset: int) -> list[Span]:
        """Spans covering ``offset``, shortest first (a click means the innermost)."""
        hits = [s for s in self._spans if s.start <= offset < s.end]
        return sorted(hits, key=lambda s: (s.end - s.start, s.id))

    def _offset_at(self, point: QPoint) -> int:
        return self._map.from_qt(self.cursorForPosition(point).position())

    # --- events -------------------------------------------------------------------------------------

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            hits = self.spans_at(self._offset_at(event.position().toPoint()))
            span_id = hits[0].id if hits else None
            self.select_span(span_id)
            self.span_clicked.emit(span_id)

    def _escape(self, event: QEvent) -> bool:
        return (
            isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and (self._selected is not None or self.textCursor().hasSelection())
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._escape(event):
            self.clear_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._escape(event):
            # Esc is also the window's "back to the report" shortcut; with something selected here, taking
            # the key lets it deselect instead (the report has the focus already).
            event.accept()
            return True
        if event.type() == QEvent.Type.ToolTip:
            offset = self._offset_at(self.viewport().mapFrom(self, event.pos()))
            lines = [span_label(s) for s in self.spans_at(offset)]
            lines += [
                tr("suggested: {0}").format(span_label(s))
                for s in self._suggested
                if s.start <= offset < s.end
            ]
            if lines:
                QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class Legend(QLabel):
    """The entity types' colours, with how many spans of each this report has."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)

    def show_types(self, colours: dict[str, str], keys: dict[str, str], spans: Sequence[Span]) -> None:
        counts: dict[str, int] = {}
        for span in spans:
            counts[span.type] = counts.get(span.type, 0) + 1
        chips = []
        for name, colour in colours.items():
            n = counts.get(name, 0)
            key = f"&nbsp;<b>[{keys[name].upper()}]</b>" if name in keys else ""
            chips.append(
                f'<span style="background:{tint(colour).name()}; border:1px solid {colour};">'
                f"&nbsp;{name.replace(' ', '&nbsp;')}{key}&nbsp;</span>" + (f"&nbsp;×{n}" if n else "")
            )
        self.setText("&nbsp;&nbsp; ".join(chips))
        self.setVisible(bool(chips))


class ReportPanel(QWidget):
    """The view with a header line (report id, split, the fixed-width switch) and the legend under it."""

    fixed_width_chosen = Signal(bool)  # the user switched the fixed-width view (not a report's default)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel()
        self.header.setObjectName("reportHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.view = ReportView()
        self.legend = Legend()
        self.fixed_width_action = QAction(tr("Fixed width"), self)
        self.fixed_width_action.setObjectName("action_fixed_width")
        self.fixed_width_action.setCheckable(True)
        self.fixed_width_action.setShortcut(QKeySequence(FIXED_WIDTH_KEY))
        self.fixed_width_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        key = QKeySequence(FIXED_WIDTH_KEY).toString(QKeySequence.SequenceFormat.NativeText)
        self.fixed_width_action.setToolTip(
            tr("Show the report in a fixed-width font, so that columns aligned with spaces or tabs line up "
               "({0}). Remembered for this project.").format(key)
        )  # fmt: skip
        self.addAction(self.fixed_width_action)
        self.fixed_width_action.toggled.connect(self.view.set_fixed_width)
        self.fixed_width_action.triggered.connect(self.fixed_width_chosen)
        self.fixed_width_button = QToolButton()
        self.fixed_width_button.setObjectName("fixedWidthButton")
        self.fixed_width_button.setDefaultAction(self.fixed_width_action)
        self.fixed_width_button.setAutoRaise(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.header, 1)
        top.addWidget(self.fixed_width_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)

    def set_fixed_width(self, on: bool) -> None:
        """Switch the view without it counting as the user's choice (a report's default)."""
        self.fixed_width_action.setChecked(on)
        self.view.set_fixed_width(on)
