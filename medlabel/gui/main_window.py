"""The main window: the welcome screen or the workspace, the menus, the title. It only wires."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QStackedWidget, QTabWidget

from medlabel.core.documents import document_ids
from medlabel.core.errors import DamagedProjectError, ProjectLockedError, ProjectNotWritableError
from medlabel.core.project import Project, open_project
from medlabel.core.run_results import close_interrupted_runs
from medlabel.gui import actions, errors, settings
from medlabel.gui.annotator_dialog import ensure_annotator
from medlabel.gui.backup_timer import BackupTimer
from medlabel.gui.i18n import tr
from medlabel.gui.review.page import ReviewPage
from medlabel.gui.session import Session
from medlabel.gui.train.page import TrainPage
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
        self.backups: BackupTimer | None = None
        self.train_page: TrainPage | None = None
        self.review_page: ReviewPage | None = None
        self.tabs: QTabWidget | None = None
        self.stack = QStackedWidget()
        self.welcome = WelcomeWidget()
        self.welcome.project_chosen.connect(self.open_project)
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self.actions_ = actions.build_actions(self, self._slots())
        self.actions_["uncertain_first"].setCheckable(True)
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
            "accept_suggestion": ws("accept_suggestion"),
            "uncertain_first": lambda: (
                self.workspace
                and self.workspace.set_uncertain_first(self.actions_["uncertain_first"].isChecked())
            ),
            "accept_spans": ws("accept_suggested_spans"),
            "undo": lambda: self.session and self.session.undo_stack.undo(),
            "redo": lambda: self.session and self.session.undo_stack.redo(),
            "schema": self.edit_schema,
            "import": self.import_reports,
            "open": self.choose_project,
            "close": lambda: self.confirm_stop_run() and self.close_project(),
            "restore": self.restore_backup,
            "shortcuts": self.show_shortcuts,
        }

    def _menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        groups = [
            (tr("&Project"), ["open", "import", "schema", None, "restore", None, "close"]),
            (
                tr("&Edit"),
                [
                    "undo",
                    "redo",
                    None,
                    "delete_span",
                    "next_span",
                    "flag",
                    "note",
                    "next_label_set",
                    None,
                    "accept_suggestion",
                    "accept_spans",
                ],
            ),
            (
                tr("&Go"),
                [
                    "next",
                    "previous",
                    "next_unlabelled",
                    "accept",
                    "uncertain_first",
                    None,
                    "find",
                    "focus_text",
                ],
            ),
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
            for name in ("undo", "redo", "delete_span", "flag", "note", "schema", "import", "restore",
                         "accept_suggestion", "accept_spans"):  # fmt: skip
                self.actions_[name].setEnabled(False)

    # --- projects -----------------------------------------------------------------------------------

    def choose_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Open a medlabel project folder"))
        if folder:
            self.open_project(Path(folder))

    def open_project(self, root: Path) -> bool:
        """Open ``root`` for writing, or read-only (with a banner saying why) when another window holds it
        or the folder may not be changed; a damaged project offers its backups."""
        read_only_reason = ""
        try:
            try:
                # The backup of what was opened is made in the background (see _show): on a large
                # project, copying the file would hold up the first screen by a second.
                project = open_project(root, backup=False)
            except ProjectLockedError:
                project = open_project(root, read_only=True)
                read_only_reason = "locked"
            except ProjectNotWritableError:
                project = open_project(root, read_only=True)
                read_only_reason = "permissions"
        except DamagedProjectError as exc:
            return self._offer_restore(root, exc)
        except Exception as exc:  # shown in plain words; the welcome screen stays
            errors.show_error(self, exc)
            return False
        annotator = settings.annotator() or (ensure_annotator(self) if not project.read_only else "")
        if not project.read_only and not annotator:
            project.close()
            return False
        if not self.confirm_stop_run():
            project.close()
            return False
        self.close_project()
        settings.add_recent_project(root)
        self._show(project, annotator, read_only_reason)
        return True

    def _offer_restore(self, root: Path, exc: DamagedProjectError) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, tr("The project is damaged"), "", parent=self)
        box.setObjectName("damagedProject")
        box.setText(
            tr("The database of the project in {0} is damaged, so medlabel has not changed anything in "
               "it.\n\nBring back one of its backups now? The damaged file is kept in the project's "
               "backups folder.").format(Path(root))
        )  # fmt: skip
        box.setDetailedText(exc.problem)  # SQLite's own words, for whoever looks into it
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False
        return self._restore_and_reopen(root)

    def restore_backup(self) -> None:
        """Project → Restore from a backup: close the project here, restore, open it again."""
        if self.session is None or self.session.read_only or not self.confirm_stop_run():
            return
        self._restore_and_reopen(self.session.project.root)

    def _restore_and_reopen(self, root: Path) -> bool:
        from medlabel.gui.restore_dialog import RestoreDialog, backup_label

        was_open = self.session is not None and self.session.project.root == Path(root).resolve()
        if was_open:
            self.close_project()
        dialog = RestoreDialog(root, self)
        restored = bool(dialog.exec()) and dialog.restored is not None
        if restored:
            self.statusBar().showMessage(
                tr("Restored the backup of {0}").format(backup_label(dialog.restored.restored))
            )
        if restored or was_open:
            return self.open_project(Path(root))
        return False

    def _show(self, project: Project, annotator: str, read_only_reason: str = "") -> None:
        self.session = Session(project, annotator, self)
        self.session.read_only_reason = read_only_reason
        self.session.error.connect(lambda exc: errors.show_error(self, exc))
        self.workspace = Workspace(self.session)
        self.workspace.title_changed.connect(self.setWindowTitle)
        self.workspace.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.workspace._update_title()
        if not project.read_only:
            # Runs whose process is gone (the app or the machine went down) are recorded as failed.
            close_interrupted_runs(project)
        self.train_page = TrainPage(project, project.read_only)
        self.train_page.status_message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.session.schema_changed.connect(self.train_page.reload)
        self.train_page.predictions_stored.connect(self._suggestions_arrived)
        self.review_page = ReviewPage(project, annotator)
        self._wire_review(self.review_page, self.train_page)
        self.tabs = QTabWidget(objectName="pages")
        self.tabs.addTab(self.workspace, tr("Annotate"))
        self.tabs.addTab(self.train_page, tr("Train"))
        self.tabs.addTab(self.review_page, tr("Review"))
        self.tabs.currentChanged.connect(self._page_changed)
        self.stack.addWidget(self.tabs)
        self.stack.setCurrentWidget(self.tabs)
        self._enable_workspace_actions(True)
        ids = document_ids(project)
        last = settings.last_document(project.root)
        start = last if last in set(ids) else (ids[0] if ids else None)
        if start is not None:
            self.workspace.go(start, "")
        self.workspace.focus_text()
        if not project.read_only:
            self.backups = BackupTimer(project.root, self)
            self.backups.failed.connect(
                lambda exc: self.statusBar().showMessage(errors.describe(exc)[1], 15000)
            )
            self.backups.run_now()

    def _wire_review(self, review: ReviewPage, train: TrainPage) -> None:
        review.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        review.open_document.connect(self.annotate_document)
        review.gold_changed.connect(lambda: self._suggestions_arrived(0))
        review.curve_requested.connect(self.start_curve)
        train.run_ended.connect(
            lambda run_id, _status: review.reload(run_id if _status == "completed" else None)
        )
        train.curve_state.connect(review.curve.set_state)
        train.run_ended.connect(lambda *_: review.curve.reload())

    def annotate_document(self, doc_id: int) -> None:
        """From the Review page: fix a report's gold in Annotate."""
        if self.tabs is not None and self.workspace is not None:
            self.tabs.setCurrentWidget(self.workspace)
            self.workspace.go(doc_id, "")
            self.workspace.focus_text()

    def start_curve(self) -> None:
        if self.train_page is not None and self.tabs is not None and self.train_page.start_curve():
            self.tabs.setCurrentWidget(self.train_page)

    def close_project(self) -> None:
        if self.backups is not None:
            self.backups.stop()
            self.backups.deleteLater()
            self.backups = None
        if self.review_page is not None:
            self.review_page.shutdown()
            self.review_page = None
        if self.train_page is not None:
            self.train_page.shutdown()
            self.train_page = None
        if self.workspace is not None:
            self.workspace.shutdown()
            self.workspace = None
        if self.tabs is not None:
            self.stack.removeWidget(self.tabs)
            self.tabs.deleteLater()
            self.tabs = None
        if self.session is not None:
            self.session.project.close()
            self.session.deleteLater()
            self.session = None
        self._enable_workspace_actions(False)
        self.welcome.refresh()
        self.stack.setCurrentWidget(self.welcome)
        self.setWindowTitle("medlabel")

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_stop_run():
            event.ignore()
            return
        self.close_project()
        super().closeEvent(event)

    def confirm_stop_run(self) -> bool:
        """While a run trains, ask before closing: closing cancels it."""
        if self.train_page is None or not self.train_page.is_running():
            return True
        answer = QMessageBox.question(
            self,
            tr("A run is in progress"),
            tr(
                "A training run is in progress. Closing cancels it; it is recorded as cancelled. "
                "Close anyway?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _suggestions_arrived(self, _run_id: int) -> None:
        if self.workspace is not None:
            self.workspace.show_new_predictions()

    def _page_changed(self, index: int) -> None:
        # Labels changed on the Annotate page show in the counts when the Train page is opened.
        if self.tabs is not None and self.tabs.widget(index) is self.train_page and self.train_page:
            self.train_page.setup.reload_overview()
            self.train_page.update_state()

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
