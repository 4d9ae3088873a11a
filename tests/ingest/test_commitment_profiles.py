"""Commitments honour a profile as observations do (values, keep_rows, constants) and read
status words through the declared status map: translations said once with their counts,
unknown words refused naming the word and the accepted ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import COMMIT, commitment, imp, issue_for, write_csv

from mag_desktop.core.errors import MagError
from mag_desktop.core.ingest.profile import Profile, load_profile, save_profile
from mag_desktop.core.ingest.status_map import status_map
from mag_desktop.core.store import Store


def _statuses(store: Store) -> dict[str, str]:
    return dict(store.conn.execute(
        "SELECT commitment_id, status FROM commitment_update WHERE superseded_by IS NULL"))


@pytest.mark.parametrize(("word", "code", "translated"), [
    ("Green", "ON_TRACK", False), ("Amber", "AT_RISK", False), ("Red", "OFF_TRACK", False),
    ("Blue", "COMPLETE", True), ("1. Not started", "NOT_STARTED", False),
    ("Amber/Green", "AT_RISK", True), ("Red/Amber", "OFF_TRACK", True),
    ("Amber/Red", "OFF_TRACK", True), ("2. Ongoing - on track", "ON_TRACK", True),
    ("In progress", "ON_TRACK", True)])
def test_the_default_status_map(word: str, code: str, translated: bool) -> None:
    reading = status_map().read(word)
    assert reading is not None
    assert (reading.status.code, reading.translated) == (code, translated)


def test_a_profile_status_map_wins_and_names_real_statuses() -> None:
    reading = status_map({"In progress": "At risk", "Paused": "AT_RISK"}).read("in progress")
    assert reading is not None and reading.status.code == "AT_RISK"
    with pytest.raises(MagError, match="'Sideways' is not a status"):
        status_map({"Paused": "Sideways"})


def test_translations_are_reported_once_with_their_count(store: Store, tmp_path: Path) -> None:
    rows = [commitment(f"C-{k}", status="In progress") for k in range(3)]
    rows.append(commitment("C-9", status="Amber/Green"))
    result = imp(store, write_csv(tmp_path / "c.csv", [COMMIT, *rows]))
    assert result.status == "ok", [i.line() for i in result.errors]
    lines = sorted(w.message for w in result.warnings if w.rule == "status-read-as")
    assert lines == ["read 'Amber/Green' as At risk: 1 row",
                     "read 'In progress' as On track: 3 rows"]
    assert _statuses(store) == {"C-0": "ON_TRACK", "C-1": "ON_TRACK", "C-2": "ON_TRACK",
                                "C-9": "AT_RISK"}


def test_an_unknown_status_names_the_word_and_the_accepted_ones(
        store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [COMMIT, commitment("C-1", status="Not Applicable ")])
    issue = issue_for(imp(store, path), "status")
    assert issue.message.startswith("'Not Applicable' is not a status the status map knows")
    for word in ("Not started", "Withdrawn", "Amber/Green", "In progress", "status_map"):
        assert word in issue.message


def test_profile_status_map_reads_a_partners_word(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [COMMIT, commitment("C-1", status="Paused")])
    result = imp(store, path, profile=Profile(status_map={"Paused": "At risk"}))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert _statuses(store) == {"C-1": "AT_RISK"}
    assert [w.message for w in result.warnings if w.rule == "status-read-as"] == [
        "read 'Paused' as At risk: 1 row"]


def test_values_translate_commitment_cells(store: Store, tmp_path: Path) -> None:
    row = commitment("C-1", status="Stalled")
    row[2] = "HSG"  # the partner's own theme code
    profile = Profile(values={"theme": {"HSG": "Housing and homelessness"},
                              "status": {"Stalled": "Off track"}})
    result = imp(store, write_csv(tmp_path / "c.csv", [COMMIT, row]), profile=profile)
    assert result.status == "ok", [i.line() for i in result.errors]
    theme, = store.conn.execute("SELECT theme_code FROM commitment").fetchone()
    assert theme == "HOUSING"
    assert _statuses(store) == {"C-1": "OFF_TRACK"}


def test_keep_rows_leaves_out_other_rows_and_says_so(store: Store, tmp_path: Path) -> None:
    header = [*COMMIT, "Programme"]
    rows = [[*commitment("C-1"), "Race equality"], [*commitment("C-2"), "Estates"],
            [*commitment("C-3", status="Purple"), "Estates"]]
    profile = Profile(keep_rows={"Programme": ["Race equality"]})
    result = imp(store, write_csv(tmp_path / "c.csv", [header, *rows]), profile=profile)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert set(_statuses(store)) == {"C-1"}
    left, = [w for w in result.warnings if w.rule == "keep-rows"]
    assert left.message.endswith(": 2 rows")


def test_constants_supply_a_commitments_column(store: Store, tmp_path: Path) -> None:
    header = [h for h in COMMIT if h != "Lead organisation"]
    row = [c for k, c in enumerate(commitment("C-1")) if COMMIT[k] != "Lead organisation"]
    profile = Profile(constants={"lead": "Sandwell Council"})
    result = imp(store, write_csv(tmp_path / "c.csv", [header, row]), profile=profile)
    assert result.status == "ok", [i.line() for i in result.errors]
    lead, = store.conn.execute("SELECT lead FROM commitment").fetchone()
    assert lead == "Sandwell Council"


def test_status_map_is_a_profile_key(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    save_profile(Profile(status_map={"Paused": "At risk"}), path)
    assert load_profile(path).status_map == {"Paused": "At risk"}


def test_an_unheaded_status_column_is_mapped_by_its_letter(store: Store, tmp_path: Path) -> None:
    header = [h if h != "Status" else "" for h in COMMIT]  # the status column has no heading
    rows = [commitment("C-1", status="Red/Amber"), commitment("C-2", status="Green")]
    profile = Profile(columns={"Column F": "status"})
    result = imp(store, write_csv(tmp_path / "c.csv", [header, *rows]), profile=profile)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert _statuses(store) == {"C-1": "OFF_TRACK", "C-2": "ON_TRACK"}
    note, = [w for w in result.warnings if w.rule == "status-read-as"]
    assert (note.message, note.header) == ("read 'Red/Amber' as Off track: 1 row", "Column F")
