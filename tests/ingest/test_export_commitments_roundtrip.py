"""The commitments export is a commitments file: every field of the template is written, so
exporting the sample's commitments and importing the file again changes nothing (no ward,
description, partner, reason or milestone wiped), and its links are the links every view reads
(the latest update's, leaving out an indicator no longer defined)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from mag_desktop.core.export import export_titles
from mag_desktop.core.export_commitments import COLUMNS, FRAME_COLUMN, export_commitments
from mag_desktop.core.ingest.mapping import columns
from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.links.cell import latest_links
from mag_desktop.core.links.listing import linked_commitments
from mag_desktop.core.query.commitments import commitment_detail, commitments_frame
from mag_desktop.core.store import Store


def test_every_field_of_the_template_is_written_under_its_heading() -> None:
    template = columns("commitments")
    assert list(FRAME_COLUMN) == [c.field for c in template]
    assert [heading for _, heading in COLUMNS] == [c.header for c in template]


def _export(store: Store, path: Path) -> Path:
    frame = commitments_frame(store.conn)
    titles = export_titles("commitments shown", "none", 1, "2026 Q3")
    return export_commitments(store.conn, frame, path, titles)


def test_an_exported_workbook_imports_again_changing_nothing(sample_store: Path,
                                                            tmp_path: Path) -> None:
    with Store.open(sample_store) as store:
        every = len(commitments_frame(store.conn))
        assert every == 152
        before = commitment_detail(store.conn, "RET-HOUSING-001")
        assert before.wards and before.description and before.partners and before.milestones
        assert commitment_detail(store.conn, "RET-JUSTICE-024").reason
        path = _export(store, tmp_path / "all.xlsx")
        dry = run_import(store, path, ImportOptions(kind="commitments", dry_run=True))
        assert dry.status == "ok", [i.line() for i in dry.errors]
        assert (dry.inserted, dry.updated, dry.unchanged) == (0, 0, every)
        assert not dry.warnings, [i.line() for i in dry.warnings]
        result = run_import(store, path, ImportOptions(kind="commitments"))
        assert (result.inserted, result.updated, result.unchanged) == (0, 0, every)
        assert commitment_detail(store.conn, "RET-HOUSING-001") == before
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["Commitments", "Milestones"]
    sheet = list(book["Commitments"].iter_rows(values_only=True))
    row = dict(zip(sheet[4], next(r for r in sheet if r[0] == "RET-HOUSING-001"), strict=True))
    assert row["Wards"] == "; ".join(before.ward_names)  # by name, as members read them


def test_a_csv_export_imports_again_changing_nothing_but_holds_no_milestones(
        sample_store: Path, tmp_path: Path) -> None:
    with Store.open(sample_store) as store:
        with store.write() as conn:  # a CSV file holds one table: the milestones have no place
            conn.execute("UPDATE commitment_update SET milestones = '[]'")
            Store.bump_data_version(conn)
        path = _export(store, tmp_path / "all.csv")
        dry = run_import(store, path, ImportOptions(kind="commitments", dry_run=True))
        assert dry.status == "ok", [i.line() for i in dry.errors]
        assert (dry.inserted, dry.updated, dry.unchanged) == (0, 0, 152)


def test_a_link_to_an_indicator_no_longer_defined_is_not_exported(sample_store: Path,
                                                                   tmp_path: Path) -> None:
    with Store.open(sample_store) as store:
        cid = "RET-HOUSING-001"
        quarter = commitment_detail(store.conn, cid).quarter
        with store.write() as conn:
            conn.execute("UPDATE commitment_update SET links = '[{\"indicator\":\"GONE_IND\","
                         "\"group\":null,\"comparator\":null,\"aim\":\"narrow\"},"
                         "{\"indicator\":\"YJ_FTE\",\"group\":null,\"comparator\":null,"
                         "\"aim\":\"narrow\"}]' WHERE commitment_id = ? AND quarter = ?"
                         " AND superseded_by IS NULL", (cid, quarter))
            Store.bump_data_version(conn)
        assert latest_links(store.conn) == {
            c.id: c.links for c in linked_commitments(store.conn).values()}
        path = _export(store, tmp_path / "gone.csv")
        frame = pd.read_csv(path, skiprows=4, dtype=str, keep_default_na=False)
        assert frame.set_index("Commitment ID").loc[cid, "Linked indicators"] == "YJ_FTE"
        result = run_import(store, path, ImportOptions(kind="commitments", dry_run=True))
        assert result.status == "ok", [i.line() for i in result.errors]
