"""Starting the desktop application: `medlabel` or `medlabel gui [PROJECT]`."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from medlabel.gui import errors
from medlabel.gui.i18n import TRANSLATIONS


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Qt's own strings (buttons, dialogs) and medlabel's, in the user's language when available; returns
    the translators installed (a test removes them again)."""
    locale = locale or QLocale.system()
    installed = []
    for name, folder in (("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         ("medlabel", str(TRANSLATIONS))):  # fmt: skip
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def app_icon() -> QIcon:
    """The application icon in every drawn size (resources/icons, through importlib.resources)."""
    from medlabel.resources import ICON_SIZES, icon_path

    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_path(size)))
    return icon


def run(project: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("medlabel")
    app.setOrganizationName("medlabel")
    app.setDesktopFileName("io.github.medlabel.Medlabel")  # so a desktop shell finds the menu entry and icon
    app.setWindowIcon(app_icon())
    errors.setup_logging()
    errors.install_excepthook()
    install_translators(app)
    from medlabel.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if project is not None:
        window.open_project(project)
    return app.exec()
