"""What of an observation may be shown: the one place the read side masks withheld figures.

A figure withheld to protect a suppressed one (``observation.withheld``, set by
:mod:`mag_desktop.core.disclosure` after every change to the data) keeps the partner's numbers in
the store, but every read that shows, exports or publishes figures selects them through
:func:`shown_columns`: value, numerator, denominator and limits come back NULL and the marker
as ``[c]``, so no screen, export or pack can print them.

A withheld figure and one the publisher suppressed look alike: both read ``[c]`` (a publisher's
older ``*`` or ``c`` too) with the same meaning. Telling them apart would tell an attacker which
of two hidden figures is the small one.
"""

from __future__ import annotations

from mag_desktop.core import vocab

WITHHELD_MARKER = "[c]"

_MASKED = ("value", "numerator", "denominator", "lower", "upper")


def withheld_meaning() -> str:
    """The words beside any confidential figure, withheld or suppressed by the publisher."""
    return vocab.suppression_markers()[WITHHELD_MARKER]


def shown_columns(alias: str = "", columns: tuple[str, ...] = _MASKED) -> str:
    """A SELECT list over ``observation`` (``alias``: ``"o"`` gives ``o.value``): the chosen
    figures masked for withheld rows, the marker (every confidential one as ``[c]``), and the
    ``withheld`` flag and ``limits_source`` (for the code, never to be shown per figure)."""
    p = f"{alias}." if alias else ""
    secret = ", ".join(f"'{m}'" for m in sorted(vocab.confidential_markers()))
    return ", ".join(
        [f"CASE WHEN {p}withheld THEN NULL ELSE {p}{c} END AS {c}" for c in columns]
        + [f"CASE WHEN {p}withheld OR {p}marker IN ({secret}) THEN '{WITHHELD_MARKER}'"
           f" ELSE {p}marker END AS marker",
           f"{p}withheld AS withheld", f"{p}limits_source AS limits_source"]
    )


#: :func:`shown_columns` with every figure, for a table without an alias
SHOWN_COLUMNS = shown_columns()
