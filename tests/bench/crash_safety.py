"""Benchmark: crash safety over many trials (SIGKILL at random moments while annotating).

    .venv/bin/python tests/bench/crash_safety.py [--trials 50] [--seed 2026] [--documents 30000]

Every acknowledged write is a real change (see tests/crash_trial.py). Prints one line per trial and
`trials=<n> acknowledged=<n> real=<n> lost=<n> not_prefix=<n>`; every acknowledged write must survive
(lost=0), the database must pass PRAGMA integrity_check after each kill, and the state after each kill must
be the one after the acknowledged writes, perhaps plus the interrupted one (not_prefix=0).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.crash_trial import make_project, run_trials


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--documents", type=int, default=30_000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        make_project(root, documents=args.documents)
        results = run_trials(root, args.trials, args.seed, report=True)
    acknowledged = sum(r.acknowledged for r in results)
    real = sum(r.real for r in results)
    lost = sum(r.lost for r in results)
    not_prefix = sum(r.prefix not in (r.acknowledged, r.acknowledged + 1) for r in results)
    kinds = sum((r.kinds for r in results), Counter())
    print(f"real changes by kind: {dict(sorted(kinds.items()))}; {time.perf_counter() - t0:.0f} s")
    print(f"trials={args.trials} acknowledged={acknowledged} real={real} lost={lost} not_prefix={not_prefix}")


if __name__ == "__main__":
    main()
