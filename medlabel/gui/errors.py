"""How the GUI reports errors: core's explained errors as plain messages; anything unexpected is logged
with its traceback to a file in the user's log directory and shown with that file's path — never a
silent failure, never a traceback in the user's face."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from medlabel.core.errors import MedlabelError
from medlabel.gui import messages
from medlabel.gui.i18n import tr

log = logging.getLogger("medlabel.gui")


def log_dir() -> Path:
    """The one folder of the app's log: the platform's place for logs (``~/.local/state/medlabel/log`` on
    Linux), not Qt's data folder, which names the organisation and the application (medlabel/medlabel)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("medlabel", appauthor=False))


def log_file() -> Path:
    return log_dir() / "medlabel.log"


def setup_logging() -> Path:
    """Log to a rotating file in the user's log directory; returns its path."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


def describe(exc: BaseException) -> tuple[str, str]:
    """(title, message) in plain words for an exception."""
    if isinstance(exc, MedlabelError):
        return tr("Could not do that"), messages.describe(exc)
    if isinstance(exc, MemoryError):
        return tr("Out of memory"), tr("The computer ran out of memory. Close other programs and try again.")
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return tr("File problem"), tr(
            "The file system refused: {0}{1}. Check the folder and its permissions."
        ).format(exc.strerror or exc, where)
    return tr("Unexpected error"), tr(
        "Something went wrong inside medlabel ({0}). Your annotations are safe: every change is stored "
        "the moment you make it. The details were written to {1}; please send that file to support."
    ).format(type(exc).__name__, log_file())


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Log ``exc`` (with traceback when unexpected) and show it as a message box."""
    if isinstance(exc, MedlabelError):
        log.info("explained error: %s", exc)
    else:
        log.error(
            "unexpected error\n%s", "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        )
    title, message = describe(exc)
    if QApplication.instance() is None:
        print(f"{title}: {message}", file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    # open(), not exec(): the box is modal all the same, but no nested event loop runs inside whatever
    # slot failed (and tests are not blocked). A box without parent lives as long as a reference to it.
    _shown.append(box)
    box.finished.connect(lambda _: _shown.remove(box))
    box.open()


_shown: list[QMessageBox] = []


def show_message(
    parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, name: str, selectable: bool = False
) -> QMessageBox:
    """A message box with an OK button, opened (not exec'd) and deleted when closed; ``name`` is its
    object name, by which tests find it; ``selectable`` lets the user copy the text (a path)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name)
    if selectable:
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def install_excepthook() -> None:
    """Route exceptions that escape a Qt slot to ``show_error`` instead of stderr."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        show_error(QApplication.activeWindow(), exc.with_traceback(tb))

    sys.excepthook = hook
