"""Ways to break a project the way users' disks and colleagues break them, for the fault tests."""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def damage_documents_page(db: Path) -> None:
    """Overwrite the cell pointers of one leaf page of the documents table (a bad sector's worth)."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root_page, page_size = (
        con.execute("SELECT rootpage FROM sqlite_master WHERE name='documents'").fetchone()[0],
        con.execute("PRAGMA page_size").fetchone()[0],
    )
    con.close()
    with open(db, "r+b") as fh:
        fh.seek(page_size * (root_page - 1))
        page = fh.read(page_size)
        assert page[0] == 5, "the documents table must span more than one page"  # an interior page
        cell = struct.unpack(">H", page[12:14])[0]
        child = struct.unpack(">I", page[cell : cell + 4])[0]
        fh.seek(page_size * (child - 1) + 8)
        fh.write(b"\xee" * 64)


def set_schema_version(db: Path, value: str) -> None:
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value=? WHERE key='schema_version'", (value,))
    con.commit()
    con.close()


def as_other_user(args: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python args`` as an unprivileged user, so that file permissions apply (root ignores them)."""
    command = [sys.executable, *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file permissions cannot be tested")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    env = {**os.environ, "HOME": "/tmp", "PYTHONPATH": str(ROOT)}
    runner = command[: len(command) - len(args)]
    probe = subprocess.run(
        [*runner, "-c", "import medlabel"], capture_output=True, env=env, cwd="/", timeout=60
    )
    if probe.returncode != 0:
        pytest.skip(f"the unprivileged user cannot run this Python: {probe.stderr.decode()[-200:]}")
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd="/")


def world_readable_tmp() -> Path:
    """A folder that the unprivileged user can reach (pytest's own tmp folders are private to root)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="medlabel-perm-"))
    folder.chmod(0o755)
    return folder
