"""Pre-flight: files that must not be parsed are refused quickly, clearly, and change nothing."""

from __future__ import annotations

import json
import shutil
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_helpers import (
    OBS,
    checksum,
    cli_start,
    imp,
    obs,
    rewrite_zip,
    seed_definitions,
    write_xlsx,
)

from mag_desktop.cli import main
from mag_desktop.core.ingest import preflight
from mag_desktop.core.store import Store

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BOUND = 3.0  # seconds: every refusal must be this quick on a slow machine


def _xlsx(tmp_path: Path, name: str = "good.xlsx") -> Path:
    return write_xlsx(tmp_path / name, {"Data": [OBS[:5], obs(), obs(group="Indian")]})


def make_zip_bomb(tmp_path: Path) -> Path:
    """A workbook with a part of 200 MB of zeros (about 200 kB compressed), streamed."""
    path = rewrite_zip(_xlsx(tmp_path), tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, \
            z.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as f:
        chunk = b"\0" * (4 << 20)
        for _ in range(50):
            f.write(chunk)
    assert path.stat().st_size < 2_000_000
    return path


def make_lying_zip(tmp_path: Path) -> Path:
    """A part that declares 1,000 bytes but expands to 20 MB: declared sizes must not be trusted."""
    path = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 << 20))
    raw = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    at = raw.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack("<H", raw[at + 28:at + 30])[0]
        if raw[at + 46:at + 46 + length] == name:
            struct.pack_into("<I", raw, at + 24, 1000)  # central directory: uncompressed size
            local = struct.unpack("<I", raw[at + 42:at + 46])[0]
            struct.pack_into("<I", raw, local + 22, 1000)  # local header: uncompressed size
        at = raw.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(raw))
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size == 1000
    return path


def make_entity_bomb(tmp_path: Path) -> Path:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1)) * 10 if i > 1
                                                     else b"&lol;" * 10) for i in range(1, 10))
              + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
              b'main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
              b"</row></sheetData></worksheet>")
    return rewrite_zip(_xlsx(tmp_path), tmp_path / "laughs.xlsx",
                       replace={"xl/worksheets/sheet1.xml": laughs})


def make_encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "protected.xlsx"
    path.write_bytes(OLE + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 2048)
    return path


def make_xls(tmp_path: Path) -> Path:
    path = tmp_path / "old.xls"
    path.write_bytes(OLE + b"\0" * 504 + "Workbook".encode("utf-16-le") + b"\0" * 2048)
    return path


def make_truncated(tmp_path: Path) -> Path:
    data = _xlsx(tmp_path).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def make_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" * 20)
    return path


def make_empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    return path


REFUSED: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "zip bomb": (make_zip_bomb, ("zip bomb", "unsafe")),
    "lying zip": (make_lying_zip, ("sheet1.xml",)),
    "entity bomb": (make_entity_bomb, ("entities", "DOCTYPE", "unsafe")),
    "encrypted": (make_encrypted, ("password-protected", "save an unprotected copy")),
    "legacy xls": (make_xls, (".xls", "save it as .xlsx")),
    "truncated": (make_truncated, ("damaged or incomplete",)),
    "pdf": (make_pdf, ("PDF",)),
    "empty": (make_empty, ("empty",)),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_quickly_with_a_clear_reason_and_nothing_changed(
        store: Store, tmp_path: Path, case: str) -> None:
    make, words = REFUSED[case]
    path = make(tmp_path)
    before = checksum(store)
    started = time.perf_counter()
    result = imp(store, path)
    elapsed = time.perf_counter() - started
    assert elapsed < BOUND
    assert result.status == "rejected"
    assert result.rows_read == 0 and result.inserted == 0
    assert len(result.errors) == 1 and result.errors[0].rule == "file"
    for word in words:
        assert word in result.message, result.message
    assert path.name in result.message
    if case == "lying zip":  # refused as unsafe or damaged, never parsed
        assert "unsafe" in result.message or "damaged" in result.message
    assert checksum(store) == before


def test_size_limit(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _xlsx(tmp_path)
    monkeypatch.setattr(preflight, "MAX_FILE_BYTES", 1000)
    before = checksum(store)
    result = imp(store, path)
    assert result.status == "rejected"
    assert "limit" in result.message and "split it into smaller files" in result.message
    assert checksum(store) == before


def test_xlsx_named_csv_is_read_as_xlsx_with_a_warning(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "really-a-workbook.csv"
    path.write_bytes(_xlsx(tmp_path).read_bytes())
    seed_definitions(store, tmp_path)
    result = imp(store, path)
    assert result.status == "ok", result.errors
    assert (result.sheet, result.rows_read, result.inserted) == ("Data", 2, 2)
    assert any(".csv" in w.message and "XLSX" in w.message for w in result.warnings)


def _check_cli_output(case: str, code: int, out: str, err: str) -> None:
    assert code == 1, (case, out, err)
    assert "Traceback" not in out + err
    data = json.loads(out)  # exactly one JSON document on stdout
    assert isinstance(data, dict)
    assert data["status"] == "rejected"
    assert data["inserted"] == 0 and data["rows_read"] == 0
    assert data["errors"] and all(REFUSED[case][1][0] in e["message"] for e in data["errors"])


@pytest.mark.parametrize("case", list(REFUSED))
def test_cli_refusal_in_process(store_path: Path, tmp_path: Path, case: str,
                                capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(store_path) as store:
        before = checksum(store)
    path = REFUSED[case][0](tmp_path)
    code = main(["import", str(path), "--json", "--store", str(store_path)])
    captured = capsys.readouterr()
    _check_cli_output(case, code, captured.out, captured.err)
    with Store.open(store_path) as store:
        assert checksum(store) == before


def test_cli_refusals_as_subprocesses(store_path: Path, tmp_path: Path) -> None:
    """The real entry point (python -m mag_desktop), for two kinds of refusal, side by side."""
    with Store.open(store_path) as store:
        before = checksum(store)
    runs = {}
    for case in ("zip bomb", "encrypted"):
        folder = tmp_path / case.replace(" ", "-")
        folder.mkdir()
        own_store = folder / "store.sqlite"  # one store each, so the runs do not queue on a lock
        shutil.copy(store_path, own_store)
        runs[case] = (own_store, cli_start("import", str(REFUSED[case][0](folder)), "--json",
                                           "--store", str(own_store)))
    for case, (own_store, proc) in runs.items():
        out, err = proc.communicate(timeout=60)
        _check_cli_output(case, proc.returncode, out, err)
        with Store.open(own_store) as after:
            assert checksum(after) == before
