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


#: groups that, when a file reports them apart, show that its "Other White" leaves them out
WHITE_APART = frozenset({"WHITE_ROMA", "WHITE_GYPSY_TRAVELLER", "WHITE_GYPSY_ROMA",
                         "WHITE_IRISH_TRAVELLER"})


def others_by_what_is_beside(frame: pd.DataFrame, notes: Translations) -> pd.DataFrame:
    """The "any other" groups read by the groups a file reports beside them.

    "Any other ethnic group" is the 2021 group without Arab people only where the file reports
    Arab people apart; without an Arab group (DfE, NHS, 2001-style files) it is the whole
    Other heading. "Any other White background" is the 2021 group (without Roma, Gypsy and
    Irish Traveller people) only where the file reports one of those apart; otherwise it is
    the 2001 classification's, which includes them. Each reading is told once with its rows.
    """
    if frame.empty or "group_code" not in frame:
        return frame
    codes = set(frame["group_code"].dropna().unique())
    out = frame
    rules = (("OTHER_ANY", "OTHER", "OTHER_ARAB" in codes or "OTHER" in codes,
              "the Other ethnic group heading: the file reports no Arab group apart"),
             ("WHITE_OTHER", "WHITE_OTHER_2001", bool(codes & WHITE_APART),
              "Any other White background as the 2001 classification has it (Roma, Gypsy and "
              "Irish Traveller people included): the file reports none of them apart"))
    for code, instead, kept, why in rules:
        if code not in codes or kept:
            continue
        rows = out["group_code"] == code
        for label, n in out.loc[rows, "group_label"].value_counts(sort=False).items():
            notes.note("ethnic-any-other", f"read {label!r} as {why}", int(n))
        out = out.copy() if out is frame else out
        out.loc[rows, "group_code"] = instead
    return out
