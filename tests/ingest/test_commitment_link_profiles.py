"""Links honour a profile as the rest of a commitments file does (columns, constants, values,
skip_values), and the words of a link are read as the clerks' guide says."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import COMMIT, commitment, imp, seed_definitions, write_csv, write_xlsx

from mag_desktop.core.domain import IndicatorLink, LinkAim
from mag_desktop.core.ingest.links import IndicatorNames, aim_of
from mag_desktop.core.ingest.profile import Profile
from mag_desktop.core.query.commitments import commitment_detail
from mag_desktop.core.store import Store


@pytest.mark.parametrize(("word", "aim"), [
    ("Narrow the gap", LinkAim.NARROW), ("reduce the gap", LinkAim.NARROW),
    ("Close the gap.", LinkAim.NARROW), ("", LinkAim.NARROW), ("Lower", LinkAim.LOWER),
    ("REDUCE", LinkAim.LOWER), ("decrease", LinkAim.LOWER), ("Fewer", LinkAim.LOWER),
    ("Raise", LinkAim.RAISE), ("increase", LinkAim.RAISE), ("More", LinkAim.RAISE),
    ("Widen the gap", None), ("sideways", None)])
def test_the_aim_words(word: str, aim: LinkAim | None) -> None:
    assert aim_of(word) is aim


def _row(cid: str, cell: object) -> list[object]:
    return [*commitment(cid), cell]


def test_indicators_are_found_by_id_name_or_a_loose_spelling_of_either() -> None:
    names = IndicatorNames([("CLAIMANT_RATE", "Claimant rate, aged 16 to 64"),
                            ("YJ_FTE", "Youth justice first-time entrants")])
    for text in ("claimant_rate", "Claimant rate", "CLAIMANT-RATE", "claimant rate aged 16 to 64",
                 "Claimant Rate, Aged 16 To 64"):
        assert names.find(text) == "CLAIMANT_RATE", text
    assert names.find("youth justice first time entrants") == "YJ_FTE"
    assert names.find("Claimants") is None
    assert "did you mean YJ_FTE" in names.unknown("YJ_FT")
    assert "did you mean" not in names.unknown("Something else entirely")


def _links(store: Store, cid: str) -> tuple[IndicatorLink, ...]:
    return commitment_detail(store.conn, cid).links


def test_a_profile_maps_translates_and_skips_links(store: Store, tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    path = write_xlsx(tmp_path / "partner.xlsx", {
        "Actions": [[*COMMIT, "Targets"],
                    _row("C-1", "Share; Count (BC vs WB)"),
                    _row("C-2", "Everything")],
        "Link list": [["Action", "Measure", "Who", "Against", "Direction"],
                      ["C-2", "Count", "Pakistani", None, "Down"],
                      ["C-2", "n/a", None, None, None]],
    })
    profile = Profile(
        kind="commitments",
        columns={"Targets": "indicators", "Action": "commitment_id", "Measure": "indicator",
                 "Who": "group", "Against": "comparator", "Direction": "aim"},
        values={"indicators": {"Share": "PCT_IND", "Count (BC vs WB)":
                               "CNT_IND (Black Caribbean vs White British)",
                               "Everything": ""},
                "indicator": {"Count": "CNT_IND"}, "aim": {"Down": "Lower"}},
        skip_values={"indicator": ["n/a"]},
    )
    result = imp(store, path, profile=profile)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert _links(store, "C-1") == (
        IndicatorLink("PCT_IND"), IndicatorLink("CNT_IND", "BLACK_CARIBBEAN", "WHITE_BRITISH"))
    assert _links(store, "C-2") == (
        IndicatorLink("CNT_IND", "ASIAN_PAKISTANI", aim=LinkAim.LOWER),)
    assert any("skip_values" in w.message for w in result.warnings)


def test_a_constant_links_every_row(store: Store, tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    path = write_csv(tmp_path / "c.csv", [COMMIT, commitment("C-1"), commitment("C-2")])
    result = imp(store, path, profile=Profile(constants={"indicators": "pct_ind (Black)"}))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert _links(store, "C-1") == _links(store, "C-2") == (IndicatorLink("PCT_IND", "BLACK"),)


def test_a_bracket_may_carry_an_aim_and_a_name_may_carry_brackets(store: Store,
                                                                  tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    with store.write() as conn:
        conn.execute("UPDATE indicator SET name = 'A count (of residents)' WHERE code = 'CNT_IND'")
    path = write_csv(tmp_path / "c.csv", [[*COMMIT, "Linked indicators"],
                                          _row("C-1", "PCT_IND (close the gap); "
                                                               "a count (of residents)"),
                                          _row("C-2", "PCT_IND (Indian, Lower)")])
    result = imp(store, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert _links(store, "C-1") == (IndicatorLink("PCT_IND", aim=LinkAim.NARROW),
                                    IndicatorLink("CNT_IND"))
    assert _links(store, "C-2") == (IndicatorLink("PCT_IND", "ASIAN_INDIAN",
                                                  aim=LinkAim.LOWER),)
