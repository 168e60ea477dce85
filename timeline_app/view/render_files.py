"""PNG, SVG and PDF files of the chronology: :func:`export_image` serves the window and the CLI.

Sizes: PNG and SVG are in pixels (default 1600 wide, as tall as the content); a PDF
page is in points (default A4 landscape, or Letter landscape where the system's
measurement system is US customary). All three show the same composed page.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageWriter,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from timeline_app.core.model import Timeline
from timeline_app.io.atomic import write_atomic
from timeline_app.view.render import TooSmall, export_theme
from timeline_app.view.render_pages import Document, compose_image, compose_pages, paint_page
from timeline_app.view.theme import Theme

FORMATS = (".png", ".svg", ".pdf")
DEFAULT_WIDTH = 1600
#: Limits of an image's sides, in pixels.
WIDTH_RANGE = (480, 10_000)
HEIGHT_RANGE = (240, 10_000)
#: A PNG never has more device pixels than this (about 240 MB while it is drawn).
MAX_PIXELS = 60_000_000
#: Limits of a PDF page's sides, in points (PDF viewers accept up to 14,400).
POINTS_RANGE = (144, 14_400)
#: Logical pixels per point: a PDF page is laid out as a 96 dpi screen would show it.
PIXELS_PER_POINT = 96 / 72

Size = tuple[float | None, float | None]

#: The application a command started (kept so it is not collected while pictures are drawn).
_application: QApplication | None = None


@dataclass(frozen=True)
class Exported:
    """What was written: size (px, or pt for PDF), pages, events shown, and left off the list."""

    path: Path
    width: float
    height: float
    pages: int
    events: int
    omitted: int


def export_image(timeline: Timeline, path: str | Path, window: tuple[int, int] | None = None,
                 size: Size | None = None, scale: int = 1) -> Exported:
    """Write the chronology of ``window`` (default: everything) to ``path`` as its suffix says.

    ``size`` is (width, height): pixels for PNG and SVG, where a missing height means
    as tall as the content; points for a PDF page, both or neither. ``scale`` 2 writes
    a PNG at twice the pixels (for high-density screens). Raises ``ValueError`` for a
    bad suffix, window, size or scale and ``OSError`` when the file cannot be written;
    a failed write leaves any old file intact.
    """
    target = Path(path)
    kind = target.suffix.lower()
    if kind not in FORMATS:
        raise ValueError(f"cannot export '{target.name}': the name must end in .png, .svg or .pdf")
    if window is not None and not window[0] < window[1]:
        raise ValueError("the window's start must come before its end")
    if scale not in (1, 2):
        raise ValueError(f"scale {scale}: must be 1 or 2")
    if scale != 1 and kind != ".png":
        raise ValueError("a scale of 2 applies to PNG images only")
    theme = export_theme()
    if kind == ".pdf":
        data, doc, points = _pdf(timeline, window, theme, _page_points(size))
        width, height = points.width(), points.height()
    else:
        doc = _image_document(timeline, window, theme, size, scale)
        data = _png(doc, timeline, scale) if kind == ".png" else _svg(doc, timeline)
        width, height = doc.size.width(), doc.size.height()
    write_atomic(target, data)
    return Exported(target, width, height, len(doc.pages), len(doc.top.picture.entries),
                    doc.omitted)


def headless_application() -> None:
    """Start Qt on the offscreen platform for a command, unless an application runs already."""
    global _application
    if QApplication.instance() is not None:
        return
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed, whatever the desktop
    from timeline_app.ui.app import application, quiet_platform_noise

    _application = application()
    quiet_platform_noise()


def default_page() -> QPageSize:
    """A4, or Letter where the system measures in US customary units."""
    imperial = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return QPageSize(QPageSize.PageSizeId.Letter if imperial else QPageSize.PageSizeId.A4)


def _image_document(timeline: Timeline, window: tuple[int, int] | None, theme: Theme,
                    size: Size | None, scale: int) -> Document:
    width, height = size if size is not None else (None, None)
    width = _check(width if width is not None else DEFAULT_WIDTH, "width", WIDTH_RANGE, "px")
    if height is not None:
        height = _check(height, "height", HEIGHT_RANGE, "px")
        if width * height * scale * scale > MAX_PIXELS:
            raise ValueError(f"{width:g} × {height:g} px at scale {scale} is more than "
                             f"{MAX_PIXELS:,} pixels")
    tallest = min(HEIGHT_RANGE[1], MAX_PIXELS / (width * scale * scale))
    try:
        return compose_image(timeline, window, theme, width, height, tallest)
    except TooSmall as error:
        needed = math.ceil((height or tallest) + error.shortfall)
        if height is None:
            raise ValueError(f"this chronology needs {needed:,} px of height, more than an image "
                             f"{width:g} px wide may have ({tallest:,.0f}): export a shorter "
                             "window, or a PDF, which continues it over pages") from None
        raise ValueError(f"a height of {height:g} px is too small for this chronology: it needs "
                         f"at least {needed:,} px (leave the height out to fit the content)"
                         ) from None


def _check(value: float, name: str, limits: tuple[int, int], unit: str) -> float:
    if not (math.isfinite(value) and limits[0] <= value <= limits[1]):
        raise ValueError(f"{name} {value:g}: must be {limits[0]}–{limits[1]} {unit}")
    return float(round(value))


def _page_points(size: Size | None) -> QSizeF:
    """The PDF page in points: landscape A4/Letter, or exactly the given width and height."""
    width, height = size if size is not None else (None, None)
    if width is None and height is None:
        return default_page().size(QPageSize.Unit.Point).transposed()
    if width is None or height is None:
        raise ValueError("a PDF page needs both a width and a height (in points), or neither")
    return QSizeF(_check(width, "width", POINTS_RANGE, "pt"),
                  _check(height, "height", POINTS_RANGE, "pt"))


def _png(doc: Document, timeline: Timeline, scale: int) -> bytes:
    width, height = math.ceil(doc.size.width()), math.ceil(doc.size.height())
    image = QImage(width * scale, height * scale, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(scale)
    # 96 dpi per logical pixel, so viewers show a 2× image at its logical size.
    image.setDotsPerMeterX(round(96 / 0.0254 * scale))
    image.setDotsPerMeterY(round(96 / 0.0254 * scale))
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    paint_page(painter, doc, 0)
    painter.end()
    image.setText("Title", timeline.title)
    image.setText("Software", "timeline_app")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise OSError(f"the PNG could not be encoded: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def _svg(doc: Document, timeline: Timeline) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # SVG 1.1, not the default SVG Tiny 1.2: only 1.1 output has clip paths, and the
    # canvas clips glyphs and labels to the plot (without it, a bar begun before the
    # window would be drawn across the lane names and the page margin).
    generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
    generator.setOutputDevice(buffer)
    width, height = math.ceil(doc.size.width()), math.ceil(doc.size.height())
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setResolution(96)
    generator.setTitle(timeline.title)
    generator.setDescription(doc.top.subtitle)
    painter = QPainter(generator)
    paint_page(painter, doc, 0)
    painter.end()
    return bytes(buffer.data().data())


def _pdf(timeline: Timeline, window: tuple[int, int] | None, theme: Theme,
         points: QSizeF) -> tuple[bytes, Document, QSizeF]:
    doc = compose_pages(timeline, window, theme, points * PIXELS_PER_POINT)
    data = pdf_pages(timeline.title, points, doc.size.width(), len(doc.pages),
                     lambda painter, index: paint_page(painter, doc, index))
    return data, doc, points


def pdf_pages(title: str, points: QSizeF, layout_width: float, count: int,
              paint: Callable[[QPainter, int], None]) -> bytes:
    """A vector PDF of ``count`` pages of ``points``, each drawn by ``paint(painter, n)``
    in layout pixels (``layout_width`` across), scaled to the page."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("timeline_app")
    writer.setPageLayout(QPageLayout(QPageSize(points, QPageSize.Unit.Point),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    factor = writer.pageLayout().paintRectPixels(writer.resolution()).width() / layout_width
    painter = QPainter(writer)
    for index in range(count):
        if index and not writer.newPage():
            raise OSError("the PDF writer could not start a new page")
        painter.save()
        painter.scale(factor, factor)
        paint(painter, index)
        painter.restore()
    painter.end()
    return bytes(buffer.data().data())

