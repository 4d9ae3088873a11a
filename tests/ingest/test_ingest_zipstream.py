"""Reading a zip part as checked chunks: the same bytes as zipfile, and damage always found."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from ingest_helpers import imp, rewrite_zip
from test_ingest_preflight import _xlsx, make_entity_bomb

from mag_desktop.core.ingest import preflight, zipstream
from mag_desktop.core.ingest.preflight import FileRefused, check_file
from mag_desktop.core.store import Store

PART = "xl/worksheets/sheet1.xml"


def _archive(tmp_path: Path, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> Path:
    path = tmp_path / "parts.zip"
    with zipfile.ZipFile(path, "w", method) as z:
        z.writestr("first.txt", b"a part before, so offsets are not zero")
        z.writestr(PART, data)
    return path


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
@pytest.mark.parametrize("size", [0, 1, 5000, 3_000_000])
def test_chunks_give_exactly_the_parts_bytes(tmp_path: Path, method: int, size: int) -> None:
    data = (os.urandom(size // 2) + b"<row/>" * (size // 12))[:size]
    path = _archive(tmp_path, data, method)
    with zipfile.ZipFile(path) as z:
        parts = list(zipstream.chunks(z, z.getinfo(PART), chunk=4096))
    assert b"".join(parts) == data
    assert all(0 < len(p) <= 4096 for p in parts)  # bounded, never empty


def test_a_highly_compressed_part_comes_out_in_bounded_chunks(tmp_path: Path) -> None:
    path = _archive(tmp_path, b"\0" * 10_000_000)  # about 10 kB compressed
    with zipfile.ZipFile(path) as z:
        sizes = [len(p) for p in zipstream.chunks(z, z.getinfo(PART), chunk=1 << 16)]
    assert sum(sizes) == 10_000_000 and max(sizes) == 1 << 16


def _corrupt(path: Path, at_fraction: float) -> Path:
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(PART)
    raw = bytearray(path.read_bytes())
    with path.open("rb") as f:
        start = zipstream.data_start(f, info)
    raw[start + int(info.compress_size * at_fraction)] ^= 0xFF
    path.write_bytes(bytes(raw))
    return path


@pytest.mark.parametrize("where", [0.0, 0.5, 0.99])
def test_a_flipped_byte_is_found(tmp_path: Path, where: float) -> None:
    path = _corrupt(_archive(tmp_path, os.urandom(100_000) + b"<c/>" * 200_000), where)
    with zipfile.ZipFile(path) as z, pytest.raises(zipstream.DamagedPart):
        for _ in zipstream.chunks(z, z.getinfo(PART)):
            pass


def test_a_damaged_sheet_is_refused_before_parsing(store: Store, tmp_path: Path) -> None:
    good = _xlsx(tmp_path)
    with zipfile.ZipFile(good) as z:
        xml = z.read(PART)
    path = rewrite_zip(good, tmp_path / "flipped.xlsx",
                       replace={PART: xml + b"<!--" + os.urandom(50_000) + b"-->"})
    _corrupt(path, 0.6)
    with pytest.raises(FileRefused, match="damaged or incomplete"):
        check_file(path)
    result = imp(store, path)
    assert result.status == "rejected" and "flipped.xlsx" in result.message


def test_entities_are_refused_however_small_the_chunks(store: Store, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The DOCTYPE check looks at a part's whole prolog, not at the first chunk only."""
    monkeypatch.setattr(preflight, "CHUNK", 7)
    with pytest.raises(FileRefused, match="DOCTYPE"):
        check_file(make_entity_bomb(tmp_path))


def test_a_comment_in_the_prolog_cannot_hide_a_doctype(tmp_path: Path) -> None:
    source = _xlsx(tmp_path)
    with zipfile.ZipFile(source) as z:
        xml = z.read(PART)
    hidden = xml.replace(b"<worksheet", b'<!-- <a href="x"> --><!DOCTYPE w [<!ENTITY e "e">]>'
                         b"<worksheet", 1)
    path = rewrite_zip(source, tmp_path / "hidden.xlsx", replace={PART: hidden})
    with pytest.raises(FileRefused, match="DOCTYPE"):
        check_file(path)
