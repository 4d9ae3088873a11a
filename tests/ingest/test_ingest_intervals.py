"""Confidence limits at import: computed to PHE's methods where a file gives counts but no
limits, the partner's own kept, and warnings where the two disagree or where the value is not
numerator ÷ denominator. Expected limits are PHE's published test data (PHEindicatormethods,
tests/testthat/testdata_Proportion.xlsx and testdata_Rate.xlsx; see tests/core/test_intervals.py).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from ingest_helpers import OBS, cli, imp, obs, write_csv, write_xlsx

from mag_desktop.core.ingest.commit import ensure_periods
from mag_desktop.core.ingest.limits import fill_frame
from mag_desktop.core.store import Store
from mag_desktop.core.store.schema import _v1

REL = 1e-9
DEFINITIONS = [
    ["Indicator ID", "Indicator name", "Theme", "Unit", "Polarity", "Decimal places"],
    ["PCT_IND", "A share of residents", "Health and wellbeing", "%", "Higher is better", 1],
    ["RATE_IND", "A rate per 100,000", "Health and wellbeing", "per 100,000", "Lower is better",
     1],
    ["RATE_K", "A rate per 1,000", "Health and wellbeing", "per 1,000", "Lower is better", 2],
    ["ASR_IND", "An age-standardised rate", "Health and wellbeing", "per 100,000",
     "Lower is better", 1],
    ["CNT_IND", "A count of residents", "Health and wellbeing", "count", "No judgement", 0],
]
LIMITS = ("SELECT group_code, value, lower, upper, limits_source FROM observation"
          " WHERE superseded_by IS NULL AND indicator_code = ? ORDER BY group_code")


@pytest.fixture
def seeded(store: Store, tmp_path: Path) -> Store:
    result = imp(store, write_csv(tmp_path / "definitions.csv", DEFINITIONS))
    assert result.status == "ok", [i.line() for i in result.errors]
    return store


def _book(tmp_path: Path, *rows: list[object], name: str = "return.xlsx") -> Path:
    """An observations workbook: a title, a blank row, the header on row 3, data from row 4."""
    return write_xlsx(tmp_path / name, {"Data": [["Quarterly return"], [], OBS, *rows]})


def _limits(store: Store, code: str) -> dict[str, tuple[object, ...]]:
    return {r[0]: tuple(r[1:]) for r in store.conn.execute(LIMITS, (code,))}


def test_limits_computed_by_unit_and_stored_with_their_method(seeded: Store,
                                                             tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        obs("PCT_IND", "2024 Q1", "E08000025", "Indian", 65, 65, 100),
        obs("PCT_IND", "2024 Q1", "E08000025", "Pakistani", 0, 0, 20),
        obs("PCT_IND", "2024 Q1", "E08000025", "Chinese", 100, 7, 7),
        obs("RATE_IND", "2024 Q1", "E08000025", "Indian", 5000, 5, 100),
        obs("RATE_IND", "2024 Q1", "E08000025", "Pakistani", 65000, 65, 100),
        obs("RATE_IND", "2024 Q1", "E08000025", "Chinese", 79838.0, 9856, 12345),
        obs("RATE_K", "2024 Q1", "E08000025", "Indian", 10, 1, 100),
        obs("CNT_IND", "2024 Q1", "E08000025", "Indian", 12, 12, 400),
    )
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert not [w for w in result.warnings if w.rule.startswith("limits")]
    pct = _limits(seeded, "PCT_IND")
    assert pct["ASIAN_INDIAN"][1:] == (pytest.approx(55.25444329688797, rel=REL),
                                       pytest.approx(73.63575175690247, rel=REL), "wilson")
    assert pct["ASIAN_PAKISTANI"][1] == 0.0 and pct["ASIAN_PAKISTANI"][3] == "wilson"
    assert pct["ASIAN_CHINESE"][2] == 100.0
    rate = _limits(seeded, "RATE_IND")
    assert rate["ASIAN_INDIAN"][1:] == (pytest.approx(1623.4863901184199, rel=REL),
                                        pytest.approx(11668.332079322669, rel=REL), "exact")
    assert rate["ASIAN_PAKISTANI"][1:] == (pytest.approx(50163.18771045945, rel=REL),
                                           pytest.approx(82849.13854593984, rel=REL), "byar")
    assert rate["ASIAN_CHINESE"][1:] == (pytest.approx(78269.49058976758, rel=REL),
                                         pytest.approx(81430.01654272141, rel=REL), "byar")
    assert _limits(seeded, "RATE_K")["ASIAN_INDIAN"][1:] == (
        pytest.approx(0.25317807984289897, rel=REL), pytest.approx(55.71643390938898, rel=REL),
        "exact")
    assert _limits(seeded, "CNT_IND")["ASIAN_INDIAN"][1:] == (None, None, None)


def test_supplied_limits_are_kept_and_rounding_is_not_far(seeded: Store,
                                                          tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        # PHE's 55.254 to 73.636 rounded to 1 decimal, and a normal-approximation interval
        obs("PCT_IND", "2024 Q1", "E08000025", "Indian", 65, 65, 100, 55.3, 73.6),
        obs("PCT_IND", "2024 Q1", "E08000025", "Pakistani", 65, 65, 100, 55.7, 74.3),
        obs("PCT_IND", "2024 Q1", "E08000025", "Chinese", 12.5, "", "", 10, 15),
    )
    result = imp(seeded, path)
    assert result.status == "ok"
    assert not [w for w in result.warnings if w.rule.startswith("limits")]
    pct = _limits(seeded, "PCT_IND")
    assert pct["ASIAN_INDIAN"][1:] == (55.3, 73.6, "supplied")
    assert pct["ASIAN_PAKISTANI"][1:] == (55.7, 74.3, "supplied")
    assert pct["ASIAN_CHINESE"][1:] == (10.0, 15.0, "supplied")


def test_supplied_limits_far_from_the_computed_are_kept_and_named(seeded: Store,
                                                                 tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        obs("PCT_IND", "2024 Q1", "E08000025", "Indian", 65, 65, 100, 55.3, 73.6),
        # 99.8% limits (PHE: 49.549 to 77.835), then proportions instead of percentages
        obs("PCT_IND", "2024 Q1", "E08000025", "Pakistani", 65, 65, 100, 49.5, 77.8),
        obs("PCT_IND", "2024 Q1", "E08000025", "Chinese", 65, 65, 100, 0.55, 80),
        obs("RATE_IND", "2024 Q1", "E08000025", "Indian", 5000, 5, 100, 4000, 6000),
    )
    result = imp(seeded, path)
    assert result.status == "ok"
    far = [w for w in result.warnings if w.rule == "limits-far"]
    assert [(w.row, w.column, w.header) for w in far] == [
        (5, "H", "Lower 95% limit"), (6, "H", "Lower 95% limit"), (7, "H", "Lower 95% limit")]
    assert far[0].value == "49.50 to 77.80" and far[0].file == "return.xlsx"
    assert "by Wilson's score method (55.25% to 73.64%)" in far[0].message
    assert "kept" in far[0].message
    assert _limits(seeded, "PCT_IND")["ASIAN_CHINESE"][1:] == (0.55, 80.0, "supplied")
    assert _limits(seeded, "RATE_IND")["ASIAN_INDIAN"][1:] == (4000.0, 6000.0, "supplied")


def test_values_that_are_not_the_ratio_get_no_limits_and_one_warning_per_indicator(
        seeded: Store, tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        obs("ASR_IND", "2024 Q1", "E08000025", "Indian", 612.4, 5, 1000),
        obs("ASR_IND", "2024 Q1", "E08000025", "Pakistani", 455.0, 40, 10000),
        obs("ASR_IND", "2024 Q1", "E08000025", "Chinese", 300.0, 300, 100000),  # agrees
        obs("ASR_IND", "2024 Q2", "E08000025", "Indian", 611.0, 5, 1000),
        obs("PCT_IND", "2024 Q1", "E08000025", "Indian", 33, 1, 3),  # 33.3 to 1 decimal
        obs("PCT_IND", "2024 Q1", "E08000025", "Pakistani", 33.3, 1, 3),  # rounds: computed
    )
    result = imp(seeded, path)
    assert result.status == "ok"
    found = [w for w in result.warnings if w.rule == "limits-not-computed"]
    assert len(found) == 2
    asr, pct = sorted(found, key=lambda w: w.message)
    assert (asr.row, asr.column, asr.header, asr.value) == (4, "E", "Value", "612.4")
    assert asr.message.startswith("ASR_IND: 3 rows") and "5 ÷ 1,000 × 100,000 = 500.0" in (
        asr.message)
    assert (pct.row, pct.value) == (8, "33") and "1 ÷ 3 × 100 = 33.3" in pct.message
    assert pct.message.startswith("PCT_IND: 1 row ")
    rows = seeded.conn.execute(
        "SELECT indicator_code, group_code, period, lower IS NULL, limits_source"
        " FROM observation ORDER BY 1, 2, 3").fetchall()
    assert rows == [
        ("ASR_IND", "ASIAN_CHINESE", "2024 Q1", 0, "byar"),
        ("ASR_IND", "ASIAN_INDIAN", "2024 Q1", 1, None),
        ("ASR_IND", "ASIAN_INDIAN", "2024 Q2", 1, None),
        ("ASR_IND", "ASIAN_PAKISTANI", "2024 Q1", 1, None),
        ("PCT_IND", "ASIAN_INDIAN", "2024 Q1", 1, None),
        ("PCT_IND", "ASIAN_PAKISTANI", "2024 Q1", 0, "wilson"),
    ]


def test_no_limits_where_none_can_be_computed_and_no_warning(seeded: Store,
                                                             tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        obs("PCT_IND", "2024 Q1", "E08000025", "Indian", 0, 0, 0),
        obs("PCT_IND", "2024 Q1", "E08000025", "Pakistani", "[c]"),
        obs("RATE_IND", "2024 Q1", "E08000025", "Indian", 4.2),
        obs("RATE_IND", "2024 Q1", "E08000025", "Pakistani", 40, 4),  # no denominator
    )
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert not [w for w in result.warnings if w.rule.startswith("limits")]
    rows = seeded.conn.execute("SELECT lower, upper, limits_source FROM observation").fetchall()
    assert rows == [(None, None, None)] * 4


def test_the_same_rows_again_are_unchanged(seeded: Store, tmp_path: Path) -> None:
    rows = [obs("PCT_IND", "2024 Q1", "E08000025", "Indian", 65, 65, 100),
            obs("RATE_IND", "2024 Q1", "E08000025", "Indian", 5000, 5, 100)]
    assert imp(seeded, _book(tmp_path, *rows)).status == "ok"
    again = imp(seeded, _book(tmp_path, *rows, obs("CNT_IND"), name="again.xlsx"))
    assert (again.inserted, again.updated, again.unchanged) == (1, 0, 2)


def test_a_csv_through_the_command_line(store_path: Path, tmp_path: Path) -> None:
    definitions = write_csv(tmp_path / "definitions.csv", DEFINITIONS)
    assert cli("import", str(definitions), "--store", str(store_path)).returncode == 0
    data = write_csv(tmp_path / "rates.csv", [OBS, obs("RATE_IND", "2024 Q1", "E08000025",
                                                       "Indian", "1000", "1", "100")])
    done = cli("import", str(data), "--store", str(store_path))
    assert done.returncode == 0, done.stderr
    with closing(sqlite3.connect(store_path)) as conn:
        row = conn.execute("SELECT lower, upper, limits_source FROM observation").fetchone()
    assert row == (pytest.approx(25.317807984289896, rel=REL),
                   pytest.approx(5571.643390938898, rel=REL), "exact")


def test_derived_shares_get_wilson_limits() -> None:
    frame = pd.DataFrame({"indicator": ["SHARE", "SHARE"], "value": [65.0, 50.0],
                          "numerator": [65.0, 1.0], "denominator": [100.0, 2.0],
                          "lower": [np.nan, np.nan], "upper": [np.nan, np.nan]})
    out = fill_frame(frame, {"SHARE": "%"}, {"SHARE": 1})
    assert out["lower"].iloc[0] == pytest.approx(55.25444329688797, rel=REL)
    assert out["limits_source"].tolist() == ["wilson", "wilson"]


def _old_store(path: Path) -> None:
    """A schema-1 store, as an earlier MAG Desktop left it, with observations of every kind."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    _v1(conn)
    conn.execute("INSERT INTO import_log(id, file_name, sha256, kind, started_at, os_user,"
                 " outcome) VALUES (1, 'old.xlsx', 'x', 'indicators', '2024-01-01', 'clerk',"
                 " 'committed')")
    for code, unit in (("PCT_IND", "%"), ("RATE_IND", "per 100,000"), ("CNT_IND", "count")):
        conn.execute("INSERT INTO indicator(code, name, theme_code, unit, polarity, decimals,"
                     " import_id) VALUES (?, ?, 'HEALTH', ?, 'none', 1, 1)", (code, code, unit))
    ensure_periods(conn, ["2024 Q1", "2024 Q2"])
    rows = [
        ("PCT_IND", "ASIAN_INDIAN", "2024 Q1", 65, 65, 100, None, None, None),
        ("PCT_IND", "ASIAN_PAKISTANI", "2024 Q1", 65, 65, 100, 55.3, 73.6, None),
        ("PCT_IND", "ASIAN_CHINESE", "2024 Q1", 40, 65, 100, None, None, None),  # adjusted
        ("PCT_IND", "ASIAN_OTHER", "2024 Q1", None, None, None, None, None, "[c]"),
        ("RATE_IND", "ASIAN_INDIAN", "2024 Q1", 5000, 5, 100, None, None, None),
        ("RATE_IND", "ASIAN_INDIAN", "2024 Q2", 7000, None, None, 6000, None, None),
        ("CNT_IND", "ASIAN_INDIAN", "2024 Q1", 65, 65, 100, None, None, None),
    ]
    conn.executemany(
        "INSERT INTO observation(indicator_code, group_code, period, value, numerator,"
        " denominator, lower, upper, marker, area_code, import_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'E08000025', 1)", rows)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_an_older_store_gets_limits_when_it_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _old_store(path)
    with Store.open(path) as store:
        found = store.conn.execute(
            "SELECT indicator_code, group_code, period, lower, upper, limits_source"
            " FROM observation ORDER BY 1, 2, 3").fetchall()
    assert found == [
        ("CNT_IND", "ASIAN_INDIAN", "2024 Q1", None, None, None),
        ("PCT_IND", "ASIAN_CHINESE", "2024 Q1", None, None, None),
        ("PCT_IND", "ASIAN_INDIAN", "2024 Q1", pytest.approx(55.25444329688797, rel=REL),
         pytest.approx(73.63575175690247, rel=REL), "wilson"),
        ("PCT_IND", "ASIAN_OTHER", "2024 Q1", None, None, None),
        ("PCT_IND", "ASIAN_PAKISTANI", "2024 Q1", 55.3, 73.6, "supplied"),
        ("RATE_IND", "ASIAN_INDIAN", "2024 Q1", pytest.approx(1623.4863901184199, rel=REL),
         pytest.approx(11668.332079322669, rel=REL), "exact"),
        ("RATE_IND", "ASIAN_INDIAN", "2024 Q2", 6000.0, None, "supplied"),
    ]



def test_many_far_limits_are_counted_beyond_the_examples_kept(seeded: Store,
                                                             tmp_path: Path) -> None:
    rows = [obs("PCT_IND", f"{2000 + i // 4} Q{i % 4 + 1}", "E08000025", "Indian", 65, 65, 100,
                50, 80) for i in range(250)]
    result = imp(seeded, write_csv(tmp_path / "proportions.csv", [OBS, *rows]))
    assert result.status == "ok"
    assert len([w for w in result.warnings if w.rule == "limits-far"]) == 200
    assert any("50 more warnings like 'limits-far'" in line for line in result.omitted)
