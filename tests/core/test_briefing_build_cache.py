"""Ward views and trends cut from an authority's rows (read once per store version) are exactly
what a single ward's read gives, a pack built with them is the same pack, and a change to the
data is seen at once."""

from __future__ import annotations

import math
import shutil
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from mag_desktop.core.briefing.builder import build_briefing
from mag_desktop.core.query import indicators, trend_cache, ward_views_cache
from mag_desktop.core.query.catalogue import definitions
from mag_desktop.core.store import Store
from mag_desktop.core.store.connection import connect
from mag_desktop.core.store.reads import areas, meta

BIRMINGHAM = "E08000025"
FIXED = datetime(2026, 1, 1)


def _clear() -> None:
    for memo in (ward_views_cache._families, ward_views_cache._definitions,
                 ward_views_cache._areas, ward_views_cache._periods,
                 trend_cache._families, trend_cache._whole):
        memo.clear()


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def assert_identical(new: pd.DataFrame, old: pd.DataFrame) -> None:
    """Same columns, index, types and values (None and NaN told apart)."""
    assert list(new.columns) == list(old.columns)
    assert new.index.equals(old.index)
    for column in new.columns:
        assert new[column].dtype == old[column].dtype, column
        pairs = zip(new[column].tolist(), old[column].tolist(), strict=True)
        assert all(_same(a, b) for a, b in pairs), column


@pytest.fixture(scope="module")
def conn(sample_store_file: Path):  # type: ignore[no-untyped-def]
    connection = connect(sample_store_file, readonly=True)
    yield connection
    connection.close()


@pytest.mark.parametrize("groups", [(), ("BLACK", "ASIAN_PAKISTANI")])
def test_every_birmingham_ward_view_and_trend_equals_its_own_read(conn, groups) -> None:  # type: ignore[no-untyped-def]
    _clear()
    codes = list(definitions(conn)["code"])
    sliced = 0
    for ward in areas.wards_of(conn, (BIRMINGHAM,)):
        area = ward_views_cache.area_info(conn, ward)
        for code in codes:
            new = indicators.indicator_view(conn, code, ward, groups=groups)
            old = indicators._one_view(conn, ward_views_cache.definition(conn, code), area,
                                       None, groups, indicators.DEFAULT_COMPARATOR, None, None)
            for name in ("indicator", "area", "period", "periods", "comparator_group",
                         "disparities", "comparator_names"):
                assert getattr(new, name) == getattr(old, name), (ward, code, name)
            assert_identical(new.rows, old.rows)
            sliced += new.period is not None
            assert_identical(indicators.trend(conn, code, ward, groups),
                             indicators._trend(conn, code, ward, groups, None, None))
    assert sliced > 200  # most wards hold figures for several indicators


def test_ward_packs_are_the_same_cold_warm_and_read_ward_by_ward(conn, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    wards = [code for code, _ in areas.wards_by_name(conn, BIRMINGHAM)[:3]]
    _clear()
    cold = [repr(build_briefing(conn, w, produced_at=FIXED)) for w in wards]
    warm = [repr(build_briefing(conn, w, produced_at=FIXED)) for w in wards]
    monkeypatch.setattr(ward_views_cache, "ward_views", lambda *a, **k: None)
    monkeypatch.setattr(trend_cache, "ward_trend", lambda *a, **k: None)
    alone = [repr(build_briefing(conn, w, produced_at=FIXED)) for w in wards]
    assert cold == warm == alone
    assert "Claimant" in cold[0]


def test_a_change_to_the_data_is_seen_at_once(sample_store_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    shutil.copy(sample_store_file, path)
    ward = areas.wards_by_name(connect(sample_store_file, readonly=True), BIRMINGHAM)[0][0]
    with Store.open(path) as store:
        before = indicators.indicator_view(store.conn, "CLAIMANT_RATE", ward)
        row = before.rows[before.rows["value"].notna()].iloc[0]
        with store.write() as conn:
            conn.execute("UPDATE observation SET value = value + 50 WHERE indicator_code = ?"
                         " AND area_code = ? AND period = ? AND group_code = ?"
                         " AND superseded_by IS NULL",
                         ("CLAIMANT_RATE", ward, before.period, row["group_code"]))
            meta.bump_data_version(conn)
        after = indicators.indicator_view(store.conn, "CLAIMANT_RATE", ward)
        changed = after.rows.set_index("group_code").loc[row["group_code"], "value"]
        assert changed == pytest.approx(row["value"] + 50)
