"""The watch loop: poll the sources that are due, fetch what is new, ingest, repeat.

A round: poll the due sources (conditional GET; a sitemap index's children too),
collect the links nobody fetched yet (and the store's pending fetches), fetch them,
keep every response in the round's WARC files (`archive.py`), then run the whole
pipeline on those files into the store, then check the alerts. Every URL is marked in
the state file as soon as its response is on disk, so nothing is fetched twice; a
round cut short (SIGINT, SIGTERM, a crash) is ingested when the watcher starts again
(`recover`), and a pipeline run cut short resumes where it stopped. A source that is
down, slow, redirecting in circles or serving garbage is one failed poll in its state;
the others go on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from newsloom.options import Options
from newsloom.pipeline import Pipeline
from newsloom.record import RunCounts
from newsloom.store import Store
from newsloom.watch.archive import RoundArchive
from newsloom.watch.discover import Discovered, Link, discover, normalize_url, sniff_kind
from newsloom.watch.fetcher import Fetcher, FetchResult
from newsloom.watch.recorder import recorder_for
from newsloom.watch.sources import Source
from newsloom.watch.state import SourceState, WatchState, now

log = logging.getLogger(__name__)

PENDING_SOURCE = "store:pending"
# A failing source waits its interval times 2**errors, up to this factor.
MAX_BACKOFF_FACTOR = 16


class Stopped(Exception):
    """The watcher was asked to stop (SIGINT, SIGTERM)."""


@dataclass(slots=True, frozen=True)
class WatchOptions:
    archive: Path
    pipeline: Options = field(default_factory=Options)
    workers: int = 8
    max_links: int = 500  # links taken from one source in one poll
    max_sitemaps: int = 20  # child sitemaps read from one sitemap index
    fetch_pending: bool = True


@dataclass(slots=True)
class SourceCounts:
    status: str = "skipped"
    found: int = 0  # links and entries the source listed
    new: int = 0  # of them not fetched before
    fetched: int = 0
    failed: int = 0
    stored: int = 0  # articles stored, updated or merged from them

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in self.__slots__}


@dataclass(slots=True)
class RoundReport:
    round_id: int
    sources: dict[str, SourceCounts] = field(default_factory=dict)
    counts: RunCounts | None = None
    saved: list[str] = field(default_factory=list)  # ids stored, updated or merged
    alerts: int = 0
    stopped: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.round_id,
            "sources": {url: c.to_dict() for url, c in self.sources.items()},
            "counts": self.counts.to_dict() if self.counts else None,
            "alerts": self.alerts,
            "stopped": self.stopped,
        }


@dataclass(slots=True)
class _Poll:
    source: Source
    result: FetchResult
    kind: str | None = None
    documents: list[tuple[FetchResult, str]] = field(default_factory=list)
    found: Discovered | None = None


AlertHook = Callable[[Store, list[str], WatchState], int]


class Watcher:
    def __init__(
        self,
        sources: list[Source],
        store: Store,
        state: WatchState,
        fetcher: Fetcher,
        options: WatchOptions,
        *,
        pending: Callable[[], list[str]] | None = None,
        alerts: AlertHook | None = None,
    ) -> None:
        self.sources = sources
        self.store = store
        self.state = state
        self.fetcher = fetcher
        self.stop = fetcher.stop
        self.options = options
        self.pending = pending
        self.alerts = alerts
        self.recorder = recorder_for(store)
        self._validators: dict[str, tuple[str | None, str | None]] = {}
        self.pipeline = Pipeline(cast(Store, self.recorder), options.pipeline, resume=True)

    # -- rounds --

    def recover(self) -> list[RoundReport]:
        """Ingest the rounds an earlier process fetched but did not finish."""
        reports = []
        for round_id, files in self.state.unfinished_rounds():
            inputs = [f for f in files if Path(f).exists() and Path(f).stat().st_size]
            log.info("round %d was cut short: ingesting its %d files", round_id, len(inputs))
            report = RoundReport(round_id)
            self._ingest(report, inputs, {})
            reports.append(report)
        return reports

    def run_round(self, all_sources: bool = False) -> RoundReport:
        """One round over the due sources (every source with `all_sources`)."""
        round_id = self.state.start_round()
        report = RoundReport(round_id)
        archive = RoundArchive(self.options.archive, round_id)
        files = [str(archive.pages.path), str(archive.entries_path)]
        self.state.set_round(round_id, "fetching", files=files)
        origin: dict[str, str] = {}  # article URL -> source URL
        self._validators.clear()
        try:
            links = self._poll(report, archive, all_sources)
            by_label = {source.url: source for source in self.sources}
            self._fetch(report, archive, links, by_label, origin)
        finally:
            archive.close()
        if not self.stop.is_set():
            self._keep_validators()
        return self._finish_round(report, archive, origin)

    def fetch_urls(self, pages: list[Source]) -> RoundReport:
        """Fetch these article URLs (whether fetched before or not) and ingest them."""
        round_id = self.state.start_round()
        report = RoundReport(round_id)
        archive = RoundArchive(self.options.archive, round_id)
        files = [str(archive.pages.path), str(archive.entries_path)]
        self.state.set_round(round_id, "fetching", files=files)
        origin: dict[str, str] = {}
        links = [(Link(normalize_url(page.url) or page.url), page.url) for page in pages]
        for _, label in links:
            report.sources.setdefault(label, SourceCounts("fetch")).new += 1
        try:
            self._fetch(report, archive, links, {page.url: page for page in pages}, origin)
        finally:
            archive.close()
        return self._finish_round(report, archive, origin)

    def _finish_round(
        self, report: RoundReport, archive: RoundArchive, origin: dict[str, str]
    ) -> RoundReport:
        round_id = report.round_id
        if self.stop.is_set():
            self.state.set_round(round_id, "fetched")
            report.stopped = True
            return report
        self._ingest(report, archive.inputs(), origin)
        return report

    def run(self, once: bool = False, idle: float = 60.0) -> list[RoundReport]:
        """Rounds until stopped (one with `once`); reports of the rounds run."""
        reports = self.recover()
        while not self.stop.is_set():
            reports.append(self.run_round(all_sources=once))
            if once or self.stop.is_set():
                break
            self.stop.wait(self.seconds_until_due(idle))
        return reports

    def seconds_until_due(self, idle: float = 60.0) -> float:
        """How long until a source is due (at most `idle`, at least half a second)."""
        nows = time.time()
        waits = [self.state.source(s.url).next_poll - nows for s in self.sources]
        return max(0.5, min([idle, *waits]))

    # -- polling --

    def _poll(
        self, report: RoundReport, archive: RoundArchive, all_sources: bool
    ) -> list[tuple[Link, str]]:
        """Poll the due sources; the new links to fetch, each with its source's URL."""
        due = [
            s
            for s in self.sources
            if all_sources or self.state.source(s.url).next_poll <= time.time()
        ]
        links: dict[str, tuple[Link, Source | None]] = {}
        with ThreadPoolExecutor(max(1, self.options.workers)) as pool:
            futures = [pool.submit(self._poll_one, source) for source in due]
            for future in as_completed(futures):
                poll = future.result()
                for link in self._record_poll(report, archive, poll):
                    links.setdefault(link.url, (link, poll.source))
        by_url = {source.url: source for source in self.sources}
        for url, label in self.state.retryable():
            links.setdefault(url, (Link(url), by_url.get(label)))
        if self.pending is not None and self.options.fetch_pending and not self.stop.is_set():
            for url in self.pending():
                normal = normalize_url(url)
                if normal:
                    links.setdefault(normal, (Link(normal), None))
        fresh: list[tuple[Link, str]] = []
        for url, (link, source) in links.items():
            label = source.url if source else PENDING_SOURCE
            if not self.state.should_fetch(url):
                continue
            counts = report.sources.setdefault(label, SourceCounts("polled"))
            counts.new += 1
            if link.document is not None:
                archive.add_entry(link.document)
                self.state.mark(url, label, report.round_id, "entry")
                continue
            fresh.append((link, label))
        return fresh

    def _poll_one(self, source: Source) -> _Poll:
        state = self.state_snapshot(source.url)
        private = (source.host,) if source.allow_private else ()
        result = self.fetcher.fetch(
            source.url,
            private_hosts=private,
            etag=state.etag,
            last_modified=state.last_modified,
        )
        poll = _Poll(source, result)
        if not result.ok:
            return poll
        kind = source.kind or sniff_kind(result.header("content-type") or "", result.body)
        poll.kind = kind
        if kind is None:
            return poll
        poll.documents.append((result, kind))
        found = discover(kind, result.final_url or source.url, result.body)
        for child in found.sitemaps[: self.options.max_sitemaps]:
            sub = self.fetcher.fetch(child, private_hosts=private)
            if sub.ok:
                poll.documents.append((sub, "sitemap"))
                found.links.extend(discover("sitemap", child, sub.body).links)
        found.links = found.links[: self.options.max_links]
        poll.found = found
        return poll

    def state_snapshot(self, url: str) -> SourceState:
        # sqlite3 connections are not shared across threads: read on a fresh one
        snapshot = WatchState(self.state.path)
        try:
            return snapshot.source(url)
        finally:
            snapshot.close()

    def _record_poll(self, report: RoundReport, archive: RoundArchive, poll: _Poll) -> list[Link]:
        source, result = poll.source, poll.result
        state = self.state.source(source.url)
        counts = report.sources.setdefault(source.url, SourceCounts())
        state.name, state.polls, state.last_poll = source.label, state.polls + 1, now()
        state.last_status = result.status
        for document, kind in poll.documents:
            archive.add_source(document, kind, source.url)
        if result.not_modified:
            counts.status = "not_modified"
        elif result.ok and poll.found is not None:
            counts.status = "ok"
            # kept once this round's links are fetched (`_keep_validators`): a round cut
            # short must not leave a 304 hiding the links it did not fetch
            self._validators[source.url] = (result.header("etag"), result.header("last-modified"))
            state.kind = poll.kind
            counts.found = len(poll.found.links)
            state.found += counts.found
        else:
            error = result.error or "unknown_kind"
            counts.status = f"failed:{error}"
            state.errors += 1
            state.last_error = f"{error}: {result.message}"[:500]
        if counts.status in ("ok", "not_modified"):
            state.errors, state.last_error = 0, None
        factor = min(2**state.errors, MAX_BACKOFF_FACTOR) if state.errors else 1
        state.next_poll = time.time() + source.seconds * factor
        self.state.save_source(state)
        return poll.found.links if poll.found is not None and counts.status == "ok" else []

    # -- fetching --

    def _fetch(
        self,
        report: RoundReport,
        archive: RoundArchive,
        links: list[tuple[Link, str]],
        by_label: dict[str, Source],
        origin: dict[str, str],
    ) -> None:
        pool = ThreadPoolExecutor(max(1, self.options.workers))
        futures: dict[Future[FetchResult], tuple[str, str]] = {}
        try:
            for link, label in links:
                source = by_label.get(label)
                private: tuple[str, ...]
                if source is not None:
                    private = (source.host,) if source.allow_private else ()
                else:  # the store's pending fetches: hosts some source allows
                    private = tuple(s.host for s in self.sources if s.allow_private)
                future = pool.submit(self.fetcher.fetch, link.url, private_hosts=private)
                futures[future] = (link.url, label)
            for future in as_completed(futures):
                url, label = futures[future]
                self._record_fetch(report, archive, url, label, future.result(), origin)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _record_fetch(
        self,
        report: RoundReport,
        archive: RoundArchive,
        url: str,
        label: str,
        result: FetchResult,
        origin: dict[str, str],
    ) -> None:
        counts = report.sources.setdefault(label, SourceCounts("polled"))
        if result.error == "stopped":
            return  # not fetched: a later round tries it
        if result.ok:
            archive.add_page(result, label)
            self.state.mark(url, label, report.round_id, "fetched")
            origin[url] = origin[result.final_url or url] = label
            counts.fetched += 1
        else:
            log.info("fetching %s failed: %s %s", url, result.error, result.message)
            self.state.mark(url, label, report.round_id, f"failed:{result.error}")
            counts.failed += 1
        self._count_source(label, ok=result.ok)

    def _keep_validators(self) -> None:
        for url, (etag, last_modified) in self._validators.items():
            state = self.state.source(url)
            state.etag, state.last_modified = etag, last_modified
            self.state.save_source(state)
        self._validators.clear()

    def _count_source(self, label: str, ok: bool) -> None:
        if label not in {source.url for source in self.sources}:
            return  # the store's pending fetches, or `fetch`'s URLs
        state = self.state.source(label)
        if ok:
            state.fetched += 1
        else:
            state.failed += 1
        self.state.save_source(state)

    # -- ingesting --

    def _ingest(self, report: RoundReport, inputs: Iterable[str], origin: dict[str, str]) -> None:
        inputs = list(inputs)
        self.recorder.begin()

        def check(_: RunCounts) -> None:
            if self.stop.is_set():
                raise Stopped

        try:
            if inputs:
                report.counts = self.pipeline.ingest(inputs, progress=check).counts
        except Stopped:
            report.stopped = True
            return
        saved = [(i, url) for i, url, outcome in self.recorder.saved if outcome != "unchanged"]
        report.saved = [article_id for article_id, _ in saved]
        for _, url in saved:
            label = origin.get(url) or origin.get(normalize_url(url) or "")
            if label:
                report.sources.setdefault(label, SourceCounts("polled")).stored += 1
        counts = report.counts.to_dict() if report.counts else {}
        self.state.set_round(report.round_id, "ingested", counts=counts)
        if self.alerts is not None and report.saved:
            report.alerts = self.alerts(self.store, report.saved, self.state)
