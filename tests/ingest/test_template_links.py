"""The commitments template carries the "Linked indicators" column (with a note and an example)
and a Links sheet with drop-downs for the groups and the aim; filled in, it imports with its
links."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from ingest_helpers import imp, seed_definitions

from mag_desktop.core.domain import IndicatorLink, LinkAim
from mag_desktop.core.ingest.templates import write_templates
from mag_desktop.core.query.commitments import commitment_detail
from mag_desktop.core.store import Store


def _template(folder: Path) -> Path:
    return next(p for p in write_templates(folder) if p.name == "commitments_template.xlsx")


def test_the_template_has_the_column_and_the_links_sheet(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_template(tmp_path))
    assert book.sheetnames == ["Instructions", "Commitments", "Milestones", "Links", "Lists"]
    headers = [c.value for c in book["Commitments"][1]]
    assert headers[-1] == "Linked indicators"
    note = book["Commitments"].cell(row=1, column=len(headers)).comment
    assert note is not None and "CLAIMANT_RATE (Black Caribbean vs White British)" in note.text
    links = book["Links"]
    assert [c.value for c in links[1]] == ["Commitment ID", "Indicator", "Ethnic group",
                                           "Compared with", "Aim"]
    lists = {str(validation.sqref)[0]: validation.formula1
             for validation in links.data_validations.dataValidation}
    assert set(lists) == {"C", "D", "E"}
    aims_column = next(c.column_letter for c in book["Lists"][1] if c.value == "aims")
    assert lists["E"].startswith(f"=Lists!${aims_column}$2")
    instructions = " ".join(str(c.value) for c in book["Instructions"]["A"] if c.value)
    assert "Linked indicators" in instructions and "Links sheet" in instructions


def test_a_filled_in_template_imports_with_its_links(store: Store, tmp_path: Path) -> None:
    seed_definitions(store, tmp_path)
    path = _template(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Commitments"].append([
        "HSG-1", "Temporary accommodation review", None, "Housing and homelessness", None,
        "Birmingham City Council", None, "Birmingham", None, None, "01/04/2025", "31/03/2027",
        "2026 Q3", "On track", "Under way", None, "PCT_IND (Black African vs White British)"])
    book["Links"].append(["HSG-1", "A count of residents", "Black African", None, "Lower"])
    book.save(path)
    result = imp(store, path)
    assert result.status == "ok", [i.line() for i in result.errors]
    assert commitment_detail(store.conn, "HSG-1").links == (
        IndicatorLink("PCT_IND", "BLACK_AFRICAN", "WHITE_BRITISH"),
        IndicatorLink("CNT_IND", "BLACK_AFRICAN", aim=LinkAim.LOWER))
