"""Importing areas of every level: no silent choice across levels, one counted warning for the
areas the store does not hold, retired codes read as their successors only where a lookup says."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from ingest_helpers import (
    checksum,
    current_obs,
    imp,
    issue_for,
    write_csv,
)

from mag_desktop.core.geography import build_geography
from mag_desktop.core.ingest.area_tally import AreaTally
from mag_desktop.core.ingest.profile import Profile, load_profile
from mag_desktop.core.ingest.report import Report
from mag_desktop.core.ingest.resolve import Where, area_decider, resolve_column
from mag_desktop.core.names import AreaResolver
from mag_desktop.core.store import Store

HEADER = ["Indicator ID", "Period", "Area name", "Area type", "Ethnic group", "Value"]
PROFILES = Path(__file__).resolve().parents[2] / "data" / "profiles"


def _row(area: str, area_type: str = "", group: str = "All", value: str = "5") -> list[str]:
    return ["CNT_IND", "2024 Q1", area, area_type, group, value]


def test_west_midlands_by_name_alone_is_refused_naming_every_level(seeded: Store,
                                                                   tmp_path: Path) -> None:
    before = checksum(seeded)
    path = write_csv(tmp_path / "region.csv", [HEADER, _row("West Midlands", value="27060")])
    result = imp(seeded, path)
    assert result.status == "rejected"
    issue = issue_for(result, "area-ambiguous")
    for code in ("E12000005", "E47000007", "E11000005"):
        assert code in issue.message
    assert (issue.row, issue.column, issue.value) == (2, "C", "West Midlands")
    assert checksum(seeded) == before


def test_an_area_type_column_decides(seeded: Store, tmp_path: Path) -> None:
    rows = [HEADER, _row("West Midlands", "Region", value="27060"),
            _row("West Midlands", "Combined authority", value="18000"),
            _row("Birmingham", "Local authority", value="9000")]
    result = imp(seeded, write_csv(tmp_path / "typed.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    stored = {(r[1], r[4]) for r in current_obs(seeded.conn)}
    assert stored == {("E47000007", 18000.0), ("E08000025", 9000.0)}
    warning = issue_for(result, "area-outside", "warning")
    assert "1 region (e.g. West Midlands)" in warning.message


def test_a_profile_constant_decides(seeded: Store, tmp_path: Path) -> None:
    header = ["Indicator ID", "Period", "Area name", "Ethnic group", "Value"]
    path = write_csv(tmp_path / "ca.csv", [header, ["CNT_IND", "2024 Q1", "West Midlands",
                                                    "All", "18000"]])
    result = imp(seeded, path, profile=Profile(constants={"area_type": "combined authority"}))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert [r[1] for r in current_obs(seeded.conn)] == ["E47000007"]


def test_areas_outside_are_one_warning_counting_them_by_level(seeded: Store,
                                                              tmp_path: Path) -> None:
    rows = [HEADER, _row("Birmingham")]
    rows += [_row(f"E02{6000 + i:06d}", group=g) for i in range(40) for g in ("All", "Indian")]
    rows += [_row("North Yorkshire"), _row("Leeds"), _row("E01000001")]
    result = imp(seeded, write_csv(tmp_path / "england.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert not result.errors
    skipped = [i for i in result.warnings if i.rule == "area-outside"]
    assert len(skipped) == 1
    message = skipped[0].message
    assert message.startswith("skipped 83 rows for areas the store does not hold")
    for part in ("80 MSOAs (e.g. E02006000, E02006001)", "1 county (e.g. North Yorkshire)",
                 "1 local authority (e.g. Leeds)", "1 LSOA (e.g. E01000001)"):
        assert part in message
    assert "did you mean" not in message
    assert (result.rows_read, result.rows_valid, result.inserted) == (84, 1, 1)


def test_a_census_file_of_msoas_is_one_warning_not_one_per_group_column(
        seeded: Store, tmp_path: Path) -> None:
    source = PROFILES.parent / "source" / "census2021_ts021_authorities_derived.csv"
    with source.open(encoding="utf-8", newline="") as handle:
        header, birmingham = list(csv.reader(handle))[:2]
    msoas = [[birmingham[0], f"Birmingham {i:03d}", f"E02{6890 + i:06d}", *birmingham[3:]]
             for i in range(60)]
    path = write_csv(tmp_path / "msoa.csv", [header, birmingham, *msoas])
    result = imp(seeded, path, profile=load_profile(PROFILES / "census2021_ts021.json"))
    assert result.status == "ok", [i.line() for i in result.errors]
    skipped = [i for i in result.warnings if i.rule == "area-outside"]
    assert len(skipped) == 1 and "skipped 60 rows" in skipped[0].message
    assert "60 MSOAs" in skipped[0].message
    assert {r[1] for r in current_obs(seeded.conn)} == {"E08000025"}


def test_retired_codes_read_as_successors_are_counted_once() -> None:
    authorities = [{"lad_code": "E08000025", "lad_name": "Birmingham",
                    "wmca_membership": "constituent"}]
    wards = [{"ward_code": "E05011121", "ward_name": "Aston", "lad_code": "E08000025"}]
    retired = [{"ward_code": "E05001234", "ward_name": "Aston Old", "lad_code": "E08000025",
                "lad_name": "Birmingham", "successor_code": "E05011121"}]
    resolver = AreaResolver(build_geography(authorities, wards, (), retired))
    cells = ["E05001234", "E05001234", "E05011121", "E05001234"]
    report, tally = Report("f.csv"), AreaTally()
    codes, bad, skip = resolve_column([cells, [""] * 4, [""] * 4], np.arange(2, 6),
                                      area_decider(resolver), report,
                                      [Where(0, "Area code"), Where(1, "Area name"),
                                       Where(2, "Area type")], tally)
    assert list(codes) == ["E05011121"] * 4 and not bad.any() and not skip.any()
    assert not report.issues  # counted, not reported row by row
    tally.flush(report)
    (warning,) = report.warnings()
    assert warning.rule == "area-retired"
    assert "E05001234 as E05011121 (3 rows)" in warning.message
