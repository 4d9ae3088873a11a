"""A large worksheet cut into small workbooks of consecutive rows, so that they can be parsed
two at a time and checked while the next ones are parsed.

fastexcel parses a sheet on one core, and the whole sheet before it gives a single row. The
sheet part is therefore inflated here as a stream, on a thread of its own, and cut between two
``<row>`` elements every ``size`` bytes. Each piece is a workbook of the original's shared parts
(:mod:`halfbook`: shared strings, styles) and one sheet part: the worksheet's opening (without
its ``<dimension>``, which would have the reader reserve room for the whole sheet), the piece's
rows and the closing tags. Rows keep their own numbers. A piece after the first starts with one
extra cell in the row above its first row, and every piece ends with one in the row after its
last (each in the column of a first cell, so that it widens nothing): the reader's rows then
start at a known Excel row whatever blank rows follow, and a piece read as more or fewer rows
than it spans holds rows out of order (:class:`Piece`). How a piece is cut does not depend on
the table read from it, so the cutting can start as soon as the file has passed its checks.

Nothing is cut when the part is small, when the shared strings are large beside it (each piece
parses them again) or when the part is not as expected; a row without its number at a cut stops
the cutting with :class:`CannotCut` (the caller reads the rest of the sheet whole).
"""

from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mag_desktop.core.ingest import zipstream
from mag_desktop.core.ingest.halfbook import Deflated, Template

#: a piece's rows, uncompressed: about 80,000 rows of 13 columns
PIECE_BYTES = 32 * 1024 * 1024
#: pieces cut ahead of their reading (about 5 MB each, held deflated)
AHEAD = 6
#: each piece parses the shared strings again: a piece is at least this many times their size
STRINGS_FACTOR = 8
_SEARCH_LIMIT = 64 * 1024 * 1024  # bytes searched for the start of the rows before giving up
_SHEET_DATA = re.compile(rb"<([A-Za-z_][\w.-]*:)?sheetData[\s>]")
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?worksheet)[\s>]")
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*>")
_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_CELL = re.compile(rb"""\sr\s*=\s*["']([A-Z]{1,3})\d+["']""")
_LOOK = 65_536  # bytes searched for the first cell of a piece


class CannotCut(Exception):
    """The sheet cannot be cut, or read in pieces, as it should be (a row without its number,
    a piece the reader refuses); the rows not yet given are read whole."""


class OutOfOrder(CannotCut):
    """The sheet's rows are not in the order of their numbers: a piece given already may lack
    rows that come later in the part, so the sheet must be read again, whole."""


@dataclass(frozen=True)
class Piece:
    """One small workbook of a sheet's rows: Excel rows ``start`` to ``end - 1``.

    The reader's first row is Excel row ``origin``: row 1 for the first piece (read from the
    sheet's top), else the row above ``start``, which holds an extra cell and is no data; its
    last is row ``end``, which holds the other extra cell (for the last piece, the row after
    the last the sheet numbers). So a piece is read as exactly :attr:`height` rows."""

    book: bytes
    start: int
    end: int
    last: bool = False  # the sheet's last piece

    @property
    def origin(self) -> int:
        return 1 if self.start == 1 else self.start - 1

    @property
    def height(self) -> int:
        return self.end - self.origin + 1


def piece_size(path: Path, part: str) -> int | None:
    """How many bytes of rows a piece of ``part`` takes, or None when the part is not worth
    cutting (less than two pieces' worth) or cannot be (its workbook would need zip64)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(part)
            strings = sum(m.file_size for m in archive.infolist()
                          if m.filename.lower().endswith("sharedstrings.xml"))
    except (KeyError, OSError, zipfile.BadZipFile):
        return None
    size = max(PIECE_BYTES, STRINGS_FACTOR * strings)
    return size if info.file_size >= 2 * size else None


def pieces(path: Path, part: str, size: int, last: int | None = None) -> Iterator[Piece]:
    """The rows of ``part`` (a worksheet of the workbook at ``path``) in pieces of about
    ``size`` bytes, up to Excel row ``last`` (None: every row).

    Raises :class:`CannotCut` when the part is not laid out as expected, or cannot be read
    (the reader then says why); pieces already given are right."""
    try:
        with zipfile.ZipFile(path) as archive:
            template = Template(path, archive)
            if not template.fits:
                raise CannotCut("the workbook's shared parts need zip64")
            stream = zipstream.chunks(archive, archive.getinfo(part), check=False)
            opening, closing, rest = _opening(stream)
            cutter = _Cutter(template, part, opening, closing, size)
            yield from cutter.run(rest, stream, last)
    except (KeyError, OSError, zipfile.BadZipFile, zipstream.InflateError) as exc:
        raise CannotCut(str(exc)) from exc


def _opening(stream: Iterator[bytes]) -> tuple[bytes, bytes, bytes]:
    """(the part up to and with ``<sheetData>`` less its dimension, the closing tags, the
    bytes after the opening read so far)."""
    window = bytearray()
    for chunk in stream:
        searched = max(0, len(window) - 64)  # a tag cut by the last chunk's end is found whole
        window += chunk
        data = _SHEET_DATA.search(window, searched)
        if data is None:
            if len(window) > _SEARCH_LIMIT:
                break
            continue
        root = _ROOT.search(window, 0, data.start())
        end = window.find(b">", data.start())
        if root is None or end < 0 or window[end - 1:end] == b"/":
            break  # no root, or an empty <sheetData/>: nothing worth cutting
        prefix = data.group(1) or b""
        closing = b"</" + prefix + b"sheetData></" + root.group(1) + b">"
        return _DIMENSION.sub(b"", bytes(window[:end + 1])), closing, bytes(window[end + 1:])
    raise CannotCut("the sheet's rows were not found")


class _Cutter:
    def __init__(self, template: Template, part: str, opening: bytes, closing: bytes,
                 size: int) -> None:
        self.template, self.part, self.size = template, part, size
        self.opening, self.closing = opening, closing
        data = _SHEET_DATA.search(opening)
        self.ns = data.group(1) or b"" if data else b""  # the namespace prefix, as "x:"
        self.row_tag = re.compile(b"<" + re.escape(self.ns) + rb"row(?:\s[^>]*)?>")
        self.end_tag = b"</" + self.ns + b"sheetData"

    def run(self, rest: bytes, stream: Iterator[bytes], last: int | None) -> Iterator[Piece]:
        start, piece, held, letter = 1, self._begin(1), 0, b"A"
        numbered = 0  # the number of the last row seen
        for chunk in _whole_tags(rest, stream):
            # a comment or character data might hold "<row": never cut through (a "!" is rare
            # in a sheet's XML, and found at memchr speed, unlike "<!" among its many "<")
            if b"!" in chunk and b"<!" in chunk:
                raise CannotCut("the sheet holds comments or character data")
            end = chunk.find(self.end_tag)  # the rows end there; what follows is not needed
            rows = chunk if end < 0 else chunk[:end]
            at = 0
            while len(rows) - at >= self.size - held:
                cut = self._cut(rows, at + max(0, self.size - held))
                if cut is None:  # no row starts in the rest of this chunk: keep on
                    break
                to, number = cut
                if number <= numbered:
                    raise OutOfOrder(f"row {number} comes after row {numbered}")
                piece.add(rows[at:to])
                letter = _letter(rows, to)
                yield self._finish(piece, start, number, letter)
                if last is not None and number > last:
                    return
                start, held, at = number, 0, to
                piece = self._begin(number, letter)
            piece.add(rows[at:])
            held += len(rows) - at
            numbered = max(numbered, self._last_number(rows))
            if end >= 0:
                yield self._finish(piece, start, max(numbered, start - 1) + 1, letter, last=True)
                return
        raise CannotCut("the sheet's rows do not end")

    def _last_number(self, rows: bytes) -> int:
        """The number of the last row that starts in ``rows`` (0 when none does)."""
        at = rows.rfind(b"<" + self.ns + b"row")
        found = self.row_tag.match(rows, at) if at >= 0 else None
        if found is None:
            return 0
        number = _NUMBER.search(found.group(0))
        if number is None:
            raise CannotCut("a row has no number")
        return int(number.group(1))

    def _cut(self, chunk: bytes, after: int) -> tuple[int, int] | None:
        """(where the first row that starts at or after ``after`` begins, its number)."""
        found = self.row_tag.search(chunk, min(after, len(chunk)))
        if found is None:
            return None
        number = _NUMBER.search(found.group(0))
        if number is None:
            raise CannotCut("a row has no number")
        return found.start(), int(number.group(1))

    def _begin(self, start: int, letter: bytes = b"A") -> Deflated:
        piece = Deflated()
        piece.add(self.opening)
        if start > 1:  # the extra cell, in the row above the piece's first
            piece.add(self._extra(start - 1, letter))
        return piece

    def _extra(self, row: int, letter: bytes) -> bytes:
        """A row of one cell, ``0`` in column ``letter``: a known row for the reader."""
        ns, number = self.ns, str(row).encode()
        return (b"<" + ns + b'row r="' + number + b'"><' + ns + b'c r="' + letter + number
                + b'"><' + ns + b"v>0</" + ns + b"v></" + ns + b"c></" + ns + b"row>")

    def _finish(self, piece: Deflated, start: int, end: int, letter: bytes,
                last: bool = False) -> Piece:
        piece.add(self._extra(end, letter))  # the other extra cell, in the row after the last
        piece.add(self.closing)
        book = self.template.book(piece.member(self.part))
        if book is None:
            raise CannotCut("a piece would need zip64")
        return Piece(book.getvalue(), start, end, last)


def _letter(rows: bytes, at: int) -> bytes:
    """The column of the first cell from ``at`` on ("A" when its cells have no references)."""
    found = _CELL.search(rows, at, at + _LOOK)
    return found.group(1) if found else b"A"


def _whole_tags(first: bytes, stream: Iterator[bytes]) -> Iterator[bytes]:
    """``first``, then the stream's chunks, each ending where no tag is left open: a tag cut
    by a chunk's end goes on to the next chunk, so that a tag is always searched for whole."""
    carry = b""
    for chunk in itertools.chain([first], stream):
        data = carry + chunk if carry else chunk
        opened = data.rfind(b"<")
        if opened < 0 or data.find(b">", opened) >= 0:
            carry = b""
            yield data
            continue
        carry = data[opened:]
        if len(carry) > _LOOK:
            raise CannotCut("a tag is longer than a sheet's tags can be")
        yield data[:opened]
    if carry:
        yield carry
