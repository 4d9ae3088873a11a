"""The first rows of a worksheet, without parsing the whole sheet.

The header and the layout of a table are found in a sheet's first rows (:mod:`table`), with
each cell's own type: a number, a date, text. Those rows are cut from the sheet part as it is
inflated, made into a small workbook of their own in memory (:mod:`halfbook`) and read by
python-calamine, so they come out exactly as from the whole sheet, at a hundredth of the cost
for a large one. The rest of the sheet is read column-wise (:mod:`fastread`).

Nothing is cut when the part is small or not as expected (no ``sheetData``, no row within the
first bytes); the caller then parses the whole sheet for its first rows.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import python_calamine as pc

from mag_desktop.core.ingest import zipstream
from mag_desktop.core.ingest.halfbook import Deflated, Template

#: a sheet part smaller than this (uncompressed; about 10,000 rows of 13 columns) is parsed whole
HEAD_BYTES = 4 * 1024 * 1024
_SEARCH_LIMIT = 64 * 1024 * 1024  # bytes searched for the head before giving up
_SHEET_DATA = re.compile(rb"<([A-Za-z_][\w.-]*:)?sheetData[\s>]")
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?worksheet)[\s>]")
_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")


def _head_bytes(chunks: Iterable[bytes], rows: int) -> bytes | None:
    """The part up to its first row numbered above ``rows``, closed as a whole worksheet;
    None when the part ends before such a row (it is small enough to parse whole)."""
    window = b""
    row_tag: re.Pattern[bytes] | None = None
    at = number = 0
    data = root = None
    for chunk in chunks:
        window += chunk
        if row_tag is None:
            data = _SHEET_DATA.search(window)
            if data is None:
                if len(window) > _SEARCH_LIMIT:
                    return None
                continue
            root = _ROOT.search(window, 0, data.start())
            if root is None:
                return None
            prefix = re.escape(data.group(1) or b"")
            row_tag = re.compile(b"<" + prefix + rb"row(?:\s[^>]*)?>")
            at = data.end()
        for found in row_tag.finditer(window, at):
            if found.end() == len(window):
                break  # the tag may go on in the next chunk
            given = _NUMBER.search(found.group(0))
            number = int(given.group(1)) if given else number + 1
            if number > rows:
                assert data is not None and root is not None
                return (window[:found.start()] + b"</" + (data.group(1) or b"")
                        + b"sheetData></" + root.group(1) + b">")
            at = found.end()
        if len(window) > _SEARCH_LIMIT:
            return None
    return None


def head_sheet(path: Path, part: str, name: str, rows: int) -> tuple[Any, int] | None:
    """Sheet ``name`` (stored in ``part``) down to Excel row ``rows``, parsed by python-calamine
    (a ``CalamineSheet``), and the sheet's height estimated from the bytes those rows take;
    None when the part is small or cannot be cut: parse it whole."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(part)
            if info.file_size < HEAD_BYTES:
                return None
            template = Template(path, archive)
            if not template.fits:
                return None
            head = _head_bytes(zipstream.chunks(archive, info, check=False), rows)
            size = info.file_size
    except Exception:  # anything unexpected: the sheet is parsed whole, which reports it
        return None
    if head is None:
        return None
    member = Deflated()
    member.add(head)
    book = template.book(member.member(part))
    if book is None:
        return None
    try:
        sheet = pc.CalamineWorkbook.from_filelike(book).get_sheet_by_name(name)
    except Exception:
        return None
    return sheet, round(rows * size / max(len(head), 1))
