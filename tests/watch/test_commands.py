"""`newsloom watch`, `fetch` and `replay` as a user runs them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from newsloom.cli import app
from newsloom.record import Article, Event
from newsloom.store import open_store
from newsloom.watch.alerts import Alert, matches
from tests.watch.site import NewsSite, Site

REPO = Path(__file__).resolve().parents[2]


def _sources_file(tmp_path: Path, site: Site, paths: list[str]) -> Path:
    path = tmp_path / "sources.toml"
    tables = [f'[[sources]]\nurl = "{site.base}{p}"\nallow_private = true\n' for p in paths]
    path.write_text("\n".join(tables))
    return path


def _pages_urls(folder: Path) -> list[str]:
    urls = []
    for path in sorted(folder.glob("*-pages.warc.gz")):
        with open(path, "rb") as file:
            urls += [
                r.rec_headers.get_header("WARC-Target-URI")
                for r in ArchiveIterator(file)
                if r.rec_type == "response"
            ]
    return urls


def _watch(tmp_path: Path, sources: Path) -> list[str]:
    return [
        sys.executable, "-m", "newsloom", "watch", str(sources), "--once",
        "--db", str(tmp_path / "news.db"), "--no-enrich", "--delay", "0",
        "--contact", "mailto:tests@example.org",
    ]  # fmt: skip


@pytest.mark.slow
def test_sigterm_mid_round_then_restart_loses_nothing_and_repeats_nothing(
    site: Site, tmp_path: Path
) -> None:
    news = NewsSite(site)
    for n in range(20):
        news.add_article(n)
    news.feed("/feed.xml", list(range(20)))
    held = news.article_path(7)
    arrived = threading.Event()
    serve = site.routes[held]

    def hold(request: object) -> object:
        arrived.set()
        site.release.wait(60)  # until the test has sent SIGTERM
        return serve(request)  # type: ignore[arg-type]

    site.routes[held] = hold
    sources = _sources_file(tmp_path, site, ["/feed.xml"])
    env = {**os.environ, "NEWSLOOM_LOG": "WARNING"}
    process = subprocess.Popen(_watch(tmp_path, sources), cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert arrived.wait(120), "the watcher never asked for the held article"
    process.send_signal(signal.SIGTERM)
    site.release.set()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    assert b"stopped" in stderr
    with open_store(tmp_path / "news.db") as store:
        assert store.count_articles() < 20  # cut short before ingesting

    site.routes[held] = serve
    again = subprocess.run(_watch(tmp_path, sources), cwd=tmp_path, env=env,
                           capture_output=True, timeout=300)  # fmt: skip
    assert again.returncode == 0, again.stderr.decode()
    with open_store(tmp_path / "news.db") as store:
        assert store.count_articles() == 20
        urls = sorted(a.url or "" for a in store.iter_articles())
    assert urls == sorted(site.base + news.article_path(n) for n in range(20))
    archived = _pages_urls(tmp_path / "news.db.archive")
    assert len(archived) == len(set(archived)) == 20
    # a request in flight when SIGTERM came was read to its end and kept
    assert all(site.requests(news.article_path(n)) == 1 for n in range(20))


@pytest.mark.slow
def test_fetch_then_replay_without_the_network(site: Site, tmp_path: Path) -> None:
    news = NewsSite(site)
    news.add_article(1)
    news.add_article(2)
    urls = [site.base + news.article_path(n) for n in (1, 2)]
    runner = CliRunner()
    db = tmp_path / "a.db"
    result = runner.invoke(
        app, ["fetch", *urls, "--db", str(db), "--no-enrich", "--allow-private", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert report["counts"]["stored"] == 2
    refused = runner.invoke(app, ["fetch", urls[0], "--db", str(tmp_path / "b.db"), "--no-enrich"])
    assert refused.exit_code == 1  # 127.0.0.1 without --allow-private

    site.stop()  # no network from here on
    replayed = tmp_path / "c.db"
    result = runner.invoke(
        app, ["replay", str(tmp_path / "a.db.archive"), "--db", str(replayed), "--no-enrich"]
    )
    assert result.exit_code == 0, result.output
    with open_store(replayed) as store:
        assert sorted(a.url or "" for a in store.iter_articles()) == sorted(urls)


def test_event_alerts_match_type_and_thresholds() -> None:
    article = Article(paragraphs=["Gunmen killed nine people near the harbour on Monday."])
    article.id, article.title = "a1", "Attack"
    article.events = [
        Event(type="ASSAULT", trigger="killed", trigger_span=(7, 13), start=0, end=52,
              fatalities=9),
        Event(type="ASSAULT", trigger="attack", trigger_span=(0, 6), start=0, end=20,
              fatalities=1),
    ]  # fmt: skip
    deadly = Alert(name="deadly", event_type="assault", min_fatalities=5, jsonl="x")
    found = matches(deadly, article)
    assert len(found) == 1 and found[0][1]["event"]["fatalities"] == 9
    assert matches(Alert(name="p", event_type="PROTEST", jsonl="x"), article) == []
    assert matches(Alert(name="w", words=("harbour",), jsonl="x"), article)[0][0] == "a1"
    assert matches(Alert(name="w", words=("harb",), jsonl="x"), article) == []
