"""Translations that change what a cell says, counted and reported once each.

When the importer reads a partner's word as one of ours ("In progress" as On track, "201617" as
the academic year 2016/17, "White British¹" as White British), the clerk must be told, but once
per translation with its count, not once per row: "read 'In progress' as On track: 107 rows".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mag_desktop.core.ingest.report import Report


@dataclass
class Translations:
    """Counts of (rule, sentence, header) seen while validating; written by :meth:`flush`."""

    counts: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def note(self, rule: str, sentence: str, rows: int = 1, header: str = "") -> None:
        if rows > 0:
            self.counts[(rule, sentence, header)] += rows

    def flush(self, report: Report) -> None:
        """One warning line per translation, in the order first seen; then forget them."""
        for (rule, sentence, header), rows in self.counts.items():
            noun = "row" if rows == 1 else "rows"
            report.warning(rule, f"{sentence}: {rows:,} {noun}", header=header)
        self.counts.clear()

    @staticmethod
    def kept_rule(header: str, allowed: set[str]) -> str:
        """The sentence for rows a profile's keep_rows leaves out, naming the column and what
        it keeps: "left out the rows whose 'gender' is not Total"."""
        name = " ".join(header.split())
        name = name if len(name) <= 60 else name[:59] + "…"
        kept = " or ".join(repr(a) if a else "empty" for a in sorted(allowed))
        return f"left out the rows whose {name!r} is not {kept}"

    def lines(self) -> list[str]:
        return [f"{sentence}: {rows:,}" for (_, sentence, _), rows in self.counts.items()]
