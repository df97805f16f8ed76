"""Render resources/icons/akimat-desk.svg to the PNG sizes (16-256, in the freedesktop "hicolor"
layout that pyproject installs under share/icons) and the Windows .ico.

Run after changing the SVG: `python tools/make_icons.py` (needs PySide6 and Pillow, both
dependencies of the app). The PNGs and the .ico are committed; the build only copies them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / "akimat-desk.png"


def main() -> int:
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(ICONS / "akimat-desk.svg"))
    if not renderer.isValid():
        print("the SVG could not be read", file=sys.stderr)
        return 1
    pngs = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = png_path(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(target))
        pngs.append(target)
    biggest = Image.open(png_path(256))
    biggest.save(ICONS / "akimat-desk.ico", sizes=[(s, s) for s in SIZES])
    for path in [*pngs, ICONS / "akimat-desk.ico"]:
        print(path.relative_to(ICONS.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
