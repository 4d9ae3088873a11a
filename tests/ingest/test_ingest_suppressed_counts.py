"""A count the publisher suppressed suppresses its row: the value beside it would give it away."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import OBS, current_obs, imp, issue_for, obs, seed_definitions, write_csv

from mag_desktop.core.store import Store


def test_a_suppressed_numerator_suppresses_the_value_too(store: Store, tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    path = write_csv(tmp_path / "q.csv", [
        OBS,
        obs("PCT_IND", "2024 Q1", "E08000025", "Pakistani", "2.1", "[c]", "238"),
        obs("PCT_IND", "2024 Q1", "E08000025", "Indian", "4.0", "8", "200"),
    ])
    result = imp(store, path)
    assert result.status == "ok", result.message
    warning = issue_for(result, "suppressed-count", "warning")
    assert warning.row == 2 and warning.value == "[c]" and "numerator" in warning.message
    rows = {r[3]: r for r in current_obs(store.conn)}
    pakistani = rows["ASIAN_PAKISTANI"]
    assert "[c]" in pakistani and 2.1 not in pakistani and 238.0 not in pakistani
    assert 4.0 in rows["ASIAN_INDIAN"]
