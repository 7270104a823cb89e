"""Translation of the GUI's text (German first).

Every module uses this ``tr``. Qt's ``pyside6-lupdate`` files a module-level ``tr("...")`` call under the
empty context, so the lookup uses that context too; one context for the whole application also means a
phrase is translated once wherever it appears. ``medlabel/translations/medlabel_de.ts`` holds the German
text, compiled to ``medlabel_de.qm`` with ``pyside6-lrelease``; ``tests/gui/test_translations.py``
fails when the code has a phrase the catalogue lacks. After changing GUI text::

    .venv/bin/pyside6-lupdate $(find medlabel/gui -name '*.py' | sort) \
        -ts medlabel/translations/medlabel_de.ts -no-obsolete -locations none
    # translate the new <message>s (pyside6-linguist, or any editor), then
    .venv/bin/pyside6-lrelease medlabel/translations/medlabel_de.ts
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)
