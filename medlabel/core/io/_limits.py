"""The readers' limits on document length, columns and archive size (defaults and reasons in
:mod:`medlabel.core.records`). Each refusal names the file, the place, the limit and how to raise it.
The raising is a command-line option, so the message names it and the app, which has no such setting,
words the refusal from its code and params instead.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from medlabel.core.errors import ImportFormatError
from medlabel.core.records import ImportBatch, ImportOptions

# Parts this small may compress as well as they like (Apache POI's GRACE_ENTRY_SIZE).
GRACE_BYTES = 100 * 1024


def too_long(
    path: Path | str, chars: int, limit: int, location: str | None, at_least: bool = False
) -> ImportFormatError:
    return ImportFormatError(
        path,
        f"the text has {'at least ' if at_least else ''}{chars:,} characters, more than the limit of "
        f"{limit:,} for one document (about {max(limit // 3_300, 1):,} pages); split it into smaller "
        "documents, or raise the limit with --max-document-chars",
        location,
        code="import.too_long",
        length=chars,
        at_least=at_least,
        limit=limit,
        setting="max_document_chars",
    )


def check_documents(batch: ImportBatch, options: ImportOptions, path: Path | str) -> None:
    """Refuse the batch if a document is longer than ``options.max_document_chars``."""
    limit = options.max_document_chars
    for doc in batch.documents:
        if len(doc.text) > limit:
            raise too_long(path, len(doc.text), limit, doc.origin)


def too_many_columns(path: Path | str, count: int, limit: int, location: str | None) -> ImportFormatError:
    return ImportFormatError(
        path,
        f"the table has {count:,} columns, more than the limit of {limit:,}; this usually means a wrong "
        "delimiter or a damaged export. Check the file, or raise the limit with --max-columns",
        location,
        code="import.too_many_columns",
        count=count,
        limit=limit,
        setting="max_columns",
    )


def _size(n: int) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 1e9 else f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n:,} bytes"


def check_archive(path: Path, options: ImportOptions) -> None:
    """Refuse a zip (an .xlsx) whose parts unpack beyond the limits, before anything unpacks them.

    ``ZipInfo.file_size`` can be trusted: Python's zipfile stops at it and checks the CRC, so a part
    that claims less than it holds fails instead of unpacking more.
    """
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > options.max_archive_bytes:
        raise ImportFormatError(
            path,
            f"the workbook unpacks to {_size(total)}, more than the limit of "
            f"{_size(options.max_archive_bytes)}; export the sheet as CSV instead, or raise the limit with "
            "--max-archive-bytes",
            code="import.archive_too_large",
            size=_size(total),
            limit=_size(options.max_archive_bytes),
            setting="max_archive_bytes",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > GRACE_BYTES and ratio > options.max_compression_ratio:
            raise ImportFormatError(
                path,
                f"its part {info.filename} unpacks {ratio:,.0f} times bigger than it is stored "
                f"({_size(info.compress_size)} to {_size(info.file_size)}), more than the limit of "
                f"{options.max_compression_ratio:,} times; real workbooks never compress this well, so "
                "the file is damaged or built to exhaust memory. If you trust it, raise the limit with "
                "--max-compression-ratio",
                code="import.compression_ratio",
                part=info.filename,
                ratio=f"{ratio:,.0f}",
                limit=f"{options.max_compression_ratio:,}",
                setting="max_compression_ratio",
            )
