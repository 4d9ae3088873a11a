"""Disclosure control: no figure the publisher suppressed can be worked out from what MAG
Desktop shows, exports or publishes, and figures resting on few events are flagged.

* :mod:`.relations` finds the additive breakdowns (All and its groups, a heading and its
  detailed groups, an area and the areas it is the sum of);
* :mod:`.protect` chooses the figures to withhold as well (secondary suppression);
* :mod:`.refresh` keeps ``observation.withheld`` right after every change to the data;
* :mod:`.worker` works out the flags of a large import's new rows in a process of its own;
* :mod:`.reliability` marks figures below an indicator's reliability threshold as ``[u]``.
"""

from mag_desktop.core.disclosure.protect import withhold
from mag_desktop.core.disclosure.refresh import (
    flags_of_new_started,
    refresh,
    refresh_all,
    slices_of_import,
)
from mag_desktop.core.disclosure.relations import relations
from mag_desktop.core.disclosure.reliability import LOW_RELIABILITY, low_reliability
from mag_desktop.core.disclosure.worker import standing, standing_by

__all__ = ["LOW_RELIABILITY", "flags_of_new_started", "low_reliability", "refresh", "refresh_all",
           "relations", "slices_of_import", "standing", "standing_by", "withhold"]
