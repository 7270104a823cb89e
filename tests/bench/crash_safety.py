"""Benchmark: crash safety over many trials (SIGKILL at random moments while annotating).

    .venv/bin/python tests/bench/crash_safety.py [--trials 50]

Prints `lost=<n> trials=<n>`; every acknowledged annotation must survive (lost=0) and the database
must pass PRAGMA integrity_check after each kill.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.crash_trial import make_project, run_trial


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lost_total = acks_total = 0
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        make_project(root, documents=30_000)
        for trial in range(1, args.trials + 1):
            acks, lost = run_trial(root, rng)
            acks_total += acks
            lost_total += lost
            print(f"trial {trial}: acknowledged {acks}, lost {lost}", flush=True)
    print(f"acknowledged writes in all: {acks_total}; {time.perf_counter() - t0:.0f} s")
    print(f"lost={lost_total} trials={args.trials}")


if __name__ == "__main__":
    main()
