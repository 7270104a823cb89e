"""The workspace's commands with their keys, in one table: the menus, the shortcuts and the shortcut
sheet are all built from it, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from medlabel.gui.i18n import tr


@dataclass(frozen=True)
class ActionSpec:
    name: str
    group: str
    text: str
    keys: tuple[str, ...]
    help: str = ""


def action_specs() -> list[ActionSpec]:
    nav, edit, proj = tr("Navigate"), tr("Annotate"), tr("Project")
    return [
        ActionSpec(
            "next", nav, tr("Next report"), ("Alt+Right", "Alt+Down"), tr("the next report in the list")
        ),
        ActionSpec("previous", nav, tr("Previous report"), ("Alt+Left", "Alt+Up")),
        ActionSpec("next_unlabelled", nav, tr("Next unlabelled report"), ("Alt+N",)),
        ActionSpec(
            "accept",
            nav,
            tr("Done — next unlabelled"),
            ("Ctrl+Return", "Ctrl+Enter"),
            tr("keep this report's annotations and go to the next unlabelled report"),
        ),
        ActionSpec(
            "uncertain_first",
            nav,
            tr("Label next: least sure first"),
            (),
            tr("Ctrl+Enter goes to the unlabelled report the newest model is least sure of"),
        ),
        ActionSpec("find", nav, tr("Search reports"), ("Ctrl+F",)),
        ActionSpec(
            "focus_text", nav, tr("Back to the report"), ("Esc",), tr("select text with Shift+arrows")
        ),
        ActionSpec("undo", edit, tr("Undo"), ("Ctrl+Z",)),
        ActionSpec("redo", edit, tr("Redo"), ("Ctrl+Shift+Z", "Ctrl+Y")),
        ActionSpec("delete_span", edit, tr("Delete selected span"), ("Del", "Backspace")),
        ActionSpec("next_span", edit, tr("Select next span"), ("Alt+S",)),
        ActionSpec("flag", edit, tr("Flag for discussion"), ("Ctrl+D",)),
        ActionSpec("note", edit, tr("Write a note"), ("Ctrl+E",)),
        ActionSpec("next_label_set", edit, tr("Next label set (for keys 1–9)"), ("Ctrl+L",)),
        ActionSpec(
            "accept_suggestion",
            edit,
            tr("Accept the model's label"),
            ("Alt+A",),
            tr("take the suggested label as yours; recorded as accepted from its run"),
        ),
        ActionSpec(
            "accept_spans",
            edit,
            tr("Accept the model's spans"),
            ("Alt+Shift+A",),
            tr("mark every suggested span of this report"),
        ),
        ActionSpec("schema", proj, tr("Labels and entity types…"), ("Ctrl+Shift+S",)),
        ActionSpec(
            "splits",
            proj,
            tr("Training and test split…"),
            (),
            tr("see each task's test split, freeze one, or move reports between training and test"),
        ),
        ActionSpec("import", proj, tr("Import reports…"), ("Ctrl+I",)),
        ActionSpec(
            "export",
            proj,
            tr("Export…"),
            ("Ctrl+Shift+E",),
            tr("write every report with its labels and spans to a file (CSV, Excel, JSON lines, …)"),
        ),
        ActionSpec("open", proj, tr("Open project…"), ("Ctrl+O",)),
        ActionSpec(
            "restore",
            proj,
            tr("Restore from a backup…"),
            (),
            tr("bring back an earlier state of the project; the current one is kept as a backup"),
        ),
        ActionSpec("close", proj, tr("Close project"), ("Ctrl+W",)),
        ActionSpec("quit", proj, tr("Quit"), ("Ctrl+Q",), tr("close medlabel")),
        ActionSpec("shortcuts", tr("Help"), tr("Keyboard shortcuts"), ("F1", "?")),
    ]


def key_specs() -> list[tuple[str, str, str]]:
    """Rows for the shortcut sheet that are not actions: the label and entity keys."""
    edit = tr("Annotate")
    return [
        (edit, "1 … 9", tr("set the label (press again to clear it)")),
        (edit, "0", tr("clear the label of the active label set")),
        (edit, tr("letter"), tr("mark the selected text as that entity type (snapped to whole words)")),
        (edit, tr("Shift+letter"), tr("the same, keeping the exact selection")),
        (edit, tr("click a span"), tr("select it to change its type or value, or to delete it")),
    ]


def build_actions(parent: QWidget, slots: dict[str, Callable[[], object]]) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in action_specs():
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{spec.name}")
        action.setShortcuts([QKeySequence(k) for k in spec.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.help:
            action.setStatusTip(spec.help)
        if spec.name == "quit":
            # The platform's own quit keys too (Ctrl+Q where it has one), and macOS's application menu.
            standard = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
            action.setShortcuts(action.shortcuts() + [k for k in standard if k not in action.shortcuts()])
            action.setMenuRole(QAction.MenuRole.QuitRole)
        if spec.name in slots:
            action.triggered.connect(lambda _=False, f=slots[spec.name]: f())
        parent.addAction(action)
        actions[spec.name] = action
    return actions


def sheet_entries() -> list[tuple[str, str, str]]:
    def native(keys: tuple[str, ...]) -> str:
        return " / ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)

    rows = [
        (s.group, native(s.keys), s.text + (f" — {s.help}" if s.help else ""))
        for s in action_specs()
        if s.keys  # menu-only commands have no key to learn
    ]
    return rows[:6] + key_specs() + rows[6:]
