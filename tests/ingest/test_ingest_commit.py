"""Commit: dry runs, repeated files, history kept, quarterly updates, the log, and undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import (
    COMMIT,
    OBS,
    checksum,
    commitment,
    current_obs,
    data_tables,
    imp,
    obs,
    write_csv,
)

from mag_desktop.cli import main
from mag_desktop.core.errors import MagError
from mag_desktop.core.ingest.history import list_imports, undo_import
from mag_desktop.core.store import Store


def _first(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "q1.csv", [OBS[:5], obs(area="E08000025", value="5"),
                                           obs(area="E08000026", value="6")])


def _revised(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "q1-revised.csv", [OBS[:5], obs(area="E08000025", value="50"),
                                                   obs(area="E08000026", value="6"),
                                                   obs(area="E08000027", value="7")])


def test_dry_run_reports_new_changed_unchanged_and_writes_nothing(seeded: Store,
                                                                  tmp_path: Path) -> None:
    assert imp(seeded, _first(tmp_path)).status == "ok"
    before = checksum(seeded)
    result = imp(seeded, _revised(tmp_path), dry_run=True)
    assert result.status == "ok" and result.dry_run
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 1)
    assert result.import_id is None
    assert checksum(seeded) == before
    # and the dry run does not count as an import of that file
    real = imp(seeded, _revised(tmp_path))
    assert real.status == "ok" and (real.inserted, real.updated, real.unchanged) == (1, 1, 1)


def test_the_same_file_twice_is_refused_politely(seeded: Store, tmp_path: Path) -> None:
    path = _first(tmp_path)
    first = imp(seeded, path)
    before = checksum(seeded)
    again = imp(seeded, path)
    assert again.status == "rejected"
    assert "already imported" in again.message and f"import {first.import_id}" in again.message
    assert "nothing to do" in again.message
    assert checksum(seeded) == before
    copy = tmp_path / "renamed copy.csv"  # judged by content, not by name
    copy.write_bytes(path.read_bytes())
    assert "already imported" in imp(seeded, copy).message


def test_a_newer_value_supersedes_the_old_one_which_is_kept(seeded: Store,
                                                           tmp_path: Path) -> None:
    first = imp(seeded, _first(tmp_path))
    second = imp(seeded, _revised(tmp_path))
    rows = seeded.conn.execute(
        "SELECT area_code, value, import_id, superseded_by FROM observation ORDER BY row_id"
    ).fetchall()
    assert rows == [("E08000025", 5.0, first.import_id, second.import_id),
                    ("E08000026", 6.0, first.import_id, None),
                    ("E08000025", 50.0, second.import_id, None),
                    ("E08000027", 7.0, second.import_id, None)]
    assert [(r[1], r[4]) for r in current_obs(seeded.conn)] == [
        ("E08000025", 50.0), ("E08000026", 6.0), ("E08000027", 7.0)]


def test_a_commitments_import_adds_one_update_per_commitment_for_its_quarter(
        store: Store, tmp_path: Path) -> None:
    q1 = write_csv(tmp_path / "c-q1.csv", [COMMIT, commitment("C-1"),
                                           commitment("C-2", status="Amber")])
    q2 = write_csv(tmp_path / "c-q2.csv", [COMMIT, commitment("C-1", quarter="2026 Q2"),
                                           commitment("C-2", status="Red", quarter="2026 Q2")])
    assert imp(store, q1).status == "ok"
    second = imp(store, q2)
    assert second.status == "ok", second.errors
    assert (second.inserted, second.updated, second.unchanged) == (2, 0, 0)
    updates = store.conn.execute(
        "SELECT commitment_id, quarter, status, superseded_by FROM commitment_update"
        " ORDER BY commitment_id, quarter").fetchall()
    assert updates == [("C-1", "2026 Q1", "ON_TRACK", None), ("C-1", "2026 Q2", "ON_TRACK", None),
                       ("C-2", "2026 Q1", "AT_RISK", None), ("C-2", "2026 Q2", "OFF_TRACK", None)]
    # the commitments themselves did not change, so they are not copied
    assert store.conn.execute("SELECT count(*) FROM commitment").fetchone()[0] == 2


def test_financial_quarter_is_kept_as_its_calendar_quarter(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [COMMIT, commitment("C-1", quarter="Q1 2026/27")])
    assert imp(store, path).status == "ok"
    assert store.conn.execute("SELECT quarter FROM commitment_update").fetchone()[0] == "2026 Q2"


def test_imports_lists_the_history(seeded: Store, store_path: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    first = imp(seeded, _first(tmp_path))
    second = imp(seeded, _revised(tmp_path))
    records = list_imports(seeded.conn)
    assert [(r.id, r.file_name, r.outcome) for r in records][-2:] == [
        (first.import_id, "q1.csv", "committed"), (second.import_id, "q1-revised.csv",
                                                   "committed")]
    assert (records[-1].inserted, records[-1].updated, records[-1].unchanged) == (1, 1, 1)
    seeded.close()
    assert main(["imports", "--store", str(store_path)]) == 0
    text = capsys.readouterr().out
    assert "q1.csv" in text and "q1-revised.csv" in text and "committed" in text
    assert main(["imports", "--json", "--store", str(store_path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["file_name"] for r in listed][-2:] == ["q1.csv", "q1-revised.csv"]


def test_undo_reverts_exactly_that_import(seeded: Store, tmp_path: Path) -> None:
    imp(seeded, _first(tmp_path))
    before = data_tables(seeded.conn)
    version = seeded.data_version()
    second = imp(seeded, _revised(tmp_path))
    assert second.import_id is not None
    assert data_tables(seeded.conn) != before
    message = undo_import(seeded, second.import_id)
    assert f"undid import {second.import_id}" in message
    assert data_tables(seeded.conn) == before  # every row, history included
    assert seeded.data_version() > version  # the data version moves on, never back
    outcome = seeded.conn.execute("SELECT outcome FROM import_log WHERE id = ?",
                                  (second.import_id,)).fetchone()[0]
    assert outcome == "undone"
    # once undone, the same file may be imported again
    assert imp(seeded, _revised(tmp_path)).status == "ok"


def test_undo_of_a_commitments_import(store: Store, tmp_path: Path) -> None:
    q1 = imp(store, write_csv(tmp_path / "c-q1.csv", [COMMIT, commitment("C-1")]))
    before = data_tables(store.conn)
    q2 = imp(store, write_csv(tmp_path / "c-q2.csv",
                              [COMMIT, commitment("C-1", "Red", title="Renamed"),
                               commitment("C-2")]))
    assert q1.status == q2.status == "ok" and q2.import_id is not None
    undo_import(store, q2.import_id)
    assert data_tables(store.conn) == before


def test_undo_is_refused_naming_the_later_import(seeded: Store, tmp_path: Path) -> None:
    first = imp(seeded, _first(tmp_path))
    second = imp(seeded, _revised(tmp_path))
    assert first.import_id is not None
    before = checksum(seeded)
    with pytest.raises(MagError) as refused:
        undo_import(seeded, first.import_id)
    text = str(refused.value)
    assert f"import {second.import_id} (q1-revised.csv)" in text and "undo those first" in text
    assert checksum(seeded) == before


def test_undo_of_an_unknown_import(seeded: Store) -> None:
    with pytest.raises(MagError, match="there is no import 999"):
        undo_import(seeded, 999)


def test_undo_import_command(seeded: Store, store_path: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    first = imp(seeded, _first(tmp_path))
    second = imp(seeded, _revised(tmp_path))
    seeded.close()
    assert main(["undo-import", str(first.import_id), "--store", str(store_path)]) == 1
    assert f"import {second.import_id} (q1-revised.csv)" in capsys.readouterr().err
    assert main(["undo-import", str(second.import_id), "--store", str(store_path)]) == 0
    assert f"undid import {second.import_id}" in capsys.readouterr().out
