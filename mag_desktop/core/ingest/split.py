"""Parsing one large worksheet on two cores.

python-calamine parses a whole sheet in one call, on one core, and lets other threads run
meanwhile. So a large sheet is cut in two at a row boundary near its middle, each half made
into a small workbook of its own in memory (the other parts of the file copied unchanged, so
shared strings, styles and dates read the same), and the halves are parsed at once on two
threads. Rows keep their own Excel numbers (the ``r`` attributes), so the two halves join
back into exactly the rows of the whole sheet.

When the sheet is not as expected (no ``sheetData``, rows without numbers, a part too large
for a plain zip), nothing is cut and the sheet is parsed whole, as before.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import struct
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import python_calamine as pc
from isal import isal_zlib

from mag_desktop.core.ingest import zipstream

#: a sheet part smaller than this (uncompressed; about 150,000 rows of 13 columns) is not cut
SPLIT_BYTES = 64 * 1024 * 1024
_SHEET_DATA = re.compile(rb"<([A-Za-z_][\w.-]*:)?sheetData[\s>]")
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?worksheet)[\s>]")
_HOLD = 4096  # bytes kept back at a chunk's end, where a row's start tag may be cut in two
_NUMBERED = re.compile(rb"""\sr\s*=\s*["']""")
_ZIP32 = 0xFFFFFFFF


@dataclass
class _Member:
    name: bytes
    method: int
    flags: int
    crc: int
    data: bytes | list[bytes]
    size: int  # uncompressed


class _Deflated:
    """A part being written: deflated quickly (ISA-L level 1), with its CRC and size."""

    def __init__(self) -> None:
        self._deflate = isal_zlib.compressobj(1, isal_zlib.DEFLATED, -15)
        self.out: list[bytes] = []
        self.crc = 0
        self.size = 0

    def add(self, data: bytes) -> None:
        if data:
            self.out.append(self._deflate.compress(data))
            self.crc = isal_zlib.crc32(data, self.crc)
            self.size += len(data)

    def close(self) -> list[bytes]:
        self.out.append(self._deflate.flush())
        return self.out


def _cut(chunks: Iterable[bytes], size: int,
         first_half: Callable[[_Deflated], None]) -> _Deflated | None:
    """Cut the sheet part in two at the first row that starts past its middle.

    The first half (the part's head, its rows up to the cut, and closing tags) is handed to
    ``first_half`` as soon as it is complete, so it can be parsed while the second half (the
    head again, then the rest of the part as it is) is still being made.
    """
    stream = iter(chunks)
    window = b""
    for chunk in stream:
        window += chunk
        data = _SHEET_DATA.search(window)
        if data and (first := _tag(window, data.group(1) or b"", data.end())):
            break
        if len(window) > 16 * 1024 * 1024:
            return None
    else:
        return None
    root = _ROOT.search(window, 0, data.start())
    if root is None:
        return None
    prefix = data.group(1) or b""
    head = window[:first.start()]
    one = _Deflated()
    done = 0  # bytes of the part already given to the first half; ``window`` follows them
    while True:  # find the first row that starts past the middle (and after the first row)
        found = _tag(window, prefix, max(size // 2 - done, len(head) + 1 - done, 0))
        if found:
            if not _NUMBERED.search(found.group(0)):
                return None  # rows not numbered: the halves could not be put back together
            one.add(window[:found.start()])
            break
        keep = max(0, len(window) - _HOLD)  # a row tag may be cut off at the end
        one.add(window[:keep])
        done += keep
        more = next(stream, None)
        if more is None:
            return None  # the part ended before its middle had a row
        window = window[keep:] + more
    one.add(b"</" + prefix + b"sheetData></" + root.group(1) + b">")
    first_half(one)
    two = _Deflated()
    two.add(head)
    two.add(window[found.start():])
    for piece in stream:
        two.add(piece)
    return two


def _tag(buf: bytes, prefix: bytes, at: int) -> re.Match[bytes] | None:
    """The first whole row start tag (up to its ``>``) from ``at`` on."""
    return re.compile(b"<" + re.escape(prefix) + rb"row(?:\s[^>]*)?>").search(buf, at)


def _zip(members: list[_Member]) -> bytes:
    """A plain zip archive (no zip64: parts are far below 4 GB here)."""
    out = io.BytesIO()
    central = []
    for m in members:
        data = m.data if isinstance(m.data, list) else [m.data]
        packed = sum(len(d) for d in data)
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, m.flags, m.method, 0, 0x21,
                              m.crc, packed, m.size, len(m.name), 0) + m.name)
        for d in data:
            out.write(d)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, m.flags,
                                   m.method, 0, 0x21, m.crc, packed, m.size, len(m.name), 0,
                                   0, 0, 0, 0, offset) + m.name)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    return out.getvalue()


def _copied(f: BinaryIO, info: zipfile.ZipInfo) -> _Member:
    """A part as it is in the file, still compressed."""
    f.seek(zipstream.data_start(f, info))
    data = f.read(info.compress_size)
    name = info.filename.encode("utf-8")
    flags = (info.flag_bits & ~0x08) | (0x800 if not info.filename.isascii() else 0)
    return _Member(name, info.compress_type, flags, info.CRC, data, info.file_size)


def _book(others: list[_Member], part: str, half: _Deflated) -> io.BytesIO | None:
    data = half.close()
    if half.size >= _ZIP32 or sum(len(d) for d in data) >= _ZIP32:
        return None
    member = _Member(part.encode("utf-8"), zipfile.ZIP_DEFLATED, 0, half.crc, data, half.size)
    return io.BytesIO(_zip([*others, member]))


@dataclass
class SplitSheet:
    """The two parsed halves, read as one sheet (the interface the reader uses)."""

    first: Any  # pc.CalamineSheet
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
    def merged_cell_ranges(self) -> list[tuple[tuple[int, int], tuple[int, int]]] | None:
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


def _needed(name: str, part: str) -> bool:
    """Parts the half-workbooks need: the package's XML, but no other sheet, image or macro."""
    if name.startswith("xl/worksheets/") and not name.startswith("xl/worksheets/_rels/"):
        return False
    return name.endswith((".xml", ".rels"))


def parse_in_two(path: Path, part: str, name: str) -> SplitSheet | None:
    """Sheet ``name`` (stored in ``part``) parsed as two halves on two threads; None when
    that is not worth it (a small sheet, one core) or not possible: the caller then parses the
    sheet whole, and that reports anything wrong with the file."""
    if _cores() < 2:
        return None
    parsed: dict[int, Any] = {}
    helper: threading.Thread | None = None

    def parse(i: int, book: io.BytesIO | None) -> None:
        # BaseException: a panic inside the Rust reader arrives as one
        with contextlib.suppress(BaseException):
            if book is not None:
                parsed[i] = pc.CalamineWorkbook.from_filelike(book).get_sheet_by_name(name)

    def first_half(half: _Deflated) -> None:
        nonlocal helper
        helper = threading.Thread(target=parse, args=(0, _book(others, part, half)),
                                  name="parse-half", daemon=True)
        helper.start()

    second: _Deflated | None = None
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(part)
            if info.file_size < SPLIT_BYTES:
                return None
            with path.open("rb") as f:
                others = [_copied(f, m) for m in archive.infolist()
                          if m.filename != part and _needed(m.filename, part)]
            if all(m.size < _ZIP32 and len(m.data) < _ZIP32 for m in others):
                second = _cut(zipstream.chunks(archive, info), info.file_size, first_half)
        if second is not None:
            parse(1, _book(others, part, second))
    except Exception:  # anything unexpected: the sheet is parsed whole instead
        second = None
    finally:
        if helper is not None:
            helper.join()
    if second is None or len(parsed) != 2:
        return None
    first, later = parsed[0], parsed[1]
    if first.end and later.start and later.start[0] <= first.end[0]:
        return None  # rows out of order across the cut: only the whole sheet reads them right
    return SplitSheet(first, later)
