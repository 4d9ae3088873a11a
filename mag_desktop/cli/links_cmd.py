"""``progress``: Is it working? The commitments linked to indicators and whether the gaps they
target moved, as the window and the packs say it."""

from __future__ import annotations

import argparse
import json
import re

from mag_desktop.cli.pack_cmds import existing_store
from mag_desktop.core.errors import UsageError
from mag_desktop.core.geography import REGION_CODE, load_geography
from mag_desktop.core.links.listing import linked_commitments, widening_ids
from mag_desktop.core.links.progress import commitment_progress
from mag_desktop.core.links.progress_model import LinkProgress
from mag_desktop.core.names import AreaResolver
from mag_desktop.core.query import lookups

#: the words that name the WMCA's own area, where Regional commitments are followed
REGION_WORDS = {"wmca", "westmidlandscombinedauthority", "regional", "region",
                REGION_CODE.lower()}


def _area(text: str | None) -> str | None:
    if not text:
        return None
    if re.sub(r"[^a-z0-9]", "", text.lower()) in REGION_WORDS:
        return REGION_CODE
    resolver = AreaResolver(load_geography())
    for kind in ("authority", "ward"):
        found = resolver.resolve(text, kind=kind)
        if found.ok and found.code:
            return found.code
    raise UsageError(f'"{text}" is not a WMCA authority or ward, nor the WMCA (give its name '
                     "or code)")


def _record(p: LinkProgress) -> dict[str, object]:
    return {"commitment": p.commitment_id, "area": p.area_name, "indicator": p.indicator.code,
            "target": p.target, "movement": str(p.movement), "toward_aim": p.toward_aim,
            "broad_groups": p.broad_groups,
            "baseline": p.baseline.period if p.baseline else None,
            "latest": p.latest.period if p.latest else None,
            "gap_then": p.baseline.text if p.baseline else "",
            "gap_now": p.latest.text if p.latest else "", "sentence": p.sentence}


def cmd_progress(args: argparse.Namespace) -> int:
    area = _area(args.area)
    with existing_store(args) as store:
        conn = store.conn
        if args.commitment:
            try:
                found = commitment_progress(conn, args.commitment, area)
            except lookups.NotFoundError as exc:
                raise UsageError(str(exc)) from exc
            ids = [args.commitment]
        else:
            chosen = widening_ids(conn) if args.widening else set(linked_commitments(conn))
            ids = sorted(chosen)
            found = tuple(p for cid in ids for p in commitment_progress(conn, cid, area))
    if args.json:
        print(json.dumps([_record(p) for p in found], indent=1, ensure_ascii=False))
        return 0
    if not found:
        print("No indicator is linked to this commitment." if args.commitment else
              "No commitment links an indicator" + (" whose gap widened." if args.widening
                                                    else "."))
        return 0
    for p in found:
        print(f"{p.commitment_id} · {p.area_name} · {p.mark_and_aim}")
        print(f"  {p.target}")
        print(f"  {p.sentence}")
    print("A change is called only when the 95% intervals of the two periods do not overlap; "
          "a movement beside a commitment does not show that the commitment caused it.")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "progress", parents=[common],
        help="Is it working? linked commitments and whether their gaps moved",
        description="For each commitment linked to an indicator, whether the gap it targets "
        "moved since it started: in its own authority (the WMCA for a Regional one) and each "
        "ward it names, or in the area given.")
    p.add_argument("commitment", nargs="?", metavar="ID", help="one commitment (default: all "
                   "linked ones)")
    p.add_argument("--area", metavar="NAME|CODE", help="an authority, a ward or the WMCA "
                   "instead of the commitment's own areas")
    p.add_argument("--widening", action="store_true",
                   help="only commitments whose linked gap widened in their own area")
    p.add_argument("--json", action="store_true", help="print one JSON list")
    p.set_defaults(func=cmd_progress)
