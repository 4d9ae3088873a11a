"""Derive Census 2021 ethnic group counts for the member authorities, the WMCA and England.

Input: ``data/source/ons_census2021_ethnic_group_ltla21_long_all_EW.csv`` (every authority of
England and Wales × 19 groups, from the ONS bulletin download). Output:
``data/source/census2021_ts021_authorities_derived.csv`` in the Nomis TS021 layout (one row per
area, a column per group and heading, "Ethnic group: …" headers), with rows for each member
authority, the WMCA (sum of the 7 constituent authorities) and England (sum of the authorities
whose codes start with E). Headings and totals are sums of their groups. Census tables are
perturbed independently, so these sums differ slightly from published totals.

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
AUTHORITIES = HERE.parent / "resources" / "reference" / "wmca_local_authorities.csv"
HEADINGS = [
    "Asian, Asian British or Asian Welsh",
    "Black, Black British, Black Welsh, Caribbean or African",
    "Mixed or Multiple ethnic groups",
    "White",
    "Other ethnic group",
]


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

    def total(codes: list[str]) -> dict[str, float]:
        return {g: sum(counts[c].get(g, 0.0) for c in codes) for g in groups}

    areas = [(r["lad_code"], r["lad_name"], counts[r["lad_code"]]) for r in members]
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
        for code, name, values in areas:
            row: list[object] = ["2021", name, code, int(sum(values.values()))]
            for heading in HEADINGS:
                mine = [g for g in groups if g.startswith(heading + ":")]
                row.append(int(sum(values.get(g, 0.0) for g in mine)))
                row += [int(values.get(g, 0.0)) for g in mine]
            writer.writerow(row)
    print(f"wrote {OUT} ({len(areas)} areas)")


if __name__ == "__main__":
    main()
