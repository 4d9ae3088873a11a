"""Imported text: invisible and control characters removed with a warning naming the cells, and
text longer than its field's limit cut with a warning naming the cells, never in silence."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import COMMIT, DEFINITIONS, OBS, commitment, imp, issue_for, obs, write_csv

from mag_desktop.core.ingest.cells import clean_text
from mag_desktop.core.store import Store

HEADERS = [*COMMIT, "Narrative update"]


def test_bidi_overrides_zero_width_and_c1_controls_are_removed_and_named(
        store: Store, tmp_path: Path) -> None:
    rows = [HEADERS,
            [*commitment("C-1", title="\u202eKCATTA"), "Fine"],
            [*commitment("C-2", title="Jobs\u200b pathway"), "Done\u0085 \u2066well\u2069"],
            [*commitment("C-3", title="Plain"), "Plain"],
            [*commitment("C-4", title="\ufeffHousing \u202dfirst\u202c"), ""]]
    result = imp(store, write_csv(tmp_path / "bidi.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    titles = dict(store.conn.execute("SELECT id, title FROM commitment").fetchall())
    assert titles == {"C-1": "KCATTA", "C-2": "Jobs pathway", "C-3": "Plain",
                      "C-4": "Housing first"}
    narrative = store.conn.execute(
        "SELECT narrative FROM commitment_update WHERE commitment_id = 'C-2'").fetchone()[0]
    assert narrative == "Done well"
    title = issue_for(result, "text-invisible", "warning")
    assert title.column == "B" and title.row == 2
    assert "from 3 cells: B2, B3, B5" in title.message
    assert "U+202E right-to-left override" in title.message
    assert "U+200B zero width space" in title.message
    narratives = [i for i in result.warnings if i.rule == "text-invisible" and i.column == "J"]
    assert len(narratives) == 1 and "from 1 cell: J3" in narratives[0].message
    assert "U+0085" in narratives[0].message and "U+2066" in narratives[0].message


def test_text_longer_than_its_limit_is_cut_with_a_warning_naming_the_cell(
        store: Store, tmp_path: Path) -> None:
    long_title = "Jobs " * 120  # 600 characters, over the 500 a title keeps
    rows = [HEADERS, [*commitment("C-1", title=long_title), "n" * 5_200],
            [*commitment("C-2"), "short"]]
    result = imp(store, write_csv(tmp_path / "long.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    stored = store.conn.execute("SELECT title FROM commitment WHERE id = 'C-1'").fetchone()[0]
    assert len(stored) == 500
    cut = [i for i in result.warnings if i.rule == "text-long"]
    assert {(i.column, i.row) for i in cut} == {("B", 2), ("J", 2)}
    title = next(i for i in cut if i.column == "B")
    assert "1 cell longer than the 500 characters" in title.message
    assert "the longest 599" in title.message and ": B2;" in title.message


def test_a_definitions_name_with_an_override_is_named(store: Store, tmp_path: Path) -> None:
    rows = [DEFINITIONS[0], DEFINITIONS[1],
            ["CNT_IND", "A count\u202e of residents", *DEFINITIONS[2][2:]]]
    result = imp(store, write_csv(tmp_path / "defs.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    warning = issue_for(result, "text-invisible", "warning")
    assert warning.column == "B" and "B3" in warning.message


def test_clean_text_keeps_tabs_line_breaks_and_ordinary_accents() -> None:
    assert clean_text("Café\tcrème\nbrûlée\u202e") == "Café\tcrème\nbrûlée"


def test_invisible_characters_in_observations_are_cleaned_and_named(
        store: Store, tmp_path: Path) -> None:
    """Area, group and indicator cells are read a distinct value at a time: each value with an
    override or a zero-width character is cleaned, and its cells named, once per column."""
    rows = [DEFINITIONS[0], *DEFINITIONS[1:]]
    assert imp(store, write_csv(tmp_path / "defs.csv", rows)).status == "ok"
    data = [OBS[:5], obs(group="Pakistani\u200b"), obs(group="Indian"),
            obs(group="Bangladeshi", area="E08000025\u202e"), obs(group="Pakistani\u200b",
                                                                  period="2024 Q2")]
    result = imp(store, write_csv(tmp_path / "obs.csv", data))
    assert result.status == "ok", [i.line() for i in result.errors]
    labels = {r[0] for r in store.conn.execute("SELECT group_label FROM observation")}
    assert labels == {"Pakistani", "Indian", "Bangladeshi"}
    found = {(i.column, i.message.split(": ")[1].split(";")[0]) for i in result.warnings
             if i.rule == "text-invisible"}
    assert found == {("D", "D2, D5"), ("C", "C4")}
