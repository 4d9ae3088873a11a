"""CSV files as Excel writes them: decoded without guessing in silence, their delimiter sniffed
from a small sample, and their lines no wider than a spreadsheet.

Encoding, one rule for the whole file:

* a byte-order mark says UTF-8 (Excel's "CSV UTF-8") or UTF-16, and the file must then be
  valid in it;
* else a file that is valid UTF-8 is UTF-8;
* else, if the file holds no UTF-8 character at all, it is Windows-1252 (Excel's plain "CSV"
  on Windows), and a byte Windows-1252 leaves undefined is an error;
* a file that is UTF-8 except for a few bytes (a cell pasted from a Windows-1252 file) is the
  suspicious case: reading it either way would garble some of its text, so it is refused,
  naming the row, the column and the byte.

The delimiter is sniffed from the first lines, at most :data:`SAMPLE_CHARS` characters (the
standard sniffer takes time that grows with the square of its sample: a 64 KB sample can keep
it busy for half a minute). A line of more than :data:`MAX_FIELDS` fields (Excel's column
limit) is refused, naming it, before its fields are kept.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator

from mag_desktop.core.ingest.report import column_letter

SAMPLE_CHARS = 4096
SAMPLE_LINES = 20
MAX_FIELDS = 16_384
DELIMITERS = ",;\t|"
_UTF8_CHARACTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|"
                             rb"[\xf0-\xf4][\x80-\xbf]{3}")


class CsvRefused(ValueError):
    """The CSV text cannot be read as it is; the message says where and why."""


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) by the rule above; raises :class:`CsvRefused`."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf-8-sig", "UTF-8 (it starts with a UTF-8 byte-order mark)"), \
            "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", "UTF-16 (it starts with a UTF-16 byte-order mark)"), \
            "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _UTF8_CHARACTER.search(data):
        return _strict(data, "utf-8", "UTF-8 everywhere else"), "utf-8"
    return _strict(data, "cp1252", "Windows-1252, as it holds no UTF-8 text"), "cp1252"


def _strict(data: bytes, encoding: str, why: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start:exc.end] if isinstance(exc.object, bytes) else b""
        shown = " ".join(f"0x{b:02X}" for b in bad[:4])
        raise CsvRefused(
            f"{_place(data, exc.start, encoding)}: byte {shown} cannot be read: the file is "
            f"read as {why}; save it again from Excel as 'CSV UTF-8', or correct that "
            "character") from exc


def _place(data: bytes, offset: int, encoding: str) -> str:
    """"row 12, column C" of a byte offset (rows as a spreadsheet shows the file's lines)."""
    start = data.rfind(b"\n", 0, offset) + 1
    row = data.count(b"\n", 0, offset) + 1
    prefix = codecs.decode(data[start:offset], encoding if encoding != "utf-16" else "latin-1",
                           errors="replace")
    fields = prefix.count(sniff(prefix) if prefix else ",")
    return f"row {row}, column {column_letter(min(fields, MAX_FIELDS))}"


def sniff(text: str) -> str:
    """The delimiter, from the first lines of the text (at most :data:`SAMPLE_CHARS`)."""
    sample = text[:SAMPLE_CHARS]
    lines = sample.splitlines(keepends=True)
    if len(lines) > 1:  # whole lines only, when there are several
        sample = "".join(lines[:SAMPLE_LINES] if len(lines) > SAMPLE_LINES else lines[:-1])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in DELIMITERS}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def rows(text: str, delimiter: str) -> Iterator[list[str]]:
    """The rows, each refused if wider than :data:`MAX_FIELDS` (before it is kept)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if len(row) > MAX_FIELDS:
                raise CsvRefused(
                    f"row {reader.line_num} has {len(row):,} fields, more than the "
                    f"{MAX_FIELDS:,} columns a spreadsheet can hold; is this a CSV file?")
            yield row
    except csv.Error as exc:
        raise CsvRefused(f"row {reader.line_num}: the CSV file is malformed ({exc})") from exc
