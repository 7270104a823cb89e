"""A run's stored predictions as one table, one row per document, for a spreadsheet or a script.

Columns: ``id`` (the document's external id) and ``split``; then, for a document task, ``label`` (the
predicted label), ``confidence``, ``label (gold)`` and ``correct``; for an extraction task one column per
entity type holding the predicted normalised value(s) (``"55 %"``; a code for a vocabulary type; the span
text where a span has no value; several joined by ``"; "``), each followed by the same column with
``" (gold)"``; last ``valid`` (False where an instruct answer could not be read). Gold columns come from
the current annotations and are left out with ``include_gold=False`` or when no predicted document has
gold; a document without gold has empty gold cells and an empty ``correct``.

Files (:func:`write_prediction_table`, chosen by suffix, each written atomically):

- ``.csv``: UTF-8 with a BOM, so that Excel shows umlauts right. A text cell that a spreadsheet would run
  as a formula (starting with ``=``, ``+``, ``-``, ``@``) gets a leading ``'``, as in medlabel's CSV
  export (:mod:`medlabel.core.io.cells`); numbers and True/False are written as they are.
- ``.xlsx``: one sheet, ``predictions``; text cells are always text, so nothing runs as a formula.
- ``.jsonl``: one JSON object per row, empty cells as ``null``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlabel.core.documents import iter_export_documents
from medlabel.core.errors import MedlabelError
from medlabel.core.io._common import atomic_text_writer
from medlabel.core.io.cells import escape_formula_cell, escape_xlsx_text
from medlabel.core.normalize import NumberValue, format_number
from medlabel.core.project import Project
from medlabel.core.records import ExportDocument, SpanRecord
from medlabel.core.runs import get_predictions, get_run
from medlabel.core.schema import load_schema

if TYPE_CHECKING:
    import pandas as pd

FORMATS = (".csv", ".xlsx", ".jsonl")
GOLD_SUFFIX = " (gold)"
VALUE_SEPARATOR = "; "
SHEET_TITLE = "predictions"


def gold_column(name: str) -> str:
    return f"{name}{GOLD_SUFFIX}"


def _span_text(span: SpanRecord, text: str) -> str:
    if span.value is not None:
        return format_number(NumberValue(span.value, span.unit))
    if span.code:
        return span.code
    return " ".join(text[span.start : span.end].split())


def span_cells(spans: Iterable[SpanRecord], text: str, types: Sequence[str]) -> dict[str, str | None]:
    """Entity type -> its spans' values as one cell (distinct, in text order), None where there is none."""
    cells: dict[str, list[str]] = {name: [] for name in types}
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        shown = _span_text(span, text)
        if span.type in cells and shown and shown not in cells[span.type]:
            cells[span.type].append(shown)
    return {name: VALUE_SEPARATOR.join(values) or None for name, values in cells.items()}


def _documents(project: Project, wanted: set[int]) -> dict[int, ExportDocument]:
    # The export's batched pass (a few queries per 2,000 documents) rather than queries per document: the
    # whole table of 10,000 predicted reports takes well under a second this way.
    return {doc.doc_id: doc for doc in iter_export_documents(project) if doc.doc_id in wanted}


def prediction_table(
    project: Project,
    run_id: int,
    include_gold: bool = True,
    document_ids: Sequence[int] | None = None,
) -> pd.DataFrame:
    """The stored predictions of run ``run_id`` (only of ``document_ids`` when given), in document order."""
    import pandas as pd

    run = get_run(project, run_id)
    predictions = get_predictions(project, run_id, document_ids)
    docs = _documents(project, {p.document_id for p in predictions})
    predictions = [p for p in predictions if p.document_id in docs]  # a document deleted since
    columns: dict[str, Any] = {
        "id": pd.array([docs[p.document_id].external_id for p in predictions], dtype="string"),
        "split": pd.array([docs[p.document_id].split for p in predictions], dtype="string"),
    }
    gold_columns: set[str] = set()
    if run.task_kind == "document":
        gold = [docs[p.document_id].labels.get(run.task) for p in predictions]
        columns["label"] = pd.array([p.label for p in predictions], dtype="string")
        columns["confidence"] = pd.array([p.confidence for p in predictions], dtype="Float64")
        columns[gold_column("label")] = pd.array(gold, dtype="string")
        columns["correct"] = pd.array(
            [None if g is None else p.label == g for p, g in zip(predictions, gold, strict=True)],
            dtype="boolean",
        )
        gold_columns = {gold_column("label"), "correct"}
        has_gold = any(g is not None for g in gold)
    else:
        types = [et.name for et in load_schema(project).entity_types]
        predicted = [span_cells(p.spans, docs[p.document_id].text, types) for p in predictions]
        # A report belongs to the extraction task once it has spans or was put in a split (as in training):
        # a report annotated as holding no values has gold, and its gold cells are empty.
        in_task = [bool(docs[p.document_id].spans or docs[p.document_id].split) for p in predictions]
        gold_cells = [
            span_cells(docs[p.document_id].spans, docs[p.document_id].text, types) if ok else {}
            for p, ok in zip(predictions, in_task, strict=True)
        ]
        for name in types:
            columns[name] = pd.array([row[name] for row in predicted], dtype="string")
            columns[gold_column(name)] = pd.array([row.get(name) for row in gold_cells], dtype="string")
            gold_columns.add(gold_column(name))
        has_gold = any(in_task)
    columns["valid"] = pd.array([p.valid for p in predictions], dtype="boolean")
    if not (include_gold and has_gold):
        columns = {name: values for name, values in columns.items() if name not in gold_columns}
    return pd.DataFrame(columns)


def table_format(path: Path) -> str:
    """The format (".csv", ".xlsx" or ".jsonl") ``path`` asks for; any other suffix is refused."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise MedlabelError(
            f"cannot write the predictions to {path}: the file name must end in .csv, .xlsx or .jsonl "
            f"(it ends in {suffix or 'no suffix'!r}); choose one of those",
            code="predict.out_format", path=str(path), suffix=suffix,
        )  # fmt: skip
    return suffix


def _rows(df: pd.DataFrame) -> Iterable[list[Any]]:
    """Each row as plain values for JSON and openpyxl: None for an empty cell, Python scalars otherwise."""
    import pandas as pd

    for row in df.itertuples(index=False, name=None):
        yield [None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
               else v.item() if hasattr(v, "item") else v for v in row]  # fmt: skip


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    safe = df.copy()
    for name in safe.columns:
        if safe[name].dtype == "string":
            safe[name] = safe[name].map(escape_formula_cell, na_action="ignore")
    safe.columns = [escape_formula_cell(str(c)) for c in safe.columns]
    with atomic_text_writer(path, newline="") as fh:
        fh.write("\ufeff")  # the BOM: without it Excel reads UTF-8 as the local code page
        safe.to_csv(fh, index=False, lineterminator="\r\n")


def _write_jsonl(df: pd.DataFrame, path: Path) -> None:
    header = [str(c) for c in df.columns]
    with atomic_text_writer(path, newline="\n") as fh:
        for row in _rows(df):
            fh.write(json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False) + "\n")


def _write_xlsx(df: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from medlabel.core.io.xlsx_export import MAX_ROWS, atomic_binary_writer

    if len(df) + 1 > MAX_ROWS:
        raise MedlabelError(
            f"cannot write {path}: {len(df):,} rows do not fit in an Excel sheet; write a .csv or .jsonl one",
            code="predict.too_many_rows", path=str(path), rows=len(df),
        )  # fmt: skip
    book = Workbook(write_only=True)
    ws = book.create_sheet(SHEET_TITLE)

    def cells(values: list[Any]) -> list[Any]:
        out = []
        for value in values:
            if isinstance(value, str):
                cell = WriteOnlyCell(ws, value=escape_xlsx_text(value))
                cell.data_type = "s"  # openpyxl would make "=..." a formula
                out.append(cell)
            else:
                out.append(value)
        return out

    with atomic_binary_writer(path) as fh:
        ws.append(cells([str(c) for c in df.columns]))
        for row in _rows(df):
            ws.append(cells(row))
        book.save(fh)


def write_prediction_table(df: pd.DataFrame, path: Path) -> Path:
    """Write ``df`` (a :func:`prediction_table`) as .csv, .xlsx or .jsonl by the suffix of ``path``."""
    path = Path(path)
    writer = {".csv": _write_csv, ".xlsx": _write_xlsx, ".jsonl": _write_jsonl}[table_format(path)]
    writer(df, path)
    return path
