"""Status words that change meaning (a colour convention, a near-synonym) are reported once with
their count; the standard RAG colours and the statuses' own names are read silently."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import COMMIT, commitment, imp, write_csv

from mag_desktop.core.store import Store


def test_colour_conventions_and_near_synonyms_are_reported(store: Store, tmp_path: Path) -> None:
    words = {"Blue": 12, "Grey": 2, "Gray": 1, "B": 1, "Cancelled": 3, "Canceled": 1,
             "Closed - complete": 2, "Green": 4, "G": 1, "Amber": 2, "A": 1, "Red": 2, "R": 1,
             "On track": 2, "Complete": 1}
    rows, k = [], 0
    for word, n in words.items():
        for _ in range(n):
            row = commitment(f"C-{k}", status=word)
            row.append("No longer funded" if word in ("Cancelled", "Canceled") else "")
            rows.append(row)
            k += 1
    result = imp(store, write_csv(tmp_path / "c.csv", [[*COMMIT, "Reason"], *rows]))
    assert result.status == "ok", [i.line() for i in result.errors]
    lines = sorted(w.message for w in result.warnings if w.rule == "status-read-as")
    assert lines == sorted([
        "read 'Blue' as Complete: 12 rows", "read 'Grey' as Not started: 2 rows",
        "read 'Gray' as Not started: 1 row", "read 'B' as Complete: 1 row",
        "read 'Cancelled' as Withdrawn: 3 rows", "read 'Canceled' as Withdrawn: 1 row",
        "read 'Closed - complete' as Complete: 2 rows"])
    statuses = dict(store.conn.execute("SELECT status, COUNT(*) FROM commitment_update"
                                       " GROUP BY status").fetchall())
    assert statuses == {"COMPLETE": 12 + 1 + 2 + 1, "NOT_STARTED": 3, "WITHDRAWN": 4,
                        "ON_TRACK": 4 + 1 + 2, "AT_RISK": 3, "OFF_TRACK": 3}
