"""Bridging the Hugging Face Trainer to medlabel's reporter and cancel flag."""

from __future__ import annotations

import threading
import time
from typing import Any

from transformers import TrainerCallback

from medlabel.core.jobs import Reporter


class ReporterCallback(TrainerCallback):
    """Sends step/total, ETA, loss, learning rate and eval metrics to the reporter, and stops the
    Trainer within one step once ``cancel`` is set (checked after every optimiser step)."""

    def __init__(self, reporter: Reporter, cancel: threading.Event | None, phase: str = "training") -> None:
        self.reporter = reporter
        self.cancel = cancel
        self.phase = phase
        self.cancelled = False
        self._t0 = 0.0

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self._t0 = time.monotonic()
        if state.is_world_process_zero:
            self._report(0, state, args, None)

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if state.is_world_process_zero:
            done, total = state.global_step, state.max_steps
            elapsed = time.monotonic() - self._t0
            eta = elapsed / done * (total - done) if done else None
            self._report(done, state, args, eta)
        if self.cancel is not None and self.cancel.is_set():
            self.cancelled = True
            control.should_training_stop = True

    def _report(self, done: int, state: Any, args: Any, eta: float | None) -> None:
        # A run-level reporter (run_progress.RunProgress) adds the epoch and the whole run's ETA.
        step = getattr(self.reporter, "training_step", None)
        if step is not None:
            step(done, state.max_steps, float(state.epoch or 0.0), float(args.num_train_epochs), self.phase)
        else:
            self.reporter.progress(done, state.max_steps, self.phase, eta)

    def on_log(self, args: Any, state: Any, control: Any, logs: dict | None = None, **kwargs: Any) -> None:
        if not state.is_world_process_zero or not logs:
            return
        values = {k: float(v) for k, v in logs.items() if isinstance(v, int | float) and k != "epoch"}
        if "epoch" in logs:
            values["epoch"] = float(logs["epoch"])
        if values:
            self.reporter.metrics(values, step=state.global_step)
