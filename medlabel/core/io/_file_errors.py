"""OSErrors met while reading an import file or folder, turned into one sentence for the user.

Readers wrap their work in :func:`reading`; an unreadable file, a folder that may not be listed, a
file that vanished or a failing disk then become an :class:`ImportFormatError` naming the file,
wherever the error came from (our own ``open``, pandas, openpyxl, a folder listing).
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path

from medlabel.core.errors import ImportFormatError


def file_error(path: Path | str, exc: OSError) -> ImportFormatError:
    """The error to show for ``exc``, raised while reading ``path`` (or the file ``exc`` names)."""
    where = Path(exc.filename) if isinstance(exc.filename, (str, Path)) and exc.filename else Path(path)
    what = "folder" if _is_dir(where) else "file"
    if isinstance(exc, PermissionError):
        problem = f"medlabel may not read this {what}: permission denied; check the {what}'s permissions"
        code = "import.permission_denied"
    elif isinstance(exc, FileNotFoundError):
        problem = f"the {what} does not exist (was it moved, renamed or deleted?)"
        code = "import.missing"
    elif isinstance(exc, IsADirectoryError):
        problem = "this is a folder, not a file; choose a file, or the txt or brat format for a folder"
        code = "import.is_a_folder"
    elif isinstance(exc, NotADirectoryError):
        problem = "a part of this path is a file, not a folder; check the path"
        code = "import.bad_path"
    elif exc.errno == errno.EIO:
        problem = f"the disk reported an error while reading this {what}; copy it to a local disk and retry"
        code = "import.disk_error"
    else:
        problem = f"cannot read this {what}: {exc.strerror or exc}"
        code = "import.os_error"
    return ImportFormatError(
        where, problem, code=code, folder=what == "folder", reason=str(exc.strerror or exc)
    )


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


@contextlib.contextmanager
def reading(path: Path | str) -> Iterator[None]:
    """Turn any OSError raised inside the block into an :class:`ImportFormatError` (see above)."""
    try:
        yield
    except OSError as exc:
        raise file_error(path, exc) from None


def list_folder(path: Path) -> list[Path]:
    """The entries of ``path``; unlike ``Path.glob``, an unreadable folder raises instead of looking empty."""
    with reading(path):
        return sorted(path.iterdir())
