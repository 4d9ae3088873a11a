"""The sample's links of commitments to the indicators they aim to move: a realistic share of
the illustrative commitments, each naming a sample indicator and a disparity the sample shows,
kept from quarter to quarter, written both ways a clerk may write them (the "Linked
indicators" cell and the Links sheet), and drawn without changing anything else."""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from openpyxl import load_workbook

from mag_desktop.core import ethnicity

ROOT = Path(__file__).resolve().parents[2]
SAMPLE, DATA = ROOT / "data" / "sample", ROOT / "data"
QUARTERS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
COLUMNS = json.loads((ROOT / "resources" / "import" / "columns.json").read_text("utf-8"))
SAMPLE_IDS = {"EMP_RATE": "Employment rate, aged 16 to 64",
              "CLAIMANT_RATE": "Claimant rate, aged 16 to 64",
              "TEMP_ACCOM": "Households in temporary accommodation",
              "NHS_HEALTH_CHECK": "NHS Health Check uptake",
              "YJ_FTE": "Youth justice first-time entrants"}
LOWER_BETTER = {"CLAIMANT_RATE", "TEMP_ACCOM", "YJ_FTE"}
LINKED_THEMES = {"JOBS", "HEALTH", "HOUSING", "JUSTICE"}  # those with a sample indicator
CELL = re.compile(r"^(?P<id>[A-Z_]+)(?: \((?P<group>[^()]+?)(?: vs (?P<comp>[^()]+))?\))?$")
AIMS = {None: "narrow", "Narrow the gap": "narrow", "Lower": "lower", "Raise": "raise"}
Link = tuple[str, str | None, str | None, str]  # indicator id, group, comparator codes, aim


def sheet(path: Path, name: str) -> list[tuple[Any, ...]]:
    wb = load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb[name].iter_rows(values_only=True)]
    finally:
        wb.close()


def code(label: str | None) -> str | None:
    if label is None:
        return None
    match = ethnicity.map_label(label)
    assert match.code and match.kind in ("group", "heading"), label
    return match.code


def read_quarter(q: str) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, list[Link]]]]:
    """The quarter's commitments by id, and each one's links by where they are written."""
    path = SAMPLE / f"commitments_{q}.xlsx"
    rows = sheet(path, "Commitments")
    header = rows[2]
    assert list(header) == [c["header"] for c in COLUMNS["commitments"]]
    commitments = {r[0]: dict(zip(header, r + (None,) * (len(header) - len(r)), strict=True))
                   for r in rows[3:]}
    links: dict[str, dict[str, list[Link]]] = {}
    for cid, c in commitments.items():
        for part in (c["Linked indicators"] or "").split("; ") if c["Linked indicators"] else []:
            m = CELL.match(part)
            assert m and m["id"] in SAMPLE_IDS, part
            links.setdefault(cid, {}).setdefault("cell", []).append(
                (m["id"], code(m["group"]), code(m["comp"]), "narrow"))
    by_name = {name: iid for iid, name in SAMPLE_IDS.items()}
    sheet_rows = sheet(path, "Links")
    assert list(sheet_rows[0]) == [c["header"] for c in COLUMNS["links"]]
    for r in sheet_rows[1:]:
        cid, indicator, group, comp, aim = r + (None,) * (5 - len(r))
        assert cid in commitments and (indicator in SAMPLE_IDS or indicator in by_name), r
        links.setdefault(cid, {}).setdefault("sheet", []).append(
            (by_name.get(indicator, indicator), code(group), code(comp), AIMS[aim]))
    return commitments, links


@pytest.fixture(scope="module")
def quarters() -> dict[str, tuple[dict[str, dict[str, Any]], dict[str, dict[str, list[Link]]]]]:
    return {q: read_quarter(q) for q in QUARTERS}


def all_links(where: dict[str, list[Link]]) -> list[Link]:
    return [x for ways in where.values() for x in ways]


def test_a_third_to_a_half_of_the_commitments_with_an_indicator_are_linked(quarters) -> None:
    commitments, links = quarters["2026-Q3"]
    theme = {cid: cid.split("-")[1] for cid in commitments}
    eligible = [cid for cid in commitments if theme[cid] in LINKED_THEMES]
    linked = [cid for cid in eligible if cid in links]
    assert 1 / 3 - .05 <= len(linked) / len(eligible) <= 1 / 2
    assert {theme[cid] for cid in links} == LINKED_THEMES  # never DATA, LEADERSHIP, CULTURE
    # each indicator is linked by commitments of its own theme (the youth justice tracker and
    # the diversion scheme to first-time entrants, and so on)
    own = {"EMP_RATE": "JOBS", "CLAIMANT_RATE": "JOBS", "TEMP_ACCOM": "HOUSING",
           "NHS_HEALTH_CHECK": "HEALTH", "YJ_FTE": "JUSTICE"}
    for cid, where in links.items():
        assert {own[x[0]] for x in all_links(where)} == {theme[cid]}, cid
    assert {x[0] for where in links.values() for x in all_links(where)} == set(SAMPLE_IDS)
    titles = {commitments[cid]["Title"] for cid in links}
    for topic in ("Underemployment task group", "Youth justice disproportionality tracker",
                  "Diversion scheme for first-time entrants", "Homelessness race inequality"):
        assert any(topic in t for t in titles), topic


def test_links_are_written_both_ways_with_every_kind_of_aim(quarters) -> None:
    for q in QUARTERS:
        _, links = quarters[q]
        assert all(len(where) == 1 for where in links.values())  # cell or sheet, never both
        cells = [w["cell"] for w in links.values() if "cell" in w]
        sheets = [w["sheet"] for w in links.values() if "sheet" in w]
        assert len(cells) >= 20 and all(len(c) == 1 for c in cells)
        assert len(sheets) >= 5 and sum(len(s) > 1 for s in sheets) >= 5
        every = [x for c in cells + sheets for x in c]
        aims = [x[3] for x in every]
        assert aims.count("lower") + aims.count("raise") >= 3 and "raise" in aims
        named = [x for x in every if x[1] and x[2]]
        assert len(named) >= .75 * len(every)  # most name a group and its comparator
        assert 1 <= sum(x[1] is None for x in every) <= 4  # a few leave the gap to the widest
        for x in every:
            assert x[3] == "narrow" or (x[1] and x[2] is None)  # lower or raise one group


def test_links_name_a_disparity_the_sample_shows(quarters) -> None:
    rates = sample_module("sample_indicators").RATES
    order = list(SAMPLE_IDS)
    headings = {g.code for g in ethnicity.headings()}
    for q in QUARTERS:
        commitments, links = quarters[q]
        for cid, where in links.items():
            for iid, group, comp, _ in all_links(where):
                if commitments[cid]["Wards"]:  # wards hold the broad headings only
                    assert {group, comp} - {None} <= headings, (cid, group, comp)
                if group in rates and comp in rates:
                    k, lower = order.index(iid), iid in LOWER_BETTER
                    worse = rates[group][k] > rates[comp][k] if lower else (
                        rates[group][k] < rates[comp][k])
                    assert worse, (cid, iid, group, comp)


def test_links_are_kept_from_quarter_to_quarter(quarters) -> None:
    gained = 0
    for before, after in itertools.pairwise(QUARTERS):
        (was, old), (now, new) = quarters[before], quarters[after]
        for cid in set(was) & set(now):
            then, later = set(all_links(old.get(cid, {}))), set(all_links(new.get(cid, {})))
            assert then <= later, cid
            gained += then < later
    assert gained >= 2  # a few commitments gain a link in a later quarter


def sample_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, DATA / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    dont_write, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no data/__pycache__
    sys.path.insert(0, str(DATA))  # its sibling modules, as a script has
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = dont_write
        sys.path.remove(str(DATA))
    return module


def test_links_change_nothing_else(tmp_path: Path) -> None:
    """Written without links, every other cell of every sheet is as committed: the links come
    from their own random stream."""
    gen = sample_module("generate_sample")
    rng = np.random.default_rng(np.random.SeedSequence(gen.SEED).spawn(3)[0])
    gen.write_commitments(gen.simulate(gen.make_commitments(rng), rng), tmp_path, rng, COLUMNS,
                          {})
    last = len(COLUMNS["commitments"]) - 1
    assert COLUMNS["commitments"][last]["field"] == "indicators"
    for q in QUARTERS:
        name = f"commitments_{q}.xlsx"
        assert sheet(tmp_path / name, "Milestones") == sheet(SAMPLE / name, "Milestones")
        bare, committed = sheet(tmp_path / name, "Commitments"), sheet(SAMPLE / name, "Commitments")
        assert len(bare) == len(committed)
        def cut(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:  # padded, then cut
            return [(r + (None,) * last)[:last] for r in rows]
        assert cut(bare) == cut(committed)
        assert any(len(r) > last and r[last] for r in committed[3:])
        assert sheet(tmp_path / name, "Links") == sheet(SAMPLE / name, "Links")[:1]
