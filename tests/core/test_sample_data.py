"""The sample data set: deterministic, complete and statistically consistent.

The generator runs once per module, in a subprocess writing to a temporary folder, while this
process reads the committed ``data/sample`` workbook (openpyxl needs ~10 s for its 55,000 rows;
doing both at once keeps the module near 12 s on two idle cores). Those tests are marked slow.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import ModuleType
from typing import Any
from xml.etree.ElementTree import canonicalize

import numpy as np
import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
SCRIPT = ROOT / "data" / "generate_sample.py"
QUARTERS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
COLUMNS = json.loads((ROOT / "resources" / "import" / "columns.json").read_text("utf-8"))
MARKERS = {"[c]", "[x]", ".."}


def sheet_values(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    wb = load_workbook(path, read_only=True)
    try:
        return [tuple(row) for row in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def records(rows: list[tuple[Any, ...]], header_row: int) -> list[dict[str, Any]]:
    header, n = rows[header_row], len(rows[header_row])
    padded = (row + (None,) * (n - len(row)) for row in rows[header_row + 1 :])
    return [dict(zip(header, row, strict=True)) for row in padded]


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_sample", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    dont_write, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no data/__pycache__
    sys.path.insert(0, str(SCRIPT.parent))  # its sibling sample_indicators.py, as a script has
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = dont_write
        sys.path.remove(str(SCRIPT.parent))
    return module


@pytest.fixture(scope="module")
def fresh_and_committed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list]]:
    """Regenerate into a tmp folder (subprocess) while reading the committed observations."""
    out = tmp_path_factory.mktemp("sample")
    proc = subprocess.Popen([sys.executable, str(SCRIPT), str(out)], stderr=subprocess.PIPE)
    try:
        committed = sheet_values(SAMPLE / "indicators_quarterly.xlsx", "Observations")
    finally:
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    yield out, committed


@pytest.fixture(scope="module")
def observations(fresh_and_committed: tuple[Path, list]) -> list[dict[str, Any]]:
    return records(fresh_and_committed[1], header_row=2)


@pytest.fixture(scope="module")
def latest_commitments() -> list[dict[str, Any]]:
    return records(sheet_values(SAMPLE / "commitments_2026-Q3.xlsx", "Commitments"), 2)


@pytest.mark.slow
def test_regenerated_observations_are_identical(
    generator: ModuleType, fresh_and_committed: tuple[Path, list]
) -> None:
    out, committed = fresh_and_committed
    assert committed[0] == (generator.TITLE,) and committed[1] == ()
    assert list(committed[2]) == [c["header"] for c in COLUMNS["observations"]]
    # A second, independent run in this process gives the same cell values as the committed
    # file (openpyxl reads 78.0 back as 78, so values are compared with ==, not by type).
    streams = np.random.SeedSequence(generator.SEED).spawn(3)  # commitments, indicators, links
    rng = np.random.default_rng(streams[1])
    fields = [c["field"] for c in COLUMNS["observations"]]
    again = [tuple(r.get(f) for f in fields) for r in generator.observations(rng)]
    assert len(again) == len(committed) - 3
    for got, want in zip(again, committed[3:], strict=True):
        assert got == tuple(want) + (None,) * (len(got) - len(want)), (got, want)
    # The file regenerated in the tmp folder holds the same sheets (the parts inside the zip,
    # not the zip's bytes, which carry timestamps), compared as canonical XML: openpyxl writes
    # an empty element as <a/> or <a /> depending on whether lxml is installed.
    with (
        zipfile.ZipFile(out / "indicators_quarterly.xlsx") as a,
        zipfile.ZipFile(SAMPLE / "indicators_quarterly.xlsx") as b,
    ):
        parts = [p for p in a.namelist() if p.startswith("xl/worksheets/")]
        assert len(parts) == 2 and parts == [p for p in b.namelist() if p in parts]
        for part in parts:
            assert canonicalize(a.read(part)) == canonicalize(b.read(part)), part


@pytest.mark.slow
def test_regenerated_commitments_and_update_are_identical(
    fresh_and_committed: tuple[Path, list],
) -> None:
    out, _ = fresh_and_committed
    for q in QUARTERS:
        name = f"commitments_{q}.xlsx"
        for sheet in ("Commitments", "Milestones", "Links"):
            assert sheet_values(out / name, sheet) == sheet_values(SAMPLE / name, sheet), name
    update = "indicators_2026-Q3_update.csv"
    assert (out / update).read_bytes() == (SAMPLE / update).read_bytes()


def test_every_theme_and_priority_is_used(latest_commitments: list[dict[str, Any]]) -> None:
    themes = json.loads((ROOT / "resources/reference/themes.json").read_text("utf-8"))["themes"]
    used = {(c["Theme"], c["Priority for action"]) for c in latest_commitments}
    wanted = {(t["name"], p) for t in themes for p in t["priorities"]}
    assert wanted <= used
    assert used <= wanted


def test_commitment_vocabularies(latest_commitments: list[dict[str, Any]]) -> None:
    ref = ROOT / "resources" / "reference"
    with open(ref / "statuses.csv", encoding="utf-8") as f:
        statuses = {r["label"] for r in csv.DictReader(f)}
    with open(ref / "wmca_wards_wd22.csv", encoding="utf-8") as f:
        wards = {(r["lad_name"], r["ward_name"]) for r in csv.DictReader(f)}
    principles = {p["name"] for p in json.loads((ref / "themes.json").read_text())["principles"]}
    las = {la for la, _ in wards}
    for c in latest_commitments:
        assert c["Status"] in statuses and c["Update quarter"] == "2026 Q3"
        assert c["Local authority"] == "Regional" or c["Local authority"] in las
        for ward in (c["Wards"] or "").split("; ") if c["Wards"] else []:
            assert (c["Local authority"], ward) in wards
        assert set((c["Guiding principles"] or "").split("; ")) - {""} <= principles
        assert (c["Status"] == "Withdrawn") == bool(c["Reason closed or withdrawn"])
        assert c["Start date"] <= c["Due date"]


def test_commitment_counts_and_changes() -> None:
    ids = {
        q: [r[0] for r in sheet_values(SAMPLE / f"commitments_{q}.xlsx", "Commitments")[3:]]
        for q in QUARTERS
    }
    assert all(135 <= len(v) <= 165 and len(set(v)) == len(v) for v in ids.values())
    new = set(ids["2026-Q3"]) - set(ids["2026-Q2"])
    missing = set(ids["2026-Q2"]) - set(ids["2026-Q3"])
    assert 5 <= len(new) <= 15 and len(missing) == 5
    assert not new & set(ids["2025-Q4"])
    milestones = sheet_values(SAMPLE / "commitments_2026-Q3.xlsx", "Milestones")
    assert list(milestones[0]) == [c["header"] for c in COLUMNS["milestones"]]
    per = [r[0] for r in milestones[1:]]
    assert set(per) == set(ids["2026-Q3"])
    assert all(1 <= per.count(i) <= 3 for i in set(per))


@pytest.mark.slow
def test_row_counts(observations: list[dict[str, Any]]) -> None:
    # 5 indicators x 8 quarters x (9 areas x 25 groups + 192 wards x 6 groups)
    assert len(observations) == 5 * 8 * (9 * 25 + 192 * 6) == 55_080
    wards = {o["Area code"] for o in observations if o["Area type"] == "Ward"}
    assert len(wards) == 192
    with open(SAMPLE / "indicators_2026-Q3_update.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 7 * 25 and {r["Period"] for r in rows} == {"2026 Q3"}


@pytest.mark.slow
def test_suppressed_rows_have_no_numbers(observations: list[dict[str, Any]]) -> None:
    numbers = ("Numerator", "Denominator", "Lower 95% limit", "Upper 95% limit")
    suppressed = [o for o in observations if o["Value"] in MARKERS]
    assert suppressed and {o["Value"] for o in suppressed} == MARKERS
    for o in suppressed:
        assert all(o[k] is None for k in numbers), o
    for o in observations:
        if o["Value"] not in MARKERS:
            assert o["Numerator"] >= 5 and o["Denominator"] >= 30, o


@pytest.fixture(scope="module")
def definitions() -> dict[str, dict[str, Any]]:
    rows = records(sheet_values(SAMPLE / "indicators_quarterly.xlsx", "Indicators"), 0)
    return {d["Indicator ID"]: d for d in rows}


def test_definitions_name_their_population(definitions: dict[str, dict[str, Any]]) -> None:
    assert list(definitions) == ["EMP_RATE", "CLAIMANT_RATE", "TEMP_ACCOM", "NHS_HEALTH_CHECK",
                                 "YJ_FTE"]
    people = {code: d["Population"] for code, d in definitions.items()}
    assert people == {"EMP_RATE": "people aged 16 to 64", "CLAIMANT_RATE": "people aged 16 to 64",
                      "TEMP_ACCOM": "households",
                      "NHS_HEALTH_CHECK": "people aged 40 to 74 invited for a check",
                      "YJ_FTE": "children aged 10 to 17"}
    assert {d["Reliable from count"] for d in definitions.values()} == {10}
    assert {d["Source"] for d in definitions.values()} == {
        "Illustrative sample — not official statistics"}


@pytest.mark.slow
def test_limits_contain_values(observations: list[dict[str, Any]],
                               definitions: dict[str, dict[str, Any]]) -> None:
    # Two indicators come as partners' files mostly do: numerator and denominator, no limits
    # (the importer computes them), and their definitions say so.
    without = {c for c, d in definitions.items()
               if "without confidence limits" in d["Notes and caveats"]}
    assert without == {"NHS_HEALTH_CHECK", "YJ_FTE"}
    checked = 0
    for o in observations:
        if o["Value"] not in MARKERS:
            assert isinstance(o["Value"], int | float)
            if o["Indicator ID"] in without:
                assert o["Lower 95% limit"] is None and o["Upper 95% limit"] is None, o
                assert o["Numerator"] and o["Denominator"], o
                continue
            assert o["Lower 95% limit"] <= o["Value"] <= o["Upper 95% limit"], o
            checked += 1
    assert checked > 25_000


@pytest.mark.slow
def test_values_round_half_up_as_the_formatter_shows_them(
    observations: list[dict[str, Any]], definitions: dict[str, dict[str, Any]]
) -> None:
    per = {"%": 100, "per 1,000": 1_000, "per 100,000": 100_000}
    halves = 0
    for o in observations:
        if o["Value"] in MARKERS:
            continue
        exact = per[definitions[o["Indicator ID"]]["Unit"]] * o["Numerator"] / o["Denominator"]
        wanted = Decimal(repr(exact)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert Decimal(repr(float(o["Value"]))) == wanted, (o, exact)
        halves += round(exact, 1) != float(wanted)  # where Python's round(…) would differ
    assert halves >= 20  # the sample has such cases, so the rule is exercised
