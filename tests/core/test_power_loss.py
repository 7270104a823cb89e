"""Power-loss simulation of the store (tests/power_loss_check.py), and the model it rests on."""

import random

import pytest

from tests.annotation_workload import AUDIT, Replay, Verdict, judge
from tests.power_loss_check import check_cut_points, record_session
from tests.vfs_recorder import Disk, FileOp, unavailable_reason

UNAVAILABLE = unavailable_reason()
needs_recorder = pytest.mark.skipif(
    UNAVAILABLE is not None, reason=f"power-loss simulation off: {UNAVAILABLE}"
)


def crashes(disk: Disk, n: int = 200) -> list[dict[str, bytes]]:
    return [disk.crash(random.Random(seed)) for seed in range(n)]


def test_a_cut_keeps_synced_bytes_and_drops_applies_tears_or_trashes_each_unsynced_write():
    disk = Disk({"db": bytes(4096)})
    disk.step(FileOp("write", "db", 0, b"\x01" * 2048))
    disk.step(FileOp("sync", "db"))
    disk.step(FileOp("write", "db", 100, b"\x02" * 1500))  # bytes 100..1600: parts of sectors 0 to 3
    fates = set()
    for image in (c["db"] for c in crashes(disk)):
        # Bytes outside the unsynced write are as synced (SQLite's "powersafe overwrite").
        assert image[:100] == b"\x01" * 100
        assert image[1600:] == b"\x01" * 448 + bytes(2048)
        region = image[100:1600]
        kept = len(region) - len(region.lstrip(b"\x02"))
        if region == b"\x01" * 1500:
            fates.add("dropped")
        elif region == b"\x02" * 1500:
            fates.add("applied")
        elif region == b"\x02" * kept + b"\x01" * (1500 - kept):
            assert (100 + kept) % 512 == 0  # torn only at a sector boundary of the file
            fates.add("torn")
        else:
            fates.add("trashed")
    assert fates == {"dropped", "applied", "torn", "trashed"}


def test_a_new_file_is_certain_only_after_a_directory_sync_and_a_deletion_may_come_undone():
    disk = Disk({"db": b"x"})
    disk.step(FileOp("create", "db-wal"))
    disk.step(FileOp("write", "db-wal", 0, b"h" * 32))
    assert {"db-wal" in c for c in crashes(disk, 50)} == {True, False}
    disk.step(FileOp("sync", "db-wal", dir_sync=True))
    assert {c["db-wal"] for c in crashes(disk, 50)} == {b"h" * 32}
    disk.step(FileOp("delete", "db-wal"))
    assert {c.get("db-wal") for c in crashes(disk, 50)} == {None, b"h" * 32}
    disk.step(FileOp("create", "db-journal"))
    disk.step(FileOp("sync", "db-journal", dir_sync=True))  # the folder is synced: the deletion holds
    assert {c.get("db-wal") for c in crashes(disk, 50)} == {None}


def test_the_judge_counts_lost_writes_and_finds_states_no_prefix_of_writes_produced():
    replay = Replay({AUDIT: 0})
    writes = [
        {"op": "label", "doc": 1, "after": "yes", "before": None},
        {"op": "label", "doc": 1, "after": "no", "before": "yes"},
        {"op": "note", "doc": 2, "after": ["recheck", False], "before": ["", False]},
    ]
    assert [replay.apply(w) for w in writes] == [True, True, True]
    everything = dict(replay.state)
    assert judge(everything, replay, 3, None) == Verdict(3, 0, 3)
    # A cut that kept only the first write lost two acknowledged ones.
    assert judge({("label", 1, "status"): "yes", AUDIT: 1}, replay, 3, None) == Verdict(3, 2, 1)
    # A change kept without its audit row (half a transaction) is no state the writes produced.
    assert judge({**everything, AUDIT: 2}, replay, 3, None).prefix is None
    # The interrupted write may be there; a span added by it is found whatever id it got.
    interrupted = {"op": "add_span", "span": [2, 0, 4, "LV-EF", 55.0, "%", None]}
    with_it = {**everything, ("span", 9): (2, 0, 4, "LV-EF", 55.0, "%", None), AUDIT: 4}
    assert judge(with_it, replay, 3, interrupted) == Verdict(3, 0, 4)
    # A write that stores what was already there is not a real change.
    assert replay.apply({"op": "label", "doc": 1, "after": "no", "before": "no"}) is False


@needs_recorder
def test_acknowledged_writes_survive_simulated_power_cuts(tmp_path):
    session = record_session(tmp_path / "project", writes=300, seed=5)
    assert session.real == len(session.writes) == 300
    assert "db_syncs=0" not in session.describe()  # a checkpoint happened inside the session
    figures = check_cut_points(session, cut_points=80, seed=5, scratch=tmp_path / "cuts")
    assert figures.cut_points == 80 and figures.acknowledged_writes_checked > 80
    assert (figures.lost, figures.integrity_failures, figures.not_prefix) == (0, 0, 0), figures.examples


@needs_recorder
@pytest.mark.parametrize("synchronous", ["NORMAL", "OFF"])
def test_the_simulation_finds_what_weaker_sync_settings_lose(tmp_path, synchronous):
    session = record_session(tmp_path / "project", writes=300, seed=5, synchronous=synchronous)
    figures = check_cut_points(session, cut_points=80, seed=5, scratch=tmp_path / "cuts")
    assert figures.lost > 0
    if synchronous == "NORMAL":  # the WAL still keeps transactions whole, only not durable
        assert (figures.integrity_failures, figures.not_prefix) == (0, 0)
    else:  # checkpoints that were never synced leave damaged databases behind
        assert figures.integrity_failures > 0
