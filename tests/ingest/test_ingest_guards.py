"""No figure filed silently under another period or column: a profile's constant that a file
column contradicts, a second column for the same field, a DfE period that is not a year."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import OBS, current_obs, imp, issue_for, obs, seed_definitions, write_csv

from mag_desktop.core.ingest.profile import Profile
from mag_desktop.core.store import Store


def test_a_constant_and_a_column_for_the_same_field_is_an_error(store: Store,
                                                                tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    path = write_csv(tmp_path / "q.csv", [OBS[:5], obs(period="2099", area="E08000026")])
    result = imp(store, path, profile=Profile(constants={"period": "2098"}))
    assert result.status == "rejected"
    error = issue_for(result, "constant-and-column")
    assert error.header == "Period" and "2098" in error.message
    assert current_obs(store.conn) == []


def test_a_second_column_for_a_field_is_reported(store: Store, tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    path = write_csv(tmp_path / "q.csv", [[*OBS[:5], "Value"], [*obs(value="5")[:5], "6"]])
    result = imp(store, path)
    assert result.status == "ok", result.message
    warning = issue_for(result, "second-column", "warning")
    assert warning.header == "Value" and "column E" in warning.message


def test_a_dfe_period_that_is_not_a_year_is_not_read_as_one(store: Store,
                                                           tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    rows = [[*OBS[:5], "time_identifier"], [*obs(period="202223")[:5], "Spring term"]]
    result = imp(store, write_csv(tmp_path / "q.csv", rows))
    assert result.status == "rejected"
    assert current_obs(store.conn) == []
    rows[1][-1] = "Academic year"
    result = imp(store, write_csv(tmp_path / "a.csv", rows))
    assert result.status == "ok", result.message
    assert current_obs(store.conn)[0][2] == "2022/23 academic year"


def _groups(store: Store, tmp_path: Path, name: str, labels: list[str]) -> dict[str, str]:
    rows = [OBS[:5], *(obs(group=label, value=str(10 + i))[:5]
                       for i, label in enumerate(labels))]
    result = imp(store, write_csv(tmp_path / name, rows))
    assert result.status == "ok", result.message
    return {r[3]: r[4] for r in current_obs(store.conn) if r[2] == "2024 Q1"}


def test_any_other_groups_are_read_by_what_the_file_reports_beside_them(
        store: Store, tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    # no Arab group and none of Roma, Gypsy or Irish Traveller apart: DfE / 2001 style
    found = _groups(store, tmp_path, "a.csv", ["Any other ethnic group",
                                               "Any other White background", "Indian"])
    assert set(found) == {"OTHER", "WHITE_OTHER_2001", "ASIAN_INDIAN"}
    # with Arab and Roma apart, they are the 2021 groups
    store.conn.execute("DELETE FROM observation")
    found = _groups(store, tmp_path, "b.csv", ["Any other ethnic group", "Arab",
                                               "Any other White background", "Roma"])
    assert {"OTHER_ANY", "OTHER_ARAB", "WHITE_OTHER", "WHITE_ROMA"} <= set(found)
