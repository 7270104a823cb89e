"""One crash-safety trial: a child process annotates in a loop and acknowledges each committed write;
the parent kills it with SIGKILL at a random moment and checks that every acknowledged write survived.

Used by tests/core/test_crash_safety.py (a few trials) and tests/bench/crash_safety.py (50 trials).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

LABELS = ["yes", "no", "maybe"]


def make_project(root: Path, documents: int = 3000) -> None:
    from medlabel.core.importing import import_batch
    from medlabel.core.project import create_project
    from medlabel.core.records import DocRecord, EntityTypeSpec, ImportBatch, LabelSetSpec

    batch = ImportBatch(
        source="crash-trial",
        documents=[DocRecord(f"Report {i}: LVEF 55 %, no smoking.", f"d{i}") for i in range(documents)],
        label_sets=[LabelSetSpec("status", LABELS)],
        entity_types=[EntityTypeSpec("LV-EF")],
    )
    with create_project(root) as project:
        import_batch(project, batch)


def child(root: str) -> None:
    """Write annotations forever, printing one acknowledgement per committed write."""
    from medlabel.core.annotations import add_span, set_label
    from medlabel.core.documents import document_ids
    from medlabel.core.project import open_project

    project = open_project(root)
    out = sys.stdout
    for i, doc_id in enumerate(document_ids(project)):
        label = LABELS[i % len(LABELS)]
        set_label(project, doc_id, "status", label, "crash-child")
        out.write(f"label {doc_id} {label}\n")
        out.flush()
        span_id = add_span(project, doc_id, 11, 15, "LV-EF", "crash-child", value=55.0, unit="%")
        out.write(f"span {span_id} {doc_id}\n")
        out.flush()


def run_trial(root: Path, rng: random.Random) -> tuple[int, int]:
    """Run one trial on an existing project; returns (acknowledged writes, lost writes)."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(Path(__file__).parent.parent)!r}); "
            f"from tests.crash_trial import child; child({str(root)!r})",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    # Kill after a random number of acknowledgements, or a random time, whichever is later reached.
    target = rng.randint(5, 400)
    acks: list[str] = []
    deadline = time.monotonic() + 60
    while len(acks) < target and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        acks.append(line.strip())
    time.sleep(rng.random() * 0.05)  # let it be somewhere inside a write, not just after an ack
    os.kill(proc.pid, signal.SIGKILL)
    acks += [line.strip() for line in proc.stdout.read().splitlines() if line.strip()]
    proc.wait()
    return len(acks), count_lost(root, acks)


def count_lost(root: Path, acks: list[str]) -> int:
    from medlabel.core.annotations import get_labels, get_span
    from medlabel.core.errors import NotFoundError
    from medlabel.core.project import integrity_check, open_project

    lost = 0
    with open_project(root) as project:
        if integrity_check(project) != "ok":
            raise AssertionError(f"integrity_check failed: {integrity_check(project)}")
        for ack in acks:
            kind, *rest = ack.split()
            if kind == "label":
                doc_id, label = int(rest[0]), rest[1]
                lost += get_labels(project, doc_id).get("status") != label
            else:
                try:
                    lost += get_span(project, int(rest[0])).document_id != int(rest[1])
                except NotFoundError:
                    lost += 1
    return lost
