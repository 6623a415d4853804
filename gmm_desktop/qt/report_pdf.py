"""The report as a PDF: the HTML of ``io.report`` laid out by QTextDocument, printed by
QPdfWriter, with the figures' SVG drawn to images by QSvgRenderer."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from ..io.report import ReportData, report_figures, report_html

SVG_NAMESPACE = 'xmlns="http://www.w3.org/2000/svg"'
FIGURE_SCALE = 2  # figures drawn at twice their size, so they stay sharp in print
PDF_DPI = 300

_app: QGuiApplication | None = None  # the command line's own, kept alive while it runs


def ensure_gui_application(headless: bool) -> None:
    """A QGuiApplication for fonts and painting. The command line (``headless``) makes one on
    Qt's "offscreen" platform when there is none; the window always has its own."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    if not headless:
        raise RuntimeError("report_pdf needs a QGuiApplication")
    _app = QGuiApplication(["gmm-desktop", "-platform", "offscreen"])


def svg_image(svg: str) -> QImage:
    """The SVG drawn on a white image, FIGURE_SCALE times its own size."""
    text = svg if SVG_NAMESPACE in svg else svg.replace("<svg ", f"<svg {SVG_NAMESPACE} ", 1)
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    size = renderer.defaultSize()
    image = QImage(
        QSize(size.width() * FIGURE_SCALE, size.height() * FIGURE_SCALE),
        QImage.Format.Format_ARGB32,
    )
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.setDevicePixelRatio(FIGURE_SCALE)  # laid out at the SVG's own size
    return image


def report_document(data: ReportData, language: str) -> QTextDocument:
    """The report laid out as a QTextDocument, its figures added as image resources."""
    document = QTextDocument()
    for figure in report_figures(data, language):
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(figure.name), svg_image(figure.svg)
        )
    document.setHtml(report_html(data, language, images="resources"))
    return document


def report_pdf(data: ReportData, language: str = "en", *, headless: bool = False) -> bytes:
    """The report as the bytes of an A4 PDF."""
    ensure_gui_application(headless)
    document = report_document(data, language)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(f"GMM Desktop report: {data.columns and ', '.join(data.columns)}")
    writer.setCreator("GMM Desktop")
    document.print_(writer)
    del writer  # finishes the PDF
    buffer.close()
    return bytes(buffer.data().data())


def page_images(document: QTextDocument, width: int = 794, height: int = 1123) -> list[QImage]:
    """The document cut into pages of ``width`` x ``height`` pixels (A4 at 96 dpi), each drawn
    on a white image: what its PDF pages hold, for looking at them without a PDF reader."""
    document.setPageSize(QSizeF(width, height))
    images = []
    for page in range(document.pageCount()):
        image = QImage(QSize(width, height), QImage.Format.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        painter.translate(0, -page * height)
        document.drawContents(painter, QRectF(0, page * height, width, height))
        painter.end()
        images.append(image)
    return images
