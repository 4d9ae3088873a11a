"""The other ways partners write an ethnic group: codes, Census 2011 "Heading: Group" labels,
and labels with a footnote mark glued on.

- **Codes** (``resources/reference/ethnicity_codes.csv``): the Department for Education's
  four-letter codes (``WBRI``, ``MWBC``, majors such as ``ASIA``) and the NHS data dictionary's
  letters (``A`` … ``Z``). Each names the group it means in the store: a 2021 group where the
  two are the same people, else a group of its own classification (DfE's ``Gypsy/Roma``, the
  NHS's 2001 "Any other White background"). NHS letters are read only where the caller says a
  cell holds a group (an ethnic-group column), never in headers, where a lone letter is a column.
- **Census 2011 labels** ("Black / African / Caribbean / Black British: African", also
  "Black - Any other Black background"): a heading, a colon (or dash) and a group; read only
  when the group is one of that heading's groups.
- **Footnote marks** ("Not known2", "White British¹", "Asian (a)", "Irish [note 3]", "Other*"):
  removed, and the caller is told which mark was removed so that it can say so.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from mag_desktop.paths import resource_path

_FOOTNOTE = re.compile(
    r"^(?P<label>.*?[^\d\s(\[])\s*"
    r"(?P<mark>[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,2}|\((?:[a-z]|\d{1,2}|note \d{1,2})\)"
    r"|\[(?:[a-z]|\d{1,2}|note \d{1,2})\]|[*†‡]+)$", re.IGNORECASE)


@cache
def _codes() -> dict[str, tuple[str, str, str]]:
    """Code (upper case) → (scheme, group code, note)."""
    path = resource_path("reference", "ethnicity_codes.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["code"].upper(): (row["scheme"], row["group_code"], row["note"])
                for row in csv.DictReader(handle)}


def code_group(text: str, nhs_letters: bool = False) -> tuple[str, str] | None:
    """(group code, note) for a DfE or NHS ethnicity code, or None when ``text`` is not one."""
    found = _codes().get(text.strip().upper())
    if found is None:
        return None
    scheme, code, note = found
    if scheme == "NHS" and not nhs_letters:
        return None
    label = f"{scheme} code {text.strip().upper()}"
    return code, f"{label}: {note}" if note else label


def strip_footnote(text: str) -> tuple[str, str] | None:
    """(label, mark) when ``text`` ends with a footnote mark; None otherwise."""
    m = _FOOTNOTE.match(text.strip())
    if m is None or not m["label"].strip():
        return None
    return m["label"].strip(), m["mark"]


def split_heading(key: str) -> tuple[str, str] | None:
    """("heading", "group") for a normalised "heading: group" (or "heading-group") label."""
    for sep in (": ", "-"):
        if sep in key:
            head, tail = key.split(sep, 1)
            if head and tail and ": " not in tail:
                return head, tail
    return None
