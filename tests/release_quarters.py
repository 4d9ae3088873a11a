"""A quarter's change to a clerk's store, as its imports would make it: one status changed, a
commitment added, a figure corrected and a new period; for the tests of releases compared."""

from __future__ import annotations

from pathlib import Path

from mag_desktop.core.store import Store

COMMITMENT = "RET-CULTURE-001"


def next_quarter(store_path: Path) -> dict[str, object]:
    """Change the clerk's store as a quarter's imports would; returns what was changed."""
    with Store.open(store_path) as store, store.write() as conn:
        update = conn.execute(
            "SELECT row_id, status FROM commitment_update WHERE commitment_id = ?"
            " AND superseded_by IS NULL ORDER BY quarter DESC LIMIT 1", (COMMITMENT,)).fetchone()
        new_status = "OFF_TRACK" if update[1] != "OFF_TRACK" else "ON_TRACK"
        conn.execute("UPDATE commitment_update SET status = ? WHERE row_id = ?",
                     (new_status, update[0]))
        import_id = conn.execute("SELECT max(id) FROM import_log").fetchone()[0]
        conn.execute("INSERT INTO commitment(id, title, theme_code, lead, import_id) VALUES"
                     " ('RET-NEW-900', 'Mentoring for new councillors', 'CULTURE', 'WMCA', ?)",
                     (import_id,))
        row_id, code, old_value = conn.execute(
            "SELECT row_id, indicator_code, value FROM observation WHERE superseded_by IS NULL"
            " AND withheld = 0 AND marker IS NULL AND value IS NOT NULL LIMIT 1").fetchone()
        conn.execute("UPDATE observation SET value = value + 1 WHERE row_id = ?", (row_id,))
        conn.execute("INSERT INTO period VALUES ('2027 Q1', 'quarter', '2027-01-01',"
                     " '2027-03-31')")
        conn.execute(
            "INSERT INTO observation(indicator_code, period, area_code, group_code, value,"
            " import_id) SELECT indicator_code, '2027 Q1', area_code, group_code, 5, import_id"
            " FROM observation WHERE row_id = ?", (row_id,))
        store.bump_data_version(conn)
    return {"status": new_status, "indicator": code, "before": old_value}
