"""One crash-safety trial: a child process annotates in a loop and acknowledges each committed write;
the parent kills it with SIGKILL at a random moment and checks that every acknowledged write survived.

Every write really changes the store (tests/annotation_workload.py: labels changed to another label or
cleared, spans added and deleted, notes edited, on a random working set of documents in random order,
different in each trial). The child prints ``I <json>`` before a write and ``A <json>`` once the store
function has returned (committed), with what the store reported before it. After the kill the parent
reopens the project as the app would (recovering the WAL), runs PRAGMA integrity_check, and compares the
whole annotation state with the state rebuilt from the acknowledged writes: the latest acknowledged value of
every label, note and span must be stored (deleted spans gone), and the state must be the one after all
acknowledged writes, or after those plus the one that was interrupted.

Used by tests/core/test_crash_safety.py (a few trials) and tests/bench/crash_safety.py (50 trials).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.annotation_workload import Replay, State, judge, make_project, run_writes, store_state

__all__ = ["TrialResult", "make_project", "run_trial", "run_trials"]


def child(root: str, seed: int, tag: str) -> None:
    """Write annotations forever, printing each intent and each acknowledgement."""
    from medlabel.core.project import open_project

    project = open_project(root)
    out = sys.stdout

    def say(kind: str, write: dict) -> None:
        out.write(f"{kind} {json.dumps(write)}\n")
        out.flush()

    run_writes(project, random.Random(seed), None, tag, lambda w: say("I", w), lambda w: say("A", w))


@dataclass
class TrialResult:
    acknowledged: int  # writes the child acknowledged before it was killed
    real: int  # of those, writes that changed the stored state (judged by the parent's model)
    lost: int  # acknowledged writes whose effect is missing after the kill
    prefix: int | None  # the store holds the state after this many writes; None: no prefix (not atomic)
    state: State  # the state after the kill: where the next trial starts
    kinds: Counter[str]  # real writes by kind


def run_trial(root: Path, rng: random.Random, start: State, most: int = 400) -> TrialResult:
    """Run one trial on an existing project whose current state is ``start``; the child is killed after
    a random number (5 to ``most``) of acknowledged writes."""
    seed = rng.randrange(2**32)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(Path(__file__).parent.parent)!r}); "
            f"from tests.crash_trial import child; child({str(root)!r}, {seed}, 't{seed}')",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    target = rng.randint(5, most)
    lines: list[str] = []
    acknowledged = 0
    deadline = time.monotonic() + 60
    # Read to the target acknowledgement and on to the next intent, then wait a few milliseconds: the
    # kill lands inside a write (where a crash can do harm) far more often than one at a random time.
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        acknowledged += line.startswith("A ")
        if acknowledged >= target and line.startswith("I "):
            break
    time.sleep(rng.random() * 0.005)
    os.kill(proc.pid, signal.SIGKILL)
    lines += proc.stdout.readlines()
    proc.wait()
    if not any(line.startswith("A ") for line in lines):
        raise AssertionError(
            f"the writer child acknowledged nothing before the kill (exit {proc.returncode})"
        )

    replay = Replay(start)
    in_flight = None
    for line in lines:
        if not line.endswith("\n"):  # cut off by the kill: never fully acknowledged
            break
        kind, payload = line.split(" ", 1)
        write = json.loads(payload)
        if kind == "I":
            in_flight = write
        else:
            replay.apply(write)
            in_flight = None
    after = store_state(root)
    verdict = judge(after, replay, replay.writes, in_flight)
    return TrialResult(replay.writes, replay.real, verdict.lost, verdict.prefix, after, replay.kinds)


def run_trials(
    root: Path, trials: int, seed: int, most: int = 400, report: bool = False
) -> list[TrialResult]:
    """``trials`` trials one after another on the project at ``root``."""
    rng = random.Random(seed)
    state = store_state(root)
    results = []
    for n in range(1, trials + 1):
        result = run_trial(root, rng, state, most)
        state = result.state
        results.append(result)
        if report:
            print(
                f"trial {n}: acknowledged {result.acknowledged}, real changes {result.real}, "
                f"lost {result.lost}, state = after {result.prefix} writes",
                flush=True,
            )
    return results
