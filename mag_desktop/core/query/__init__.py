"""The read side shared by the window, the CLI and the PDF packs: a Filter in, frames out.

* :mod:`.filters` - the Filter a member builds, and its summary;
* :mod:`.commitments` - commitments with their latest update and exception flags;
* :mod:`.summary` - counts by theme and status, exceptions, changes, the data's status;
* :mod:`.catalogue` - indicator definitions with the data held for them (cached counts);
* :mod:`.indicators` - one indicator for one area by ethnic group, comparisons, trends;
* :mod:`.ward` - a ward profile; :mod:`.lookups` - period order and small shared lookups.
"""

from mag_desktop.core.query.catalogue import indicator_catalogue
from mag_desktop.core.query.commitments import (
    CommitmentDetail,
    HistoryEntry,
    as_at_quarter,
    commitment_detail,
    commitments_frame,
)
from mag_desktop.core.query.filters import Filter, FilterPart
from mag_desktop.core.query.indicators import IndicatorView, indicator_view, trend
from mag_desktop.core.query.lookups import NotFoundError, label_lookup
from mag_desktop.core.query.summary import (
    Changes,
    DataStatus,
    Exceptions,
    data_status,
    exceptions,
    since_last_quarter,
    theme_status_counts,
)
from mag_desktop.core.query.ward import WardProfile, ward_profile

__all__ = [
    "Changes", "CommitmentDetail", "DataStatus", "Exceptions", "Filter", "FilterPart",
    "HistoryEntry", "IndicatorView", "NotFoundError", "WardProfile", "as_at_quarter",
    "commitment_detail", "commitments_frame", "data_status", "exceptions", "indicator_catalogue",
    "indicator_view", "label_lookup", "since_last_quarter", "theme_status_counts", "trend",
    "ward_profile",
]
