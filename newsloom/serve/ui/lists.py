"""What every list page of the UI shares (issue 11): cursor paging like the API's
(`cursor=o50`), the total, export links to `/api/export/{kind}` that carry the page's
filters, and notices for values the page could not use (a day that is no day, a page
link that is no page), shown on the page instead of being ignored or answered as JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from newsloom.serve.api.paging import DAY_PATTERN, MAX_OFFSET
from newsloom.serve.exports import FORMATS

PAGE_SIZE = 50


@dataclass(slots=True)
class Notices:
    """Messages about the request that the page shows above its list."""

    messages: list[str] = field(default_factory=list)

    def day(self, name: str, value: str) -> dt.date | None:
        """The day a form value names; a notice (and None) unless it is YYYY-MM-DD."""
        text = value.strip()
        if not text:
            return None
        if DAY_PATTERN.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        self.messages.append(
            f"“{text[:40]}” is not a day, so the {name} filter was left out: write YYYY-MM-DD."
        )
        return None

    def offset(self, cursor: str) -> int:
        """The offset of a `cursor=o<n>` value; a notice (and 0) for anything else."""
        text = cursor.strip()
        if not text:
            return 0
        digits = text.removeprefix("o")
        if text.startswith("o") and digits.isascii() and digits.isdigit() and len(digits) <= 7:
            return min(int(digits), MAX_OFFSET)
        self.messages.append("That page link is not one this site gives; here is the first page.")
        return 0


def query(params: dict[str, str]) -> str:
    """The query string of the non-empty `params`."""
    return urlencode({k: v for k, v in params.items() if v})


@dataclass(slots=True, frozen=True)
class Pager:
    """Links to the previous and next pages of a list, and what this page shows."""

    path: str
    params: dict[str, str]
    offset: int
    shown: int
    total: int
    size: int = PAGE_SIZE
    capped: bool = False  # counting stopped at `total`: there may be more pages past it
    more: bool | None = None  # whether a page follows, when the caller knows better

    def _url(self, offset: int) -> str:
        cursor = f"o{offset}" if offset > 0 else ""
        found = query({**self.params, "cursor": cursor})
        return f"{self.path}?{found}" if found else self.path

    @property
    def previous(self) -> str | None:
        return self._url(max(self.offset - self.size, 0)) if self.offset > 0 else None

    @property
    def next(self) -> str | None:
        more = self.more if self.more is not None else self.offset + self.shown < self.total
        if not more or not self.shown or self.offset + self.size > MAX_OFFSET:
            return None
        return self._url(self.offset + self.size)

    @property
    def label(self) -> str:
        total = f"{self.total}+" if self.capped else str(self.total)
        if not self.shown:
            return f"none of {total}"
        return f"{self.offset + 1}–{self.offset + self.shown} of {total}"


def export_links(kind: str, params: dict[str, str]) -> list[tuple[str, str]]:
    """(format, URL) of the export of every row the list holds, one per format."""
    return [(fmt, f"/api/export/{kind}?{query({**params, 'format': fmt})}") for fmt in FORMATS]
