"""The values a check did not recognise, field by field, and the clerk's answers for them.

After a dry run (:func:`run_import` with ``dry_run=True``: the store is read, never written),
:func:`unrecognised` gathers from the report every value that blocked a row because it is not
one the importer knows: an ethnic group label, a status, a period, an area, a theme or an
indicator, with the number of rows and the first of them. The clerk answers each with one of
the allowed values (:mod:`allowed_values`) or "skip these rows"; :func:`translate` writes the
answers into the profile (``values``, ``group_labels`` and ``skip_values``), so that the next
check, the import and a saved profile all read them the same way.

In a layout by ethnic group (one column per group), a column heading that is no group the
importer knows, or that repeats another column's group, is listed too (field
:data:`HEADING`): the clerk names its group (``group_labels``) or ignores the column
(``columns``: "ignore"); a group that another column already gives is not an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from dataclasses import field as dataclass_field  # "field" is also an attribute below

from mag_desktop.core.ethnicity import group as ethnic_group
from mag_desktop.core.ingest.cells import clean_text
from mag_desktop.core.ingest.mapping import columns, group_name
from mag_desktop.core.ingest.profile import Profile
from mag_desktop.core.ingest.service import ImportResult

SKIP = "skip"  # the answer "skip these rows" (for a column heading: "ignore this column")
HEADING = "group_heading"  # the field of a wide layout's group column headings
HEADING_RULES = ("group-heading", "group-twice")
FIRST_ROWS = 8  # rows kept per value, for the table

#: the fields whose values can be translated, and what each is chosen from
FIELD_KINDS = {
    "ethnic_group": "group", "period": "period", "quarter": "period", "area_code": "area",
    "area_name": "area", "authority": "authority", "theme": "theme", "status": "status",
    "indicator_id": "indicator", HEADING: "heading",
}
KIND_NAMES = {"group": "Ethnic group", "period": "Period", "area": "Area",
              "authority": "Local authority", "theme": "Theme", "status": "Status",
              "indicator": "Indicator", "heading": "Column heading"}
_RULES = ("required", "ethnic-group", "period", "period-kind", "theme", "status",
          "indicator-unknown")


@dataclass
class Unrecognised:
    """One value of one field that no row could be read with."""

    field: str  # the field the value was read for: "ethnic_group", "status", "area_name"…
    kind: str  # what it is chosen from: a key of KIND_NAMES
    header: str  # the column's heading (the field's name when a constant gave it)
    column: str  # the column's letter ("" for a constant)
    value: str  # the text as the cell is read ("" for an empty cell)
    count: int = 0  # rows
    rows: list[int] = dataclass_field(default_factory=list)  # the first rows, as Excel numbers them
    message: str = ""  # why it was not recognised, as the report says
    area_type: str = ""  # an area's type, when a constant gives it: the level to choose from
    #: for a column heading: the groups other columns give (code → "column E ('Black
    #: African')"), which it cannot be read as
    taken: dict[str, str] = dataclass_field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.field, self.value)

    @property
    def label(self) -> str:
        """The field as a clerk reads it: "Ethnic group (column C, Ethnicity)", or for a group
        column's heading "Column F heading"."""
        if self.kind == "heading":
            return f"Column {self.column} heading"
        name = next((c.header for k in ("observations", "commitments")
                     for c in columns(k) if c.field == self.field), KIND_NAMES[self.kind])
        where = f"column {self.column}, {self.header}" if self.column else "constant"
        return f"{name} ({where})"

    def taken_problem(self, answer: str | None) -> str:
        """Why ``answer`` cannot be this heading's group ("" when it can)."""
        if self.kind != "heading" or answer is None or answer not in self.taken:
            return ""
        return (f"column {self.column} ({self.value!r}) cannot be read as {group_name(answer)}: "
                f"{self.taken[answer]} gives that group (choose another, or Ignore this column)")

    def rows_text(self) -> str:
        if self.kind == "heading":
            return f"heading in row {self.rows[0]}" if self.rows else "its heading"
        shown = ", ".join(str(r) for r in self.rows[:FIRST_ROWS])
        return shown + (" …" if self.count > len(self.rows[:FIRST_ROWS]) else "")


def unrecognised(result: ImportResult) -> list[Unrecognised]:
    """Every value the check could not read, once per (field, value), in the order found."""
    if result.plan is None:
        return []
    main = result.plan.main or next(iter(result.plan.parts.values()), None)
    if main is None:
        return []
    fields = {main.table.headers[j]: name for name, j in main.mapping.fields.items()
              if j < len(main.table.headers)}
    area_type = str(main.mapping.constants.get("area_type", ""))
    found: dict[tuple[str, str], Unrecognised] = {}
    taken = {code: f"column {main.table.excel_letter(j)} ({main.table.headers[j]!r})"
             for j, code in main.mapping.group_codes.items()}
    for group in result.groups:
        if group.rule in HEADING_RULES and group.severity == "error" and (
                group.sheet == main.sheet):
            found.setdefault((HEADING, group.header), Unrecognised(
                HEADING, "heading", group.header, group.column, group.header, 1,
                [main.table.header_row + 1], message=group.message, taken=taken))
            continue
        if group.severity != "error" or group.sheet != main.sheet or not (
                group.rule in _RULES or group.rule.startswith("area-")):
            continue
        name = fields.get(group.header, group.header if not group.column else "")
        if name not in FIELD_KINDS:
            continue
        value = clean_text(group.value)
        item = found.get((name, value))
        if item is None:
            item = found[(name, value)] = Unrecognised(
                name, FIELD_KINDS[name], group.header, group.column, value,
                message=group.message, area_type=area_type)
        item.count += group.count
        item.rows = sorted({*item.rows, *group.rows})
    return list(found.values())


@dataclass
class Answers:
    """The clerk's answers: (field, value found) → an allowed value, or :data:`SKIP`."""

    chosen: dict[tuple[str, str], str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # field → kind, for the answers given

    def set(self, item: Unrecognised, answer: str | None) -> None:
        if answer:
            self.chosen[item.key] = answer
            self.kinds[item.field] = item.kind
        else:
            self.chosen.pop(item.key, None)


def translate(profile: Profile, answers: Answers) -> Profile:
    """``profile`` with the answers added: an ethnic group to ``group_labels`` (label → code),
    any other value to ``values`` (field → {text found → value}), a skip to ``skip_values``; a
    group column's heading to ``group_labels``, or to ``columns`` as "ignore"."""
    values = {name: dict(table) for name, table in profile.values.items()}
    labels = dict(profile.group_labels)
    skips = {name: list(texts) for name, texts in profile.skip_values.items()}
    mapped = dict(profile.columns)
    for (name, text), answer in answers.chosen.items():
        if name == HEADING:
            if answer == SKIP:
                mapped[text] = "ignore"
                labels.pop(text, None)
            else:
                labels[text] = answer
                if mapped.get(text) == "ignore":
                    del mapped[text]
        elif answer == SKIP:
            if text not in skips.setdefault(name, []):
                skips[name].append(text)
        elif answers.kinds.get(name) == "group" and text:
            labels[text] = answer
        elif answers.kinds.get(name) == "group":  # an empty cell: a label has no empty key
            values.setdefault(name, {})[text] = ethnic_group(answer).label
        else:
            values.setdefault(name, {})[text] = answer
    return replace(profile, columns=mapped, values=values, group_labels=labels,
                   skip_values=skips)
