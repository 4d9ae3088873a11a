"""Write MAG Desktop's illustrative sample data (not official statistics), seeded and repeatable.
Usage: python data/generate_sample.py [OUT_DIR]   (OUT_DIR defaults to data/sample)"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
REF, SRC, OUT = ROOT / "resources" / "reference", ROOT / "data" / "source", ROOT / "data" / "sample"
SEED, Z, TITLE = 20230317, 1.959963984540054, "Illustrative sample — not official statistics"
QUARTERS = ["2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3"]
QEND = [date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)]
PERIODS = ["2024 Q4", *(f"2025 Q{q}" for q in range(1, 5)), *(f"2026 Q{q}" for q in range(1, 4))]
TOPICS = {  # example activities for each priority for action, in themes.json order
    "JOBS": "Sector work academies|Green jobs pathway/Community innovation hub/Underemployment "
    "task group|In-work progression pilot/Fair recruitment standard/Schools cultural intelligence"
    " programme", "HEALTH": "Maternity equity review|Equalities strategy group with the ICS/"
    "Health literacy champions/Talking therapies review|Mental health campaign/Culturally "
    "tailored health incentives/Cultural intelligence resources for health staff", "HOUSING":
    "Housing options guide/Allocations outcomes review/Homelessness race inequality study/Larger "
    "family homes programme/Design Charter race equality test/Overcrowding action plan|Temporary "
    "accommodation review", "TRANSPORT": "Community transport panel|Bus network equality review/"
    "Race-based budgeting trial/Safer evening travel pilot", "JUSTICE": "Review of equality "
    "impact assessments/Stop and search scrutiny panel|Community trust forums/Youth justice "
    "disproportionality tracker|Diversion scheme for first-time entrants/Justice data sharing "
    "agreement/Race recommendations delivery plan/Hate crime reporting centres/Reoffending "
    "mentoring scheme", "DATA": "Ward race equality profiles|Ethnicity data standard|"
    "Intersectional outcomes analysis", "LEADERSHIP": "Leadership programme for ethnic minority "
    "staff|Reverse mentoring scheme for leaders", "CULTURE": "Cultural intelligence training for "
    "frontline staff|Cultural intelligence toolkit"}
COUNCILS = {n: f"{n} Metropolitan Borough Council" for n in ("Dudley", "Sandwell", "Solihull")} | {
    "Birmingham": "Birmingham City Council", "Coventry": "Coventry City Council",
    "Walsall": "Walsall Council", "Wolverhampton": "City of Wolverhampton Council"}
BSOL, BC, CW = ("Birmingham and Solihull Integrated Care System", "Black Country ICS",
                "Coventry and Warwickshire ICS")
ICS = {"Birmingham": BSOL, "Solihull": BSOL, "Coventry": CW}
BODIES = {"JUSTICE": "West Midlands Office of the Police and Crime Commissioner", "JOBS": "DWP",
          "HOUSING": "WMCA Homelessness Taskforce", "TRANSPORT": "Transport for West Midlands"}
PARTNERS = ["West Midlands Police", "West Midlands Fire Service", "Citizens Advice", "WMCA",
            "local community groups", "Aston University", "Jobcentre Plus", "Coventry University"]
MILESTONES = ["Project plan agreed with partners", "Coproduction workshops held",
              "Pilot launched", "Interim evaluation reported", "Final report to the Taskforce"]
_TEXTS = (  # narrative updates by status ("#" between statuses, "|" between templates)
    "Scoping under way with {partner}; start planned for {start}.|Awaiting a funding decision.#"
    "{back}Pilot launched in {ward} with {n} participants.|{back}{n} residents joined "
    "coproduction sessions in {ward}.|{back}Steering group met in {month}; delivery plan agreed."
    "|{back}Data sharing agreement signed with {partner}.|{back}{n} staff trained in cultural "
    "intelligence.#Recruitment delayed by funding decision; forecast moved to {slip}.|Partner "
    "capacity stretched; '{milestone}' now forecast for {slip}.|Fewer referrals than planned ({n}"
    " against {t}); outreach in {ward} stepped up.#Procurement paused after no compliant bids; "
    "re-tender forecast {slip}.|Project lead post vacant since {month}; recovery plan to the next"
    " board.#Completed in {month}; evaluation shared with the Taskforce ({n} people reached).|"
    "Final milestone met in {month}; learning handed to business-as-usual teams.#Withdrawn at "
    "the quarterly review by the lead organisation.")
TEXTS = dict(zip(["NOT_STARTED", "ON_TRACK", "AT_RISK", "OFF_TRACK", "COMPLETE", "WITHDRAWN"],
                 _TEXTS.split("#"), strict=True))
REASONS = ["Superseded by a regional programme led by WMCA.",
           "Funding not confirmed in the 2026/27 budget; partners agreed to close it."]
STEP = {"NOT_STARTED": {"NOT_STARTED": .35, "ON_TRACK": .55, "AT_RISK": .1}, "ON_TRACK": {
    "ON_TRACK": .79, "AT_RISK": .16, "OFF_TRACK": .03, "COMPLETE": .02}, "AT_RISK": {"ON_TRACK":
    .35, "AT_RISK": .4, "OFF_TRACK": .22, "COMPLETE": .03}, "OFF_TRACK": {"AT_RISK": .35,
    "OFF_TRACK": .55, "ON_TRACK": .1}}  # quarter-to-quarter status transitions
# id, name, theme, unit, polarity, notes; kind (p: proportion, r: rate), multiplier, base per
# resident (0: households), trend per quarter, deprivation effect, England offset (logit/log).
INDICATORS = [
    ("EMP_RATE", "Employment rate, aged 16 to 64", "JOBS", "%", "Higher is better",
     "People aged 16 to 64 in work.", "p", 100, .63, .01, -.25, .05),
    ("CLAIMANT_RATE", "Claimant rate, aged 16 to 64", "JOBS", "%", "Lower is better",
     "Universal Credit or JSA claimants aged 16 to 64.", "p", 100, .63, -.01, .3, -.05),
    ("TEMP_ACCOM", "Households in temporary accommodation", "HOUSING", "per 1,000",
     "Lower is better", "At the end of the quarter.", "r", 1e3, 0, .02, .35, 0),
    ("NHS_HEALTH_CHECK", "NHS Health Check uptake", "HEALTH", "%", "Higher is better",
     "Share of people aged 40 to 74 invited who had a check.", "p", 100, .021, .015, -.15, 0),
    ("YJ_FTE", "Youth justice first-time entrants", "JUSTICE", "per 100,000", "Lower is better",
     "Rolling 12 months, children aged 10 to 17.", "r", 1e5, .1, -.01, .3, .1)]
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

def months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, min(d.day, 28))

def some(rng: np.random.Generator, seq: list[Any], k: int) -> list[Any]:
    return [seq[i] for i in sorted(rng.choice(len(seq), min(k, len(seq)), replace=False))]

def make_commitments(rng: np.random.Generator) -> list[Rec]:
    themes = json.loads((REF / "themes.json").read_text("utf-8"))
    principles = [x["name"] for x in themes["principles"]]
    wards = pd.read_csv(REF / "wmca_wards_wd22.csv").query("wmca_membership == 'constituent'")
    by_la: dict[str, list[str]] = wards.groupby("lad_name", sort=False)["ward_name"].agg(list)
    out: list[Rec] = []
    for t in themes["themes"]:
        code, pr = t["code"], t["priorities"]  # about 150 commitments, ~10 new in 2026 Q3:
        n = 9 if t["kind"] == "cross-cutting" else 5 * len(pr) - 1
        n_new = rng.binomial(n, 10 / 150)  # new ones are numbered last
        for k, p in enumerate([*range(len(pr)), *rng.integers(0, len(pr), n - len(pr))]):
            area = "Regional" if rng.random() < .3 else str(rng.choice(wards["lad_name"].values))
            body = (ICS.get(area, BC) if area in COUNCILS else str(rng.choice([BSOL, BC, CW]))
                    ) if code == "HEALTH" else BODIES.get(code, "WMCA")
            lead = ((body if rng.random() < .5 else "WMCA") if area == "Regional" else
                    body if rng.random() < .35 and body != "WMCA" else COUNCILS[area])
            pool = [COUNCILS.get(area, "WMCA"), *some(rng, PARTNERS, 3)]
            partners = [x for x in dict.fromkeys(pool) if x != lead][:int(rng.integers(1, 4))]
            wl = some(rng, by_la.get(area, []), int(rng.integers(1, 4)) * (rng.random() < .29))
            topic = str(rng.choice(TOPICS[code].split("/")[p].split("|")))
            prio, act = pr[p][:1].lower() + pr[p][1:].rstrip("."), topic[:1].lower() + topic[1:]
            where = (f" in {', '.join(wl)} ({area})" if wl else f" across {area}"
                     if area in COUNCILS else " across the West Midlands")
            desc = str(rng.choice([f"{lead} will {prio}, starting with the {act}{where}.",
                                   f"Working with {partners[0]}, {lead} will run the {act}{where}.",
                                   f"The {act}{where}: part of the Taskforce priority to {prio}."]))
            title = topic if area == "Regional" else str(rng.choice(
                [f"{topic} in {area}", f"{area}: {topic}", f"{topic} ({area})"]))
            start = (date(2026, 7, 1) if k >= n - n_new else date(2025, 1, 1)) + timedelta(
                int(rng.integers(0, 90 if k >= n - n_new else 365)))
            due = max(date(2025, 12, 1) + timedelta(int(rng.integers(0, 760))), months(start, 6))
            mls = [*some(rng, MILESTONES[:-1], int(rng.integers(0, 3))), MILESTONES[-1]]
            ms = [(m, start + (due - start) * i / len(mls)) for i, m in enumerate(mls, 1)]
            row = {"commitment_id": f"RET-{code}-{k + 1:03d}", "title": title, "description": desc,
                   "theme": t["name"], "priority": pr[p], "lead": lead, "authority": area,
                   "partners": "; ".join(partners), "wards": "; ".join(wl) or None,
                   "principles": "; ".join(some(rng, principles, int(rng.integers(4)))) or None,
                   "start_date": start, "due_date": due}
            out.append({"row": row, "wards": wl or by_la.get(area, list(wards["ward_name"])),
                        "first": 3 * (k >= n - n_new), "hist": {},
                        "ms": [[m, b, b, None] for m, b in ms]})  # baseline, forecast, actual
    return out

def simulate(cs: list[Rec], rng: np.random.Generator) -> list[Rec]:
    """Statuses follow a Markov chain; milestones are met, or their forecasts slip."""
    late = [i for i, c in enumerate(cs) if c["first"] == 0 and c["row"]["due_date"].year == 2027]
    withdraw = dict(zip(some(rng, late, 2), (2, 3), strict=True))
    for i, c in enumerate(cs):
        status, due, start, ms = "", c["row"]["due_date"], c["row"]["start_date"], c["ms"]
        for q in range(c["first"], 4):
            qend, prev, slip = QEND[q], status, None
            if prev in ("COMPLETE", "WITHDRAWN") or withdraw.get(i) == q:
                status = prev if prev in ("COMPLETE", "WITHDRAWN") else "WITHDRAWN"
            elif q == c["first"]:
                status = "NOT_STARTED" if start > qend else str(rng.choice(
                    ["ON_TRACK", "NOT_STARTED", "AT_RISK", "OFF_TRACK"], p=[.6, .15, .18, .07]))
            elif prev == "ON_TRACK" and due <= months(qend, 3) and rng.random() < .4:
                status = "COMPLETE"
            else:
                status = str(rng.choice(list(STEP[prev]), p=list(STEP[prev].values())))
            for m in [m for m in ms if m[3] is None and status != "WITHDRAWN"]:
                if status == "COMPLETE" or (m[2] <= qend and status == "ON_TRACK"):
                    m[3] = max(start, min(m[2], qend) - timedelta(int(rng.integers(0, 20))))
                elif m[2] <= qend or (slip is None and status in ("AT_RISK", "OFF_TRACK")):
                    m[2], slip = months(max(m[2], qend), int(rng.integers(1, 5))), slip or m
            slip = slip or ms[-1]
            fill = {"ward": rng.choice(c["wards"]), "n": int(rng.integers(2, 16)) * 5,
                    "t": int(rng.integers(20, 40)) * 5, "start": f"{start:%B %Y}",
                    "month": f"{months(qend, -int(rng.integers(0, 3))):%B}", "milestone": slip[0],
                    "partner": c["row"]["partners"].split("; ")[0], "slip": f"{slip[2]:%B %Y}"}
            fill["back"] = "Back on track. " if prev in ("AT_RISK", "OFF_TRACK") else ""
            text = str(rng.choice(TEXTS[status].split("|"))).format(**fill)
            c["hist"][q] = (status, text, [list(m) for m in ms])
    return cs

def write_commitments(cs: list[Rec], out: Path, rng: np.random.Generator, cols: Rec) -> None:
    labels = dict(pd.read_csv(REF / "statuses.csv")[["code", "label"]].to_numpy())
    per_priority = pd.Series([c["row"]["priority"] for c in cs]).value_counts()
    quiet = [i for i, c in enumerate(cs) if per_priority[c["row"]["priority"]] >= 3 and all(
        c["hist"].get(q, ("",))[0] in ("ON_TRACK", "AT_RISK", "OFF_TRACK") for q in (2, 3))]
    skip = set(some(rng, quiet, 5))  # no update in the latest quarter
    for q, quarter in enumerate(QUARTERS):
        wb = Workbook(write_only=True)  # dates get the yyyy-mm-dd format
        ws, wm = wb.create_sheet("Commitments"), wb.create_sheet("Milestones")
        for line in ([TITLE], [], [f["header"] for f in cols["commitments"]]):
            ws.append(line)
        wm.append([f["header"] for f in cols["milestones"]])
        for i, c in enumerate(cs):
            if q in c["hist"] and not (q == 3 and i in skip):
                status, text, ms = c["hist"][q]
                row = {**c["row"], "quarter": quarter, "status": labels[status], "narrative": text,
                       "reason": REASONS[i % 2] if status == "WITHDRAWN" else None}
                ws.append([row[f["field"]] for f in cols["commitments"]])
                for m in ms:
                    wm.append([row["commitment_id"], *m])
        wb.save(out / f"commitments_{quarter.replace(' ', '-')}.xlsx")

def limits(x: np.ndarray, n: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """95% limits of x/n: Wilson score for a proportion (p), Byar's method for a rate (r)."""
    if kind == "p":
        p, z2 = x / n, Z * Z
        mid, half = p + z2 / (2 * n), Z * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
        return (mid - half) / (1 + z2 / n), (mid + half) / (1 + z2 / n)
    lo, x1 = x * (1 - 1 / (9 * x) - Z / (3 * np.sqrt(x))) ** 3, x + 1
    return lo / n, x1 * (1 - 1 / (9 * x1) + Z / (3 * np.sqrt(x1))) ** 3 / n

def observations(rng: np.random.Generator) -> list[Rec]:
    g = pd.read_csv(REF / "ethnic_groups.csv").query("kind in ['all', 'heading', 'group']")
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
        lo, hi = limits(np.maximum(onum, 1.0), np.maximum(oden, 1.0), kind)  # 0s: suppressed
        for (ti, ai, gi), x in np.ndenumerate(onum):
            (code, area, atype, _), (label, gkind), n = areas[ai], groups[gi], oden[ti, ai, gi]
            if atype == "Ward" and gkind == "group":
                continue
            r = {"indicator_id": iid, "indicator_name": name, "period": PERIODS[ti],
                 "area_code": code, "area_name": area, "area_type": atype,
                 "ethnic_group": label, "value": "[c]", "note": "Suppressed: small numbers"}
            if x >= 5 and n >= 30:
                r.update(value=round(float(mult * x / n), 1), numerator=int(x), note=None,
                         denominator=int(n), lower=round(float(mult * lo[ti, ai, gi]), 1),
                         upper=round(float(mult * hi[ti, ai, gi]), 1))
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
    for iid, name, theme, unit, pol, note, *_ in INDICATORS:
        d = {"indicator_id": iid, "name": name, "theme": themes[theme], "unit": unit, "notes": note,
             "polarity": pol, "source": TITLE, "frequency": "Quarterly", "decimals": 1}
        defs.append([d.get(f["field"], "") for f in cols["definitions"]])
    fields = [f["field"] for f in cols["observations"]]
    for line in ([TITLE], [], [f["header"] for f in cols["observations"]],
                 *([r.get(f) for f in fields] for r in rows)):
        obs.append(line)
    wb.save(out / "indicators_quarterly.xlsx")
    update = [dict(r) for r in rows if r["indicator_id"] == "EMP_RATE" and
              r["period"] == PERIODS[-1] and r["area_type"] == "Local authority"]
    for r in (r for r in update if r.get("numerator")):  # a later release revises the figures
        n, x = r["denominator"], r["numerator"] + int(rng.integers(-3, 4)) * (r["numerator"] // 500)
        lo, hi = limits(np.array(x, float), np.array(n, float), "p")
        r.update(value=round(100 * x / n, 1), numerator=x, lower=round(100 * float(lo), 1),
                 upper=round(100 * float(hi), 1), note="Revised figure")
    with open(out / "indicators_2026-Q3_update.csv", "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([[c["header"] for c in cols["observations"]],
                                 *([r.get(c) for c in fields] for r in update)])

def main(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    cols = json.loads((ROOT / "resources" / "import" / "columns.json").read_text("utf-8"))
    rng_c, rng_i = (np.random.default_rng(s) for s in np.random.SeedSequence(SEED).spawn(2))
    write_commitments(simulate(make_commitments(rng_c), rng_c), out, rng_c, cols)
    write_indicators(observations(rng_i), out, rng_i, cols)

if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
