"""Finding the table: titles above, notes below, two-row merged headers, empty leading columns,
and which sheet."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import OBS, checksum, current_obs, imp, obs, write_xlsx

from mag_desktop.core.store import Store

PAK, IND = obs(area="E08000025", value=12), obs(area="E08000026", group="Indian", value=7)


def test_titles_above_and_footnotes_below_with_empty_leading_columns(seeded: Store,
                                                                     tmp_path: Path) -> None:
    pad = [None, None]
    rows = [
        [*pad, "Table 3: Residents by ethnic group and local authority"],
        [*pad, "West Midlands, 2024 Q1"],
        [],
        [*pad, *OBS[:5]],
        [*pad, *PAK[:5]],
        [],  # a blank row inside the data is skipped, not the end of the table
        [*pad, *IND[:5]],
        [],
        [*pad, "Source: Office for National Statistics, Annual Population Survey"],
        [*pad, "1. Figures are rounded to the nearest whole number."],
        [*pad, "Figures may not sum to totals because of rounding and suppression."],
        [*pad, "[c] confidential"],
    ]
    path = write_xlsx(tmp_path / "titled.xlsx", {"About": [["About this file"], ["Contact"]],
                                                 "Table 3": rows})
    result = imp(seeded, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert result.sheet == "Table 3"
    assert result.rows_read == 2 and result.inserted == 2
    assert [r[1:5] for r in current_obs(seeded.conn)] == [
        ("E08000025", "2024 Q1", "ASIAN_PAKISTANI", 12.0),
        ("E08000026", "2024 Q1", "ASIAN_INDIAN", 7.0)]


def test_issue_positions_follow_excel_with_offsets(seeded: Store, tmp_path: Path) -> None:
    rows = [["A title"], [], [None, *OBS[:5]], [None, *obs(value="lots")[:5]]]
    result = imp(seeded, write_xlsx(tmp_path / "offset.xlsx", {"Data": rows}))
    issue = result.errors[0]
    assert (issue.row, issue.column, issue.header, issue.value) == (4, "F", "Value", "lots")


def test_two_row_header_with_merged_ethnic_group_is_flattened_and_unpivoted(
        seeded: Store, tmp_path: Path) -> None:
    rows = [
        ["Usual residents by ethnic group, 2021"],
        [],
        ["Area code", "Area name", "Ethnic group", None, None, None],
        [None, None, "Asian, Asian British or Asian Welsh: Bangladeshi",
         "Asian, Asian British or Asian Welsh: Indian",
         "White: English, Welsh, Scottish, Northern Irish or British",
         "Total: All usual residents"],
        ["E08000025", "Birmingham", 10, 20, 30, 60],
        ["E08000026", "Coventry", 1, 2, "[c]", 3],
        [],
        ["Source: ONS Census 2021, TS021"],
    ]
    path = write_xlsx(tmp_path / "wide.xlsx", {"TS021": rows},
                      merges={"TS021": ["C3:F3", "A3:A4", "B3:B4"]})
    result = imp(seeded, path, period="2021",
                 profile=_constants(indicator_id="CNT_IND"))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert result.rows_read == 2 and result.inserted == 8
    got = {(r[1], r[3]): (r[4], r[9]) for r in current_obs(seeded.conn)}
    assert got == {
        ("E08000025", "ASIAN_BANGLADESHI"): (10.0, None),
        ("E08000025", "ASIAN_INDIAN"): (20.0, None),
        ("E08000025", "WHITE_BRITISH"): (30.0, None),
        ("E08000025", "ALL"): (60.0, None),
        ("E08000026", "ASIAN_BANGLADESHI"): (1.0, None),
        ("E08000026", "ASIAN_INDIAN"): (2.0, None),
        ("E08000026", "WHITE_BRITISH"): (None, "[c]"),
        ("E08000026", "ALL"): (3.0, None),
    }
    labels = {r[0] for r in seeded.conn.execute("SELECT group_label FROM observation")}
    assert "Ethnic group: Asian, Asian British or Asian Welsh: Indian" in labels  # kept as sent


def test_the_sheet_that_matches_is_chosen(seeded: Store, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {
        "Cover": [["Quarterly return"], ["Prepared by the council"]],
        "Notes": [["Note", "Text"], ["1", "Figures are provisional"]],
        "Data": [OBS[:5], PAK[:5]],
    })
    result = imp(seeded, path)
    assert result.status == "ok", result.errors
    assert result.sheet == "Data"


def test_several_matching_sheets_need_sheet(seeded: Store, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", {"Q1": [OBS[:5], PAK[:5]],
                                              "Q2": [OBS[:5], obs(period="2024 Q2")[:5]]})
    before = checksum(seeded)
    result = imp(seeded, path)
    assert result.status == "rejected"
    assert "'Q1'" in result.message and "'Q2'" in result.message
    assert "--sheet" in result.message
    assert checksum(seeded) == before
    chosen = imp(seeded, path, sheet="Q2")
    assert chosen.status == "ok" and chosen.sheet == "Q2"
    assert [r[2] for r in current_obs(seeded.conn)] == ["2024 Q2"]
    # the other sheet of the same file can then be imported too
    other = imp(seeded, path, sheet="Q1")
    assert other.status == "ok", other.message
    assert sorted(r[2] for r in current_obs(seeded.conn)) == ["2024 Q1", "2024 Q2"]
    again = imp(seeded, path, sheet="Q1")
    assert again.status == "rejected" and "already imported" in again.message


def test_a_missing_sheet_is_named_with_the_sheets_there_are(seeded: Store,
                                                            tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"Notes": [["x"]], "Data": [OBS[:5], PAK[:5]]})
    before = checksum(seeded)
    result = imp(seeded, path, sheet="Dtaa")
    assert result.status == "rejected"
    assert "no sheet 'Dtaa'" in result.message
    assert "'Notes'" in result.message and "'Data'" in result.message
    assert checksum(seeded) == before


def _constants(**constants: str):  # type: ignore[no-untyped-def]
    from mag_desktop.core.ingest.profile import Profile

    return Profile(constants=dict(constants))
