"""Draw the application icon with QPainter and write it as PNGs and a multi-size Windows ICO.

    .venv/bin/python scripts/make_icon.py            # write resources/icons/
    .venv/bin/python scripts/make_icon.py --out DIR  # write somewhere else (e.g. to compare)

The motif is a house with a heart in it (a safe home for children) on a rounded square in calm
blue-green, with a warm coral heart. Every size is drawn from the vector shapes, not scaled
down from the large one, so the small sizes stay crisp; below 32 px the shapes get simpler.

Written files: ``tfbb-katalog.png`` (256 px, the window icon), ``tfbb-katalog-<N>.png`` for each
size, and ``tfbb-katalog.ico`` holding every size (PNG-compressed entries, which Windows Vista
and later read; the container is written here, so no Qt image plugin is needed).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "resources" / "icons"
NAME = "tfbb-katalog"
SIZES = (16, 24, 32, 48, 64, 128, 256)

# Calm blue-green (lake and forest) with a warm coral heart and an off-white house.
BACKGROUND_TOP = QColor("#2f7f8f")
BACKGROUND_BOTTOM = QColor("#1d5566")
HOUSE = QColor("#f7f4ee")
HEART = QColor("#e0644f")
OUTLINE = QColor(0, 0, 0, 40)


def _heart(cx: float, cy: float, w: float) -> QPainterPath:
    """A heart of width ``w`` centred on (cx, cy)."""
    h = w * 0.9
    top = cy - h * 0.30
    path = QPainterPath(QPointF(cx, cy + h * 0.52))
    path.cubicTo(QPointF(cx - w * 0.12, cy + h * 0.38), QPointF(cx - w * 0.50, cy + h * 0.12),
                 QPointF(cx - w * 0.50, top + h * 0.02))
    path.cubicTo(QPointF(cx - w * 0.50, top - h * 0.26), QPointF(cx - w * 0.06, top - h * 0.30),
                 QPointF(cx, top + h * 0.02))
    path.cubicTo(QPointF(cx + w * 0.06, top - h * 0.30), QPointF(cx + w * 0.50, top - h * 0.26),
                 QPointF(cx + w * 0.50, top + h * 0.02))
    path.cubicTo(QPointF(cx + w * 0.50, cy + h * 0.12), QPointF(cx + w * 0.12, cy + h * 0.38),
                 QPointF(cx, cy + h * 0.52))
    path.closeSubpath()
    return path


def _house(s: float, small: bool) -> QPainterPath:
    """The house outline (roof and body) in a square of side ``s``."""
    left, right = s * (0.20 if small else 0.22), s * (0.80 if small else 0.78)
    eave_l, eave_r = s * (0.12 if small else 0.15), s * (0.88 if small else 0.85)
    roof_top, eave_y, bottom = s * 0.16, s * 0.47, s * (0.84 if small else 0.82)
    path = QPainterPath(QPointF(s * 0.5, roof_top))
    path.lineTo(eave_r, eave_y)
    path.lineTo(right, eave_y)
    path.lineTo(right, bottom)
    path.lineTo(left, bottom)
    path.lineTo(left, eave_y)
    path.lineTo(eave_l, eave_y)
    path.closeSubpath()
    return path


def render(size: int) -> QImage:
    """The icon at ``size`` x ``size`` pixels, drawn from its shapes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    small = size < 32
    s = float(size)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    # Background: a rounded square (almost full bleed at the small sizes).
    margin = 0.0 if small else s * 0.04
    radius = s * (0.18 if small else 0.20)
    rect = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
    gradient.setColorAt(0.0, BACKGROUND_TOP)
    gradient.setColorAt(1.0, BACKGROUND_BOTTOM)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(gradient))
    painter.drawRoundedRect(rect, radius, radius)

    # The house, with a faint shadow line at the larger sizes for depth.
    house = _house(s, small)
    if not small:
        painter.setPen(QPen(OUTLINE, max(1.0, s / 64), Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(house.translated(0, s / 96))
    painter.setPen(QPen(HOUSE, s / 48 if not small else 0.0, Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
                   if not small else Qt.PenStyle.NoPen)
    painter.setBrush(HOUSE)
    painter.drawPath(house)

    # The heart inside the house.
    heart_w = s * (0.40 if small else 0.34)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(HEART)
    painter.drawPath(_heart(s * 0.5, s * (0.645 if small else 0.625), heart_w))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("could not encode PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows ICO container with one PNG-compressed entry per size."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def write_icons(target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    pngs = {size: png_bytes(render(size)) for size in SIZES}
    written = []
    for size, blob in pngs.items():
        path = target / f"{NAME}-{size}.png"
        path.write_bytes(blob)
        written.append(path)
    main_png = target / f"{NAME}.png"
    main_png.write_bytes(pngs[max(SIZES)])
    ico = target / f"{NAME}.ico"
    ico.write_bytes(ico_bytes(pngs))
    return [main_png, ico, *written]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TARGET, help="folder to write to")
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in write_icons(args.out):
        print(f"{path} ({path.stat().st_size} bytes)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
