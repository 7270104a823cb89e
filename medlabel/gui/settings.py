"""User interface state kept between sessions (QSettings): annotator name, recent projects, where the
user was in each project. Never annotation data — that lives only in the project.

``MEDLABEL_SETTINGS`` names an INI file to use instead of the platform's store, so tests and the
screenshot script never touch (or depend on) the user's real settings.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

MAX_RECENT = 8


def app_settings() -> QSettings:
    path = os.environ.get("MEDLABEL_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("medlabel", "medlabel")


def annotator() -> str:
    return str(app_settings().value("annotator", "") or "")


def set_annotator(name: str) -> None:
    app_settings().setValue("annotator", name.strip())


def recent_projects() -> list[Path]:
    """Recent project folders, newest first, only those that still exist."""
    value = app_settings().value("recent", []) or []
    paths = [value] if isinstance(value, str) else list(value)
    return [Path(p) for p in paths if Path(p, "project.sqlite").is_file()]


def add_recent_project(root: Path) -> None:
    root = Path(root).resolve()
    paths = [str(root)] + [str(p) for p in recent_projects() if p.resolve() != root]
    app_settings().setValue("recent", paths[:MAX_RECENT])


def last_document(root: Path) -> int | None:
    value = app_settings().value(f"position/{_key(root)}")
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def set_last_document(root: Path, doc_id: int) -> None:
    app_settings().setValue(f"position/{_key(root)}", int(doc_id))


def fixed_width(root: Path) -> bool | None:
    """The user's choice of the fixed-width report view for this project; None when never chosen."""
    value = app_settings().value(f"fixed_width/{_key(root)}")
    if value is None:
        return None
    return value is True or str(value).lower() in ("true", "1")  # an INI file gives the text back


def set_fixed_width(root: Path, on: bool) -> None:
    app_settings().setValue(f"fixed_width/{_key(root)}", bool(on))


def _header_key(header: Sequence[str]) -> str:
    # Column names may hold slashes or any other character and be long; a hash is a safe, short key.
    digest = hashlib.sha256(json.dumps(list(header), ensure_ascii=False).encode("utf-8")).hexdigest()
    return f"column_mapping/{digest}"


def column_mapping(header: Sequence[str]) -> dict[str, Any] | None:
    """The columns chosen last time for a table with exactly this ``header`` (its column names in order):
    ``{"text": str, "id": str | None, "label": str | None, "label_set": str}``; None when never chosen
    or when the stored value is not such a mapping."""
    value = app_settings().value(_header_key(header))
    if not isinstance(value, str):
        return None
    try:
        mapping = json.loads(value)
    except ValueError:
        return None
    return mapping if isinstance(mapping, dict) else None


def set_column_mapping(header: Sequence[str], mapping: dict[str, Any]) -> None:
    """Remember ``mapping`` (see :func:`column_mapping`) for tables with this ``header``."""
    # Stored as JSON text: an INI file gives None and nested values back as strings otherwise.
    app_settings().setValue(_header_key(header), json.dumps(mapping, ensure_ascii=False))


def _key(root: Path) -> str:
    # QSettings keys must not contain slashes; a hash-free, readable key from the path
    return str(Path(root).resolve()).replace("/", "|").replace("\\", "|")


def default_demo_folder(corpus: str) -> Path:
    """Where "Open demo project" puts a demo when the user does not pick a folder."""
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / ".medlabel") / "demo" / corpus
