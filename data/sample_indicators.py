"""The illustrative indicators of MAG Desktop's sample data (not official statistics): their
definitions, and observations simulated on real Census 2021 populations. Used by
``generate_sample.py``, which writes them with the illustrative commitments."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook

from mag_desktop.core import stats
from mag_desktop.core.formatting import format_number

ROOT = Path(__file__).resolve().parents[1]
REF, SRC = ROOT / "resources" / "reference", ROOT / "data" / "source"
Z, TITLE = 1.959964, "Illustrative sample — not official statistics"  # PHE's z for 95% limits
PERIODS = ["2024 Q4", *(f"2025 Q{q}" for q in range(1, 5)), *(f"2026 Q{q}" for q in range(1, 4))]
# id, name, theme, unit, polarity, notes, population (whom it counts); kind (p: proportion,
# r: rate), multiplier, base per resident (0: households), trend per quarter, deprivation effect,
# England offset (logit/log).
INDICATORS = [
    ("EMP_RATE", "Employment rate, aged 16 to 64", "JOBS", "%", "Higher is better",
     "People aged 16 to 64 in work.", "people aged 16 to 64",
     "p", 100, .63, .01, -.25, .05),
    ("CLAIMANT_RATE", "Claimant rate, aged 16 to 64", "JOBS", "%", "Lower is better",
     "Universal Credit or JSA claimants aged 16 to 64.", "people aged 16 to 64",
     "p", 100, .63, -.01, .3, -.05),
    ("TEMP_ACCOM", "Households in temporary accommodation", "HOUSING", "per 1,000",
     "Lower is better", "At the end of the quarter, per 1,000 households.", "households",
     "r", 1e3, 0, .02, .35, 0),
    ("NHS_HEALTH_CHECK", "NHS Health Check uptake", "HEALTH", "%", "Higher is better",
     "Share of people aged 40 to 74 invited who had a check.",
     "people aged 40 to 74 invited for a check", "p", 100, .021, .015, -.15, 0),
    ("YJ_FTE", "Youth justice first-time entrants", "JUSTICE", "per 100,000", "Lower is better",
     "Rolling 12 months, per 100,000 children aged 10 to 17.", "children aged 10 to 17",
     "r", 1e5, .1, -.01, .3, .1)]
#: Indicators whose file gives numerators and denominators but no limits, as most partners'
#: files do (the importer computes them); figures resting on fewer than MIN_COUNT events are
#: low reliability.
UNLIMITED, MIN_COUNT = ("NHS_HEALTH_CHECK", "YJ_FTE"), 10
NO_LIMITS = " The file gives numerators and denominators only, without confidence limits."
# Per group: the 5 indicators' values (INDICATORS order), then mean household size.
_RATES = (
    "ASIAN_BANGLADESHI:58 6.5 7 44 90 3.8;ASIAN_CHINESE:62 1.5 1.5 38 20 2.6;ASIAN_INDIAN:75 3 2 "
    "50 40 3.1;ASIAN_PAKISTANI:56 6.5 6 42 110 3.9;ASIAN_OTHER:68 4 6 40 80 3;BLACK_AFRICAN:70 7 "
    "18 40 220 2.9;BLACK_CARIBBEAN:68 8 12 44 330 2.1;BLACK_OTHER:62 8.5 16 38 350 2.4;MIXED_WHIT"
    "E_ASIAN:72 4 5 40 120 2.4;MIXED_WHITE_BLACK_AFRICAN:68 6.5 12 38 230 2.5;MIXED_WHITE_BLACK_"
    "CARIBBEAN:64 8 11 38 300 2.3;MIXED_OTHER:68 6 9 38 200 2.4;WHITE_BRITISH:78 3.5 3 45 110 2.3;"
    "WHITE_IRISH:76 3.5 3 42 110 1.9;WHITE_GYPSY_TRAVELLER:45 9 8 25 400 3;WHITE_ROMA:55 8 10 28 "
    "200 3.6;WHITE_OTHER:80 3.8 6 35 90 2.6;OTHER_ARAB:52 7 12 35 120 3.3;OTHER_ANY:60 6 12 36 180"
    " 3")
RATES = {c: tuple(map(float, v.split())) for c, v in (s.split(":") for s in _RATES.split(";"))}
Rec = dict[str, Any]


def some(rng: np.random.Generator, seq: list[Any], k: int) -> list[Any]:
    return [seq[i] for i in sorted(rng.choice(len(seq), min(k, len(seq)), replace=False))]


def limits(x: np.ndarray, n: np.ndarray, kind: str, mult: float) -> tuple[np.ndarray, np.ndarray]:
    """95% limits of mult × x/n: Wilson's score method for a proportion (p), Byar's method for a
    rate (r); the product's own helpers, with PHE's z."""
    if kind == "p":
        lo, hi = stats.wilson_interval(x, n, z=Z)
        return mult * lo, mult * hi
    return stats.byar_interval(x, n, mult, z=Z)


def half_up(x: float, places: int = 1) -> float:
    """x rounded as the product's formatter rounds it: halves up, from its shortest decimal
    form (75.25 -> 75.3, where Python's round gives 75.2)."""
    return float(format_number(x, places).replace(",", ""))


def observations(rng: np.random.Generator) -> list[Rec]:
    g = pd.read_csv(REF / "ethnic_groups.csv").query("kind in ['all', 'heading', 'group']")
    g = g[g["classification"].fillna("2021").astype(str) == "2021"]  # the Census's own groups
    leaf = g[g["kind"] == "group"]
    keys = [f"{h}: {lab}" for h, lab in zip(leaf["heading"], leaf["label"], strict=True)]
    eng = pd.read_csv(SRC / "ons_census2021_ethnic_group_ltla21_long_all_EW.csv")
    eng = eng[eng["ltla21_code"].str.startswith("E") & eng["ethnic_group"].str.contains("number")]
    eng_pop = eng.groupby(eng["ethnic_group"].str.removesuffix(" (number)"))["value"].sum()
    la = pd.read_csv(SRC / "ons_census2021_ethnic_group_wmca_las_wide.csv").set_index("ltla21_code")
    wd = pd.read_csv(SRC / "nomis_census2021_ts021_ward2022_wmca7_verbatim.csv")
    wd = wd.set_index("geography code").rename(columns=lambda s: s.removeprefix("Ethnic group: "))
    lar = pd.read_csv(REF / "wmca_local_authorities.csv").query("wmca_membership == 'constituent'")
    wr = pd.read_csv(REF / "wmca_wards_wd22.csv").query("wmca_membership == 'constituent'")
    areas = [("E92000001", "England", "Country", ""),  # code, name, type, authority
             ("E47000007", "West Midlands Combined Authority", "Combined authority", ""),
             *((c, n, "Local authority", c) for c, n in lar[["lad_code", "lad_name"]].to_numpy()),
             *((c, n, "Ward", a) for c, n, a in wr[["ward_code", "ward_name", "lad_code"]].values)]
    pop = np.vstack([eng_pop[keys], np.zeros(len(keys)), la.loc[lar["lad_code"], keys],
                     wd.loc[wr["ward_code"], keys]]).astype(float)
    member = np.array([(leaf["code"] == c) | (leaf["heading_code"] == c) | (k == "all")
                       for c, k in zip(g["code"], g["kind"], strict=True)], dtype=np.int64)
    rates = np.array([RATES[c] for c in leaf["code"]])
    la_dep = {a[3]: rng.normal(0, .5) for a in areas if a[3]}  # deprivation, for all indicators
    dep = np.array([la_dep.get(a[3], 0) + (rng.normal() if a[2] == "Ward" else 0) for a in areas])
    t, groups, rows = np.arange(len(PERIODS))[:, None, None], g[["label", "kind"]].values, []
    for k, (iid, name, *_, kind, mult, share, trend, depc, eng_off) in enumerate(INDICATORS):
        den = np.rint(pop * (share or 1 / rates[:, 5]) * (1 + .002 * t)).astype(np.int64)
        eff = np.r_[eng_off, depc * dep[1:] + rng.normal(0, .05, len(dep) - 1)]
        b = rates[:, k] / mult  # the group's rate per person; then area, trend and noise
        lin = (np.log(b / (1 - b)) if kind == "p" else np.log(b)) + eff[:, None] + trend * t
        lin = lin + rng.normal(0, .03, den.shape)
        num = (rng.binomial(den, 1 / (1 + np.exp(-lin))) if kind == "p"
               else rng.poisson(den * np.exp(lin)))
        num[:, 1], den[:, 1] = num[:, 2:9].sum(1), den[:, 2:9].sum(1)  # WMCA = its 7 authorities
        onum, oden = num @ member.T, den @ member.T
        lo, hi = limits(onum, oden, kind, mult)  # NaN where oden is 0 (suppressed anyway)
        for (ti, ai, gi), x in np.ndenumerate(onum):
            (code, area, atype, _), (label, gkind), n = areas[ai], groups[gi], oden[ti, ai, gi]
            if atype == "Ward" and gkind == "group":
                continue
            r = {"indicator_id": iid, "indicator_name": name, "period": PERIODS[ti],
                 "area_code": code, "area_name": area, "area_type": atype,
                 "ethnic_group": label, "value": "[c]", "note": "Suppressed: small numbers"}
            if x >= 5 and n >= 30:
                r.update(value=half_up(mult * x / n), numerator=int(x), note=None,
                         denominator=int(n))
                if iid not in UNLIMITED:
                    r.update(lower=half_up(lo[ti, ai, gi]), upper=half_up(hi[ti, ai, gi]))
            rows.append(r)
    for marker, k, note in (("[x]", 30, "Not available: not supplied"),
                            ("..", 12, "Not available (older convention)")):
        for r in (r for r in some(rng, rows, k) if r["value"] != "[c]"):
            r.update(value=marker, note=note, numerator=None, denominator=None, lower=None,
                     upper=None)
    return rows


def write_indicators(rows: list[Rec], out: Path, rng: np.random.Generator, cols: Rec) -> None:
    themes = {t["code"]: t["name"] for t in json.loads((REF / "themes.json").read_text())["themes"]}
    wb = Workbook(write_only=True)
    defs, obs = wb.create_sheet("Indicators"), wb.create_sheet("Observations")
    defs.append([f["header"] for f in cols["definitions"]])
    for iid, name, theme, unit, pol, note, people, *_ in INDICATORS:
        note += NO_LIMITS if iid in UNLIMITED else ""
        d = {"indicator_id": iid, "name": name, "theme": themes[theme], "unit": unit, "notes": note,
             "polarity": pol, "source": TITLE, "frequency": "Quarterly", "decimals": 1,
             "population": people, "min_count": MIN_COUNT}
        defs.append([d[f["field"]] for f in cols["definitions"]])
    fields = [f["field"] for f in cols["observations"]]
    for line in ([TITLE], [], [f["header"] for f in cols["observations"]],
                 *([r.get(f) for f in fields] for r in rows)):
        obs.append(line)
    wb.save(out / "indicators_quarterly.xlsx")
    update = [dict(r) for r in rows if r["indicator_id"] == "EMP_RATE" and
              r["period"] == PERIODS[-1] and r["area_type"] == "Local authority"]
    for r in (r for r in update if r.get("numerator")):  # a later release revises the figures
        n, x = r["denominator"], r["numerator"] + int(rng.integers(-3, 4)) * (r["numerator"] // 500)
        lo, hi = limits(np.array(x, float), np.array(n, float), "p", 100)
        r.update(value=half_up(100 * x / n), numerator=x, lower=half_up(float(lo)),
                 upper=half_up(float(hi)), note="Revised figure")
    with open(out / "indicators_2026-Q3_update.csv", "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([[c["header"] for c in cols["observations"]],
                                 *([r.get(c) for c in fields] for r in update)])
