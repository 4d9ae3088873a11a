"""Printing a pack from its PDF file, on a worker thread, page by page, with progress and a
cancel token (``print_pdf``); the print dialog stays on the GUI thread, the work leaves it.

Each page is drawn by QtPdf (PDFium) at the printer's resolution but at most 600 dpi (a laser
printer's own; a quarter of the pixels of the 1200 dpi a "high resolution" printer reports),
in bands of 128 rows. What keeps the spool small and sharp:

- text and lines are drawn without anti-aliasing, as a printer draws them itself, so each band
  holds a few flat colours (ink, table shading) rather than thousands of edge shades;
- the pictures are sent losslessly (Flate, like PNG), which packs those flat colours far
  tighter than JPEG, with no blur or ringing round the letters;
- blank paper is not sent: each band is cut into runs of rows that hold ink, each cropped to
  the columns that do.

For the 46-page Birmingham pack this spools 14 MB to a PDF printer, against about 130 MB
for whole pages as JPEG at 600 dpi (docs/PERFORMANCE.md, "Printing"). A PDF printer's file is
written under a temporary name and renamed only when every page is in it, so a cancelled print
leaves no file that looks finished.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QRect, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from mag_desktop.core.errors import MagError
from mag_desktop.core.tasks import Cancelled, CancelToken, Progress, no_progress

#: The finest resolution a page is drawn at: a printer asking for more gets this.
MAX_DPI = 600
#: Rows of a page drawn at a time: 2.4 MB of pixels at 600 dpi on A4, drawn and sent in 10-20 ms.
#: Qt keeps Python's lock while it draws or compresses a picture, so the window waits for each
#: such call to end: short bands keep those waits short (512 rows took up to 110 ms).
BAND_ROWS = 128
#: Blank rows that split a band into separately sent pictures (the gap between lines of text).
GAP_ROWS = 24
TEMP_PREFIX = ".mag-print-"

_WHITE = np.uint32(0xFFFFFFFF)
_OPAQUE = np.uint32(0xFF000000)
_FLAGS = QPdfDocumentRenderOptions.RenderFlag
_CRISP = _FLAGS.TextAliased | _FLAGS.PathAliased | _FLAGS.ImageAliased


class PrintError(MagError):
    """The pack could not be printed (the file unreadable, the printer refusing)."""


@dataclass(frozen=True)
class Printed:
    """What a finished print did."""

    pages: int  # pages sent to the printer
    file: Path | None  # the file a PDF printer wrote, else None


def cap_resolution(printer: QPrinter) -> int:
    """Draw at the printer's own resolution, but never above :data:`MAX_DPI`."""
    if printer.resolution() > MAX_DPI:
        printer.setResolution(MAX_DPI)
    return printer.resolution()


def pages_asked(printer: QPrinter, count: int) -> list[int]:
    """The page indexes (from 0) the printer's range asks for: all unless a range is set."""
    first, last = printer.fromPage(), printer.toPage()
    wanted = range(first - 1, last) if first and last else range(count)
    return [p for p in wanted if 0 <= p < count]


def print_pdf(pdf: Path, printer: QPrinter, progress: Progress = no_progress,
              cancel: CancelToken | None = None) -> Printed:
    """Print ``pdf`` on ``printer`` (configured beforehand, by a print dialog or a test).

    Runs on any thread (QPainter on a QPrinter may be used off the GUI thread), but the
    printer must not be touched elsewhere meanwhile. Raises :class:`Cancelled` when stopped,
    :class:`PrintError` when the file or the printer fails."""
    cancel = cancel or CancelToken()
    document = QPdfDocument()  # of the worker's thread, closed before it ends
    try:
        if document.load(str(pdf)) != QPdfDocument.Error.None_:
            raise PrintError(f"The pack {pdf} could not be read for printing.")
        pages = pages_asked(printer, document.pageCount())
        if not pages:
            raise PrintError("The pages asked for are not in the pack.")
        cap_resolution(printer)
        return _print_pages(document, pages, printer, progress, cancel)
    finally:
        document.close()


def _print_pages(document: QPdfDocument, pages: Sequence[int], printer: QPrinter,
                 progress: Progress, cancel: CancelToken) -> Printed:
    target = _pdf_target(printer)
    temp = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{target.name}.tmp") if target else None
    if temp is not None:
        printer.setOutputFileName(str(temp))
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise PrintError("The printer could not be started: check that it is connected "
                             "and that you may print to it.")
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        try:
            for done, index in enumerate(pages):
                cancel.check()
                progress(done / len(pages), f"Printing page {done + 1} of {len(pages)}")
                if done and not printer.newPage():
                    raise PrintError("The printer stopped taking pages.")
                draw_page(painter, printer, document, index, cancel)
        except Cancelled:
            dropped = printer.abort()  # where the printer can drop what it has
            if temp is not None:  # a PDF printer: its file is dropped below
                raise Cancelled("Printing cancelled: no file was written.") from None
            raise Cancelled("Printing cancelled." if dropped else
                            "Printing cancelled; the pages drawn so far may still print (remove "
                            "the job from the printer's queue if they are not wanted).") from None
        finally:
            if painter.isActive():
                painter.end()
        progress(1.0, f"Printed {len(pages)} pages")
        if temp is not None and target is not None:
            os.replace(temp, target)
        return Printed(len(pages), target)
    finally:
        if temp is not None and target is not None:
            temp.unlink(missing_ok=True)
            printer.setOutputFileName(str(target))


def _pdf_target(printer: QPrinter) -> Path | None:
    if printer.outputFormat() != QPrinter.OutputFormat.PdfFormat:
        return None
    name = printer.outputFileName()
    return Path(name) if name else None


def draw_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, index: int,
              cancel: CancelToken | None = None) -> None:
    """One page, fitted to the printable area and centred on it, drawn band by band."""
    area = printer.pageRect(QPrinter.Unit.DevicePixel)
    points = document.pagePointSize(index)
    scale = min(area.width() / points.width(), area.height() / points.height())
    whole = QSize(math.floor(points.width() * scale), math.floor(points.height() * scale))
    left = (area.width() - whole.width()) / 2
    top = (area.height() - whole.height()) / 2
    for y in range(0, whole.height(), BAND_ROWS):
        if cancel is not None:
            cancel.check()
        band = render_band(document, index, whole, y, min(BAND_ROWS, whole.height() - y))
        for part in inked_parts(band):
            painter.drawImage(QPointF(left + part.x(), top + y + part.y()), band, part)


def render_band(document: QPdfDocument, index: int, whole: QSize, y: int, rows: int) -> QImage:
    """Rows ``y`` to ``y + rows`` of a page drawn at ``whole`` size, crisp, on white paper
    (an opaque RGB32 picture)."""
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(_CRISP)
    options.setScaledSize(whole)
    options.setScaledClipRect(QRect(0, y, whole.width(), rows))
    band = document.render(index, QSize(whole.width(), rows), options)
    pixels = _pixels(band)
    if bool(((pixels - np.uint32(0x01000000)) < np.uint32(0xFE000000)).any()):
        return _on_paper(band)  # partly transparent pixels: laid on white as a viewer would
    pixels[pixels < _OPAQUE] = _WHITE  # nothing drawn there: paper
    band.reinterpretAsFormat(QImage.Format.Format_RGB32)
    return band


def _on_paper(band: QImage) -> QImage:
    paper = QImage(band.size(), QImage.Format.Format_RGB32)
    paper.fill(0xFFFFFFFF)
    painter = QPainter(paper)
    painter.drawImage(0, 0, band)
    painter.end()
    return paper


def _pixels(image: QImage) -> np.ndarray:
    """The picture's 32-bit pixels as a writable (rows, columns) array, without copying."""
    stride = image.bytesPerLine() // 4
    view = np.frombuffer(image.bits(), dtype=np.uint32).reshape(image.height(), stride)
    return view[:, :image.width()]


def inked_parts(band: QImage, gap: int = GAP_ROWS) -> list[QRect]:
    """The rectangles of a band worth sending: runs of rows holding anything but white paper
    (split where ``gap`` or more blank rows lie between), each cut to the columns inked."""
    inked = _pixels(band) != _WHITE
    rows = np.flatnonzero(inked.any(axis=1))
    if not len(rows):
        return []
    breaks = np.flatnonzero(np.diff(rows) > gap)
    starts = np.r_[rows[0], rows[breaks + 1]]
    ends = np.r_[rows[breaks], rows[-1]] + 1
    parts = []
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        columns = np.flatnonzero(inked[start:end].any(axis=0))
        first, last = int(columns[0]), int(columns[-1])
        parts.append(QRect(first, start, last - first + 1, end - start))
    return parts
