"""Rolling backups of a project's database, and bringing one back.

A backup is a consistent copy of ``project.sqlite`` made with SQLite's online backup API (a reader in WAL
mode: it never blocks the user's writes), kept in ``backups/`` inside the project folder with a small JSON
file that says what it holds. A copy equal to one already kept is not kept again, so opening an unchanged
project again and again does not push older states out; the newest ``KEEP`` backups are kept.

Restoring needs the project's write lock (no window may have it open for writing), first saves the state
it replaces (a backup, or the damaged file set aside), and puts the chosen copy in place with one rename.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from medlabel.core.errors import MedlabelError

BACKUPS_DIR = "backups"
KEEP = 5
# How often the app backs up a project while it is open (only when something changed).
EVERY_MINUTES = 10
_NAME = re.compile(r"^project-(\d{8}T\d{6}\d*Z)\.sqlite$")
# What the database files looked like at the last copy, and that copy's digest (see backup_project).
_LAST_SEEN = "last-copied.json"


def local_time(iso: str) -> str:
    """An ISO time stored in UTC as this computer's local time, to the minute ("2026-12-05 23:01")."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class Summary:
    """What a project database holds, in the words a user checks a backup by."""

    documents: int
    labelled_documents: int
    spans: int
    runs: int
    last_change: str | None

    def __str__(self) -> str:
        last = f", last change {local_time(self.last_change)}" if self.last_change else ""
        return (
            f"{self.documents} document(s), {self.labelled_documents} labelled, {self.spans} span(s), "
            f"{self.runs} run(s){last}"
        )


@dataclass(frozen=True)
class Backup:
    path: Path
    created_at: str
    reason: str
    summary: Summary | None
    sha256: str | None

    @property
    def label(self) -> str:
        return f"{local_time(self.created_at)} ({self.reason})"


@dataclass(frozen=True)
class RestoreResult:
    restored: Backup
    previous_saved_as: Path | None
    previous: Summary | None


def _db(root: Path) -> Path:
    from medlabel.core.project import DB_NAME

    return root / DB_NAME


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # immutable: a backup file is never written again, and its folder may be read-only.
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def summarise(path: Path) -> Summary:
    """Counts from the database file ``path`` (a project or a backup); reading SQLite runs no code."""
    conn = _connect_read_only(path)
    try:

        def one(sql: str) -> object:
            return conn.execute(sql).fetchone()[0]

        return Summary(
            documents=int(one("SELECT count(*) FROM documents")),
            labelled_documents=int(
                one(
                    "SELECT count(*) FROM (SELECT document_id FROM doc_labels UNION "
                    "SELECT document_id FROM spans)"
                )
            ),
            spans=int(one("SELECT count(*) FROM spans")),
            runs=int(one("SELECT count(*) FROM runs")) if _has_table(conn, "runs") else 0,
            last_change=one("SELECT max(at) FROM audit_log"),  # type: ignore[arg-type]
        )
    finally:
        conn.close()


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone()
        is not None
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


def _read_sidecar(path: Path) -> dict:
    return _read_json(path.with_suffix(".json"))


def _file_stamp(root: Path) -> list[int]:
    """Sizes and change times of the database and its WAL: every commit changes the WAL, and every
    checkpoint the database file, so equal stamps mean nothing was written in between."""
    stamp = []
    for path in (_db(root), Path(f"{_db(root)}-wal")):
        try:
            info = path.stat()
        except FileNotFoundError:
            info = None
        # An empty WAL holds nothing; each connection that opens the project makes a new one.
        stamp += [info.st_size, info.st_mtime_ns] if info and info.st_size else [-1, -1]
    return stamp


def list_backups(root: Path | str) -> list[Backup]:
    """The project's backups, newest first."""
    folder = Path(root) / BACKUPS_DIR
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        meta = _read_sidecar(path)
        summary = None
        if isinstance(meta.get("summary"), dict):
            with contextlib.suppress(TypeError):
                summary = Summary(**meta["summary"])
        stamp = match.group(1)
        created = str(meta.get("created_at") or dt.datetime.strptime(stamp[:15], "%Y%m%dT%H%M%S").isoformat())
        found.append(Backup(path, created, str(meta.get("reason", "")), summary, meta.get("sha256")))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def _copy_database(source: Path, target: Path) -> None:
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # One self-contained file: no WAL beside it, so copying or restoring it is one file.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    _fsync(target)


def backup_project(root: Path | str, reason: str = "manual") -> Backup | None:
    """Copy the project's database into ``backups/``; None when a kept backup already holds the same."""
    root = Path(root)
    folder = root / BACKUPS_DIR
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise MedlabelError(
            f"medlabel could not make the backup folder {folder} ({exc.strerror}); "
            "check the folder's permissions",
            code="backup.no_folder",
            path=str(folder),
            reason=str(exc.strerror or exc),
        ) from None
    stamp = _file_stamp(root)
    kept = list_backups(root)
    seen = _read_json(folder / _LAST_SEEN)
    if seen.get("stamp") == stamp and any(b.sha256 == seen.get("sha256") for b in kept):
        return None  # the files have not changed since a copy that equals a kept backup
    partial = folder / f".partial-{os.getpid()}-{uuid.uuid4().hex[:8]}.sqlite"
    try:
        try:
            _copy_database(_db(root), partial)
        except (OSError, sqlite3.Error) as exc:
            raise MedlabelError(
                f"medlabel could not keep a backup of {root} in {folder} ({exc}); "
                "free some disk space or check the folder's permissions",
                code="backup.failed",
                path=str(root),
                folder=str(folder),
                reason=str(exc),
            ) from None
        digest = _sha256(partial)
        # The stamp was read before the copy: a write during it only makes the next check copy again.
        _write_json(folder / _LAST_SEEN, {"stamp": stamp, "sha256": digest})
        if any((b.sha256 or _sha256(b.path)) == digest for b in kept):
            return None  # e.g. reopening right after a restore: that state is kept already
        now = dt.datetime.now(dt.timezone.utc)
        path = folder / f"project-{now.strftime('%Y%m%dT%H%M%S%f')}Z.sqlite"
        summary = summarise(partial)
        meta = {"created_at": now.isoformat(timespec="seconds"), "reason": reason, "sha256": digest}
        _write_json(path.with_suffix(".json"), {**meta, "summary": asdict(summary)})
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    _prune(root)
    return Backup(path, meta["created_at"], reason, summary, digest)


def _prune(root: Path) -> None:
    for old in list_backups(root)[KEEP:]:
        old.path.unlink(missing_ok=True)
        old.path.with_suffix(".json").unlink(missing_ok=True)


def _check_backup_file(path: Path) -> None:
    from medlabel.core.migrations import SCHEMA_VERSION

    try:
        conn = _connect_read_only(path)
        try:
            ok = [r[0] for r in conn.execute("PRAGMA quick_check(1)")]
            row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise MedlabelError(
            f"{path} is not a readable medlabel backup ({exc}); choose another",
            code="backup.unreadable",
            path=str(path),
            problem=str(exc),
        ) from None
    if ok != ["ok"]:
        raise MedlabelError(
            f"{path} is damaged itself ({ok[0]}); choose another backup",
            code="backup.damaged",
            path=str(path),
            problem=str(ok[0]),
        )
    if row is None or not str(row[0]).isdigit() or int(row[0]) > SCHEMA_VERSION:
        raise MedlabelError(
            f"{path} is not a medlabel project database this version can open",
            code="backup.incompatible",
            path=str(path),
        )


def current_state(root: Path | str) -> tuple[Summary | None, str | None]:
    """What the project holds now, or (None, what is wrong) when its database cannot be read as sound."""
    db = _db(Path(root))
    if not db.is_file():
        return None, "the project has no database"
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            ok = [r[0] for r in conn.execute("PRAGMA quick_check(1)")]
        finally:
            conn.close()
        if ok != ["ok"]:
            return None, f"the database is damaged ({ok[0]})"
        return summarise(db), None
    except sqlite3.DatabaseError as exc:
        return None, f"the database is damaged ({exc})"


def resolve_backup(root: Path | str, which: str) -> Backup:
    """A backup by its number in ``list_backups`` (1 = newest) or its file name."""
    backups = list_backups(root)
    if which.isdigit() and 1 <= int(which) <= len(backups):
        return backups[int(which) - 1]
    for backup in backups:
        if backup.path.name == which or str(backup.path) == which:
            return backup
    raise MedlabelError(
        f"there is no backup {which!r} of {root}; "
        + (f"choose a number from 1 to {len(backups)}" if backups else "the project has no backups yet")
    )


def restore_backup(root: Path | str, backup: Backup) -> RestoreResult:
    """Put ``backup`` in place of the project's database; the state it replaces is kept first."""
    from medlabel.core.project import OWNER_NAME, _acquire_lock, _fsync_dir

    root = Path(root).resolve()
    _check_backup_file(backup.path)
    lock = _acquire_lock(root)  # refuses while any window or command has the project open for writing
    try:
        previous, problem = current_state(root)
        saved = _keep_previous(root, problem is None)
        db = _db(root)
        incoming = root / f".{db.name}.restoring-{uuid.uuid4().hex[:8]}"
        try:
            shutil.copyfile(backup.path, incoming)
            _fsync(incoming)
            # The old WAL and shared memory belong to the replaced file; SQLite would apply them to this one.
            for suffix in ("-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            os.replace(incoming, db)
            _fsync_dir(root)
        finally:
            incoming.unlink(missing_ok=True)
    finally:
        (root / OWNER_NAME).unlink(missing_ok=True)
        lock.release()
    return RestoreResult(backup, saved, previous)


def _keep_previous(root: Path, sound: bool) -> Path | None:
    db = _db(root)
    if not db.exists():
        return None
    if sound:
        # Empties the WAL into the file, so nothing committed is only in the log that is then removed.
        conn = sqlite3.connect(db)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        made = backup_project(root, reason="before restore")
        return made.path if made else list_backups(root)[0].path
    folder = root / BACKUPS_DIR
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    aside = folder / f"damaged-{stamp}.sqlite"
    # The damaged file keeps its WAL beside it: together they hold whatever can still be salvaged.
    wal = Path(f"{db}-wal")
    if wal.exists():
        os.replace(wal, Path(f"{aside}-wal"))
    os.replace(db, aside)
    return aside
