"""Errors that medlabel reports to the user.

Every error a user can cause (a bad file, a locked project, an unknown label) is a ``MedlabelError``
whose message says what went wrong and what to do; anything else escaping is a bug.

The message is English and is what the command line prints. An error the app can show also carries a
``code`` (a stable dotted id such as ``project.locked``) and ``params`` (the values the message names:
path, row, setting, limit, ...), so that the app can word it in the user's language without parsing
English, and without the command-line advice (flags, commands) the message may give.
"""

from __future__ import annotations

from typing import Any


class MedlabelError(Exception):
    """An error with a message meant for the user; ``code`` and ``params`` let a front end word it."""

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params: dict[str, Any] = params

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take other arguments than the message, so rebuilding one from ``args`` alone (the
        # default) would fail; a worker process handing an error back pickles it.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(cls: type[MedlabelError], args: tuple[Any, ...], state: dict[str, Any]) -> MedlabelError:
    error = cls.__new__(cls, *args)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


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

    def __init__(self, message: str, problem: str = "", **params: Any) -> None:
        self.problem = problem or message
        super().__init__(message, code="project.damaged", **{"problem": self.problem, **params})


class SchemaError(MedlabelError):
    """The label schema does not allow the requested change (unknown label, duplicate name, ...)."""


class NotFoundError(MedlabelError):
    """A document, span, label set or entity type that was asked for does not exist."""


class ImportFormatError(MedlabelError):
    """A file could not be read; names the file, the line or record, and the problem.

    Without a ``code`` it is ``import.unreadable``, whose ``problem`` is the English detail (a reader's
    finding about the file's structure); refusals the app words itself pass their own code and params.
    """

    def __init__(
        self,
        path: object,
        problem: str,
        location: str | None = None,
        *,
        code: str = "import.unreadable",
        **params: Any,
    ) -> None:
        self.path = str(path)
        self.location = location
        self.problem = problem
        where = f"{self.path}, {location}" if location else self.path
        super().__init__(
            f"{where}: {problem}",
            code=code,
            **{"path": self.path, "location": location, "problem": problem, **params},
        )


class ImportRejectedError(MedlabelError):
    """An import found problems and the chosen policy says to abort; nothing was stored."""

    def __init__(self, report: object) -> None:
        self.report = report
        super().__init__(
            str(report),
            code="import.rejected",
            source=str(getattr(report, "source", "")),
            problems=list(getattr(report, "blocking", []) or []),
        )


class NormalisationError(MedlabelError):
    """A span's text could not be turned into a normalised value or code."""
