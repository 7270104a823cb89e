"""The main window: the welcome screen or the workspace, the menus, the title. It only wires."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QStackedWidget

from medlabel.core.documents import document_ids
from medlabel.core.errors import ProjectLockedError
from medlabel.core.project import Project, open_project
from medlabel.gui import actions, errors, settings
from medlabel.gui.annotator_dialog import ensure_annotator
from medlabel.gui.i18n import tr
from medlabel.gui.session import Session
from medlabel.gui.welcome import WelcomeWidget
from medlabel.gui.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("medlabel")
        self.resize(1440, 900)
        self.session: Session | None = None
        self.workspace: Workspace | None = None
        self.stack = QStackedWidget()
        self.welcome = WelcomeWidget()
        self.welcome.project_chosen.connect(self.open_project)
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self.actions_ = actions.build_actions(self, self._slots())
        self._menus()
        self._enable_workspace_actions(False)

    # --- menus --------------------------------------------------------------------------------------

    def _slots(self) -> dict[str, object]:
        def ws(name: str) -> object:
            return lambda: self.workspace and getattr(self.workspace, name)()

        return {
            "next": ws("next_document"),
            "previous": ws("previous_document"),
            "next_unlabelled": ws("next_unlabelled"),
            "accept": ws("accept_and_next"),
            "find": ws("focus_search"),
            "focus_text": ws("focus_text"),
            "delete_span": ws("delete_selected_span"),
            "next_span": ws("select_next_span"),
            "flag": ws("toggle_flag"),
            "note": ws("focus_note"),
            "next_label_set": ws("next_label_set"),
            "undo": lambda: self.session and self.session.undo_stack.undo(),
            "redo": lambda: self.session and self.session.undo_stack.redo(),
            "schema": self.edit_schema,
            "import": self.import_reports,
            "open": self.choose_project,
            "close": self.close_project,
            "shortcuts": self.show_shortcuts,
        }

    def _menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        groups = [
            (tr("&Project"), ["open", "import", "schema", None, "close"]),
            (
                tr("&Edit"),
                ["undo", "redo", None, "delete_span", "next_span", "flag", "note", "next_label_set"],
            ),
            (tr("&Go"), ["next", "previous", "next_unlabelled", "accept", None, "find", "focus_text"]),
            (tr("&Help"), ["shortcuts"]),
        ]
        for title, names in groups:
            menu = bar.addMenu(title)
            for name in names:
                menu.addSeparator() if name is None else menu.addAction(a[name])
            if title == tr("&Help"):
                menu.addAction(tr("Open the log folder"), self._open_logs)

    def _enable_workspace_actions(self, enabled: bool) -> None:
        for name, action in self.actions_.items():
            if name not in ("open", "shortcuts"):
                action.setEnabled(enabled)
        if enabled and self.session and self.session.read_only:
            for name in ("undo", "redo", "delete_span", "flag", "note", "schema", "import"):
                self.actions_[name].setEnabled(False)

    # --- projects -----------------------------------------------------------------------------------

    def choose_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Open a medlabel project folder"))
        if folder:
            self.open_project(Path(folder))

    def open_project(self, root: Path) -> bool:
        """Open ``root`` for writing, or read-only (with a banner) when another window holds it."""
        try:
            try:
                project = open_project(root)
            except ProjectLockedError:
                project = open_project(root, read_only=True)
        except Exception as exc:  # shown in plain words; the welcome screen stays
            errors.show_error(self, exc)
            return False
        annotator = settings.annotator() or (ensure_annotator(self) if not project.read_only else "")
        if not project.read_only and not annotator:
            project.close()
            return False
        self.close_project()
        settings.add_recent_project(root)
        self._show(project, annotator)
        return True

    def _show(self, project: Project, annotator: str) -> None:
        self.session = Session(project, annotator, self)
        self.session.error.connect(lambda exc: errors.show_error(self, exc))
        self.workspace = Workspace(self.session)
        self.workspace.title_changed.connect(self.setWindowTitle)
        self.workspace.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.workspace._update_title()
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self._enable_workspace_actions(True)
        ids = document_ids(project)
        last = settings.last_document(project.root)
        start = last if last in set(ids) else (ids[0] if ids else None)
        if start is not None:
            self.workspace.go(start, "")
        self.workspace.focus_text()

    def close_project(self) -> None:
        if self.workspace is not None:
            self.workspace.shutdown()
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
        if self.session is not None:
            self.session.project.close()
            self.session.deleteLater()
            self.session = None
        self._enable_workspace_actions(False)
        self.welcome.refresh()
        self.stack.setCurrentWidget(self.welcome)
        self.setWindowTitle("medlabel")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_project()
        super().closeEvent(event)

    # --- dialogs ------------------------------------------------------------------------------------

    def edit_schema(self) -> None:
        from medlabel.gui.schema_editor import SchemaEditorDialog

        if self.session is not None:
            SchemaEditorDialog(self.session, self).exec()

    def import_reports(self) -> None:
        from medlabel.gui.import_wizard import ImportWizard

        if self.session is None:
            return
        wizard = ImportWizard(project=self.session.project, parent=self)
        if wizard.exec() and self.workspace is not None:
            self.session.reload_schema()
            self.workspace.doc_list.reload()

    def show_shortcuts(self) -> None:
        from medlabel.gui.shortcut_sheet import ShortcutSheet

        ShortcutSheet(actions.sheet_entries(), self).exec()

    def _open_logs(self) -> None:
        errors.log_dir().mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(errors.log_dir())))
