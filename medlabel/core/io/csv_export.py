"""Write documents as CSV, with the columns of :mod:`medlabel.core.io.table_export`: ``id``, ``text``,
``split``, one ``label:<set>`` column per label set, ``spans`` (a JSON list) and one column per
metadata key (``meta:<key>`` where the key would clash with another column).

The file is UTF-8 without a BOM (Excel users get the XLSX export instead) with the csv module's Excel
dialect: fields quoted when needed, CRLF between rows, texts' own line breaks kept inside quotes.

Formula injection: a spreadsheet program runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula, so a report text or metadata value such as ``=HYPERLINK(...)``
could act when someone opens the export. By default every such cell (header included) is written with
a leading apostrophe ``'``, which makes it plain text (see :mod:`medlabel.core.io.cells`; medlabel's
CSV reader removes the apostrophe again, so texts and span offsets survive a round trip). This also
marks cells such as ``-2``. Pass ``raw_cells=True`` (``medlabel export --raw-cells``) to write every
cell exactly as stored, for programs that read the file as data rather than open it as a sheet.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from medlabel.core.io._common import atomic_text_writer
from medlabel.core.io.cells import escape_formula_cell
from medlabel.core.io.table_export import export_table, metadata_column
from medlabel.core.records import ExportDocument, ExportSchema

__all__ = ["metadata_column", "write"]


def write(docs: Iterable[ExportDocument], path: Path, schema: ExportSchema, raw_cells: bool = False) -> int:
    """Write ``docs`` to ``path`` (atomically); returns the number of documents written.

    Cells that a spreadsheet would run as formulas get a leading ``'`` unless ``raw_cells`` is true.
    """
    path = Path(path)
    # The target's temp file first: it is what reports an unwritable folder as a MedlabelError.
    with atomic_text_writer(path, newline="") as fh, export_table(docs, schema, path) as table:
        writer = csv.writer(fh)
        if raw_cells:
            writer.writerow(table.header)
            writer.writerows(table.rows())
        else:
            writer.writerow([escape_formula_cell(c) for c in table.header])
            writer.writerows([escape_formula_cell(c) for c in row] for row in table.rows())
    return table.count
