"""The story's own reference time: the date a narrative last named.

"In 2018 exports fell to $9 billion, down from $19 billion the previous year": "the
previous year" counts from 2018, not from the publication date. So do "a year later",
"two days earlier", "that day", "the next day". The reference is the last calendar date
resolved before the expression (any kind that is not itself counted from a reference),
and only when it is close: in the same paragraph or the one before
(`[narrative] reference_breaks`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass

# Calendar grains from fine to coarse; a reference serves units at its grain or coarser.
GRAINS = ("day", "week", "month", "quarter", "year", "decade", "century")
_UNIT_GRAIN = {"weekend": "week"}
_VALUE = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)|Q(?P<q>[1-4])|H[12]"
    r"|SP|SU|FA|WI))?(?:T\S*)?"
)


@dataclass(frozen=True, slots=True)
class Reference:
    day: dt.date
    grain: str

    def serves(self, unit: str) -> bool:
        """Whether a unit ("week", "year") can be counted from this reference."""
        grain = _UNIT_GRAIN.get(unit, unit)
        return grain in GRAINS and GRAINS.index(self.grain) <= GRAINS.index(grain)


def reference_of(value: str) -> Reference | None:
    """The reference a resolved calendar value sets ("2018", "2019-09-30", "2019-W39")."""
    m = _VALUE.fullmatch(value)
    if m is None:
        return None
    year = int(m["y"])
    try:
        if m["d"]:
            return Reference(dt.date(year, int(m["m"]), int(m["d"])), "day")
        if m["m"]:
            return Reference(dt.date(year, int(m["m"]), 1), "month")
        if m["w"]:
            return Reference(dt.date.fromisocalendar(year, int(m["w"]), 1), "week")
        if m["q"]:
            return Reference(dt.date(year, 3 * int(m["q"]) - 2, 1), "quarter")
    except ValueError:
        return None
    return Reference(dt.date(year, 1, 1), "year")


class Timeline:
    """The references a text sets, in text order, and the one in force at a position."""

    def __init__(self, text: str, max_breaks: int) -> None:
        self.text = text
        self.max_breaks = max_breaks
        self.ends: list[int] = []
        self.references: list[Reference] = []

    def add(self, end: int, value: str) -> None:
        reference = reference_of(value)
        if reference is not None:
            index = bisect_right(self.ends, end)
            self.ends.insert(index, end)
            self.references.insert(index, reference)

    def before(self, start: int) -> Reference | None:
        """The last reference that ends before `start`, if no more than `max_breaks`
        paragraph breaks lie between."""
        index = bisect_right(self.ends, start) - 1
        if index < 0:
            return None
        between = self.text[self.ends[index] : start]
        if len(re.findall(r"\n\s*", between)) > self.max_breaks:
            return None
        return self.references[index]
