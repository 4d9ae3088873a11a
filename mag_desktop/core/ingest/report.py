"""The validation report: errors block an import, warnings are allowed; each one says where.

Every issue names the file, sheet, row number as Excel shows it, column letter and header, the
value found and what was expected. One rule can fail on a million rows, so each (rule, column)
keeps its first :data:`MAX_PER_RULE` examples and counts the rest. The same problem on many rows
is also told once, as a :class:`Group`: (rule, column, value) with its count and first rows,
"found 'Sandwel' — 14 rows: 12, 15, 19 …".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

MAX_PER_RULE = 200
MAX_VALUE_CHARS = 80
MAX_GROUPS = 20_000  # distinct problems kept (a million distinct bad values are not)
GROUP_ROWS = 50  # rows kept per group (the count is exact)
SHOW_ROWS = 8  # rows shown in a group's line


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def show_value(value: object) -> str:
    """A cell value as a short, printable string (control characters made visible)."""
    if value is None:
        return "(empty)"
    text = str(value)
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
    if len(text) > MAX_VALUE_CHARS:
        text = text[: MAX_VALUE_CHARS - 1] + "…"
    return text


@dataclass(frozen=True)
class Issue:
    severity: str  # "error" | "warning"
    rule: str  # a short stable name, e.g. "area-unknown"
    message: str  # one plain sentence: what is wrong and what was expected
    file: str = ""
    sheet: str = ""
    row: int | None = None  # as Excel shows it (1-based); None for a whole-file issue
    column: str = ""  # letter, e.g. "D"
    header: str = ""
    value: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        return data

    def where(self) -> str:
        parts = [p for p in (self.file, self.sheet and f"sheet {self.sheet}") if p]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}" + (f" ({self.header})" if self.header else ""))
        return ", ".join(parts)

    def line(self) -> str:
        value = f": found {self.value!r}" if self.value else ""
        return f"{self.severity}: {self.where()}{value}: {self.message}"


@dataclass
class Group:
    """One problem on one or many rows: the same rule, column, value and message."""

    severity: str
    rule: str
    message: str
    file: str = ""
    sheet: str = ""
    column: str = ""
    header: str = ""
    value: str = ""
    count: int = 0  # rows (a wide row's cells count once), or issues without a row
    rows: list[int] = field(default_factory=list)  # the first GROUP_ROWS rows, in order met
    seen: set[int] = field(default_factory=set, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {"severity": self.severity, "rule": self.rule, "message": self.message,
                "file": self.file, "sheet": self.sheet, "column": self.column,
                "header": self.header, "value": self.value, "count": self.count,
                "rows": self.rows}

    def rows_text(self) -> str:
        shown = ", ".join(str(r) for r in sorted(self.rows)[:SHOW_ROWS])
        return shown + (" …" if self.count > SHOW_ROWS else "")

    def line(self) -> str:
        parts = [p for p in (self.file, self.sheet and f"sheet {self.sheet}") if p]
        if self.count == 1 and self.rows:
            parts.append(f"row {self.rows[0]}")
        if self.column:
            parts.append(f"column {self.column}" + (f" ({self.header})" if self.header else ""))
        found = f": found {self.value!r}" if self.value else ""
        many = f" — {self.count:,} rows: {self.rows_text()}" if self.count > 1 else ""
        return f"{self.severity}: {', '.join(parts)}{found}{many}: {self.message}"


@dataclass
class Report:
    file: str
    sheet: str = ""
    issues: list[Issue] = field(default_factory=list)
    counts: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    groups: dict[tuple[str, ...], Group] = field(default_factory=dict)
    bad_rows: dict[str, set[int]] = field(default_factory=dict)  # sheet → rows with an error

    def add(
        self,
        severity: str,
        rule: str,
        message: str,
        *,
        row: int | None = None,
        column: int | None = None,
        header: str = "",
        value: object = None,
        sheet: str | None = None,
    ) -> None:
        key = (severity, rule, header)
        self.counts[key] += 1
        sheet = self.sheet if sheet is None else sheet
        if severity == "error" and row is not None:
            self.bad_rows.setdefault(sheet, set()).add(row)
        letter = column_letter(column) if column is not None else ""
        shown = show_value(value) if value is not None else ""
        self._group(Group(severity, rule, message, self.file, sheet, letter, header, shown), row)
        if self.counts[key] > MAX_PER_RULE:
            return
        self.issues.append(Issue(severity=severity, rule=rule, message=message, file=self.file,
                                 sheet=sheet, row=row, column=letter, header=header,
                                 value=shown))

    def _group(self, group: Group, row: int | None) -> None:
        key = (group.severity, group.rule, group.sheet, group.column, group.header,
               group.value, group.message)
        found = self.groups.get(key)
        if found is None:
            if len(self.groups) >= MAX_GROUPS:
                return
            found = self.groups[key] = group
        if row is None:
            found.count += 1
        elif row not in found.seen:
            found.seen.add(row)
            found.count += 1
            if len(found.rows) < GROUP_ROWS:
                found.rows.append(row)

    def grouped(self) -> list[Group]:
        """The groups, errors first, each kind in the order the file reads."""
        return sorted(self.groups.values(), key=lambda g: (
            g.severity != "error", g.sheet, min(g.rows, default=0), len(g.column), g.column))

    def error(self, rule: str, message: str, **where: Any) -> None:
        self.add("error", rule, message, **where)

    def warning(self, rule: str, message: str, **where: Any) -> None:
        self.add("warning", rule, message, **where)

    @property
    def error_count(self) -> int:
        return sum(n for (sev, _, _), n in self.counts.items() if sev == "error")

    @property
    def warning_count(self) -> int:
        return sum(n for (sev, _, _), n in self.counts.items() if sev == "warning")

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    def omitted(self) -> list[str]:
        """Sentences for the rules whose examples were capped."""
        return [
            f"{n - MAX_PER_RULE:,} more {sev}s like '{rule}'" + (f" in {header}" if header else "")
            for (sev, rule, header), n in self.counts.items()
            if n > MAX_PER_RULE
        ]
