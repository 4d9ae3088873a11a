"""A clerk's choices in the import wizard's mapping step, made into the profile the import
uses (and saves): each column's field or "ignore" (or, in a table of figures, the ethnic group
whose figures it holds: ``group_labels``), constants for the whole file, the sheet, table and
header row, and the translations of values the check did not recognise.
:func:`check_choices` says in words what would stop the import.

:func:`profile_of` turns what an import used back into a profile (the CLI's --save-profile).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mag_desktop.core.ingest.allowed_values import heading_groups
from mag_desktop.core.ingest.mapping import Mapping, columns, group_name
from mag_desktop.core.ingest.preview import IGNORE, UNREAD, WIDE, Preview
from mag_desktop.core.ingest.profile import Profile
from mag_desktop.core.ingest.service import ImportOptions, ImportResult
from mag_desktop.core.ingest.unrecognised import Answers, translate

#: the constants a clerk can give, and the field each fills for each kind of table
CONSTANTS = {
    "indicator": {"observations": "indicator_id"},
    "period": {"observations": "period", "commitments": "quarter"},
    "area": {"observations": "area_name", "commitments": "authority"},
    "group": {"observations": "ethnic_group"},
}
CONSTANT_NAMES = {"indicator": "Indicator", "period": "Period", "area": "Area",
                  "group": "Ethnic group"}
_AREA_CODE = re.compile(r"^[EWSNK]\d{8}$", re.IGNORECASE)
GROUP = "group:"  # a column chosen as one ethnic group's figures: "group:ASIAN_INDIAN"


@dataclass
class Choices:
    kind: str  # "indicators" | "commitments"
    table_kind: str  # the main table's kind, whose fields the columns map to
    sheet: str | None = None
    table: int | None = None
    header_row: int | None = None  # 0-based, when the clerk changed it
    #: header → field, IGNORE, WIDE, UNREAD (a group column whose heading is answered among
    #: the values not recognised), or GROUP + a group code (the group whose figures it holds)
    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)  # CONSTANTS key → value
    answers: Answers = field(default_factory=Answers)  # values not recognised, translated


def field_options(table_kind: str) -> list[tuple[str, str]]:
    """(value, label) for a column's drop-down: Ignore, then every field of the table."""
    return [(IGNORE, "Ignore")] + [
        (c.field, c.header + (" (required)" if c.required else "")) for c in columns(table_kind)]


def group_options(table_kind: str) -> list[tuple[str, str]]:
    """(value, label) for a column of figures for one ethnic group, when no heading says so
    ("Number of live births Indian"): every group, in a table of figures."""
    if table_kind != "observations":
        return []
    return [(GROUP + a.value, f"Values for ethnic group: {a.label}") for a in heading_groups()]


def _chosen_groups(choices: Choices) -> dict[str, str]:
    return {h: f.removeprefix(GROUP) for h, f in choices.columns.items() if f.startswith(GROUP)}


def constant_field(table_kind: str, name: str, value: str) -> str | None:
    """The field a constant fills; an area given as a GSS code fills the area code."""
    target = CONSTANTS[name].get(table_kind)
    if target == "area_name" and _AREA_CODE.match(value.strip()):
        return "area_code"
    return target


def choices_of(preview: Preview, profile: Profile | None = None) -> Choices:
    """The choices as the preview reads the file (the automatic mapping, or the profile's)."""
    profile = profile or Profile()
    constants = {}
    for name, targets in CONSTANTS.items():
        target = targets.get(preview.table_kind)
        alternatives = [target, "area_code"] if target == "area_name" else [target]
        value = next((profile.constants[t] for t in alternatives if t in profile.constants), None)
        if value is not None:
            constants[name] = str(value)
    return Choices(preview.kind, preview.table_kind, preview.sheet, preview.table,
                   None if preview.found else preview.header_row,  # a guess is read as shown
                   {c.header: c.field for c in preview.columns}, constants)


def _constant_fields(choices: Choices) -> dict[str, str]:
    out = {}
    for name, value in choices.constants.items():
        target = constant_field(choices.table_kind, name, value) if value.strip() else None
        if target:
            out[target] = value.strip()
    return out


def build_profile(choices: Choices, base: Profile | None = None, file: str = "") -> Profile:
    """The profile the choices make: the base profile's other keys are kept."""
    base = base or Profile()
    given = {t for targets in CONSTANTS.values() for t in targets.values()} | {"area_code"}
    constants = {k: v for k, v in base.constants.items() if k not in given}
    constants.update(_constant_fields(choices))
    header_row = choices.header_row + 1 if choices.header_row is not None else base.header_row
    return translate(Profile(
        name=base.name or (f"layout of {file}" if file else ""), kind=choices.kind,
        sheet=choices.sheet, table=choices.table, header_row=header_row,
        columns={h: f for h, f in choices.columns.items()
                 if f not in (WIDE, UNREAD) and not f.startswith(GROUP)},
        constants=constants, values=base.values, keep_rows=base.keep_rows,
        skip_values=base.skip_values, status_map=base.status_map,
        group_labels={**base.group_labels, **_chosen_groups(choices)},
        definitions=base.definitions, shares=base.shares), choices.answers)


def check_choices(choices: Choices, wide: str | None = None) -> list[str]:
    """What would stop the import, one sentence each (none: the choices can be checked)."""
    problems = []
    by_field: dict[str, list[str]] = {}
    for header, chosen in choices.columns.items():
        if chosen not in (IGNORE, WIDE, UNREAD) and not chosen.startswith(GROUP):
            by_field.setdefault(chosen, []).append(header)
    by_group: dict[str, list[str]] = {}
    for header, code in _chosen_groups(choices).items():
        by_group.setdefault(code, []).append(header)
    labels = {c.field: c.header for c in columns(choices.table_kind)}
    for name, headers in by_field.items():
        if len(headers) > 1:
            problems.append(f"{labels.get(name, name)} is chosen for {len(headers)} columns ("
                            + ", ".join(repr(h) for h in headers) + "): choose Ignore for all "
                            "but one")
    for code, headers in by_group.items():
        if len(headers) > 1:
            problems.append(f"the ethnic group {group_name(code)} is chosen for {len(headers)} "
                            "columns (" + ", ".join(repr(h) for h in headers) + "): a group is "
                            "read from one column only")
    constants = _constant_fields(choices)
    for target, value in constants.items():
        if target in by_field:
            problems.append(f"{labels.get(target, target)} is given by the column "
                            f"{by_field[target][0]!r} and as the constant {value!r}: choose "
                            "Ignore for the column, or clear the constant")
    still_wide = wide if WIDE in choices.columns.values() else None
    wide_groups = sum(1 for f in choices.columns.values() if f == WIDE or f.startswith(GROUP))
    if wide_groups >= 2 and wide in (None, "ethnic_group") and "ethnic_group" not in by_field:
        still_wide = "ethnic_group"
    mapping = Mapping(choices.table_kind, fields={f: 0 for f in by_field}, wide=still_wide,
                      constants=dict(constants))
    for column in mapping.missing():
        problems.append(f"nothing gives {column.header}: choose the column that holds it"
                        + (", or give it as a constant" if _constant_for(
                            choices.table_kind, column.field) else ""))
    return problems


def _constant_for(table_kind: str, target: str) -> bool:
    return any(t.get(table_kind) == target or (target == "area_code" and t.get(table_kind)
                                               == "area_name") for t in CONSTANTS.values())


def import_options(choices: Choices, base: Profile | None, file: str,
                   dry_run: bool) -> ImportOptions:
    """What :func:`run_import` is given for these choices."""
    return ImportOptions(kind=choices.kind, sheet=choices.sheet,
                         profile=build_profile(choices, base, file), table=choices.table,
                         header_row=choices.header_row, dry_run=dry_run)


def profile_of(result: ImportResult, options: ImportOptions) -> Profile:
    """The mapping an import used, as a profile to edit and reuse next quarter."""
    assert result.plan is not None
    main = result.plan.main or next(iter(result.plan.parts.values()))
    base = options.profile or Profile()
    mapped = {main.table.headers[j]: name for name, j in main.mapping.fields.items()}
    unanswered = {j for j, _ in main.mapping.unread_groups} | {
        r[0] for r in main.mapping.repeated}  # left for the clerk to answer, never ignored
    mapped.update({h: IGNORE for j, h in main.mapping.ignored if j not in unanswered})
    header_row = (options.header_row + 1 if options.header_row is not None
                  else base.header_row)
    return Profile(
        name=base.name or f"layout of {result.file}", kind=result.kind, sheet=main.sheet,
        table=result.plan.chosen, header_row=header_row,
        columns=mapped, constants=dict(main.mapping.constants), values=base.values,
        keep_rows=base.keep_rows, skip_values=base.skip_values, status_map=base.status_map,
        group_labels=base.group_labels,
        definitions=base.definitions, shares=base.shares,
    )
