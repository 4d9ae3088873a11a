"""Cover sheets, contents pages and notes recognised, by name and by what they hold, in real
published workbooks and in small ones; the preview opens the first data sheet."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import OBS, obs, write_csv, write_xlsx
from realworld_helpers import REALWORLD, needs

from mag_desktop.core.ingest.preflight import check_file
from mag_desktop.core.ingest.preview import read_preview
from mag_desktop.core.ingest.readers import Workbook
from mag_desktop.core.ingest.sheet_kinds import kind_by_name, sheet_kinds

ONS = REALWORLD / "ons_birth_characteristics_england_wales_2021.xlsx"
NHSD = REALWORLD / "nhsd_adult_social_care_survey_2020-21_annex_tables.xlsx"


def kinds_of(path: Path) -> dict[str, str]:
    book = Workbook(check_file(path))
    try:
        return {k.name: k.reason for k in sheet_kinds(book)}
    finally:
        book.close()


@needs(ONS)
def test_the_ons_births_workbook() -> None:
    reasons = kinds_of(ONS)
    assert reasons["Cover_sheet"] == "Cover sheet"
    assert reasons["Contents"] == "Contents" and reasons["Notes"] == "Notes"
    assert all(reasons[str(n)] == "" for n in range(1, 22))  # the 21 tables are data
    assert reasons["Explorable_datasets"] == "Notes"  # a few lines of prose and links
    preview = read_preview(ONS)
    assert preview.sheet == "1"  # the first data sheet, not the cover
    assert [k.name for k in preview.kinds] == preview.sheets
    assert "Sheet" not in preview.message.split(":")[0]


@needs(NHSD)
def test_the_nhs_digital_survey_workbook() -> None:
    reasons = kinds_of(NHSD)
    assert (reasons["Contents"], reasons["Notes"]) == ("Contents", "Notes")
    assert next(n for n, r in reasons.items() if not r) == "T1a - Answers by Council"
    assert read_preview(NHSD).sheet == "T1a - Answers by Council"
    contents = read_preview(NHSD, sheet="Contents")  # chosen by hand: said so
    assert contents.message.startswith("Sheet 'Contents' is a contents page, not a table")


def test_names() -> None:
    assert kind_by_name("Cover_sheet") == "cover" and kind_by_name("Front page") == "cover"
    assert kind_by_name("Contents ") == "contents" and kind_by_name("Table of contents")
    assert kind_by_name("Notes table") == "notes" and kind_by_name("Metadata") == "notes"
    assert kind_by_name("Data") is None and kind_by_name("Notes2020") is None
    assert kind_by_name("Table 1") is None and kind_by_name("Coverage") is None


def test_content_without_a_telling_name(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {
        "Welcome": [["Employment by ethnic group"], ["Published quarterly by the partner."],
                    ["Contact: data@example.org"]],
        "Tabs": [["Sheet", "What it holds"], ["Figures", "The figures"],
                 ["Read first", "Notes"], ["Extra", "Other figures"]],
        "Read first": [["These figures are provisional."], ["Rounded to the nearest 5."]],
        "Figures": [OBS, obs(), obs(group="Indian"), obs(group="All")],
        "Extra": [["Area", "Year", "Count", "Rate"], ["Birmingham", 2021, 12, 1.5],
                  ["Coventry", 2021, 8, 1.1]],
        "Blank": [[]],
    })
    assert kinds_of(path) == {"Welcome": "Cover sheet", "Tabs": "Contents",
                              "Read first": "Notes", "Figures": "", "Extra": "",
                              "Blank": "Empty sheet"}


def test_a_csv_file_is_one_data_sheet(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "notes.csv", [["A note"], ["Another"]])
    assert kinds_of(path) == {"notes": ""}
