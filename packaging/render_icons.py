"""Draw the application icon's PNG sizes from resources/icons/medlabel.svg (Qt's SVG renderer):
``QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py``."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICONS / "medlabel.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"medlabel-{size}.png"))
        print(ICONS / f"medlabel-{size}.png")
    del app


if __name__ == "__main__":
    main()
