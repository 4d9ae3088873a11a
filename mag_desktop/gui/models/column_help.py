"""Plain words for every column heading: what a member hears or sees on hovering a heading
(its tooltip and "What's this?"), so "numerator", "95% limits" or "vs England" need no
statistician to explain them."""

from __future__ import annotations

LIMITS = ("The 95% confidence limits: the range within which the true value very probably "
          "lies. A wide range means the figure rests on few people; two figures differ "
          "significantly only when their ranges do not overlap.")

HELP: dict[str, str] = {
    "ID": "The commitment's reference, as the partner gave it.",
    "Title": "What the partner committed to do. Hover over a title for its full description.",
    "Commitment": "What the partner committed to do.",
    "Commitment and latest update": "What the partner committed to do, and what they last "
                                    "reported about it.",
    "Theme": "The Taskforce theme the commitment belongs to.",
    "Lead": "The organisation or officer responsible for the commitment.",
    "Authority": "The local authority the row belongs to.",
    "Status": "Where the commitment stands: not started, on track, at risk, off track, "
              "complete, or no update.",
    "Due": "The date the commitment is due to be delivered.",
    "Updated": "The quarter of the latest update the partner sent.",
    "Ethnic group": "The ethnic group (2021 Census classification); the five broad groups are "
                    "in bold, with the groups within each below.",
    "Value": "The figure for the group in the area and period chosen, in the indicator's unit.",
    "95% limits": LIMITS,
    "Numerator / denominator": "The count the figure is made from: the numerator is the number "
                               "of people or events counted (for example claimants), the "
                               "denominator the number they are counted out of (for example "
                               "residents aged 16–64).",
    "Indicator": "What is measured, and the theme it belongs to.",
    "Period": "The quarter or year the figure is for.",
    "Ward compared": "How the ward compares with its authority: higher, lower or similar, "
                     "taking account of the 95% confidence limits.",
    "Residents": "The number of usual residents in the group at the 2021 Census.",
    "Share (%)": "The group's share of all usual residents, in percent.",
    "Exception": "A kind of commitment that needs attention, such as overdue or off track.",
    "Commitments": "How many commitments are in that position.",
    "Marker": "A mark shown in place of, or beside, a figure.",
    "Meaning": "What the mark means.",
}


def column_help(title: str, role: str = "text") -> str:
    """The plain-words explanation of a column heading; "" when there is nothing to add.

    ``role`` is the core's column role ("number", "comparison", …): a comparator's own column
    is titled with its place name, so the role tells what it holds."""
    if title in HELP:
        return HELP[title]
    if title.startswith(("vs ", "Against ")):
        other = title.split(" ", 1)[1]
        return (f"How the group's figure compares with {other}: higher, lower or similar. "
                "A difference counts only when the 95% confidence limits do not overlap "
                "(a dash means it could not be compared).")
    if role == "comparison":
        return ("How the figures compare: higher, lower or similar, taking account of the 95% "
                "confidence limits.")
    if role == "number":
        return f"The figure for {title}, in the indicator's unit, to compare with."
    return ""
