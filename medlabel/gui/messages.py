"""The app's words for core's errors.

Core raises a ``MedlabelError`` with an English message (what the command line prints), a ``code`` and
``params``. The app words the error from the code and params through ``tr()``, so it reads in the user's
language and gives the app's advice (a menu, a page of the wizard), never a command-line flag or command.
An error whose code has no wording here is shown with its English message, which is still right.

Placeholders are ``{0}``, ``{1}``, ... (what ``tests/gui/test_translations.py`` checks survive translation).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QLocale

from medlabel.core.errors import MedlabelError
from medlabel.gui.i18n import tr

Wording = Callable[["Params"], str]


class Params:
    """An error's params as the app shows them: numbers in the user's locale, places translated."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = values

    def __getitem__(self, name: str) -> str:
        value = self.values[name]
        if isinstance(value, bool) or value is None:
            return "" if value is None else str(value)
        if isinstance(value, int):
            return QLocale().toString(value)
        return str(value)

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def where(self) -> str:
        """The file, with the line, row or record in it when the error names one."""
        location = self.values.get("location")
        path = self["path"]
        return f"{path}, {place(str(location))}" if location else path


def _words(template: str, *names: str) -> Wording:
    """A wording that fills ``template``'s ``{0}``, ``{1}``, ... with the params ``names`` in order;
    ``where`` stands for the file and the place in it."""
    return lambda p: template.format(*(p.where() if n == "where" else p[n] for n in names))


# --- pieces that core gives in English --------------------------------------------------------------


def _place_words() -> dict[str, str]:
    return {
        "line": tr("line {0}"),
        "lines": tr("lines {0}"),
        "row": tr("row {0}"),
        "column": tr("column {0}"),
        "task": tr("task {0}"),
        "result": tr("result {0}"),
        "span": tr("span {0}"),
        "record": tr("record {0}"),
        "file": tr("file {0}"),
    }


_PLACE = re.compile(r"^(\w+) (.+)$")


def place(location: str) -> str:
    """A reader's place in a file ("line 4, column 7", "task 2, result 1") in the user's language."""
    words = _place_words()
    parts = []
    for part in location.split(", "):
        match = _PLACE.match(part)
        if match and match.group(1) in words:
            parts.append(words[match.group(1)].format(match.group(2)))
        else:
            parts.append(part)
    return ", ".join(parts)


def file_kinds() -> dict[str, str]:
    """What a file that is not text looks like, keyed by core's English (``core.io._decoding``)."""
    return {
        "a PNG image": tr("a PNG image"),
        "a JPEG image": tr("a JPEG image"),
        "a GIF image": tr("a GIF image"),
        "a PDF document": tr("a PDF document"),
        "a ZIP archive": tr("a ZIP archive"),
        "a gzip archive": tr("a gzip archive"),
        "an old Office file (.xls or .doc)": tr("an old Office file (.xls or .doc)"),
        "a 7-Zip archive": tr("a 7-Zip archive"),
        "a RAR archive": tr("a RAR archive"),
        "an xz archive": tr("an xz archive"),
        "an SQLite database": tr("an SQLite database"),
        "a program": tr("a program"),
        "a tar archive": tr("a tar archive"),
        "a Word document (.docx)": tr("a Word document (.docx)"),
        "NUL bytes, which text files do not hold": tr("NUL bytes, which text files do not hold"),
        "many control bytes, which text files do not hold": tr(
            "many control bytes, which text files do not hold"
        ),
        "NUL characters, which text files do not hold": tr("NUL characters, which text files do not hold"),
        "many control characters, which text files do not hold": tr(
            "many control characters, which text files do not hold"
        ),
        "no format medlabel knows": tr("no format medlabel knows"),
    }


def _kind(p: Params) -> str:
    kind = str(p.get("kind") or "")
    return file_kinds().get(kind, kind)


def _reason(p: Params) -> str:
    """Why the file system refused; the operating system's own words where medlabel has none."""
    if p.get("read_only_disk"):
        return tr("the disk or share is read-only")
    reason = str(p.get("reason") or "")
    return tr("permission denied") if reason.lower() == "permission denied" else reason


def problem_kinds() -> dict[str, tuple[str, str]]:
    """An import check's problem kinds (``core.importing.PROBLEM_KINDS``): what each means, and what
    skipping it does."""
    return {
        "duplicate_id": (tr("id appears more than once in the file"), tr("keep the first, skip the rest")),
        "existing_id": (tr("id already in the project"), tr("skip these documents")),
        "empty_text": (tr("empty text"), tr("skip these documents")),
        "bad_span": (tr("span outside the text or cutting a character"), tr("drop these spans")),
        "bad_split": (tr("unknown split name (use train or test)"), tr("leave the split empty")),
        "unknown_label": (tr("label not in the project's label set"), tr("drop these labels")),
    }


# --- the wordings -----------------------------------------------------------------------------------


def _locked(p: Params) -> str:
    if p.get("pid") and p.get("host"):
        from medlabel.core.backups import local_time

        return tr(
            "The project {0} is already open for writing in another medlabel window (process {1} on {2}, "
            "since {3}). Close it there first, or open this project read-only."
        ).format(p["path"], p["pid"], p["host"], local_time(str(p.get("since") or "")))
    return tr(
        "The project {0} is already open for writing in another medlabel window or program. Close it "
        "there first, or open this project read-only."
    ).format(p["path"])


def _damaged(p: Params) -> str:
    advice = tr("Nothing was changed. Bring back a backup with Project → Restore from a backup…")
    if p.get("path"):
        return tr("The database of the project {0} is damaged ({1}). {2}").format(
            p["path"], p["problem"], advice
        )
    return tr("The project's database is damaged ({0}). {1}").format(p["problem"], advice)


def _too_long(p: Params) -> str:
    template = (
        tr(
            "{0}: the report has at least {1} characters, more than the limit of {2} for one report. "
            "Split it into smaller reports and import those."
        )
        if p.get("at_least")
        else tr(
            "{0}: the report has {1} characters, more than the limit of {2} for one report. Split it into "
            "smaller reports and import those."
        )
    )
    return template.format(p.where(), p["length"], p["limit"])


def _permission(p: Params) -> str:
    if p.get("folder"):
        return tr(
            "medlabel may not read the folder {0} (permission denied). Check the folder's permissions."
        ).format(p["path"])
    return tr("medlabel may not read {0} (permission denied). Check the file's permissions.").format(
        p["path"]
    )


def _no_such_column(p: Params) -> str:
    templates = {
        "text": tr("{0} has no column “{1}” to take the report text from. Columns found: {2}."),
        "id": tr("{0} has no column “{1}” to take the document id from. Columns found: {2}."),
        "label": tr("{0} has no column “{1}” to take labels from. Columns found: {2}."),
    }
    template = templates.get(str(p.get("role")), templates["label"])
    return template.format(p["path"], p["column"], p["columns"])


def _unknown_ending(p: Params) -> str:
    ending = p["ending"] or tr("(none)")
    return tr(
        "medlabel cannot tell the format of {0} from its ending “{1}”. Choose the format in the list."
    ).format(p["path"], ending)


def _rejected(p: Params) -> str:
    meanings = problem_kinds()
    found = [meanings[k][0] if k in meanings else str(k) for k in p.get("problems") or []]
    return tr(
        "The file has problems that need your decision ({0}); nothing was imported. Go back to the check, "
        "choose what should happen with the problems, and import again."
    ).format("; ".join(found))


def _by_kind(empty: bool) -> Wording:
    def wording(p: Params) -> str:
        if empty:
            templates = {
                "label_set": tr("A label set needs a name; the name given is empty."),
                "label": tr("A label needs a name; the name given is empty."),
                "entity_type": tr("An entity type needs a name; the name given is empty."),
            }
            return templates.get(str(p.get("kind")), templates["label"])
        templates = {
            "label_set": tr("The label set name “{0}…” is longer than {1} characters; choose a shorter one."),
            "label": tr("The label name “{0}…” is longer than {1} characters; choose a shorter one."),
            "entity_type": tr(
                "The entity type name “{0}…” is longer than {1} characters; choose a shorter one."
            ),
        }
        return templates.get(str(p.get("kind")), templates["label"]).format(p["name"], p["limit"])

    return wording


def _count(p: Params, name: str) -> int:
    """The count that picks a wording's plural form; a count that is not a number picks none."""
    value = p.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _known(template: str, *names: str) -> Wording:
    """As ``_words``, with the last param a list that may be empty ("none")."""
    return lambda p: template.format(*(p[n] for n in names[:-1]), p[names[-1]] or tr("none"))


def wordings() -> dict[str, Wording]:
    """Every error code the app words, with its wording (built now, so that it is in today's language)."""
    from medlabel.gui.review.review_messages import review_wordings  # they build on this module's helpers
    from medlabel.gui.run_messages import run_wordings
    from medlabel.gui.schema_messages import schema_wordings

    return {
        **run_wordings(),
        **review_wordings(),
        **schema_wordings(),
        # --- projects ---
        "project.read_only": _words(
            tr(
                "The project {0} is open read-only, so nothing can be changed. Close it in the other window, "
                "then open it here again to edit it."
            ),
            "path",
        ),
        "project.locked": _locked,
        "project.cannot_lock": lambda p: tr(
            "medlabel may not open {0} for writing ({1}). Check the folder's permissions, or copy the "
            "project to a folder of your own; it can still be opened read-only."
        ).format(p["path"], _reason(p)),
        "project.cannot_create": lambda p: tr(
            "medlabel cannot create a project in {0} ({1}). Choose a folder you may write to, such as one in "
            "your home folder."
        ).format(p["path"], _reason(p)),
        "project.no_folder": _words(tr("There is no folder {0}. Check the path."), "path"),
        "project.not_a_folder": _words(
            tr("{0} is a file, not a folder; choose a folder for the project."), "path"
        ),
        "project.folder_not_readable": _words(
            tr("medlabel may not look into the folder {0} (permission denied). Check its permissions."),
            "path",
        ),
        "project.not_a_project": _words(
            tr(
                "{0} is not a medlabel project: it has no {1} in it. Choose the folder that holds {1}, or "
                "make a project from a file of reports or from a demo."
            ),
            "path",
            "file",
        ),
        "project.database_not_readable": _words(
            tr("medlabel may not read {0} (permission denied). Check the file's permissions."), "path"
        ),
        "project.not_completed": _words(
            tr("The new project in {0} could not be completed (its database log was busy). Try again."),
            "path",
        ),
        "project.folder_appeared": _words(
            tr("{0} appeared while the project was being made. Choose another folder."), "path"
        ),
        "project.made_meanwhile": _words(
            tr(
                "{0} came to hold a project while this one was being made. Open that project, or choose "
                "another folder."
            ),
            "path",
        ),
        "project.exists": _words(
            tr("{0} already holds a medlabel project. Open it instead of creating one."), "path"
        ),
        "project.runs_is_file": _words(
            tr(
                "{0} is a file, but the project needs that name for its runs folder. Move or rename the file."
            ),
            "path",
        ),
        "project.not_writable": _words(
            tr(
                "The project {0} can be read but not changed by you (its folder or database is read-only). "
                "Open it read-only, or copy it to a folder of your own to edit it."
            ),
            "path",
        ),
        "project.damaged": _damaged,
        "project.unclean_read_only": _words(
            tr(
                "The project {0} was not closed cleanly (its last changes are still in {1}) and its folder "
                "is read-only, so medlabel cannot read them in. Open it once where you may write, or copy "
                "the folder to one of your own."
            ),
            "path",
            "file",
        ),
        "project.not_a_database": _words(
            tr(
                "{0} is not a medlabel project database ({1}). If it was one, bring back a copy from the "
                "backups folder beside it."
            ),
            "path",
            "problem",
        ),
        "project.too_new": _words(
            tr(
                "The project {0} was made by a newer medlabel (schema version {1}; this one knows up to "
                "{2}). Update medlabel to open it."
            ),
            "path",
            "version",
            "known",
        ),
        "project.needs_upgrade": _words(
            tr(
                "The project {0} was made by an older medlabel (schema version {1}). Open it once for "
                "writing to upgrade it."
            ),
            "path",
            "version",
        ),
        # --- backups ---
        "backup.no_folder": _words(
            tr("medlabel could not make the backup folder {0} ({1}). Check the folder's permissions."),
            "path",
            "reason",
        ),
        "backup.failed": _words(
            tr(
                "medlabel could not keep a backup of {0} in {1} ({2}). Free some disk space or check the "
                "folder's permissions."
            ),
            "path",
            "folder",
            "reason",
        ),
        "backup.unreadable": _words(
            tr("{0} is not a readable medlabel backup ({1}). Choose another backup."), "path", "problem"
        ),
        "backup.damaged": _words(
            tr("The backup {0} is damaged itself ({1}). Choose another backup."), "path", "problem"
        ),
        "backup.incompatible": _words(
            tr("{0} is not a project database this version of medlabel can open. Choose another backup."),
            "path",
        ),
        # --- demo ---
        "demo.unknown_corpus": _words(
            tr("There is no demo corpus “{0}”. Choose one of: {1}."), "corpus", "choices"
        ),
        "demo.sizes": _words(
            tr(
                "These demo sizes do not fit: the {0} test reports must be part of the {1} labelled ones, "
                "and those part of all {2} reports."
            ),
            "test",
            "labelled",
            "documents",
        ),
        "demo.exists": _words(
            tr("{0} already holds a project. Choose an empty or new folder for the demo."), "path"
        ),
        # --- reading a file to import ---
        "import.unreadable": _words(tr("medlabel could not read {0}: {1}"), "where", "problem"),
        "import.not_text": lambda p: tr(
            "{0} is not a text file (it looks like binary data: {1}). Export the reports as CSV, Excel "
            "(.xlsx), JSON lines or plain text and import that file."
        ).format(p["path"], _kind(p)),
        "import.workbook_misnamed": _words(
            tr(
                "{0} is not a text file: it is an Excel workbook with the wrong file ending. Rename it to "
                "end in .xlsx and import it again."
            ),
            "path",
        ),
        "import.not_a_workbook": lambda p: tr(
            "{0} is not an Excel workbook (it looks like {1}). Export the reports as CSV, Excel (.xlsx), "
            "JSON lines or plain text and import that file."
        ).format(p["path"], _kind(p)),
        "import.old_excel": _words(
            tr(
                "{0} is an old Excel .xls workbook (or another Office 97–2003 file), not an .xlsx. Open it "
                "in Excel and save it as “Excel Workbook (.xlsx)”, or export the sheet as CSV."
            ),
            "path",
        ),
        "import.damaged_workbook": _words(
            tr(
                "{0} is not a readable .xlsx workbook: its zip archive is damaged or cut short. Open it in "
                "Excel and save it again, or export the sheet as CSV."
            ),
            "path",
        ),
        "import.text_named_xlsx": _words(
            tr(
                "{0} is not an Excel workbook (an .xlsx file is a zip archive, and this one is not). If it "
                "holds text with separated columns, choose the CSV format."
            ),
            "path",
        ),
        "import.unknown_encoding": _words(
            tr("medlabel does not know the encoding “{1}” chosen for {0}. Try utf-8, cp1252 or latin-1."),
            "path",
            "encoding",
        ),
        "import.encoding_contradicts_bom": _words(
            tr(
                "{0} starts with a {1} byte-order mark, so it is {1}, not {2}. Choose {1} as the encoding, "
                "or let medlabel detect it."
            ),
            "path",
            "actual",
            "encoding",
        ),
        "import.wrong_encoding": _words(
            tr(
                "{0}: not valid {1} ({2}). Save the file again in one encoding, or choose the one it was "
                "saved in."
            ),
            "where",
            "encoding",
            "detail",
        ),
        "import.not_utf8": _words(
            tr(
                "{0}: not valid UTF-8 ({1}). This format is UTF-8 by standard: save the file as UTF-8 and "
                "import it again."
            ),
            "where",
            "detail",
        ),
        "import.too_long": _too_long,
        "import.too_many_columns": _words(
            tr(
                "{0}: the table has {1} columns, more than the limit of {2}. This usually means a wrong "
                "delimiter or a damaged export; check the file."
            ),
            "where",
            "count",
            "limit",
        ),
        "import.header_too_long": _words(
            tr(
                "{0}: the first line is longer than {1} characters, so it cannot be a row of column names. "
                "Is this a table with one header row?"
            ),
            "where",
            "limit",
        ),
        "import.archive_too_large": _words(
            tr(
                "{0}: the workbook unpacks to {1}, more than the limit of {2}. Export the sheet as CSV and "
                "import that file."
            ),
            "path",
            "size",
            "limit",
        ),
        "import.compression_ratio": _words(
            tr(
                "{0}: its part {1} unpacks {2} times bigger than it is stored, more than the limit of {3} "
                "times. Real workbooks never compress this well, so the file is damaged or built to exhaust "
                "memory; export the sheet as CSV instead."
            ),
            "path",
            "part",
            "ratio",
            "limit",
        ),
        "import.permission_denied": _permission,
        "import.missing": _words(tr("{0} does not exist. Was it moved, renamed or deleted?"), "path"),
        "import.is_a_folder": _words(
            tr(
                "{0} is a folder, not a file. Choose a file, or a format that reads a folder (text files or "
                "brat)."
            ),
            "path",
        ),
        "import.bad_path": _words(
            tr("A part of the path {0} is a file, not a folder. Check the path."), "path"
        ),
        "import.disk_error": _words(
            tr("The disk reported an error while reading {0}. Copy it to a local disk and try again."), "path"
        ),
        "import.os_error": _words(tr("medlabel cannot read {0} ({1})."), "path", "reason"),
        "import.not_a_file": _words(tr("{0} is not a file. Choose the file that holds the reports."), "path"),
        "import.empty_file": _words(
            tr("{0}: the file is empty. Choose the file that holds the reports."), "path"
        ),
        "import.empty_folder": _words(
            tr(
                "The folder {0} holds no .txt files. Choose a folder of .txt files (or of brat .txt and .ann "
                "files)."
            ),
            "path",
        ),
        "import.unknown_ending": _unknown_ending,
        "import.unknown_format": _words(
            tr("“{0}” is not a format medlabel can import. Choose one of: {1}."), "format", "choices"
        ),
        "import.bad_delimiter": _words(
            tr("“{1}” cannot be the delimiter of {0}; give one character, for example a semicolon."),
            "path",
            "delimiter",
        ),
        "import.no_such_column": _no_such_column,
        "import.no_text_column": _words(
            tr(
                "{0}: no column looks like the report text (looked for: {1}). Columns found: {2}. Choose the "
                "column that holds the report text."
            ),
            "path",
            "looked_for",
            "columns",
        ),
        "import.no_rows": _words(tr("{0}: the table has a header row but no data rows."), "path"),
        "import.no_sheets": _words(tr("{0}: the workbook has no sheets."), "path"),
        "import.no_such_sheet": _words(
            tr("{0} has no sheet named “{1}”; sheets found: {2}."), "path", "sheet", "sheets"
        ),
        "import.empty_sheet": _words(tr("{0}: the sheet “{1}” is empty."), "path", "sheet"),
        "import.no_documents": _words(tr("{0} holds no reports. Choose the file that holds them."), "path"),
        "import.rejected": _rejected,
    }


def describe(error: BaseException) -> str:
    """The sentence the app shows for ``error``: a coded MedlabelError in the app's words and language,
    anything else (or a code without a wording here) as its own message."""
    if not isinstance(error, MedlabelError) or not error.code:
        return without_cli_advice(str(error))
    wording = wordings().get(error.code)
    if wording is None:
        return without_cli_advice(str(error))
    try:
        return wording(Params(error.params))
    except (KeyError, IndexError):
        # A raise that left out a param its wording needs: the English message still names everything.
        return without_cli_advice(str(error))


# A command as core's English advice quotes it ('medlabel runs PROJECT'), or a command-line flag.
_CLI = re.compile(r"'medlabel\b[^']*'|`medlabel\b[^`]*`|(?<![\w-])--[a-z][\w-]*")
_CLAUSES = re.compile(r";\s*|,\s*or\s+")


def without_cli_advice(text: str) -> str:
    """An English message without the clauses that send the reader to the command line ("…; load one
    with 'medlabel vocabulary …'"): core's messages are also what the CLI prints, the app has menus."""
    if not _CLI.search(text):
        return text
    kept = [clause for clause in _CLAUSES.split(text) if not _CLI.search(clause)]
    if not kept:
        return _CLI.sub("…", text)
    shown = "; ".join(kept).rstrip(" ;,")
    # A parenthesis opened in a kept clause may have been closed in a dropped one.
    return shown + ")" * max(0, shown.count("(") - shown.count(")"))
