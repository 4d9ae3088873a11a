"""The sample dataset, loaded through the ordinary importer (the README's main job).

Real data first (Census 2021 by ward and by authority, police use of force by perceived
ethnicity), then the illustrative indicators and the four quarters of illustrative commitments,
then a later file that revises one quarter (so "changed since last import" has something to show).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mag_desktop.core.ingest.profile import load_profile
from mag_desktop.core.ingest.service import ImportOptions, ImportResult, run_import
from mag_desktop.core.store import Store
from mag_desktop.core.tasks import CancelToken, Progress, no_progress
from mag_desktop.paths import data_dir


@dataclass(frozen=True)
class Step:
    file: str  # relative to data/
    profile: str | None = None  # relative to data/profiles/
    period: str | None = None
    kind: str = "auto"


STEPS = (
    Step("source/nomis_census2021_ts021_ward2022_wmca7_verbatim.csv", "census2021_ts021.json"),
    Step("source/census2021_ts021_authorities_derived.csv", "census2021_ts021.json"),
    Step("source/west_midlands_police_use_of_force_by_ethnicity_2018-19.csv",
         "police_use_of_force.json", "2018/19"),
    Step("source/west_midlands_police_use_of_force_by_ethnicity_2019-20.csv",
         "police_use_of_force.json", "2019/20"),
    Step("source/home_office_use_of_force_by_ethnicity_force_2019-20.csv",
         "police_use_of_force.json", "2019/20"),
    Step("sample/indicators_quarterly.xlsx", kind="indicators"),
    Step("sample/commitments_2025-Q4.xlsx", kind="commitments"),
    Step("sample/commitments_2026-Q1.xlsx", kind="commitments"),
    Step("sample/commitments_2026-Q2.xlsx", kind="commitments"),
    Step("sample/commitments_2026-Q3.xlsx", kind="commitments"),
    Step("sample/indicators_2026-Q3_update.csv", kind="indicators"),
)


def load_sample(store: Store, progress: Progress = no_progress,
                cancel: CancelToken | None = None) -> Iterator[ImportResult]:
    """Import every sample file in order, yielding each result (files already there are kept)."""
    base = data_dir()
    for i, step in enumerate(STEPS):
        profile = load_profile(base / "profiles" / step.profile) if step.profile else None
        options = ImportOptions(kind=step.kind, profile=profile, period=step.period)

        def part(fraction: float, message: str, i: int = i) -> None:
            progress((i + fraction) / len(STEPS), message)

        yield run_import(store, Path(base / step.file), options, part, cancel)
