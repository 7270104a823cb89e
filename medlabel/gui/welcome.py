"""The first screen: recent projects, and the three ways to a project — from a file, the demo, or an
existing folder. It only finds or makes the project folder; opening it is the main window's job
(``project_chosen``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.demo.jobs import create_demo_job
from medlabel.core.demo.project import CORPORA
from medlabel.core.project import DB_NAME
from medlabel.gui import errors, settings
from medlabel.gui.i18n import tr
from medlabel.gui.workers import Worker, is_cancelled, progress_dialog


def corpus_descriptions() -> dict[str, str]:
    """What each demo corpus is, for the demo dialog (a corpus without one is listed by its name)."""
    return {
        "smoking": tr("Smoking status — English discharge summaries, one label per report"),
        "cardio": tr("Cardiac MRI — German reports, measurements marked as spans with values"),
        "dyspnea": tr(
            "Shortness of breath — English discharge summaries, principal diagnosis from the whole report"
        ),
    }


class DemoDialog(QDialog):
    """Which demo corpus, and where its project goes (a default folder per corpus)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoDialog")
        self.setWindowTitle(tr("Open a demo project"))
        intro = QLabel(
            tr(
                "A demo project holds synthetic reports (no real patients), part of them already labelled, "
                "so you can try labelling and training at once."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.corpus_group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        descriptions = corpus_descriptions()
        # The corpora core has, in its order: a description here never offers a corpus core lacks.
        for corpus in CORPORA:
            radio = QRadioButton(descriptions.get(corpus, corpus))
            radio.setObjectName(f"demo_{corpus}")
            self.radios[corpus] = radio
            self.corpus_group.addButton(radio)
            layout.addWidget(radio)
        self.radios[CORPORA[0]].setChecked(True)
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("demoFolder")
        choose = QPushButton(tr("Choose…"))
        choose.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Folder:")))
        row.addWidget(self.folder_edit, 1)
        row.addWidget(choose)
        layout.addLayout(row)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # The folder follows the corpus until the user types or picks one of their own.
        self._folder_is_default = True
        self.corpus_group.buttonToggled.connect(self._corpus_changed)
        self.folder_edit.textEdited.connect(self._folder_edited)
        self.folder_edit.textChanged.connect(self._update_hint)
        self._corpus_changed()

    def corpus(self) -> str:
        return next(c for c, radio in self.radios.items() if radio.isChecked())

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def _corpus_changed(self) -> None:
        if self._folder_is_default:
            self.folder_edit.setText(str(settings.default_demo_folder(self.corpus())))

    def _folder_edited(self) -> None:
        self._folder_is_default = False

    def _update_hint(self) -> None:
        text = self.folder_edit.text().strip()
        exists = bool(text) and (self.folder() / DB_NAME).is_file()
        self.hint.setText(tr("A project already exists there; it will be opened.") if exists else "")
        self.ok_button.setText(tr("Open") if exists else tr("Create"))
        self.ok_button.setEnabled(bool(text))

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("Choose the folder for the demo project"))
        if path:
            self._folder_is_default = False
            self.folder_edit.setText(path)


class WelcomeWidget(QWidget):
    """Shown while no project is open."""

    project_chosen = Signal(Path)  # a project folder exists and should be opened

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        # (documents, labelled, test) for new demo projects; tests make them small.
        self.demo_sizes: tuple[int, int, int] = (600, 400, 100)
        self.demo_worker: Worker | None = None
        self._wizard: QDialog | None = None

        title = QLabel("medlabel")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(
            tr(
                "Label medical reports quickly with the keyboard, and train models on your labels — "
                "all on this computer."
            )
        )
        subtitle.setWordWrap(True)

        recent_title = QLabel(tr("Recent projects"))
        bold = QFont(recent_title.font())
        bold.setBold(True)
        recent_title.setFont(bold)
        self.recent = QListWidget()
        self.recent.setObjectName("recentProjects")
        self.recent.setAlternatingRowColors(True)
        self.recent.setSpacing(2)
        self.recent.itemActivated.connect(self._activated)
        self.no_recent = QLabel(tr("No recent projects yet. Start from a file or try a demo project."))
        self.no_recent.setObjectName("noRecent")
        self.no_recent.setWordWrap(True)

        self.new_button = QPushButton(tr("New project from file…"))
        self.new_button.setObjectName("newFromFile")
        self.new_button.setToolTip(tr("Import reports from CSV, Excel, JSON lines, text files, i2b2 or brat"))
        self.new_button.clicked.connect(self.new_from_file)
        self.demo_button = QPushButton(tr("Open demo project…"))
        self.demo_button.setObjectName("openDemo")
        self.demo_button.clicked.connect(self.open_demo_dialog)
        self.open_button = QPushButton(tr("Open project…"))
        self.open_button.setObjectName("openProject")
        self.open_button.clicked.connect(self.choose_folder)
        buttons = QVBoxLayout()
        for button in (self.new_button, self.demo_button, self.open_button):
            button.setMinimumWidth(220)
            buttons.addWidget(button)
        buttons.addStretch(1)

        lists = QVBoxLayout()
        lists.addWidget(recent_title)
        lists.addWidget(self.recent, 1)
        lists.addWidget(self.no_recent)
        body = QHBoxLayout()
        body.addLayout(lists, 1)
        body.addSpacing(24)
        body.addLayout(buttons)

        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(subtitle)
        column.addSpacing(16)
        column.addLayout(body, 1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        self.refresh()

    # --- recent projects ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the recent projects (folders that no longer hold a project are left out)."""
        self.recent.clear()
        for root in settings.recent_projects():
            item = QListWidgetItem(f"{root.name}\n{root}")
            item.setData(Qt.ItemDataRole.UserRole, str(root))
            item.setToolTip(str(root))
            self.recent.addItem(item)
        has_recent = self.recent.count() > 0
        self.recent.setVisible(has_recent)
        self.no_recent.setVisible(not has_recent)
        if has_recent:
            self.recent.setCurrentRow(0)

    def _activated(self, item: QListWidgetItem) -> None:
        self.open_folder(Path(item.data(Qt.ItemDataRole.UserRole)))

    # --- open an existing folder --------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Open a medlabel project folder"))
        if folder:
            self.open_folder(Path(folder))

    def open_folder(self, root: Path) -> bool:
        """Emit ``project_chosen`` for a project folder; explain when ``root`` holds no project."""
        if (Path(root) / DB_NAME).is_file():
            self.project_chosen.emit(Path(root))
            return True
        errors.show_message(
            self,
            QMessageBox.Icon.Information,
            tr("Not a medlabel project"),
            tr(
                "{0} is not a medlabel project: it has no {1} in it.\n\nChoose the folder that holds {1}, "
                "or make a project with “New project from file…” or “Open demo project…”."
            ).format(root, DB_NAME),
            "notAProject",
        )
        return False

    # --- new project from a file --------------------------------------------------------------------

    def new_from_file(self) -> None:
        from medlabel.gui.import_wizard import ImportWizard

        wizard = ImportWizard(parent=self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.accepted.connect(lambda: self._imported(wizard.project_path()))
        wizard.finished.connect(self._wizard_closed)
        self._wizard = wizard
        wizard.open()

    def _wizard_closed(self) -> None:
        self._wizard = None

    def _imported(self, root: Path | None) -> None:
        if root is not None:
            self.project_chosen.emit(root)

    # --- demo ---------------------------------------------------------------------------------------

    def open_demo_dialog(self) -> None:
        dialog = DemoDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.create_demo(dialog.corpus(), dialog.folder()))
        dialog.open()

    def create_demo(self, corpus: str, root: Path) -> Worker | None:
        """Open the demo in ``root``, creating it first (in a worker, with progress) when needed."""
        root = Path(root).expanduser()
        if (root / DB_NAME).is_file():
            self.project_chosen.emit(root)
            return None
        if self.demo_worker is not None:
            return self.demo_worker  # one demo at a time; its progress dialog is already showing
        documents, labelled, test = self.demo_sizes
        worker = Worker(create_demo_job, root, corpus, documents, labelled, test, parent=self)
        worker.finished.connect(self._demo_created)
        worker.errored.connect(self._demo_failed)
        self.demo_worker = worker
        progress_dialog(
            worker,
            self,
            tr("Demo project"),
            tr("Creating the demo project with {0} synthetic reports…").format(documents),
        )
        return worker.start()

    def _demo_created(self, root: Path) -> None:
        self.demo_worker = None
        self.project_chosen.emit(root)

    def _demo_failed(self, exc: BaseException) -> None:
        self.demo_worker = None
        if not is_cancelled(exc):
            errors.show_error(self, exc)
