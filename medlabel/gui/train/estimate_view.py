"""Hardware and the run's expected duration and peak memory, worked out off the GUI thread.

Detecting a GPU imports torch and counting tokens loads a tokenizer (seconds), so both run in a
``Worker``; a newer choice supersedes an estimate still being worked out.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import Reporter, check_cancel
from medlabel.core.project import Project
from medlabel.gui.i18n import tr
from medlabel.gui.train.progress_text import duration_text, warning_text
from medlabel.gui.workers import Worker, run_job
from medlabel.ml.data import load_task
from medlabel.ml.models import ModelSource
from medlabel.ml.settings import BaseSettings


def estimate_job(
    source: ModelSource | None, settings: BaseSettings, project: Project, hardware: Any,
    reporter: Reporter, cancel: threading.Event,
) -> tuple[Any, Any]:  # fmt: skip
    """(Hardware, [Estimate, ...] or None) for a run of ``settings`` on ``texts`` (the training reports);
    two estimates when the run decides at its start what it reads."""
    from medlabel.ml.hardware import count_tokens, detect_hardware, estimate_run

    hardware = hardware or detect_hardware()  # a child process that imports torch: seconds, so once
    check_cancel(cancel)
    if source is None or settings.recipe == "baseline":
        return hardware, None
    # Read here, not in the GUI thread: on a large project it takes a while (a read-only query of its own).
    lengths = count_tokens(source, training_texts(project, settings.task))
    check_cancel(cancel)
    if getattr(settings, "long_text", None) == "auto" and settings.recipe == "classifier":
        # Auto decides at the start whether to read the evidence or the whole report: give both ends.
        ends = [dataclasses.replace(settings, long_text=mode) for mode in ("evidence", "head_tail")]
        return hardware, [estimate_run(source, s.recipe, s, lengths, hardware) for s in ends]
    return hardware, [estimate_run(source, settings.recipe, settings, lengths, hardware)]


def training_texts(project: Project, task: str) -> list[str]:
    """The reports a run of ``task`` would train on (all annotated ones when no test split exists yet:
    an estimate, so the fifth that becomes the test split does not matter)."""
    try:
        data = load_task(project, task, freeze_split=False)
        return [e.text for e in data.train]
    except MedlabelError:  # no test split yet, or too few reports: estimate from what there is
        from medlabel.core.documents import iter_export_documents

        return [d.text for d in iter_export_documents(project) if task in d.labels or d.spans]


class EstimateView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hardware = QLabel(objectName="trainHardware", wordWrap=True)
        self.estimate = QLabel(objectName="trainEstimate", wordWrap=True)
        layout.addWidget(self.hardware)
        layout.addWidget(self.estimate)
        self.worker: Worker | None = None
        self.known_hardware: Any = None  # detected once per page; forget() after a run frees memory
        self.pending: tuple | None = None
        self.debounce = QTimer(self, singleShot=True, interval=400)
        self.debounce.timeout.connect(self._start)
        self.hardware.setText(tr("Looking at this computer's hardware…"))

    def update_for(self, project: Project, setup: Any) -> None:
        if setup.settings is None or setup.request() is None:
            self.estimate.setText("")
            return
        self.pending = (setup.source, setup.settings, project)
        self.debounce.start()

    def _start(self) -> None:
        if self.pending is None:
            return
        if self.worker is not None and self.worker.is_running():
            self.worker.cancel()  # its answer is dropped; this one follows
        source, settings, project = self.pending
        self.pending = None
        self.estimate.setText(tr("Estimating the run's duration…"))
        worker = run_job(estimate_job, source, settings, project, self.known_hardware, parent=self)
        worker.finished.connect(lambda result, w=worker: self._show(w, result))
        worker.errored.connect(lambda exc, w=worker: self._failed(w, exc))
        self.worker = worker

    def _show(self, worker: Worker, result: tuple[Any, list | None]) -> None:
        if worker is not self.worker:
            return
        hardware, estimates = result
        self.known_hardware = hardware
        self.hardware.setText(tr("Hardware: {0}").format(hardware.describe()))
        if estimates is None:
            self.estimate.setText(tr("Expected duration: a few seconds."))
            return
        locale = QLocale()
        estimate = estimates[-1]  # the longer and larger one decides whether it fits
        memory = locale.formattedDataSize(int(estimate.peak_bytes))
        if len(estimates) == 1:
            text = tr("Expected duration: up to about {0}; peak memory about {1}.").format(
                duration_text(estimate.seconds), memory
            )
        else:
            short, long = duration_text(estimates[0].seconds), duration_text(estimate.seconds)
            text = tr("Expected duration: up to about {0} when the evidence sentences are enough, up to "
                      "about {1} when the whole report is needed (decided at the start); peak memory up to "
                      "about {2}.").format(short, long, memory)  # fmt: skip
        if not estimate.fits:
            advice = " ".join(warning_text(a.code, a.params, a.message) for a in estimate.advice)
            text += "\n⚠ " + tr("This will probably not fit into the memory. {0}").format(advice)
            self.estimate.setStyleSheet("color: #a04000")
        else:
            self.estimate.setStyleSheet("")
        self.estimate.setText(text)

    def _failed(self, worker: Worker, exc: BaseException) -> None:
        if worker is self.worker:
            self.estimate.setText(tr("The duration could not be estimated ({0}).").format(exc))

    def pause(self) -> None:
        """Drop an estimate still waiting to start."""
        self.debounce.stop()
        self.pending = None

    def forget_hardware(self) -> None:
        """The free GPU memory changes when a run ends: detect it again for the next estimate."""
        self.known_hardware = None

    def shutdown(self) -> None:
        self.debounce.stop()
        if self.worker is not None and self.worker.is_running():
            self.worker.cancel()
            self.worker.wait(5000)
