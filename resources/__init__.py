"""Static files the app loads (its icon), importable as ``medlabel.resources``: the folder sits at the top of
the repository beside the desktop entry and the AppStream metadata, and setuptools maps it into the
package, so ``importlib.resources.files("medlabel.resources")`` finds it installed, editable or bundled."""

from importlib.resources import files
from pathlib import Path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_path(size: int | None = None) -> Path:
    """The application icon: the SVG, or the PNG drawn from it at ``size`` pixels."""
    name = "medlabel.svg" if size is None else f"medlabel-{size}.png"
    return Path(str(files(__name__) / "icons" / name))
