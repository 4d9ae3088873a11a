"""Which of an xlsx workbook's cell styles show a number as a percentage.

Excel keeps 0.563 in a cell and shows it as "56.3%" when the cell's number format says so: the
built-in formats 9 (``0%``) and 10 (``0.00%``), or a custom format code with a ``%`` that is
not quoted (``"%"``) or escaped (``\\%``). A cell names its style by its index in
``styles.xml``'s ``cellXfs``; the style names its number format.
"""

from __future__ import annotations

from defusedxml import ElementTree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
BUILT_IN_PERCENT = frozenset({9, 10})


def is_percent_format(code: str) -> bool:
    """Whether an Excel number format code shows numbers as percentages: a ``%`` outside
    quoted text, not escaped by ``\\``, not after ``_`` (a space as wide as it) or ``*`` (a
    fill), and not inside ``[…]`` (a colour, a condition, a locale)."""
    quoted = bracket = False
    skip = False
    for ch in code:
        if skip:
            skip = False
        elif quoted:
            quoted = ch != '"'
        elif bracket:
            bracket = ch != "]"
        elif ch == '"':
            quoted = True
        elif ch == "[":
            bracket = True
        elif ch in "\\_*":
            skip = True
        elif ch == "%":
            return True
    return False


def percent_styles(styles_xml: bytes) -> set[int]:
    """The indexes of ``cellXfs`` whose number format is a percentage (empty when none is)."""
    root = ElementTree.fromstring(styles_xml)
    formats = set(BUILT_IN_PERCENT)
    for fmt in root.iter(f"{MAIN}numFmt"):
        try:
            number = int(fmt.get("numFmtId", ""))
        except ValueError:
            continue
        if is_percent_format(fmt.get("formatCode", "")):
            formats.add(number)
        else:
            formats.discard(number)  # a workbook may redefine a built-in number
    found: set[int] = set()
    xfs = root.find(f"{MAIN}cellXfs")
    if xfs is None:
        return found
    for index, xf in enumerate(xfs.findall(f"{MAIN}xf")):
        try:
            if int(xf.get("numFmtId", "0")) in formats:
                found.add(index)
        except ValueError:
            continue
    return found
