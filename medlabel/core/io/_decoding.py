"""How the readers turn a file's bytes into text, and when they refuse a file as not being text.

The order is cheapest first, so that the usual UTF-8 file costs one streaming pass:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides;
2. else the whole file is checked as strict UTF-8;
3. else the lines that are not UTF-8 are sampled and charset-normalizer guesses their encoding.
   cp1252 (what Excel and Notepad write on a Western European Windows) wins a near tie, since the
   detector confuses it with cp1250 and old Mac code pages on short samples ("à" would become "ŕ");
   a guess the detector is not sure of, or one from fewer than 64 bytes, falls back to cp1252, or
   latin-1 where cp1252 does not fit, and the note says it is a guess.

A file that mixes UTF-8 lines with lines in another encoding is decoded line by line, each line in
its own encoding, and a note names the lines that were not UTF-8, so the user can check them.

UTF-16/32 without a mark is recognised by the pattern of NULs that Latin text leaves in it.

Before any of that, a file that looks like binary data is refused with a sentence saying so: a known
file signature (PNG, ZIP, gzip, PDF, ...) always; NUL bytes or many control bytes only in a start that
is not UTF-8 (valid UTF-8 is text whatever it holds, so our own exports always read back); a UTF-16/32
file is judged by its decoded characters.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from medlabel.core.errors import ImportFormatError

HEAD_BYTES = 64 * 1024  # what the binary check and the byte-order mark look at
SAMPLE_BYTES = 64 * 1024  # non-UTF-8 lines handed to the detector; enough, and cheap on any file
_CHUNK = 1 << 20
_LISTED_LINES = 5

# Longest first: UTF-32 LE's mark starts with UTF-16 LE's. The codec names consume the mark.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_WIDE = ("utf_16", "utf_32")  # codec name prefixes whose text holds NUL bytes by design

# Encodings the detector may choose among: the legacy code pages reports are still exported in.
# Left out on purpose: old Mac and DOS-US pages, which it picks for short Western texts by mistake.
_LEGACY = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "latin_1", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9", "iso8859_15",
    "koi8_r", "koi8_u", "cp850", "cp852", "cp866",
    "cp932", "euc_jp", "gb18030", "big5", "cp949",
)  # fmt: skip
_WIDE_NO_BOM = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")
# charset-normalizer's mess ratio (0 = reads like language): above this a guess is not trusted, and
# cp1252 wins whenever it is within this much of the best candidate.
_SURE = 0.1
# Fewer non-UTF-8 bytes than this are too few to tell code pages apart: the detector then reads
# "Größe ä ö ü €" as Greek cp1253 and "Größe \x81" as Arabic cp1256. The fallback is used instead.
_MIN_SAMPLE = 64

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.xls or .doc)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
)
# C0 control bytes that text does not hold; tab, line breaks, form feed and DOS's end mark (0x1a) do.
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1a")
_MAX_CONTROL_SHARE = 0.05
ADVICE = "export the reports as CSV, XLSX, JSONL or plain text and import that file"
_WORKBOOK = "an Excel workbook (.xlsx) with the wrong file ending"


@dataclass(frozen=True)
class Decoding:
    """How a file's bytes became text.

    ``how``: ``chosen`` (the user's encoding), ``utf-8``, ``bom`` (its byte-order mark), ``bom-less``
    (UTF-16/32 without a mark), ``detected``, ``guessed`` (the fallback, when detection was not sure),
    or ``mixed`` (UTF-8 lines plus lines in ``encoding``; ``lines`` holds the first of those line
    numbers, ``line_count`` how many there are).
    """

    encoding: str
    how: str
    lines: tuple[int, ...] = ()
    line_count: int = 0
    skip: int = 0  # bytes of a byte-order mark to drop before decoding line by line

    @property
    def mixed(self) -> bool:
        return self.how == "mixed"

    def note(self, subject: str = "the file") -> str | None:
        """The note for ``ImportBatch.notes``, or None when there is nothing to tell (UTF-8, chosen)."""
        if self.how == "bom":
            label = self.encoding.upper().replace("-SIG", "")
            return None if label == "UTF-8" else f"read as {label} as the byte-order mark at its start says"
        if self.how == "bom-less":
            return f"read as {self.encoding}: {subject} has no byte-order mark, but reads as that"
        if self.how == "detected":
            return f"read as {self.encoding} because {subject} is not valid UTF-8"
        if self.how == "guessed":
            return (
                f"read as {self.encoding} because {subject} is not valid UTF-8 and its encoding could not "
                "be told for sure: check letters such as ä, é or € in a few documents, and choose the "
                "encoding if they look wrong"
            )
        if self.how == "mixed":
            shown = ", ".join(str(n) for n in self.lines)
            rest = self.line_count - len(self.lines)
            if self.line_count == 1:
                where = f"line {shown} is not valid UTF-8 and was"
            else:
                where = f"lines {shown}{f' and {rest} more' if rest else ''} are not valid UTF-8 and were"
            return (
                f"{subject} mixes two encodings: {where} read as {self.encoding}, all other lines as "
                "UTF-8, so that each line keeps its letters; check the special characters (ä, é, €) there"
            )
        return None


# --- sources: a file on disk or bytes in memory, read in chunks ------------------------------------


def _chunks(source: Path | bytes, start: int = 0) -> Iterator[bytes]:
    if isinstance(source, (bytes, bytearray)):
        for offset in range(start, len(source), _CHUNK):
            yield bytes(source[offset : offset + _CHUNK])
        return
    with open(source, "rb") as fh:
        fh.seek(start)
        while chunk := fh.read(_CHUNK):
            yield chunk


def _head(source: Path | bytes) -> bytes:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source[:HEAD_BYTES])
    with open(source, "rb") as fh:
        return fh.read(HEAD_BYTES)


def _size(source: Path | bytes) -> int:
    return len(source) if isinstance(source, (bytes, bytearray)) else Path(source).stat().st_size


def first_error(source: Path | bytes, codec: str, start: int = 0) -> tuple[str, int] | None:
    """(reason, line) of the first byte that ``codec`` cannot decode strictly, or None if all decode.

    Streams the source and keeps no text. Lines are counted only once an error is found, in the
    decoded text, so that they are right for UTF-16 too.
    """
    decoder = codecs.getincrementaldecoder(codec)("strict")
    consumed = start
    chunks = _chunks(source, start)
    while True:
        chunk = next(chunks, b"")
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            # The decoder may hold back a few bytes of the previous chunk; they lead exc.object.
            offset = consumed - max(len(exc.object) - len(chunk), 0) + exc.start
            reason = f"{exc.reason} (byte {exc.object[exc.start]:#04x})"
            return reason, _line_at(source, codec, start, offset)
        except UnicodeError as exc:  # e.g. utf-16 without a BOM raises the base class
            return str(exc), 1
        if not chunk:
            return None
        consumed += len(chunk)


def _line_at(source: Path | bytes, codec: str, start: int, offset: int) -> int:
    """The line number of byte ``offset`` (counted from the start of the source)."""
    decoder = codecs.getincrementaldecoder(codec)("replace")
    lines, position = 1, start
    try:
        for chunk in _chunks(source, start):
            part = chunk[: offset - position]
            lines += decoder.decode(part).count("\n")
            position += len(part)
            if position >= offset:
                break
    except UnicodeError:  # utf-16 without a mark fails even when replacing
        pass
    return lines


# --- binary data ------------------------------------------------------------------------------------


def _zip_kind(source: Path | bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            names = set(archive.namelist())
    except Exception:  # a damaged archive is still an archive
        return "a ZIP archive"
    if "xl/workbook.xml" in names:
        return _WORKBOOK
    if "word/document.xml" in names:
        return "a Word document (.docx)"
    return "a ZIP archive"


def not_text(path: Path | str, kind: str) -> ImportFormatError:
    """The error for a file that is not text; ``kind`` says what it looks like."""
    if kind == _WORKBOOK:
        return ImportFormatError(
            path,
            f"not a text file (it is {kind}); name it .xlsx and import it again",
            code="import.workbook_misnamed",
        )
    return ImportFormatError(
        path,
        f"not a text file (it looks like binary data: {kind}); {ADVICE}",
        code="import.not_text",
        kind=kind,
    )


def signature(head: bytes) -> str | None:
    """What a file starting with ``head`` is, by its signature ("a PNG image"), or None."""
    return next((kind for magic, kind in _SIGNATURES if head.startswith(magic)), None)


def _control_share(head: bytes) -> float:
    return (len(head) - len(head.translate(None, _CONTROL))) / max(len(head), 1)


def _utf8_start(head: bytes) -> bool:
    """True if ``head`` is UTF-8 up to a character cut off at its end."""
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _refuse_binary_bytes(path: Path | str, source: Path | bytes, head: bytes) -> None:
    """Refuse an ASCII-compatible file (no UTF-16/32 mark) that looks like binary data.

    A known signature is always refused. Otherwise only a start that is not UTF-8 is judged by its
    NUL and control bytes: valid UTF-8 is text, whatever characters it holds (our own exports may
    carry control characters from the documents, and must read back).
    """
    kind = signature(head)
    if kind == "a ZIP archive":
        kind = _zip_kind(source)
    if kind is None and head[257:262] == b"ustar":
        kind = "a tar archive"
    if kind is None and not _utf8_start(head):
        if b"\x00" in head:
            kind = "NUL bytes, which text files do not hold"
        elif _control_share(head) > _MAX_CONTROL_SHARE:
            kind = "many control bytes, which text files do not hold"
    if kind:
        raise not_text(path, kind)


def _looks_wide(head: bytes) -> bool:
    """NULs in the pattern UTF-16/32 gives Latin text: many, and (almost) never at some byte position."""
    usable = head[: len(head) - len(head) % 4]
    if len(usable) < 4 or usable.count(0) < len(usable) // 4:
        return False
    return min(usable[r::4].count(0) / (len(usable) // 4) for r in range(4)) < 0.1


def _refuse_binary_text(path: Path | str, head: bytes, codec: str) -> None:
    """The same check for a UTF-16/32 file, on its decoded start (where NULs are part of characters)."""
    kind = signature(head)
    try:
        text = codecs.getincrementaldecoder(codec)("replace").decode(head)
    except UnicodeError:  # "utf-16" chosen for a file without a mark; the strict check says so
        return
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\v\f\r\x1a")
    if kind is None and "\x00" in text:
        kind = "NUL characters, which text files do not hold"
    if kind is None and controls > _MAX_CONTROL_SHARE * max(len(text), 1):
        kind = "many control characters, which text files do not hold"
    if kind:
        raise not_text(path, kind)


def _bom(head: bytes, size: int) -> tuple[bytes, str, str] | None:
    for mark, codec, label in _BOMS:
        if head.startswith(mark):
            if codec == "utf-32" and size % 4:
                continue  # FF FE 00 00 in a file that cannot be UTF-32: UTF-16 text starting with NUL
            return mark, codec, label
    return None


# --- line by line -----------------------------------------------------------------------------------


def _blocks(source: Path | bytes, start: int) -> Iterator[tuple[int, bytes]]:
    """(number of the first line, block of whole lines) over the source; the last may lack a "\\n"."""
    carry = bytearray()
    lines = 0
    for chunk in _chunks(source, start):
        carry += chunk
        cut = carry.rfind(b"\n") + 1
        if not cut:
            continue  # a line longer than a chunk: keep collecting
        block = bytes(carry[:cut])
        del carry[:cut]
        yield lines + 1, block
        lines += block.count(b"\n")
    if carry:
        yield lines + 1, bytes(carry)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@dataclass
class _Survey:
    utf8_lines: int = 0  # lines with non-ASCII characters that are valid UTF-8
    other_lines: int = 0
    first_other: list[int] = field(default_factory=list)
    sample: bytearray = field(default_factory=bytearray)


def _survey(source: Path | bytes, start: int) -> _Survey:
    """Which lines are UTF-8 and which are not, with a sample of the latter for the detector."""
    survey = _Survey()
    for first, block in _blocks(source, start):
        if block.isascii():
            continue
        if _is_utf8(block):
            survey.utf8_lines += 1
            continue
        for number, line in enumerate(block.split(b"\n"), first):
            if line.isascii():
                continue
            if _is_utf8(line):
                survey.utf8_lines += 1
                continue
            survey.other_lines += 1
            if len(survey.first_other) < _LISTED_LINES:
                survey.first_other.append(number)
            if len(survey.sample) < SAMPLE_BYTES:
                survey.sample += line[: SAMPLE_BYTES - len(survey.sample)] + b"\n"
    return survey


def _other_lines_decode(source: Path | bytes, start: int, codec: str) -> bool:
    """True if every line that is not UTF-8 decodes strictly with ``codec``."""
    for _, block in _blocks(source, start):
        if block.isascii() or _is_utf8(block):
            continue
        try:
            block.decode(codec)
            continue
        except UnicodeDecodeError:
            pass
        for line in block.split(b"\n"):
            if not line.isascii() and not _is_utf8(line):
                try:
                    line.decode(codec)
                except UnicodeDecodeError:
                    return False
    return True


def _decoded_blocks(source: Path | bytes, decoding: Decoding) -> Iterator[str]:
    """A mixed file's text block by block: each line as UTF-8 if it is valid UTF-8, else in
    ``decoding.encoding``."""
    for _, block in _blocks(source, decoding.skip):
        try:
            yield block.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        lines = []
        for line in block.split(b"\n"):
            try:
                lines.append(line.decode("utf-8"))
            except UnicodeDecodeError:
                lines.append(line.decode(decoding.encoding))
        yield "\n".join(lines)


def decode_lines(source: Path | bytes, decoding: Decoding) -> str:
    """The whole text of a mixed file (see :func:`_decoded_blocks`)."""
    return "".join(_decoded_blocks(source, decoding))


class MixedText(io.TextIOBase):
    """A mixed file opened as text: decoded a block at a time as it is read, so that pandas can parse
    a big one without its whole text (and pandas' copy of it) in memory at once."""

    def __init__(self, source: Path | bytes, decoding: Decoding) -> None:
        self._blocks = _decoded_blocks(source, decoding)
        self._buffer = ""

    def readable(self) -> bool:
        return True

    def _fill(self, enough: Callable[[str], bool]) -> None:
        while not enough(self._buffer):
            block = next(self._blocks, None)
            if block is None:
                return
            self._buffer += block

    def _take(self, n: int) -> str:
        out, self._buffer = self._buffer[:n], self._buffer[n:]
        return out

    def read(self, size: int | None = -1) -> str:
        if size is None or size < 0:
            self._fill(lambda _: False)
            return self._take(len(self._buffer))
        self._fill(lambda buffer: len(buffer) >= size)
        return self._take(size)

    def readline(self, size: int | None = -1) -> str:
        limit = size if size is not None and size >= 0 else None
        self._fill(lambda buffer: "\n" in buffer or (limit is not None and len(buffer) >= limit))
        end = self._buffer.find("\n") + 1 or len(self._buffer)
        return self._take(end if limit is None else min(end, limit))


# --- guessing ---------------------------------------------------------------------------------------


def _analyse(sample: bytes, candidates: tuple[str, ...], threshold: float = 0.2):  # -> CharsetMatch | None
    from charset_normalizer import from_bytes

    # One step over the whole sample: the default 5 chunks of 512 bytes cut words and lines, which
    # makes a plain German text look messy in cp1252.
    return from_bytes(
        sample, steps=1, chunk_size=max(len(sample), 1), cp_isolation=list(candidates), threshold=threshold
    ).best()


def _display(codec: str) -> str:
    name = codecs.lookup(codec).name
    return "latin-1" if name == "iso8859-1" else name


def _guess(sample: bytes) -> tuple[str, bool]:
    """(encoding, sure) for the non-UTF-8 lines in ``sample``; ("", False) leaves it to the fallback."""
    if len(sample) < _MIN_SAMPLE:
        return "", False
    best = _analyse(sample, _LEGACY)
    if best is None or best.chaos > _SURE:
        return "", False
    if "cp1252" in best.could_be_from_charset:
        return "cp1252", True
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:
        return _display(best.encoding), True
    western = _analyse(sample, ("cp1252",), threshold=1.0)
    if western is not None and western.chaos <= best.chaos + _SURE:
        return "cp1252", True
    return _display(best.encoding), True


def _wide_without_bom(head: bytes) -> str | None:
    """UTF-16/32 without a byte-order mark (NULs between Latin letters), if the start reads so."""
    usable = head[: len(head) - len(head) % 4]
    if not usable:
        return None
    best = _analyse(usable, _WIDE_NO_BOM)
    if best is None or best.chaos > _SURE:
        return None
    return best.encoding.replace("_", "-")


# --- the entry points -------------------------------------------------------------------------------


def normalise_encoding(path: Path | str, encoding: str) -> str:
    """The codec's own name for the user's ``encoding``; unknown or non-text codecs are refused."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    # _is_text_encoding is False for bytes-to-bytes codecs such as "hex" or "zip".
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise ImportFormatError(
            path,
            f"unknown encoding {encoding!r} (try utf-8, cp1252 or latin-1)",
            code="import.unknown_encoding",
            encoding=encoding,
        ) from None
    return info.name


def _chosen(path: Path | str, source: Path | bytes, head: bytes, encoding: str) -> Decoding:
    codec = normalise_encoding(path, encoding)
    bom = _bom(head, _size(source))
    wide = codec.replace("-", "_").startswith(_WIDE)
    if bom and bom[2] in ("UTF-16", "UTF-32") and not wide:
        raise ImportFormatError(
            path,
            f"the file starts with a {bom[2]} byte-order mark, so it is {bom[2]}, not {codec}; "
            f"choose {bom[2].lower()} as the encoding, or leave the encoding empty to have it detected",
            code="import.encoding_contradicts_bom",
            encoding=codec,
            actual=bom[2],
        )
    if wide:
        _refuse_binary_text(path, head, codec)
    else:
        _refuse_binary_bytes(path, source, head)
    error = first_error(source, codec)
    if error:
        raise ImportFormatError(
            path,
            f"not valid {codec}: {error[0]}",
            f"line {error[1]}",
            code="import.wrong_encoding",
            encoding=codec,
            line=error[1],
            detail=error[0],
        )
    return Decoding(codec, "chosen")


def inspect(
    source: Path | bytes, encoding: str | None = None, path: Path | str | None = None, guess: bool = True
) -> Decoding:
    """How to decode ``source`` (a file, or bytes read from ``path``); refuses binary data.

    ``encoding``, the user's choice, overrides detection; the file must then decode with it. With
    ``guess=False`` (JSON, which is UTF-8 by standard) a file that is not UTF-8 is refused, naming
    the line, instead of being guessed. Raises :class:`ImportFormatError`.
    """
    where = path if path is not None else source if isinstance(source, Path) else ""
    head = _head(source)
    if encoding:
        return _chosen(where, source, head, encoding)
    bom = _bom(head, _size(source))
    if bom:
        _, codec, label = bom
        if codec == "utf-8-sig":
            _refuse_binary_bytes(where, source, head)
        else:
            _refuse_binary_text(where, head, codec)
        error = first_error(source, codec)
        if error is None:
            return Decoding(codec, "bom")
        if codec != "utf-8-sig":
            raise ImportFormatError(
                where,
                f"the file starts with a {label} byte-order mark but is not valid {label}: {error[0]}",
                f"line {error[1]}",
                code="import.wrong_encoding",
                encoding=label,
                line=error[1],
                detail=error[0],
            )
        # A UTF-8 mark over lines that are not all UTF-8: a mixed file, handled below.
    else:
        # Structure, not guesswork, so JSON gets it too (RFC 4627 told UTF-16/32 apart the same way).
        if _looks_wide(head) and (wide := _wide_without_bom(head)):
            _refuse_binary_text(where, head, wide)
            if first_error(source, wide) is None:
                return Decoding(wide, "bom-less")
        _refuse_binary_bytes(where, source, head)
        error = first_error(source, "utf-8")
        if error is None:
            return Decoding("utf-8", "utf-8")
    if not guess:
        raise ImportFormatError(
            where,
            f"not valid utf-8: {error[0]}; this format is UTF-8 by standard, so save the file as UTF-8 "
            "or choose its encoding",
            f"line {error[1]}",
            code="import.not_utf8",
            line=error[1],
            detail=error[0],
        )
    skip = len(bom[0]) if bom else 0
    survey = _survey(source, skip)
    encoding, sure = _guess(bytes(survey.sample))
    if not encoding or not _other_lines_decode(source, skip, encoding):
        sure = False
        encoding = "cp1252" if _other_lines_decode(source, skip, "cp1252") else "latin-1"
    if survey.utf8_lines or bom:
        return Decoding(encoding, "mixed", tuple(survey.first_other), survey.other_lines, skip)
    return Decoding(encoding, "detected" if sure else "guessed")


def decode(
    data: bytes, path: Path | str, encoding: str | None = None, guess: bool = True
) -> tuple[str, Decoding]:
    """(text, how) for bytes read from ``path``; see :func:`inspect`. A byte-order mark is dropped
    unless the user chose a codec that keeps it (utf-8 keeps it, as brat does)."""
    decoding = inspect(data, encoding, path, guess)
    if decoding.mixed:
        return decode_lines(data, decoding), decoding
    return data.decode(decoding.encoding), decoding
