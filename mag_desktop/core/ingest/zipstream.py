"""One part of a zip archive, decompressed as a stream of chunks, checked as it goes.

The pre-flight checks and the background scan of error cells each read every sheet of a
workbook once, so this is on the way to the data. Deflated parts are inflated with ISA-L
(python-isal), about twice as fast as zlib, and their CRC is checked at the end, so a damaged
part is found here, not later in the reader. Other compression methods, which spreadsheet
programs do not write, go through :mod:`zipfile`.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from typing import BinaryIO, cast

from isal import isal_zlib

CHUNK = 1 << 20
#: the error ISA-L raises for corrupt data (its type stub calls it an instance, not a class)
InflateError = cast(type[Exception], isal_zlib.error)
LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length


class DamagedPart(zipfile.BadZipFile):
    """A part cannot be read to its end: truncated, corrupt, or with a wrong checksum."""


def data_start(f: BinaryIO, member: zipfile.ZipInfo) -> int:
    f.seek(member.header_offset)
    header = f.read(LOCAL_HEADER.size)
    if len(header) < LOCAL_HEADER.size:
        raise DamagedPart("the file ends inside a part's header")
    signature, name_length, extra_length = LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise DamagedPart("a part's header is not where the archive's directory says")
    return member.header_offset + LOCAL_HEADER.size + name_length + extra_length


def chunks(archive: zipfile.ZipFile, member: zipfile.ZipInfo,
           chunk: int = CHUNK, *, check: bool = True) -> Iterator[bytes]:
    """The part's bytes, at most ``chunk`` at a time, however much a chunk of input expands;
    ``check=False`` skips the CRC, for a part the pre-flight has already checked."""
    if member.compress_type != zipfile.ZIP_DEFLATED or not archive.filename:
        with archive.open(member) as stream:
            while data := stream.read(chunk):
                yield data
        return
    with open(archive.filename, "rb") as f:
        f.seek(data_start(f, member))
        left = member.compress_size
        inflate = isal_zlib.decompressobj(-15)
        crc = 0
        data = b""
        try:
            while not inflate.eof:
                if not data and left:
                    data = f.read(min(chunk, left))
                    if not data:
                        raise DamagedPart("the file ends inside a part")
                    left -= len(data)
                out = inflate.decompress(data, chunk)  # output may wait for a later call
                data = inflate.unconsumed_tail
                if out:
                    if check:
                        crc = isal_zlib.crc32(out, crc)
                    yield out
                elif not data and not left:
                    break
        except InflateError as exc:
            raise DamagedPart(f"the compressed data is corrupt ({exc})") from exc
    if not inflate.eof:
        raise DamagedPart("the part's compressed data ends early")
    if check and crc != member.CRC:
        raise DamagedPart("the part's checksum does not match (the file is corrupt)")
