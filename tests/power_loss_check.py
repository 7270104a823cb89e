"""Power-loss simulation of the store: record a writer session through the recording VFS, then cut the
power at random points of its log and check what a restart would find.

For each cut point the files are rebuilt as the disk could hold them (tests/vfs_recorder.py: synced data
kept, each later write dropped, applied, torn or trashed), written to a fresh folder and opened with plain
sqlite3 (which recovers the WAL): PRAGMA integrity_check must say ok, every write acknowledged before the
cut must be there (the latest acknowledged label, note and span of each key; deleted spans gone), and the
whole state must be the one some prefix of the session's writes produced (atomicity).
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, event

from tests.annotation_workload import (
    Replay,
    State,
    Write,
    judge,
    make_project,
    read_state,
    run_writes,
    store_state,
)
from tests.vfs_recorder import Disk, Recorder, recording, settle

SYNCHRONOUS = {"OFF": 0, "NORMAL": 1, "FULL": 2}


@dataclass
class Session:
    """One recorded writer session: the files' log, the state before it, and the acknowledged writes."""

    recorder: Recorder
    start: State
    writes: list[Write]
    synchronous: str
    real: int = 0
    kinds: dict[str, int] = field(default_factory=dict)  # real writes by kind

    def describe(self) -> str:
        counts = Counter((op.kind, op.file) for op in self.recorder.log if op.kind != "ack")
        db, wal = self.recorder.db_path.name, self.recorder.db_path.name + "-wal"
        wal_restarts = sum(
            op.kind == "write" and op.file == wal and op.offset == 0 for op in self.recorder.log
        )
        return (
            f"session: synchronous={self.synchronous} acknowledged_writes={len(self.writes)} "
            f"real_changes={self.real} {dict(sorted(self.kinds.items()))} "
            f"log_operations={len(self.recorder.log)} "
            f"wal_writes={counts['write', wal]} wal_syncs={counts['sync', wal]} "
            f"db_writes={counts['write', db]} db_syncs={counts['sync', db]} "
            f"wal_headers_written={wal_restarts}"
        )


def record_session(
    root: Path, writes: int, seed: int, synchronous: str = "FULL", documents: int = 200
) -> Session:
    """Make a project at ``root`` and record ``writes`` acknowledged writes on it, made by the store's own
    functions on the store's own engine; ``synchronous`` other than FULL (the store's setting) is for the
    control run that shows the simulation can find lost writes."""
    from medlabel.core.project import DB_NAME, open_project

    make_project(root, documents)
    start = store_state(root)
    acks: list[Write] = []
    with recording(root / DB_NAME) as recorder:
        project = open_project(root)
        try:
            if synchronous != "FULL":
                pragma = f"PRAGMA synchronous={synchronous}"
                event.listen(project.engine, "checkout", lambda dbapi_conn, *_: dbapi_conn.execute(pragma))
            with project.engine.connect() as conn:
                level = conn.exec_driver_sql("PRAGMA synchronous").scalar()
            if level != SYNCHRONOUS[synchronous]:
                raise AssertionError(f"the writer runs with synchronous={level}, not {synchronous}")

            def acknowledge(write: Write) -> None:
                acks.append(write)
                recorder.ack(len(acks))

            run_writes(project, random.Random(seed), writes, f"s{seed}", lambda _: None, acknowledge)
        finally:
            project.close()
    _check_recording(recorder)
    replay = Replay(start)
    for write in acks:
        replay.apply(write)
    if store_state(root) != replay.state:
        raise AssertionError(
            "after the recorded session the store does not hold what its writes say it should"
        )
    return Session(recorder, start, acks, synchronous, replay.real, dict(replay.kinds))


def _check_recording(recorder: Recorder) -> None:
    """The log, fully applied, must give the files as they are on disk now: nothing was missed."""
    disk = Disk(recorder.base)
    for op in recorder.log:
        if op.kind != "ack":
            disk.step(op)
    for name in recorder.names:
        path = recorder.db_path.parent / name
        expected = bytes(settle(disk.synced[name], disk.pending[name], None)) if name in disk.synced else None
        actual = path.read_bytes() if path.exists() else None
        if expected != actual:
            raise AssertionError(f"the recording of {name} does not add up to the file on disk")


@dataclass
class Figures:
    cut_points: int = 0
    acknowledged_writes_checked: int = 0  # summed over cut points: writes acknowledged before the cut
    lost: int = 0  # of those, writes whose effect was missing after the cut
    cut_points_with_loss: int = 0
    integrity_failures: int = 0  # unreadable database or PRAGMA integrity_check not ok
    not_prefix: int = 0  # state after no prefix of the writes (a torn transaction)
    examples: dict[str, str] = field(default_factory=dict)  # the first finding of each kind

    def line(self) -> str:
        return (
            f"cut_points={self.cut_points} acknowledged_writes_checked={self.acknowledged_writes_checked} "
            f"lost={self.lost} integrity_failures={self.integrity_failures} not_prefix={self.not_prefix} "
            f"cut_points_with_loss={self.cut_points_with_loss}"
        )


def cut_positions(session: Session, count: int, rng: random.Random) -> list[int]:
    """``count`` cut points (positions in the log: the power fails after that many operations). Half lie
    anywhere; half around the rarer risky moments, where uniform sampling would seldom land: the
    database file's writes, truncates and syncs (checkpoints) and the WAL header writes (WAL restarts)."""
    log = session.recorder.log
    db_name = session.recorder.db_path.name
    risky = sorted(
        {
            p
            for i, op in enumerate(log)
            if (op.file == db_name and op.kind != "create") or (op.kind == "write" and op.offset == 0)
            for p in (i, i + 1, i + 2)
            if p <= len(log)
        }
    )
    uniform = count - count // 2 if risky else count
    positions = rng.choices(range(len(log) + 1), k=uniform) + rng.choices(risky, k=count - uniform)
    return sorted(positions)


def check_cut_points(session: Session, cut_points: int, seed: int, scratch: Path) -> Figures:
    """Cut the power at ``cut_points`` random points of the session's log and check each restart."""
    rng = random.Random(seed)
    log = session.recorder.log
    db_name = session.recorder.db_path.name
    positions = cut_positions(session, cut_points, rng)
    disk, replay = Disk(session.recorder.base), Replay(session.start)
    figures = Figures()
    done = acked = 0
    for n, position in enumerate(positions):
        for op in log[done:position]:
            if op.kind == "ack":
                replay.apply(session.writes[acked])
                acked += 1
            else:
                disk.step(op)
        done = position
        folder = scratch / f"cut-{n}"
        folder.mkdir(parents=True)
        for name, data in disk.crash(rng).items():
            (folder / name).write_bytes(data)
        figures.cut_points += 1
        figures.acknowledged_writes_checked += acked
        where = f"cut {n} at log position {position} of {len(log)} ({acked} writes acknowledged)"
        problem, state = _restart(folder / db_name)
        if problem is not None:
            figures.integrity_failures += 1
            figures.examples.setdefault("integrity", f"{where}: {problem}")
        else:
            in_flight = session.writes[acked] if acked < len(session.writes) else None
            verdict = judge(state, replay, acked, in_flight)
            figures.lost += verdict.lost
            figures.cut_points_with_loss += verdict.lost > 0
            if verdict.prefix is None:
                figures.not_prefix += 1
                figures.examples.setdefault(
                    "not_prefix", f"{where}: the state is not one the writes produced"
                )
            elif verdict.lost:
                figures.examples.setdefault(
                    "lost", f"{where}: {verdict.lost} lost; the store holds {verdict.prefix} writes"
                )
        shutil.rmtree(folder)
    return figures


def _restart(db: Path) -> tuple[str | None, State]:
    """Open the rebuilt files as the app would after the power came back: (problem, state)."""
    if not db.exists():
        return "the database file is gone", {}
    try:
        conn = sqlite3.connect(db)
        try:
            verdict = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
        if verdict != ["ok"]:
            return f"integrity_check: {'; '.join(verdict[:3])}", {}
        engine = create_engine(f"sqlite:///{db}")
        try:
            with engine.connect() as conn:
                return None, read_state(conn)
        finally:
            engine.dispose()
    except Exception as exc:  # any failure to read the recovered store is the finding itself
        return f"{type(exc).__name__}: {exc}", {}
