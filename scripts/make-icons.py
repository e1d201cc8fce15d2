"""Renders resources/icons/vidne.svg into the bitmap icons the installers need, committed under
packaging/icons/: PNGs for Linux menus (hicolor 48/128/256), vidne.ico (Windows) and vidne.icns
(macOS). Run again after changing the SVG: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make-icons.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "packaging" / "icons"


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (QPainter needs an application)
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "vidne.svg"))
    if not renderer.isValid():
        print("resources/icons/vidne.svg cannot be read", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    big = render(renderer, 1024)
    for size in (48, 128, 256):
        render(renderer, size).save(OUT / f"vidne-{size}.png", optimize=True)
    big.save(OUT / "vidne.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    big.save(OUT / "vidne.icns")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
