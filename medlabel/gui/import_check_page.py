"""The import wizard's last page: what the import would do, the choice about its problems, the import."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QLabel,
    QProgressBar,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from medlabel.core.import_steps import (
    CheckResult,
    check_job,
    import_job,
    policy_for,
)
from medlabel.core.importing import (
    PROBLEM_KINDS,
    Choice,
    ImportPolicy,
    ImportReport,
)
from medlabel.gui.i18n import tr
from medlabel.gui.import_common import (
    IMPORT_ANNOTATOR,
    _error_label,
    _explain,
    _set_error,
)
from medlabel.gui.messages import problem_kinds
from medlabel.gui.workers import Worker, is_cancelled

if TYPE_CHECKING:
    from medlabel.gui.import_wizard import ImportWizard


class CheckPage(QWizardPage):
    """What the import would do, the problems found, and the user's choice about them."""

    checked = Signal()  # a check ended (with a report or an error)

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(tr("Check before importing"))
        self.setSubTitle(tr("Nothing has been changed yet. The import stores everything below or nothing."))
        self.status = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QTreeWidget()
        self.problems.setObjectName("importProblems")
        self.problems.setHeaderLabels([tr("Problem"), tr("If skipped")])
        self.problems.setColumnWidth(0, 420)

        self.choice_box = QGroupBox(tr("What should happen with these problems?"))
        self.choice_group = QButtonGroup(self)
        self.radios: dict[Choice, QRadioButton] = {}
        box_layout = QVBoxLayout(self.choice_box)
        for choice, text, name in (
            (Choice.SKIP, tr("Skip them: import everything else"), "choiceSkip"),
            (Choice.ADD, tr("Add the unknown labels to the label set; skip the other problems"), "choiceAdd"),
            (Choice.ABORT, tr("Import nothing: I will correct the file first"), "choiceAbort"),
        ):
            radio = QRadioButton(text)
            radio.setObjectName(name)
            self.radios[choice] = radio
            self.choice_group.addButton(radio)
            box_layout.addWidget(radio)
            radio.setProperty("choice", choice.value)
            radio.toggled.connect(self._radio_toggled)
        self.error_label = _error_label()

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.choice_box)
        layout.addWidget(self.error_label)
        self._worker: Worker | None = None
        self._result: CheckResult | None = None
        self._choice: Choice | None = None
        self._importing = False
        self._imported = False
        self.report: ImportReport | None = None

    # --- checking -----------------------------------------------------------------------------------

    def initializePage(self) -> None:
        self._result, self._choice, self._imported, self.report = None, None, False, None
        self.choice_group.setExclusive(False)  # the only way to clear every radio of a group
        for radio in self.radios.values():
            radio.setChecked(False)
        self.choice_group.setExclusive(True)
        self.choice_box.hide()
        self.problems.clear()
        self.problems.hide()
        self.summary.clear()
        self._start_check(ImportPolicy())

    def cleanupPage(self) -> None:
        self._drop_worker()
        self._result = None

    def _drop_worker(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None and worker.is_running():
            # Its result is no longer wanted; it ends on its own (cancel stops it between steps).
            worker.finished.disconnect()
            worker.errored.disconnect()
            worker.cancel()

    def _start_check(self, policy: ImportPolicy) -> None:
        self._drop_worker()
        wizard = self._wizard
        _set_error(self.error_label, "")
        self._busy(tr("Reading and checking the file…"))
        self._worker = Worker(
            check_job, wizard.source, wizard.options(), wizard.target(), policy, parent=self
        )
        self._worker.finished.connect(self._check_done)
        self._worker.errored.connect(self._check_failed)
        self._worker.start()
        self.completeChanged.emit()

    def _busy(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.busy.setVisible(bool(text))

    def is_busy(self) -> bool:
        return self._worker is not None and self._worker.is_running()

    def _check_done(self, result: CheckResult) -> None:
        self._worker = None
        self._busy("")
        self._result = result
        self._show_report(result.report)
        if not result.report.documents_to_import:
            _set_error(self.error_label, tr("Nothing is left to import: every document has a problem."))
        self.completeChanged.emit()
        self.checked.emit()

    def _check_failed(self, exc: BaseException) -> None:
        self._worker = None
        self._busy("")
        self._result = None
        if not is_cancelled(exc):
            _set_error(self.error_label, _explain(exc))
        self.completeChanged.emit()
        self.checked.emit()

    def _show_report(self, report: ImportReport) -> None:
        wizard = self._wizard
        where = (
            tr("into the open project {0}").format(wizard.project.name)
            if wizard.project is not None
            else tr("into the project in {0}").format(wizard.root)
        )
        number = QLocale().toString
        # One count per phrase, so that each takes its own plural form in the catalogue.
        in_file = tr("{0} document(s) in the file", "", report.documents_in_file).format(
            number(report.documents_in_file)
        )
        labels = tr("{0} label(s)", "", report.labels_to_import).format(number(report.labels_to_import))
        spans = tr("{0} span(s)", "", report.spans_to_import).format(number(report.spans_to_import))
        lines = [
            tr("{0}; {1} will be imported {2}, with {3} and {4}.").format(
                in_file, number(report.documents_to_import), where, labels, spans
            )
        ]
        for name, labels in report.new_label_sets.items():
            lines.append(tr("New label set “{0}”: {1}").format(name, ", ".join(labels)))
        for name, labels in report.new_labels.items():
            lines.append(tr("Labels added to “{0}”: {1}").format(name, ", ".join(labels)))
        if report.new_entity_types:
            lines.append(tr("New entity types: {0}").format(", ".join(report.new_entity_types)))
        lines += [tr("Note: {0}").format(note) for note in report.notes]
        self.summary.setText("\n".join(lines))
        self.problems.clear()
        words = problem_kinds()
        for kind, problem in report.problems.items():
            meaning, _group, skip = PROBLEM_KINDS[kind]
            meaning, skip = words.get(kind, (meaning, skip))
            item = QTreeWidgetItem([tr("{0} × {1}").format(problem.count, meaning), skip])
            item.setData(0, Qt.ItemDataRole.UserRole, kind)
            for example in problem.examples:
                item.addChild(QTreeWidgetItem([tr("e.g. {0}").format(example)]))
            self.problems.addTopLevelItem(item)
        self.problems.expandAll()
        self.problems.setVisible(bool(report.problems))
        self.choice_box.setVisible(bool(report.problems))
        self.radios[Choice.ADD].setVisible("unknown_label" in report.problems)

    # --- the user's choice --------------------------------------------------------------------------

    def _radio_toggled(self, on: bool) -> None:
        radio = self.sender()
        if on and isinstance(radio, QRadioButton):
            self.choose(Choice(radio.property("choice")))

    def choose(self, choice: Choice) -> None:
        """Settle the problems found; skip/add re-check so the counts show what will be stored."""
        if not self.radios[choice].isChecked():
            self.radios[choice].setChecked(True)  # toggled calls back here
            return
        self._choice = choice
        if choice is Choice.ABORT:
            self._drop_worker()
            _set_error(
                self.error_label, tr("Nothing will be imported. Cancel, correct the file and import again.")
            )
            self.completeChanged.emit()
            return
        self._start_check(policy_for(choice))

    def policy(self) -> ImportPolicy | None:
        """The policy the import will use; None while the user has not settled the problems."""
        if self._result is not None and not self._result.report.problems:
            return ImportPolicy()
        return policy_for(self._choice) if self._choice is not None else None

    def isComplete(self) -> bool:
        if self._result is None or self.is_busy() or self._importing:
            return False
        if not self._result.report.documents_to_import:
            return False
        return not self._result.report.problems or self._choice in (Choice.SKIP, Choice.ADD)

    # --- importing ----------------------------------------------------------------------------------

    def validatePage(self) -> bool:
        # QWizard asks this page on Finish; the import runs in the worker and accepts the wizard when
        # it has succeeded, which asks again and gets True.
        if self._imported:
            return True
        if not self.isComplete():
            return False
        policy = self.policy()
        assert self._result is not None and policy is not None  # isComplete() says so
        self._importing = True
        self._busy(tr("Importing…"))
        _set_error(self.error_label, "")
        wizard = self._wizard
        self._worker = Worker(
            import_job, self._result.batch, policy, wizard.target(), IMPORT_ANNOTATOR, parent=self
        )
        self._worker.finished.connect(self._import_done)
        self._worker.errored.connect(self._import_failed)
        self._worker.start()
        self.completeChanged.emit()
        return False

    def is_importing(self) -> bool:
        return self._importing

    def _import_done(self, report: ImportReport) -> None:
        self._worker = None
        self._importing, self._imported, self.report = False, True, report
        self._busy("")
        self._wizard.accept()

    def _import_failed(self, exc: BaseException) -> None:
        self._worker = None
        self._importing = False
        self._busy("")
        _set_error(self.error_label, tr("Nothing was imported. {0}").format(_explain(exc)))
        self.completeChanged.emit()
