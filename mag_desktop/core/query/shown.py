"""What of an observation may be shown: the one place the read side masks withheld figures.

A figure withheld to protect a suppressed one (``observation.withheld``, set by
:mod:`mag_desktop.core.disclosure` after every change to the data) keeps the partner's numbers in
the store, but every read that shows, exports or publishes figures selects them through
:data:`SHOWN_COLUMNS`: value, numerator, denominator and limits come back NULL and the marker as
:data:`WITHHELD_MARKER`, so no screen, export or pack can print them.
"""

from __future__ import annotations

WITHHELD_MARKER = "[c]"
WITHHELD_MEANING = "suppressed to protect another figure"

_MASKED = ("value", "numerator", "denominator", "lower", "upper")

#: The masked figures, a marker for withheld rows and the ``withheld`` flag itself, ready to be
#: put in a SELECT list over ``observation`` (optionally aliased as ``o``: use
#: :func:`shown_columns`).
SHOWN_COLUMNS = ", ".join(
    [f"CASE WHEN withheld THEN NULL ELSE {c} END AS {c}" for c in _MASKED]
    + [f"CASE WHEN withheld THEN '{WITHHELD_MARKER}' ELSE marker END AS marker",
       "withheld", "limits_source"]
)


def shown_columns(alias: str = "", columns: tuple[str, ...] = _MASKED) -> str:
    """:data:`SHOWN_COLUMNS` for a table alias (``"o"`` gives ``o.value``) and a choice of
    figures; the marker, ``withheld`` and ``limits_source`` always follow."""
    p = f"{alias}." if alias else ""
    return ", ".join(
        [f"CASE WHEN {p}withheld THEN NULL ELSE {p}{c} END AS {c}" for c in columns]
        + [f"CASE WHEN {p}withheld THEN '{WITHHELD_MARKER}' ELSE {p}marker END AS marker",
           f"{p}withheld AS withheld", f"{p}limits_source AS limits_source"]
    )
