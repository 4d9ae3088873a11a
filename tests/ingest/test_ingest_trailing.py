"""Notes, an END marker or a second table below the rows the layout survey reads (10,000) are
left out and reported, as they are higher up; the data above them is all read."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import OBS, imp, write_csv

from mag_desktop.core.ingest.layout import SCAN_ROWS
from mag_desktop.core.store import Store

AUTHORITIES = ["E08000025", "E08000026", "E08000027", "E08000028", "E08000029", "E08000030",
               "E08000031"]
ROWS = 12_000


def _data(store: Store) -> list[list[object]]:
    groups = [g for g, in store.conn.execute(
        "SELECT label FROM ethnic_group WHERE kind = 'group' ORDER BY position")][:19]
    rows: list[list[object]] = []
    for year in range(2000, 2025):
        for q in range(1, 5):
            for area in AUTHORITIES:
                for group in groups:
                    rows.append(["CNT_IND", f"{year} Q{q}", area, group, len(rows) % 500])
    assert len(rows) >= ROWS
    return rows[:ROWS]


def _count(store: Store) -> int:
    n, = store.conn.execute("SELECT COUNT(*) FROM observation").fetchone()
    return int(n)


def test_notes_below_row_ten_thousand_are_left_out(seeded: Store, tmp_path: Path) -> None:
    assert ROWS > SCAN_ROWS
    notes = [[], ["Source: Office for National Statistics"], ["Prepared by the data team"],
             ["1. Figures are rounded to the nearest 5."], ["Contact", "data@example.org"],
             ["Last updated", "March 2025"]]
    path = write_csv(tmp_path / "long.csv", [OBS[:5], *_data(seeded), *notes])
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors[:5]]
    assert (result.rows_read, result.rows_valid, result.inserted) == (ROWS, ROWS, ROWS)
    assert _count(seeded) == ROWS
    last = ROWS + 1  # Excel row of the last data row
    warnings = {w.rule: w for w in result.warnings}
    assert warnings["layout-note"].message == (  # footnotes and a label
        f"3 rows of notes or labels (a single cell of text) left out, not read as data: rows "
        f"{last + 2}–{last + 4}")
    assert warnings["layout-trailing"].message == (
        f"2 rows of a section below the table left out, not read as data: rows "
        f"{last + 5}–{last + 6}")
    assert warnings["layout-trailing"].value == "Contact"


def test_an_end_marker_below_row_ten_thousand_ends_the_table(
        seeded: Store, tmp_path: Path) -> None:
    data = _data(seeded)
    below = [["END"], ["CNT_IND", "2030 Q1", "E08000025", "Indian", 5],
             ["Scratch figures", "", "", "", 99]]
    path = write_csv(tmp_path / "end.csv", [OBS[:5], *data[:11_000], *below])
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors[:5]]
    assert result.rows_read == 11_000 and _count(seeded) == 11_000
    warnings = {w.rule: w for w in result.warnings}
    assert warnings["layout-end"].row == 11_002
    assert warnings["layout-after-end"].message.startswith("2 rows below the end marker")


def test_a_second_table_below_row_ten_thousand_is_not_read(
        seeded: Store, tmp_path: Path) -> None:
    data = _data(seeded)
    second = [[], ["Table 2: revised figures"], OBS[:5],
              ["CNT_IND", "2030 Q1", "E08000025", "Indian", 5]]
    path = write_csv(tmp_path / "two.csv", [OBS[:5], *data[:10_500], *second])
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors[:5]]
    assert result.rows_read == 10_500 and _count(seeded) == 10_500
    warnings = {w.rule: w for w in result.warnings}
    assert warnings["layout-next-table"].row == 10_504  # under its title (10,503)
    assert warnings["layout-trailing"].value == "Table 2: revised figures"
    assert warnings["layout-next-table"].message.startswith("2 rows of another table below")


@pytest.mark.parametrize("gap", [True, False])
def test_short_rows_followed_by_data_are_data(seeded: Store, tmp_path: Path, gap: bool) -> None:
    """Rows with few cells after a blank row are held back, then read when data follows."""
    data = _data(seeded)
    short = ["CNT_IND", "2030 Q1", "", "", ""]  # an error row: the area and group missing
    rows = [OBS[:5], *data[:10_200], *([[]] if gap else []), short, *data[10_200:10_300]]
    result = imp(seeded, write_csv(tmp_path / "short.csv", rows))
    assert result.rows_read == 10_301
    assert result.status == "rejected"  # the short row is read, and its errors reported
    assert {e.row for e in result.errors} == {10_202 + gap}


def test_rows_held_back_across_chunks(seeded: Store, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Short rows held back at the end of one chunk are read in order when the next chunk
    shows data after them, and left out when the sheet ends first."""
    from mag_desktop.core.ingest import observations, table
    monkeypatch.setattr(table, "SCAN_ROWS", 50)
    monkeypatch.setattr(observations, "CHUNK_ROWS", 2)  # three held rows span chunks
    data = _data(seeded)
    short = [["CNT_IND", "2030 Q1"], ["CNT_IND", "2030 Q2"], ["CNT_IND", "2030 Q3"]]
    rows = [OBS[:5], *data[:120], [], *short, *data[120:200], [], *short[:2]]
    result = imp(seeded, write_csv(tmp_path / "held.csv", rows))
    assert result.status == "rejected"  # the three short rows were data: their errors told
    assert sorted({e.row for e in result.errors}) == [123, 124, 125]
    assert result.rows_read == 203
    trailing, = [w for w in result.warnings if w.rule == "layout-trailing"]
    assert trailing.message.endswith("rows 207–208")
