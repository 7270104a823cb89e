"""Whole-run progress: turns a recipe's per-phase progress into the run's, with an ETA for the run.

Recipes report each phase on its own scale (steps of one model, batches of a prediction). A run of an
ensemble trains several models in turn, so the time left is the rate so far times the steps left in
every model still to train, not just the current one.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from medlabel.core.jobs import Reporter


class RunProgress:
    """The reporter recipes get: forwards every call and adds the member and epoch to training steps."""

    def __init__(self, reporter: Reporter, members: int = 1) -> None:
        self.reporter = reporter
        self.members = max(1, members)
        self.member = 1
        self._t0: float | None = None
        self._done_before = 0  # steps of the members already trained

    def begin_member(self, index: int, members: int) -> None:
        """Member ``index`` (from 1) of ``members`` starts training."""
        self.member, self.members = index, max(1, members)

    def training_step(self, done: int, total: int, epoch: float | None, epochs: float | None,
                      phase: str) -> None:  # fmt: skip
        now = time.monotonic()
        if self._t0 is None or (done == 0 and self.member == 1):
            self._t0, self._done_before = now, 0
        if done == 0 and self.member > 1:
            self._done_before = (self.member - 1) * total
        run_done = self._done_before + done
        run_total = self.members * total
        eta = (now - self._t0) / run_done * (run_total - run_done) if run_done else None
        detail = getattr(self.reporter, "progress_detail", None)
        if detail is not None:
            detail({"member": self.member if self.members > 1 else None,
                    "members": self.members if self.members > 1 else None,
                    "epoch": epoch, "epochs": epochs})  # fmt: skip
        self.reporter.progress(done, total, phase, eta)

    def progress(self, done: int, total: int, phase: str = "", eta_s: float | None = None) -> None:
        self.reporter.progress(done, total, phase, eta_s)

    def log(self, message: str) -> None:
        self.reporter.log(message)

    def metrics(self, values: Mapping[str, float], step: int | None = None) -> None:
        self.reporter.metrics(values, step)

    def __getattr__(self, name: str) -> Any:
        # started, warning, ...: whatever else the reporter under it hears
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.reporter, name)
