"""Export any filtered list (issue 11): every matching row of articles, search results,
events, quotes, entities or places as CSV, JSONL or Parquet, streamed.

Rows come from the store's own paged queries, `BATCH` at a time, and are encoded as they
come, so memory stays flat however many rows match; the API (`/api/export/{kind}`) and
the CLI (`newsloom export KIND`) share this module. Each row of a fact carries its
evidence: the article's id, URL, source and publication date and the character span of
the fact in the article text. Event columns follow ACLED's where they mean the same
(event_date, event_type, sub_event_type, actor1, actor2, location, latitude, longitude,
fatalities, source, notes), then newsloom's own. Entities and places are rows over the
corpus (their articles are counted, not cited).

Facts an analyst rejected are left out, as the lists leave them out, unless the filters
include them (`include_rejected`). Each quote and event row ends with its `review` (the
verdict: confirmed, rejected or corrected; empty when unreviewed) and `review_value` (the
corrected value, JSON). The reviews themselves export as rows of their own
(`review_rows`): evaluation data.

CSV cells that a spreadsheet would run as formulas are defused with a leading `'`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from newsloom.record import EventActor
from newsloom.store.base import Store
from newsloom.store.records import (
    ArticleFilter,
    EventFilter,
    EventRecord,
    PlaceFilter,
    PlaceSummary,
)
from newsloom.store.sql.analyst import QuoteFilter, QuoteHit
from newsloom.store.sql.reviews import Review

Format = Literal["csv", "jsonl", "parquet"]
FORMATS: tuple[Format, ...] = ("csv", "jsonl", "parquet")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
# Rows read from the store per query, and written per Parquet row group.
BATCH = 500
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, Any]
# (column, Arrow type) in order.
Columns = tuple[tuple[str, pa.DataType], ...]

_S, _I, _F = pa.string(), pa.int64(), pa.float64()

EVIDENCE: Columns = (
    ("article_id", _S),
    ("url", _S),
    ("article_source", _S),
    ("published", _S),
    ("start", _I),
    ("end", _I),
)

ARTICLE_COLUMNS: Columns = (
    ("article_id", _S),
    ("url", _S),
    ("title", _S),
    ("source", _S),
    ("site", _S),
    ("language", _S),
    ("published", _S),
)
SEARCH_COLUMNS: Columns = (
    ("rank", _I),
    ("score", _F),
    *ARTICLE_COLUMNS,
    ("snippet", _S),
)
# What an analyst said of a fact row (`with_reviews`).
REVIEW_CELLS: Columns = (("review", _S), ("review_value", _S))
EVENT_COLUMNS: Columns = (
    ("event_date", _S),
    ("event_type", _S),
    ("sub_event_type", _S),
    ("actor1", _S),
    ("actor2", _S),
    ("location", _S),
    ("latitude", _F),
    ("longitude", _F),
    ("fatalities", _I),
    ("source", _S),
    ("notes", _S),
    ("injured", _I),
    ("mode", _S),
    ("claimed_by", _S),
    ("actor1_entity", _S),
    ("actor2_entity", _S),
    ("place_id", _S),
    ("date_value", _S),
    ("trigger", _S),
    ("trigger_start", _I),
    ("trigger_end", _I),
    ("confidence", _F),
    *EVIDENCE,
    *REVIEW_CELLS,
)
QUOTE_COLUMNS: Columns = (
    ("text", _S),
    ("kind", _S),
    ("speaker", _S),
    ("speaker_id", _S),
    ("cue", _S),
    ("date", _S),
    ("confidence", _F),
    *EVIDENCE,
    *REVIEW_CELLS,
)
ENTITY_COLUMNS: Columns = (
    ("entity_id", _S),
    ("name", _S),
    ("type", _S),
    ("aliases", _S),
    ("articles", _I),
    ("mentions", _I),
)
PLACE_COLUMNS: Columns = (
    ("entity_id", _S),
    ("name", _S),
    ("kind", _S),
    ("country", _S),
    ("latitude", _F),
    ("longitude", _F),
    ("geonames_id", _I),
    ("articles", _I),
)
# A review as evaluation data: which fact (article, kind, span: an event's trigger), the
# verdict, the corrected value (JSON), the comment, who and when.
REVIEW_COLUMNS: Columns = (
    ("article_id", _S),
    ("kind", _S),
    ("start", _I),
    ("end", _I),
    ("verdict", _S),
    ("value", _S),
    ("comment", _S),
    ("reviewer", _S),
    ("created", _S),
)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _paged(fetch: Callable[[int, int], list[Any]]) -> Iterator[Any]:
    """Every item of an offset-paged query, `BATCH` at a time."""
    offset = 0
    while True:
        page = fetch(BATCH, offset)
        yield from page
        if len(page) < BATCH:
            return
        offset += BATCH


# -- rows of each kind ----------------------------------------------------------------


def article_rows(store: Store, filters: ArticleFilter) -> Iterator[Row]:
    cursor: str | None = None
    while True:
        page = store.list_articles(limit=BATCH, cursor=cursor, filters=filters)
        for a in page.items:
            yield {
                "article_id": a.id,
                "url": a.url,
                "title": a.title,
                "source": a.source,
                "site": a.site,
                "language": a.language,
                "published": _iso(a.published),
            }
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def search_rows(store: Store, query: str, filters: ArticleFilter) -> Iterator[Row]:
    hits = _paged(lambda n, skip: store.search(query, limit=n, offset=skip, filters=filters))
    for rank, hit in enumerate(hits, 1):
        yield {
            "rank": rank,
            "score": hit.score,
            "article_id": hit.id,
            "url": hit.url,
            "title": hit.title,
            "source": hit.source,
            "site": hit.site,
            "language": hit.language,
            "published": _iso(hit.published),
            "snippet": hit.snippet,
        }


def _actor(actor: EventActor | None) -> str | None:
    return actor.text if actor else None


def event_row(record: EventRecord) -> Row:
    event = record.event
    return {
        "event_date": record.day or event.date,
        "event_type": event.type,
        # newsloom has no finer taxonomy than PLOVER's: the word that named the event.
        "sub_event_type": event.trigger.lower(),
        "actor1": _actor(event.source),
        "actor2": _actor(event.target),
        "location": record.place_name,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "fatalities": event.fatalities,
        "source": record.source,
        "notes": " ".join(record.sentence.split()),
        "injured": event.injured,
        "mode": event.mode,
        "claimed_by": _actor(event.claimed_by),
        "actor1_entity": event.source.entity_id if event.source else None,
        "actor2_entity": event.target.entity_id if event.target else None,
        "place_id": event.place_id,
        "date_value": event.date,
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "confidence": round(event.confidence, 3),
        "article_id": record.article_id,
        "url": record.url,
        "article_source": record.source,
        "published": _iso(record.published),
        "start": event.start,
        "end": event.end,
    }


def event_rows(store: Store, filters: EventFilter) -> Iterator[Row]:
    records = _paged(lambda n, skip: store.events(filters, limit=n, offset=skip))
    rows = (event_row(record) for record in records)
    # An event's review names its trigger (`reviews.fact_span`).
    return with_reviews(store, "event", rows, ("trigger_start", "trigger_end"))


def quote_row(hit: QuoteHit) -> Row:
    quote, article = hit.record.quote, hit.record.article
    return {
        "text": quote.text,
        "kind": quote.kind,
        "speaker": quote.speaker,
        "speaker_id": quote.speaker_id,
        "cue": quote.cue,
        "date": quote.date,
        "confidence": round(quote.confidence, 3),
        "article_id": article.id,
        "url": article.url,
        "article_source": hit.source,
        "published": _iso(article.published),
        "start": quote.start,
        "end": quote.end,
    }


def quote_rows(store: Store, filters: QuoteFilter) -> Iterator[Row]:
    hits = _paged(lambda n, skip: store.find_quotes(filters, limit=n, offset=skip))
    return with_reviews(store, "quote", (quote_row(hit) for hit in hits), ("start", "end"))


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def with_reviews(
    store: Store, kind: str, rows: Iterable[Row], span: tuple[str, str]
) -> Iterator[Row]:
    """The fact rows of `kind` with their `review` and `review_value` cells, the reviews
    of a batch of rows read at once (a row's fact: its article and the `span` columns)."""
    first, last = span
    for batch in _batches(rows):
        found = store.reviews_for([row["article_id"] for row in batch], kind)
        reviews = {(r.article_id, r.start, r.end): r for r in found}
        for row in batch:
            review = reviews.get((row["article_id"], row[first], row[last]))
            row["review"] = review.verdict if review else None
            row["review_value"] = _json(review.value) if review else None
            yield row


def entity_rows(store: Store, type: str | None, include_rejected: bool = False) -> Iterator[Row]:
    def page(n: int, skip: int) -> list[Any]:
        return store.entities(type, n, skip, include_rejected)

    for e in _paged(page):
        yield {
            "entity_id": e.id,
            "name": e.name,
            "type": e.type,
            "aliases": json.dumps(e.aliases, ensure_ascii=False),
            "articles": e.article_count,
            "mentions": e.mention_count,
        }


def place_row(place: PlaceSummary) -> Row:
    return {
        "entity_id": place.entity_id,
        "name": place.name,
        "kind": place.kind,
        "country": place.country,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geonames_id": place.geonames_id,
        "articles": place.articles,
    }


def place_rows(store: Store, filters: PlaceFilter) -> Iterator[Row]:
    for place in _paged(lambda n, skip: store.places(filters, limit=n, offset=skip)):
        yield place_row(place)


def review_row(review: Review) -> Row:
    return {**review.to_dict(), "value": _json(review.value)}


def review_rows(store: Store, kind: str | None, verdict: str | None) -> Iterator[Row]:
    """Every review (of this kind of fact, with this verdict), newest first."""
    reviews = _paged(lambda n, skip: store.reviews(None, kind, verdict, limit=n, offset=skip))
    return (review_row(review) for review in reviews)


# -- encoding ---------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Export:
    """What one export writes: its kind (the file's name), columns and rows."""

    kind: str
    columns: Columns
    rows: Iterable[Row]

    def filename(self, fmt: Format) -> str:
        return f"{self.kind}.{fmt}"


def safe_cell(value: object) -> str:
    """The cell's text, quoted with a leading `'` when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _batches(rows: Iterable[Row]) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def encode_csv(export: Export) -> Iterator[bytes]:
    names = [name for name, _ in export.columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for batch in _batches(export.rows):
        writer.writerows([safe_cell(row.get(name)) for name in names] for row in batch)
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def encode_jsonl(export: Export) -> Iterator[bytes]:
    names = [name for name, _ in export.columns]
    for batch in _batches(export.rows):
        lines = (
            json.dumps({name: row.get(name) for name in names}, ensure_ascii=False) + "\n"
            for row in batch
        )
        yield "".join(lines).encode("utf-8")


class _Chunks(io.RawIOBase):
    """A write-only stream that hands its bytes out as it gets them (counting them all,
    which a Parquet writer asks through `tell`)."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.chunks.append(chunk)
        self.written += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self.written

    def take(self) -> bytes:
        out = b"".join(self.chunks)
        self.chunks.clear()
        return out


def encode_parquet(export: Export) -> Iterator[bytes]:
    schema = pa.schema(export.columns)
    sink = _Chunks()
    with pq.ParquetWriter(sink, schema) as writer:
        for batch in _batches(export.rows):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            yield sink.take()
    yield sink.take()


ENCODERS: dict[str, Callable[[Export], Iterator[bytes]]] = {
    "csv": encode_csv,
    "jsonl": encode_jsonl,
    "parquet": encode_parquet,
}


def encode(export: Export, fmt: Format) -> Iterator[bytes]:
    """The export's bytes in `fmt`, a batch of rows at a time."""
    return ENCODERS[fmt](export)
