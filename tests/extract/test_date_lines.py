"""Date lines ("Friday, 18 January 2031, 4:52 PM") in time linear in the line.

The fuzz test found `is_date_line` backtracking exponentially: a 49-character line of
digits ("9999...7507-29-16T60:48:50") never finished, so extraction hung on the page.
These lines now take microseconds; before, each took longer than the test run's limit.
"""

from __future__ import annotations

import pytest

from newsloom.extract.text_lines import is_date_line, is_dated

HOSTILE = [
    "9" * 30 + "7507-29-16T60:48:50",
    "9" * 59 + "x",
    "at" * 29 + "!",
    "atatt" * 11 + "!",
    "mon" + "at" * 28 + "!",
    "Published: " + "12" * 24 + "?",
]


@pytest.mark.parametrize("line", HOSTILE)
def test_hostile_lines_finish_and_are_no_date_lines(line: str) -> None:
    assert not is_date_line(line)
    is_dated(line)


@pytest.mark.parametrize(
    "line",
    [
        "Friday, 18 January 2031, 4:52 PM",
        "Published: 12 March 2031 at 10:00 GMT",
        "Updated on 2031-03-12 10:00",
        "20310312",
        "Sept. 4, 2031, 6:30 a.m. EST",
        "Mon 3 Mar 2031 09.15 CEST",
        "18th June 2031",
        "Last updated: 4 hrs",
    ],
)
def test_date_lines_are_still_read(line: str) -> None:
    assert is_date_line(line)


@pytest.mark.parametrize(
    "line", ["The 2031 season starts in March.", "Pellham, March 4 rally", "At a glance"]
)
def test_other_lines_are_not_date_lines(line: str) -> None:
    assert not is_date_line(line)
