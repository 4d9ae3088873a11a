"""UK conventions at import: every GSS marker and its older bare form, DfE periods read with
their time_identifier, and what each translation changed reported once with its count."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import OBS, current_obs, imp, obs, write_csv

from mag_desktop.core.store import Store
from mag_desktop.core.vocab import confidential_markers, match_marker, suppression_markers

KINDS = {"[c]": "confidential", "c": "confidential", "*": "confidential", "!": "confidential",
         "[x]": "missing", "x": "missing", "[z]": "missing", "z": "missing", ":": "missing",
         "..": "missing", "-": "missing", "[w]": "missing",
         "[u]": "unreliable", "u": "unreliable", "[low]": "unreliable", "~": "unreliable"}


@pytest.mark.parametrize(("cell", "marker"), [
    ("[w]", "[w]"), ("x", "x"), ("X", "x"), (" z ", "z"), ("u", "u"), ("~", "~"), ("!", "!"),
    ("[low]", "[low]"), (":", ":"), ("[C]", "[c]")])
def test_every_marker_is_recognised(cell: str, marker: str) -> None:
    assert match_marker(cell) == marker


def test_every_marker_has_an_honest_kind() -> None:
    import csv

    from mag_desktop.paths import resource_path
    with resource_path("reference", "suppression_markers.csv").open(encoding="utf-8") as f:
        kinds = {r["marker"]: r["kind"] for r in csv.DictReader(f)}
    for marker, kind in KINDS.items():
        assert kinds[marker] == kind, marker
    assert {"[c]", "c", "*", "!"} <= confidential_markers()
    assert not {"x", "z", "u", "~", "[w]"} & confidential_markers()
    assert "no data" in suppression_markers()["[w]"]


def test_bare_dfe_markers_are_stored_as_markers(seeded: Store, tmp_path: Path) -> None:
    rows = [obs(group=g, value=v) for g, v in
            (("Pakistani", "x"), ("Indian", "z"), ("Bangladeshi", "u"), ("Chinese", "[w]"))]
    result = imp(seeded, write_csv(tmp_path / "m.csv", [OBS, *rows]))
    assert result.status == "ok", [i.line() for i in result.errors]
    markers = {r[3]: r[9] for r in current_obs(seeded.conn)}
    assert markers == {"ASIAN_PAKISTANI": "x", "ASIAN_INDIAN": "z", "ASIAN_BANGLADESHI": "u",
                       "ASIAN_CHINESE": "[w]"}


DFE = ["time_period", "time_identifier", "Indicator ID", "Area code", "Ethnic group", "Value"]


def _dfe(identifier: str | None, *periods: str) -> list[list[object]]:
    head = DFE if identifier is not None else [h for h in DFE if h != "time_identifier"]
    rows: list[list[object]] = [head]
    for k, period in enumerate(periods):
        group = ("Pakistani", "Indian", "Bangladeshi", "Chinese")[k]
        cells = [period, identifier, "CNT_IND", "E08000025", group, str(10 + k)]
        rows.append([c for c in cells if c is not None])
    return rows


def test_dfe_academic_years_are_academic_years(seeded: Store, tmp_path: Path) -> None:
    result = imp(seeded, write_csv(tmp_path / "a.csv", _dfe("Academic year", "201617")))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert {r[2] for r in current_obs(seeded.conn)} == {"2016/17 academic year"}
    kind = seeded.conn.execute("SELECT kind, start_date, end_date FROM period "
                               "WHERE label = '2016/17 academic year'").fetchone()
    assert tuple(kind) == ("ayear", "2016-09-01", "2017-08-31")
    assert not [w for w in result.warnings if w.rule == "period-dfe"]


def test_dfe_financial_years_follow_the_time_identifier(seeded: Store, tmp_path: Path) -> None:
    result = imp(seeded, write_csv(tmp_path / "f.csv", _dfe("Financial year", "201617")))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert {r[2] for r in current_obs(seeded.conn)} == {"2016/17"}


def test_without_a_time_identifier_academic_is_the_default_and_said_once(
        seeded: Store, tmp_path: Path) -> None:
    result = imp(seeded, write_csv(tmp_path / "d.csv", _dfe(None, "201617", "201617", "201617")))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert {r[2] for r in current_obs(seeded.conn)} == {"2016/17 academic year"}
    notes = [w for w in result.warnings if w.rule == "period-dfe"]
    assert len(notes) == 1
    assert notes[0].message == ("read 201617 as the academic year 2016/17 (September to "
                                "August): the file has no time_identifier to say otherwise: "
                                "3 rows")


def test_a_slashed_year_is_academic_only_where_the_file_says_so(
        seeded: Store, tmp_path: Path) -> None:
    rows = _dfe("Academic year", "2016/17")
    rows += [["2016/17", "", "CNT_IND", "E08000025", "Indian", "7"]]
    result = imp(seeded, write_csv(tmp_path / "s.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    periods = {r[3]: r[2] for r in current_obs(seeded.conn)}
    assert periods == {"ASIAN_PAKISTANI": "2016/17 academic year", "ASIAN_INDIAN": "2016/17"}
