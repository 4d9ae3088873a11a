"""The links of MAG Desktop's illustrative commitments to the illustrative indicators they aim
to move (not official statistics). Used by ``generate_sample.py``.

A commitment whose activity targets an indicator (the underemployment task group, the claimant
rate; the youth justice disproportionality tracker, first-time entrants) is linked to it with
the chance its topic gives, naming the ethnic group and the comparator of a disparity the sample
really shows in the commitment's own area when it started: the focus group's figure is worse
than the comparator's there, and both rest on enough events to be reliable. A commitment that
names wards compares the broad headings (Black with White), the only groups wards hold, and
so does one whose area holds too few events for any of the detailed groups. A few
links aim to lower or raise one group's figure, a few name the indicator alone, and a few
commitments gain a link in a later quarter. Links come from their own random stream, so the
commitments, statuses and figures are the same with or without them.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from sample_indicators import INDICATORS, MIN_COUNT, PERIODS, REF, Rec

#: Topic: the chance it is linked (always when the topic names its target), and the
#: indicators it aims to move (the first always, the second now and then).
TOPICS: dict[str, tuple[float, tuple[str, ...]]] = {
    "Sector work academies": (1.0, ("EMP_RATE", "CLAIMANT_RATE")),
    "Underemployment task group": (1.0, ("CLAIMANT_RATE", "EMP_RATE")),
    "Green jobs pathway": (.55, ("EMP_RATE",)),
    "In-work progression pilot": (.55, ("EMP_RATE",)),
    "Fair recruitment standard": (.55, ("EMP_RATE",)),
    "Homelessness race inequality study": (1.0, ("TEMP_ACCOM",)),
    "Temporary accommodation review": (1.0, ("TEMP_ACCOM",)),
    "Housing options guide": (.55, ("TEMP_ACCOM",)),
    "Larger family homes programme": (.55, ("TEMP_ACCOM",)),
    "Allocations outcomes review": (.55, ("TEMP_ACCOM",)),
    "Health literacy champions": (1.0, ("NHS_HEALTH_CHECK",)),
    "Culturally tailored health incentives": (1.0, ("NHS_HEALTH_CHECK",)),
    "Equalities strategy group with the ICS": (.55, ("NHS_HEALTH_CHECK",)),
    "Youth justice disproportionality tracker": (1.0, ("YJ_FTE",)),
    "Diversion scheme for first-time entrants": (1.0, ("YJ_FTE",)),
    "Race recommendations delivery plan": (.55, ("YJ_FTE",)),
}
_WB = "White British"
#: Focus and comparator groups (short labels) of the disparities each indicator's rates show.
PAIRS = {
    "EMP_RATE": [(g, _WB) for g in ("Pakistani", "Bangladeshi", "Black Caribbean", "Arab")],
    "CLAIMANT_RATE": [(g, _WB) for g in ("Bangladeshi", "Pakistani", "Black Caribbean",
                                         "Black African")],
    "TEMP_ACCOM": [(g, _WB) for g in ("Black African", "Other Black", "Black Caribbean")],
    "NHS_HEALTH_CHECK": [(g, _WB) for g in ("Black African", "Pakistani", "Chinese")],
    "YJ_FTE": [(g, _WB) for g in ("Black Caribbean", "Mixed White/Black Caribbean",
                                  "Other Black")],
}
WARD_PAIRS = [("Black", "White"), ("Asian", "White")]  # wards hold the headings only
AIMS = {"narrow": "Narrow the gap", "lower": "Lower", "raise": "Raise"}
LOWER_BETTER = {i[0] for i in INDICATORS if i[4] == "Lower is better"}
NAMES = {i[0]: i[1] for i in INDICATORS}
Link = dict[str, str | None]  # indicator, group, comparator (short labels), aim


def _period_end(label: str) -> date:
    year, q = int(label[:4]), int(label[-1])
    return date(year, 3 * q, 30 if q in (2, 3) else 31)


def baseline(start: date) -> str:
    """The last period that ended on or before ``start`` (else the first held)."""
    return ([p for p in PERIODS if _period_end(p) <= start] or PERIODS[:1])[-1]


class Figures:
    """The sample's figures by indicator, period, area code and group (short label)."""

    def __init__(self, rows: list[Rec]) -> None:
        g = pd.read_csv(REF / "ethnic_groups.csv")
        short = dict(zip(g["label"], g["short_label"], strict=True))
        self.held = {(r["indicator_id"], r["period"], r["area_code"],
                      short.get(r["ethnic_group"], r["ethnic_group"])): r for r in rows
                     if r["area_type"] != "Ward" and isinstance(r.get("numerator"), int)}
        la = pd.read_csv(REF / "wmca_local_authorities.csv")
        self.codes = dict(zip(la["lad_name"], la["lad_code"], strict=True))
        self.codes["Regional"] = "E47000007"

    def disparity(self, iid: str, area: str, periods: list[str], focus: str, comp: str) -> str:
        """"clear" when ``focus`` fares worse than ``comp`` in ``area`` in the first of
        ``periods`` and both groups' figures rest on at least MIN_COUNT events in each of them;
        "few" when some figure is suppressed or rests on fewer; else "none"."""
        rows = [[self.held.get((iid, p, self.codes[area], grp)) for grp in (focus, comp)]
                for p in periods]
        if any(r is None or r["numerator"] < MIN_COUNT for pair in rows for r in pair):
            return "few"
        (f, c), lower = rows[0], iid in LOWER_BETTER
        return "clear" if (f["value"] > c["value"]) == lower else "none"


def _pairs(iid: str, row: Rec, figures: Figures) -> list[tuple[str, str]]:
    """The disparities a commitment may target: those clear in its area (detailed groups
    unless it names wards, else the headings), else the first one whose figures there are too
    few to tell (a partner names the disparity it works on whatever its area's numbers)."""
    periods = [baseline(row["start_date"]), PERIODS[-1]]
    tiers = ([] if row["wards"] else [PAIRS[iid]]) + [WARD_PAIRS]
    found = {pair: figures.disparity(iid, row["authority"], periods, *pair)
             for tier in tiers for pair in tier}
    for tier in tiers:
        if clear := [pair for pair in tier if found[pair] == "clear"]:
            return clear
    return [pair for pair, how in found.items() if how == "few"][:1]


def _links(c: Rec, topic: str, figures: Figures, rng: np.random.Generator) -> list[Link]:
    out: list[Link] = []
    for k, iid in enumerate(TOPICS[topic][1]):
        if k and rng.random() < .55:  # a second indicator for about half of those with one
            continue
        pairs = _pairs(iid, c["row"], figures)
        several = 1 + (len(pairs) > 1 and rng.random() < .3)  # two groups' gaps, now and then
        for i in sorted(rng.choice(len(pairs), min(several, len(pairs)), replace=False)):
            focus, comp = pairs[i]
            roll = rng.random()
            if roll < .12:  # lower or raise one group's own figure
                out.append({"indicator": iid, "group": focus, "comparator": None,
                            "aim": "lower" if iid in LOWER_BETTER else "raise"})
            elif roll < .15 and several == 1:  # the indicator alone: the widest gap at the start
                out.append({"indicator": iid, "group": None, "comparator": None, "aim": "narrow"})
            else:
                out.append({"indicator": iid, "group": focus, "comparator": comp,
                            "aim": "narrow"})
    return out


def make_links(cs: list[Rec], rows: list[Rec], rng: np.random.Generator) -> dict[str, Rec]:
    """Commitment id -> {"links": [[first quarter index, link]], "sheet": bool}: the links of
    the commitments whose topic (in the title) targets an indicator of ``rows``. ``sheet`` says
    the Links sheet holds them (several links, or an aim other than narrowing), else the
    "Linked indicators" cell."""
    figures, out = Figures(rows), {}
    for c in cs:
        topic = next((t for t in TOPICS if t in c["row"]["title"]), "")
        if not topic or rng.random() >= TOPICS[topic][0]:
            continue
        links = _links(c, topic, figures, rng)
        if links:
            out[c["row"]["commitment_id"]] = {"links": [[c["first"], x] for x in links]}
    # a few commitments gain their last link in a later quarter
    late = [k for k, v in out.items() if v["links"][-1][0] == 0]
    for k in sorted(rng.choice(len(late), 3, replace=False)):
        out[late[k]]["links"][-1][0] = int(rng.integers(1, 4))
    for v in out.values():
        v["sheet"] = len(v["links"]) > 1 or any(x["aim"] != "narrow" for _, x in v["links"])
        for _, x in v["links"] if v["sheet"] else ():  # as a clerk might write them
            x["named"] = NAMES[str(x["indicator"])] if rng.random() < .15 else None
            x["blank_aim"] = "yes" if x["aim"] == "narrow" and rng.random() < .5 else None
    return out


def cell(links: list[Link]) -> str | None:
    """The "Linked indicators" cell: ids, each with its groups in brackets."""
    def one(x: Link) -> str:
        groups = " vs ".join(g for g in (x["group"], x["comparator"]) if g)
        return f"{x['indicator']} ({groups})" if groups else str(x["indicator"])
    return "; ".join(one(x) for x in links) or None


def sheet_row(cid: str, x: Link) -> dict[str, str | None]:
    """A row of the Links sheet by field: the indicator by id or now and then by name, and
    narrowing the gap written out or left blank (its default)."""
    return {"commitment_id": cid, "indicator": x["named"] or x["indicator"], "group": x["group"],
            "comparator": x["comparator"],
            "aim": None if x["blank_aim"] else AIMS[str(x["aim"])]}
