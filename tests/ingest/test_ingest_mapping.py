"""Column mapping: aliases, wide layouts (by ethnic group, by period), and profiles reused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import current_obs, imp, write_csv, write_xlsx

from mag_desktop.cli import main
from mag_desktop.core.ingest.mapping import match_header
from mag_desktop.core.ingest.profile import load_profile
from mag_desktop.core.store import Store


@pytest.mark.parametrize(("header", "field"), [
    ("LA", "area_name"), ("la", "area_name"), ("Local authority", "area_name"),
    ("LOCAL  AUTHORITY", "area_name"), ("local_authority", "area_name"),
    ("Local-Authority", "area_name"), ("geography code", "area_code"),
    ("Geography_Code", "area_code"), ("Area name", "area_name"), ("AREA NAME:", "area_name"),
    ("Ethnicity", "ethnic_group"), (" ethnicity ", "ethnic_group"), ("Time period", "period"),
    ("Lower 95% CI", "lower"), ("UCL", "upper"), ("obs_value", "value"),
])
def test_observation_aliases_ignore_case_spacing_and_punctuation(header: str,
                                                                 field: str) -> None:
    assert match_header("observations", header) == field


@pytest.mark.parametrize(("header", "field"), [
    ("LA", "authority"), ("Local Authority", "authority"), ("RAG status", "status"),
    ("Action ref.", "commitment_id"), ("Lead body", "lead"), ("Deadline", "due_date"),
])
def test_commitment_aliases(header: str, field: str) -> None:
    assert match_header("commitments", header) == field


def test_aliased_headers_import(seeded: Store, tmp_path: Path) -> None:
    rows = [["indicator code", "TIME PERIOD", "Geography Code", "Area-Name", "ETHNICITY",
             "Obs. value"],
            ["CNT_IND", "2024 Q1", "E08000025", "Birmingham", "Pakistani", "5"],
            ["CNT_IND", "2024 Q1", "", "coventry", "Asian - Indian", "6"]]
    result = imp(seeded, write_csv(tmp_path / "aliases.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert [r[1:5] for r in current_obs(seeded.conn)] == [
        ("E08000025", "2024 Q1", "ASIAN_PAKISTANI", 5.0),
        ("E08000026", "2024 Q1", "ASIAN_INDIAN", 6.0)]


def test_wide_by_ethnic_group_nomis_headers(seeded: Store, tmp_path: Path) -> None:
    rows = [["date", "geography", "geography code",
             "Ethnic group: Total: All usual residents",
             "Ethnic group: Asian, Asian British or Asian Welsh: Pakistani",
             "Ethnic group: Black, Black British, Black Welsh, Caribbean or African: Caribbean",
             "Ethnic group: Other ethnic group: Arab"],
            ["2021", "Aston", "E05011121", 100, 40, 10, "[c]"],
            ["2021", "Bablake", "E05001218", 50, 20, 5, 1]]
    path = write_csv(tmp_path / "nomis.csv", rows)
    from mag_desktop.core.ingest.profile import Profile

    result = imp(seeded, path, profile=Profile(constants={"indicator_id": "CNT_IND"}))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert result.plan is not None and result.plan.main is not None
    assert result.plan.main.mapping.wide == "ethnic_group"
    assert result.rows_read == 2 and result.inserted == 8
    got = {(r[1], r[3]): r[4] for r in current_obs(seeded.conn)}
    assert got[("E05011121", "ALL")] == 100.0
    assert got[("E05011121", "ASIAN_PAKISTANI")] == 40.0
    assert got[("E05011121", "BLACK_CARIBBEAN")] == 10.0
    assert got[("E05011121", "OTHER_ARAB")] is None
    assert got[("E05001218", "OTHER_ARAB")] == 1.0


def test_wide_by_period(seeded: Store, tmp_path: Path) -> None:
    rows = [["Indicator ID", "Area name", "Ethnic group", "2024 Q1", "2024 Q2", "2024 Q3"],
            ["CNT_IND", "Birmingham", "Pakistani", "1", "2", "3"],
            ["CNT_IND", "Coventry", "Indian", "4", "[c]", "6"]]
    result = imp(seeded, write_csv(tmp_path / "by-quarter.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert result.plan is not None and result.plan.main is not None
    assert result.plan.main.mapping.wide == "period"
    assert [(r[1], r[2], r[4], r[9]) for r in current_obs(seeded.conn)] == [
        ("E08000025", "2024 Q1", 1.0, None), ("E08000025", "2024 Q2", 2.0, None),
        ("E08000025", "2024 Q3", 3.0, None), ("E08000026", "2024 Q1", 4.0, None),
        ("E08000026", "2024 Q2", None, "[c]"), ("E08000026", "2024 Q3", 6.0, None)]


def test_wide_by_period_reports_the_cell_of_a_bad_value(seeded: Store, tmp_path: Path) -> None:
    rows = [["Indicator ID", "Area name", "Ethnic group", "2024 Q1", "2024 Q2"],
            ["CNT_IND", "Birmingham", "Pakistani", "1", "two"]]
    result = imp(seeded, write_csv(tmp_path / "by-quarter.csv", rows))
    assert result.status == "rejected"
    issue = result.errors[0]
    assert (issue.row, issue.column, issue.header, issue.value) == (2, "E", "2024 Q2", "two")


ODD = ["Ind", "When", "Where", "Who", "How many"]


def _odd_rows(period: str, area: str, group: str, value: str) -> list[list[str]]:
    return [["Partner return"], ODD, ["CNT_IND", period, area, group, value]]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_profile_round_trip(seeded: Store, store_path: Path, tmp_path: Path, suffix: str,
                            capsys: pytest.CaptureFixture[str]) -> None:
    """--save-profile writes the mapping used; --profile reuses it next quarter."""
    def write(name: str, rows: list[list[str]]) -> Path:
        if suffix == "csv":
            return write_csv(tmp_path / f"{name}.csv", rows)
        return write_xlsx(tmp_path / f"{name}.xlsx", {"Return": rows})

    first = tmp_path / "first.json"
    first.write_text(json.dumps({"profile": 1, "columns": {
        "Ind": "indicator_id", "When": "period", "Where": "area_name", "Who": "ethnic_group",
        "How many": "value"}}), encoding="utf-8")
    saved = tmp_path / "saved.json"
    seeded.close()
    q1 = write("return-q1", _odd_rows("2024 Q1", "Birmingham", "Pakistani", "5"))
    code = main(["import", str(q1), "--json", "--store", str(store_path), "--profile",
                 str(first), "--save-profile", str(saved)])
    assert code == 0, capsys.readouterr().out
    capsys.readouterr()
    profile = load_profile(saved)
    assert profile.kind == "indicators"
    assert profile.columns == {"Ind": "indicator_id", "When": "period", "Where": "area_name",
                               "Who": "ethnic_group", "How many": "value"}
    q2 = write("return-q2", _odd_rows("2024 Q2", "Coventry", "Indian", "6"))
    code = main(["import", str(q2), "--json", "--store", str(store_path), "--profile",
                 str(saved)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out["message"]
    assert out["inserted"] == 1
    with Store.open(store_path) as store:
        assert [r[1:5] for r in current_obs(store.conn)] == [
            ("E08000025", "2024 Q1", "ASIAN_PAKISTANI", 5.0),
            ("E08000026", "2024 Q2", "ASIAN_INDIAN", 6.0)]


def test_without_the_profile_the_odd_layout_is_refused_naming_expected_columns(
        seeded: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "odd.csv", _odd_rows("2024 Q1", "Birmingham", "Pakistani", "5"))
    result = imp(seeded, path)
    assert result.status == "rejected"
    for expected in ("Indicator ID", "Period", "Ethnic group", "Value", "--profile"):
        assert expected in result.message
