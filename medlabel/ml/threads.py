"""How many CPU threads a run uses: the idle cores, not all of them.

PyTorch takes every core by default; on a workstation where other programs are busy the threads then
wait for each other at every operation (a 15x slower step was measured with 2 threads against other
processes on this project's 2-core machine; docs/benchmarks.md, "Threads on a busy machine").
"""

from __future__ import annotations

import os


def idle_cores() -> int:
    """Cores not busy with other work over the last minute (at least 1)."""
    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows has no load average
        return cores
    return max(1, min(cores, int(cores - busy + 0.5)))


def use_idle_cores(requested: int = 0) -> int:
    """Set torch's thread count to ``requested`` (0 = the idle cores); returns the count used."""
    import torch

    count = requested or idle_cores()
    torch.set_num_threads(count)
    return count
