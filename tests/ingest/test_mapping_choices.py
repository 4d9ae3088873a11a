"""The mapping step's core, without a window: the preview of a sheet, the clerk's choices made
into a profile, the check of those choices, and an import that uses them."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import DEFINITIONS, write_csv

from mag_desktop.core.ingest.choices import (
    build_profile,
    check_choices,
    choices_of,
    field_options,
    import_options,
)
from mag_desktop.core.ingest.preview import IGNORE, WIDE, read_preview
from mag_desktop.core.ingest.profile import Profile, load_profile, save_profile
from mag_desktop.core.ingest.service import run_import
from mag_desktop.core.store import Store

LAYOUT = ["Area code", "Ethnic group", "Result", ""]


def partner(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "partner.csv", [
        ["Quarterly figures"], LAYOUT,
        ["E08000025", "Pakistani", 12, "2024 Q1"], ["E08000025", "Indian", 15, "2024 Q1"]])


def test_the_preview_shows_rows_header_and_every_column(tmp_path: Path) -> None:
    preview = read_preview(partner(tmp_path))
    assert preview.header_row == 1 and preview.rows[0] == ["Quarterly figures"]
    assert preview.letters == ["A", "B", "C", "D"]
    assert [(c.letter, c.header, c.field, c.example) for c in preview.columns] == [
        ("A", "Area code", "area_code", "E08000025"),
        ("B", "Ethnic group", "ethnic_group", "Pakistani"),
        ("C", "Result", IGNORE, "12"),
        ("D", "Column D", IGNORE, "2024 Q1")]  # an unheaded column, by its letter
    chosen = read_preview(partner(tmp_path), header_row=0)
    assert chosen.header_row == 0
    assert [c.header for c in chosen.columns][:1] == ["Quarterly figures"]


def test_the_choices_are_checked_in_words(tmp_path: Path) -> None:
    choices = choices_of(read_preview(partner(tmp_path)))
    problems = check_choices(choices)
    assert any("nothing gives Indicator ID" in p and "constant" in p for p in problems)
    assert any("nothing gives Value" in p for p in problems)
    choices.columns["Result"] = "value"
    choices.columns["Column D"] = "value"
    assert any("Value is chosen for 2 columns" in p for p in check_choices(choices))
    choices.columns["Column D"] = "period"
    choices.constants = {"indicator": "CNT_IND", "period": "2024 Q2"}
    assert any("as the constant '2024 Q2'" in p for p in check_choices(choices))
    del choices.constants["period"]
    assert check_choices(choices) == []
    assert field_options("observations")[0] == (IGNORE, "Ignore")
    assert ("value", "Value (required)") in field_options("observations")


def test_the_choices_make_a_profile_that_reads_back(tmp_path: Path) -> None:
    choices = choices_of(read_preview(partner(tmp_path)))
    choices.columns.update({"Result": "value", "Column D": "period", "Ethnic group": IGNORE,
                            "Somewhere": WIDE})
    choices.constants = {"indicator": "CNT_IND", "group": "All", "area": "E08000025"}
    base = Profile(name="Partner", keep_rows={"Area code": ["E08000025"]},
                   constants={"area_name": "Old", "area_type": "ward"})
    profile = build_profile(choices, base, "partner.csv")
    assert profile.columns["Result"] == "value" and "Somewhere" not in profile.columns
    assert profile.constants == {"area_type": "ward", "indicator_id": "CNT_IND",
                                 "ethnic_group": "All", "area_code": "E08000025"}
    assert profile.keep_rows == base.keep_rows and profile.name == "Partner"
    save_profile(profile, tmp_path / "p.json")
    assert load_profile(tmp_path / "p.json") == profile


def test_an_import_with_the_choices_stores_what_was_chosen(tmp_path: Path,
                                                           store: Store) -> None:
    assert run_import(store, write_csv(tmp_path / "defs.csv", DEFINITIONS)).status == "ok"
    path = partner(tmp_path)
    choices = choices_of(read_preview(path))
    choices.columns.update({"Result": "value", "Column D": "period"})
    choices.constants = {"indicator": "CNT_IND"}
    result = run_import(store, path, import_options(choices, None, path.name, dry_run=False))
    assert result.status == "ok", result.message
    rows = store.conn.execute("SELECT period, group_label, value FROM observation WHERE "
                              "indicator_code = 'CNT_IND' ORDER BY value").fetchall()
    assert rows == [("2024 Q1", "Pakistani", 12.0), ("2024 Q1", "Indian", 15.0)]


def test_a_header_row_chosen_by_hand_is_the_one_read(tmp_path: Path, store: Store) -> None:
    assert run_import(store, write_csv(tmp_path / "defs.csv", DEFINITIONS)).status == "ok"
    path = write_csv(tmp_path / "two.csv", [
        ["Indicator ID", "Period", "Area code", "Ethnic group", "Value"],
        ["Indicator ID", "Period", "Area code", "Ethnic group", "Value"],
        ["CNT_IND", "2024 Q3", "E08000025", "All", 40]])
    preview = read_preview(path, header_row=1)
    assert preview.header_row == 1
    choices = choices_of(preview)
    choices.header_row = 1
    result = run_import(store, path, import_options(choices, None, path.name, dry_run=True))
    assert result.status == "ok" and result.rows_read == 1, result.message
