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

A text that holds a count is looked up with it, ``tr("{0} report(s) moved", "", n).format(n)``, so that a
catalogue gives each plural form (lupdate files it as a numerus message). Without a translation the
English source is shown, with ``(s)`` resolved for ``n``: "1 report moved", "2 reports moved".
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


_PLURAL_S = re.compile(r"(?<=\w)\(s\)")


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    """``text`` in the user's language; with ``n`` (a count) in the plural form that fits it."""
    if n < 0:
        return QCoreApplication.translate("", text)
    translated = QCoreApplication.translate("", text, disambiguation or None, n)
    # A catalogue's plural forms never hold "(s)"; where it is left, the English source came back.
    return _PLURAL_S.sub("" if n == 1 else "s", translated)
