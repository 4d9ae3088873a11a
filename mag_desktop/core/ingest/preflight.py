"""Checks made before any parsing: size, format by content, encryption, zip bombs, XML attacks.

Nothing here trusts the file name or the sizes a zip declares. A spreadsheet is judged by its
first bytes; a zip's members are decompressed as a stream with a hard cap (declared sizes can
lie), and XML members are refused if they declare a DOCTYPE or entities, which is how entity
expansion ("billion laughs") and external-entity attacks begin.
"""

from __future__ import annotations

import codecs
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers.expat import ExpatError

from mag_desktop.core.errors import MagError
from mag_desktop.core.ingest import zipstream
from mag_desktop.core.ingest.extent import FULL_BYTES, Extent, far_cells, far_message
from mag_desktop.core.ingest.ods_extent import OdsExtent
from mag_desktop.core.ingest.prolog import Prolog, Unsafe, looks_like_xml
from mag_desktop.core.ingest.xlsx_cells import SheetCells

MAX_FILE_BYTES = 250 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 3 * 1024 * 1024 * 1024
MAX_RATIO = 250
MAX_MEMBERS = 10_000
CHUNK = 1 << 20
CELL_START = b'<c r="'  # how each pattern of the scan begins (see xlsx_cells)
LONGEST_CELL = 4 * CHUNK  # a cell cut across chunks is looked for up to this length

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


class FileRefused(MagError):
    """The file cannot be imported at all; the message says why and what to do."""


@dataclass
class Preflight:
    path: Path
    format: str  # "xlsx" | "xlsm" | "ods" | "csv"
    size: int
    notes: list[str] = field(default_factory=list)  # warnings for the report
    #: error cells, booleans, percentages and formula gaps, found while the pre-flight streams
    #: each sheet part for its checks (a few byte searches a megabyte, not a second pass)
    cells: SheetCells = field(default_factory=SheetCells)


def check_file(path: Path, *, max_bytes: int | None = None) -> Preflight:
    """Identify the file by content and refuse what must not be parsed, with a clear reason."""
    name = path.name
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes  # read now, not at import
    if not path.exists():
        raise FileRefused(f"{name}: there is no such file ({path})")
    if not path.is_file():
        raise FileRefused(f"{name}: this is a folder, not a file")
    size = path.stat().st_size
    if size == 0:
        raise FileRefused(f"{name}: the file is empty")
    if size > max_bytes:
        raise FileRefused(
            f"{name}: the file is {size / 1e6:,.0f} MB, over the {max_bytes / 1e6:,.0f} MB limit; "
            "split it into smaller files"
        )
    with path.open("rb") as f:
        head = f.read(8)
    if head.startswith(OLE_MAGIC):
        raise FileRefused(_ole_reason(path))
    if head.startswith(ZIP_MAGIC):
        result = _check_zip(path, size)
    elif head.startswith(b"%PDF"):
        raise FileRefused(f"{name}: this is a PDF document, not a spreadsheet")
    else:
        result = Preflight(path, _text_format(path), size)
    suffix = path.suffix.lower().lstrip(".")
    if suffix and suffix != result.format and not (suffix == "txt" and result.format == "csv"):
        result.notes.append(
            f"the file is named .{suffix} but its content is {result.format.upper()}; "
            f"read as {result.format.upper()}"
        )
    return result


def _ole_reason(path: Path) -> str:
    data = path.read_bytes()
    if ENCRYPTED_STREAM in data:
        return (
            f"{path.name}: this file is password-protected: open it in Excel, remove the "
            "password (File › Info › Protect Workbook) and save an unprotected copy to import"
        )
    return (
        f"{path.name}: this is a legacy Excel 97–2003 workbook (.xls), which is not read: "
        "open it in Excel or LibreOffice and save it as .xlsx"
    )


def _text_format(path: Path) -> str:
    with path.open("rb") as f:
        sample = f.read(65536)
    lowered = sample.lstrip().lower()
    if lowered.startswith((b"<html", b"<!doctype html", b"<table")):
        raise FileRefused(
            f"{path.name}: this is a web page saved with a spreadsheet name; open it in Excel "
            "and save it as .xlsx"
        )
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused(
            f"{path.name}: this is not a spreadsheet or a CSV file (it holds binary data)"
        )
    return "csv"


def _check_zip(path: Path, size: int) -> Preflight:
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FileRefused(
            f"{name}: the file is damaged or incomplete (perhaps a download or copy was cut "
            f"short): {exc}"
        ) from exc
    with archive:
        members = archive.infolist()
        names = {m.filename for m in members}
        if len(members) > MAX_MEMBERS:
            raise FileRefused(f"{name}: the archive has {len(members):,} parts; refused as unsafe")
        if any(m.flag_bits & 0x1 for m in members):
            raise FileRefused(
                f"{name}: this file is password-protected: save an unprotected copy to import"
            )
        declared = sum(m.file_size for m in members)
        if declared > MAX_UNCOMPRESSED_BYTES:
            raise FileRefused(
                f"{name}: the workbook would expand to {declared / 1e9:,.1f} GB; refused as "
                "unsafe (a compressed file this large is usually a zip bomb)"
            )
        for m in members:
            ratio = m.file_size / m.compress_size if m.compress_size else 0
            if ratio > MAX_RATIO and m.file_size > CHUNK:
                raise FileRefused(
                    f"{name}: part {m.filename} is compressed {m.file_size // m.compress_size:,} "
                    "to 1; refused as unsafe (a zip bomb)"
                )
        if "xl/workbook.xml" in names:
            macro = "xl/vbaProject.bin" in names
            fmt = "xlsm" if macro else "xlsx"
        elif "content.xml" in names and _is_ods(archive, names):
            fmt = "ods"
        elif "word/document.xml" in names:
            raise FileRefused(f"{name}: this is a Word document, not a spreadsheet")
        else:
            raise FileRefused(f"{name}: this is a zip archive, not a spreadsheet")
        result = Preflight(path, fmt, size)
        if fmt == "xlsm":
            result.notes.append("the workbook contains macros; they were not loaded or run")
        if fmt in ("xlsx", "xlsm"):
            result.cells.read_names(archive)
            result.cells.read_styles(archive)
        _stream_members(archive, members, result)
    return result


def _scan(cells: SheetCells, part: str, last: bytes, chunk: bytes) -> bytes:
    """Scan a chunk of a sheet part for error cells, booleans, percentages and formula gaps,
    and the cell its start cuts: ``last`` (the previous chunk from its last cell's start)
    joined to this chunk up to its first cell's end, however long that cell (a cell found
    twice is kept once). Returns this chunk's ``last``."""
    cells.scan(part, chunk)
    if last:
        end = chunk.find(b"</c>")
        cells.scan(part, last + (chunk[:end + 4] if end >= 0 else chunk))
    start = chunk.rfind(CELL_START)
    if start >= 0:
        return chunk[start:]
    return (last + chunk)[-LONGEST_CELL:]  # no cell starts here: one cell spans the chunk


def _is_ods(archive: zipfile.ZipFile, names: set[str]) -> bool:
    if "mimetype" not in names:
        return True
    with archive.open("mimetype") as f:
        return f.read(200).strip() == ODS_MIME


def _stream_members(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], result: Preflight
) -> None:
    """Decompress every XML part (by name, whatever its case, or by content) with a hard cap;
    refuse DOCTYPE/ENTITY declarations, and sheets whose used range is far larger than their
    cells (measured here, before any reader is asked for cells)."""
    total = 0
    name = result.path.name
    for m in members:
        if m.is_dir():
            continue
        xml = m.filename.lower().endswith((".xml", ".rels", ".vml"))
        sheet = "/_rels/" not in m.filename and (  # a sheet, wherever the workbook keeps it
            (xml and m.filename.startswith("xl/worksheets/")) or m.filename in result.cells.names)
        seen = 0
        scanned = b""  # the last chunk's last cell, which the next chunk may finish
        scan = sheet and result.format in ("xlsx", "xlsm")
        utf16: codecs.IncrementalDecoder | None = None
        prolog = Prolog()
        extent = Extent(full=m.file_size < FULL_BYTES) if sheet else None
        ods = OdsExtent() if result.format == "ods" and m.filename == "content.xml" else None
        try:
            for chunk in zipstream.chunks(archive, m, CHUNK):
                if seen == 0 and not xml and not looks_like_xml(chunk[:64]):
                    break  # an image, a macro: never parsed
                seen += len(chunk)
                total += len(chunk)
                if seen > max(m.file_size, 1) + CHUNK or total > MAX_UNCOMPRESSED_BYTES:
                    raise FileRefused(
                        f"{name}: part {m.filename} expands beyond its declared size; "
                        "refused as unsafe (a zip bomb)"
                    )
                if seen == len(chunk) and chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
                    utf16 = codecs.getincrementaldecoder("utf-16")(errors="replace")
                if not prolog.done:  # a UTF-16 part is checked as UTF-8
                    prolog.feed(utf16.decode(chunk).encode() if utf16 else chunk)
                if extent is not None:
                    extent.feed(chunk)
                if scan:
                    scanned = _scan(result.cells, m.filename, scanned, chunk)
                if ods is not None:
                    ods.feed(chunk)
            prolog.finish()
            if ods is not None:
                ods.finish()
                if reason := ods.refusal(name):
                    raise FileRefused(reason)
                result.cells.percents.update(ods.percents)
            if extent is not None and extent.merged:
                result.cells.merged[m.filename] = extent.merged
            if extent is not None and extent.suspicious():
                far = far_cells(zipstream.chunks(archive, m, CHUNK))
                if far is not None:
                    sheet_name = result.cells.names.get(m.filename, m.filename)
                    raise FileRefused(far_message(name, sheet_name, far))
        except Unsafe as exc:
            raise FileRefused(
                f"{name}: part {m.filename} {exc}; refused as unsafe: save the workbook again "
                "from Excel"
            ) from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ExpatError) as exc:
            raise FileRefused(
                f"{name}: the file is damaged or incomplete (part {m.filename} cannot be read: "
                f"{exc})"
            ) from exc
