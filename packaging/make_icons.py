"""Make packaging/icons/poadesk.ico (Windows) and poadesk.icns (macOS) from the window's icon,
app/ui/shell/icons/poadesk.svg. Run once by hand when the SVG changes, and commit the results:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Qt (PySide6, offscreen) draws the SVG at each size, so small sizes are drawn for their size, not
scaled down from a big one; Pillow (`pip install pillow`, not a dependency of the app) writes the
two multi-size files: .ico 16-256 px, .icns 16-1024 px.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "app" / "ui" / "shell" / "icons" / "poadesk.svg"
OUT = ROOT / "packaging" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(sizes: tuple[int, ...]) -> dict[int, bytes]:
    """PNG bytes of the SVG drawn at each size (transparent background)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {SVG}")
    pngs = {}
    for size in sizes:
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
        pngs[size] = bytes(data.data())
    return pngs


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image

    pngs = render(tuple(sorted(set(ICO_SIZES) | set(ICNS_SIZES))))
    images = {size: Image.open(io.BytesIO(png)) for size, png in pngs.items()}
    OUT.mkdir(exist_ok=True)
    biggest = images[max(ICO_SIZES)]
    biggest.save(OUT / "poadesk.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    images[max(ICNS_SIZES)].save(OUT / "poadesk.icns", format="ICNS",
                                 append_images=[images[s] for s in ICNS_SIZES[:-1]])
    for name in ("poadesk.ico", "poadesk.icns"):
        print(f"{OUT / name}: {(OUT / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
