"""Validating a commitments table (and its milestones): one row per commitment and quarter.

The links to indicators are read by ``links.py``, through :attr:`CommitmentContext.links`
(the "Linked indicators" cell) and :attr:`CommitmentContext.sheet_links` (a Links sheet).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from mag_desktop.core.domain import (
    Commitment,
    CommitmentUpdate,
    IndicatorLink,
    Milestone,
    Status,
)
from mag_desktop.core.ingest.cells import clean_text, is_blank, parse_date
from mag_desktop.core.ingest.mapping import Mapping
from mag_desktop.core.ingest.report import Report
from mag_desktop.core.ingest.skip_values import Skips
from mag_desktop.core.ingest.status_map import StatusMap, status_map
from mag_desktop.core.ingest.table import Table, cell_text
from mag_desktop.core.ingest.textcheck import checked_text
from mag_desktop.core.ingest.trailing import TailWatch
from mag_desktop.core.ingest.translations import Translations
from mag_desktop.core.names import AreaResolver
from mag_desktop.core.periods import PeriodError, parse_period
from mag_desktop.core.vocab import match_principle, match_priority, match_theme

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,63}$")
REGIONAL = {"regional", "all", "wmca", "westmidlands", "allauthorities", "region"}


@dataclass
class CommitmentRows:
    commitments: list[Commitment] = field(default_factory=list)
    updates: list[CommitmentUpdate] = field(default_factory=list)
    rows_read: int = 0
    kept_out: int = 0  # rows read and left out by the profile's keep_rows


@dataclass
class CommitmentContext:
    """What a profile adds, as for observations: value translations (field → {cell text →
    value}), the rows to keep (column index → kept cell texts) and the status map."""

    values: dict[str, dict[str, str]] = field(default_factory=dict)
    keep_rows: dict[int, set[str]] = field(default_factory=dict)
    statuses: StatusMap = field(default_factory=status_map)
    notes: Translations = field(default_factory=Translations)
    skips: Skips = field(default_factory=Skips)  # the profile's skip_values, by column
    #: reads a row's "Linked indicators" cell (None when the table has no such column)
    links: Callable[[_Row], tuple[IndicatorLink, ...]] | None = None
    #: the Links sheet's links by commitment ID in capitals
    sheet_links: dict[str, list[IndicatorLink]] = field(default_factory=dict)

    def __post_init__(self) -> None:  # keys as cells are read: spacing at the ends ignored
        self.values = {name: {cell_text(k): v for k, v in table.items()}
                       for name, table in self.values.items()}

    def left_out_by(self, cells: list[object]) -> int | None:
        """The first keep_rows column whose rule leaves the row out, or None to keep it."""
        return next((j for j, allowed in self.keep_rows.items()
                     if cell_text(cells[j] if j < len(cells) else "") not in allowed), None)


class _Row:
    """One row's cells by field, with a way to report against its columns."""

    def __init__(self, table: Table, mapping: Mapping, number: int, cells: list[object],
                 report: Report, values: dict[str, dict[str, str]] | None = None) -> None:
        self.table, self.mapping, self.number, self.report = table, mapping, number, report
        self.cells = cells
        self.values = values or {}
        self.ok = True

    def raw(self, name: str) -> object:
        j = self.mapping.fields.get(name)
        cell = self.cells[j] if j is not None else self.mapping.constants.get(name, "")
        if name in self.values:
            return self.values[name].get(cell_text(cell), cell)
        return cell

    def text(self, name: str, limit: int = 5000) -> str:
        j = self.mapping.fields.get(name)
        if j is None:
            return clean_text(self.raw(name), limit)
        return checked_text(self.report, self.raw(name), limit, row=self.number,
                            column=self.table.excel_column(j), header=self.table.headers[j])

    def fail(self, name: str, rule: str, message: str, severity: str = "error") -> None:
        j = self.mapping.fields.get(name)
        self.report.add(severity, rule, message, row=self.number,
                        column=self.table.excel_column(j) if j is not None else None,
                        header=self.table.headers[j] if j is not None else name,
                        value=self.raw(name) if not is_blank(self.raw(name)) else None)
        if severity == "error":
            self.ok = False

    def header(self, name: str) -> str:
        j = self.mapping.fields.get(name)
        return self.table.headers[j] if j is not None else name

    def date(self, name: str):  # type: ignore[no-untyped-def]
        try:
            return parse_date(self.raw(name))
        except ValueError:
            self.fail(name, "date", "expected a date such as 31/03/2027 or 2027-03-31")
            return None


Row = _Row  # the name the Links sheet's reading (links.py) uses for its rows


def validate_commitments(table: Table, mapping: Mapping, resolver: AreaResolver,
                         report: Report, milestones: dict[str, list[Milestone]],
                         ctx: CommitmentContext | None = None) -> CommitmentRows:
    ctx = ctx or CommitmentContext()
    result = CommitmentRows()
    seen: dict[str, int] = {}
    left_out: dict[int, int] = {}  # keep_rows column → rows it left out
    tail = TailWatch.of(table)  # notes and tables below the rows the survey saw
    for number, cells in tail.rows(table.data_rows()):
        result.rows_read += 1
        if (rule := ctx.left_out_by(cells)) is not None:
            left_out[rule] = left_out.get(rule, 0) + 1
            continue
        if ctx.skips.row_skipped(cells, ctx.notes):
            continue
        row = _Row(table, mapping, number, cells, report, ctx.values)
        parsed = _parse(row, resolver, seen, ctx)
        if parsed and row.ok:
            commitment, update = parsed
            links = (*update.links, *ctx.sheet_links.get(commitment.id.upper(), ()))
            update = CommitmentUpdate(**{**update.__dict__,
                                         "milestones": tuple(milestones.get(commitment.id, ())),
                                         "links": tuple(dict.fromkeys(links))})
            result.commitments.append(commitment)
            result.updates.append(update)
    tail.warn(report)
    result.kept_out = sum(left_out.values())
    for j, rows_left in left_out.items():
        ctx.notes.note("keep-rows", Translations.kept_rule(table.headers[j], ctx.keep_rows[j]),
                       rows_left, table.headers[j])
    ctx.notes.flush(report)
    return result


def _parse(row: _Row, resolver: AreaResolver, seen: dict[str, int],
           ctx: CommitmentContext) -> tuple[Commitment, CommitmentUpdate] | None:
    cid = row.text("commitment_id", 64)
    if not cid:
        row.fail("commitment_id", "required", "a commitment ID is required")
    elif not ID_PATTERN.match(cid):
        row.fail("commitment_id", "id", "expected an ID of letters, digits and - _ . /")
    elif cid.upper() in seen:
        row.fail("commitment_id", "duplicate",
                 f"commitment {cid} already appears in row {seen[cid.upper()]}; "
                 "expected each commitment once per file")
    else:
        seen[cid.upper()] = row.number
    for name, label in (("title", "a title"), ("lead", "a lead organisation")):
        if not row.text(name):
            row.fail(name, "required", f"{label} is required")
    theme = match_theme(row.text("theme"))
    if theme is None:
        row.fail("theme", "theme", "expected one of the strategy's 8 themes, e.g. "
                 "'Housing and homelessness' or 'Improving data and evidence on race inequality'")
    priority = row.text("priority", 500)
    if theme and priority:
        matched = match_priority(theme.code, priority)
        if matched is None:
            row.fail("priority", "priority", f"not one of the priorities for action of "
                     f"{theme.name}; kept as written", "warning")
        priority = matched or priority
    authority, wards = _areas(row, resolver)
    status = _status(row, ctx)
    reason = row.text("reason", 1000)
    if status and status.code in ("CLOSED", "WITHDRAWN") and not reason:
        row.fail("reason", "reason", f"a commitment marked {status.label} should give a reason",
                 "warning")
    quarter = _quarter(row)
    start, due = row.date("start_date"), row.date("due_date")
    if start and due and due < start:
        row.fail("due_date", "dates", "the due date is before the start date")
    principles = []
    for part in _split(row.text("principles")):
        principle = match_principle(part)
        if principle is None:
            row.fail("principles", "principle", f"{part!r} is not a guiding principle; expected "
                     "Valuing coproduction, Taking an intersectional approach or Building trust "
                     "with and in communities")
        else:
            principles.append(principle.code)
    links = ctx.links(row) if ctx.links is not None else ()
    if not row.ok or theme is None or status is None or quarter is None:
        return None
    commitment = Commitment(
        id=cid, title=row.text("title", 500), theme=theme.code, lead=row.text("lead", 300),
        authority_code=authority, description=row.text("description"), priority=priority,
        partners=row.text("partners", 1000), wards=tuple(wards), principles=tuple(principles),
        start=start, due=due,
    )
    update = CommitmentUpdate(commitment_id=cid, quarter=quarter, status=status.code,
                              narrative=row.text("narrative"), reason=reason, links=links)
    return commitment, update


def _status(row: _Row, ctx: CommitmentContext) -> Status | None:
    word = row.text("status", 200)
    reading = ctx.statuses.read(word) if word else None
    if reading is None:
        row.fail("status", "status", f"{word!r} is " + ctx.statuses.unknown_message()
                 if word else "a status is required")
        return None
    if reading.translated:
        ctx.notes.note("status-read-as", f"read {word!r} as {reading.status.label}",
                       header=row.header("status"))
    return reading.status


def _split(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;\n|]+", text) if p.strip()]


def _areas(row: _Row, resolver: AreaResolver) -> tuple[str | None, list[str]]:
    text = row.text("authority", 200)
    authority: str | None = None
    if not text:
        row.fail("authority", "required", "a local authority (or 'Regional') is required")
    elif re.sub(r"[^a-z]", "", text.lower()) not in REGIONAL:
        res = resolver.resolve(text, kind="authority")
        if res.status == "ok":
            authority = res.code
        else:
            row.fail("authority", f"area-{res.status}",
                     f"{res.message}; expected a WMCA authority's name or code, or 'Regional'")
    wards: list[str] = []
    for part in _split(row.text("wards", 2000)):
        found = [resolver.resolve(part, kind="ward", authority_code=authority)]
        if not found[0].ok and "," in part:  # a comma-separated list ("Aston, Nechells")
            pieces = [resolver.resolve(p.strip(), kind="ward", authority_code=authority)
                      for p in part.split(",") if p.strip()]
            if all(r.ok for r in pieces):
                found = pieces
        for res in found:
            if res.ok and res.code:
                wards.append(res.code)
            else:
                row.fail("wards", f"area-{res.status}", f"{res.message}; expected ward names "
                         "or codes of the commitment's authority, separated by semicolons")
    return authority, wards


def _quarter(row: _Row) -> str | None:
    raw = row.raw("quarter")
    if is_blank(raw):
        row.fail("quarter", "required", "the update quarter is missing: add an 'Update "
                 "quarter' column or give --period")
        return None
    try:
        period = parse_period(raw)
    except PeriodError as exc:
        row.fail("quarter", "period", str(exc))
        return None
    if period.kind not in ("quarter", "fquarter"):
        row.fail("quarter", "period", "expected a quarter such as 2026 Q3 or Q2 2026/27")
        return None
    return period.label


def validate_milestones(table: Table, mapping: Mapping, report: Report) -> dict[str, list]:
    out: dict[str, list[Milestone]] = {}
    for number, cells in table.data_rows():
        row = _Row(table, mapping, number, cells, report)
        cid, name = row.text("commitment_id", 64), row.text("milestone", 500)
        if not cid or not name:
            row.fail("milestone" if cid else "commitment_id", "required",
                     "a milestone needs a commitment ID and a description")
            continue
        dates = {k: row.date(k) for k in ("baseline", "forecast", "actual")}
        if row.ok:
            out.setdefault(cid, []).append(Milestone(name=name, **dates))
    return out
