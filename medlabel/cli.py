"""The ``medlabel`` command line: the same core functions the GUI calls, for scripts and servers.

Exit codes: 0 done; 1 a problem medlabel explains (bad file, locked project, ...); 2 wrong usage;
3 an import found problems that need the user's decision (nothing was imported).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_DECIDE = 0, 1, 2, 3


def _cmd_demo(args: argparse.Namespace) -> int:
    from medlabel.core.demo.project import create_demo_project
    from medlabel.core.stats import format_info, project_info

    with create_demo_project(
        args.directory, args.corpus, args.documents, args.labelled, args.test, args.seed
    ) as project:
        print(f"Created the {args.corpus} demo project in {project.root}\n")
        print(format_info(project_info(project)))
    return EXIT_OK


def _label_columns(values: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for value in values:
        column, _, label_set = value.partition("=")
        mapping[column] = label_set or column
    return mapping


def _cmd_import(args: argparse.Namespace) -> int:
    from medlabel.core.import_steps import check_batch, import_into, read_batch
    from medlabel.core.importing import Choice, ImportPolicy
    from medlabel.core.records import ImportOptions

    options = ImportOptions(
        format=args.format,
        encoding=args.encoding,
        delimiter=args.delimiter,
        text_column=args.text_column,
        id_column=args.id_column,
        label_columns=_label_columns(args.label_column),
        label_set=args.label_set,
        sheet=args.sheet,
        max_document_chars=args.max_document_chars,
        max_columns=args.max_columns,
        max_archive_bytes=args.max_archive_bytes,
        max_compression_ratio=args.max_compression_ratio,
    )
    policy = ImportPolicy(invalid=Choice(args.on_invalid), unknown_labels=Choice(args.unknown_labels))
    # The same steps as the app's import wizard (medlabel.core.import_steps), in the same order.
    batch = read_batch(Path(args.file), options)
    root = Path(args.project)
    if args.check:
        print(check_batch(root, batch, policy))
        return EXIT_OK
    report, created = import_into(root, batch, policy, args.annotator)
    if created:
        print(f"Created project {root.resolve()}")
    print(report)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from medlabel.core.exporting import export_project
    from medlabel.core.project import open_project

    if args.raw_cells and args.format != "csv":
        print(
            f"medlabel export: --raw-cells is for --format csv only ({args.format} has no cells to escape)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    with open_project(args.project, read_only=True) as project:
        count = export_project(project, args.format, Path(args.out), raw_cells=args.raw_cells)
    print(f"Wrote {count} document(s) to {args.out} ({args.format})")
    return EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    from medlabel.core.project import open_project
    from medlabel.core.stats import format_info, project_info

    with open_project(args.project, read_only=True) as project:
        info = project_info(project)
    print(json.dumps(info, indent=2, ensure_ascii=False) if args.json else format_info(info))
    return EXIT_OK


def _cmd_vocabulary(args: argparse.Namespace) -> int:
    from medlabel.core.project import open_project
    from medlabel.core.vocabularies import import_vocabulary

    with open_project(args.project) as project:
        count = import_vocabulary(project, args.name, Path(args.file), args.annotator)
    print(f"Stored vocabulary {args.name!r} with {count} codes")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from medlabel.core.backups import current_state, list_backups, resolve_backup, restore_backup

    root = Path(args.project).resolve()
    if args.backup is None:
        backups = list_backups(root)
        now, problem = current_state(root)
        print(f"Now: {now}" if now else f"Now: {problem}")
        if not backups:
            print(f"{root} has no backups yet (they are made when the project is opened for writing).")
            return EXIT_OK
        print("Backups, newest first:")
        for number, backup in enumerate(backups, 1):
            print(f"  {number}. {backup.label}: {backup.summary or 'contents unknown'}")
        print(
            f"To bring one back: medlabel restore {root} NUMBER (the current state is kept as a backup first)"
        )
        return EXIT_OK
    result = restore_backup(root, resolve_backup(root, args.backup))
    print(f"Restored the backup of {result.restored.label}: {result.restored.summary or 'contents unknown'}")
    if result.previous_saved_as is not None:
        print(f"The state it replaced is kept as {result.previous_saved_as}")
    return EXIT_OK


def _gui(args: argparse.Namespace) -> int:
    import os

    from medlabel.core.errors import MedlabelError

    # Without a screen Qt aborts the process with a terse message; say what is wrong instead.
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        raise MedlabelError(
            "there is no screen to show the application on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
            "Start it from a desktop session, or use the command-line tools: medlabel --help"
        )
    try:
        from medlabel.gui.app import run
    except ImportError as exc:  # e.g. missing system Qt libraries on a bare server
        raise MedlabelError(
            f"the desktop application cannot start: {exc}. Install the system libraries listed in the "
            "README (setup.sh does it), or use the command-line tools (medlabel --help)"
        ) from exc
    return run(args.project)


def build_parser() -> argparse.ArgumentParser:
    from medlabel import __version__
    from medlabel.core.records import (
        MAX_ARCHIVE_BYTES,
        MAX_COLUMNS,
        MAX_COMPRESSION_RATIO,
        MAX_DOCUMENT_CHARS,
    )

    parser = argparse.ArgumentParser(
        prog="medlabel",
        description="Label medical reports, fine-tune a small language model locally, "
        "review its predictions. Everything stays on this machine.",
    )
    parser.add_argument("--version", action="version", version=f"medlabel {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="open the desktop application (the default without a command)")
    p.add_argument("project", nargs="?", type=Path, help="a project folder to open at once")
    p.set_defaults(handler=_gui)

    from medlabel.core.demo.project import CORPORA, DESCRIPTIONS  # no store imports: cheap here

    p = sub.add_parser("demo", help="create a demo project from a synthetic corpus")
    p.add_argument("directory", help="folder for the new project (created if missing)")
    p.add_argument(
        "--corpus",
        choices=list(CORPORA),
        default=CORPORA[0],
        help="; ".join(f"{name}: {DESCRIPTIONS.get(name, 'synthetic reports')}" for name in CORPORA)
        + f". Default: {CORPORA[0]}",
    )
    p.add_argument("--documents", type=int, default=600, help="number of reports (default 600)")
    p.add_argument("--labelled", type=int, default=400, help="how many carry gold annotations (default 400)")
    p.add_argument(
        "--test", type=int, default=100, help="labelled reports frozen as test split (default 100)"
    )
    p.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same corpus")
    p.set_defaults(handler=_cmd_demo)

    p = sub.add_parser(
        "import",
        help="import reports (and labels/spans) from a file into a project",
        description="Import a file into a project (created when the folder holds none). All or nothing: "
        "if a problem needs your decision, nothing is imported and the message says which option to pass.",
    )
    p.add_argument("project", help="project folder")
    p.add_argument(
        "file",
        help="CSV/TSV, XLSX, JSONL, a folder of .txt files, i2b2 XML, Label Studio JSON, or a brat folder",
    )
    p.add_argument(
        "--format",
        choices=["csv", "tsv", "xlsx", "jsonl", "txt", "i2b2", "labelstudio", "brat"],
        help="file format (default: from the file name)",
    )
    p.add_argument("--text-column", help="column holding the report text (default: text, report, note, ...)")
    p.add_argument("--id-column", help="column holding the document id (default: id, doc_id, ...)")
    p.add_argument(
        "--label-column",
        action="append",
        default=[],
        metavar="COLUMN[=LABELSET]",
        help="column holding document labels, optionally naming its label set; repeatable",
    )
    p.add_argument(
        "--label-set", default="label", help="label set for a plain 'label' column (default: label)"
    )
    p.add_argument("--encoding", help="text encoding (default: detect among UTF-8, cp1252, latin-1)")
    p.add_argument("--delimiter", help="CSV delimiter (default: detect)")
    p.add_argument("--sheet", help="XLSX sheet name (default: the first)")
    p.add_argument(
        "--on-invalid",
        choices=["abort", "skip"],
        default="abort",
        help="duplicated ids, empty texts, bad spans: abort the import (default) or skip them",
    )
    p.add_argument(
        "--unknown-labels",
        choices=["abort", "skip", "add"],
        default="abort",
        help="labels an existing label set lacks: abort (default), skip them, or add them",
    )
    p.add_argument("--annotator", default="import", help="name recorded with the imported annotations")
    p.add_argument("--check", action="store_true", help="only report what would be imported; change nothing")
    limits = p.add_argument_group(
        "limits",
        "protection against files that would take the computer's memory; raise one if a real file needs it",
    )
    limits.add_argument(
        "--max-document-chars",
        type=int,
        default=MAX_DOCUMENT_CHARS,
        metavar="N",
        help=f"longest report, in characters (default {MAX_DOCUMENT_CHARS:,}, about 300 pages)",
    )
    limits.add_argument(
        "--max-columns",
        type=int,
        default=MAX_COLUMNS,
        metavar="N",
        help=f"most columns in a table (default {MAX_COLUMNS:,})",
    )
    limits.add_argument(
        "--max-archive-bytes",
        type=int,
        default=MAX_ARCHIVE_BYTES,
        metavar="N",
        help=f"largest unpacked size of an XLSX workbook (default {MAX_ARCHIVE_BYTES:,})",
    )
    limits.add_argument("--max-compression-ratio", type=int, default=MAX_COMPRESSION_RATIO, metavar="N",
                        help="XLSX: largest ratio of a part's unpacked to packed size "
                             f"(default {MAX_COMPRESSION_RATIO})")  # fmt: skip
    p.set_defaults(handler=_cmd_import)

    p = sub.add_parser("export", help="export documents with their labels and spans")
    p.add_argument("project", help="project folder")
    p.add_argument("out", help="output file")
    p.add_argument(
        "--format",
        required=True,
        choices=["csv", "xlsx", "jsonl", "conll", "labelstudio"],
        help="csv, xlsx (Excel, every cell as text), jsonl, conll (BIO tags for spans), "
        "labelstudio (Label Studio JSON)",
    )
    p.add_argument(
        "--raw-cells",
        action="store_true",
        help="CSV: write cells that start with =, +, -, @ as they are (by default they get a leading ' "
        "so spreadsheet programs do not run them as formulas)",
    )
    p.set_defaults(handler=_cmd_export)

    p = sub.add_parser("info", help="documents, splits, label counts and spans of a project")
    p.add_argument("project", help="project folder")
    p.add_argument("--json", action="store_true", help="print JSON instead of tables")
    p.set_defaults(handler=_cmd_info)

    p = sub.add_parser("vocabulary", help="load a code vocabulary (CSV: code, term, synonyms) into a project")
    p.add_argument("project", help="project folder")
    p.add_argument("name", help="vocabulary name, as entity types' code normalisers refer to it")
    p.add_argument("file", help="CSV with columns code, term and optional synonyms (separated by | or ;)")
    p.add_argument("--annotator", default="import", help="name recorded in the audit trail")
    p.set_defaults(handler=_cmd_vocabulary)

    p = sub.add_parser(
        "restore",
        help="list a project's backups, or bring one back",
        description="medlabel keeps the last few states of a project in its backups/ folder (made when the "
        "project is opened for writing and every few minutes of work in the app). Without BACKUP this lists "
        "them with what each holds; with BACKUP it puts that one in place, after keeping the current state "
        "as a backup (or, if the database is damaged, setting it aside in backups/).",
    )
    p.add_argument("project", help="project folder")
    p.add_argument("backup", nargs="?", help="number from the list (1 = newest) or the backup's file name")
    p.set_defaults(handler=_cmd_restore)

    from medlabel.ml_commands import add_commands

    add_commands(sub)
    from medlabel.agreement_commands import add_commands as add_agreement_commands

    add_agreement_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from medlabel.core.errors import ImportRejectedError, MedlabelError

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["gui"])
    try:
        return int(args.handler(args))
    except ImportRejectedError as exc:
        print(exc, file=sys.stderr)
        return EXIT_DECIDE
    except MedlabelError as exc:
        print(f"medlabel {args.command}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"medlabel {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`medlabel evaluate ... | head`); Python would print a traceback while
        # flushing stdout at exit unless stdout points somewhere that still accepts writes.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(
            f"medlabel {args.command}: the file system refused: {exc.strerror or exc}{where}. "
            "Check the path, its permissions and the free disk space",
            file=sys.stderr,
        )
        return EXIT_ERROR
    except Exception as exc:
        message = _database_problem(exc, getattr(args, "project", None))
        if message is None:
            raise
        print(f"medlabel {args.command}: {message}", file=sys.stderr)
        return EXIT_ERROR


def _database_problem(exc: Exception, project: object) -> str | None:
    """A sentence for an error SQLite raised while reading or writing a project, else None (a bug)."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError):
        return None
    problem = str(exc.orig)
    where = f" {Path(str(project)).resolve()}" if project else ""
    if "malformed" in problem or "not a database" in problem or "corrupt" in problem:
        return (
            f"the project database{where} is damaged ({problem}). Bring back a backup: "
            f"'medlabel restore{where}' lists them"
        )
    if "readonly" in problem or "read-only" in problem:
        return f"the project{where} cannot be changed: {problem}. Check the folder's permissions"
    if "disk" in problem and "full" in problem:
        return f"the disk is full ({problem}); free some space and try again: nothing was half-stored"
    return f"the project database{where} could not be used ({problem})"
