"""The right half of the training page: the run as it happens, and how it ended.

It only shows what the run's events say (``RunSupervisor``'s signals); the page connects them.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QProgressBar, QVBoxLayout, QWidget

from medlabel.core.errors import MedlabelError
from medlabel.gui.i18n import tr
from medlabel.gui.messages import describe
from medlabel.gui.train.history import figure_text
from medlabel.gui.train.progress_text import duration_text, phase_text, warning_text

LOG_LINES = 2000  # the pane keeps the latest lines; the whole log is in the run folder's run.log
# The validation score a recipe reports, in the order they are looked for.
SCORES = ("eval_macro_f1", "eval_span_f1", "eval_accuracy")


def score_key(values: Mapping[str, float]) -> str | None:
    return next((k for k in SCORES if k in values), None)


class RunPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = QLabel(objectName="runTitle")
        self.title.setStyleSheet("font-weight: bold")
        self.phase = QLabel(objectName="runPhase")
        self.bar = QProgressBar(objectName="runProgress")
        self.bar.setTextVisible(True)
        self.times = QLabel(objectName="runTimes")
        self.score = QLabel(objectName="runScore")
        # matplotlib takes half a second to import: the plot is made when the first run starts, so
        # opening a project does not wait for it.
        self.plot: Any = None
        self.plot_area = QVBoxLayout()
        self.plot_hint = QLabel(tr("The loss curve and the validation score appear here during a run."))
        self.plot_hint.setStyleSheet("color: #666;")
        self.plot_area.addWidget(self.plot_hint)
        self.outcome = QLabel(objectName="runOutcome", wordWrap=True)
        self.outcome.setTextInteractionFlags(self.outcome.textInteractionFlags().TextSelectableByMouse)
        self.log = QPlainTextEdit(objectName="runLog", readOnly=True)
        self.log.setMaximumBlockCount(LOG_LINES)
        self.log.setPlaceholderText(tr("The run's messages appear here."))
        for widget in (self.title, self.phase, self.bar, self.times, self.score):
            layout.addWidget(widget)
        layout.addLayout(self.plot_area, 3)
        layout.addWidget(self.outcome)
        layout.addWidget(self.log, 1)
        self.started_at: float | None = None
        self.warnings: list[str] = []  # the run's warnings, repeated under its result
        self.eta_s: float | None = None
        self.clock = QTimer(self, interval=1000)
        self.clock.timeout.connect(self.show_times)
        self.idle()

    def idle(self) -> None:
        self.title.setText(tr("No run yet in this window."))
        self.phase.setText("")
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.times.setText("")
        self.score.setText("")

    # --- a run's events -----------------------------------------------------------------------------

    def ensure_plot(self) -> Any:
        if self.plot is None:
            from medlabel.gui.train.loss_plot import LossPlot

            self.plot = LossPlot(self)
            self.plot.setMinimumHeight(220)
            self.plot_hint.hide()
            self.plot_area.addWidget(self.plot)
        return self.plot

    def begin(self, run_id: int, request_text: str) -> None:
        self.ensure_plot().reset()
        self.log.clear()
        self.outcome.setText("")
        self.score.setText("")
        self.warnings: list[str] = []
        self.title.setText(tr("Run {0}: {1}").format(run_id, request_text))
        self.phase.setText(tr("starting…"))
        self.bar.setRange(0, 0)  # busy until the first progress
        self.started_at, self.eta_s = time.monotonic(), None
        self.clock.start()
        self.show_times()

    def started(self, event: Mapping[str, Any]) -> None:
        device = event.get("device") or ""
        data_hash = str(event.get("data_hash") or "")[:12]
        self.add_log(
            tr("Training on {0}; data {1} (the reports as they were at the start).").format(device, data_hash)
        )

    def progress(self, event: Mapping[str, Any]) -> None:
        done, total = int(event.get("done", 0)), int(event.get("total", 0))
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
        self.phase.setText(phase_text(event))
        if event.get("eta_s") is not None:
            self.eta_s = float(event["eta_s"])
        self.show_times()

    def metrics(self, values: Mapping[str, float], step: Any) -> None:
        self.ensure_plot().add(values, step if isinstance(step, int) else None)
        key = score_key(values)
        if key is not None:
            name = {"eval_macro_f1": tr("macro-F1"), "eval_span_f1": tr("span F1")}.get(key, tr("accuracy"))
            self.score.setText(
                tr("Validation {0}: {1}").format(name, QLocale().toString(float(values[key]), "f", 3))
            )

    def warning(self, code: str, params: Mapping[str, Any], message: str) -> None:
        text = "⚠ " + warning_text(code, params, message)
        self.warnings.append(text)
        self.add_log(text)

    def add_log(self, line: str) -> None:
        self.log.appendPlainText(line)

    def show_times(self) -> None:
        if self.started_at is None:
            return
        elapsed = time.monotonic() - self.started_at
        text = tr("elapsed {0}").format(duration_text(elapsed))
        if self.eta_s is not None and self.clock.isActive():
            text += " · " + tr("about {0} left").format(duration_text(self.eta_s))
        self.times.setText(text)

    # --- how it ended -------------------------------------------------------------------------------

    def end(self, status: str, event: Mapping[str, Any] | None, stderr_tail: str, log_path: str) -> str:
        """Show how the run ended; returns the one line for the status bar / notification."""
        self.clock.stop()
        self.show_times()
        self.bar.setRange(0, 1)
        self.bar.setValue(1 if status == "completed" else 0)
        event = event or {}
        if status == "completed":
            head = event.get("headline")
            line = tr("The run is complete.")
            if head:
                line = tr("The run is complete: {0}.").format(figure_text(head, event.get("baseline")))
            calibration = event.get("calibration")
            detail = ""
            if calibration:
                detail = tr(
                    "Confidences were calibrated on the validation reports (calibration error {0} → {1})."
                ).format(
                    QLocale().toString(float(calibration["ece_before"]), "f", 3),
                    QLocale().toString(float(calibration["ece_after"]), "f", 3),
                )
            self.phase.setText(tr("complete"))
            self.outcome.setText("\n".join(x for x in (line, detail, *self.warnings) if x))
            return line
        if status == "cancelled":
            self.phase.setText(tr("cancelled"))
            line = tr("The run was cancelled; it is recorded as cancelled.")
            self.outcome.setText(line)
            return line
        self.phase.setText(tr("failed"))
        line = failure_text(event, stderr_tail)
        parts = [line]
        if event.get("advice"):
            parts.append(str(event["advice"]))
        if stderr_tail.strip():
            parts.append(
                tr("Last lines the run wrote:") + "\n" + "\n".join(stderr_tail.strip().splitlines()[-8:])
            )
        parts.append(tr("The whole log: {0}").format(log_path))
        self.outcome.setText("\n\n".join(parts))
        return line


def failure_text(event: Mapping[str, Any], stderr_tail: str) -> str:
    kind = event.get("kind")
    message = str(event.get("message") or "")
    if event.get("code"):  # worded by the app when it knows the code, else the engine's own sentence
        message = describe(MedlabelError(message, code=event["code"], **(event.get("params") or {})))
    if kind == "out_of_memory":
        return tr("The run ran out of memory. {0}").format(message)
    if kind == "user_error":
        return tr("The run could not start: {0}").format(message)
    if kind == "internal_error":
        return tr("The run stopped because of an error in medlabel or a library: {0}").format(message)
    return tr("The training process ended without finishing the run (it was stopped from outside, or it "
              "crashed). The run is recorded as failed.")  # fmt: skip
