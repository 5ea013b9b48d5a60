"""Read-only questions the UI pages ask, answered with the public `Store` methods only."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from newsloom.serve.api.paging import TOTAL_CAP
from newsloom.serve.ui.lists import PAGE_SIZE
from newsloom.serve.ui.render import publisher
from newsloom.store.base import Store
from newsloom.store.records import ArticleFilter, SearchFacets

# Bounds that keep every page cheap on a large store.
# One page size for every list of the UI (ui/lists.PAGE_SIZE, the API's default limit);
# search pages go as deep as the API counts (paging.TOTAL_CAP results).
SEARCH_PAGE = PAGE_SIZE
MAX_SEARCH_PAGES = TOTAL_CAP // SEARCH_PAGE
# Matches the search page's facets count (the most recently stored ones).
FACET_SAMPLE = 1000
SEARCH_SCAN_LIMIT = 200
# Bars a time chart draws at most: one per day while the span fits, else one per month,
# else one per year (or per run of years); every bucket of the span is drawn, empty ones 0.
CHART_BARS = 120
# Distinct days the dashboard reads for its chart (a century of daily counts).
CHART_DAYS = 36_600


def day_of(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    return (value.date() if isinstance(value, dt.datetime) else value).isoformat()


@dataclass(slots=True, frozen=True)
class TimeAxis:
    """A chart's time axis: one row per bucket (`unit`: day, month or year) from the
    first counted day to the last, empty buckets 0, so that bars stand where their time
    is (2008 and 2019 never side by side); `undated` counts what had no readable day."""

    rows: list[tuple[str, int]]
    unit: str
    first: str | None
    last: str | None
    undated: int = 0

    @property
    def counted(self) -> int:
        return sum(n for _, n in self.rows)


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def time_axis(counts: Iterable[tuple[str | None, int]], bars: int = CHART_BARS) -> TimeAxis:
    """The time axis of (YYYY-MM-DD day, count) pairs over their whole span: days when
    the span has at most `bars` days, else months when it has at most `bars` months,
    else years (grouped in runs of years when even those are more than `bars`)."""
    parsed: Counter[dt.date] = Counter()
    undated = 0
    for text, n in counts:
        try:
            parsed[dt.date.fromisoformat(text or "")] += n
        except ValueError:
            undated += n
    if not parsed:
        return TimeAxis([], "day", None, None, undated)
    first, last = min(parsed), max(parsed)
    if (last - first).days < bars:
        rows = [
            ((first + dt.timedelta(days=k)).isoformat(), parsed[first + dt.timedelta(days=k)])
            for k in range((last - first).days + 1)
        ]
        return TimeAxis(rows, "day", first.isoformat(), last.isoformat(), undated)
    if _month_index(last) - _month_index(first) < bars:
        months: Counter[int] = Counter()
        for day, n in parsed.items():
            months[_month_index(day)] += n
        rows = [
            (f"{m // 12:04d}-{m % 12 + 1:02d}", months[m])
            for m in range(_month_index(first), _month_index(last) + 1)
        ]
        return TimeAxis(rows, "month", rows[0][0], rows[-1][0], undated)
    step = -(-(last.year - first.year + 1) // bars)  # years per bar
    years: Counter[int] = Counter()
    for day, n in parsed.items():
        years[first.year + (day.year - first.year) // step * step] += n
    rows = [
        (f"{y:04d}" if step == 1 else f"{y:04d}–{y + step - 1:04d}", years[y])
        for y in range(first.year, last.year + 1, step)
    ]
    return TimeAxis(rows, "year", rows[0][0], rows[-1][0], undated)


@dataclass(slots=True)
class SearchFilters:
    q: str = ""
    source: str = ""
    language: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    entity: str = ""
    place: str = ""
    event_type: str = ""
    # The entity `entity` was taken for (a short name finds the main one); "" for none.
    entity_id: str = ""

    def active(self) -> bool:
        return bool(
            self.q
            or self.source
            or self.language
            or self.since
            or self.until
            or self.entity
            or self.place
            or self.event_type
        )

    def params(self) -> dict[str, str]:
        """The filters as query parameters (empty ones left out)."""
        values = {
            "q": self.q,
            "source": self.source,
            "language": self.language,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            "entity": self.entity,
            "place": self.place,
            "event_type": self.event_type,
        }
        return {k: v for k, v in values.items() if v}

    def url(self, **changes: str) -> str:
        """The /search URL for these filters with `changes` applied ("" drops a filter)."""
        values = {
            "q": self.q,
            "source": self.source,
            "language": self.language,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            "entity": self.entity,
            "place": self.place,
            "event_type": self.event_type,
            **changes,
        }
        return "/search?" + urlencode({k: v for k, v in values.items() if v})

    def store_filter(self) -> ArticleFilter:
        return ArticleFilter(
            source=self.source or None,
            language=self.language or None,
            since=self.since,
            until=self.until,
            entity=self.entity_id or self.entity or None,
            place=self.place or None,
            event_type=self.event_type or None,
        )


@dataclass(slots=True)
class SearchResult:
    """One row of the results list: a search hit, or an article of a plain listing."""

    id: str
    title: str | None
    published: dt.date | dt.datetime | None
    source: str | None
    language: str | None
    snippet: str | None = None  # None for a listing without a query
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class SearchPage:
    results: list[SearchResult]
    facets: SearchFacets
    number: int  # 1-based
    has_next: bool


def search(
    store: Store, filters: SearchFilters, page: int = 1, per_page: int = SEARCH_PAGE
) -> SearchPage:
    """One page of matches for the query (the newest articles when there is none), filtered.

    Facets count a sample of every match before the filters, so each facet value
    shows roughly how many results choosing it would give.
    """
    number = min(max(page, 1), MAX_SEARCH_PAGES)
    skip = (number - 1) * per_page
    facets = store.search_facets(filters.q, scan=FACET_SAMPLE)
    chosen = filters.store_filter()
    if filters.q.strip():
        hits = store.search(filters.q, limit=per_page + 1, offset=skip, filters=chosen)
        results = [
            SearchResult(
                h.id,
                h.title,
                h.published,
                publisher(h.source, h.site, h.url),
                h.language,
                h.snippet,
                h.highlights,
            )
            for h in hits
        ]
    else:
        listed = store.list_articles(limit=skip + per_page + 1, filters=chosen).items[skip:]
        results = [
            SearchResult(a.id, a.title, a.published, publisher(a.source, a.site, a.url), a.language)
            for a in listed
        ]
    return SearchPage(results[:per_page], facets, number, len(results) > per_page)


def mentions_per_day(store: Store, entity_id: str, article_ids: list[str]) -> list[tuple[str, int]]:
    """(day, mentions of the entity that day), oldest first, over its articles (bounded)."""
    counts: Counter[str] = Counter()
    for article_id in article_ids[:SEARCH_SCAN_LIMIT]:
        article = store.get(article_id)
        day = day_of(article.published) if article else None
        if article is None or day is None:
            continue
        counts[day] += sum(len(e.mentions) for e in article.entities if e.id == entity_id)
    return sorted(counts.items())
