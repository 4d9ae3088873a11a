"""The ONS 2021 ethnic group classification for England, and mapping partners' labels onto it.

The vocabulary is data: ``resources/reference/ethnic_groups.csv`` holds the 19 groups, the 5
headings, "All ethnic groups", two aggregates, "Unknown" and 4 groups of other classifications,
in the publishing order used by Ethnicity facts and figures; ``ethnic_aliases.csv`` holds
labels partners really send. ``map_label`` tries, in turn: the classification itself; the
aliases; DfE and NHS codes; the Race Disparity Unit's lookup (``_RDU_CODES``); a "Heading:
Group" label. Anything else is flagged (code None) with a note, never guessed.

Other classifications are mapped to a 2021 group only where they count the same people, and
otherwise kept as groups of their own under their broad heading (``classification`` column:
"DfE", "2001"): DfE's "Gypsy/Roma" spans two 2021 groups (Gypsy or Irish Traveller; Roma), so
it is WHITE_GYPSY_ROMA, not either of them; "Traveller of Irish heritage" is part of one group
(WHITE_IRISH_TRAVELLER); DfE's major "Asian" code counts Chinese apart (ASIAN_EXCL_CHINESE);
the NHS's 2001 "Any other White background" includes Gypsy, Traveller and Roma people
(WHITE_OTHER_2001). Codes, "Heading: Group" labels and footnote marks: see ethnicity_forms.
"Pakistani and Bangladeshi" stays unmapped; BAME/BME map to MINORITY (definitions vary).
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from mag_desktop.core.ethnicity_forms import code_group, split_heading, strip_footnote
from mag_desktop.paths import resource_path

KINDS = ("all", "heading", "group", "aggregate", "unknown")
_COMBINES = "combines groups across the 2021 classification"

# RDU standard label -> (our code or None, note). Labels missing here are reported unmapped.
_RDU_CODES: dict[str, tuple[str | None, str]] = {
    "All": ("ALL", ""),
    "Asian": ("ASIAN", ""),
    "Bangladeshi": ("ASIAN_BANGLADESHI", ""),
    "Chinese": ("ASIAN_CHINESE", ""),
    "Indian": ("ASIAN_INDIAN", ""),
    "Pakistani": ("ASIAN_PAKISTANI", ""),
    "Asian other": ("ASIAN_OTHER", ""),
    "Black": ("BLACK", ""),
    "Black African": ("BLACK_AFRICAN", ""),
    "Black Caribbean": ("BLACK_CARIBBEAN", ""),
    "Black other": ("BLACK_OTHER", ""),
    "Mixed": ("MIXED", ""),
    "Mixed White/Asian": ("MIXED_WHITE_ASIAN", ""),
    "Mixed White/Black African": ("MIXED_WHITE_BLACK_AFRICAN", ""),
    "Mixed White/Black Caribbean": ("MIXED_WHITE_BLACK_CARIBBEAN", ""),
    "Mixed other": ("MIXED_OTHER", ""),
    "White": ("WHITE", ""),
    "White British": ("WHITE_BRITISH", ""),
    "White Irish": ("WHITE_IRISH", ""),
    "White Gypsy/Traveller": ("WHITE_GYPSY_TRAVELLER", ""),
    "White other": ("WHITE_OTHER", ""),
    "Arab": ("OTHER_ARAB", ""),
    "Any other": ("OTHER_ANY", ""),
    "Unknown": ("UNKNOWN", ""),
    "Unclassified": ("UNKNOWN", ""),
    "Unmatched": ("UNKNOWN", "ethnicity not found by record linkage"),
    "Other than White British": ("MINORITY", ""),
    "Other than White": ("NON_WHITE_ALL", ""),
    "Other": (None, _COMBINES),  # only the labels in _RDU_OTHER_HEADING mean the heading
    "Pakistani and Bangladeshi": (None, _COMBINES),
    "Asian other inc Chinese": (None, _COMBINES),
    "Other inc Chinese": (None, _COMBINES),
    "Other inc Asian": (None, _COMBINES),
    "Other inc Mixed and Chinese": (None, _COMBINES),
    "Other (inc Gypsy/Traveller/Irish Traveller)": (None, _COMBINES),
    "Mixed White/Black": (None, _COMBINES),
    "Asian excluding Chinese": ("ASIAN_EXCL_CHINESE", "Asian without Chinese"),
    "Gypsy/Roma": ("WHITE_GYPSY_ROMA", "spans two 2021 groups (Gypsy or Irish Traveller; Roma)"),
    "Irish Traveller": ("WHITE_IRISH_TRAVELLER", "part of the 2021 group Gypsy or Irish Traveller"),
    "Not applicable": (None, "not an ethnic group (not applicable)"),
}
# RDU raw labels whose standard is "Other" and which can only mean the Other heading.
_RDU_OTHER_HEADING = frozenset(
    {
        "other",
        "other ethnic group",
        "other ethnic groups",
        "other ethnicity",
        "other ethnic group total",
        "ethnicity_major_any_other_ethnic_group",
    }
)


@dataclass(frozen=True)
class EthnicGroup:
    code: str
    label: str
    short_label: str
    heading_code: str | None
    heading: str | None
    kind: str
    order: int
    classification: str = ""  # "2021", or the classification a group of its own comes from


@dataclass(frozen=True)
class LabelMatch:
    original: str
    code: str | None
    kind: str | None
    note: str
    footnote: str = ""  # a footnote mark removed from the label ("2", "¹", "(a)")

    @property
    def mapped(self) -> bool:
        return self.code is not None


_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"'}


def normalise_label(text: str) -> str:
    """A comparison key: case-folded, single-spaced, "&" as "and", uniform punctuation spacing.

    Parenthesised text is kept: "Ethnic minority (excl. White minorities)" is not "Ethnic
    minority". A leading "Ethnic group:" (Nomis column headers) is dropped.
    """
    s = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES).casefold()
    s = re.sub(r"\s+", " ", s.replace("&", " and "))
    s = re.sub(r"\s*([/-])\s*", r"\1", s)
    s = re.sub(r"\s*:\s*", ": ", s)
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"\(\s*", "(", re.sub(r"\s*\)", ")", s)).strip(" ")
    return re.sub(r"^ethnic group: ", "", s).strip(" ")


def _read(name: str) -> list[dict[str, str]]:
    path: Path = resource_path("reference", name)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@cache
def groups() -> tuple[EthnicGroup, ...]:
    """Every row of ethnic_groups.csv, in publishing order."""
    rows = [
        EthnicGroup(
            r["code"],
            r["label"],
            r["short_label"],
            r["heading_code"] or None,
            r["heading"] or None,
            r["kind"],
            int(r["order"]),
            r.get("classification", ""),
        )
        for r in _read("ethnic_groups.csv")
    ]
    codes = {g.code: g for g in rows}
    if len(codes) != len(rows):
        raise ValueError("ethnic_groups.csv: duplicate codes")
    for g in rows:
        if g.kind not in KINDS:
            raise ValueError(f"ethnic_groups.csv: {g.code} has unknown kind {g.kind!r}")
        parent = codes.get(g.heading_code or "")
        if (g.kind == "group") != (parent is not None and parent.kind == "heading"):
            raise ValueError(f"ethnic_groups.csv: {g.code} has a bad heading_code")
    return tuple(sorted(rows, key=lambda g: g.order))


def group(code: str) -> EthnicGroup:
    """The row for ``code``; KeyError naming the known codes otherwise."""
    found = _by_code().get(code)
    if found is None:
        known = ", ".join(g.code for g in groups())
        raise KeyError(f"unknown ethnic group code {code!r}; known codes: {known}")
    return found


@cache
def _by_code() -> dict[str, EthnicGroup]:
    return {g.code: g for g in groups()}


def headings() -> tuple[EthnicGroup, ...]:
    return tuple(g for g in groups() if g.kind == "heading")


def detailed_groups() -> tuple[EthnicGroup, ...]:
    """The 19 groups of the 2021 classification for England."""
    return tuple(g for g in groups() if g.kind == "group" and g.classification == "2021")


def sort_key(code: str) -> int:
    """Publishing-order rank of a code (raises KeyError for an unknown code)."""
    return group(code).order


@cache
def _classification_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for g in groups():
        forms = [g.code, g.label, g.short_label]
        if g.kind == "group":
            head = group(str(g.heading_code))
            forms += [f"{head.label}: {g.label}", f"{head.short_label}: {g.label}"]
        for form in forms:
            key = normalise_label(form)
            if keys.setdefault(key, g.code) != g.code:
                raise ValueError(f"ethnic_groups.csv: {form!r} names two codes")
    return keys


@cache
def _alias_keys() -> dict[str, tuple[str | None, str]]:
    keys: dict[str, tuple[str | None, str]] = {}
    for row in _read("ethnic_aliases.csv"):
        code = row["code"] or None
        if code is not None:
            group(code)  # an alias must name a known code
        keys[normalise_label(row["alias"])] = (code, row.get("note", ""))
    return keys


@cache
def _rdu_keys() -> dict[str, str | None]:
    """Normalised RDU raw label -> RDU standard label (None where variants disagree)."""
    keys: dict[str, str | None] = {}
    for row in _read("rdu_ethnicity_classification_lookup.csv"):
        key, standard = normalise_label(row["Ethnicity"]), row["Standard Ethnicity"]
        keys[key] = standard if keys.get(key, standard) == standard else None
    return keys


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _within(head: str, tail: str, nhs_letters: bool) -> tuple[str | None, str] | None:
    """A Census 2011 style "Heading: Group" label, read only when the group is the heading's."""
    head_code, _ = _match(head, nhs_letters)
    if head_code is None or group(head_code).kind != "heading":
        return None
    own = [g.code for g in groups() if g.heading_code == head_code
           and tail in (normalise_label(g.label), normalise_label(g.short_label))]
    code, note = (own[0], "") if own else _match(tail, nhs_letters)
    found = code is not None and group(code).heading_code == head_code
    return (code, _join("heading and group label", note)) if found else None


@lru_cache(maxsize=4096)
def _match(key: str, nhs_letters: bool = False) -> tuple[str | None, str]:
    if not key:
        return None, "empty label"
    if key in _classification_keys():
        return _classification_keys()[key], "classification label"
    if key in _alias_keys():
        code, note = _alias_keys()[key]
        return code, _join("alias", note)
    coded = code_group(key, nhs_letters)
    if coded is not None:
        return coded
    if key in _rdu_keys():
        standard = _rdu_keys()[key]
        if standard is None:
            return None, "RDU lookup maps variants of this label to different groups"
        if standard == "Other" and key in _RDU_OTHER_HEADING:
            return "OTHER", "RDU lookup: Other"
        code, note = _RDU_CODES.get(standard, (None, "no 2021 equivalent"))
        return code, _join(f"RDU lookup: {standard}", note)
    measure = re.fullmatch(r"(.+?) ?\((number|percent|%)\)", key)
    if measure:
        code, note = _match(measure.group(1), nhs_letters)
        return code, _join(note, f"measure suffix '({measure.group(2)})' ignored")
    parts = split_heading(key)
    found = _within(*parts, nhs_letters) if parts else None
    return found or (None, "not a recognised ethnic group label")


def map_label(label: object, nhs_letters: bool = False) -> LabelMatch:
    """Map a partner's label to a classification code; code None means unmapped (flag it).

    ``nhs_letters``: read a lone letter as an NHS ethnic category code ("A" White British);
    only for cells known to hold a group, never for headers. A footnote mark glued to a label
    ("Not known2") is removed when the label is not known with it, and kept in ``footnote``.
    """
    if label is None or (isinstance(label, float) and math.isnan(label)):
        original = ""
    else:
        original = label if isinstance(label, str) else str(label)
    return _map_text(original, nhs_letters)


@lru_cache(maxsize=65_536)
def _map_text(original: str, nhs_letters: bool) -> LabelMatch:
    """:func:`map_label` of a text, remembered: headers are matched many times over while a
    table is looked for, and a column of groups holds a few labels a million times."""
    code, note = _match(normalise_label(original), nhs_letters)
    mark = ""
    if code is None and (stripped := strip_footnote(original)) is not None:
        again, again_note = _match(normalise_label(stripped[0]), nhs_letters)
        if again is not None:
            code, mark = again, stripped[1]
            note = _join(again_note, f"footnote mark {mark!r} removed")
    kind = group(code).kind if code is not None else None
    return LabelMatch(original, code, kind, note, mark)
