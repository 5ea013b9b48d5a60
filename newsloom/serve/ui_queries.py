"""Read-only questions the UI pages ask, answered with the public `Store` methods only."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from newsloom.record import Article
from newsloom.store.base import ArticleSummary, SearchHit, Store

# Bounds that keep every page cheap on a large store.
DAY_SCAN_LIMIT = 5000
DAY_SCAN_PAGE = 500
SEARCH_SCAN_LIMIT = 200
PLACE_TYPES = ("GPE", "LOC", "FAC")


def day_of(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    return (value.date() if isinstance(value, dt.datetime) else value).isoformat()


def articles_per_day(store: Store, days: int = 60) -> list[tuple[str, int]]:
    """(day, articles) for the most recent `days` days that have articles, oldest first."""
    counts: Counter[str] = Counter()
    cursor: str | None = None
    seen = 0
    while seen < DAY_SCAN_LIMIT:
        page = store.list_articles(limit=DAY_SCAN_PAGE, cursor=cursor)
        for summary in page.items:
            day = day_of(summary.published)
            if day is not None:
                counts[day] += 1
        seen += len(page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    return sorted(counts.items())[-days:]


@dataclass(slots=True)
class SearchFilters:
    q: str = ""
    source: str = ""
    language: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    entity: str = ""

    def active(self) -> bool:
        return bool(
            self.q or self.source or self.language or self.since or self.until or self.entity
        )

    def url(self, **changes: str) -> str:
        """The /search URL for these filters with `changes` applied ("" drops a filter)."""
        values = {
            "q": self.q,
            "source": self.source,
            "language": self.language,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            "entity": self.entity,
            **changes,
        }
        return "/search?" + urlencode({k: v for k, v in values.items() if v})


@dataclass(slots=True)
class SearchResult:
    article: Article
    snippet: str | None  # with the store's [ ] markers; None for a listing without a query
    score: float | None


@dataclass(slots=True)
class Facets:
    sources: list[tuple[str, int]] = field(default_factory=list)
    languages: list[tuple[str, int]] = field(default_factory=list)
    months: list[tuple[str, int]] = field(default_factory=list)
    entities: list[tuple[str, str, int]] = field(default_factory=list)  # id, name, count
    places: list[tuple[str, str, int]] = field(default_factory=list)
    first_day: str | None = None
    last_day: str | None = None


def search(
    store: Store, filters: SearchFilters, limit: int = 50
) -> tuple[list[SearchResult], Facets]:
    """Matches for the query (or the newest articles when there is none), filtered.

    Facets count over every match before the source, language, date and entity filters,
    so each facet value shows how many results choosing it would give.
    """
    candidates = _candidates(store, filters)
    facets = _facets([result.article for result in candidates])
    kept = [result for result in candidates if _passes(result.article, filters)]
    return kept[:limit], facets


def _candidates(store: Store, filters: SearchFilters) -> list[SearchResult]:
    if filters.q.strip():
        hits: list[SearchHit] = store.search(filters.q, limit=SEARCH_SCAN_LIMIT)
        results = []
        for hit in hits:
            article = store.get(hit.id)
            if article is not None:
                results.append(SearchResult(article, hit.snippet, hit.score))
        return results
    page = store.list_articles(limit=SEARCH_SCAN_LIMIT)
    summaries: list[ArticleSummary] = page.items
    found = (store.get(summary.id) for summary in summaries)
    return [SearchResult(article, None, None) for article in found if article is not None]


def _passes(article: Article, filters: SearchFilters) -> bool:
    if filters.source and article.source != filters.source:
        return False
    if filters.language and article.language != filters.language:
        return False
    day = day_of(article.published)
    if filters.since and (day is None or day < filters.since.isoformat()):
        return False
    if filters.until and (day is None or day > filters.until.isoformat()):
        return False
    if filters.entity:
        wanted = filters.entity.casefold()
        if not any(
            e.id.casefold() == wanted or e.name.casefold() == wanted for e in article.entities
        ):
            return False
    return True


def _facets(articles: list[Article]) -> Facets:
    sources: Counter[str] = Counter(a.source for a in articles if a.source)
    languages: Counter[str] = Counter(a.language for a in articles if a.language)
    days = sorted(d for d in (day_of(a.published) for a in articles) if d)
    months: Counter[str] = Counter(d[:7] for d in days)
    entity_counts: Counter[str] = Counter()
    place_counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for article in articles:
        for entity in article.entities:
            names.setdefault(entity.id, entity.name)
            target = place_counts if entity.type in PLACE_TYPES else entity_counts
            target[entity.id] += 1
    return Facets(
        sources=sources.most_common(10),
        languages=languages.most_common(10),
        months=sorted(months.items()),
        entities=[(i, names[i], n) for i, n in entity_counts.most_common(10)],
        places=[(i, names[i], n) for i, n in place_counts.most_common(10)],
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
    )


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
