"""Benchmark: what opening a project for writing costs on a 100,000-report project — the integrity check,
the backup (kept or found equal to one already kept) and a restore.

    .venv/bin/python tests/bench/open_checks.py [--project DIR] [--rows 100000] [--repeat 3]

Builds the project as ``gui_open_100k.py`` does (or uses ``--project``), then times, each ``--repeat``
times, in this process: ``quick_check`` alone; ``open_project(backup=False)`` (what the app waits for:
the check, no copy); ``backup_project`` with nothing changed (copy and compare, nothing kept) and after
one label changed (kept); ``open_project()`` as the command line opens it (check and backup); and one
``restore_backup``. Prints medians and the database size. Run it by path (it imports its neighbour).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from gui_open_100k import build


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--project", type=Path, help="use (or build and keep) the project in this folder")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.project or Path(tmp) / "project"
        if not (root / "project.sqlite").is_file():
            build(root, args.rows)
        measure(root, args.repeat)


def measure(root: Path, repeat: int) -> None:
    from medlabel.core import backups
    from medlabel.core.annotations import set_label
    from medlabel.core.project import open_project, quick_check
    from medlabel.core.schema import load_schema

    size = (root / "project.sqlite").stat().st_size
    print(f"project.sqlite: {size / 1e6:.0f} MB")
    with open_project(root, backup=False) as project:
        backups.backup_project(root, "bench")  # so "unchanged" below really has an equal backup
        check, problem = timed(lambda: quick_check(project.engine), repeat)
        print(f"quick_check: {check:.3f} s ({problem or 'ok'})")
        same, kept = timed(lambda: backups.backup_project(root, "bench"), repeat)
        assert kept is None
        print(f"backup, nothing changed (copy, compare, keep nothing): {same:.3f} s")
        label_set = load_schema(project).label_sets[0]
        flips = iter([label_set.label_names[i % 2] for i in range(repeat * 2)])

        def changed() -> object:
            set_label(project, 1, label_set.name, next(flips), "bench")
            return backups.backup_project(root, "bench")

        kept_time, kept = timed(changed, repeat)
        print(f"backup after one change (copy, compare, keep): {kept_time:.3f} s")

    def reopen(backup: bool) -> None:
        open_project(root, backup=backup).close()

    app, _ = timed(lambda: reopen(False), repeat)
    print(f"open_project(backup=False), as the app opens it: {app:.3f} s")
    cli, _ = timed(lambda: reopen(True), repeat)
    print(f"open_project(), as commands open it (nothing changed since the last backup): {cli:.3f} s")
    t0 = time.perf_counter()
    result = backups.restore_backup(root, backups.list_backups(root)[1])
    print(f"restore_backup (keeps the current state first): {time.perf_counter() - t0:.3f} s")
    kept_now = len(backups.list_backups(root))
    print(f"kept backups: {kept_now} (at most {backups.KEEP}); restored {result.restored.path.name}")


if __name__ == "__main__":
    main()
