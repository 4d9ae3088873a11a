"""Ethnic groups as other classifications write them: Census 2011 labels, DfE labels and
codes, NHS letters and footnote marks; mapped to a 2021 group where the people are the same,
kept as a group of their own under its heading where they are not, never refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from ingest_helpers import OBS, current_obs, imp, obs, seed_definitions, write_csv

from mag_desktop.core.ethnicity import group, map_label
from mag_desktop.core.store import Store
from mag_desktop.core.store.schema import MIGRATIONS

KEPT_APART = ("ASIAN_EXCL_CHINESE", "WHITE_GYPSY_ROMA", "WHITE_IRISH_TRAVELLER",
              "WHITE_OTHER_2001")


@pytest.mark.parametrize(("label", "code"), [
    ("Black / African / Caribbean / Black British: African", "BLACK_AFRICAN"),
    ("Mixed/multiple ethnic group: Other Mixed", "MIXED_OTHER"),
    ("Asian/Asian British: Any other Asian background", "ASIAN_OTHER"),
    ("Black - Any other Black background", "BLACK_OTHER"),
    ("Gypsy/Roma", "WHITE_GYPSY_ROMA"), ("Traveller of Irish heritage", "WHITE_IRISH_TRAVELLER"),
    ("Irish traveller", "WHITE_IRISH_TRAVELLER"), ("Mixed Dual background", "MIXED"),
    ("Any other ethnic group", "OTHER_ANY"), ("WBRI", "WHITE_BRITISH"),
    ("MWBC", "MIXED_WHITE_BLACK_CARIBBEAN"), ("WROM", "WHITE_GYPSY_ROMA"),
    ("ASIA", "ASIAN_EXCL_CHINESE"), ("CHIN", "ASIAN_CHINESE"), ("AOEG", "OTHER"),
    ("UNCL", "UNKNOWN"), ("Information not yet obtained", "UNKNOWN")])
def test_other_classifications(label: str, code: str) -> None:
    assert map_label(label).code == code


def test_a_group_of_another_classification_keeps_its_heading() -> None:
    assert group("WHITE_GYPSY_ROMA").heading_code == "WHITE"
    assert group("ASIAN_EXCL_CHINESE").heading_code == "ASIAN"
    assert map_label("Black: Indian").code is None  # a group is read only under its heading


def test_nhs_letters_only_where_a_cell_holds_a_group() -> None:
    assert map_label("A").code is None  # a header "A" is a column, not White British
    assert map_label("A", nhs_letters=True).code == "WHITE_BRITISH"
    assert map_label("C", nhs_letters=True).code == "WHITE_OTHER_2001"
    assert map_label("R", nhs_letters=True).code == "ASIAN_CHINESE"
    assert map_label("Z", nhs_letters=True).code == "UNKNOWN"


@pytest.mark.parametrize(("label", "code", "mark"), [
    ("Not known2", "UNKNOWN", "2"), ("White British¹", "WHITE_BRITISH", "¹"),
    ("Asian (a)", "ASIAN", "(a)"), ("Indian [note 4]", "ASIAN_INDIAN", "[note 4]")])
def test_footnote_marks_are_removed_and_kept_aside(label: str, code: str, mark: str) -> None:
    found = map_label(label)
    assert (found.code, found.footnote) == (code, mark)


def test_an_import_stores_each_as_its_group(store: Store, tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    labels = {"Gypsy/Roma": "WHITE_GYPSY_ROMA", "WBRI": "WHITE_BRITISH", "H": "ASIAN_INDIAN",
              "Black / African / Caribbean / Black British: Caribbean": "BLACK_CARIBBEAN",
              "Not known2": "UNKNOWN", "Traveller of Irish heritage": "WHITE_IRISH_TRAVELLER"}
    rows = [obs(group=label, value=str(k + 1)) for k, label in enumerate(labels)]
    result = imp(store, write_csv(tmp_path / "e.csv", [OBS, *rows]))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert {r[3] for r in current_obs(store.conn)} == set(labels.values())
    note, = [w for w in result.warnings if w.rule == "ethnic-footnote"]
    assert (note.value, note.row) == ("Not known2", 6)
    assert "'2' was removed" in note.message


def test_an_older_store_gains_the_groups_when_migrated(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    MIGRATIONS[0](conn)
    conn.execute(f"DELETE FROM ethnic_group WHERE code IN {KEPT_APART}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    conn.close()
    with Store.open(path) as store:
        rows = store.conn.execute(
            "SELECT code, label, short_label, heading_code, kind, position FROM ethnic_group "
            f"WHERE code IN {KEPT_APART} ORDER BY position").fetchall()
    assert [tuple(r) for r in rows] == [
        (g.code, g.label, g.short_label, g.heading_code, g.kind, g.order)
        for g in sorted(map(group, KEPT_APART), key=lambda g: g.order)]


def _groups_stored(store: Store, tmp_path: Path, labels: list[str]) -> tuple[set[str], list[str]]:
    seed_definitions(store, tmp_path)
    rows = [obs(group=label, value=str(k + 1)) for k, label in enumerate(labels)]
    result = imp(store, write_csv(tmp_path / "g.csv", [OBS, *rows]))
    assert result.status == "ok", [i.line() for i in result.errors]
    notes = [w.message for w in result.warnings if w.rule == "ethnic-asian-without-chinese"]
    return {r[3] for r in current_obs(store.conn)}, notes


def test_asian_beside_chinese_is_asian_except_chinese(store: Store, tmp_path: Path) -> None:
    codes, notes = _groups_stored(store, tmp_path, ["All", "White", "Asian", "Chinese", "Black"])
    assert codes == {"ALL", "WHITE", "ASIAN_EXCL_CHINESE", "ASIAN_CHINESE", "BLACK"}
    assert notes == ["read 'Asian' as Asian except Chinese: the file reports Chinese beside it "
                     "as a group of its own (as DfE and 2001-style groups do), so its Asian "
                     "group is not the 2021 heading: 1 row"]


def test_asian_with_its_own_groups_stays_the_heading(store: Store, tmp_path: Path) -> None:
    codes, notes = _groups_stored(store, tmp_path, ["Asian", "Chinese", "Indian", "Pakistani"])
    assert "ASIAN" in codes and not notes
