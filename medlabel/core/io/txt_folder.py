"""Read plain-text documents: every ``*.txt`` file in a folder (not its subfolders), or one .txt file.

The file's stem is the document's id; its name goes into metadata as ``filename``. Each file's
encoding is detected on its own, as for CSV files.
"""

from __future__ import annotations

from pathlib import Path

from medlabel.core.errors import ImportFormatError
from medlabel.core.io._common import decode_bytes
from medlabel.core.records import DocRecord, ImportBatch, ImportOptions

_LISTED = 3


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise ImportFormatError(path, "neither a folder nor a file")
    try:
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
    except OSError as exc:
        raise ImportFormatError(path, f"cannot list the folder: {exc.strerror or exc}") from None
    if not files:
        raise ImportFormatError(path, "the folder holds no .txt files")
    return files


def _encoding_notes(by_encoding: dict[str, list[str]]) -> list[str]:
    notes = []
    for encoding, names in by_encoding.items():
        if len(names) == 1:
            notes.append(f"{names[0]} read as {encoding} because it is not valid UTF-8")
            continue
        shown = ", ".join(names[:_LISTED]) + (", ..." if len(names) > _LISTED else "")
        notes.append(f"{len(names)} files read as {encoding} because they are not valid UTF-8 ({shown})")
    return notes


def read(path: Path, options: ImportOptions) -> ImportBatch:
    """One document per .txt file; texts are kept exactly (only a UTF-8 BOM is dropped)."""
    path = Path(path)
    docs = []
    not_utf8: dict[str, list[str]] = {}
    for file in _files(path):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise ImportFormatError(file, f"cannot read the file: {exc.strerror or exc}") from None
        text, encoding = decode_bytes(data, options.encoding, file)
        if not options.encoding and encoding not in {"utf-8", "utf-8-sig"}:
            not_utf8.setdefault(encoding, []).append(file.name)
        docs.append(
            DocRecord(
                text=text,
                external_id=file.stem,
                metadata={"filename": file.name},
                origin=f"file {file.name}",
            )
        )
    return ImportBatch(source=str(path), documents=docs, notes=_encoding_notes(not_utf8))
