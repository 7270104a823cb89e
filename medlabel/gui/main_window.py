"""The main window: the welcome screen or the workspace, the menus, the title. It only wires."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication, QShowEvent
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

# The window takes this share of the screen, up to MAX_SIZE; on a screen of MIN_SIZE or less, all of it.
SCREEN_SHARE = 0.9
MAX_SIZE = QSize(1600, 1000)
MIN_SIZE = QSize(1280, 720)
GEOMETRY_KEY = "window/geometry"


def initial_geometry(available: QRect) -> QRect:
    """Where the window opens on a screen with ``available`` room: a share of it, centred, never larger
    than the screen, the whole screen when that is small (so a 1280 × 720 laptop gets all of it)."""

    def side(room: int, least: int, most: int) -> int:
        return min(room, most, max(int(room * SCREEN_SHARE), least))

    size = QSize(
        side(available.width(), MIN_SIZE.width(), MAX_SIZE.width()),
        side(available.height(), MIN_SIZE.height(), MAX_SIZE.height()),
    )
    rect = QRect(available.topLeft(), size)
    rect.moveCenter(available.center())
    return rect


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("medlabel")
        self._placed: QSize | None = None  # the size chosen from the screen, until it is fitted once
        self._place()
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
            "splits": self.edit_splits,
            "import": self.import_reports,
            "export": self.export_reports,
            "quit": self.close,
            "open": self.choose_project,
            "close": lambda: self.confirm_stop_run() and self.close_project(),
            "restore": self.restore_backup,
            "shortcuts": self.show_shortcuts,
        }

    def _menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        groups = [
            (tr("&File"), ["open", "import", "export", None, "close", None, "quit"]),
            (tr("&Project"), ["schema", "splits", None, "restore"]),
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
            (tr("&View"), []),
            (tr("&Help"), ["shortcuts"]),
        ]
        for title, names in groups:
            menu = bar.addMenu(title)
            if title == tr("&View"):
                # Filled with the open project's view switches (the report's fixed-width font).
                self.view_menu = menu
                menu.menuAction().setVisible(False)
            for name in names:
                menu.addSeparator() if name is None else menu.addAction(a[name])
            if title == tr("&Help"):
                menu.addAction(tr("User guide"), self.show_guide).setObjectName("userGuide")
                menu.addAction(tr("Open the log folder"), self._open_logs)

    def _enable_workspace_actions(self, enabled: bool) -> None:
        for name, action in self.actions_.items():
            if name not in ("open", "shortcuts", "quit"):
                action.setEnabled(enabled)
        if enabled and self.session and self.session.read_only:
            # Export and the split dialog stay: they read the project (the dialog then only shows).
            for name in ("undo", "redo", "delete_span", "flag", "note", "schema", "import", "restore",
                         "accept_suggestion", "accept_spans"):  # fmt: skip
                self.actions_[name].setEnabled(False)

    # --- the window's place -------------------------------------------------------------------------

    def _place(self) -> None:
        """The size and place the user left the window in, else one that follows the screen."""
        saved = settings.app_settings().value(GEOMETRY_KEY)
        if saved is not None and self.restoreGeometry(saved):
            return
        screen = self.screen() or QGuiApplication.primaryScreen()
        rect = initial_geometry(screen.availableGeometry())
        self.resize(rect.size())
        self.move(rect.topLeft())
        self._placed = rect.size()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        placed, self._placed = self._placed, None
        # Only the size chosen here is fitted: one set by the caller before showing (a screenshot's) stays.
        if placed is not None and placed == self.size():
            # The title bar and border are known only once shown (a window manager adds them later).
            QTimer.singleShot(0, self, self._fit_frame)

    def _fit_frame(self) -> None:
        """Shrink and move the window so that its frame, not only its inside, lies on the screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room, frame = screen.availableGeometry(), self.frameGeometry()
        if self.isMaximized() or self.isFullScreen() or room.contains(frame):
            return
        extra = frame.size() - self.size()
        self.resize(
            min(self.width(), room.width() - extra.width()),
            min(self.height(), room.height() - extra.height()),
        )
        frame = self.frameGeometry()
        self.move(
            min(max(frame.x(), room.x()), room.right() + 1 - frame.width()),
            min(max(frame.y(), room.y()), room.bottom() + 1 - frame.height()),
        )

    def _save_place(self) -> None:
        settings.app_settings().setValue(GEOMETRY_KEY, self.saveGeometry())

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
        self.view_menu.addAction(self.workspace.fixed_width_action)
        self.view_menu.menuAction().setVisible(True)
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
        self.view_menu.clear()
        self.view_menu.menuAction().setVisible(False)
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
        # File → Quit comes here too: one way out, which asks while a run trains.
        if not self.confirm_stop_run():
            event.ignore()
            return
        self._save_place()
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

    def export_reports(self) -> None:
        from medlabel.gui.export_dialog import ExportDialog, exported_message

        if self.session is None:
            return
        dialog = ExportDialog(self.session.project, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(
            lambda count, path: self.statusBar().showMessage(exported_message(count, path), 15000)
        )
        dialog.open()

    def selected_documents(self) -> list[int]:
        """The reports selected in the report list; the open report when none is."""
        if self.workspace is None or self.session is None:
            return []
        doc_list = self.workspace.doc_list
        rows = doc_list.view.selectionModel().selectedRows() if doc_list.view.selectionModel() else []
        ids = [i for i in (doc_list.model.doc_id_at(r.row()) for r in rows) if i is not None]
        current = self.session.doc_id
        return ids or ([current] if current is not None else [])

    def edit_splits(self) -> None:
        from medlabel.gui.split_dialog import SplitDialog

        if self.session is None:
            return
        dialog = SplitDialog(self.session.project, self.session.annotator, self.selected_documents(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.splits_changed.connect(self._splits_changed)
        dialog.open()

    def _splits_changed(self) -> None:
        # The split column of the list, the Train page's counts and the open report's header follow.
        if self.workspace is not None:
            self.workspace.doc_list.reload()
            doc_id = self.session.doc_id if self.session is not None else None
            if self.session is not None and doc_id is not None:
                # The session keeps the open report as read; forget it so that it is read again.
                self.session.document = None
                self.session.open_document(doc_id)
        if self.train_page is not None:
            self.train_page.setup.reload_overview()
            self.train_page.update_state()

    def show_shortcuts(self) -> None:
        from medlabel.gui.shortcut_sheet import ShortcutSheet

        ShortcutSheet(actions.sheet_entries(), self).exec()

    def show_guide(self) -> None:
        from medlabel.gui.guide_dialog import GuideDialog

        self.guide = GuideDialog(self)
        self.guide.show()

    def _open_logs(self) -> QMessageBox | None:
        """Show the log folder in the file manager; where there is none, say where the folder is."""
        folder = errors.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return None
        return errors.show_message(
            self,
            QMessageBox.Icon.Information,
            tr("The log folder"),
            tr("No file manager could be opened. medlabel's log is in this folder:\n\n{0}").format(folder),
            "logFolder",
            selectable=True,
        )
