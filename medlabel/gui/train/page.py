"""The training page beside Annotate: choose, start, watch, cancel a run; the project's run history.

The page wires three parts: the setup (``SetupPanel``), the run as it happens (``RunPanel``) and the
child process that trains (``RunSupervisor``). The user keeps labelling while a run trains on the
snapshot taken at its start. One run at a time.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.errors import MedlabelError
from medlabel.core.project import Project
from medlabel.gui import errors
from medlabel.gui.i18n import tr
from medlabel.gui.run_supervisor import RunEnding, RunSupervisor
from medlabel.gui.train.estimate_view import EstimateView
from medlabel.gui.train.history import RunHistory
from medlabel.gui.train.predict_bar import PredictBar
from medlabel.gui.train.run_panel import RunPanel
from medlabel.gui.train.setup_panel import SetupPanel
from medlabel.ml.attached import prepare_attached_run


class TrainPage(QWidget):
    status_message = Signal(str)
    run_ended = Signal(int, str)  # run id, status
    predictions_stored = Signal(int)  # run id: the workspace shows the new suggestions
    curve_state = Signal(str)  # how a learning curve started from the Review page is getting on

    def __init__(self, project: Project, read_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainPage")
        self.project = project
        self.read_only = read_only
        self.supervisor: RunSupervisor | None = None
        self.curve: CurveQueue | None = None

        self.setup = SetupPanel(project)
        self.estimate = EstimateView()
        self.train_button = QPushButton(tr("Train"), objectName="trainButton")
        self.train_button.setDefault(True)
        self.cancel_button = QPushButton(tr("Cancel the run"), objectName="cancelButton")
        self.cancel_button.setEnabled(False)
        self.why = QLabel(objectName="trainWhyDisabled", wordWrap=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.setup)
        left_layout.addWidget(self.estimate)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.why)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        scroll.setMinimumWidth(380)

        self.panel = RunPanel()
        self.history = RunHistory()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.panel)
        history_box = QWidget()
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(QLabel(tr("Runs of this project")))
        history_layout.addWidget(self.history)
        self.predict = PredictBar(project)
        history_layout.addWidget(self.predict)
        right.addWidget(history_box)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.setup.changed.connect(self.update_state)
        self.train_button.clicked.connect(self.start_run)
        self.cancel_button.clicked.connect(self.cancel_run)
        self.history.itemSelectionChanged.connect(self._run_selected)
        self.predict.predicted.connect(self._predicted)
        self.history.reload(project)
        self.update_state()

    # --- state --------------------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.supervisor is not None and self.supervisor.is_running()

    def update_state(self) -> None:
        """Enable Train only when a run could start, and say why not; refresh the estimate."""
        why = ""
        if self.read_only:
            why = tr("This window has the project open read-only, so it cannot record a run.")
        elif self.is_running():
            why = tr("A run is in progress; one run at a time. Cancel it or wait until it ends.")
        elif not self.setup.ready():
            why = self.setup.problem or tr("Label more reports of this task before training.")
        self.train_button.setEnabled(not why)
        self.train_button.setToolTip(why)
        self.why.setText(why)
        self.cancel_button.setEnabled(self.is_running())
        if not self.is_running():
            self.estimate.update_for(self.project, self.setup)

    def reload(self) -> None:
        """After the schema or the labels changed elsewhere: counts, tasks, history."""
        self.setup.reload_tasks()
        self.history.reload(self.project)

    # --- a run --------------------------------------------------------------------------------------

    def start_run(self) -> None:
        request = self.setup.request()
        if request is None or self.is_running() or not self.setup.ready():
            return
        self._start(request.settings(self.setup.source))

    def start_curve(self) -> bool:
        """A learning curve with the chosen settings: one run per training size, one after the other."""
        from medlabel.ml.curve import curve_plan

        request = self.setup.request()
        if request is None or self.is_running() or not self.setup.ready():
            self.curve_state.emit(self.why.text() or tr("Choose a task and a model on the Train page first."))
            return False
        try:
            group, runs = curve_plan(self.project, request.settings(self.setup.source))
        except MedlabelError as exc:
            self.curve_state.emit(errors.describe(exc)[1])
            return False
        self.curve = CurveQueue(group, runs)
        self._next_curve_run()
        return True

    def _next_curve_run(self) -> None:
        assert self.curve is not None
        settings = self.curve.next()
        if settings is None:
            done = (
                tr("The learning curve was cancelled after {0} of {1} runs.").format(
                    self.curve.done, self.curve.total
                )
                if self.curve.cancelled
                else tr("The learning curve is complete: {0} runs.").format(self.curve.total)
            )
            self.curve_state.emit(done)
            self.curve = None
            return
        self.curve_state.emit(
            tr("Learning curve: run {i} of {n} ({size} training reports)…").format(
                i=self.curve.done + 1, n=self.curve.total, size=settings["train_size"]
            )
        )
        run_id = prepare_attached_run(self.project, settings, group_name=self.curve.group)
        self._start(settings, run_id)

    def _start(self, settings: dict[str, Any], prepared: int | None = None) -> None:
        self.estimate.pause()  # an estimate worked out now would only compete with the run
        supervisor = RunSupervisor(parent=self)
        supervisor.started.connect(self.panel.started)
        supervisor.progress_detail.connect(self.panel.progress)
        supervisor.metrics.connect(self.panel.metrics)
        supervisor.log.connect(self.panel.add_log)
        supervisor.warning.connect(self.panel.warning)
        supervisor.ended.connect(self.run_finished)
        self.supervisor = supervisor
        run_id = (
            supervisor.start(self.project, settings)
            if prepared is None
            else supervisor.start(self.project, run_id=prepared)
        )
        self.panel.begin(run_id, describe_request(settings))
        self.history.reload(self.project)
        self.update_state()
        self.status_message.emit(tr("Run {0} started; you can go on labelling.").format(run_id))

    def cancel_run(self) -> None:
        if self.curve is not None:
            self.curve.cancelled = True
        if self.is_running() and self.supervisor is not None:
            self.cancel_button.setEnabled(False)
            self.panel.add_log(tr("Cancelling… (the run stops after the current step)"))
            self.supervisor.cancel()

    def run_finished(self, ending: RunEnding) -> None:
        line = self.panel.end(ending.status, ending.event, ending.stderr_tail, str(ending.log_file))
        self.supervisor = None
        self.estimate.forget_hardware()
        self.history.reload(self.project)
        self.setup.reload_overview()  # a first run froze the test split
        self.update_state()
        run_id = ending.run.id if ending.run is not None else 0
        self.status_message.emit(tr("Run {0}: {1}").format(run_id, line))
        self.run_ended.emit(run_id, ending.status)
        if self.curve is not None:
            if ending.status == "completed":
                self.curve.done += 1
                self._next_curve_run()
                return
            self.curve_state.emit(tr("The learning curve stopped: run {0} {1}.").format(run_id, line))
            self.curve = None
        QApplication.alert(self.window())

    def _run_selected(self) -> None:
        run = self.history.selected_run(self.project)
        self.predict.set_run(
            run.id if run else None, run is not None and run.status == "completed", self.read_only
        )

    def _predicted(self, run_id: int, count: int) -> None:
        self.status_message.emit(tr("Run {0} predicted {1} report(s).", "", count).format(run_id, count))
        self.predictions_stored.emit(run_id)

    def shutdown(self, timeout_s: float = 15.0) -> None:
        """The app closes or the project is closed: stop a running child and record how it ended."""
        if self.supervisor is not None and self.supervisor.is_running():
            self.supervisor.shutdown(timeout_s)
        self.estimate.shutdown()
        self.predict.shutdown()


class CurveQueue:
    """The runs of a learning curve still to train (settings with ``train_size``), in order."""

    def __init__(self, group: str, runs: list[dict[str, Any]]) -> None:
        self.group, self.runs = group, list(runs)
        self.total, self.done = len(runs), 0
        self.cancelled = False

    def next(self) -> dict[str, Any] | None:
        if self.cancelled or self.done >= self.total:
            return None
        return self.runs[self.done]


def describe_request(settings: dict[str, Any]) -> str:
    parts = [str(settings.get("task", "")), str(settings.get("recipe", ""))]
    if settings.get("model"):
        parts.append(str(settings["model"]).rsplit("/", 1)[-1])
    if settings.get("preset", "default") != "default":
        parts.append(str(settings["preset"]))
    return " · ".join(parts)
