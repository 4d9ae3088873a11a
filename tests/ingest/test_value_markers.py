"""A figure followed by a GSS marker ("12.3 [u]", "45 [low]", "7 [w]") is read as the figure,
the marker told once with its count (the store keeps a marker only in place of a figure); a
figure beside a confidential marker ("12 [c]") is never stored: the row is kept suppressed."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import OBS, imp, obs, write_csv

from mag_desktop.core.ingest.cells import parse_marked_number, parse_numbers
from mag_desktop.core.store import Store


@pytest.mark.parametrize(("text", "reading"), [
    ("12.3 [u]", (12.3, None, "[u]")), ("45 [low]", (45.0, None, "[low]")),
    ("7 [w]", (7.0, None, "[w]")), ("1,204[U]", (1204.0, None, "[u]")),
    ("12 [c]", (None, "[c]", None)), ("12 [u] [c]", (None, "[c]", None)),
    ("12 [q]", (None, None, None)), ("[c]", (None, None, None)),
    ("twelve [u]", (None, None, None)), ("12.3", (None, None, None))])
def test_a_figure_and_its_marker(text: str, reading: tuple[object, ...]) -> None:
    assert parse_marked_number(text) == reading


def test_plain_numbers_give_no_cautions() -> None:
    values, markers, bad, cautions = parse_numbers([1.0, "2", "[c]", ""])
    assert cautions is None and not bad.any()
    values, markers, bad, cautions = parse_numbers(["3 [u]", 4.0, "5 [c]"])
    assert cautions is not None and list(cautions) == ["[u]", None, None]
    assert list(markers) == [None, None, "[c]"]
    assert values[0] == 3.0 and values[1] == 4.0 and values[2] != values[2]


def test_an_import_keeps_the_figure_and_counts_the_marker(seeded: Store, tmp_path: Path) -> None:
    rows = [OBS[:6],
            obs("CNT_IND", group="Pakistani", value="12.3 [u]")[:6],
            obs("CNT_IND", group="Indian", value="45 [low]")[:6],
            obs("CNT_IND", group="Bangladeshi", value="7 [u]")[:6],
            obs("CNT_IND", group="Chinese", value="12 [c]")[:6],
            obs("CNT_IND", "2024 Q1", "E08000025", "African", "9", "3 [c]")[:6],
            obs("CNT_IND", group="Caribbean", value="8 [w]")[:6]]
    result = imp(seeded, write_csv(tmp_path / "m.csv", rows))
    assert result.status == "ok", [i.line() for i in result.errors]
    stored = {g: (v, m, n) for g, v, m, n in seeded.conn.execute(
        "SELECT group_code, value, marker, numerator FROM observation")}
    assert stored == {"ASIAN_PAKISTANI": (12.3, None, None), "ASIAN_INDIAN": (45.0, None, None),
                      "ASIAN_BANGLADESHI": (7.0, None, None),
                      "ASIAN_CHINESE": (None, "[c]", None),
                      "BLACK_AFRICAN": (None, "[c]", None),
                      "BLACK_CARIBBEAN": (8.0, None, None)}
    lines = sorted(w.message for w in result.warnings if w.rule == "value-marker")
    assert lines == [
        "read a figure followed by [low] (low figure: more than zero but rounds to zero) as "
        "the figure alone: a marker is kept only in place of a figure, so the [low] beside it "
        "is not kept: 1 row",
        "read a figure followed by [u] (low reliability) as the figure alone: a marker is kept "
        "only in place of a figure, so the [u] beside it is not kept: 2 rows",
        "read a figure followed by [w] (no data: not collected or no words to report) as the "
        "figure alone: a marker is kept only in place of a figure, so the [w] beside it is not "
        "kept: 1 row"]
    secret = sorted(w.message for w in result.warnings if w.rule == "value-marker-suppressed")
    assert secret == ["read a figure followed by the confidential marker [c] as suppressed: "
                      "the figure is not kept: 1 row"] * 2
