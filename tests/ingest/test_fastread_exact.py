"""Numbers read column-wise stay exact wherever they appear: a value column whose first rows
hold only markers (read as text at first) or a TRUE is read again as numbers when a fraction
turns up below them, so nothing is ever cut to nine decimals."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from ingest_helpers import OBS, imp, obs

from mag_desktop.core.store import Store

TINY, LONG = 0.0000123456789, 0.1234567891234
AREAS = [f"E080000{k}" for k in range(25, 32)]
GROUPS = ["Pakistani", "Indian", "Bangladeshi", "Chinese"]


def _values(store: Store) -> set[float]:
    return {row[0] for row in store.conn.execute(
        "SELECT value FROM observation WHERE superseded_by IS NULL AND value IS NOT NULL")}


def _sheet(path: Path, first_rows: int, head_cell: object) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(OBS)
    i = 0
    for area in AREAS:
        for year in range(1950, 2050):
            for quarter in (1, 2, 3, 4):
                for group in GROUPS:
                    value = head_cell if i < first_rows else (TINY if i % 2 else LONG)
                    sheet.append(obs("CNT_IND", period=f"{year} Q{quarter}", area=area,
                                     group=group, value=value))
                    i += 1
    book.save(path)


def test_fractions_below_rows_of_markers_stay_exact(seeded: Store, tmp_path: Path) -> None:
    _sheet(tmp_path / "markers.xlsx", 10_100, "[c]")
    result = imp(seeded, tmp_path / "markers.xlsx")
    assert result.status == "ok", [i.line() for i in result.errors][:3]
    assert _values(seeded) == {TINY, LONG}
