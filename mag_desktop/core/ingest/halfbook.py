"""Small workbooks made from a large one: its package parts copied as they are (still
compressed), and one sheet part replaced by new content, deflated quickly with ISA-L.

Only the parts a reader needs to read the one sheet are kept (:func:`needed`: content types,
relationships, the workbook, styles, shared strings, theme). Other sheets, images, macros,
pivot caches, charts and comments are left out.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from isal import isal_zlib

from mag_desktop.core.ingest import zipstream

ZIP32 = 0xFFFFFFFF  # sizes from here on need zip64, which these small archives never use
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_DOS_DATE = 0x21  # 1 January 1980


@dataclass
class Member:
    name: bytes
    method: int
    flags: int
    crc: int
    data: list[bytes]  # compressed as ``method`` says
    size: int  # uncompressed

    @property
    def packed(self) -> int:
        return sum(len(d) for d in self.data)


class Deflated:
    """A part being written: deflated at ISA-L's level 1, with its CRC and size."""

    def __init__(self) -> None:
        self._deflate = isal_zlib.compressobj(1, isal_zlib.DEFLATED, -15)
        self._out: list[bytes] = []
        self.crc = 0
        self.size = 0

    def add(self, data: bytes) -> None:
        if data:
            self._out.append(self._deflate.compress(data))
            self.crc = isal_zlib.crc32(data, self.crc)
            self.size += len(data)

    def member(self, name: str) -> Member:
        """The finished part (nothing may be added after this)."""
        self._out.append(self._deflate.flush())
        return Member(name.encode("utf-8"), zipfile.ZIP_DEFLATED, 0, self.crc, self._out,
                      self.size)


#: the parts a reader needs to read one sheet (by name, whatever the case)
_NEEDED = re.compile(r"^(\[Content_Types\]\.xml|_rels/\.rels|xl/_rels/[^/]+\.rels"
                     r"|xl/worksheets/_rels/[^/]+\.rels|xl/theme/[^/]+\.xml"
                     r"|xl/[^/]*(workbook|styles|sharedstrings)[^/]*\.xml)$", re.IGNORECASE)


def needed(name: str) -> bool:
    """Parts a small workbook needs: the package's own, the workbook, its styles, shared strings
    and theme. Worksheets, images, macros, pivot caches, charts, comments and the like are left
    out: every piece of a sheet holds a copy of what is kept."""
    return _NEEDED.match(name) is not None


def _copied(f: BinaryIO, info: zipfile.ZipInfo) -> Member:
    f.seek(zipstream.data_start(f, info))
    data = f.read(info.compress_size)
    flags = (info.flag_bits & ~0x08) | (0 if info.filename.isascii() else 0x800)
    return Member(info.filename.encode("utf-8"), info.compress_type, flags, info.CRC, [data],
                  info.file_size)


class Template:
    """The parts of a workbook that every small workbook made from it shares, read once."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        with path.open("rb") as f:
            self.parts = [_copied(f, m) for m in archive.infolist() if needed(m.filename)]

    @property
    def fits(self) -> bool:
        return all(m.size < ZIP32 and m.packed < ZIP32 for m in self.parts)

    def book(self, sheet: Member) -> io.BytesIO | None:
        """A workbook of the shared parts and ``sheet``; None if it would need zip64."""
        if sheet.size >= ZIP32 or sheet.packed >= ZIP32:
            return None
        return io.BytesIO(_archive([*self.parts, sheet]))


def _archive(members: list[Member]) -> bytes:
    out = io.BytesIO()
    central = []
    for m in members:
        offset = out.tell()
        out.write(_LOCAL.pack(0x04034B50, 20, m.flags, m.method, 0, _DOS_DATE, m.crc, m.packed,
                              m.size, len(m.name), 0) + m.name)
        for d in m.data:
            out.write(d)
        central.append(_CENTRAL.pack(0x02014B50, 20, 20, m.flags, m.method, 0, _DOS_DATE,
                                     m.crc, m.packed, m.size, len(m.name), 0, 0, 0, 0, 0,
                                     offset) + m.name)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(_END.pack(0x06054B50, 0, 0, len(central), len(central), out.tell() - start,
                        start, 0))
    return out.getvalue()
