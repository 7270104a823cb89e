"""Benchmark: what ``medlabel import`` does with hostile files (issue 19).

    .venv/bin/python tests/bench/hostile_import.py [--only NAME ...] [--timeout 120]
        [--medlabel-path DIR] [--keep DIR]

Each case builds its file in a temporary folder and runs ``python -m medlabel import <new project
folder> <file>`` as a child process, with the child's working directory in that temporary folder and
``PYTHONPATH`` set to the medlabel checkout under test (this one by default; ``--medlabel-path`` names
another, e.g. an older version unpacked with ``git archive HEAD | tar -x -C /tmp/oldmain``).

Per case it prints the exit code, the wall time, the child's peak RSS, the first line of its stderr
(the message the user sees; for a usage error, argparse's last line), whether a project folder was left
behind (a refused file must leave none) and whether the outcome is the expected one: a refusal's
message must name what the case expects (the row, the limit's flag), and an import must store exactly
the file's texts (read back with ``medlabel export --format jsonl``). A final table sums them up; the
exit code is 1 if any case was not as expected (as with an older version).

Peak RSS is the kernel's high-water mark of the child's resident set (``ru_maxrss``), read from the
``os.wait4`` call that reaps that one child: exact, not sampled, and not mixed up with earlier
children as ``getrusage(RUSAGE_CHILDREN)`` (a maximum over all of them) would be. One catch: Linux
starts a child's figure at this process's own peak (the forked copy's mark is kept at exec), so this
process writes the big files in chunks and stays small; a figure not above its peak is shown as
"<= N" (an upper bound). A child still running after ``--timeout`` seconds is killed (SIGKILL to its
process group) and reported as "killed at N s"; its peak RSS up to then is still reported.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parents[2]
MIB = 1 << 20
LONG_REPORT_CHARS = 2_000_000
BOMB_CELL_BYTES = 400_000_000
WIDE_COLUMNS, WIDE_ROWS = 16_384, 100  # 16,384 is Excel's own most columns (XFD)

# --- the minimal parts of an .xlsx workbook ------------------------------------------------------------

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PACKAGE}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SPREADSHEET}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SPREADSHEET}.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'{_XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    f'xmlns:r="{_OFFICE}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
SHEET_TAIL = b"</sheetData></worksheet>"


def _column_letter(index: int) -> str:
    """Excel's name of the 1-based column ``index`` (1 -> A, 16384 -> XFD)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text_cell(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def _workbook(path: Path, write_sheet: Callable[[IO[bytes]], None], dimension: str = "") -> int:
    """Write a one-sheet workbook whose rows ``write_sheet`` streams; returns the unpacked size.

    ``dimension`` (e.g. "A1:XFD101") is the sheet's claimed size, which Excel writes; without one,
    openpyxl reads the whole sheet once to find it when it opens the workbook.
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        # Streamed, so that building a 400 MB part needs no 400 MB in memory.
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_HEAD)
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            write_sheet(sheet)
            sheet.write(SHEET_TAIL)
        return sum(info.file_size for info in archive.infolist())


# --- building the files ----------------------------------------------------------------------------


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def build_header(size: int) -> Callable[[Path], tuple[Path, str]]:
    def build(folder: Path) -> tuple[Path, str]:
        path = folder / "header.csv"
        with path.open("wb") as out:
            for _ in range(size // MIB):  # in chunks: this process must stay small (module doc)
                out.write(b"a," * (MIB // 2))
        return path, f"file {_mb(size)}, one line of {size // 2:,} columns"

    return build


def build_bomb(folder: Path) -> tuple[Path, str]:
    path = folder / "bomb.xlsx"

    def sheet(out: IO[bytes]) -> None:
        out.write(b'<row r="1">' + _text_cell("A1", "id") + _text_cell("B1", "text") + b"</row>")
        out.write(b'<row r="2">' + _text_cell("A2", "r1") + b'<c r="B2" t="inlineStr"><is><t>')
        chunk = b"A" * 1_000_000  # one letter: deflate's best ratio (about 1,000:1)
        for _ in range(BOMB_CELL_BYTES // len(chunk)):
            out.write(chunk)
        out.write(b"</t></is></c></row>")

    unpacked = _workbook(path, sheet)
    return (
        path,
        f"file {_mb(path.stat().st_size)}, unpacks to {_mb(unpacked)} (one cell of {_mb(BOMB_CELL_BYTES)})",
    )


def build_wide(dimension: bool) -> Callable[[Path], tuple[Path, str]]:
    return lambda folder: _build_wide(folder, dimension)


def _build_wide(folder: Path, dimension: bool) -> tuple[Path, str]:
    path = folder / "wide.xlsx"
    letters = [_column_letter(i) for i in range(1, WIDE_COLUMNS + 1)]
    rng = random.Random(19)

    def sheet(out: IO[bytes]) -> None:
        header = [_text_cell("A1", "text")] + [
            _text_cell(f"{c}1", f"c{i}") for i, c in enumerate(letters[1:], 2)
        ]
        out.write(b'<row r="1">' + b"".join(header) + b"</row>")
        for row in range(2, WIDE_ROWS + 2):
            # Random values, so that the sheet compresses like real data (below the ratio limit) and
            # it is the column limit that refuses it.
            cells = [_text_cell(f"A{row}", f"report {row}")]
            cells += [f'<c r="{c}{row}"><v>{rng.randrange(10**6)}</v></c>'.encode() for c in letters[1:]]
            out.write(f'<row r="{row}">'.encode() + b"".join(cells) + b"</row>")

    claim = f"A1:{letters[-1]}{WIDE_ROWS + 1}" if dimension else ""
    unpacked = _workbook(path, sheet, claim)
    return (
        path,
        f"file {_mb(path.stat().st_size)}, {WIDE_COLUMNS:,} columns x {WIDE_ROWS} rows, "
        f"unpacks to {_mb(unpacked)}, {f'dimension {claim}' if claim else 'no dimension element'}",
    )


UTF16_TEXTS = ["Patient Müller, 54 J., EF 55 %", "Café crème – Größe 1,80 m, 3 € Zuzahlung", "心电图正常"]
MIXED_TEXTS = ["Patient Müller (UTF-8 line)", "Herr Müller (cp1252 line)"]


def build_utf16(folder: Path) -> tuple[Path, str]:
    path = folder / "utf16.csv"
    rows = "".join(f'{i},"{text}"\r\n' for i, text in enumerate(UTF16_TEXTS, 1))
    path.write_bytes(("\ufeffid,text\r\n" + rows).encode("utf-16-le"))
    return path, f"file {_mb(path.stat().st_size)}, UTF-16 LE with byte-order mark"


def build_mixed(folder: Path) -> tuple[Path, str]:
    path = folder / "mixed.csv"
    path.write_bytes(
        b"id,text\n" + f"1,{MIXED_TEXTS[0]}\n".encode() + f"2,{MIXED_TEXTS[1]}\n".encode("cp1252")
    )
    return path, "line 2 UTF-8, line 3 cp1252"


def _png() -> bytes:
    """A real 1x1 grey PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def build_png(suffix: str) -> Callable[[Path], tuple[Path, str]]:
    def build(folder: Path) -> tuple[Path, str]:
        path = folder / f"scan{suffix}"
        path.write_bytes(_png())
        return path, f"a PNG image named {path.name}"

    return build


def _long_text() -> str:
    words = "Befund unauffällig, keine Raumforderung. "
    return (words * (LONG_REPORT_CHARS // len(words) + 1))[:LONG_REPORT_CHARS]


LONG_ROWS = ["Kurzer Befund.", _long_text(), "Noch ein kurzer Befund."]


def build_long_csv(folder: Path) -> tuple[Path, str]:
    path = folder / "long.csv"
    body = "".join(f'r{i},"{text}"\n' for i, text in enumerate(LONG_ROWS, 1))
    path.write_text("id,text\n" + body, encoding="utf-8")
    return (
        path,
        f"file {_mb(path.stat().st_size)}, data row 2 (file row 3) has {LONG_REPORT_CHARS:,} characters",
    )


def build_long_jsonl(folder: Path) -> tuple[Path, str]:
    path = folder / "long.jsonl"
    lines = [json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(LONG_ROWS, 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, f"file {_mb(path.stat().st_size)}, line 2 has {LONG_REPORT_CHARS:,} characters"


def build_small(folder: Path) -> tuple[Path, str]:
    path = folder / "small.csv"
    path.write_text('id,text\nr1,"Patient Müller, EF 55 %"\nr2,Nichtraucher\n', encoding="utf-8")
    return path, "2 short reports (reference: the cost of starting the command)"


# --- running a child ---------------------------------------------------------------------------------


@dataclass
class Child:
    exit: int | None  # None: killed at the timeout
    seconds: float
    peak_mib: float
    floor_mib: float  # this process's peak when it started the child: the lowest figure it can get
    stdout: str
    stderr: str

    @property
    def killed(self) -> bool:
        return self.exit is None

    @property
    def peak(self) -> str:
        return f"{'<= ' if self.peak_mib <= self.floor_mib else ''}{self.peak_mib:,.0f}"


def run_child(argv: list[str], env: dict[str, str], cwd: Path, timeout: float) -> Child:
    """Run ``argv``; wall time and peak RSS from the ``wait4`` that reaps it (see module doc)."""
    out_path, err_path = cwd / "child.out", cwd / "child.err"
    floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=cwd, start_new_session=True)
        reaped: list[tuple[int, int, resource.struct_rusage, float]] = []

        def reap() -> None:
            pid, status, usage = os.wait4(proc.pid, 0)
            reaped.append((pid, status, usage, time.perf_counter()))

        waiter = threading.Thread(target=reap)
        waiter.start()
        waiter.join(timeout)
        killed = waiter.is_alive()
        if killed:
            os.killpg(proc.pid, signal.SIGKILL)
            waiter.join()
    _, status, usage, end = reaped[0]
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    return Child(
        exit=None if killed else proc.returncode,
        seconds=end - start,
        peak_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        floor_mib=floor,
        stdout=out_path.read_text(errors="replace"),
        stderr=err_path.read_text(errors="replace"),
    )


def medlabel(env: dict[str, str], cwd: Path, timeout: float, *args: str) -> Child:
    return run_child([sys.executable, "-m", "medlabel", *args], env, cwd, timeout)


def exported_texts(env: dict[str, str], cwd: Path, project: Path, timeout: float) -> list[str] | str:
    """The stored texts in import order (via ``medlabel export --format jsonl``), or why not."""
    out = cwd / "export.jsonl"
    child = medlabel(env, cwd, timeout, "export", str(project), str(out), "--format", "jsonl")
    if child.exit != 0:
        return f"export failed: {first_line(child.stderr)}"
    return [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines() if line]


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def user_message(child: Child) -> str:
    """What the user reads: the first line of stderr, or of a usage error (which argparse prints after
    the usage lines) its last; for a file imported without a word, the import's summary line."""
    lines = [line.strip() for line in child.stderr.splitlines() if line.strip()]
    if lines:
        return lines[-1] if lines[0].startswith("usage:") else lines[0]
    summary = next((line.strip() for line in child.stdout.splitlines() if "document(s)" in line), "")
    return f"(stdout) {summary}" if summary else ""


def text_difference(stored: list[str], expected: list[str]) -> str:
    if len(stored) != len(expected):
        return f"{len(stored)} document(s) stored, the file has {len(expected)}"
    got, want = next((g, w) for g, w in zip(stored, expected, strict=True) if g != w)
    return f"stored {got[:40]!r}, the file has {want[:40]!r}"


# --- the cases ---------------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    build: Callable[[Path], tuple[Path, str]]
    refused: bool  # expected outcome
    words: tuple[str, ...] = ()  # a refusal's message must contain these
    texts: list[str] | None = None  # an import must store exactly these texts
    note: str = ""  # an import's note line must contain this
    args: tuple[str, ...] = ()


@dataclass
class Result:
    case: Case
    child: Child
    built: str
    left_behind: bool
    detail: str = ""
    message: str = ""  # the first line of stderr
    problems: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return "ok" if not self.problems else "UNEXPECTED: " + "; ".join(self.problems)


WIDE_WORDS = ("16,384 columns", "--max-columns")
RAISED = ("--max-document-chars", "3000000")
TOO_LONG = ("more than the limit of 1,000,000", "--max-document-chars")
CASES = [
    Case("small-csv", build_small, refused=False, texts=["Patient Müller, EF 55 %", "Nichtraucher"]),
    Case("header-1mib", build_header(MIB), refused=True, words=("row 1", "columns")),
    Case("header-8mib", build_header(8 * MIB), refused=True, words=("row 1", "header row")),
    Case("header-64mib", build_header(64 * MIB), refused=True, words=("row 1", "header row")),
    Case("xlsx-bomb", build_bomb, refused=True, words=("sheet1.xml", "--max-compression-ratio")),
    Case("xlsx-16384-columns", build_wide(False), refused=True, words=WIDE_WORDS),
    Case("xlsx-16384-columns-dimension", build_wide(True), refused=True, words=WIDE_WORDS),
    Case("utf16-bom-csv", build_utf16, refused=False, texts=UTF16_TEXTS),
    Case("mixed-encodings-csv", build_mixed, refused=False, texts=MIXED_TEXTS, note="mixes two encodings"),
    Case("png-as-txt", build_png(".txt"), refused=True, words=("not a text file", "PNG")),
    Case("png-as-csv", build_png(".csv"), refused=True, words=("not a text file", "PNG")),
    Case("long-report-csv", build_long_csv, refused=True, words=("row 3", *TOO_LONG)),
    Case("long-report-jsonl", build_long_jsonl, refused=True, words=("line 2", *TOO_LONG)),
    Case("long-report-csv-raised", build_long_csv, refused=False, texts=LONG_ROWS, args=RAISED),
    Case("long-report-jsonl-raised", build_long_jsonl, refused=False, texts=LONG_ROWS, args=RAISED),
]


def run_case(case: Case, folder: Path, env: dict[str, str], timeout: float) -> Result:
    folder.mkdir(parents=True)
    path, built = case.build(folder)
    project = folder / "project"
    child = medlabel(env, folder, timeout, "import", str(project), str(path), *case.args)
    result = Result(case, child, built, left_behind=project.exists())
    # The temporary folder's name changes with every run; the message is the same without it.
    result.message = user_message(child).replace(f"{folder}{os.sep}", "")
    problems = result.problems
    if child.killed:
        problems.append(f"killed at {timeout:g} s")
    elif case.refused:
        if child.exit == 0:
            problems.append("imported, not refused")
        if result.left_behind:
            problems.append("project folder left behind")
        missing = [w for w in case.words if w not in child.stderr]
        if child.exit != 0 and missing:
            problems.append(f"message lacks {', '.join(repr(w) for w in missing)}")
    elif child.exit != 0:
        problems.append("refused, not imported")
    else:
        texts = exported_texts(env, folder, project, timeout)
        if isinstance(texts, str):
            problems.append(texts)
        elif texts != case.texts:
            problems.append(text_difference(texts, case.texts))
        else:
            result.detail = "text ok" + (f" ({max(map(len, texts)):,} characters)" if case.args else "")
        if case.note:
            note = next((line.strip() for line in child.stdout.splitlines() if case.note in line), "")
            result.detail = "; ".join(x for x in (result.detail, note) if x)
            if not note:
                problems.append(f"no note saying {case.note!r}")
    return result


# --- reporting ---------------------------------------------------------------------------------------


def exit_text(result: Result, timeout: float) -> str:
    return f"killed at {timeout:g} s" if result.child.killed else str(result.child.exit)


def print_result(result: Result, timeout: float) -> None:
    child = result.child
    print(f"== {result.case.name}: {result.built}")
    print(f"   exit {exit_text(result, timeout)}, {child.seconds:.2f} s, peak RSS {child.peak} MiB")
    print(f"   message: {result.message or '(none)'}")
    if result.detail:
        print(f"   {result.detail}")
    print(
        f"   project folder left behind: {'yes' if result.left_behind else 'no'}; {result.verdict}",
        flush=True,
    )


def print_table(results: list[Result], timeout: float) -> None:
    print("\n| case | expected | exit | wall s | peak RSS MiB | project left | outcome | message / result |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        message = r.detail or r.message or "(no message)"
        cells = [
            r.case.name,
            "refused" if r.case.refused else "imported",
            exit_text(r, timeout),
            f"{r.child.seconds:.2f}",
            r.child.peak,
            "yes" if r.left_behind else "no",
            r.verdict,
            message.replace("|", "\\|"),
        ]
        print("| " + " | ".join(cells) + " |")


def child_env(medlabel_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(medlabel_path), env.get("PYTHONPATH", "")) if p)
    env["HF_HUB_OFFLINE"] = "1"
    return env


def main() -> int:
    names = [case.name for case in CASES]
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only",
        action="append",
        choices=names,
        metavar="NAME",
        help=f"run only this case (repeatable): {', '.join(names)}",
    )
    parser.add_argument(
        "--timeout", type=float, default=120, help="kill a child after this many seconds (default 120)"
    )
    parser.add_argument(
        "--medlabel-path", type=Path, default=REPO, help="the medlabel checkout to run (default: this one)"
    )
    parser.add_argument("--keep", type=Path, help="build the files and projects here and keep them")
    args = parser.parse_args()
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: the folder is not empty; name a new or empty one")
    medlabel_path = args.medlabel_path.resolve()
    env = child_env(medlabel_path)
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch)
        root.mkdir(parents=True, exist_ok=True)
        # From a folder outside any checkout, so that PYTHONPATH alone decides which medlabel runs.
        where = subprocess.run(
            [sys.executable, "-c", "import medlabel; print(medlabel.__file__)"],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not Path(where).is_relative_to(medlabel_path):
            parser.error(f"--medlabel-path {medlabel_path} holds no medlabel package (found {where})")
        print(f"medlabel under test: {where}; timeout {args.timeout:g} s; peak RSS from os.wait4\n")
        results = []
        for case in CASES:
            if args.only and case.name not in args.only:
                continue
            result = run_case(case, root / case.name, env, args.timeout)
            print_result(result, args.timeout)
            results.append(result)
    print_table(results, args.timeout)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nThis script's own peak RSS: {own:,.0f} MiB (no child's figure can be lower; see the module doc)"
    )
    return 0 if all(not r.problems for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
