"""Hostile cells never raise out of run_import: the answer is "ok" or "rejected" with issues."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from ingest_helpers import OBS, checksum, imp, seed_definitions

from mag_desktop.core.store import Store

HOSTILE = [
    "x" * 100_000, "9" * 100_000, "\x00", "\x01\x02\x03", "\x1b[31mred", "\x7f", "\u202eevil",
    "\ufeff", "=cmd|' /C calc'!A0", "+SUM(A1:A9)", "@SUM(1)", "-2+3", "=1/0", "2024-13-45",
    "31/02/2024", "2024-03-31", "NaN", "nan", "inf", "-inf", "Infinity", "1e309", "-1e309",
    "1e-320", "😀", "👨‍👩‍👧", "𝟙𝟚", "١٢٣", "", " ", '"', "\r\n", "a\nb", "1,2,3", ";", "\t",
    "[c]", "#N/A", "E08000025 ", "e08000025", "Birmingham\x00", "ALL", "0x10", "1_000",
]
VALID = {
    "Indicator ID": ["CNT_IND", "PCT_IND"], "Period": ["2024 Q1", "2023/24"],
    "Area code": ["E08000025", "E05011121"], "Ethnic group": ["Pakistani", "All"],
    "Value": ["12", "45.5"], "Numerator": ["", "5"], "Denominator": ["", "10"],
    "Lower 95% limit": ["", "1"], "Upper 95% limit": ["", "90"],
}
cell = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
_names = itertools.count()


@st.composite
def rows(draw: st.DrawFn) -> list[list[str]]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        row = []
        for header in OBS:
            hostile = draw(st.sampled_from([False] * 5 + [True]))  # about one cell in six
            row.append(draw(cell) if hostile else draw(st.sampled_from(VALID[header])))
        out.append(row)
    return out


def _write(path: Path, data: list[list[str]], encoding: str) -> None:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([OBS, *data])
    path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large, HealthCheck.too_slow])
@given(data=rows(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_hostile_cells_never_raise(store: Store, tmp_path: Path, data: list[list[str]],
                                   encoding: str) -> None:
    if store.conn.execute("SELECT count(*) FROM indicator").fetchone()[0] == 0:
        seed_definitions(store, tmp_path)
    path = tmp_path / f"hostile-{next(_names)}.csv"
    _write(path, data, encoding)
    before = checksum(store)
    result = imp(store, path)  # must not raise
    assert result.status in ("ok", "rejected")
    event(result.status + (f" {result.errors[0].rule}" if result.errors else ""))
    json.dumps(result.to_json())  # what --json prints must always serialise
    for issue in result.errors + result.warnings:
        assert len(issue.value) <= 80 and issue.message
        issue.line()
    if result.status == "rejected":
        assert result.errors, result.message
        assert checksum(store) == before
    else:
        assert result.errors == []
