"""Derive Census 2021 ethnic group counts for the member authorities, the WMCA and England.

Input: ``data/source/ons_census2021_ethnic_group_ltla21_long_all_EW.csv`` (every authority of
England and Wales × 19 groups, from the ONS bulletin download). Output:
``data/source/census2021_ts021_authorities_derived.csv`` in the Nomis TS021 layout (one row per
area, a column per group and heading, "Ethnic group: …" headers), with rows for each member
authority, the WMCA (sum of the 7 constituent authorities) and England (sum of the authorities
whose codes start with E). Headings are sums of their groups.

Census tables are perturbed independently, so an authority's groups do not add up exactly to
its published total. An authority's total ("Total: All usual residents") is therefore the
published figure wherever ``data/source/census2021_ts021_published_totals.csv`` holds one
(Birmingham: 1,144,919, where its groups sum to 1,144,922), and the sum of its groups only
where no published total is held. The WMCA's and England's totals are sums of their
authorities' totals.

    python data/derive_census_authorities.py
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source" / "ons_census2021_ethnic_group_ltla21_long_all_EW.csv"
OUT = HERE / "source" / "census2021_ts021_authorities_derived.csv"
PUBLISHED = HERE / "source" / "census2021_ts021_published_totals.csv"
AUTHORITIES = HERE.parent / "resources" / "reference" / "wmca_local_authorities.csv"
HEADINGS = [
    "Asian, Asian British or Asian Welsh",
    "Black, Black British, Black Welsh, Caribbean or African",
    "Mixed or Multiple ethnic groups",
    "White",
    "Other ethnic group",
]


def published_totals() -> dict[str, int]:
    """Authority code -> its published "All usual residents" total, where one is held."""
    with PUBLISHED.open(encoding="utf-8", newline="") as f:
        return {r["code"]: int(r["all_usual_residents"]) for r in csv.DictReader(f)}


def main() -> None:
    counts: dict[str, dict[str, float]] = defaultdict(dict)
    names: dict[str, str] = {}
    with SOURCE.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            label = row["ethnic_group"]
            if not label.endswith("(number)"):
                continue
            group = re.sub(r"\s+", " ", label.removesuffix("(number)")).strip()
            counts[row["ltla21_code"]][group] = float(row["value"])
            names[row["ltla21_code"]] = row["ltla21_name"]
    with AUTHORITIES.open(encoding="utf-8", newline="") as f:
        members = [r for r in csv.DictReader(f) if r["lad_code"] in counts]
    groups = sorted({g for c in counts.values() for g in c}, key=lambda g: (
        HEADINGS.index(g.split(":")[0]), g))

    published = published_totals()
    everyone = {c: published.get(c, int(sum(v.values()))) for c, v in counts.items()}

    def total(codes: list[str]) -> tuple[dict[str, float], int]:
        return ({g: sum(counts[c].get(g, 0.0) for c in codes) for g in groups},
                sum(everyone[c] for c in codes))

    areas = [(r["lad_code"], r["lad_name"], (counts[r["lad_code"]], everyone[r["lad_code"]]))
             for r in members]
    constituent = [r["lad_code"] for r in members if r["wmca_membership"] == "constituent"]
    areas.append(("E47000007", "West Midlands Combined Authority", total(constituent)))
    areas.append(("E92000001", "England", total([c for c in counts if c.startswith("E")])))
    header = ["date", "geography", "geography code", "Ethnic group: Total: All usual residents"]
    for heading in HEADINGS:
        header.append(f"Ethnic group: {heading}")
        header += [f"Ethnic group: {g}" for g in groups if g.startswith(heading + ":")]
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for code, name, (values, all_residents) in areas:
            row: list[object] = ["2021", name, code, all_residents]
            for heading in HEADINGS:
                mine = [g for g in groups if g.startswith(heading + ":")]
                row.append(int(sum(values.get(g, 0.0) for g in mine)))
                row += [int(values.get(g, 0.0)) for g in mine]
            writer.writerow(row)
    print(f"wrote {OUT} ({len(areas)} areas)")


if __name__ == "__main__":
    main()
