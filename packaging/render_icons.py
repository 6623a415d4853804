"""Render the application icon (resources/icons/gmm-desktop.svg) to PNGs of 64, 128 and 256 px.

    .venv/bin/python packaging/render_icons.py            # writes resources/icons/gmm-desktop-*.png
    .venv/bin/python packaging/render_icons.py --check    # exit 1 when a render is missing

The PNGs are for the Linux desktop entry (hicolor icon theme) and for places that cannot read
SVG. On Windows and macOS PyInstaller turns gmm-desktop-256.png into the .ico / .icns it needs
when Pillow is installed (see packaging/README.md). Uses only PySide6 (QtSvg ships with
PySide6-Essentials) and needs no display: it runs on the offscreen platform (no GL involved).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "gmm-desktop.svg"
SIZES = (64, 128, 256)


def _render(size: int):  # -> QImage (PySide6 imported lazily, after the platform is chosen)
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def targets() -> dict[Path, int]:
    """Every file this script writes, with its pixel size."""
    return {ICONS / f"gmm-desktop-{size}.png": size for size in SIZES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="only check the renders are there")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window, no GL: offscreen is fine
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (keeps Qt up)
    if args.check:
        from PySide6.QtGui import QImage

        bad = [p for p, size in targets().items() if QImage(str(p)).size().width() != size]
        for path in bad:
            print(f"render_icons: {path.name} is missing or has the wrong size", file=sys.stderr)
        return 1 if bad else 0
    for path, size in targets().items():
        if not _render(size).save(str(path), "PNG"):
            print(f"render_icons: could not write {path}", file=sys.stderr)
            return 1
        print(f"wrote {path.relative_to(ICONS.parents[1])} ({size} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
