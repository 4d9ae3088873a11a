"""Large imports: many rows to a statement, indexes dropped and built again, all in one
transaction. Small thresholds make a few hundred rows take the large-import path."""

from __future__ import annotations

import math
import multiprocessing
import sqlite3
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from ingest_helpers import OBS, checksum, current_obs, imp, seed_definitions, write_csv

from mag_desktop.core.ingest import bulk, commit
from mag_desktop.core.store import Store


def _indexes(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                        " AND tbl_name = 'observation' ORDER BY name").fetchall()


def _rows(store: Store, periods: list[str], scale: float = 1.0) -> list[list[object]]:
    wards = [r[0] for r in store.conn.execute(
        "SELECT code FROM area WHERE level = 'ward' ORDER BY code LIMIT 40")]
    groups = [r[0] for r in store.conn.execute(
        "SELECT label FROM ethnic_group WHERE kind = 'group' ORDER BY position LIMIT 4")]
    rows: list[list[object]] = [OBS]
    for p, period in enumerate(periods):
        for w, ward in enumerate(wards):
            for g, group in enumerate(groups):
                i = (p * 40 + w) * 4 + g
                if i % 37 == 0:  # a suppressed cell: a marker and no numbers at all
                    rows.append(["PCT_IND", period, ward, group, "[c]", "", "", "", ""])
                elif i % 11 == 0:  # a value with no numerator, denominator or limits
                    rows.append(["PCT_IND", period, ward, group, f"{(i % 90) * scale:.1f}",
                                 "", "", "", ""])
                else:
                    value = (i % 90) * scale
                    rows.append(["PCT_IND", period, ward, group, f"{value:.1f}", i % 90, 100,
                                 f"{max(0.0, value - 1):.1f}", f"{value + 1:.1f}"])
    return rows


@pytest.fixture
def small_bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "BULK_ROWS", 100)
    monkeypatch.setattr(commit, "INSERT_BATCH", 150)  # several grids, each with a remainder


def test_a_large_import_stores_every_value_exactly(store: Store, tmp_path: Path,
                                                   small_bulk: None) -> None:
    seed_definitions(store, tmp_path)
    before = _indexes(store.conn)
    rows = _rows(store, ["2024 Q1", "2024 Q2"])  # 320 rows: 150 + 150 + 20, none a multiple of 80
    result = imp(store, write_csv(tmp_path / "big.csv", rows))
    assert result.status == "ok", result.message
    assert result.inserted == 320
    assert _indexes(store.conn) == before  # dropped and built again, the same
    stored = {tuple(r[:4]): r[4:] for r in current_obs(store.conn)}
    assert len(stored) == 320
    codes = dict(store.conn.execute("SELECT label, code FROM ethnic_group"))
    for row in rows[1:]:
        key = ("PCT_IND", row[2], row[1], codes[row[3]])
        value, numerator, denominator, lower, upper, marker = stored[key]
        if row[4] == "[c]":
            assert (value, numerator, denominator, lower, upper, marker) == (
                None, None, None, None, None, "[c]")
            continue
        assert marker is None and math.isclose(value, float(str(row[4])))
        if row[5] == "":
            assert (numerator, denominator, lower, upper) == (None, None, None, None)
        else:
            assert (numerator, denominator) == (row[5], row[6])
            assert (lower, upper) == (float(str(row[7])), float(str(row[8])))
    imports = {r[0] for r in store.conn.execute("SELECT DISTINCT import_id FROM observation"
                                                " WHERE indicator_code = 'PCT_IND'")}
    assert imports == {result.import_id}
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_revision_after_a_large_import_supersedes_through_the_rebuilt_index(
        store: Store, tmp_path: Path, small_bulk: None) -> None:
    seed_definitions(store, tmp_path)
    assert imp(store, write_csv(tmp_path / "q.csv", _rows(store, ["2024 Q1"]))).status == "ok"
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT row_id FROM observation WHERE superseded_by IS NULL"
        " AND indicator_code = 'PCT_IND' AND area_code = 'x' AND period = 'y'"
        " AND group_code = 'z'").fetchall()
    assert "observation_current" in str(plan)
    revised = imp(store, write_csv(tmp_path / "r.csv", _rows(store, ["2024 Q1"], scale=0.5)))
    assert revised.status == "ok"
    assert revised.updated + revised.unchanged == 160 and revised.updated > 100
    history = store.conn.execute("SELECT count(*) FROM observation WHERE superseded_by = ?",
                                 (revised.import_id,)).fetchone()[0]
    assert history == revised.updated


def test_a_failure_while_rebuilding_leaves_the_store_as_it_was(
        store: Store, tmp_path: Path, small_bulk: None) -> None:
    seed_definitions(store, tmp_path)
    before, indexes = checksum(store), _indexes(store.conn)
    row = ("PCT_IND", "E08000025", "2024 Q1", "ALL")
    with pytest.raises(sqlite3.IntegrityError), \
            store.write("test", foreign_keys=False) as conn:
        conn.execute("INSERT OR IGNORE INTO period VALUES ('2024 Q1', 'quarter',"
                     " '2024-01-01', '2024-03-31')")
        with bulk.indexes_rebuilt(conn, 1000):
            assert _indexes(conn) == [i for i in indexes if i[0] == "observation_import"]
            for _ in range(2):  # the same current observation twice: the unique index fails
                conn.execute("INSERT INTO observation(indicator_code, area_code, period,"
                             " group_code, import_id) VALUES (?, ?, ?, ?, 1)", row)
    assert checksum(store) == before
    assert _indexes(store.conn) == indexes


def _withheld(conn: sqlite3.Connection) -> dict[tuple[str, str, str, str], int]:
    return {tuple(r[:4]): r[4] for r in conn.execute(
        "SELECT indicator_code, area_code, period, group_code, withheld FROM observation"
        " WHERE superseded_by IS NULL")}


def _imported_flags(tmp_path: Path, n: int) -> dict[tuple[str, str, str, str], int]:
    """The withheld flags after importing two quarters' rows into a new store."""
    with Store.open(tmp_path / f"s{n}.sqlite") as store:
        seed_definitions(store, tmp_path)
        rows = _rows(store, ["2024 Q1", "2024 Q2"])
        result = imp(store, write_csv(tmp_path / f"big{n}.csv", rows))
        assert result.status == "ok", result.message
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return _withheld(store.conn)


def test_a_large_import_withholds_the_same_figures_as_a_small_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The large path (indexes dropped and built again, many rows to a statement) writes the
    same withheld flags as the small one."""
    flags = []
    for n, bulk_rows in enumerate((10**9, 100)):
        monkeypatch.setattr(bulk, "BULK_ROWS", bulk_rows)
        flags.append(_imported_flags(tmp_path, n))
    assert len(flags[0]) == 320
    assert flags[0] == flags[1]
    assert sum(flags[1].values()) > 0  # figures withheld beside the [c] cells


def test_rows_grouped_by_their_empty_cells_keep_every_value_in_its_column() -> None:
    from mag_desktop.core.store import bulk_write

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t(a, b, c, d)")
    rows = [("x", 1.5, None, "m"), ("y", None, None, None), (None, 2.5, 7, "n"),
            ("z", 3.5, 8, "o"), ("w", None, None, None)] * 300  # several statements a group
    grid = np.empty((len(rows), 4), dtype=object)
    grid[:] = rows
    empty = np.array([[v is None for v in r] for r in rows])
    bulk_write.insert_grid(conn, None, ("a", "b", "c", "d"), grid, table="t", empty=empty)
    assert sorted(conn.execute("SELECT a, b, c, d FROM t").fetchall(),
                  key=repr) == sorted(rows, key=repr)


def test_a_grid_of_the_validated_rows_marks_only_empty_cells() -> None:
    import pandas as pd

    rows = pd.DataFrame({
        "indicator": ["A", "B"], "area_code": ["E1", "E2"], "period": ["2024", "2024"],
        "group_code": ["ALL", "ALL"], "value": [1.0, np.nan], "numerator": [np.nan, np.nan],
        "denominator": [2.0, np.nan], "lower": [np.nan, np.nan], "upper": [np.nan, np.nan],
        "marker": [None, "[c]"], "group_label": ["All", "All"],
        "limits_source": ["supplied", None]})
    grid, empty = bulk.grid_of(rows)
    assert grid.shape == empty.shape == (2, len(bulk.FRAME_COLUMNS))
    for i in range(2):  # None or NaN (pandas' strings keep a missing text as NaN): SQL NULL
        assert [c is None or c != c for c in grid[i]] == empty[i].tolist()
    assert grid[1, bulk.FRAME_COLUMNS.index("withheld")] == 0


def test_a_large_file_has_its_flags_worked_out_by_a_worker_process_alike(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file large enough for a worker process to stand by gets the same withheld flags from
    it as from threads of the importing process, and the worker is gone afterwards."""
    from mag_desktop.core.disclosure import worker
    from mag_desktop.core.ingest import service

    served: list[int] = []
    here_too: list[int] = []  # the flags worked out in this process after all
    submit = worker.Worker.submit

    def counted(self: worker.Worker, frame: Any, args: Any, here: Any) -> Any:
        served.append(len(frame))
        return submit(self, frame, args, lambda rows: here_too.append(len(rows)) or here(rows))

    monkeypatch.setattr(worker.Worker, "submit", counted)
    monkeypatch.setattr(bulk, "BULK_ROWS", 100)
    flags = []
    for n, large in enumerate((10**12, 0)):
        monkeypatch.setattr(service, "LARGE_FILE_BYTES", large)
        flags.append(_imported_flags(tmp_path, n))
    assert served == [320] and here_too == []  # the second import only, by the worker
    assert flags[0] == flags[1] and sum(flags[1].values()) > 0
    deadline = time.monotonic() + 30  # it ends on its own, a moment after the import

    def workers() -> list[str]:
        return [c.name for c in multiprocessing.active_children() if c.name == "mag-disclosure"]

    while workers() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not workers()
