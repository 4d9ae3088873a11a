"""The police use-of-force profile on the real Home Office files: England and Wales is its own
national area, and shares are of incidents whose perceived ethnicity was reported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mag_desktop.core.geography import load_geography
from mag_desktop.core.ingest.profile import load_profile
from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.names import AreaResolver
from mag_desktop.core.store import Store
from mag_desktop.core.store.schema import MIGRATIONS
from mag_desktop.paths import data_dir

SOURCE = data_dir() / "source"
PROFILE = data_dir() / "profiles" / "police_use_of_force.json"
FILES = {  # file -> the period its rows belong to
    "west_midlands_police_use_of_force_by_ethnicity_2018-19.csv": "2018/19",
    "west_midlands_police_use_of_force_by_ethnicity_2019-20.csv": "2019/20",
    "home_office_use_of_force_by_ethnicity_force_2019-20.csv": "2019/20",
}
HEADINGS = ("WHITE", "BLACK", "ASIAN", "MIXED", "OTHER")


@pytest.fixture
def police(store: Store) -> Store:
    profile = load_profile(PROFILE)
    for name, period in FILES.items():
        result = run_import(store, SOURCE / name, ImportOptions(profile=profile, period=period))
        assert result.status == "ok", result.message
    return store


def _values(conn: sqlite3.Connection, indicator: str, area: str,
            period: str) -> dict[str, tuple[float, float | None, float | None]]:
    rows = conn.execute(
        "SELECT group_code, value, numerator, denominator FROM observation WHERE "
        "indicator_code = ? AND area_code = ? AND period = ? AND superseded_by IS NULL",
        (indicator, area, period)).fetchall()
    return {g: (v, n, d) for g, v, n, d in rows}


def test_the_national_rows_are_england_and_wales(police: Store) -> None:
    conn = police.conn
    assert conn.execute("SELECT name, level FROM area WHERE code = 'K04000001'").fetchone() == (
        "England and Wales", "england")
    national = conn.execute("SELECT DISTINCT area_code FROM observation WHERE indicator_code "
                            "LIKE 'USE_OF_FORCE%' AND area_code NOT IN ('E47000007')").fetchall()
    assert national == [("K04000001",)]
    counts = _values(conn, "USE_OF_FORCE_COUNT", "K04000001", "2019/20")
    assert counts["ALL"][0] == 715_276  # every incident, "not reported" (17,771) included
    assert counts["WHITE"][0] == 508_663


@pytest.mark.parametrize(("area", "period", "reported", "everyone"), [
    ("E47000007", "2019/20", 18_174, 18_458),  # West Midlands: 284 not reported
    ("K04000001", "2019/20", 697_505, 715_276),  # England and Wales: 17,771 not reported
    ("E47000007", "2018/19", 12_254, 12_260),  # 246 "Don't know" in; 6 "Chinese" in no group
])
def test_shares_are_of_incidents_with_a_reported_ethnicity(
    police: Store, area: str, period: str, reported: int, everyone: int
) -> None:
    shares = _values(police.conn, "USE_OF_FORCE_PCT", area, period)
    counts = _values(police.conn, "USE_OF_FORCE_COUNT", area, period)
    assert counts["ALL"][0] == everyone
    assert shares["ALL"] == (100.0, reported, reported)
    groups = [g for g in shares if g != "ALL"]
    assert set(HEADINGS) <= set(groups) and set(groups) <= {*HEADINGS, "UNKNOWN"}
    for group in groups:
        value, numerator, denominator = shares[group]
        assert (numerator, denominator) == (counts[group][0], reported)
        assert value == pytest.approx(100 * numerator / reported, abs=1e-6)
    assert sum(shares[g][0] for g in groups) == pytest.approx(100.0, abs=1e-5)


@pytest.mark.parametrize(("text", "code"), [
    ("K04000001", "K04000001"), ("England and Wales", "K04000001"),
    ("england & wales", "K04000001"), ("England", "E92000001"), ("E92000001", "E92000001"),
])
def test_names_of_the_two_national_areas(text: str, code: str) -> None:
    found = AreaResolver(load_geography()).resolve(text)
    assert (found.code, found.kind, found.status) == (code, "england", "ok")


def test_an_older_store_gains_england_and_wales_when_migrated(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    assert conn.execute("SELECT count(*) FROM area WHERE code = 'K04000001'").fetchone() == (0,)
    conn.close()
    with Store.open(path) as store:
        assert store.conn.execute(
            "SELECT name, level, parent_code FROM area WHERE code = 'K04000001'"
        ).fetchone() == ("England and Wales", "england", None)
