"""Validating every table of a plan, and what the valid rows would change in the store."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from functools import cache

import numpy as np
import pandas as pd

from mag_desktop.core.domain import CommitmentUpdate, IndicatorDef
from mag_desktop.core.geography import load_geography
from mag_desktop.core.ingest import commit as writer
from mag_desktop.core.ingest.asian_groups import asian_beside_chinese, others_by_what_is_beside
from mag_desktop.core.ingest.commitments import (
    CommitmentContext,
    CommitmentRows,
    validate_commitments,
    validate_milestones,
)
from mag_desktop.core.ingest.definitions import definition_from_dict, validate_definitions
from mag_desktop.core.ingest.leftout import check_columns, plural
from mag_desktop.core.ingest.limits import fill_frame
from mag_desktop.core.ingest.links import LinkReader, commitment_ids, validate_link_rows
from mag_desktop.core.ingest.mapping import header_key
from mag_desktop.core.ingest.observations import ObsContext, validate_observations
from mag_desktop.core.ingest.percent import PercentCells
from mag_desktop.core.ingest.plan import Plan
from mag_desktop.core.ingest.profile import Profile
from mag_desktop.core.ingest.readers import Workbook
from mag_desktop.core.ingest.report import Report
from mag_desktop.core.ingest.skip_values import skips_of
from mag_desktop.core.ingest.status_map import status_map
from mag_desktop.core.ingest.table import Table
from mag_desktop.core.names import AreaResolver
from mag_desktop.core.periods import PeriodError, parse_period, quarter_of
from mag_desktop.core.store import Store
from mag_desktop.core.store.reads import units as current
from mag_desktop.core.tasks import Progress

COMMITMENT_KEY = "commitment:"
CONFIRMS = "_confirms"  # in the import log's contents: imports whose rows this one restated


@dataclass
class Validated:
    kind: str
    definitions: list[IndicatorDef] = field(default_factory=list)
    observations: pd.DataFrame | None = None
    commitments: CommitmentRows | None = None
    rows_read: int = 0  # data rows read under the header (not blank rows, notes, headers)
    rows_valid: int = 0  # rows read with no error that give at least one record
    rows_invalid: int = 0  # rows read with at least one error
    rows_skipped: int = 0  # rows read and left out with a warning (outside the WMCA, keep_rows)
    records: int = 0  # what the valid rows give: new + changed + unchanged when committed
    kept_out: int = 0  # of rows_skipped: left out by the profile's keep_rows
    derived: int = 0  # of records: figures derived from the file's (each group's share)
    defined: int = 0  # of records: indicator definitions (from the profile or a sheet)

    def tally(self, read: int, valid: int, invalid: int, records: int) -> None:
        """Add one table's rows: read = valid + invalid + skipped."""
        self.rows_read += read
        self.rows_valid += valid
        self.rows_invalid += invalid
        self.rows_skipped += max(0, read - valid - invalid)
        self.records += records

    def explain(self, new: int, changed: int, unchanged: int) -> str:
        """How the counts add up, in one sentence: rows read, what became of them, and the
        records they give (a wide row gives several; shares and definitions come on top)."""
        noun = "commitment update" if self.kind == "commitments" else "observation"
        left = f"{self.rows_skipped:,} left out with a warning"
        if self.kept_out:
            left += f" ({self.kept_out:,} of them by the profile's keep_rows)"
        parts = [plural(self.records - self.derived - self.defined, noun)]
        if self.derived:
            parts.append(plural(self.derived, "share") + " derived from them")
        if self.defined:
            parts.append(plural(self.defined, "indicator definition"))
        return (f"{self.rows_read:,} rows read = {self.rows_valid:,} valid + "
                f"{self.rows_invalid:,} with errors + {left}; the valid rows give "
                f"{' + '.join(parts)} = {self.records:,} records = {new:,} new + "
                f"{changed:,} changed + {unchanged:,} unchanged")

    def contents(self) -> dict[str, list[str]]:
        """What this import brought, kept in the import log: indicator → periods, and
        "commitment:ID" → quarters. "New data", each indicator's latest period and the undo
        check ("did a later import restate the same values?") read it, never the rows."""
        found: dict[str, list[str]] = {}
        if self.observations is not None and not self.observations.empty:
            pairs = self.observations[["indicator", "period"]].drop_duplicates()
            found.update({str(code): sorted(str(p) for p in part["period"])
                          for code, part in pairs.groupby("indicator")})
        if self.commitments is not None:
            for update in self.commitments.updates:
                found.setdefault(f"{COMMITMENT_KEY}{update.commitment_id}", []).append(
                    update.quarter)
        return found

    def count(self, conn: sqlite3.Connection) -> writer.Counts:
        counts = writer.Counts()
        if self.commitments is not None:
            counts += writer.apply_commitments(conn, None, self.commitments)
        counts += writer.apply_definitions(conn, None, self.definitions)
        if self.observations is not None and len(self.observations):
            counts += writer.count_observations(conn, self.observations)
        return counts

    def apply(self, conn: sqlite3.Connection, import_id: int) -> writer.Counts:
        counts = writer.Counts()
        if self.commitments is not None:
            counts += writer.apply_commitments(conn, import_id, self.commitments)
        counts += writer.apply_definitions(conn, import_id, self.definitions)
        if self.observations is not None and len(self.observations):
            counts += writer.apply_observations(conn, import_id, self.observations)
        return counts


@cache
def resolver() -> AreaResolver:
    """One resolver per process: its indexes of names are built once."""
    return AreaResolver(load_geography())


def _period_constant(period: str | None, report: Report, quarter: bool) -> str | None:
    if not period:
        return None
    try:
        p = parse_period(period)
    except PeriodError as exc:
        report.error("period", f"--period: {exc}")
        return None
    if quarter and p.kind == "fquarter":
        return quarter_of(p.start).label
    return p.label


def validate_plan(store: Store, book: Workbook, plan: Plan, profile: Profile,
                  period: str | None, report: Report, progress: Progress) -> Validated:
    out = Validated(plan.kind)
    constant = _period_constant(period, report, quarter=plan.kind == "commitments")
    if plan.kind == "commitments":
        milestones = {}
        if "milestones" in plan.parts:
            part = plan.parts["milestones"]
            report.sheet = part.sheet
            milestones = validate_milestones(part.table, part.mapping, report)
        part = plan.parts["commitments"]
        report.sheet = part.sheet
        if not check_columns(part, report):
            return out
        if constant and "quarter" not in part.mapping.fields:
            part.mapping.constants["quarter"] = constant
        context = CommitmentContext(profile.values, _keep(part.table, profile),
                                    status_map(profile.status_map))
        context.skips = skips_of(part.table, part.mapping, profile.skip_values)
        _links(store, plan, profile, context, report)
        report.sheet = part.sheet
        rows = validate_commitments(part.table, part.mapping, resolver(), report, milestones,
                                    context)
        rows.updates = [_calendar(u) for u in rows.updates]
        out.commitments = rows
        bad = len(report.bad_rows.get(part.sheet, ()))
        out.tally(rows.rows_read, len(rows.updates), bad, len(rows.updates))
        out.kept_out = rows.kept_out
        return out
    for raw in profile.definitions:
        definition = definition_from_dict({k: v for k, v in raw.items()}, report)
        if definition:
            out.definitions.append(definition)
    if "definitions" in plan.parts:
        defs = plan.parts["definitions"]
        report.sheet = defs.sheet
        found = validate_definitions(defs.table, defs.mapping, report)
        wrong = len(report.bad_rows.get(defs.sheet, ()))
        out.definitions += found
        out.tally(len(found) + wrong, len(found), wrong, 0)
    out.records = out.defined = len(out.definitions)
    if "observations" not in plan.parts:
        return out
    part = plan.parts["observations"]
    report.sheet = part.sheet
    if constant and "period" not in part.mapping.fields and part.mapping.wide != "period":
        part.mapping.constants["period"] = constant
    if not check_columns(part, report):
        return out
    units = current.units(store.conn)
    units.update({d.code: str(d.unit) for d in out.definitions})
    decimals = current.decimals(store.conn)
    decimals.update({d.code: d.decimals for d in out.definitions})
    ctx = ObsContext(resolver(), units, profile.group_labels, _keep(part.table, profile),
                     profile.values, decimals)
    ctx.skips = skips_of(part.table, part.mapping, profile.skip_values)
    sheet, pre = part.sheet, book.pre  # asked for once the rows are read, not before
    ctx.percents = PercentCells.later(lambda: pre.cells.percents_of(sheet))
    frame, read = validate_observations(part.table, part.mapping, ctx, report, progress,
                                        part.table.sheet.height)
    frame = others_by_what_is_beside(asian_beside_chinese(frame, ctx.notes), ctx.notes)
    ctx.notes.flush(report)
    failed = report.bad_rows.get(part.sheet, set())
    valid = _rows_valid(frame["row"].to_numpy(dtype=np.int64), failed)
    if profile.shares is not None:
        shares = _shares(frame, profile.shares.indicator_id, profile.shares.of_group)
        frame = pd.concat([frame, fill_frame(shares, units, decimals)], ignore_index=True)
        out.derived = len(shares)
    out.observations = frame
    out.tally(read, valid, len(failed), len(frame))
    out.kept_out = sum(ctx.left_out.values())
    return out


def _links(store: Store, plan: Plan, profile: Profile, context: CommitmentContext,
           report: Report) -> None:
    """Ready the reading of links: the "Linked indicators" column and the Links sheet."""
    reader = LinkReader(store.conn)
    main = plan.parts["commitments"]
    if "indicators" in main.mapping.fields or "indicators" in main.mapping.constants:
        translate = context.values.get("indicators", {})
        context.links = lambda row: reader.of_cell(row, translate)
    if "links" in plan.parts:
        part = plan.parts["links"]
        report.sheet = part.sheet
        known = commitment_ids(main.table, main.mapping, context)
        ctx = CommitmentContext(profile.values)
        ctx.skips = skips_of(part.table, part.mapping, profile.skip_values)
        context.sheet_links = validate_link_rows(part.table, part.mapping, report, reader, ctx,
                                                 known).by_commitment


def _rows_valid(rows: np.ndarray, failed: set[int]) -> int:
    """How many distinct sheet rows gave records and are not among the ``failed`` ones (row
    numbers are small whole numbers: a mark per row, rather than a sort or a hash of them)."""
    if not len(rows):
        return 0
    seen = np.zeros(int(rows.max()) + 1, dtype=bool)
    seen[rows] = True
    bad = np.fromiter((r for r in failed if 0 <= r < len(seen)), np.int64)
    return int(seen.sum()) - int(seen[bad].sum())


def _keep(table: Table, profile: Profile) -> dict[int, set[str]]:
    """A profile's keep_rows as column index → kept cell texts (headers matched loosely)."""
    keys = {header_key(h): j for j, h in enumerate(table.headers)}
    return {keys[header_key(header)]: set(allowed)
            for header, allowed in profile.keep_rows.items() if header_key(header) in keys}


def _calendar(update: CommitmentUpdate) -> CommitmentUpdate:
    """Commitment updates are kept by calendar quarter, so history lines up across partners."""
    p = parse_period(update.quarter)
    if p.kind == "fquarter":
        return replace(update, quarter=quarter_of(p.start).label)
    return update


def _shares(frame: pd.DataFrame, indicator: str, of_group: str | list[str]) -> pd.DataFrame:
    """Each group's value as a percentage of a total: one group's value (e.g. of All residents)
    or, when ``of_group`` lists several groups, their sum (e.g. every incident whose ethnicity
    was reported), of which All is then 100%. A sum with a suppressed part gives no shares."""
    key = ["indicator", "area_code", "period"]
    counts = frame[frame["marker"].isna()]
    if isinstance(of_group, str):
        totals = counts[counts["group_code"] == of_group].set_index(key)["value"]
    else:
        parts = frame[frame["group_code"].isin(of_group)]
        whole = parts["marker"].isna().groupby([parts[k] for k in key]).all()
        totals = parts.groupby(key)["value"].sum()[whole]
        is_all = counts["group_code"] == "ALL"
        counts = counts.assign(value=counts["value"].where(
            ~is_all, counts.join(totals.rename("sum"), on=key)["sum"]))
    joined = counts.join(totals.rename("total"), on=key)
    joined = joined[joined["total"].notna() & (joined["total"] > 0)].copy()
    share = joined.assign(
        indicator=indicator,
        numerator=joined["value"],
        denominator=joined["total"],
        value=np.round(100 * joined["value"] / joined["total"], 6),
        lower=np.nan, upper=np.nan,
    )
    return share.drop(columns=["total"])
