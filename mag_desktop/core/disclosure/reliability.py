"""Low reliability: a figure resting on fewer events than its indicator's threshold.

Such a figure is still shown, with the marker ``[u]`` beside it, and is never the basis of a
"times as likely" sentence. The threshold is the indicator's ``min_count`` (10 unless its
definition says otherwise; 0 turns the rule off). Only figures with a numerator can be judged:
a rate published without its count carries no flag.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

LOW_RELIABILITY = "[u]"
LOW_RELIABILITY_MEANING = "low reliability: fewer than {n} events"


def low_reliability(numerator: npt.ArrayLike, min_count: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """True where a numerator is known and below the threshold (arrays broadcast)."""
    num = np.asarray(numerator, dtype=float)
    least = np.asarray(min_count, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.asarray(~np.isnan(num) & (num < least), dtype=bool)
