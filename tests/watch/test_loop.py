"""`Watcher` rounds against a local site of invented articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from newsloom.options import Options
from newsloom.store import Store, open_store
from newsloom.watch.alerts import check_alerts, load_alerts
from newsloom.watch.fetcher import Fetcher, FetchOptions
from newsloom.watch.loop import Watcher, WatchOptions
from newsloom.watch.sources import Source
from newsloom.watch.state import WatchState
from tests.watch.site import NewsSite, Reply, Site

FEEDS = {"/world.xml": range(0, 15), "/city.xml": range(15, 30), "/sport.xml": range(30, 40)}
SITEMAP = ("/news-sitemap.xml", range(0, 50))  # lists every article, the feeds' ones too


@pytest.fixture
def news(site: Site) -> NewsSite:
    news = NewsSite(site)
    for n in range(50):
        news.add_article(n)
    for path, numbers in FEEDS.items():
        news.feed(path, list(numbers))
    news.sitemap(SITEMAP[0], list(SITEMAP[1]))
    return news


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "news.db") as opened:
        yield opened


def sources_of(site: Site) -> list[Source]:
    paths = [*FEEDS, SITEMAP[0]]
    return [Source(url=site.base + path, allow_private=True) for path in paths]


def make_watcher(
    sources: list[Source], store: Store, tmp_path: Path, **kwargs: object
) -> tuple[Watcher, WatchState]:
    state = WatchState(tmp_path / "news.db.watch.sqlite")
    fetcher = Fetcher(FetchOptions(host_delay=0.0, backoff=0.0, retries=1, total_timeout=5.0))
    options = WatchOptions(tmp_path / "archive", Options(enrich=False), workers=4)
    return Watcher(sources, store, state, fetcher, options, **kwargs), state  # type: ignore[arg-type]


def article_requests(site: Site) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in site.paths():
        if path.startswith("/news/story-"):
            counts[path] = counts.get(path, 0) + 1
    return counts


def archived_urls(folder: Path) -> list[str]:
    urls = []
    for path in sorted(folder.glob("*-pages.warc.gz")):
        with open(path, "rb") as file:
            for record in ArchiveIterator(file):
                if record.rec_type == "response":
                    urls.append(record.rec_headers.get_header("WARC-Target-URI"))
    return urls


def test_one_round_ingests_each_of_50_articles_once_and_the_next_adds_5(
    site: Site, news: NewsSite, store: Store, tmp_path: Path
) -> None:
    watcher, state = make_watcher(sources_of(site), store, tmp_path)
    first = watcher.run_round(all_sources=True)
    assert store.count_articles() == 50
    assert first.counts is not None and first.counts.stored == 50
    assert article_requests(site) == {news.article_path(n): 1 for n in range(50)}
    assert len(archived_urls(tmp_path / "archive")) == 50
    assert {c.status for c in first.sources.values()} == {"ok"}
    # tracking parameters are gone from what was stored
    assert all("utm_" not in (a.url or "") for a in store.iter_articles())

    for n in range(50, 55):
        news.add_article(n)
    news.feed("/world.xml", [*FEEDS["/world.xml"], 50, 51, 52])
    news.sitemap(SITEMAP[0], [*SITEMAP[1], 50, 51, 52, 53, 54])
    second = watcher.run_round(all_sources=True)
    assert store.count_articles() == 55
    assert second.counts is not None and second.counts.stored == 5
    assert article_requests(site) == {news.article_path(n): 1 for n in range(55)}
    # unchanged feeds were answered 304 to the validators kept from the first round
    assert second.sources[site.base + "/city.xml"].status == "not_modified"
    assert state.source(site.base + "/city.xml").polls == 2
    assert len(archived_urls(tmp_path / "archive")) == 55


def test_a_hostile_feed_cannot_reach_other_private_hosts(
    site: Site, news: NewsSite, store: Store, tmp_path: Path
) -> None:
    """The feed's own host may be private (allow_private); what it links to may not."""
    port = site.base.rsplit(":", 1)[1]
    site.static("/secret", b"<html>internal</html>", "text/html")

    def resolver(host: str, port_: int) -> list[str]:
        assert host == "news.test", host  # no other name is ever resolved
        return ["127.0.0.1"]

    links = [f"http://127.0.0.1:{port}/secret", "http://169.254.169.254/latest/meta-data/"]
    items = "".join(
        f"<item><title>t{i}</title><link>{u}</link></item>" for i, u in enumerate(links)
    )
    rss = f"<rss version='2.0'><channel><title>x</title>{items}</channel></rss>"
    site.static("/hostile.xml", rss.encode(), "application/rss+xml")
    source = Source(url=f"http://news.test:{port}/hostile.xml", allow_private=True)
    state = WatchState(tmp_path / "state.sqlite")
    fetcher = Fetcher(FetchOptions(host_delay=0.0, retries=0), resolver=resolver)
    options = WatchOptions(tmp_path / "archive", Options(enrich=False))
    watcher = Watcher([source], store, state, fetcher, options)
    report = watcher.run_round(all_sources=True)
    assert report.sources[source.url].failed == 2
    assert site.requests("/secret") == 0
    assert "169.254.169.254" not in fetcher.attempted
    assert state.should_fetch(links[0]) is False  # refused for good, not tried again


def test_a_bad_source_costs_only_itself(
    site: Site, news: NewsSite, store: Store, tmp_path: Path
) -> None:
    site.routes["/loop.xml"] = lambda request: Reply(302, {"Location": "/loop.xml"})
    site.static("/garbage.xml", b"\x00\x01 not a feed \xff" * 50, "application/octet-stream")
    site.routes["/down.xml"] = lambda request: Reply(503, {}, b"")
    bad = [
        Source(url=site.base + p, allow_private=True)
        for p in ("/loop.xml", "/garbage.xml", "/down.xml")
    ]
    good = Source(url=site.base + "/sport.xml", allow_private=True)
    watcher, state = make_watcher([*bad, good], store, tmp_path)
    report = watcher.run_round(all_sources=True)
    assert store.count_articles() == 10
    assert report.sources[good.url].status == "ok"
    statuses = {report.sources[s.url].status for s in bad}
    assert statuses == {"failed:redirect_loop", "failed:unknown_kind", "failed:http_status"}
    assert all(state.source(s.url).errors == 1 for s in bad)


def test_pending_fetches_of_the_store_are_fetched(
    site: Site, news: NewsSite, store: Store, tmp_path: Path
) -> None:
    urls = [site.base + news.article_path(n) for n in (3, 4)]
    site.static(
        "/empty.xml",
        b"<rss version='2.0'><channel><title>e</title></channel></rss>",
        "application/rss+xml",
    )
    # the store's pending fetches may reach a private host that a source allows
    sources = [Source(url=site.base + "/empty.xml", allow_private=True)]
    watcher, _ = make_watcher(sources, store, tmp_path, pending=lambda: urls)
    watcher.run_round(all_sources=True)
    assert store.count_articles() == 2
    watcher.run_round(all_sources=True)
    assert article_requests(site) == {news.article_path(3): 1, news.article_path(4): 1}


def test_a_round_cut_short_is_ingested_on_restart(
    site: Site, news: NewsSite, store: Store, tmp_path: Path
) -> None:
    watcher, state = make_watcher(sources_of(site)[:1], store, tmp_path)
    fetch = watcher.fetcher.fetch
    done: list[str] = []

    def stop_after_six(url: str, **kwargs: object) -> object:
        result = fetch(url, **kwargs)  # type: ignore[arg-type]
        done.append(url)
        if len(done) == 6:  # robots.txt, the feed, four articles: as a SIGTERM would
            watcher.stop.set()
        return result

    watcher.fetcher.fetch = stop_after_six  # type: ignore[method-assign]
    report = watcher.run_round(all_sources=True)
    assert report.stopped and store.count_articles() == 0
    archived = archived_urls(tmp_path / "archive")
    assert 1 <= len(archived) < 15
    assert state.unfinished_rounds()

    watcher.stop.clear()
    recovered = watcher.recover()  # a new process would start so
    assert store.count_articles() == len(archived)
    assert recovered[0].counts is not None and recovered[0].counts.stored == len(archived)
    watcher.run_round(all_sources=True)
    assert store.count_articles() == 15 and not state.unfinished_rounds()
    urls = archived_urls(tmp_path / "archive")
    assert len(urls) == len(set(urls)) == 15  # nothing archived (or stored) twice
    requests = article_requests(site)
    assert all(requests.get(news.article_path(n)) for n in range(15))
    # only a fetch in flight when the stop came may have been asked for again
    assert sum(count - 1 for count in requests.values()) <= watcher.options.workers


def test_an_alert_fires_once_per_match(
    site: Site, news: NewsSite, store: Store, tmp_path: Path
) -> None:
    news.add_article(7, extra="The old lighthouse keeper counted the ferries again.")
    out = tmp_path / "alerts.jsonl"
    alerts = load_alerts(
        [{"name": "lighthouse", "words": ["Lighthouse", "keeper"], "jsonl": str(out)}]
    )

    def hook(s: Store, ids: list[str], st: WatchState) -> int:
        return check_alerts(alerts, s, ids, st)

    watcher, state = make_watcher(sources_of(site)[:1], store, tmp_path, alerts=hook)
    first = watcher.run_round(all_sources=True)
    assert first.alerts == 1
    sent = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(sent) == 1 and sent[0]["url"].endswith(news.article_path(7))
    # a later round, and the same articles checked again, send nothing more
    watcher.run_round(all_sources=True)
    assert check_alerts(alerts, store, first.saved, state) == 0
    assert len(out.read_text().splitlines()) == 1


def test_a_front_page_and_a_sitemap_index_are_followed(
    site: Site, news: NewsSite, store: Store, tmp_path: Path
) -> None:
    links = "".join(f"<a href='{news.article_path(n)}?utm_medium=x'>s{n}</a>" for n in (1, 2))
    page = f"<!doctype html><html><body><a href='/about'>About</a>{links}</body></html>"
    site.static("/", page.encode(), "text/html")
    news.sitemap("/part-1.xml", [3, 4])
    index = (
        "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<sitemap><loc>{site.base}/part-1.xml</loc></sitemap></sitemapindex>"
    )
    site.static("/sitemap.xml", index.encode(), "application/xml")
    sources = [Source(url=site.base + p, allow_private=True) for p in ("/", "/sitemap.xml")]
    watcher, state = make_watcher(sources, store, tmp_path)
    watcher.run_round(all_sources=True)
    assert sorted(article_requests(site)) == sorted(news.article_path(n) for n in (1, 2, 3, 4))
    assert store.count_articles() == 4 and site.requests("/about") == 0
    assert state.source(site.base + "/").kind == "page"
    assert state.source(site.base + "/sitemap.xml").kind == "sitemap"
