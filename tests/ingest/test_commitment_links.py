"""A commitment names the indicators it aims to move: by a "Linked indicators" cell or a Links
sheet, read against the store's indicators, kept with the quarter's update and read back
through the commitment's detail."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import (
    COMMIT,
    checksum,
    commitment,
    imp,
    issue_for,
    seed_definitions,
    write_xlsx,
)

from mag_desktop.core.domain import IndicatorLink, LinkAim
from mag_desktop.core.errors import MagError
from mag_desktop.core.ingest.history import undo_import
from mag_desktop.core.query.commitments import commitment_detail
from mag_desktop.core.store import Store

LINKS = ["Commitment ID", "Indicator", "Ethnic group", "Compared with", "Aim"]
CELL = [*COMMIT, "Linked indicators"]


def _row(cid: str, cell: object) -> list[object]:
    return [*commitment(cid), cell]


def _file(tmp_path: Path, rows: list[list[object]], links: list[list[object]] | None = None,
          name: str = "commitments.xlsx") -> Path:
    sheets = {"Commitments": [CELL, *rows]}
    if links is not None:
        sheets["Links"] = [LINKS, *links]
    return write_xlsx(tmp_path / name, sheets)


def test_the_column_and_the_links_sheet_are_kept_and_read_back(sample_store: Path,
                                                               tmp_path: Path) -> None:
    path = _file(tmp_path, [
        _row("LNK-1", "CLAIMANT_RATE (Black Caribbean vs White British); "
                               "Youth justice first-time entrants"),
        _row("LNK-2", "emp_rate\nCLAIMANT_RATE (Black Caribbean vs White British)"),
        _row("LNK-3", None),
    ], links=[
        ["LNK-3", "Households in temporary accommodation", "Black African", "White British",
         "Reduce the gap"],
        ["LNK-3", "NHS_HEALTH_CHECK", "Pakistani", None, "Increase"],
        ["lnk-3", "nhs_health_check", "Pakistani", None, "raise"],  # the same link again
        ["LNK-2", "YJ_FTE", "Mixed White/Black Caribbean", None, "Fewer"],
        ["LNK-2", "EMP_RATE", None, None, None],  # as the cell gives it: one link
    ])
    with Store.open(sample_store) as store:
        result = imp(store, path, kind="commitments")
        assert result.status == "ok", [i.line() for i in result.errors]
        assert result.sheet == "Commitments, Links"
        claimant = IndicatorLink("CLAIMANT_RATE", "BLACK_CARIBBEAN", "WHITE_BRITISH")
        assert commitment_detail(store.conn, "LNK-1").links == (claimant,
                                                                IndicatorLink("YJ_FTE"))
        assert commitment_detail(store.conn, "LNK-2").links == (
            IndicatorLink("EMP_RATE"), claimant,
            IndicatorLink("YJ_FTE", "MIXED_WHITE_BLACK_CARIBBEAN", aim=LinkAim.LOWER))
        detail = commitment_detail(store.conn, "LNK-3")
        assert detail.links == (
            IndicatorLink("TEMP_ACCOM", "BLACK_AFRICAN", "WHITE_BRITISH", LinkAim.NARROW),
            IndicatorLink("NHS_HEALTH_CHECK", "ASIAN_PAKISTANI", aim=LinkAim.RAISE))
        assert detail.history[-1].links == detail.links


def test_an_unknown_indicator_is_one_located_error_with_a_suggestion(sample_store: Path,
                                                                      tmp_path: Path) -> None:
    path = _file(tmp_path, [_row("LNK-1", "YJ_FTE"),
                            _row("LNK-2", "YJ_FTE; CLAIMANT_RAT (Pakistani)")])
    with Store.open(sample_store) as store:
        before = checksum(store)
        result = imp(store, path, kind="commitments")
        assert result.status == "rejected"
        assert len(result.errors) == 1
        issue = issue_for(result, "link-indicator")
        assert (issue.file, issue.sheet, issue.row, issue.column, issue.header) == (
            "commitments.xlsx", "Commitments", 3, "J", "Linked indicators")
        assert issue.value == "YJ_FTE; CLAIMANT_RAT (Pakistani)"
        assert "'CLAIMANT_RAT' is not an indicator the store holds" in issue.message
        assert "did you mean CLAIMANT_RATE (Claimant rate, aged 16 to 64)?" in issue.message
        assert checksum(store) == before  # all or nothing: LNK-1 is not stored either
        assert store.conn.execute(
            "SELECT count(*) FROM commitment WHERE id LIKE 'LNK-%'").fetchone()[0] == 0


def test_a_name_is_suggested_for_a_misspelt_name(sample_store: Path, tmp_path: Path) -> None:
    path = _file(tmp_path, [_row("LNK-1", "Youth justice first time entrance")])
    with Store.open(sample_store) as store:
        issue = issue_for(imp(store, path, kind="commitments"), "link-indicator")
        assert "did you mean YJ_FTE (Youth justice first-time entrants)?" in issue.message


def test_with_no_indicators_in_the_store_the_error_says_to_import_them_first(
        store: Store, tmp_path: Path) -> None:
    result = imp(store, _file(tmp_path, [_row("LNK-1", "CLAIMANT_RATE")]))
    issue = issue_for(result, "link-indicator")
    assert "the store holds no indicators yet" in issue.message
    assert "import the indicators (their definitions) first" in issue.message
    assert store.conn.execute("SELECT count(*) FROM commitment").fetchone()[0] == 0


def test_a_links_row_for_a_commitment_the_file_does_not_list_names_its_row(
        sample_store: Path, tmp_path: Path) -> None:
    path = _file(tmp_path, [_row("LNK-1", None)],
                 links=[["LNK-1", "YJ_FTE", None, None, None],
                        ["LNK-9", "YJ_FTE", None, None, None]])
    with Store.open(sample_store) as store:
        result = imp(store, path, kind="commitments")
        issue = issue_for(result, "link-commitment")
        assert (issue.sheet, issue.row, issue.column, issue.value) == ("Links", 3, "A", "LNK-9")
        assert "row 3 links commitment LNK-9, which is not in the commitments sheet" in (
            issue.message)
        assert result.status == "rejected"


def test_a_group_or_an_aim_not_understood_is_named(sample_store: Path, tmp_path: Path) -> None:
    path = _file(tmp_path, [_row("LNK-1", "YJ_FTE (Blackish vs White British)")],
                 links=[["LNK-1", "EMP_RATE", "Pakistani", "Pakistani", None],
                        ["LNK-1", "EMP_RATE", "Pakistani", None, "Sideways"]])
    with Store.open(sample_store) as store:
        result = imp(store, path, kind="commitments")
    groups = [i for i in result.errors if i.rule == "link-group"]
    assert [(i.sheet, i.row, i.column) for i in groups] == [("Commitments", 2, "J"),
                                                           ("Links", 2, "D")]
    assert "'Blackish' is not an ethnic group" in groups[0].message
    assert "'Pakistani' is the group itself" in groups[1].message
    aim = issue_for(result, "link-aim")
    assert (aim.row, aim.column, aim.value) == (3, "E", "Sideways")
    for word in ("Narrow the gap", "Reduce the gap", "Close the gap", "Lower", "Reduce",
                 "Decrease", "Fewer", "Raise", "Increase", "More"):
        assert f"'{word}'" in aim.message


def test_an_aim_to_lower_or_raise_without_a_group_is_refused(sample_store: Path,
                                                           tmp_path: Path) -> None:
    """Lowering or raising "the" figure of no group would leave the group to a guess: the
    cell and the Links sheet both refuse it, each where it is written, and nothing imports."""
    path = _file(tmp_path, [_row("LNK-1", "CLAIMANT_RATE (lower)"),
                            _row("LNK-2", "EMP_RATE (vs White British, raise)"),
                            _row("LNK-3", "YJ_FTE (Pakistani, lower); TEMP_ACCOM (, lower)")],
                 links=[["LNK-3", "Claimant rate", None, None, "Lower"],
                        ["LNK-3", "EMP_RATE", "Pakistani", None, "Raise"]])
    with Store.open(sample_store) as store:
        before = checksum(store)
        result = imp(store, path, kind="commitments")
        assert result.status == "rejected"
        assert checksum(store) == before
    found = [i for i in result.errors if i.rule == "link-aim-group"]
    assert [(i.sheet, i.row, i.column, i.value) for i in found] == [
        ("Commitments", 2, "J", "CLAIMANT_RATE (lower)"),
        ("Commitments", 3, "J", "EMP_RATE (vs White British, raise)"),
        ("Commitments", 4, "J", "YJ_FTE (Pakistani, lower); TEMP_ACCOM (, lower)"),
        ("Links", 2, "E", "Lower")]
    assert all("an aim to lower or raise a figure needs the ethnic group whose figure it is"
               in i.message for i in found)
    assert [i.rule for i in result.errors] == ["link-aim-group"] * 4  # the rest is right


def test_a_changed_link_is_a_new_update_and_an_unchanged_one_is_unchanged(
        sample_store: Path, tmp_path: Path) -> None:
    first = _file(tmp_path, [_row("LNK-1", "YJ_FTE"),
                             _row("LNK-2", "EMP_RATE (Pakistani)")], name="a.xlsx")
    again = _file(tmp_path, [_row("LNK-1", "YJ_FTE"),
                             _row("LNK-2", "EMP_RATE (Pakistani, lower)")],
                  name="b.xlsx")
    with Store.open(sample_store) as store:
        assert imp(store, first, kind="commitments").inserted == 2
        result = imp(store, again, kind="commitments")
        assert (result.inserted, result.updated, result.unchanged) == (0, 1, 1)
        rows = store.conn.execute(
            "SELECT links, superseded_by FROM commitment_update WHERE commitment_id = 'LNK-2'"
            " ORDER BY row_id").fetchall()
        assert len(rows) == 2
        assert rows[0][1] == result.import_id and rows[1][1] is None
        assert '"aim":"narrow"' in rows[0][0] and '"aim":"lower"' in rows[1][0]
        assert commitment_detail(store.conn, "LNK-2").links == (
            IndicatorLink("EMP_RATE", "ASIAN_PAKISTANI", aim=LinkAim.LOWER),)


def test_the_import_defining_a_linked_indicator_is_not_undone_before_the_link(
        store: Store, tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    linked = imp(store, _file(tmp_path, [_row("LNK-1", "PCT_IND (Black vs White)")]))
    assert linked.status == "ok", [i.line() for i in linked.errors]
    definitions = linked.import_id - 1
    with pytest.raises(MagError, match=rf"import {definitions} \(definitions.csv\) cannot be "
                       rf"undone on its own: import {linked.import_id} \(commitments.xlsx\)"):
        undo_import(store, definitions)
    assert commitment_detail(store.conn, "LNK-1").links == (
        IndicatorLink("PCT_IND", "BLACK", "WHITE"),)
    undo_import(store, linked.import_id)
    undo_import(store, definitions)  # nothing links its indicators now
    assert store.conn.execute("SELECT count(*) FROM indicator").fetchone()[0] == 0
