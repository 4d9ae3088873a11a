"""The commitments export writes each commitment's links as the "Linked indicators" cell, and
the exported file (xlsx or csv, title lines and all) imports again to the very same links."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import COMMIT, commitment, write_xlsx

from mag_desktop.core.domain import IndicatorLink, LinkAim
from mag_desktop.core.export import export_titles
from mag_desktop.core.export_commitments import export_commitments
from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.links.cell import latest_links, links_cell
from mag_desktop.core.query.commitments import commitment_detail, commitments_frame
from mag_desktop.core.store import Store

LINKED = {
    "LNK-1": "CLAIMANT_RATE (Black Caribbean vs White British); YJ_FTE",
    "LNK-2": "EMP_RATE (Pakistani, raise); TEMP_ACCOM (vs White British)",
    "LNK-3": "YJ_FTE (Mixed White/Black Caribbean vs White, lower); NHS_HEALTH_CHECK (Black)",
}


def test_a_cell_of_links_reads_back_as_written() -> None:
    links = (IndicatorLink("CLAIMANT_RATE", "BLACK_CARIBBEAN", "WHITE_BRITISH"),
             IndicatorLink("YJ_FTE", "ASIAN_PAKISTANI", aim=LinkAim.LOWER),
             IndicatorLink("EMP_RATE", comparator="WHITE_BRITISH"),
             IndicatorLink("TEMP_ACCOM"))
    assert links_cell(links) == ("CLAIMANT_RATE (Black Caribbean vs White British); "
                                 "YJ_FTE (Pakistani, lower); EMP_RATE (vs White British);"
                                 " TEMP_ACCOM")
    assert links_cell(()) == ""


def _linked_store(path: Path, folder: Path) -> dict[str, tuple[IndicatorLink, ...]]:
    rows = [[*COMMIT, "Linked indicators"]]
    rows += [[*commitment(cid, quarter="2026 Q3"), cell] for cid, cell in LINKED.items()]
    with Store.open(path) as store:
        result = run_import(store, write_xlsx(folder / "linked.xlsx", {"Commitments": rows}),
                            ImportOptions(kind="commitments"))
        assert result.status == "ok", [i.line() for i in result.errors]
        return latest_links(store.conn)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_exported_file_imports_again_to_the_same_links(sample_store: Path, tmp_path: Path,
                                                          suffix: str) -> None:
    before = _linked_store(sample_store, tmp_path)
    assert set(LINKED) <= set(before)
    assert before["LNK-3"] == (
        IndicatorLink("YJ_FTE", "MIXED_WHITE_BLACK_CARIBBEAN", "WHITE", LinkAim.LOWER),
        IndicatorLink("NHS_HEALTH_CHECK", "BLACK"))
    with Store.open(sample_store) as store:
        frame = commitments_frame(store.conn)
        titles = export_titles("commitments shown", "none", 1, "2026 Q3")
        path = export_commitments(store.conn, frame, tmp_path / f"shown{suffix}", titles)
        with store.write() as conn:  # the links gone, so the import must bring them back
            conn.execute("UPDATE commitment_update SET links = '[]'")
            Store.bump_data_version(conn)
        assert latest_links(store.conn) == {}
        result = run_import(store, path, ImportOptions(kind="commitments"))
        assert result.status == "ok", [i.line() for i in result.errors]
        assert latest_links(store.conn) == before
        assert commitment_detail(store.conn, "LNK-2").links == (
            IndicatorLink("EMP_RATE", "ASIAN_PAKISTANI", aim=LinkAim.RAISE),
            IndicatorLink("TEMP_ACCOM", comparator="WHITE_BRITISH"))
