"""Edge cases found in review: a note never suppresses a number, undo respects restated rows,
ragged CSV rows, formulas whose result is an empty string, dry runs that write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import (
    COMMIT,
    OBS,
    checksum,
    commitment,
    imp,
    obs,
    rewrite_zip,
    sheet_xml,
    write_csv,
    write_xlsx,
)

from mag_desktop.core.errors import MagError
from mag_desktop.core.ingest.history import undo_import
from mag_desktop.core.store import Store


def test_a_note_marker_never_hides_a_number(seeded: Store, tmp_path: Path) -> None:
    rows = [[*OBS, "Note"], [*obs(value="71.1"), "-"], [*obs(group="Indian", value=""), "[c]"]]
    result = imp(seeded, write_csv(tmp_path / "notes.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    values = dict(seeded.conn.execute(
        "SELECT group_code, coalesce(value, marker) FROM observation"
        " WHERE superseded_by IS NULL"))
    assert values == {"ASIAN_PAKISTANI": 71.1, "ASIAN_INDIAN": "[c]"}


def test_undo_is_refused_when_a_later_import_restated_its_rows(seeded: Store,
                                                               tmp_path: Path) -> None:
    first = imp(seeded, write_csv(tmp_path / "q1.csv", [COMMIT, commitment("C-1"),
                                                        commitment("C-2")]))
    again = imp(seeded, write_csv(tmp_path / "q1-again.csv", [COMMIT, commitment("C-1")]))
    assert first.status == again.status == "ok" and again.unchanged == 1
    before = checksum(seeded)
    with pytest.raises(MagError, match=f"import {again.import_id}"):
        undo_import(seeded, first.import_id or 0)
    assert checksum(seeded) == before
    undo_import(seeded, again.import_id or 0)  # the later one first, then the earlier
    undo_import(seeded, first.import_id or 0)
    assert seeded.conn.execute("SELECT count(*) FROM commitment").fetchone()[0] == 0


def test_ragged_rows_as_many_as_the_columns(seeded: Store, tmp_path: Path) -> None:
    rows: list[list[object]] = [OBS] + [obs(group=g) for g in (
        "Pakistani", "Indian", "Bangladeshi", "Chinese", "Other Asian", "African", "Caribbean",
        "Other Black", "Arab")]
    rows[4] = rows[4][:5]  # a short row in the middle, as some exports write
    assert len(rows) - 1 == len(OBS)
    result = imp(seeded, write_csv(tmp_path / "ragged.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    assert result.rows_valid == len(OBS)


def test_a_formula_that_gives_an_empty_string_is_not_a_gap(seeded: Store,
                                                           tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", {"Data": [OBS, obs(), [*obs(group="Indian")[:8],
                                                                 '=IF(1,"",1)']]})
    plain = imp(seeded, path)  # as openpyxl writes it: no type, no value: a gap
    assert [i.value for i in plain.errors if i.rule == "formula"] == ["I3"]
    xml = sheet_xml(path).replace(b'<c r="I3"', b'<c r="I3" t="str"')
    excel = rewrite_zip(path, tmp_path / "excel.xlsx",
                        replace={"xl/worksheets/sheet1.xml": xml})
    result = imp(seeded, excel)  # as Excel writes an empty-string result: t="str", <v/>
    assert not [i for i in result.errors + result.warnings if i.rule == "formula"]
    assert result.status == "ok", [i.line() for i in result.errors]


def test_a_commitments_dry_run_writes_nothing(seeded: Store, tmp_path: Path) -> None:
    before = checksum(seeded)
    result = imp(seeded, write_csv(tmp_path / "dry.csv", [COMMIT, commitment(
        "C-9", quarter="2031 Q2")]), dry_run=True)
    assert result.status == "ok" and result.inserted == 1
    assert checksum(seeded) == before


def test_wide_layout_errors_name_the_group_column(seeded: Store, tmp_path: Path) -> None:
    rows = [["Indicator ID", "Period", "Area code", "Pakistani", "Indian"],
            ["PCT_IND", "2024 Q1", "E08000025", "40", "150"]]
    result = imp(seeded, write_csv(tmp_path / "wide.csv", rows))
    issue = next(i for i in result.errors if i.rule == "percent")
    assert (issue.row, issue.column, issue.header, issue.value) == (2, "E", "Indian", "150")
