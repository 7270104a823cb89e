"""The left half of the training page: what to learn, from which reports, with which model and settings.

It checks the choice on the spot with the engine's own checks (``run_request.check``) and says why Train
is not possible; the page asks it for the ``RunRequest`` when the user clicks Train.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.errors import MedlabelError
from medlabel.core.project import Project
from medlabel.gui.i18n import tr
from medlabel.gui.messages import describe
from medlabel.gui.train.progress_text import warning_text
from medlabel.gui.train.run_request import RunRequest, check, task_kind
from medlabel.gui.train.setting_texts import choice_texts
from medlabel.gui.train.settings_form import SettingsForm
from medlabel.ml.data import task_names
from medlabel.ml.models import ModelSource
from medlabel.ml.recipes import KINDS
from medlabel.ml.settings import PRESETS, BaseSettings
from medlabel.ml.tasks import ENTITIES_TASK
from medlabel.ml.train_overview import TaskOverview, task_overview

CHOOSE_FOLDER, CHOOSE_GGUF = "<folder>", "<gguf>"


class SetupPanel(QWidget):
    changed = Signal()  # the request or its check changed: the page updates Train and the estimate

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.source: ModelSource | None = None
        self.settings: BaseSettings | None = None
        self.problem = ""
        self.overview: TaskOverview | None = None
        layout = QVBoxLayout(self)

        learn = QGroupBox(tr("What to learn"))
        form = QFormLayout(learn)
        self.task = QComboBox(objectName="trainTask")
        form.addRow(tr("Task"), self.task)
        self.counts = QTableWidget(0, 4, objectName="trainCounts")
        self.counts.setHorizontalHeaderLabels([tr("Label"), tr("Training"), tr("Validation"), tr("Test")])
        self.counts.verticalHeader().setVisible(False)
        self.counts.setMaximumHeight(170)
        form.addRow(self.counts)
        self.warnings = QLabel(objectName="trainWarnings", wordWrap=True)
        form.addRow(self.warnings)
        layout.addWidget(learn)

        how = QGroupBox(tr("How"))
        form = QFormLayout(how)
        self.model = QComboBox(objectName="trainModel")
        self.model.addItem(tr("MiniLM (built in, English)"), "minilm")
        self.model.addItem(tr("SmolLM2 (built in, small language model)"), "smollm2")
        self.model.addItem(tr("Choose a model folder…"), CHOOSE_FOLDER)
        self.model.addItem(tr("Choose a .gguf file…"), CHOOSE_GGUF)
        form.addRow(tr("Model"), self.model)
        self.model_check = QLabel(objectName="trainModelCheck", wordWrap=True)
        form.addRow(self.model_check)
        self.recipe = QComboBox(objectName="trainRecipe")
        form.addRow(tr("Recipe"), self.recipe)
        self.preset = QComboBox(objectName="trainPreset")
        words = choice_texts()
        for name in PRESETS:
            self.preset.addItem(words.get(name, name), name)
        self.preset.setCurrentIndex(self.preset.findData("default"))
        form.addRow(tr("Preset"), self.preset)
        layout.addWidget(how)

        self.advanced_toggle = QToolButton(objectName="trainAdvancedToggle", checkable=True)
        self.advanced_toggle.setText(tr("Advanced settings"))
        self.advanced_toggle.setArrowType(self.advanced_toggle.arrowType().RightArrow)
        self.advanced_toggle.setToolButtonStyle(
            self.advanced_toggle.toolButtonStyle().ToolButtonTextBesideIcon
        )
        layout.addWidget(self.advanced_toggle)
        self.form = SettingsForm()
        self.form.setVisible(False)
        self.reset = QPushButton(tr("Reset to the preset's values"), objectName="trainReset")
        self.reset.setVisible(False)
        layout.addWidget(self.form)
        layout.addWidget(self.reset)
        layout.addStretch(1)

        self.task.currentIndexChanged.connect(self.task_changed)
        self.model.activated.connect(self.model_activated)
        self.recipe.currentIndexChanged.connect(self.refresh)
        self.preset.currentIndexChanged.connect(self.refresh)
        self.form.changed.connect(self.refresh)
        self.advanced_toggle.toggled.connect(self.show_advanced)
        self.reset.clicked.connect(lambda: self.form.reset(self.preset.currentData()))
        self.reload_tasks()

    # --- choices ------------------------------------------------------------------------------------

    def reload_tasks(self) -> None:
        current = self.task.currentData()
        self.task.blockSignals(True)
        self.task.clear()
        for name in task_names(self.project):
            self.task.addItem(tr("Marked values (entities)") if name == ENTITIES_TASK else name, name)
        index = self.task.findData(current)
        self.task.setCurrentIndex(index if index >= 0 else 0)
        self.task.blockSignals(False)
        self.task_changed()

    def task_changed(self) -> None:
        task = self.task.currentData()
        self.recipe.blockSignals(True)
        self.recipe.clear()
        words = choice_texts()
        self.recipe.addItem(words["auto"], "auto")
        if task:
            for name, kinds in KINDS.items():
                if task_kind(task) in kinds:
                    self.recipe.addItem(words.get(name, name), name)
        self.recipe.blockSignals(False)
        self.reload_overview()
        self.refresh()

    def reload_overview(self) -> None:
        """Counts per label and split of the chosen task; never changes the project."""
        task = self.task.currentData()
        self.overview = None
        self.counts.setRowCount(0)
        if not task:
            self.warnings.setText(tr("The project has no label set or entity type yet: add one in Project → "
                                     "Labels and entity types…, then label some reports."))  # fmt: skip
            return
        try:
            self.overview = task_overview(self.project, task)
        except MedlabelError as exc:
            self.warnings.setText(describe(exc))
            return
        locale = QLocale()
        rows = list(self.overview.counts.items())
        self.counts.setRowCount(len(rows))
        for row, (label, by_split) in enumerate(rows):
            cells = [label] + [
                locale.toString(int(by_split.get(s, 0))) for s in ("train", "validation", "test")
            ]
            for column, text in enumerate(cells):
                self.counts.setItem(row, column, QTableWidgetItem(text))
        self.counts.resizeColumnsToContents()
        self.warnings.setText(
            "\n".join(warning_text(w.code, w.params, w.message) for w in self.overview.warnings)
        )

    def model_activated(self) -> None:
        data = self.model.currentData()
        if data in (CHOOSE_FOLDER, CHOOSE_GGUF):
            if data == CHOOSE_FOLDER:
                chosen = QFileDialog.getExistingDirectory(self, tr("Choose a model folder"))
            else:
                chosen, _ = QFileDialog.getOpenFileName(
                    self, tr("Choose a .gguf file"), "", tr("GGUF models (*.gguf)")
                )
            self.choose_model(chosen) if chosen else self.model.setCurrentIndex(0)
        self.refresh()

    def choose_model(self, path: str) -> None:
        """Put a local model (folder or .gguf) into the picker and choose it."""
        index = self.model.findData(path)
        if index < 0:
            self.model.insertItem(2, Path(path).name, path)
            self.model.setItemData(2, path, role=3)  # tooltip: the whole path
            index = 2
        self.model.setCurrentIndex(index)
        self.refresh()

    def show_advanced(self, shown: bool) -> None:
        self.form.setVisible(shown)
        self.reset.setVisible(shown)
        arrow = self.advanced_toggle.arrowType()
        self.advanced_toggle.setArrowType(arrow.DownArrow if shown else arrow.RightArrow)

    # --- the request --------------------------------------------------------------------------------

    def request(self) -> RunRequest | None:
        task = self.task.currentData()
        model = self.model.currentData()
        if not task or model in (CHOOSE_FOLDER, CHOOSE_GGUF):
            return None
        recipe = self.recipe.currentData() or "auto"
        return RunRequest(
            task,
            recipe,
            self.preset.currentData(),
            model,
            self.form.values(likely_recipe(task, recipe, model)),
        )

    def refresh(self) -> None:
        """Check the current choice the way the engine will, and show the rows of its recipe."""
        request = self.request()
        self.source, self.settings, self.problem = None, None, ""
        if request is None:
            self.problem = tr("Choose a task and a model.")
        else:
            source, settings, error = check(request)
            if error is None:
                self.source, self.settings = source, settings
                assert settings is not None
                self.form.show_for(settings.recipe, request.preset)
            else:
                self.problem = describe(error)
                # Still show the rows of the recipe that would run, so the cause can be changed.
                self.form.show_for(likely_recipe(request.task, request.recipe, request.model), request.preset)
        if request is not None and request.recipe != "baseline":
            self.model_check.setText(
                ("✓ " + tr("The model is ready.")) if self.source is not None else ("✗ " + self.problem)
            )
        else:
            self.model_check.setText(tr("The baseline needs no model."))
        self.changed.emit()

    def ready(self) -> bool:
        """Whether a run could start with these choices (the overview may still warn)."""
        return (
            self.settings is not None
            and self.overview is not None
            and not any(w.code == "train.too_few_reports" for w in self.overview.warnings)
        )


def likely_recipe(task: str, picked: str, model: str) -> str:
    """The recipe a run will use, without checking the model (auto: as ``choose_recipe`` decides)."""
    if picked != "auto":
        return picked
    if model.lower().endswith(".gguf"):
        return "instruct"
    return "classifier" if task_kind(task) == "document" else "tagger"
