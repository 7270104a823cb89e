"""Exporting a project's documents and annotations to a file."""

from __future__ import annotations

from pathlib import Path

from medlabel.core.documents import iter_export_documents
from medlabel.core.io import write_file
from medlabel.core.project import Project
from medlabel.core.schema import load_schema


def export_project(project: Project, fmt: str, path: Path, *, raw_cells: bool = False) -> int:
    """Write every document with its current labels and spans; returns the number written.

    ``raw_cells`` (CSV only) keeps cells that a spreadsheet would run as formulas as they are, instead
    of with a leading ``'`` (see :mod:`medlabel.core.io.csv_export`).
    """
    schema = load_schema(project).to_export()
    return write_file(fmt, iter_export_documents(project), Path(path), schema, raw_cells=raw_cells)
