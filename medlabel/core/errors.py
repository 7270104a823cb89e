"""Errors that medlabel reports to the user.

Every error a user can cause (a bad file, a locked project, an unknown label) is a ``MedlabelError``
whose message says what went wrong and what to do; anything else escaping is a bug.
"""

from __future__ import annotations


class MedlabelError(Exception):
    """An error with a message meant for the user."""


class ProjectError(MedlabelError):
    """The project folder is missing, not a medlabel project, or too new for this version."""


class ProjectLockedError(ProjectError):
    """Another process has the project open for writing."""


class ReadOnlyProjectError(ProjectError):
    """A write was attempted on a project opened read-only."""


class ProjectNotWritableError(ProjectError):
    """The file system does not let this user change the project folder (permissions, read-only medium);
    it can still be opened read-only."""


class DamagedProjectError(ProjectError):
    """The project database fails SQLite's integrity check or cannot be parsed; nothing is written to it
    and the message says how to bring back a backup. ``problem`` is what SQLite (or the check) found,
    for callers that word their own message (the app)."""

    def __init__(self, message: str, problem: str = "") -> None:
        super().__init__(message)
        self.problem = problem or message


class SchemaError(MedlabelError):
    """The label schema does not allow the requested change (unknown label, duplicate name, ...)."""


class NotFoundError(MedlabelError):
    """A document, span, label set or entity type that was asked for does not exist."""


class ImportFormatError(MedlabelError):
    """A file could not be read; names the file, the line or record, and the problem."""

    def __init__(self, path: object, problem: str, location: str | None = None) -> None:
        self.path = str(path)
        self.location = location
        self.problem = problem
        where = f"{self.path}, {location}" if location else self.path
        super().__init__(f"{where}: {problem}")


class ImportRejectedError(MedlabelError):
    """An import found problems and the chosen policy says to abort; nothing was stored."""

    def __init__(self, report: object) -> None:
        self.report = report
        super().__init__(str(report))


class NormalisationError(MedlabelError):
    """A span's text could not be turned into a normalised value or code."""
