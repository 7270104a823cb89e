"""Read plain-text documents: every ``*.txt`` file in a folder (not its subfolders), or one .txt file.

The file's stem is the document's id; its name goes into metadata as ``filename``. Each file's
encoding is detected on its own, as for CSV files, and each file that is binary data is refused.
"""

from __future__ import annotations

from pathlib import Path

from medlabel.core.errors import ImportFormatError
from medlabel.core.io._decoding import decode
from medlabel.core.io._file_errors import list_folder, reading
from medlabel.core.io._limits import too_long
from medlabel.core.records import DocRecord, ImportBatch, ImportOptions

_LISTED = 3
# No encoding takes more than 4 bytes a character, so a bigger file is too long without reading it.
_MAX_BYTES_PER_CHAR = 4


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise ImportFormatError(path, "neither a folder nor a file", code="import.not_a_file")
    files = [p for p in list_folder(path) if p.suffix.lower() == ".txt" and p.is_file()]
    if not files:
        raise ImportFormatError(path, "the folder holds no .txt files", code="import.empty_folder")
    return files


def _encoding_notes(by_encoding: dict[str, list[str]], how: str) -> list[str]:
    notes = []
    for encoding, names in by_encoding.items():
        one = len(names) == 1
        unsure = (
            f"; {'its' if one else 'their'} encoding could not be told for sure: check letters such as ä, "
            "é or € and choose the encoding if they look wrong"
            if how == "guessed"
            else ""
        )
        if one:
            notes.append(f"{names[0]} read as {encoding} because it is not valid UTF-8{unsure}")
            continue
        shown = ", ".join(names[:_LISTED]) + (", ..." if len(names) > _LISTED else "")
        notes.append(
            f"{len(names)} files read as {encoding} because they are not valid UTF-8 ({shown}){unsure}"
        )
    return notes


def read(path: Path, options: ImportOptions) -> ImportBatch:
    """One document per .txt file; texts are kept exactly (only a byte-order mark is dropped)."""
    path = Path(path)
    docs = []
    detected: dict[str, dict[str, list[str]]] = {"detected": {}, "guessed": {}}
    other_notes: list[str] = []
    with reading(path):
        for file in _files(path):
            with reading(file):
                size = file.stat().st_size
                if size > _MAX_BYTES_PER_CHAR * options.max_document_chars:
                    chars = size // _MAX_BYTES_PER_CHAR
                    raise too_long(
                        path, chars, options.max_document_chars, f"file {file.name}", at_least=True
                    )
                data = file.read_bytes()
            text, decoding = decode(data, file, options.encoding)
            if decoding.how in detected:
                detected[decoding.how].setdefault(decoding.encoding, []).append(file.name)
            elif decoding.mixed:
                other_notes.append(decoding.note(file.name) or "")
            elif note := decoding.note("it"):
                other_notes.append(f"{file.name} {note}")
            docs.append(
                DocRecord(
                    text=text,
                    external_id=file.stem,
                    metadata={"filename": file.name},
                    origin=f"file {file.name}",
                )
            )
    notes = [note for how, found in detected.items() for note in _encoding_notes(found, how)]
    return ImportBatch(source=str(path), documents=docs, notes=notes + other_notes)
