"""The import log and the pack log, through their owner modules on a real store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from mag_desktop.core.store import Store, import_log, pack_log, versions
from mag_desktop.core.store.import_log import Contents


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "store.sqlite")
    yield opened  # type: ignore[misc]
    opened.close()


def _begin(conn: sqlite3.Connection, name: str, sha: str = "a" * 64,
           sheet: str | None = "Data") -> int:
    return import_log.begin(
        conn, file_name=name, sha256=sha, kind="indicators", sheet=sheet, period=None,
        rows_read=3, rows_valid=3, started_at="2025-01-02T10:00:00", os_user="clerk",
        backup_path="/backups/before.sqlite")


def test_contents_round_trip_and_are_read_in_one_place() -> None:
    found = {"EMP": ["2024 Q3", "2024 Q4"], "commitment:C-001": ["2024 Q4"]}
    contents = Contents.of(found, confirms=[7, 3])
    assert contents.indicators == {"EMP": ("2024 Q3", "2024 Q4")}
    assert contents.commitments == {"C-001": ("2024 Q4",)}
    assert contents.confirms == (3, 7)
    text = contents.to_json()
    # The JSON the log has always held: indicators, "commitment:ID" keys and "_confirms".
    assert json.loads(text) == {**found, "_confirms": [3, 7]}
    assert Contents.from_json(text) == contents
    assert Contents.from_json(None) == Contents.from_json("{}") == Contents()
    assert Contents.from_json("not json") == Contents()  # an unreadable entry holds nothing


def test_an_import_begun_finished_found_and_undone(store: Store) -> None:
    with store.write() as conn:
        first = _begin(conn, "q3.xlsx")
        version = store.bump_data_version(conn)
        import_log.finish(conn, first, inserted=3, updated=0, unchanged=0,
                          finished_at="2025-01-02T10:00:05", data_version=version,
                          contents=Contents.of({"EMP": ["2024 Q3"]}))
    with store.write() as conn:
        second = _begin(conn, "q4.xlsx", sha="b" * 64, sheet=None)
        import_log.finish(conn, second, inserted=0, updated=0, unchanged=3,
                          finished_at="2025-01-03T09:00:00",
                          data_version=store.bump_data_version(conn),
                          contents=Contents.of({"EMP": ["2024 Q3"]}, confirms=[first]))
    with store.read() as conn:
        assert [e.id for e in import_log.committed_with_sha256(conn, "a" * 64)] == [first]
        assert import_log.committed_with_sha256(conn, "a" * 64)[0].sheet == "Data"
        assert import_log.committed_with_sha256(conn, "c" * 64) == []
        later = import_log.later_committed(conn, first)
        assert [(i, c.confirms) for i, c in later] == [(second, (first,))]
        # the later import restated the first one's rows: undoing the first is refused
        assert versions.dependants(conn, first) == [second]
        assert import_log.last_committed(conn) == ("2025-01-03T09:00:00", "q4.xlsx")
        assert import_log.count_committed(conn) == 2
        assert import_log.file_names(conn, [first, second]) == {first: "q3.xlsx",
                                                                 second: "q4.xlsx"}
        assert import_log.committed_since(conn, "2025-01-03") == [second]
    with store.write() as conn:
        import_log.mark_undone(conn, second, "undone at data version 3")
    with store.read() as conn:
        history = import_log.history(conn)
        assert [(r.file_name, r.outcome, r.sheet) for r in history] == [
            ("q3.xlsx", "committed", "Data"), ("q4.xlsx", "undone", "")]
        assert import_log.name_and_outcome(conn, second) == ("q4.xlsx", "undone")
        assert import_log.name_and_outcome(conn, 99) is None
        assert import_log.count_committed(conn) == 1
        assert import_log.later_committed(conn, first) == []


def test_packs_recorded_listed_newest_first_and_their_sha256s(store: Store) -> None:
    entries = [
        pack_log.PackEntry("authority pack", {"audience": "E08000025", "ü": "é"}, 4,
                           "/packs/birmingham.pdf", "1" * 64, 12),
        pack_log.PackEntry("ward pack", {"audience": "E05011118"}, 4,
                           "/packs/aston.pdf", "2" * 64, None),
    ]
    with store.write() as conn:
        pack_log.record(conn, entries, produced_at="2025-02-01T09:30:00", os_user="clerk")
        conn.execute("INSERT INTO pack_log(produced_at, os_user, kind, parameters,"
                     " data_version, file, sha256) VALUES ('x', 'u', 'k', '{broken', 1, 'f',"
                     " '3')")
    with store.read() as conn:
        records = pack_log.packs(conn)
        assert [r.sha256 for r in records] == ["3", "2" * 64, "1" * 64]
        assert records[0].parameters == {"unreadable": "{broken"}  # shown, never dropped
        assert records[2].parameters == {"audience": "E08000025", "ü": "é"}
        assert records[1].pages is None and records[2].pages == 12
        assert [r.sha256 for r in pack_log.packs(conn, limit=1)] == ["3"]
        assert pack_log.logged_sha256s(conn) == {"1" * 64, "2" * 64, "3"}
        assert pack_log.count(conn) == 3
