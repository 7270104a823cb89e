"""The import wizard: pick a file and a project folder, map a table's columns, see what the import
would do, settle the problems it found, and import all or nothing.

The steps are :mod:`medlabel.core.import_steps`, which the CLI's ``import`` command runs too: read the
file first (a file that cannot be read never leaves an empty project behind), check it against the
project (a read-only view of an existing one, an empty scratch one for a new folder), then create or
open the project and import in one transaction, removing a new project again if that fails. Reading,
checking and importing run in a worker thread; the pages only start them and show their results.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from medlabel.core.errors import MedlabelError
from medlabel.core.import_steps import (
    Preview,
    preview_table,
)
from medlabel.core.importing import (
    ImportReport,
)
from medlabel.core.io import READERS, _decoding, choose_columns, detect_format
from medlabel.core.io.column_guess import REASON_LONGEST_TEXT, REASON_UNIQUE_SHORT, ColumnGuess, guess_columns
from medlabel.core.project import DB_NAME, Project
from medlabel.core.records import ImportOptions
from medlabel.gui import settings
from medlabel.gui.i18n import tr
from medlabel.gui.import_check_page import CheckPage
from medlabel.gui.import_common import (
    PAGE_CHECK,
    PAGE_COLUMNS,
    PAGE_FILE,
    _error_label,
    _explain,
    _set_error,
)

TABULAR = ("csv", "tsv", "xlsx")


def format_names() -> dict[str, str]:
    return {
        "csv": tr("CSV table (.csv)"),
        "tsv": tr("Tab-separated table (.tsv)"),
        "xlsx": tr("Excel workbook (.xlsx)"),
        "jsonl": tr("JSON lines (.jsonl)"),
        "txt": tr("Folder of text files (.txt)"),
        "i2b2": tr("i2b2 XML (.xml)"),
        "labelstudio": tr("Label Studio export (.json)"),
        "brat": tr("brat folder (.txt + .ann)"),
    }


def _detect_format(path: Path) -> str:
    """The format by the file's name; a file whose ending says nothing but whose first bytes show an
    image, PDF or archive is refused as not text, rather than asking the user to pick a format for it."""
    try:
        return detect_format(path)
    except MedlabelError as exc:
        if exc.code != "import.unknown_ending" or not path.is_file():
            raise
        try:
            with path.open("rb") as fh:
                kind = _decoding.signature(fh.read(64))
        except OSError:
            kind = None  # the ending's message stands; reading the file will say what is wrong
        if kind is None:
            raise
        raise _decoding.not_text(path, kind) from None


# --- pages ------------------------------------------------------------------------------------------


class FilePage(QWizardPage):
    """The file (or folder) to import, its format, and the project folder."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(tr("Choose what to import"))
        self.setSubTitle(
            tr(
                "A table (CSV, TSV, Excel), JSON lines, a folder of .txt files, i2b2 XML, a Label Studio "
                "export or a brat folder. Nothing is changed before the last step."
            )
        )
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("importFile")
        choose_file = QPushButton(tr("Choose file…"))
        choose_file.clicked.connect(self._choose_file)
        choose_folder = QPushButton(tr("Choose folder…"))
        choose_folder.clicked.connect(self._choose_source_folder)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(choose_file)
        file_row.addWidget(choose_folder)

        self.format_combo = QComboBox()
        self.format_combo.setObjectName("importFormat")
        self.format_combo.addItem(tr("Detect from the file name"), None)
        for fmt, name in format_names().items():
            self.format_combo.addItem(name, fmt)
        self.format_hint = QLabel()

        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("projectFolder")
        choose_project = QPushButton(tr("Choose…"))
        choose_project.clicked.connect(self._choose_project_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose_project)
        self.target_hint = QLabel()
        self.target_hint.setWordWrap(True)
        self.error_label = _error_label()

        form = QFormLayout()
        form.addRow(tr("File or folder:"), file_row)
        form.addRow(tr("Format:"), self.format_combo)
        form.addRow("", self.format_hint)
        project = wizard.project
        if project is None:
            form.addRow(tr("New project folder:"), folder_row)
        else:
            self.target_hint.setText(
                tr("The reports are added to the open project {0}.").format(project.name)
            )
            for w in (self.folder_edit, choose_project):
                w.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.target_hint)
        layout.addStretch(1)
        layout.addWidget(self.error_label)

        for edit in (self.file_edit, self.folder_edit):
            edit.textChanged.connect(self._inputs_changed)
        self.format_combo.currentIndexChanged.connect(self._inputs_changed)

    def source(self) -> Path | None:
        text = self.file_edit.text().strip()
        return Path(text).expanduser() if text else None

    def folder(self) -> Path | None:
        text = self.folder_edit.text().strip()
        return Path(text).expanduser() if text else None

    def chosen_format(self) -> str | None:
        """The format picked in the list, else the one the file's name says; None if neither."""
        fmt = self.format_combo.currentData()
        if fmt:
            return fmt
        path = self.source()
        if path is None or not path.exists():
            return None
        try:
            return detect_format(path)
        except MedlabelError:
            return None

    def _inputs_changed(self) -> None:
        _set_error(self.error_label, "")
        detected = None if self.format_combo.currentData() else self.chosen_format()
        self.format_hint.setText(tr("Detected: {0}").format(format_names()[detected]) if detected else "")
        folder = self.folder()
        if self._wizard.project is None:
            self.target_hint.setText(
                tr("This folder already holds a project; the reports will be added to it.")
                if folder is not None and (folder / DB_NAME).exists()
                else ""
            )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.source() is not None and (self._wizard.project is not None or self.folder() is not None)

    def nextId(self) -> int:
        return PAGE_COLUMNS if self.chosen_format() in TABULAR else PAGE_CHECK

    def validatePage(self) -> bool:
        message = self._validate()
        _set_error(self.error_label, message)
        return not message

    def _validate(self) -> str:
        path = self.source()
        if path is None:
            return tr("Choose the file or folder to import.")
        if not path.exists():
            return tr("{0} does not exist.").format(path)
        wizard = self._wizard
        if wizard.project is None:
            folder = self.folder()
            if folder is None:
                return tr("Choose a folder for the new project.")
            if folder.exists() and not folder.is_dir():
                return tr("{0} is a file, not a folder; choose a folder for the project.").format(folder)
            wizard.root = folder.resolve()
        try:
            fmt = self.format_combo.currentData() or _detect_format(path)
            if fmt not in READERS:  # only a format added to the list but not to core gets here
                return tr("medlabel cannot import the format {0}; choose another.").format(fmt)
            preview = None
            if fmt in TABULAR:
                QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                try:
                    preview = preview_table(path, fmt)
                finally:
                    QGuiApplication.restoreOverrideCursor()
        except Exception as exc:
            return _explain(exc)
        wizard.source, wizard.fmt, wizard.preview = path, fmt, preview
        return ""

    def _choose_file(self) -> None:
        filters = ";;".join(
            [
                tr("Reports (*.csv *.tsv *.tab *.xlsx *.xlsm *.jsonl *.ndjson *.xml *.json *.txt)"),
                tr("All files (*)"),
            ]
        )
        path, _ = QFileDialog.getOpenFileName(self, tr("Choose the file to import"), "", filters)
        if path:
            self._set_source(Path(path))

    def _choose_source_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("Choose a folder of .txt files or a brat folder"))
        if path:
            self._set_source(Path(path))

    def _set_source(self, path: Path) -> None:
        self.file_edit.setText(str(path))
        if not self.folder_edit.text().strip() and self._wizard.project is None:
            # A sensible default next to the file; the user may change it.
            self.folder_edit.setText(str(path.parent / f"{path.stem or path.name}-project"))

    def _choose_project_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("Choose the folder for the new project"))
        if path:
            self.folder_edit.setText(path)


class ColumnsPage(QWizardPage):
    """The first rows of a table, and which column holds the text, the id and a label.

    The choice made last time for a file with the same header comes first; otherwise the columns'
    names decide, and where they do not, the preview's content (:mod:`medlabel.core.io.column_guess`).
    The page says which of these proposed the columns.
    """

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(tr("Which column holds what?"))
        self.setSubTitle(
            tr(
                "Choose the column with the report text; the id and a label column are optional. Columns "
                "named label or label:<set>, spans and split are recognised by name; all others are kept "
                "as extra information about each report."
            )
        )
        self.table = QTableWidget()
        self.table.setObjectName("importPreview")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.text_combo = QComboBox()
        self.text_combo.setObjectName("textColumn")
        self.id_combo = QComboBox()
        self.id_combo.setObjectName("idColumn")
        self.label_combo = QComboBox()
        self.label_combo.setObjectName("labelColumn")
        self.label_set_edit = QLineEdit("label")
        self.label_set_edit.setObjectName("labelSetName")
        self.guess_label = QLabel()
        self.guess_label.setObjectName("columnGuess")
        self.guess_label.setWordWrap(True)
        self._guess = ColumnGuess()
        self._remembered: dict[str, str | None] | None = None  # the columns taken over from last time
        self.error_label = _error_label()
        form = QFormLayout()
        form.addRow(tr("Report text:"), self.text_combo)
        form.addRow(tr("Document id:"), self.id_combo)
        form.addRow(tr("Label column:"), self.label_combo)
        form.addRow(tr("Label set name:"), self.label_set_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.guess_label)
        layout.addWidget(self.error_label)
        for combo in (self.text_combo, self.id_combo, self.label_combo):
            combo.currentIndexChanged.connect(self._changed)
        self.label_combo.currentIndexChanged.connect(self._suggest_label_set)
        self.label_set_edit.textChanged.connect(self._changed)

    def initializePage(self) -> None:
        preview = self._wizard.preview
        columns = preview.columns if preview else []
        rows = preview.rows if preview else []
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(columns)
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells[: len(columns)]):
                shown = value.replace("\r", " ").replace("\n", " ⏎ ")
                item = QTableWidgetItem(shown[:200] + ("…" if len(shown) > 200 else ""))
                item.setToolTip(value[:2000])
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        for c in range(len(columns)):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 320))
        try:
            auto = choose_columns(columns, ImportOptions(), self._wizard.source or "")
        except MedlabelError:
            auto = None  # no column looks like the text: the user must choose one
        for combo in (self.text_combo, self.id_combo, self.label_combo):
            combo.blockSignals(True)
            combo.clear()
        self.text_combo.addItem(tr("— choose —"), None)
        self.id_combo.addItem(tr("(none: number the reports)"), None)
        self.label_combo.addItem(tr("(none)"), None)
        for column in columns:
            for combo in (self.text_combo, self.id_combo, self.label_combo):
                combo.addItem(column, column)
        self._guess = guess_columns(columns, rows)
        text = auto.text if auto is not None else self._guess.text
        id_col = auto.id if auto is not None and auto.id else self._guess.id
        self._select(self.text_combo, text)
        self._select(self.id_combo, None if id_col == text else id_col)
        if auto is not None:
            self._select(self.label_combo, next(iter(auto.labels), None))
            if auto.labels:
                self.label_set_edit.setText(next(iter(auto.labels.values())))
        self._remembered = self._chosen() if self._apply_remembered(columns) else None
        for combo in (self.text_combo, self.id_combo, self.label_combo):
            combo.blockSignals(False)
        self._changed()

    def _apply_remembered(self, columns: list[str]) -> bool:
        """Select the columns chosen last time for this header; True if any choice was taken over."""
        mapping = settings.column_mapping(columns)
        if not mapping:
            return False
        used = False
        # A remembered column the file no longer has is ignored; None was the user's "no column".
        for key, combo in (("text", self.text_combo), ("id", self.id_combo), ("label", self.label_combo)):
            if key not in mapping:
                continue
            column = mapping[key]
            if (column is None and key != "text") or column in columns:
                self._select(combo, column)
                used = True
        label_set = mapping.get("label_set")
        if self.label_combo.currentData() and isinstance(label_set, str) and label_set.strip():
            self.label_set_edit.setText(label_set)
        return used

    def mapping(self) -> dict[str, str | None]:
        """The chosen columns as remembered for the next file with the same header."""
        label = self.label_combo.currentData()
        return {
            "text": self.text_combo.currentData(),
            "id": self.id_combo.currentData(),
            "label": label,
            "label_set": self.label_set_edit.text().strip() if label else None,
        }

    def _chosen(self) -> dict[str, str | None]:
        return {"text": self.text_combo.currentData(), "id": self.id_combo.currentData(),
                "label": self.label_combo.currentData()}  # fmt: skip

    def _explanation(self) -> str:
        """Why the columns shown were proposed, as long as the user keeps them."""
        if self._remembered is not None and self._remembered == self._chosen():
            return tr("Using the columns you chose last time for a file with these columns.")
        guess, lines = self._guess, []
        if guess.text_reason == REASON_LONGEST_TEXT and self.text_combo.currentData() == guess.text:
            lines.append(tr("Guessed: '{0}' holds the longest texts.").format(guess.text))
        if guess.id_reason == REASON_UNIQUE_SHORT and self.id_combo.currentData() == guess.id:
            lines.append(tr("Guessed: '{0}' has a short, different value in every row.").format(guess.id))
        return "\n".join(lines)

    @staticmethod
    def _select(combo: QComboBox, column: str | None) -> None:
        combo.setCurrentIndex(max(combo.findData(column), 0) if column else 0)

    def _suggest_label_set(self) -> None:
        column = self.label_combo.currentData()
        if column:
            name = column.strip()
            if name.lower() == "label":
                name = "label"
            elif name.lower().startswith("label:"):
                name = name[len("label:") :].strip()
            self.label_set_edit.setText(name)

    def _problem(self) -> str:
        text, id_col, label = (c.currentData() for c in (self.text_combo, self.id_combo, self.label_combo))
        if not text:
            return tr("Choose the column that holds the report text.")
        if id_col == text or label == text:
            return tr("The report text needs its own column; choose a different id or label column.")
        if label and not self.label_set_edit.text().strip():
            return tr("Give the label set a name (for example the question the label answers).")
        return ""

    def _changed(self) -> None:
        self.label_set_edit.setEnabled(self.label_combo.currentData() is not None)
        explanation = self._explanation()
        self.guess_label.setText(explanation)
        self.guess_label.setVisible(bool(explanation))
        _set_error(self.error_label, self._problem())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._problem()

    def validatePage(self) -> bool:
        # QWizard.next() does not ask isComplete(); a disabled Next button alone is not enough.
        _set_error(self.error_label, self._problem())
        return self.isComplete()

    def options(self) -> ImportOptions:
        label = self.label_combo.currentData()
        return ImportOptions(
            format=self._wizard.fmt,
            text_column=self.text_combo.currentData(),
            id_column=self.id_combo.currentData(),
            label_columns={label: self.label_set_edit.text().strip()} if label else {},
            explicit_columns=True,
        )


class ImportWizard(QWizard):
    """Import a file into a new project folder, or into ``project`` when one is open."""

    def __init__(self, project: Project | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(tr("Import reports") if project is not None else tr("New project from a file"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Import"))
        self.project = project
        self.root: Path | None = project.root if project is not None else None
        self.source: Path | None = None
        self.fmt: str | None = None
        self.preview: Preview | None = None
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.check_page = CheckPage(self)
        self.setPage(PAGE_FILE, self.file_page)
        self.setPage(PAGE_COLUMNS, self.columns_page)
        self.setPage(PAGE_CHECK, self.check_page)
        self.resize(820, 620)
        self.accepted.connect(self._remember_columns)

    def options(self) -> ImportOptions:
        """How to read the file: the column mapping for a table, the format otherwise."""
        if self.fmt in TABULAR:
            return self.columns_page.options()
        return ImportOptions(format=self.fmt)

    def _remember_columns(self) -> None:
        # Only after an import that succeeded: a mapping that failed is not worth proposing again.
        if self.fmt in TABULAR and self.preview is not None and self.check_page.report is not None:
            settings.set_column_mapping(self.preview.columns, self.columns_page.mapping())

    def target(self) -> Project | Path:
        if self.project is not None:
            return self.project
        assert self.root is not None  # the file page sets it before leaving
        return self.root

    def project_path(self) -> Path | None:
        """The project folder the reports went into, once the import has succeeded."""
        return self.root if self.check_page.report is not None else None

    def report(self) -> ImportReport | None:
        return self.check_page.report

    def reject(self) -> None:
        # The import is one transaction that cannot be stopped halfway; it ends in a moment.
        if self.check_page.is_importing():
            return
        self.check_page.cleanupPage()
        super().reject()
