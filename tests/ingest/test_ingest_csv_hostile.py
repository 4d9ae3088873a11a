"""Hostile CSV files answered quickly: the delimiter sniffed from a sample, lines no wider than a
spreadsheet, and a byte that cannot be decoded named rather than turned into mojibake."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from ingest_helpers import COMMIT, checksum, commitment, imp, write_csv

from mag_desktop.core.ingest import csvtext
from mag_desktop.core.store import Store


def _refused(store: Store, path: Path, bound: float = 3.0) -> str:
    before = checksum(store)
    start = time.perf_counter()
    result = imp(store, path)
    assert time.perf_counter() - start < bound
    assert result.status == "rejected"
    assert checksum(store) == before
    return result.message


def test_sniffing_is_bounded_to_a_sample(store: Store, tmp_path: Path) -> None:
    """64 KB of quotes and commas kept the standard sniffer busy for 20–30 s."""
    path = tmp_path / "quotes.csv"
    path.write_bytes(b',"' * 32_768)
    start = time.perf_counter()
    imp(store, path)  # rejected (no table), but answered
    assert time.perf_counter() - start < 3
    assert csvtext.sniff(',"' * 32_768) == ","


def test_a_line_wider_than_a_spreadsheet_is_refused_naming_it(store: Store,
                                                              tmp_path: Path) -> None:
    """A 1 MB line of 500,000 fields took 40 s; a 10 MB one never finished."""
    path = tmp_path / "wide.csv"
    path.write_bytes(b"a,b,c\r\n1,2,3\r\n" + b"x," * 500_000 + b"x\r\n")
    message = _refused(store, path, bound=5.0)
    assert "row 3 has 500,001 fields, more than the 16,384 columns" in message


def test_the_widest_line_a_spreadsheet_holds_is_read() -> None:
    text = ",".join(["x"] * csvtext.MAX_FIELDS) + "\r\n"
    assert [len(r) for r in csvtext.rows(text * 2, ",")] == [csvtext.MAX_FIELDS] * 2


def test_one_windows_byte_in_a_utf8_file_is_an_error_naming_row_column_and_byte(
        store: Store, tmp_path: Path) -> None:
    rows = [COMMIT, commitment("C-1", title="Café vouchers — résidents"),
            commitment("C-2", title="Jobs pathway")]
    path = write_csv(tmp_path / "mixed.csv", rows, "utf-8")
    data = path.read_bytes().replace(b"Jobs pathway", b"Jobs pathway \xa35")  # £ in cp1252
    path.write_bytes(data)
    message = _refused(store, path)
    assert "row 3, column B: byte 0xA3 cannot be read" in message, message
    assert "UTF-8 everywhere else" in message and "CSV UTF-8" in message


def test_a_byte_order_mark_means_utf8_throughout(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bom.csv", [COMMIT, commitment("C-1")], "utf-8-sig")
    path.write_bytes(path.read_bytes().replace(b"Birmingham,On", b"Birmingham\xe9,On"))
    message = _refused(store, path)
    assert "row 2, column E: byte 0xE9 cannot be read" in message, message
    assert "byte-order mark" in message


def test_a_byte_windows_1252_leaves_undefined_is_named(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cp.csv", [COMMIT, commitment("C-1", title="Caf\xe9")],
                     "cp1252")
    path.write_bytes(path.read_bytes().replace(b"Caf\xe9", b"Caf\xe9\x81"))
    message = _refused(store, path)
    assert "row 2, column B: byte 0x81 cannot be read" in message, message


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_whole_files_in_one_encoding_still_import(store: Store, tmp_path: Path,
                                                  encoding: str) -> None:
    title = "Café vouchers, worth £5 — for résidents"
    path = write_csv(tmp_path / "ok.csv", [COMMIT, commitment("C-1", title=title)], encoding)
    result = imp(store, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert store.conn.execute("SELECT title FROM commitment").fetchone()[0] == title
