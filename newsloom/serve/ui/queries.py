"""Read-only questions the UI pages ask, answered with the public `Store` methods only."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from newsloom.serve.ui.render import publisher
from newsloom.store.base import Store
from newsloom.store.records import ArticleFilter, SearchFacets

# Bounds that keep every page cheap on a large store.
SEARCH_PAGE = 20
MAX_SEARCH_PAGES = 50
# Matches the search page's facets count (the most recently stored ones).
FACET_SAMPLE = 1000
SEARCH_SCAN_LIMIT = 200
# Calendar days a per-day chart spans, ending at its latest day.
CHART_DAYS = 90


def day_of(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    return (value.date() if isinstance(value, dt.datetime) else value).isoformat()


@dataclass(slots=True, frozen=True)
class DayAxis:
    """A chart's day axis: one row per calendar day from `first` to `last` (empty days
    are 0), and the days with articles left before `first`."""

    rows: list[tuple[str, int]]
    first: str | None
    last: str | None
    earlier: int


def day_axis(counts: list[tuple[str, int]], days: int = CHART_DAYS) -> DayAxis:
    """Every calendar day of the `days` ending at the latest day in `counts` (or from the
    earliest, when they span less), empty days 0, so that the chart's category axis is a
    true time axis: 2008 and 2019 are never side by side. Unparsable days are skipped."""
    parsed: dict[dt.date, int] = {}
    for day, n in counts:
        try:
            parsed[dt.date.fromisoformat(day)] = parsed.get(dt.date.fromisoformat(day), 0) + n
        except ValueError:
            continue
    if not parsed:
        return DayAxis([], None, None, 0)
    last = max(parsed)
    first = max(min(parsed), last - dt.timedelta(days=days - 1))
    rows = [
        ((first + dt.timedelta(days=n)).isoformat(), parsed.get(first + dt.timedelta(days=n), 0))
        for n in range((last - first).days + 1)
    ]
    earlier = sum(n for day, n in parsed.items() if day < first)
    return DayAxis(rows, first.isoformat(), last.isoformat(), earlier)


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
            entity=self.entity or None,
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
                publisher(h.source, None, h.url),
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
