""""Asian" beside "Chinese": the major groups of the DfE and of 2001-style classifications.

The DfE's major groups (and the police's and the NHS's older ones) count Chinese people apart
from the Asian group: a file whose groups are "Asian" and "Chinese", with none of the other
Asian groups (Indian, Pakistani, Bangladeshi, Other Asian), is one of them. Its "Asian" is not
the 2021 heading "Asian, Asian British or Asian Welsh" (which includes Chinese), so it is stored
as the group "Asian except Chinese", under the Asian heading, and the clerk is told once with
the number of rows. A file that also reports the other Asian groups is left as it is.
"""

from __future__ import annotations

import pandas as pd

from mag_desktop.core.ingest.translations import Translations

ASIAN, CHINESE, WITHOUT_CHINESE = "ASIAN", "ASIAN_CHINESE", "ASIAN_EXCL_CHINESE"
OTHER_ASIAN = frozenset({"ASIAN_BANGLADESHI", "ASIAN_INDIAN", "ASIAN_PAKISTANI", "ASIAN_OTHER"})


def asian_beside_chinese(frame: pd.DataFrame, notes: Translations) -> pd.DataFrame:
    """``frame`` (validated observations) with its Asian rows read as Asian except Chinese
    where Chinese is a major group beside it."""
    if frame.empty or "group_code" not in frame:
        return frame
    codes = set(frame["group_code"].dropna().unique())
    if ASIAN not in codes or CHINESE not in codes or codes & OTHER_ASIAN:
        return frame
    asian = frame["group_code"] == ASIAN
    for label, rows in frame.loc[asian, "group_label"].value_counts(sort=False).items():
        notes.note("ethnic-asian-without-chinese",
                   f"read {label!r} as Asian except Chinese: the file reports Chinese beside it "
                   "as a group of its own (as DfE and 2001-style groups do), so its Asian "
                   "group is not the 2021 heading", int(rows))
    out = frame.copy()
    out.loc[asian, "group_code"] = WITHOUT_CHINESE
    return out
