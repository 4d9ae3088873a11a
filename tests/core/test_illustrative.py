"""How the core knows a store holds illustrative data: an indicator source that says so, or an
import (still in force) of a file identical to a bundled sample file, renamed or not."""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path
from typing import Any

from mag_desktop.core.ingest.history import undo_import
from mag_desktop.core.ingest.profile import load_profile
from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.query.illustrative import (
    NOTICE,
    holds_illustrative,
    illustrative_data,
    sample_digests,
)
from mag_desktop.core.store import Store
from mag_desktop.paths import data_dir

DATA = data_dir()
SAMPLE_INDICATORS = ("CLAIMANT_RATE", "EMP_RATE", "NHS_HEALTH_CHECK", "TEMP_ACCOM", "YJ_FTE")


def _import(store: Store, path: Path, **options: Any) -> int:
    result = run_import(store, path, ImportOptions(**options))
    assert result.status == "ok", result.message
    return int(store.conn.execute("SELECT max(id) FROM import_log").fetchone()[0])


def _census(store: Store) -> None:
    _import(store, DATA / "source" / "census2021_ts021_authorities_derived.csv",
            profile=load_profile(DATA / "profiles" / "census2021_ts021.json"))


def test_the_sample_store_is_illustrative_and_says_why(sample_store: Path) -> None:
    with Store.open(sample_store, readonly=True) as store, closing(store.reader()) as conn:
        found = illustrative_data(conn)
    assert found.indicators == SAMPLE_INDICATORS  # Census and police sources are real
    assert {"commitments_2025-Q4.xlsx", "indicators_quarterly.xlsx"} <= set(found.files)
    assert found and "not official statistics" in found.summary
    assert NOTICE == "Illustrative sample — not official statistics"


def test_real_data_alone_is_not_illustrative(store: Store) -> None:
    assert not holds_illustrative(store.conn)
    assert illustrative_data(store.conn).summary == ""
    _census(store)
    assert not holds_illustrative(store.conn)


def test_sample_commitments_alone_are_known_by_their_file(store: Store, tmp_path: Path) -> None:
    _census(store)
    # The sample commitments link the sample indicators, which must be defined first: here by
    # a partner's definitions whose source is not illustrative, so only the file can tell.
    definitions = tmp_path / "definitions.csv"
    names = {"CLAIMANT_RATE": "Claimant rate, aged 16 to 64", "EMP_RATE":  # the Links sheet
             "Employment rate, aged 16 to 64", "NHS_HEALTH_CHECK": "NHS Health Check uptake",
             "TEMP_ACCOM": "Households in temporary accommodation",  # names some by name
             "YJ_FTE": "Youth justice first-time entrants"}
    definitions.write_text("Indicator ID,Indicator name,Theme,Unit,Polarity,Source\n" + "".join(
        f'{code},"{names[code]}",Health and wellbeing,%,Lower is better,Partner return\n'
        for code in SAMPLE_INDICATORS), encoding="utf-8")
    _import(store, definitions, kind="indicators")
    assert not holds_illustrative(store.conn)
    renamed = tmp_path / "partner_return_q3.xlsx"  # a new name does not hide the sample
    shutil.copy(DATA / "sample" / "commitments_2026-Q3.xlsx", renamed)
    import_id = _import(store, renamed, kind="commitments")
    found = illustrative_data(store.conn)
    assert found.indicators == () and found.files == ("partner_return_q3.xlsx",)
    undo_import(store, import_id)  # undone: the sample's rows are gone, and so is the notice
    assert not holds_illustrative(store.conn)


def test_an_illustrative_source_marks_any_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "made_up.csv"
    path.write_text(
        "Indicator ID,Indicator name,Theme,Unit,Polarity,Source\n"
        "MADE_UP,A made-up rate,Health and wellbeing,%,Higher is better,"
        "Illustrative sample for training\n", encoding="utf-8")
    _import(store, path, kind="indicators")
    assert illustrative_data(store.conn).indicators == ("MADE_UP",)
    assert illustrative_data(store.conn).files == ()


def test_sample_digests_cover_every_bundled_sample_file(tmp_path: Path) -> None:
    assert len(sample_digests()) == len([p for p in (DATA / "sample").iterdir() if p.is_file()])
    assert sample_digests(tmp_path / "missing") == frozenset()
