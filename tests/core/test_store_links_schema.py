"""Schema version 3: each commitment update keeps the indicators it aims to move, and a store
made at version 2 (with commitments already in it) moves to it with its updates unlinked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import storefill as sf

from mag_desktop.core.domain import IndicatorLink, LinkAim
from mag_desktop.core.links.codec import links_to_json
from mag_desktop.core.query.commitments import commitment_detail
from mag_desktop.core.store import Store, maintenance, shape
from mag_desktop.core.store.schema import MIGRATIONS, SCHEMA_VERSION

LINK = IndicatorLink("CLAIMANT_RATE", "BLACK_CARIBBEAN", "WHITE_BRITISH", LinkAim.NARROW)


def _store_at_version_2(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:2]:
        migration(conn)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("BEGIN")
    import_id = sf.add_import(conn, "commitments.xlsx", kind="commitments")
    sf.add_commitment(conn, import_id, "BHM-1", authority=sf.BIRMINGHAM)
    sf.add_update(conn, import_id, "BHM-1", "2025 Q4", "ON_TRACK", narrative="Going well")
    sf.finish(conn)
    conn.execute("COMMIT")
    assert shape.fault(conn, 2) is None
    conn.close()


def test_a_store_made_at_version_2_migrates_with_its_updates_unlinked(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite"
    _store_at_version_2(path)
    with Store.open(path) as store:
        assert SCHEMA_VERSION == 3 and store.schema_version == SCHEMA_VERSION
        assert shape.fault(store.conn, SCHEMA_VERSION) is None
        detail = commitment_detail(store.conn, "BHM-1")
        assert detail.status == "ON_TRACK" and detail.narrative == "Going well"
        assert detail.links == () and detail.history[0].links == ()
        stored = store.conn.execute("SELECT links FROM commitment_update").fetchall()
        assert stored == [("[]",)]


def test_the_latest_update_gives_the_links_and_each_quarter_keeps_its_own(store: Store) -> None:
    with store.write() as conn:
        import_id = sf.add_import(conn, "commitments.xlsx", kind="commitments")
        for code in ("CLAIMANT_RATE", "YJ_FTE"):
            sf.add_indicator(conn, import_id, code)
        sf.add_commitment(conn, import_id, "BHM-1", authority=sf.BIRMINGHAM)
        sf.add_update(conn, import_id, "BHM-1", "2025 Q4", "ON_TRACK")
        sf.add_update(conn, import_id, "BHM-1", "2026 Q1", "AT_RISK")
        conn.execute("UPDATE commitment_update SET links = ? WHERE quarter = '2026 Q1'",
                     (links_to_json([LINK, IndicatorLink("YJ_FTE", aim=LinkAim.LOWER)]),))
        sf.finish(conn)
    detail = commitment_detail(store.conn, "BHM-1")
    assert detail.links == (LINK, IndicatorLink("YJ_FTE", aim=LinkAim.LOWER))
    assert [h.links for h in detail.history] == [(), detail.links]


def test_a_backup_made_at_version_2_restores_and_migrates(store: Store, tmp_path: Path) -> None:
    backup = tmp_path / "v2-backup.sqlite"
    _store_at_version_2(backup)
    assert maintenance.check_backup(backup) == 2
    maintenance.restore(store, backup)
    assert store.schema_version == SCHEMA_VERSION
    assert shape.fault(store.conn, SCHEMA_VERSION) is None
    assert commitment_detail(store.conn, "BHM-1").links == ()
