"""PNG and SVG export of pyqtgraph scenes, PNG of OpenGL views, written atomically.

A file is rendered to memory first and then written through a temporary file in the target
folder that is renamed over the target, so a failed export never leaves half a file behind.

SVG goes through Qt's own QSvgGenerator, not pyqtgraph's SVGExporter: that one rewrites the
path data Qt writes and fails on what Qt 6.11 produces (pyqtgraph issue #3485).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QWidget

from ...errors import UserError
from ...io.atomic import atomic_open


def png_bytes(image: QImage) -> bytes:
    """Encode ``image`` as PNG in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stub wants bytes
        raise UserError("the picture could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


def with_dpi(image: QImage, dpi: float | None) -> QImage:
    """``image`` marked with a resolution (the print size a word processor gives it)."""
    if dpi is None:
        return image
    marked = QImage(image)
    dots_per_metre = round(dpi / 0.0254)
    marked.setDotsPerMeterX(dots_per_metre)
    marked.setDotsPerMeterY(dots_per_metre)
    return marked


def write_png(image: QImage, path: str | Path) -> Path:
    """Write ``image`` to ``path`` as PNG, atomically; UserError in plain words on failure."""
    if image.isNull() or image.width() == 0 or image.height() == 0:
        raise UserError("there is nothing to export yet: the plot has no size")
    return _write_file(png_bytes(image), Path(path))


def _write_file(payload: bytes, target: Path) -> Path:
    """Write ``payload`` to ``target`` atomically; WriteError (a UserError) on failure."""
    with atomic_open(target, "wb") as handle:
        handle.write(payload)
    return target


def render_graphics(item: QGraphicsItem, width: int, white_background: bool = True) -> QImage:
    """Render a pyqtgraph item (PlotItem, GraphicsLayout, ...) to an image ``width`` pixels wide.

    The height follows the item's on-screen aspect ratio. Lines, text and markers are scaled
    with the width, so a 1600-pixel export looks like the screen, only sharper.
    """
    if width < 16:
        raise UserError("the picture must be at least 16 pixels wide")
    exporter = pg.exporters.ImageExporter(item)
    if exporter.getSourceRect().width() < 1 or exporter.getSourceRect().height() < 1:
        raise UserError("there is nothing to export yet: the plot has no size")
    params = exporter.parameters()
    params["background"] = QColor("white") if white_background else QColor(0, 0, 0, 0)
    params["width"] = int(width)  # the height follows through the exporter's own handler
    scale = width / exporter.getSourceRect().width()
    with _thicker_lines(item, scale):
        image = exporter.export(toBytes=True)
    if not isinstance(image, QImage):
        raise UserError("the plot could not be rendered")
    return image


@contextlib.contextmanager
def _thicker_lines(item: QGraphicsItem, scale: float) -> Iterator[None]:
    """Widen curve pens by ``scale`` while exporting.

    pyqtgraph pens are cosmetic (widths in device pixels), so a 1600-pixel export of a
    900-pixel plot would otherwise get relatively hairline curves next to scaled-up text.
    """
    scene = item.scene() if isinstance(item, QGraphicsItem) else item
    restore: list[tuple[Any, QPen]] = []
    if scale > 1.01 and scene is not None:
        for child in scene.items():
            if isinstance(child, pg.PlotDataItem | pg.InfiniteLine):
                pen = child.opts["pen"] if isinstance(child, pg.PlotDataItem) else child.pen
                if pen is None:
                    continue
                old = QPen(pg.mkPen(pen))
                if old.style() == Qt.PenStyle.NoPen:
                    continue
                wide = QPen(old)
                wide.setWidthF(max(old.widthF(), 1.0) * scale)
                child.setPen(wide)
                restore.append((child, old))
    try:
        yield
    finally:
        for child, old in restore:
            child.setPen(old)


def export_graphics_png(
    item: QGraphicsItem, path: str | Path, width: int = 1600, white_background: bool = True
) -> Path:
    """Render ``item`` ``width`` pixels wide and write it to ``path`` atomically."""
    return write_png(render_graphics(item, width, white_background), path)


def render_svg(item: QGraphicsItem, dpi: float, white_background: bool = True) -> bytes:
    """A pyqtgraph item as an SVG drawing of its on-screen size (pixels at ``dpi``).

    Curves, ellipses, text and axes stay vectors; ``dpi`` must be the view's logical DPI,
    or the axes (drawn from pictures cached at that resolution) come out at another scale.
    """
    scene = item.scene()
    source = item.sceneBoundingRect()
    if scene is None or source.width() < 1 or source.height() < 1:
        raise UserError("there is nothing to export yet: the plot has no size")
    width, height = round(source.width()), round(source.height())
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(round(dpi))
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setTitle("GMM Desktop")
    painter = QPainter(generator)
    try:
        if white_background:
            painter.fillRect(QRectF(0, 0, width, height), QColor("white"))
        scene.render(painter, QRectF(0, 0, width, height), source)
    finally:
        painter.end()
    buffer.close()
    payload = bytes(data.data())
    if not payload.lstrip().startswith(b"<?xml"):
        raise UserError("the plot could not be drawn as SVG")
    return payload


def write_svg(payload: bytes, path: str | Path) -> Path:
    """Write an SVG drawing (from ``render_svg``) to ``path`` atomically."""
    return _write_file(payload, Path(path))


def export_graphics_svg(
    item: QGraphicsItem, path: str | Path, dpi: float, white_background: bool = True
) -> Path:
    """Draw ``item`` as SVG and write it to ``path`` atomically."""
    return _write_file(render_svg(item, dpi, white_background), Path(path))


def grab_gl(view: QWidget, width: int, overlay: QWidget | None = None) -> QImage:
    """Grab an OpenGL view's framebuffer (it must be on screen), scaled to ``width`` pixels.

    ``overlay`` (e.g. a legend label, a child of ``view``) is painted where it is on screen,
    since widgets laid over a GL view are not part of its framebuffer.
    """
    if not view.isVisible():
        raise UserError("the 3-D view must be on screen to be exported: open its tab first")
    image = view.grabFramebuffer()  # type: ignore[attr-defined]
    if image.isNull() or image.width() == 0:
        raise UserError("the 3-D view could not be captured (no OpenGL picture)")
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    if overlay is not None and overlay.isVisible():
        pixmap = overlay.grab()
        painter = QPainter(image)
        scale = image.width() / max(view.width(), 1)
        painter.scale(scale, scale)
        painter.drawPixmap(overlay.pos(), pixmap)
        painter.end()
    if image.width() != width:
        image = image.scaledToWidth(int(width), Qt.TransformationMode.SmoothTransformation)
    return image


def with_caption(image: QImage, caption: str, color: str = "#333333") -> QImage:
    """``image`` with a strip below it holding ``caption`` in one line (a picture of pixels,
    e.g. the 3-D view, whose scene cannot hold a text item); the text scales with the width."""
    if not caption:
        return image
    font = QFont()
    font.setPixelSize(max(12, round(image.width() / 75)))
    strip = round(font.pixelSize() * 2.0)
    out = QImage(image.width(), image.height() + strip, QImage.Format.Format_ARGB32)
    out.fill(QColor("white"))
    painter = QPainter(out)
    try:
        painter.drawImage(0, 0, image)
        painter.setFont(font)
        painter.setPen(QColor(color))
        margin = font.pixelSize()
        painter.drawText(
            QRect(margin, image.height(), image.width() - 2 * margin, strip),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            caption,
        )
    finally:
        painter.end()
    return out
