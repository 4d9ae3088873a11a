"""Reading the indicators a commitment aims to move: its "Linked indicators" cell and the rows of
a Links sheet, checked against the indicators the store holds.

A cell lists indicators by ID or by name, separated by semicolons or new lines, each optionally
followed by a bracket naming its ethnic group and the group it is compared with:
``CLAIMANT_RATE (Black Caribbean vs White British); Youth justice first-time entrants``. A
Links sheet gives one link a row (Commitment ID, Indicator, Ethnic group, Compared with, Aim),
so a commitment may have several with aims other than narrowing the gap. A link's indicator
must be one the store holds: an unknown one is an error with the nearest ID or name as a
suggestion, so a link can never point at nothing. An aim to lower or raise a figure must name
the group whose figure it is (else which group's figure moves would be a guess).
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from mag_desktop.core.domain import IndicatorLink, LinkAim
from mag_desktop.core.ethnicity import map_label
from mag_desktop.core.ingest.commitments import CommitmentContext, Row
from mag_desktop.core.ingest.mapping import Mapping
from mag_desktop.core.ingest.report import Report
from mag_desktop.core.ingest.table import Table, cell_text
from mag_desktop.core.ingest.translations import Translations
from mag_desktop.core.store.reads import units as current

#: The words a clerk may write for a link's aim (matched ignoring case and punctuation).
AIM_WORDS: dict[str, LinkAim] = {
    "narrow the gap": LinkAim.NARROW, "reduce the gap": LinkAim.NARROW,
    "close the gap": LinkAim.NARROW, "narrow": LinkAim.NARROW,
    "lower": LinkAim.LOWER, "reduce": LinkAim.LOWER, "decrease": LinkAim.LOWER,
    "fewer": LinkAim.LOWER,
    "raise": LinkAim.RAISE, "increase": LinkAim.RAISE, "more": LinkAim.RAISE,
}
ACCEPTED_AIMS = ("'Narrow the gap' (or 'Reduce the gap', 'Close the gap'), 'Lower' (or "
                 "'Reduce', 'Decrease', 'Fewer') or 'Raise' (or 'Increase', 'More'); "
                 "blank means narrow the gap")
_VERSUS = re.compile(r"(?:^|\s+)(?:vs\.?|v\.?|versus|compared\s+(?:with|to)|against)\s+", re.I)
_BRACKET = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$", re.S)


def _key(text: str) -> str:
    """A name as matched: case, spacing and punctuation ignored."""
    return re.sub(r"[^a-z0-9%]+", "", text.casefold())


def aim_of(text: str) -> LinkAim | None:
    """The aim a word names (blank: narrow the gap), or None when it names none."""
    words = " ".join(re.sub(r"[^a-z]+", " ", text.casefold()).split())
    return AIM_WORDS.get(words) if words else LinkAim.NARROW


class IndicatorNames:
    """The store's current indicators, found by ID (any case) or by name (case, spacing and
    punctuation ignored, so "Claimant rate" and "claimant-rate" both find CLAIMANT_RATE)."""

    def __init__(self, definitions: Iterable[tuple[str, str]]) -> None:
        self.names = dict(definitions)  # code → name
        self._keys: dict[str, str] = {}  # IDs first: an ID wins over another's name
        for code in self.names:
            self._keys.setdefault(_key(code), code)
        for code, name in self.names.items():
            self._keys.setdefault(_key(name), code)

    @classmethod
    def of_store(cls, conn: sqlite3.Connection) -> IndicatorNames:
        return cls(current.names(conn))

    def find(self, text: str) -> str | None:
        if text.upper() in self.names:
            return text.upper()
        return self._keys.get(_key(text))

    def unknown(self, text: str) -> str:
        """Why ``text`` links nothing, with the nearest ID or name when there is one."""
        if not self.names:
            return (f"{text!r} cannot be linked: the store holds no indicators yet; import the "
                    "indicators (their definitions) first, then this file")
        near = difflib.get_close_matches(_key(text), list(self._keys), n=1, cutoff=0.6)
        if near:
            code = self._keys[near[0]]
            return (f"{text!r} is not an indicator the store holds; did you mean {code} "
                    f"({self.names[code]})? Expected an indicator's ID or name")
        return (f"{text!r} is not an indicator the store holds; expected an indicator's ID or "
                "name, as listed on the Indicators tab")


@dataclass
class LinkReader:
    """Reads links against the store's indicators (looked up once, when first needed)."""

    conn: sqlite3.Connection
    _names: IndicatorNames | None = None

    @property
    def names(self) -> IndicatorNames:
        if self._names is None:
            self._names = IndicatorNames.of_store(self.conn)
        return self._names

    def link(self, indicator: str, group: str, comparator: str, aim: str,
             fail: Callable[[str, str, str], None]) -> IndicatorLink | None:
        """One link from its four texts; ``fail(part, rule, message)`` reports a fault, part
        being "indicator", "group", "comparator" or "aim"."""
        faults: list[str] = []

        def fault(part: str, rule: str, message: str) -> None:
            faults.append(rule)
            fail(part, rule, message)
        code = self.names.find(indicator)
        if code is None:
            fault("indicator", "link-indicator", self.names.unknown(indicator))
        codes: list[str | None] = []
        for part, label in (("group", group), ("comparator", comparator)):
            found = map_label(label).code if label else None
            if label and found is None:
                fault(part, "link-group", f"{label!r} is not an ethnic group; expected a group "
                      "such as 'Black Caribbean', 'Pakistani', 'White British' or 'Black'")
            codes.append(found)
        if codes[0] and codes[0] == codes[1]:
            fault("comparator", "link-group", f"{comparator!r} is the group itself; expected "
                  "another group to compare it with")
        found_aim = aim_of(aim)
        if found_aim is None:
            fault("aim", "link-aim", f"{aim!r} is not an aim; expected {ACCEPTED_AIMS}")
        elif found_aim != LinkAim.NARROW and not group:
            fault("aim", "link-aim-group", f"the aim {aim!r} names no ethnic group; an aim to "
                  "lower or raise a figure needs the ethnic group whose figure it is: name "
                  "the group, or leave the aim blank to narrow the gap")
        if faults or code is None or found_aim is None:
            return None
        return IndicatorLink(code, codes[0], codes[1], found_aim)

    def of_cell(self, row: Row, translate: dict[str, str]) -> tuple[IndicatorLink, ...]:
        """The links of a row's "Linked indicators" cell (none when it is blank); each piece
        is translated by the profile's ``values`` for the field, as the whole cell is."""
        text = row.text("indicators")
        if not text:
            return ()
        links = []
        for piece in (p.strip() for p in re.split(r"[;\n]+", text)):
            if not piece:
                continue
            piece = translate.get(cell_text(piece), piece)
            indicator, inside = piece, ""
            bracket = _BRACKET.match(piece)
            if bracket and self.names.find(piece) is None:  # a name may hold brackets itself
                indicator, inside = bracket.group(1).strip(), bracket.group(2).strip()
            group, comparator, aim = _bracket_parts(inside)

            def fail(_part: str, rule: str, message: str) -> None:
                row.fail("indicators", rule, message)
            link = self.link(indicator, group, comparator, aim, fail)
            if link is not None:
                links.append(link)
        return unique(links)


def _bracket_parts(inside: str) -> tuple[str, str, str]:
    """(group, comparator, aim) of a bracket: "Black Caribbean vs White British", optionally
    ending in an aim after a comma ("Pakistani, lower"), or an aim alone ("raise")."""
    if not inside:
        return "", "", ""
    aim = ""
    head, _, last = inside.rpartition(",")
    if head and aim_of(last) is not None:
        inside, aim = head.strip(), last.strip()
    elif aim_of(inside) is not None and map_label(inside).code is None:
        return "", "", inside
    parts = _VERSUS.split(inside, maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else ""), aim


def unique(links: Iterable[IndicatorLink]) -> tuple[IndicatorLink, ...]:
    """The links once each, in the order first given (a link written twice is one link)."""
    return tuple(dict.fromkeys(links))


@dataclass
class SheetLinks:
    """The links of a Links sheet by commitment ID (in capitals), in the sheet's order."""

    by_commitment: dict[str, list[IndicatorLink]] = field(default_factory=dict)

    def of(self, commitment_id: str) -> list[IndicatorLink]:
        return self.by_commitment.get(commitment_id.upper(), [])


def commitment_ids(table: Table, mapping: Mapping, ctx: CommitmentContext) -> set[str]:
    """The commitment IDs (in capitals) of every row of the commitments table, as read."""
    j = mapping.fields.get("commitment_id")
    if j is None:
        constant = cell_text(mapping.constants.get("commitment_id", ""))
        return {constant.upper()} if constant else set()
    translate = ctx.values.get("commitment_id", {})
    out = set()
    for _, cells in table.data_rows():
        text = cell_text(cells[j] if j < len(cells) else "")
        out.add(cell_text(translate.get(text, text)).upper())
    return out


def validate_link_rows(table: Table, mapping: Mapping, report: Report, reader: LinkReader,
                       ctx: CommitmentContext, known: set[str]) -> SheetLinks:
    """The Links sheet's rows, each one link of a commitment of the commitments sheet
    (``known``: their IDs in capitals). The profile's values and skip_values apply."""
    out = SheetLinks()
    notes = Translations()
    for number, cells in table.data_rows():
        if ctx.skips.row_skipped(cells, notes):
            continue
        row = Row(table, mapping, number, cells, report, ctx.values)
        cid, indicator = row.text("commitment_id", 64), row.text("indicator", 500)
        if not cid or not indicator:
            row.fail("indicator" if cid else "commitment_id", "required",
                     "a link needs a commitment ID and an indicator")
            continue
        if cid.upper() not in known:
            row.fail("commitment_id", "link-commitment",
                     f"row {number} links commitment {cid}, which is not in the commitments "
                     "sheet; expected the ID of a commitment the file lists")

        def fail(part: str, rule: str, message: str, row: Row = row) -> None:
            row.fail(part, rule, message)
        link = reader.link(indicator, row.text("group", 200), row.text("comparator", 200),
                           row.text("aim", 200), fail)
        if link is not None and row.ok:
            found = out.by_commitment.setdefault(cid.upper(), [])
            if link not in found:
                found.append(link)
    notes.flush(report)
    return out
