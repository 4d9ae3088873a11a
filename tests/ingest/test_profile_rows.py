"""Two profile keys that say which rows are read: ``header_row`` (the header row chosen by hand,
honoured by the command line) and ``skip_values`` (the rows of some values left out, counted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import COMMIT, OBS, commitment, obs, write_csv

from mag_desktop.cli import main
from mag_desktop.core.errors import MagError
from mag_desktop.core.ingest.choices import build_profile, choices_of
from mag_desktop.core.ingest.preview import read_preview
from mag_desktop.core.ingest.profile import Profile, load_profile, save_profile
from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.store import Store


def test_a_header_row_chosen_by_hand_is_saved_and_the_cli_reads_it(
        seeded: Store, store_path: Path, tmp_path: Path) -> None:
    # Row 2 looks more like a header than row 3 (it holds known headings), but the figures
    # sit under row 3: the clerk points at it.
    path = write_csv(tmp_path / "decoy.csv", [
        ["Partnership figures"],
        ["Indicator ID", "Period", "Area code", "Ethnic group", "Value"],
        ["Code", "When", "Where", "Who", "Count"],
        ["CNT_IND", "2024 Q1", "E08000025", "Pakistani", 12],
        ["CNT_IND", "2024 Q1", "E08000025", "Indian", 15]])
    assert read_preview(path).header_row == 1  # found by its headings
    preview = read_preview(path, header_row=2)
    choices = choices_of(preview)
    choices.header_row = 2
    choices.columns = {"Code": "indicator_id", "When": "period", "Where": "area_code",
                       "Who": "ethnic_group", "Count": "value"}
    target = tmp_path / "decoy.json"
    save_profile(build_profile(choices, None, path.name), target)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["header_row"] == 3 and saved["sheet"] == "decoy"  # as Excel numbers rows
    assert load_profile(target).header_row == 3
    assert read_preview(path, profile=load_profile(target)).header_row == 2
    seeded.close()
    assert main(["import", str(path), "--profile", str(target),
                 "--store", str(store_path)]) == 0
    with Store.open(store_path) as store:
        rows = store.conn.execute(
            "SELECT group_label, value FROM observation WHERE indicator_code = 'CNT_IND' "
            "ORDER BY value").fetchall()
    assert rows == [("Pakistani", 12.0), ("Indian", 15.0)]


def test_a_header_row_of_0_is_refused_naming_the_key(tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"profile": 1, "header_row": 0}), encoding="utf-8")
    with pytest.raises(MagError, match="header_row"):  # 0 is not a row Excel shows
        load_profile(profile)


def test_skip_values_leaves_out_the_rows_and_counts_them(seeded: Store,
                                                          tmp_path: Path) -> None:
    path = write_csv(tmp_path / "skips.csv", [
        OBS, obs(group="Pakistani"), obs(group="Not stated"), obs(group=" Not stated "),
        obs(group="Indian"), obs(group="Prefer not to say")])
    refused = run_import(seeded, path, ImportOptions(dry_run=True))
    assert refused.status == "rejected"
    profile = Profile(skip_values={"ethnic_group": ["Not stated", "Prefer not to say"]})
    result = run_import(seeded, path, ImportOptions(profile=profile))
    assert result.status == "ok", result.message
    assert result.rows_read == 5 and result.rows_valid == 2 and result.rows_skipped == 3
    lines = [w.message for w in result.warnings if w.rule == "skip-values"]
    assert any("'Not stated'" in m and "2 rows" in m for m in lines), lines
    assert any("'Prefer not to say'" in m and "1 row" in m for m in lines), lines
    labels = {r[0] for r in seeded.conn.execute("SELECT group_label FROM observation")}
    assert labels == {"Pakistani", "Indian"}


def test_skip_values_in_a_commitments_file(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "actions.csv", [
        COMMIT, commitment("C-1"), commitment("C-2", status="TBC"), commitment("C-3")])
    profile = Profile(skip_values={"status": ["TBC"]})
    result = run_import(store, path, ImportOptions(profile=profile))
    assert result.status == "ok", result.message
    assert result.rows_skipped == 1 and result.rows_valid == 2
    assert any("'TBC'" in w.message for w in result.warnings if w.rule == "skip-values")
    ids = {r[0] for r in store.conn.execute("SELECT id FROM commitment")}
    assert ids == {"C-1", "C-3"}


def test_skip_values_round_trips_through_a_saved_profile(tmp_path: Path) -> None:
    target = tmp_path / "p.json"
    save_profile(Profile(skip_values={"area_name": ["England"]}, header_row=4), target)
    again = load_profile(target)
    assert again.skip_values == {"area_name": ["England"]} and again.header_row == 4
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"profile": 1, "skip_values": {"ethnicity": ["x"]}}),
                   encoding="utf-8")
    with pytest.raises(MagError, match=r"skip_values\.ethnicity"):
        load_profile(bad)
