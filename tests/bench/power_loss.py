"""Benchmark: power-loss simulation of the store (what a power cut leaves on disk, not just a killed process).

    .venv/bin/python tests/bench/power_loss.py [--writes 300] [--cut-points 500] [--seed 2026]
                                               [--synchronous FULL,NORMAL,OFF]

Needs apsw built against the same SQLite library as Python's sqlite3 (see tests/vfs_recorder.py). For each
synchronous level it records one writer session of real-change annotation writes made by the store's own
functions, rebuilds the files at random cut points as a power cut would leave them, and prints
`cut_points=N acknowledged_writes_checked=M lost=K integrity_failures=J not_prefix=P cut_points_with_loss=L`.
FULL is the store's setting. NORMAL and OFF are controls: they show that the simulation does find lost
writes when the WAL is not synced at commit, and damaged databases when nothing is synced at all.
Deterministic for a given seed. Exits 1 when FULL loses or damages anything, or a control finds nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.power_loss_check import check_cut_points, record_session
from tests.vfs_recorder import unavailable_reason


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writes", type=int, default=300)
    parser.add_argument("--cut-points", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--synchronous", default="FULL,NORMAL,OFF")
    args = parser.parse_args()
    reason = unavailable_reason()
    if reason:
        print(f"cannot simulate power loss: {reason}", file=sys.stderr)
        return 2
    ok = True
    for level in args.synchronous.upper().split(","):
        t0 = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            session = record_session(Path(tmp) / "project", args.writes, args.seed, level, args.documents)
            figures = check_cut_points(session, args.cut_points, args.seed, Path(tmp) / "cuts")
        print(session.describe())
        for kind, example in figures.examples.items():
            print(f"  first {kind}: {example}")
        print(f"synchronous={level} {figures.line()} ({time.perf_counter() - t0:.0f} s)", flush=True)
        if level == "FULL":
            ok = ok and not (figures.lost or figures.integrity_failures or figures.not_prefix)
        else:  # a control that never finds anything would prove that the simulation cannot
            ok = ok and bool(figures.lost or figures.integrity_failures)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
