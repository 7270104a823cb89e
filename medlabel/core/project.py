"""Opening, creating and locking a project folder.

A project is a folder holding ``project.sqlite`` (the one source of truth) and ``runs/``. One process
at a time may write: it holds ``project.lock`` (an OS file lock, released by the OS even when the
process is killed), and any other writer is refused at once with a message that names the holder,
instead of waiting on SQLite's lock or corrupting anything. Readers need no lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import shutil
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from medlabel.core import migrations
from medlabel.core.errors import (
    DamagedProjectError,
    ProjectError,
    ProjectLockedError,
    ProjectNotWritableError,
    ReadOnlyProjectError,
)

DB_NAME = "project.sqlite"
LOCK_NAME = "project.lock"
OWNER_NAME = "project.lock.owner"
RUNS_DIR = "runs"
# Hidden build folders of new projects (see ``building_project``).
STAGING_PREFIX = ".medlabel-new-"


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
                "close it in the other window and open it again to edit",
                code="project.read_only",
                path=str(self.root),
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


def _sqlite_engine(db_path: Path, read_only: bool, immutable: bool = False) -> Engine:
    if immutable:
        url = f"sqlite:///file:{db_path}?mode=ro&immutable=1&uri=true"
    elif read_only:
        url = f"sqlite:///file:{db_path}?mode=ro&uri=true"
    else:
        url = f"sqlite:///{db_path}"
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
        raise _locked(root) from None
    except OSError as exc:
        raise _permission_problem(root, exc, "open for writing", code="project.cannot_lock") from None
    owner = {"pid": os.getpid(), "host": socket.gethostname(), "since": utc_now()}
    try:
        (root / OWNER_NAME).write_text(json.dumps(owner), encoding="utf-8")
    except OSError as exc:
        lock.release()
        raise _permission_problem(root, exc, "open for writing", code="project.cannot_lock") from None
    return lock


def _locked(root: Path) -> ProjectLockedError:
    """The refusal for a project another process holds; names that process when its note is readable."""
    who = "another medlabel window or process"
    holder: dict[str, str] = {}
    try:
        owner = json.loads((root / OWNER_NAME).read_text(encoding="utf-8"))
        holder = {key: str(owner[key]) for key in ("pid", "host", "since")}
        who = f"another medlabel process (pid {holder['pid']} on {holder['host']}, since {holder['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        holder = {}
    return ProjectLockedError(
        f"the project {root} is already open for writing by {who}. "
        "Close it there first, or open this project read-only.",
        code="project.locked",
        path=str(root),
        **holder,
    )


def _fsync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` durable (POSIX only; Windows has no directory handles)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _permission_problem(
    path: Path, exc: OSError, doing: str, advice: str = "", *, code: str
) -> ProjectNotWritableError:
    read_only_disk = exc.errno == errno.EROFS
    why = "the disk or share is read-only" if read_only_disk else (exc.strerror or "permission denied")
    advice = advice or (
        "Check the folder's permissions, or copy the project to a folder of your own; "
        "it can still be opened read-only"
    )
    return ProjectNotWritableError(
        f"medlabel cannot {doing} {path} ({why.lower()}). {advice}",
        code=code,
        path=str(path),
        reason=why.lower(),
        read_only_disk=read_only_disk,
    )


def _writable(root: Path) -> bool:
    db = root / DB_NAME
    wal = root / f"{DB_NAME}-wal"
    return (
        os.access(root, os.W_OK) and os.access(db, os.W_OK) and (not wal.exists() or os.access(wal, os.W_OK))
    )


def _check_readable(root: Path) -> None:
    db = root / DB_NAME
    if not root.exists():
        raise ProjectError(
            f"there is no folder {root}; check the path", code="project.no_folder", path=str(root)
        )
    if not root.is_dir():
        raise ProjectError(
            f"{root} is a file, not a project folder", code="project.not_a_folder", path=str(root)
        )
    if not os.access(root, os.R_OK | os.X_OK):
        raise ProjectError(
            f"medlabel may not look into the folder {root} (permission denied); check its permissions",
            code="project.folder_not_readable",
            path=str(root),
        )
    if not db.is_file():
        raise ProjectError(
            f"{root} is not a medlabel project (there is no {DB_NAME} in it); "
            "create a project from a file of reports or from a demo first",
            code="project.not_a_project",
            path=str(root),
            file=DB_NAME,
        )
    if not os.access(db, os.R_OK):
        raise ProjectError(
            f"medlabel may not read {db} (permission denied); check the file's permissions",
            code="project.database_not_readable",
            path=str(db),
        )


def _staging_dirs(root: Path) -> tuple[Path, str]:
    """Where a new project for ``root`` is built, and the name pattern of such build folders: inside
    ``root`` when the folder exists (other files may live there), else beside it."""
    if root.is_dir():
        return root, f"{STAGING_PREFIX}*"
    return root.parent, f".{root.name}{STAGING_PREFIX}*"


def _remove_abandoned_builds(parent: Path, pattern: str) -> None:
    """Build folders of killed imports: their lock is free and they are older than a minute (a live
    build holds its lock from its first moments)."""
    for folder in parent.glob(pattern):
        try:
            if not folder.is_dir() or time.time() - folder.stat().st_mtime < 60:
                continue
            lock = FileLock(str(folder / LOCK_NAME), timeout=0)
            lock.acquire()
        except (OSError, Timeout):
            continue
        lock.release()
        shutil.rmtree(folder, ignore_errors=True)


def _missing_ancestors(path: Path) -> list[Path]:
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    return missing


def _init_project(folder: Path) -> Project:
    folder.mkdir()
    lock = _acquire_lock(folder)
    try:
        (folder / RUNS_DIR).mkdir()
        engine = _sqlite_engine(folder / DB_NAME, read_only=False)
        with engine.begin() as conn:
            migrations.create_schema(conn)
            conn.execute(migrations.tables.meta.insert().values(key="created_at", value=utc_now()))
    except BaseException:
        lock.release()
        raise
    return Project(folder, engine, read_only=False, lock=lock)


def _seal(project: Project) -> None:
    """Fold the WAL into the database file and close it, so that one file holds the whole project."""
    with project.engine.connect() as conn:
        busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
    project.close()
    wal = project.root / f"{DB_NAME}-wal"
    if (busy and busy[0]) or (wal.exists() and wal.stat().st_size):
        raise ProjectError(
            f"the new project in {project.root} could not be completed (its log is busy)",
            code="project.not_completed",
            path=str(project.root),
        )


def _publish(staging: Path, root: Path, inside: bool) -> None:
    if not inside:
        try:
            os.rename(staging, root)
        except OSError as exc:
            raise ProjectError(
                f"{root} appeared while the project was being made ({exc.strerror}); choose another folder",
                code="project.folder_appeared",
                path=str(root),
            ) from None
        _fsync_dir(root.parent)
        return
    target = root / DB_NAME
    try:
        # A hard link never replaces an existing file, so a project made meanwhile by someone else wins.
        os.link(staging / DB_NAME, target)
    except FileExistsError:
        raise _made_meanwhile(root) from None
    except OSError:  # file systems without hard links (FAT, some network shares)
        if target.exists():
            raise _made_meanwhile(root) from None
        os.rename(staging / DB_NAME, target)
    (root / RUNS_DIR).mkdir(exist_ok=True)
    _fsync_dir(root)
    shutil.rmtree(staging, ignore_errors=True)


def _made_meanwhile(root: Path) -> ProjectError:
    return ProjectError(
        f"{root} came to hold a project while this one was being made",
        code="project.made_meanwhile",
        path=str(root),
    )


@contextlib.contextmanager
def building_project(root: Path | str, backup: bool = True) -> Iterator[Project]:
    """A new project that appears at ``root`` only when the ``with`` block ends without an error.

    It is built in a hidden folder beside ``root`` (or inside it, when the folder exists) and then put in
    place in one rename, so a failed or killed import leaves nothing a user could take for a project, and
    nothing that was in ``root`` before is touched. The yielded project is closed when the block ends;
    with ``backup`` its first state is also kept in ``backups/``.
    """
    root = Path(root).resolve()
    if (root / DB_NAME).exists():
        raise ProjectError(
            f"{root} already holds a medlabel project; open it instead of creating one",
            code="project.exists",
            path=str(root),
        )
    if root.exists() and not root.is_dir():
        raise ProjectError(
            f"{root} is a file, not a folder; choose a folder for the project",
            code="project.not_a_folder",
            path=str(root),
        )
    if (root / RUNS_DIR).exists() and not (root / RUNS_DIR).is_dir():
        raise ProjectError(
            f"{root / RUNS_DIR} is a file; the project needs that name for its runs folder",
            code="project.runs_is_file",
            path=str(root / RUNS_DIR),
        )
    inside = root.is_dir()
    made = [] if inside else _missing_ancestors(root.parent)
    try:
        for folder in reversed(made):
            folder.mkdir()
        parent, pattern = _staging_dirs(root)
        _remove_abandoned_builds(parent, pattern)
        staging = parent / pattern.replace("*", f"{os.getpid()}-{uuid.uuid4().hex[:8]}")
        project = _init_project(staging)
    except OSError as exc:
        for folder in made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise _permission_problem(
            root if inside else root.parent,
            exc,
            "create a project in",
            "Choose a folder you may write to, such as one in your home folder",
            code="project.cannot_create",
        ) from None
    try:
        yield project
        _seal(project)
        _publish(staging, root, inside)
    except BaseException:
        project.close()
        shutil.rmtree(staging, ignore_errors=True)
        for folder in made:  # parents this call created, innermost first, if nothing else went there
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    if backup:
        from medlabel.core.backups import backup_project

        backup_project(root, reason="created")


def create_project(root: Path | str) -> Project:
    """Create a new, empty project folder (the folder may exist but must not hold a project)."""
    with building_project(root, backup=False):
        pass
    return open_project(root, backup=False)


def open_project(root: Path | str, read_only: bool = False, backup: bool = True) -> Project:
    """Open an existing project; for writing unless ``read_only``.

    Opening for writing checks the database first (a damaged one is refused before anything is written
    to it), keeps a backup when it changed since the last one (``backup``; a caller that makes it in the
    background passes False, but an upgrade always has one first), and upgrades an older schema.
    A folder this user may not change opens read-only when asked to, and is refused for writing.
    """
    root = Path(root).resolve()
    _check_readable(root)
    writable = _writable(root)
    if not read_only and not writable:
        raise ProjectNotWritableError(
            f"the project {root} can be read but not changed by you (its folder or database is read-only). "
            "Open it read-only, or copy it to a folder of your own to edit it",
            code="project.not_writable",
            path=str(root),
        )
    lock = None if read_only else _acquire_lock(root)
    try:
        # A read-only folder cannot hold SQLite's shared-memory file: read it as an unchanging file,
        # unless changes are still in its log (a copy taken while open), which only SQLite can fold in.
        wal = root / f"{DB_NAME}-wal"
        unflushed = wal.exists() and wal.stat().st_size > 0
        immutable = read_only and not writable and not unflushed
        engine = _sqlite_engine(root / DB_NAME, read_only=read_only, immutable=immutable)
        try:
            _open_checks(engine, root, read_only, backup)
        except BaseException:
            engine.dispose()
            raise
    except BaseException:
        if lock is not None:
            (root / OWNER_NAME).unlink(missing_ok=True)
            lock.release()
        raise
    return Project(root, engine, read_only=read_only, lock=lock)


def _damaged(root: Path, problem: str) -> DamagedProjectError:
    # The command-line advice is for the CLI, which prints this message; the app words its own.
    return DamagedProjectError(
        f"the project database {root / DB_NAME} is damaged ({problem}); nothing was changed. "
        "Bring back a backup: in the app with Project → Restore from a backup…, or with "
        f"'medlabel restore {root}'",
        problem,
        path=str(root),
    )


def _open_checks(engine: Engine, root: Path, read_only: bool, backup: bool) -> None:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1 FROM meta LIMIT 1"))
    except DBAPIError as exc:
        message = str(exc.orig)
        if read_only and not _writable(root) and ("unable to open" in message or "readonly" in message):
            raise ProjectError(
                f"the project {root} was not closed cleanly (its last changes are still in "
                f"{DB_NAME}-wal) and its folder is read-only, so medlabel cannot read them in; "
                "open it once where you may write (or copy the folder to one of your own)",
                code="project.unclean_read_only",
                path=str(root),
                file=f"{DB_NAME}-wal",
            ) from None
        if "no such table" in message or "not a database" in message:
            raise ProjectError(
                f"{root / DB_NAME} is not a medlabel project database ({message}); "
                "if it was one, bring back a backup",
                code="project.not_a_database",
                path=str(root / DB_NAME),
                problem=message,
            ) from None
        raise _damaged(root, message) from None
    with engine.begin() as conn:
        version = migrations.read_version(conn)
        if version > migrations.SCHEMA_VERSION:
            # Checked here, before the backup an upgrade makes, so the refusal is the same either way.
            raise ProjectError(
                f"the project was written by a newer medlabel (schema version {version}, this one knows "
                f"up to {migrations.SCHEMA_VERSION}); update medlabel to open it",
                code="project.too_new",
                path=str(root),
                version=version,
                known=migrations.SCHEMA_VERSION,
            )
        if read_only:
            if version != migrations.SCHEMA_VERSION:
                raise ProjectError(
                    f"the project has schema version {version}; open it once for writing to upgrade",
                    code="project.needs_upgrade",
                    path=str(root),
                    version=version,
                )
            return
    problem = quick_check(engine)
    if problem is not None:
        raise _damaged(root, problem)
    # Always before an upgrade, so the last state the older version wrote stays restorable.
    if backup or version < migrations.SCHEMA_VERSION:
        from medlabel.core.backups import backup_project

        backup_project(root, reason="open")
    with engine.begin() as conn:
        migrations.upgrade(conn)


def quick_check(engine: Engine) -> str | None:
    """None when SQLite's quick check finds the database sound, else its first complaint."""
    try:
        with engine.connect() as conn:
            rows = [str(r[0]) for r in conn.execute(text("PRAGMA quick_check(5)"))]
    except DBAPIError as exc:
        return str(exc.orig)
    if rows == ["ok"]:
        return None
    lines = [line for row in rows for line in row.splitlines() if line and not line.startswith("***")]
    return "; ".join(lines[:2])


def integrity_check(project: Project) -> str:
    """SQLite's own consistency check: ``'ok'`` for a sound database."""
    with project.engine.connect() as conn:
        return str(conn.execute(text("PRAGMA integrity_check")).scalar())
