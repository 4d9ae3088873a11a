"""A commitment update's links as the store keeps them: a JSON list of objects, one per link,
``{"indicator": "CLAIMANT_RATE", "group": "BLACK_CARIBBEAN", "comparator": null,
"aim": "narrow"}`` (``group`` and ``comparator`` are ethnic group codes or null)."""

from __future__ import annotations

import json

from mag_desktop.core.domain import IndicatorLink, LinkAim


def links_to_json(links: tuple[IndicatorLink, ...] | list[IndicatorLink]) -> str:
    """The JSON text stored in ``commitment_update.links`` ("[]" for none), keys in a fixed
    order so an unchanged set of links compares equal as text."""
    return json.dumps([{"indicator": link.indicator, "group": link.group,
                        "comparator": link.comparator, "aim": str(link.aim)}
                       for link in links], separators=(",", ":"))


def links_from_json(text: str | None) -> tuple[IndicatorLink, ...]:
    """The links of stored JSON text. Text that is not such a list, and items without an
    indicator, give nothing (the importer validates what it writes); an unknown aim reads as
    narrowing the gap."""
    try:
        raw = json.loads(text or "[]")
    except (TypeError, ValueError):
        return ()
    if not isinstance(raw, list):
        return ()
    out: list[IndicatorLink] = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("indicator"), str):
            continue
        aim = item.get("aim")
        out.append(IndicatorLink(
            indicator=item["indicator"],
            group=item.get("group") if isinstance(item.get("group"), str) else None,
            comparator=item.get("comparator") if isinstance(item.get("comparator"), str)
            else None,
            aim=LinkAim(aim) if aim in set(LinkAim) else LinkAim.NARROW,
        ))
    return tuple(out)
