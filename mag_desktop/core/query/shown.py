"""What of an observation may be shown (see :mod:`mag_desktop.core.store.reads.shown`, where the
store masks withheld figures in every read that shows, exports or publishes them)."""

from __future__ import annotations

from mag_desktop.core.store.reads.shown import (
    SHOWN_COLUMNS,
    WITHHELD_MARKER,
    shown_columns,
    withheld_meaning,
)

__all__ = ["SHOWN_COLUMNS", "WITHHELD_MARKER", "shown_columns", "withheld_meaning"]
