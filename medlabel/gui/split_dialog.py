"""Project → Training and test split…: each task's reports by label and split, freezing a stratified test
split, and moving the chosen reports between training and test after a warning.

Which reports belong to a task is the engine's rule (``medlabel.ml.data.task_examples``); choosing and
storing the split is :mod:`medlabel.core.splits`, the same function and seed the first training run uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.documents import external_ids, get_document
from medlabel.core.project import Project
from medlabel.core.splits import Member, freeze_test_split, move_to_split, split_counts
from medlabel.gui import errors
from medlabel.gui.doclist.model import split_names
from medlabel.gui.i18n import tr
from medlabel.ml.data import TEST_FRACTION, build_task, task_examples, task_names
from medlabel.ml.tasks import ENTITIES_TASK, DocExample, DocTask

MAX_NAMED = 5  # reports named in the warning before "and n more"


def task_members(project: Project, task_name: str) -> tuple[list[Member], list[str]]:
    """The annotated reports of a task as split members, and the strata in the order to show them."""
    task = build_task(project, task_name)
    annotated, _unlabelled, splits = task_examples(project, task)
    members = [
        Member(ex.doc_id, ex.label if isinstance(ex, DocExample) and ex.label else "all", splits[ex.doc_id])
        for ex in annotated
    ]
    order = list(task.labels) if isinstance(task, DocTask) else ["all"]
    order += [s for s in split_counts(members) if s not in order]
    return members, order


class SplitDialog(QDialog):
    """The split of each task; ``chosen`` are the reports the move buttons act on (the list's selection)."""

    splits_changed = Signal()

    def __init__(
        self,
        project: Project,
        annotator: str,
        chosen: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("splitDialog")
        self.setWindowTitle(tr("Training and test split"))
        self.project = project
        self.annotator = annotator
        self.chosen = list(dict.fromkeys(chosen))
        self.members: list[Member] = []
        writable = not project.read_only

        intro = QLabel(
            tr(
                "Runs are scored on the test split and never trained on it. It is frozen once per task: by "
                "the first training run, or here. A report's split holds for all tasks, and its labels are "
                "kept whichever split it is in."
            )
        )
        intro.setWordWrap(True)
        self.task_combo = QComboBox(objectName="splitTask")
        for name in task_names(project):
            self.task_combo.addItem(tr("Entities (marked spans)") if name == ENTITIES_TASK else name, name)
        self.summary = QLabel(objectName="splitSummary", wordWrap=True)
        self.table = QTableWidget(0, 4, objectName="splitTable")
        self.table.setHorizontalHeaderLabels([tr("Training"), tr("Test"), tr("No split"), tr("All")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.share = QSpinBox(objectName="splitShare", minimum=5, maximum=50, suffix=" %")
        self.share.setValue(round(TEST_FRACTION * 100))
        self.freeze_button = QPushButton(tr("Freeze a test split"), objectName="freezeSplit")
        self.freeze_button.clicked.connect(self.freeze)
        freeze_row = QHBoxLayout()
        freeze_row.addWidget(QLabel(tr("Share held back for testing:")))
        freeze_row.addWidget(self.share)
        freeze_row.addWidget(self.freeze_button)
        freeze_row.addStretch(1)

        move_box = QGroupBox(tr("Move reports"))
        self.chosen_label = QLabel(objectName="splitChosen", wordWrap=True)
        self.to_test = QPushButton(tr("Move to test"), objectName="moveToTest")
        self.to_train = QPushButton(tr("Move to training"), objectName="moveToTrain")
        self.to_test.clicked.connect(lambda: self.move("test"))
        self.to_train.clicked.connect(lambda: self.move("train"))
        move_row = QHBoxLayout()
        move_row.addWidget(self.to_test)
        move_row.addWidget(self.to_train)
        move_row.addStretch(1)
        move_layout = QVBoxLayout(move_box)
        move_layout.addWidget(self.chosen_label)
        move_layout.addLayout(move_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("Task:"), self.task_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(freeze_row)
        layout.addWidget(move_box)
        if not writable:
            layout.addWidget(QLabel(tr("The project is open read-only: the split can be seen, not changed.")))
        layout.addWidget(buttons)

        self._writable = writable
        self.task_combo.currentIndexChanged.connect(lambda _: self.reload())
        self.resize(620, 520)
        self.reload()

    # --- showing ------------------------------------------------------------------------------------

    def task(self) -> str | None:
        return self.task_combo.currentData()

    def reload(self) -> None:
        """Read the current task's reports and splits again, and show them."""
        task = self.task()
        self.members, order = task_members(self.project, task) if task else ([], [])
        counts = split_counts(self.members)
        number = QLocale().toString
        # One stratum (an extraction task) needs no total row below it.
        with_total = len(order) > 1
        self.table.setRowCount(len(order) + with_total)
        names = [tr("Annotated reports") if s == "all" else s for s in order] + [
            tr("All labels")
        ] * with_total
        self.table.setVerticalHeaderLabels(names)
        totals = {"train": 0, "test": 0, "none": 0}
        for row, stratum in enumerate(order):
            c = counts.get(stratum, {"train": 0, "test": 0, "none": 0})
            for part in totals:
                totals[part] += c[part]
            self._fill_row(row, c)
        if with_total:
            self._fill_row(len(order), totals)
        in_test = totals["test"]
        n = len(self.members)
        if not task:
            self.summary.setText(tr("The project has no labels or entity types yet, so no task to split."))
        elif in_test:
            self.summary.setText(
                tr("Test split: {0} of {1} annotated report(s) ({2} %), frozen.", "", n).format(
                    number(in_test), number(n), number(round(100 * in_test / n))
                )
            )
        else:
            self.summary.setText(
                tr(
                    "No test split yet among the task's {0} annotated report(s). The first training run "
                    "freezes one of {1} %; or freeze one here.",
                    "",
                    n,
                ).format(number(n), number(round(TEST_FRACTION * 100)))
            )
        can_freeze = self._writable and bool(task) and not in_test and n >= 2
        for widget in (self.freeze_button, self.share):
            widget.setEnabled(can_freeze)
        self.freeze_button.setToolTip(
            tr("The test split is frozen; move single reports instead.")
            if in_test
            else tr("Hold this share of the task's annotated reports back for testing, in proportion to each "
                    "label")
        )  # fmt: skip
        self._show_chosen()

    def _fill_row(self, row: int, counts: dict[str, int]) -> None:
        number = QLocale().toString
        values = [counts["train"], counts["test"], counts["none"], sum(counts.values())]
        for column, value in enumerate(values):
            item = QTableWidgetItem(number(value))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)

    def _show_chosen(self) -> None:
        splits = {get_document(self.project, doc_id).split for doc_id in self.chosen}
        if not self.chosen:
            self.chosen_label.setText(tr("No report is chosen: select one in the report list first."))
        else:
            where = ", ".join(split_names().get(s, tr("no split")) for s in sorted(splits, key=str))
            self.chosen_label.setText(
                tr("Chosen: {0} (now in: {1})", "", len(self.chosen)).format(self._names(self.chosen), where)
            )
        # A button that would move nothing is off: every chosen report is in that split already.
        self.to_test.setEnabled(self._writable and bool(splits - {"test"}))
        self.to_train.setEnabled(self._writable and bool(splits - {"train"}))

    def _names(self, doc_ids: Sequence[int]) -> str:
        ids = external_ids(self.project, doc_ids[:MAX_NAMED])
        shown = ", ".join(ids.get(i, str(i)) for i in doc_ids[:MAX_NAMED])
        rest = len(doc_ids) - MAX_NAMED
        return shown if rest <= 0 else tr("{0} and {1} more", "", rest).format(shown, rest)

    # --- changing -----------------------------------------------------------------------------------

    def freeze(self) -> bool:
        """Freeze a stratified test split of the chosen share for the current task."""
        task = self.task()
        if not task:
            return False
        try:
            done = freeze_test_split(
                self.project, task, self.members, self.share.value() / 100, self.annotator
            )
        except Exception as exc:  # explained in the app's words; the split stays as it was
            errors.show_error(self, exc)
            return False
        self.reload()
        self.splits_changed.emit()
        self.summary.setText(
            self.summary.text()
            + " "
            + tr("{0} report(s) held back for testing, {1} put into training.", "", done["test"]).format(
                done["test"], done["train"]
            )
        )
        return True

    def move(self, split: str) -> bool:
        """Move the chosen reports to ``split`` after a warning that scored runs stop being comparable."""
        n = len(self.chosen)
        if not n:
            return False
        question = (
            tr("Move {0} report(s) to the test split?", "", n)
            if split == "test"
            else tr("Move {0} report(s) to the training split?", "", n)
        ).format(n)
        warning = tr(
            "Runs already scored on the old test split will no longer be comparable with runs scored "
            "after this change."
        )
        answer = QMessageBox.warning(
            self,
            tr("Change the test split?"),
            f"{question}\n{self._names(self.chosen)}\n\n{warning}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            moved = move_to_split(self.project, self.chosen, split, self.annotator)
        except Exception as exc:
            errors.show_error(self, exc)
            return False
        self.reload()
        self.splits_changed.emit()
        self.summary.setText(
            self.summary.text() + " " + tr("{0} report(s) moved.", "", moved["moved"]).format(moved["moved"])
        )
        return True
