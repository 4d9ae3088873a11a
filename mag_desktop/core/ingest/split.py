"""Parsing one large worksheet on two cores.

python-calamine parses a whole sheet in one call, on one core, and lets other threads run
meanwhile. So a large sheet is cut at a row boundary near its middle, each half made into a
small workbook of its own in memory (see :mod:`halfbook`), and the halves are parsed at once
on two threads, the first as soon as the cut reaches it. Rows keep their Excel numbers (the
``r`` attributes), so the halves join back into exactly the rows of the whole sheet.

Nothing is cut when the sheet is not as expected (no ``sheetData``, rows without numbers), and
the sheet is parsed whole when the halves do not join up (a half that fails to parse, rows
written out of order across the cut): that parse reports anything wrong with the file.
(Reading the first half while the second is still parsed was tried: on two cores already busy
parsing, it saved 2%, not worth a second way of reading.)
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import python_calamine as pc

from mag_desktop.core.ingest import zipstream
from mag_desktop.core.ingest.halfbook import Deflated, Member, Template

#: a sheet part smaller than this (uncompressed; about 150,000 rows of 13 columns) is not cut
SPLIT_BYTES = 64 * 1024 * 1024
_SHEET_DATA = re.compile(rb"<([A-Za-z_][\w.-]*:)?sheetData[\s>]")
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?worksheet)[\s>]")
_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_HOLD = 4096  # bytes kept back at a chunk's end, where a row's start tag may be cut in two
Range = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class _Cut:
    second: Member
    row: int  # 0-based index of the second half's first row


def _row_tag(prefix: bytes) -> re.Pattern[bytes]:
    """A whole row start tag, up to its ``>``."""
    return re.compile(b"<" + re.escape(prefix) + rb"row(?:\s[^>]*)?>")


def _cut(chunks: Iterable[bytes], size: int, part: str, first_half: Callable[[Member], None]
         ) -> _Cut | None:
    """Cut the sheet part at the first row past its middle. The first half (the head, the
    rows up to the cut, closing tags) goes to ``first_half`` as soon as it is made; the second
    is the head again and the rest of the part as it is (with its tail: merged cells...)."""
    stream = iter(chunks)
    window = b""
    for chunk in stream:
        window += chunk
        data = _SHEET_DATA.search(window)
        if data and (first := _row_tag(data.group(1) or b"").search(window, data.end())):
            break
        if len(window) > 16 * 1024 * 1024:
            return None
    else:
        return None
    root = _ROOT.search(window, 0, data.start())
    if root is None:
        return None
    prefix = data.group(1) or b""
    row_tag = _row_tag(prefix)
    head = window[:first.start()]
    one = Deflated()
    done = 0  # bytes of the part already given to the first half; ``window`` follows them
    while True:  # find the first row past the cut's place (and after the first row)
        found = row_tag.search(window, max(size // 2 - done, len(head) + 1 - done, 0))
        if found:
            number = _NUMBER.search(found.group(0))
            if number is None:
                return None  # rows not numbered: the halves could not be put back together
            one.add(window[:found.start()])
            break
        keep = max(0, len(window) - _HOLD)  # a row tag may be cut off at the end
        one.add(window[:keep])
        done += keep
        more = next(stream, None)
        if more is None:
            return None  # the part ended before a row past the cut's place
        window = window[keep:] + more
    one.add(b"</" + prefix + b"sheetData></" + root.group(1) + b">")
    first_half(one.member(part))
    two = Deflated()
    two.add(head)
    two.add(window[found.start():])
    for piece in stream:
        two.add(piece)
    return _Cut(two.member(part), int(number.group(1)) - 1)


class _Parse:
    """One half, parsed on its own thread."""

    def __init__(self, book: io.BytesIO | None, name: str) -> None:
        self._sheet: Any = None
        self._thread = threading.Thread(target=self._run, args=(book, name), daemon=True,
                                        name="parse-half")
        self._thread.start()

    def _run(self, book: io.BytesIO | None, name: str) -> None:
        with contextlib.suppress(BaseException):  # a panic in the Rust reader is one
            if book is not None:
                self._sheet = pc.CalamineWorkbook.from_filelike(book).get_sheet_by_name(name)

    def result(self) -> Any:
        """The parsed sheet (``CalamineSheet``), or None if it could not be parsed."""
        self._thread.join()
        return self._sheet


@dataclass
class SplitSheet:
    """The two parsed halves, read as one sheet (the interface the reader uses)."""

    first: Any  # python_calamine.CalamineSheet
    second: Any

    @property
    def start(self) -> tuple[int, int] | None:
        starts = [s.start for s in (self.first, self.second) if s.start]
        return (min(r for r, _ in starts), min(c for _, c in starts)) if starts else None

    @property
    def end(self) -> tuple[int, int] | None:
        ends = [s.end for s in (self.first, self.second) if s.end]
        return (max(r for r, _ in ends), max(c for _, c in ends)) if ends else None

    @property
    def merged_cell_ranges(self) -> list[Range] | None:
        return self.second.merged_cell_ranges  # the part's tail, with them, ends this half

    def iter_rows(self) -> Iterator[list[Any]]:
        start, end = self.start, self.end
        if start is None or end is None:
            return
        width = end[1] - start[1] + 1
        first_rows = (self.first.end[0] + 1) if self.first.end else 0
        yield from _aligned(self.first, start[1], width, 0)
        yield from _aligned(self.second, start[1], width, first_rows)


def _aligned(sheet: Any, col: int, width: int, skip: int) -> Iterator[list[Any]]:
    """The half's rows from row ``skip`` on, as rows of the whole sheet's columns."""
    rows = sheet.iter_rows()
    for _ in range(skip):  # rows the other half holds (here they are empty padding)
        if next(rows, None) is None:
            return
    left = (sheet.start[1] - col) if sheet.start else 0
    if left == 0 and sheet.width == width:
        yield from rows
        return
    for r in rows:
        padded = [""] * left + list(r)
        yield padded + [""] * (width - len(padded))


def _cores() -> int:
    """The cores this process may use (not every core of the machine)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def parse_in_two(path: Path, part: str, name: str, *, min_bytes: int | None = None
                 ) -> SplitSheet | None:
    """Sheet ``name`` (stored in ``part``) cut in two and parsed on two threads; None when
    that is not worth it (a small sheet, one core) or not possible: the caller then parses the
    sheet whole, which reports anything wrong with the file."""
    if _cores() < 2:
        return None
    first: _Parse | None = None
    cut: _Cut | None = None
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(part)
            if info.file_size < (SPLIT_BYTES if min_bytes is None else min_bytes):
                return None
            template = Template(path, archive)

            def first_half(half: Member) -> None:
                nonlocal first
                first = _Parse(template.book(half), name)

            if template.fits:
                cut = _cut(zipstream.chunks(archive, info), info.file_size, part, first_half)
    except Exception:  # anything unexpected: the sheet is parsed whole instead
        cut = None
    second = _Parse(template.book(cut.second), name).result() if cut is not None else None
    sheet = first.result() if first else None  # joined even when the cut failed part-way
    if cut is None or sheet is None or second is None:
        return None
    if sheet.end is not None and second.start is not None and second.start[0] <= sheet.end[0]:
        return None  # rows out of order across the cut: only the whole sheet reads them right
    return SplitSheet(sheet, second)
