"""Write MAG Desktop's illustrative sample data (not official statistics), seeded and repeatable.
Usage: python data/generate_sample.py [OUT_DIR]   (OUT_DIR defaults to data/sample)"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from sample_indicators import TITLE, Rec, observations, some, write_indicators
from sample_links import cell, make_links, sheet_row

ROOT = Path(__file__).resolve().parents[1]
REF, OUT = ROOT / "resources" / "reference", ROOT / "data" / "sample"
SEED = 20230317
QUARTERS = ["2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3"]
QEND = [date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)]
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

def months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, min(d.day, 28))

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

def write_commitments(cs: list[Rec], out: Path, rng: np.random.Generator, cols: Rec,
                      links: dict[str, Rec]) -> None:
    """One workbook per quarter: Commitments, Milestones and, for commitments with several
    links or an aim other than narrowing a gap, Links (the others' go in "Linked indicators")."""
    labels = dict(pd.read_csv(REF / "statuses.csv")[["code", "label"]].to_numpy())
    per_priority = pd.Series([c["row"]["priority"] for c in cs]).value_counts()
    quiet = [i for i, c in enumerate(cs) if per_priority[c["row"]["priority"]] >= 3 and all(
        c["hist"].get(q, ("",))[0] in ("ON_TRACK", "AT_RISK", "OFF_TRACK") for q in (2, 3))]
    skip = set(some(rng, quiet, 5))  # no update in the latest quarter
    for q, quarter in enumerate(QUARTERS):
        wb = Workbook(write_only=True)  # dates get the yyyy-mm-dd format
        ws, wm = wb.create_sheet("Commitments"), wb.create_sheet("Milestones")
        wl = wb.create_sheet("Links")
        for line in ([TITLE], [], [f["header"] for f in cols["commitments"]]):
            ws.append(line)
        wm.append([f["header"] for f in cols["milestones"]])
        wl.append([f["header"] for f in cols["links"]])
        for i, c in enumerate(cs):
            if q in c["hist"] and not (q == 3 and i in skip):
                status, text, ms = c["hist"][q]
                cid, link = c["row"]["commitment_id"], links.get(c["row"]["commitment_id"], {})
                held = [x for first, x in link.get("links", []) if first <= q]
                row = {**c["row"], "quarter": quarter, "status": labels[status], "narrative": text,
                       "reason": REASONS[i % 2] if status == "WITHDRAWN" else None,
                       "indicators": None if link.get("sheet") else cell(held)}
                ws.append([row[f["field"]] for f in cols["commitments"]])
                for m in ms:
                    wm.append([cid, *m])
                for x in held if link.get("sheet") else ():
                    wl.append([sheet_row(cid, x)[f["field"]] for f in cols["links"]])
        wb.save(out / f"commitments_{quarter.replace(' ', '-')}.xlsx")

def main(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    cols = json.loads((ROOT / "resources" / "import" / "columns.json").read_text("utf-8"))
    # commitments, indicators, links: each its own stream, so adding one changes no other
    rng_c, rng_i, rng_l = (np.random.default_rng(s) for s in np.random.SeedSequence(SEED).spawn(3))
    rows = observations(rng_i)
    cs = simulate(make_commitments(rng_c), rng_c)
    write_commitments(cs, out, rng_c, cols, make_links(cs, rows, rng_l))
    write_indicators(rows, out, rng_i, cols)

if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
