"""Opening, creating and locking a project folder.

A project is a folder holding ``project.sqlite`` (the one source of truth) and ``runs/``. One process
at a time may write: it holds ``project.lock`` (an OS file lock, released by the OS even when the
process is killed), and any other writer is refused at once with a message that names the holder,
instead of waiting on SQLite's lock or corrupting anything. Readers need no lock.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from medlabel.core import migrations
from medlabel.core.errors import ProjectError, ProjectLockedError, ReadOnlyProjectError

DB_NAME = "project.sqlite"
LOCK_NAME = "project.lock"
OWNER_NAME = "project.lock.owner"
RUNS_DIR = "runs"


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


class Project:
    """An open project: its folder, its database engine, and whether it may be written."""

    def __init__(self, root: Path, engine: Engine, read_only: bool, lock: FileLock | None) -> None:
        self.root = root
        self.engine = engine
        self.read_only = read_only
        self._lock = lock

    @property
    def name(self) -> str:
        return self.root.name

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def runs_dir(self) -> Path:
        return self.root / RUNS_DIR

    def require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyProjectError(
                f"the project {self.root} is open read-only, so nothing can be changed; "
                "close it in the other window and open it again to edit"
            )

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            (self.root / OWNER_NAME).unlink(missing_ok=True)
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _sqlite_engine(db_path: Path, read_only: bool) -> Engine:
    url = f"sqlite:///file:{db_path}?mode=ro&uri=true" if read_only else f"sqlite:///{db_path}"
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" below open every transaction: the sqlite3 module's own handling
        # would run DDL outside the transaction, so a failed migration could leave half a schema.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if not read_only:
            # WAL + FULL: a commit is on disk before the call returns, and a crash never corrupts.
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        # Another process's checkpoint may hold the database for a moment; wait briefly, never hang.
        cur.execute("PRAGMA busy_timeout=5000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN")

    return engine


def _acquire_lock(root: Path) -> FileLock:
    lock = FileLock(str(root / LOCK_NAME), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise ProjectLockedError(_locked_message(root)) from None
    owner = {"pid": os.getpid(), "host": socket.gethostname(), "since": utc_now()}
    (root / OWNER_NAME).write_text(json.dumps(owner), encoding="utf-8")
    return lock


def _locked_message(root: Path) -> str:
    who = "another medlabel window or process"
    try:
        owner = json.loads((root / OWNER_NAME).read_text(encoding="utf-8"))
        who = f"another medlabel process (pid {owner['pid']} on {owner['host']}, since {owner['since']})"
    except (OSError, ValueError, KeyError):
        pass
    return (
        f"the project {root} is already open for writing by {who}. "
        "Close it there first, or open this project read-only."
    )


def create_project(root: Path | str) -> Project:
    """Create a new, empty project folder (the folder may exist but must not hold a project)."""
    root = Path(root).resolve()
    if (root / DB_NAME).exists():
        raise ProjectError(f"{root} already holds a medlabel project; open it instead of creating one")
    if root.exists() and not root.is_dir():
        raise ProjectError(f"{root} is a file, not a folder; choose a folder for the project")
    root.mkdir(parents=True, exist_ok=True)
    (root / RUNS_DIR).mkdir(exist_ok=True)
    lock = _acquire_lock(root)
    try:
        engine = _sqlite_engine(root / DB_NAME, read_only=False)
        with engine.begin() as conn:
            migrations.create_schema(conn)
            conn.execute(migrations.tables.meta.insert().values(key="created_at", value=utc_now()))
    except Exception:
        lock.release()
        raise
    return Project(root, engine, read_only=False, lock=lock)


def discard_new_project(root: Path, existed: bool) -> None:
    """Remove a project that was created moments ago by a step that then failed, so no half-made
    project is left; when the folder existed before, only the project's own files are removed."""
    root = Path(root)
    if not existed:
        shutil.rmtree(root, ignore_errors=True)
        return
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", LOCK_NAME, OWNER_NAME, RUNS_DIR):
        target = root / name
        if target.is_dir():
            shutil.rmtree(target, ignore_errors=True)
        else:
            target.unlink(missing_ok=True)


def open_project(root: Path | str, read_only: bool = False) -> Project:
    """Open an existing project; for writing unless ``read_only``. Upgrades an older schema."""
    root = Path(root).resolve()
    db = root / DB_NAME
    if not db.is_file():
        raise ProjectError(
            f"{root} is not a medlabel project (there is no {DB_NAME} in it); "
            "create a project with 'medlabel demo' or 'medlabel import'"
        )
    lock = None if read_only else _acquire_lock(root)
    try:
        engine = _sqlite_engine(db, read_only=read_only)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1 FROM meta LIMIT 1"))
        except DBAPIError as exc:  # a foreign or damaged file
            engine.dispose()
            raise ProjectError(
                f"{db} cannot be read as a medlabel project database ({exc.orig}); restore it from a backup"
            ) from None
        with engine.begin() as conn:
            if read_only:
                version = migrations.read_version(conn)
                if version != migrations.SCHEMA_VERSION:
                    raise ProjectError(
                        f"the project has schema version {version}; open it once for writing to upgrade"
                        if version < migrations.SCHEMA_VERSION
                        else f"the project was written by a newer medlabel (schema version {version})"
                    )
            else:
                migrations.upgrade(conn)
    except Exception:
        if lock is not None:
            lock.release()
        raise
    return Project(root, engine, read_only=read_only, lock=lock)


def integrity_check(project: Project) -> str:
    """SQLite's own consistency check: ``'ok'`` for a sound database."""
    with project.engine.connect() as conn:
        return str(conn.execute(text("PRAGMA integrity_check")).scalar())
