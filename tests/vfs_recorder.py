"""Record what SQLite writes to a project's files, and rebuild the files as a power cut would leave them.

The recorder is an SQLite VFS (apsw.VFS) that passes everything to the operating system's VFS ("unix") and
logs, in order, each create, write, truncate, sync and delete of the database file and its -wal (and a
rollback -journal, should one appear), together with the moments the writer acknowledged a write. It is
made the process's default VFS while recording, so the code under test opens the store exactly as it
always does; for that, apsw must use the same SQLite library as Python's sqlite3 module (see
``unavailable_reason``). The -shm file is not recorded: SQLite rebuilds it from the WAL after a crash.

The power-cut model (``Disk``), after SQLite's own crash simulation (src/test6.c) on a device that, like
the unix VFS reports, overwrites safely (SQLITE_IOCAP_POWERSAFE_OVERWRITE: bytes outside a write are never
damaged) but promises no ordering or atomicity:
- everything a file held at its last xSync before the cut is on disk;
- each write or truncate after that sync is, independently of all others, dropped, applied, torn (only
  a prefix of its 512-byte sectors reaches the disk), or trashed (its bytes become random), each with
  probability 1/4 (a truncate: applied or dropped, 1/2 each);
- directory entries: a file created during the session is known to exist only after a directory sync,
  which the unix VFS makes at the first xSync of a new journal or WAL, or at an xDelete that asks for
  one. Before that, the new file may be absent, or present with any subset of its writes (the file
  system may have committed its entry on its own). A deleted file whose deletion was not followed by a
  directory sync may come back with its synced content.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SECTOR = 512


def build_command() -> str:
    """The commands that build apsw against this machine's SQLite (apsw's own setup would download one)."""
    return (
        "apt-get install -y libsqlite3-dev && printf '[build]\\nfetch = False\\nenable_all_extensions = False"
        "\\n[build_ext]\\nuse_system_sqlite_config = True\\n' > /tmp/apsw-system.cfg && "
        "DIST_EXTRA_CONFIG=/tmp/apsw-system.cfg .venv/bin/pip install --no-binary apsw "
        f"'apsw=={sqlite3.sqlite_version}.0'"
    )


def unavailable_reason() -> str | None:
    """Why a VFS registered through apsw would not be seen by Python's sqlite3 here, or None when it would."""
    try:
        import apsw
    except ImportError:
        return f"apsw is not installed; build it against the system SQLite with: {build_command()}"
    rebuild = f"rebuild apsw against the system SQLite with: {build_command()}"
    if apsw.sqlitelibversion() != sqlite3.sqlite_version:
        return (
            f"apsw uses its own SQLite {apsw.sqlitelibversion()}, not the {sqlite3.sqlite_version} that "
            f"Python's sqlite3 uses, so its VFS cannot carry the store's writes; {rebuild}"
        )
    probe = apsw.VFS("medlabel-probe", "unix")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            conn = sqlite3.connect(f"file:{tmp}/probe.sqlite?vfs=medlabel-probe", uri=True)
            conn.close()
    except sqlite3.OperationalError as exc:
        return f"apsw and Python's sqlite3 load different SQLite libraries ({exc}); {rebuild}"
    finally:
        probe.unregister()
    return None


@dataclass(frozen=True)
class FileOp:
    """One entry of the log. ``kind``: create, write, truncate, sync, delete or ack."""

    kind: str
    file: str = ""  # the file's name in the project folder; "" for an ack
    offset: int = 0  # write: where; truncate: the new size; ack: writes acknowledged so far
    data: bytes = b""
    dir_sync: bool = False  # sync or delete that also made the folder's entries durable


@dataclass
class Recorder:
    """The log of one recorded session on the database at ``db_path``."""

    db_path: Path
    base: dict[str, bytes] = field(default_factory=dict)  # the files before the session
    log: list[FileOp] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.db_path = Path(os.path.realpath(self.db_path))
        self.names = {self.db_path.name + suffix for suffix in ("", "-wal", "-journal")}
        for name in self.names:
            path = self.db_path.parent / name
            if path.exists():
                self.base[name] = path.read_bytes()

    def tracked(self, path: str | None) -> str | None:
        """The name of ``path`` if it is one of the recorded files, else None."""
        if path is None:
            return None
        real = Path(os.path.realpath(path))
        return real.name if real.parent == self.db_path.parent and real.name in self.names else None

    def ack(self, count: int) -> None:
        self.log.append(FileOp("ack", offset=count))


@contextlib.contextmanager
def recording(db_path: Path) -> Iterator[Recorder]:
    """Record every change to ``db_path``'s files made by any SQLite connection opened inside the block."""
    import apsw

    recorder = Recorder(db_path)
    base_vfs = "unix"
    unsynced_new: set[str] = set()  # files created here that have not had their first (directory) sync

    class File(apsw.VFSFile):
        def __init__(self, name: object, flags: list[int], tracked: str | None) -> None:
            super().__init__(base_vfs, name, flags)
            self.tracked = tracked

        def xWrite(self, data: bytes, offset: int) -> None:
            super().xWrite(data, offset)
            if self.tracked:
                recorder.log.append(FileOp("write", self.tracked, offset, bytes(data)))

        def xTruncate(self, newsize: int) -> None:
            super().xTruncate(newsize)
            if self.tracked:
                recorder.log.append(FileOp("truncate", self.tracked, newsize))

        def xSync(self, flags: int) -> None:
            super().xSync(flags)
            if self.tracked:
                # The unix VFS fsyncs the folder at the first sync of a journal or WAL it created.
                dir_sync = self.tracked in unsynced_new
                unsynced_new.discard(self.tracked)
                recorder.log.append(FileOp("sync", self.tracked, dir_sync=dir_sync))

    class Vfs(apsw.VFS):
        def __init__(self) -> None:
            super().__init__("medlabel-recorder", base_vfs, makedefault=True)

        def xOpen(self, name: object, flags: list[int]) -> apsw.VFSFile:
            path = name.filename() if isinstance(name, apsw.URIFilename) else name
            tracked = recorder.tracked(path)
            existed = tracked is not None and os.path.exists(path)
            file = File(name, flags, tracked)
            if tracked and not existed:
                unsynced_new.add(tracked)
                recorder.log.append(FileOp("create", tracked))
            return file

        def xDelete(self, filename: str, syncdir: bool) -> None:
            super().xDelete(filename, syncdir)
            tracked = recorder.tracked(filename)
            if tracked:
                unsynced_new.discard(tracked)
                recorder.log.append(FileOp("delete", tracked, dir_sync=bool(syncdir)))

    vfs = Vfs()
    try:
        yield recorder
    finally:
        vfs.unregister()


class Disk:
    """What survives a power cut, replaying a recorded log one operation at a time (see the module doc)."""

    def __init__(self, base: dict[str, bytes]) -> None:
        self.synced: dict[str, bytearray] = {name: bytearray(data) for name, data in base.items()}
        self.pending: dict[str, list[FileOp]] = {name: [] for name in base}
        self.entry_durable: set[str] = set(base)  # live files whose folder entry survives a cut
        self.ghosts: dict[str, tuple[bytearray, list[FileOp]]] = {}  # deleted, not durably

    def step(self, op: FileOp) -> None:
        name = op.file
        if op.kind == "create":
            self.synced[name] = bytearray()
            self.pending[name] = []
        elif op.kind in ("write", "truncate"):
            self.pending[name].append(op)
        elif op.kind == "sync":
            self.synced[name] = settle(self.synced[name], self.pending[name], None)
            self.pending[name] = []
            if op.dir_sync:
                self._dir_sync()
        elif op.kind == "delete":
            if name in self.entry_durable:
                self.ghosts[name] = (self.synced[name], self.pending[name])
            self.entry_durable.discard(name)
            self.synced.pop(name, None)
            self.pending.pop(name, None)
            if op.dir_sync:
                self._dir_sync()

    def _dir_sync(self) -> None:
        self.entry_durable = set(self.synced)
        self.ghosts.clear()

    def crash(self, rng: random.Random) -> dict[str, bytes]:
        """The files a power cut now would leave (absent ones left out), drawn at random from the model."""
        images: dict[str, bytes] = {}
        for name in sorted(set(self.synced) | set(self.ghosts)):
            if name in self.entry_durable:
                images[name] = bytes(settle(self.synced[name], self.pending[name], rng))
                continue
            versions: list[tuple[bytearray, list[FileOp]] | None] = [None]  # absent
            if name in self.ghosts:
                versions.append(self.ghosts[name])
            if name in self.synced:
                versions.append((self.synced[name], self.pending[name]))
            chosen = rng.choice(versions)
            if chosen is not None:
                images[name] = bytes(settle(chosen[0], chosen[1], rng))
        return images


def settle(synced: bytearray, pending: list[FileOp], rng: random.Random | None) -> bytearray:
    """``synced`` with ``pending`` applied: all of them (rng None: a sync), or each as the model draws."""
    buf = bytearray(synced)
    for op in pending:
        if op.kind == "truncate":
            if rng is None or rng.random() < 0.5:
                del buf[op.offset :]
                buf.extend(bytes(max(0, op.offset - len(buf))))
            continue
        data = op.data
        fate = "applied" if rng is None else rng.choice(("dropped", "applied", "torn", "trashed"))
        if fate == "dropped":
            continue
        if fate == "torn":
            # Sector boundaries lie at multiples of 512 in the file, not of the write.
            cuts = [
                b - op.offset
                for b in range((op.offset // SECTOR + 1) * SECTOR, op.offset + len(data), SECTOR)
            ]
            keep = rng.choice([0, *cuts])  # never the whole write
            data = data[:keep]
        elif fate == "trashed":
            data = rng.randbytes(len(data))
        if not data:
            continue
        end = op.offset + len(data)
        if len(buf) < end:
            buf.extend(bytes(end - len(buf)))
        buf[op.offset : end] = data
    return buf
