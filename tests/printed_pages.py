"""Which page of a pack each printed page shows.

A print is pictures of pages, fitted to the printer's printable area (so a little smaller than
the pack's own pages) and drawn crisp rather than smoothed. Each page is compared by what it
draws: both pictures cut to their inked area, the pack's scaled to the printed one's size, and
the mean difference of their greys taken (0 the same, 1 opposite)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pdf_pictures import opened
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument

#: The largest mean difference two pictures of the same page show (smoothing, crisp edges,
#: text at 40 dpi); the page matched must also be clearly nearer than any other.
SAME_PAGE = 0.06
CLEARLY = 0.75


def _grey(image: QImage) -> np.ndarray:
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(bytes(grey.constBits()), dtype=np.uint8)
    return rows.reshape(grey.height(), grey.bytesPerLine())[:, :grey.width()]


def _inked(image: QImage) -> QImage:
    """The picture cut to the rectangle holding everything not white."""
    grey = _grey(image)
    rows, columns = np.flatnonzero((grey < 250).any(axis=1)), np.flatnonzero(
        (grey < 250).any(axis=0))
    if not len(rows):
        return image
    return image.copy(QRect(int(columns[0]), int(rows[0]), int(columns[-1] - columns[0] + 1),
                            int(rows[-1] - rows[0] + 1)))


def inked_pages(pdf: Path, dpi: float) -> list[QImage]:
    """Every page on white paper, cut to its inked area."""
    with opened(pdf) as document:
        return [_inked(_paper(document, n, dpi)) for n in range(document.pageCount())]


def _paper(document: QPdfDocument, index: int, dpi: float) -> QImage:
    points = document.pagePointSize(index)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    paper = QImage(size, QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, document.render(index, size))
    painter.end()
    return paper


def unlike(shown: QImage, source: QImage) -> float:
    """The mean difference of two inked pictures' greys, the second scaled to the first."""
    source = source.scaled(shown.size(), Qt.AspectRatioMode.IgnoreAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)
    return float(np.abs(_grey(shown).astype(int) - _grey(source).astype(int)).mean() / 255)


def printed_pages_match(printed: Path, pack: Path, dpi: float = 40) -> list[list[int]]:
    """For each printed page, the pack page (from 1) it shows: the most alike, if it is alike
    enough and clearly more than the next; an empty list when none is."""
    sources = inked_pages(pack, dpi)
    matches = []
    for shown in inked_pages(printed, dpi):
        scores = sorted((unlike(shown, source), n + 1) for n, source in enumerate(sources))
        (best, page), runner_up = scores[0], scores[1][0] if len(scores) > 1 else 1.0
        matches.append([page] if best <= SAME_PAGE and best <= CLEARLY * runner_up else [])
    return matches
