"""The baseline run with the math libraries on one thread (as it runs) against their default thread
count: median seconds of a whole run (training, out-of-fold calibration, prediction, scoring).

    nice -n 19 .venv/bin/python tests/bench/baseline_threads.py
"""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from pathlib import Path


def main(repeats: int = 5) -> None:
    from medlabel.core.demo.project import create_demo_project
    from medlabel.core.jobs import RecordingReporter
    from medlabel.ml.recipes import baseline
    from medlabel.ml.train import run_training

    project = create_demo_project(Path(tempfile.mkdtemp()) / "s", "smoking", 160, 120, 30)
    settings = {"task": "smoking_status", "recipe": "baseline"}
    run_training(project, settings, RecordingReporter())  # imports and caches out of the timing
    one_thread = baseline.one_thread
    times: dict[str, list[float]] = {"one thread": [], "library default": []}
    for _ in range(repeats):
        for name in times:
            baseline.one_thread = one_thread if name == "one thread" else contextlib.nullcontext
            start = time.perf_counter()
            run_training(project, settings, RecordingReporter())
            times[name].append(time.perf_counter() - start)
    baseline.one_thread = one_thread
    for name, values in times.items():
        median, worst = statistics.median(values), max(values)
        print(f"{name:>16}: median {median:.2f} s, max {worst:.2f} s ({repeats} runs)")
    project.close()


if __name__ == "__main__":
    main()
