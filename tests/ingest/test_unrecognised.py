"""The values a check did not recognise, gathered per field with their rows; the clerk's
answers written into the profile; the next check reading them (no window involved)."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import COMMIT, OBS, commitment, obs, write_csv

from mag_desktop.core.ingest.allowed_values import (
    allowed_values,
    indicators,
    of_area_type,
    period_label,
    period_problem,
)
from mag_desktop.core.ingest.profile import Profile, load_profile, save_profile
from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.ingest.unrecognised import SKIP, Answers, translate, unrecognised
from mag_desktop.core.store import Store


def partner(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "partner.csv", [
        OBS,
        obs(group="Pakistani"),
        obs(group="Group 7"),
        obs(group="Declined", area="E08000026"),
        obs(group="Group 7", area="E08000026"),
        obs(area="Sandwel"),
        obs(period="Spring term", area="E08000029"),
        obs(group="Declined", area="E08000027")])


def test_every_unrecognised_value_once_with_its_rows(seeded: Store, tmp_path: Path) -> None:
    before = seeded.data_version()
    result = run_import(seeded, partner(tmp_path), ImportOptions(dry_run=True))
    assert result.status == "rejected" and seeded.data_version() == before
    found = {(u.field, u.value): u for u in unrecognised(result)}
    assert set(found) == {("ethnic_group", "Group 7"), ("ethnic_group", "Declined"),
                          ("area_code", "Sandwel"), ("period", "Spring term")}
    other = found[("ethnic_group", "Group 7")]
    assert (other.count, other.rows, other.column, other.header) == (2, [3, 5], "D",
                                                                     "Ethnic group")
    assert other.kind == "group" and other.label == "Ethnic group (column D, Ethnic group)"
    assert found[("ethnic_group", "Declined")].rows == [4, 8]
    assert found[("area_code", "Sandwel")].kind == "area"
    assert found[("period", "Spring term")].kind == "period"


def test_answers_are_read_by_the_next_check_and_the_import(seeded: Store,
                                                           tmp_path: Path) -> None:
    path = partner(tmp_path)
    items = {u.key: u for u in unrecognised(run_import(seeded, path,
                                                        ImportOptions(dry_run=True)))}
    answers = Answers()
    answers.set(items[("ethnic_group", "Group 7")], "ASIAN_OTHER")
    answers.set(items[("ethnic_group", "Declined")], SKIP)
    answers.set(items[("area_code", "Sandwel")], "E08000028")
    answers.set(items[("period", "Spring term")], "2024 Q1")
    profile = translate(Profile(), answers)
    assert profile.group_labels == {"Group 7": "ASIAN_OTHER"}
    assert profile.skip_values == {"ethnic_group": ["Declined"]}
    assert profile.values == {"area_code": {"Sandwel": "E08000028"},
                              "period": {"Spring term": "2024 Q1"}}
    saved = tmp_path / "answers.json"
    save_profile(profile, saved)  # what the wizard saves loads again
    again = run_import(seeded, path, ImportOptions(profile=load_profile(saved), dry_run=True))
    assert again.status == "ok", again.message
    assert unrecognised(again) == []
    assert again.rows_skipped == 2 and again.rows_valid == 5
    done = run_import(seeded, path, ImportOptions(profile=load_profile(saved)))
    assert done.status == "ok"
    groups = dict(seeded.conn.execute(
        "SELECT area_code || ' ' || group_label, period FROM observation"))
    assert groups["E08000026 Group 7"] == "2024 Q1"
    assert "E08000028 Pakistani" in groups  # Sandwel read as Sandwell


def test_an_answer_taken_back_is_forgotten_and_a_profile_keeps_its_own() -> None:
    from mag_desktop.core.ingest.unrecognised import Unrecognised
    item = Unrecognised("status", "status", "Status", "F", "Stalled")
    answers = Answers()
    answers.set(item, "At risk")
    answers.set(item, None)
    base = Profile(values={"status": {"Green": "On track"}}, skip_values={"status": ["TBC"]})
    assert translate(base, answers) == base
    answers.set(item, "At risk")
    assert translate(base, answers).values == {"status": {"Green": "On track",
                                                          "Stalled": "At risk"}}


def test_an_empty_ethnic_group_cell_is_translated_by_label() -> None:
    from mag_desktop.core.ingest.unrecognised import Unrecognised
    answers = Answers()
    answers.set(Unrecognised("ethnic_group", "group", "Ethnicity", "C", ""), "UNKNOWN")
    profile = translate(Profile(), answers)
    assert profile.group_labels == {} and profile.values["ethnic_group"][""]


def test_commitments_statuses_themes_and_authorities(store: Store, tmp_path: Path) -> None:
    row = commitment("C-2", status="Stalled")
    row[2] = "HSG"
    path = write_csv(tmp_path / "actions.csv", [
        COMMIT, commitment("C-1"), row, commitment("C-3", authority="Brum")])
    found = {(u.field, u.value): u for u in unrecognised(
        run_import(store, path, ImportOptions(dry_run=True)))}
    assert set(found) == {("status", "Stalled"), ("theme", "HSG"), ("authority", "Brum")}
    answers = Answers()
    answers.set(found[("status", "Stalled")], "At risk")
    answers.set(found[("theme", "HSG")], "Housing and homelessness")
    answers.set(found[("authority", "Brum")], "E08000025")
    result = run_import(store, path, ImportOptions(profile=translate(Profile(), answers)))
    assert result.status == "ok", result.message and result.rows_valid == 3


def test_the_allowed_values_come_from_the_store(seeded: Store) -> None:
    conn = seeded.conn
    groups = allowed_values(conn, "group")
    assert groups[0].value == "ALL" and any(a.label == "Pakistani" for a in groups)
    assert [a.value for a in allowed_values(conn, "status")][:2] == ["Not started", "On track"]
    assert any(a.value == "Housing and homelessness" for a in allowed_values(conn, "theme"))
    areas = allowed_values(conn, "area")
    assert any(a.value == "E08000025" and "Birmingham" in a.label for a in areas)
    assert any(a.label.startswith("Aston, Birmingham") for a in areas)
    wards = allowed_values(conn, "area", area_type="Ward")
    assert wards and all(not a.value.startswith("E08") for a in wards)
    codes = [a.value for a in indicators(conn, Profile(definitions=[{
        "indicator_id": "new_one", "name": "A new one", "theme": "Jobs", "unit": "%",
        "polarity": "No judgement"}]))]
    assert {"PCT_IND", "CNT_IND", "NEW_ONE"} <= set(codes)
    assert allowed_values(conn, "period") == []


def test_a_typed_period_is_checked_naming_the_forms() -> None:
    assert period_problem("2026 Q3") == "" and period_label("2026-Q3") == "2026 Q3"
    assert "2024 Q3" in period_problem("Spring") and "not a period" in period_problem("Spring")
    assert period_label("Spring") == ""


def test_an_area_type_constant_keeps_the_areas_of_its_level(seeded: Store,
                                                              tmp_path: Path) -> None:
    path = write_csv(tmp_path / "wards.csv", [OBS, obs(area="Astonn")])
    profile = Profile(constants={"area_type": "Ward"})
    found = unrecognised(run_import(seeded, path, ImportOptions(profile=profile,
                                                                dry_run=True)))
    assert [(u.value, u.area_type) for u in found] == [("Astonn", "Ward")]
    wards = of_area_type(allowed_values(seeded.conn, "area"), found[0].area_type)
    assert wards and {a.level for a in wards} == {"ward"}
    assert any(a.label.startswith("Aston, Birmingham") for a in wards)
