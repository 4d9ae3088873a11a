"""Pictures and text of PDF pages, drawn with QtPdf (PDFium, shipped with PySide6's add-ons).

Tests use it to look at the packs they render, and ``docs/make_pictures.sh`` to make the user
guide's pictures, so neither needs poppler-utils (``pdftoppm``) on the machine. Pages are
numbered from 1, as a PDF viewer and the packs' footers number them.

    python tests/pdf_pictures.py pages FILE.pdf                  # the number of pages
    python tests/pdf_pictures.py render FILE.pdf PAGE OUT.png [--dpi 60]
    python tests/pdf_pictures.py find FILE.pdf TEXT...           # first page holding every TEXT

It imports nothing from ``mag_desktop``: any PDF will do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument

#: A pixel darker than this (0-255 grey) counts as ink.
INK_BELOW = 200


class PdfPictureError(RuntimeError):
    """The PDF cannot be read, or has no such page."""


@contextmanager
def opened(pdf: str | Path) -> Iterator[QPdfDocument]:
    """A loaded :class:`QPdfDocument`, closed on leaving."""
    document = QPdfDocument(None)
    error = document.load(str(pdf))
    try:
        if error != QPdfDocument.Error.None_:
            raise PdfPictureError(f"cannot read {pdf}: {error.name}")
        yield document
    finally:
        document.close()


def _index(document: QPdfDocument, page: int, pdf: str | Path) -> int:
    if not 1 <= page <= document.pageCount():
        raise PdfPictureError(f"{pdf} has {document.pageCount()} pages; there is no page {page}")
    return page - 1


def page_count(pdf: str | Path) -> int:
    with opened(pdf) as document:
        return int(document.pageCount())


def page_text(pdf: str | Path, page: int) -> str:
    """The text of one page, as PDFium reads it."""
    with opened(pdf) as document:
        return str(document.getAllText(_index(document, page, pdf)).text())


def find_page(pdf: str | Path, *wanted: str) -> int | None:
    """The number of the first page whose text holds every string in ``wanted``."""
    with opened(pdf) as document:
        for index in range(document.pageCount()):
            text = " ".join(str(document.getAllText(index).text()).split())
            if all(" ".join(w.split()) in text for w in wanted):
                return index + 1
    return None


def render_page(pdf: str | Path, page: int, dpi: float = 50.0) -> QImage:
    """One page as an opaque picture (on white paper) at ``dpi`` dots per inch."""
    with opened(pdf) as document:
        index = _index(document, page, pdf)
        points = document.pagePointSize(index)
        size = QSize(max(1, round(points.width() * dpi / 72)),
                     max(1, round(points.height() * dpi / 72)))
        drawn = document.render(index, size)  # transparent where the page draws nothing
    paper = QImage(size, QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, drawn)
    painter.end()
    return paper


def save_page(pdf: str | Path, page: int, out: str | Path, dpi: float = 50.0) -> Path:
    """One page saved as a PNG picture; returns its path."""
    out = Path(out)
    if not render_page(pdf, page, dpi).save(str(out), "PNG"):
        raise PdfPictureError(f"cannot write {out}")
    return out


def ink(image: QImage, below: int = INK_BELOW) -> float:
    """The share of pixels darker than ``below`` (0 for a blank page)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    rows = np.frombuffer(bytes(grey.constBits()), dtype=np.uint8).reshape(height, stride)
    return float((rows[:, :width] < below).mean()) if width and height else 0.0


def is_blank(image: QImage) -> bool:
    """Whether nothing visible is drawn: fewer than one pixel in 2,000 is dark."""
    return ink(image) < 1 / 2000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pdf_pictures.py", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    pages = commands.add_parser("pages", help="print the number of pages")
    pages.add_argument("pdf")
    render = commands.add_parser("render", help="save one page as a PNG picture")
    render.add_argument("pdf")
    render.add_argument("page", type=int)
    render.add_argument("out")
    render.add_argument("--dpi", type=float, default=60.0)
    find = commands.add_parser("find", help="print the first page holding every TEXT")
    find.add_argument("pdf")
    find.add_argument("text", nargs="+")
    args = parser.parse_args(argv)
    try:
        if args.command == "pages":
            print(page_count(args.pdf))
        elif args.command == "render":
            save_page(args.pdf, args.page, args.out, args.dpi)
        else:
            found = find_page(args.pdf, *args.text)
            if found is None:
                print(f"no page of {args.pdf} holds: {', '.join(args.text)}", file=sys.stderr)
                return 1
            print(found)
    except PdfPictureError as exc:
        print(f"pdf_pictures.py: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
