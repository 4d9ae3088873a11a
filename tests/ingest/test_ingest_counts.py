"""The counts of an import add up and are explained: rows read = valid + with errors + left out
(keep_rows, areas outside the WMCA), and the records the valid rows give (definitions and
derived shares on top) = new + changed + unchanged."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import COMMIT, OBS, commitment, imp, obs, write_csv

from mag_desktop.core.ingest.profile import Profile, Shares
from mag_desktop.core.store import Store

DEFINITION = {"indicator_id": "NEW_IND", "name": "A new count", "theme": "Health and wellbeing",
              "unit": "count", "polarity": "No judgement"}


def _rows(indicator: str = "CNT_IND") -> list[list[object]]:
    rows: list[list[object]] = [[*OBS[:5], "Gender"]]
    for group, value in (("All", 40), ("Pakistani", 10), ("Indian", 30)):
        rows.append([*obs(indicator, group=group, value=value)[:5], "Total"])
        rows.append([*obs(indicator, group=group, value=value // 2)[:5], "Male"])
    rows.append([*obs(indicator, area="E08000034", group="Indian", value=3)[:5], "Total"])
    return rows


def test_indicator_counts_add_up_and_say_why(seeded: Store, tmp_path: Path) -> None:
    profile = Profile(keep_rows={"Gender": ["Total"]}, definitions=[DEFINITION])
    result = imp(seeded, write_csv(tmp_path / "i.csv", _rows("NEW_IND")), profile=profile)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert (result.rows_read, result.rows_valid, result.rows_invalid, result.rows_skipped) == (
        7, 3, 0, 4)
    assert result.rows_read == result.rows_valid + result.rows_invalid + result.rows_skipped
    assert (result.records, result.inserted) == (4, 4)  # 3 observations and the definition
    left, = [w for w in result.warnings if w.rule == "keep-rows"]
    assert left.message == "left out the rows whose 'Gender' is not 'Total': 3 rows"
    assert result.accounting == (
        "7 rows read = 3 valid + 0 with errors + 4 left out with a warning (3 of them by the "
        "profile's keep_rows); the valid rows give 3 observations + 1 indicator definition "
        "= 4 records = 4 new + 0 changed + 0 unchanged")
    assert result.accounting in result.message


def test_derived_shares_are_counted_apart(seeded: Store, tmp_path: Path) -> None:
    profile = Profile(keep_rows={"Gender": ["Total"]},
                      shares=Shares(indicator_id="PCT_IND"))
    result = imp(seeded, write_csv(tmp_path / "s.csv", _rows()), profile=profile)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert (result.rows_valid, result.records, result.inserted) == (3, 6, 6)
    assert "3 observations + 3 shares derived from them = 6 records = 6 new" in result.accounting


def test_rejected_rows_are_counted_once(seeded: Store, tmp_path: Path) -> None:
    rows = _rows()
    rows[1][4] = "lots"  # an error in a row keep_rows keeps
    rows[2][4] = "many"  # and in one it leaves out: never read, never reported
    result = imp(seeded, write_csv(tmp_path / "r.csv", rows),
                 profile=Profile(keep_rows={"Gender": ["Total"]}))
    assert result.status == "rejected"
    assert (result.rows_read, result.rows_valid, result.rows_invalid, result.rows_skipped) == (
        7, 2, 1, 4)
    assert {e.row for e in result.errors} == {2}


def test_commitment_counts_add_up(store: Store, tmp_path: Path) -> None:
    header = [*COMMIT, "Programme"]
    rows = [[*commitment(f"C-{k}"), "Race equality" if k % 3 else "Estates"] for k in range(9)]
    result = imp(store, write_csv(tmp_path / "c.csv", [header, *rows]),
                 profile=Profile(keep_rows={"Programme": ["Race equality"]}))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert (result.rows_read, result.rows_valid, result.rows_skipped, result.inserted) == (
        9, 6, 3, 6)
    left, = [w for w in result.warnings if w.rule == "keep-rows"]
    assert left.message == "left out the rows whose 'Programme' is not 'Race equality': 3 rows"
    assert result.accounting.startswith(
        "9 rows read = 6 valid + 0 with errors + 3 left out with a warning (3 of them by the "
        "profile's keep_rows); the valid rows give 6 commitment updates = 6 records = 6 new")
