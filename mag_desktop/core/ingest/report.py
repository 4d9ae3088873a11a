"""The validation report: errors block an import, warnings are allowed; each one says where.

Every issue names the file, sheet, row number as Excel shows it, column letter and header, the
value found and what was expected. One rule can fail on a million rows, so each (rule, column)
keeps its first :data:`MAX_PER_RULE` examples and counts the rest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

MAX_PER_RULE = 200
MAX_VALUE_CHARS = 80


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
class Report:
    file: str
    sheet: str = ""
    issues: list[Issue] = field(default_factory=list)
    counts: Counter[tuple[str, str, str]] = field(default_factory=Counter)

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
        if self.counts[key] > MAX_PER_RULE:
            return
        self.issues.append(
            Issue(
                severity=severity,
                rule=rule,
                message=message,
                file=self.file,
                sheet=self.sheet if sheet is None else sheet,
                row=row,
                column=column_letter(column) if column is not None else "",
                header=header,
                value=show_value(value) if value is not None else "",
            )
        )

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
