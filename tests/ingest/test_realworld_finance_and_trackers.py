"""Real published files whose areas are authorities: MHCLG's revenue outturn (in £ thousand,
the Combined Authority's own spending under E47000007, Birmingham's row not returned) and
Ofsted's area SEND inspections (the areas that needed a written statement of action). Each is
read through its profile and checked against cells read from the file by hand. See
``/work/shared/data/realworld/PROVENANCE.md``."""

from __future__ import annotations

from realworld_helpers import REALWORLD, areas, errors, import_with, needs

from mag_desktop.core.store import Store

RSX = REALWORLD / "mhclg_revenue_outturn_rsx_service_expenditure_by_la_2024-25.ods"
OFSTED = REALWORLD / "ofsted_area_send_inspections_wsoa_revisits_2016-05_to_2022-08.ods"


def _rows(store: Store, indicator: str) -> dict[str, tuple[object, ...]]:
    return {r[0]: r[1:] for r in store.conn.execute(
        "SELECT area_code, period, value, marker FROM observation WHERE indicator_code = ? "
        "AND superseded_by IS NULL", (indicator,))}


@needs(RSX)
def test_revenue_outturn_net_service_expenditure(store: Store) -> None:
    result = import_with(store, RSX, "mhclg_rsx_net_service_expenditure.json")
    assert result.status == "ok", errors(result)
    rows = _rows(store, "RSX_NET_SERVICE_EXP")
    assert rows["E08000026"] == ("2024/25", 648440, None)  # RSX_LA_Data_202425!DA81, Coventry
    # DA386: the West Midlands Combined Authority's own spending, under its code
    assert rows["E47000007"] == ("2024/25", 453100.99, None)
    assert rows["E08000025"] == ("2024/25", None, "[x]")  # DA28: Birmingham did not return
    assert store.conn.execute(
        "SELECT unit FROM indicator WHERE code = 'RSX_NET_SERVICE_EXP' AND superseded_by IS NULL"
    ).fetchone() == ("£ thousand",)
    # the police, fire, park and waste bodies and the class totals (second table) are not read
    assert "E23000014" not in rows and len(rows) == 19
    assert areas(store) <= {"E47000007", "E92000001"} | {c for c in rows if c[:3] in (
        "E06", "E07", "E08", "E10")}


@needs(OFSTED)
def test_ofsted_send_written_statements_of_action(store: Store) -> None:
    result = import_with(store, OFSTED, "ofsted_send_wsoa_weaknesses.json")
    assert result.status == "ok", errors(result)
    rows = _rows(store, "SEND_WSOA_WEAKNESSES")
    period = "May 2016 to Aug 2022"
    # Area_SEND_up_to_31_Aug_2022!H12 (Birmingham), H41 (Dudley), H152 (Wolverhampton)
    assert rows["E08000025"] == (period, 13, None)
    assert rows["E08000027"] == (period, 14, None)
    assert rows["E08000031"] == (period, 6, None)
    # Coventry and Solihull needed no written statement (G33, G115 'No'): left out, not 0
    assert "E08000026" not in rows and "E08000029" not in rows
    assert set(rows) == {"E08000025", "E08000027", "E08000028", "E08000030", "E08000031",
                         "E06000051", "E10000031"}
