"""The fetcher against a local site: validators, retries, limits, redirects, robots."""

from __future__ import annotations

import pytest

from newsloom.watch.decoding import BoundedDecoder, TooLarge
from newsloom.watch.fetcher import Fetcher, FetchOptions, retry_after
from tests.watch.site import Reply, Site, gzip_bomb, slow_drip

HOST = "127.0.0.1"


def fetcher(**options: object) -> Fetcher:
    defaults: dict[str, object] = {"host_delay": 0.0, "backoff": 0.0, "contact": "mailto:t@x.test"}
    defaults.update(options)
    return Fetcher(FetchOptions(**defaults))  # type: ignore[arg-type]


def test_etag_is_sent_back_and_answered_304(site: Site) -> None:
    site.static("/feed.xml", b"<rss><channel></channel></rss>", "application/rss+xml")
    with fetcher() as f:
        first = f.fetch(site.base + "/feed.xml", private_hosts=[HOST])
        assert first.ok and first.header("etag")
        second = f.fetch(site.base + "/feed.xml", private_hosts=[HOST], etag=first.header("etag"))
    assert second.not_modified and not second.ok and second.body == b""
    assert [status for path, status in site.log if path == "/feed.xml"] == [200, 304]


def test_user_agent_names_newsloom_and_the_contact(site: Site) -> None:
    site.static("/a", b"<html>hi</html>", "text/html")
    with fetcher() as f:
        f.fetch(site.base + "/a", private_hosts=[HOST])
    agents = {headers.get("User-Agent") for headers in site.headers_seen}
    assert all(agent and agent.startswith("newsloom/") for agent in agents)
    assert all("mailto:t@x.test" in (agent or "") for agent in agents)


def test_429_is_tried_again_after_its_retry_after(site: Site) -> None:
    calls = []

    def busy(request: object) -> Reply:
        calls.append(1)
        if len(calls) == 1:
            return Reply(429, {"Retry-After": "0"}, b"slow down")
        return Reply(200, {"Content-Type": "text/html"}, b"<html>ok</html>")

    site.routes["/busy"] = busy
    # a backoff of an hour: only the Retry-After of 0 lets the retry come at once
    with fetcher(backoff=3600.0, max_retry_wait=10.0) as f:
        result = f.fetch(site.base + "/busy", private_hosts=[HOST])
    assert result.ok and result.body == b"<html>ok</html>" and result.attempts == 2


def test_a_retry_after_past_the_longest_wait_gives_up_at_once(site: Site) -> None:
    site.routes["/busy"] = lambda request: Reply(503, {"Retry-After": "3600"}, b"")
    with fetcher(max_retry_wait=5.0) as f:
        result = f.fetch(site.base + "/busy", private_hosts=[HOST])
    assert result.error == "http_status" and result.status == 503 and result.attempts == 1


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after("7") == 7.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert retry_after("soon") is None


def test_a_redirect_loop_is_refused(site: Site) -> None:
    site.routes["/loop/a"] = lambda request: Reply(302, {"Location": "/loop/b"})
    site.routes["/loop/b"] = lambda request: Reply(302, {"Location": "/loop/a"})
    with fetcher() as f:
        result = f.fetch(site.base + "/loop/a", private_hosts=[HOST])
    assert result.error == "redirect_loop"
    assert site.requests("/loop/a") == 1 and site.requests("/loop/b") == 1


def test_redirects_are_capped(site: Site) -> None:
    for n in range(10):
        site.routes[f"/hop/{n}"] = lambda request, n=n: Reply(302, {"Location": f"/hop/{n + 1}"})
    with fetcher(max_redirects=3) as f:
        result = f.fetch(site.base + "/hop/0", private_hosts=[HOST])
    assert result.error == "too_many_redirects" and site.requests("/hop/4") == 0


def test_a_redirect_to_a_private_address_is_refused(site: Site) -> None:
    site.routes["/go"] = lambda request: Reply(302, {"Location": "http://169.254.169.254/x"})
    with fetcher() as f:
        result = f.fetch(site.base + "/go", private_hosts=[HOST])
        assert result.error == "refused"
        assert "169.254.169.254" not in f.attempted


def test_a_gzip_bomb_is_refused_by_the_decompression_bound(site: Site) -> None:
    site.routes["/bomb"] = gzip_bomb  # 1 GB of zeros, about 1 MB on the wire
    with fetcher(max_bytes=2 * 1024 * 1024) as f:
        result = f.fetch(site.base + "/bomb", private_hosts=[HOST])
    assert result.error == "too_large" and result.body == b""


def test_the_decoder_never_holds_more_than_the_limit() -> None:
    import zlib

    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = compressor.compress(bytes(64 * 1024 * 1024)) + compressor.flush()
    decoder = BoundedDecoder("gzip", 1024 * 1024)
    with pytest.raises(TooLarge):
        decoder.feed(bomb)
    assert decoder.total <= 1024 * 1024 + 256 * 1024


def test_a_slow_drip_is_cut_at_the_total_timeout(site: Site) -> None:
    site.routes["/drip"] = slow_drip
    with fetcher(total_timeout=0.3, read_timeout=5.0) as f:
        result = f.fetch(site.base + "/drip", private_hosts=[HOST])
    assert result.error == "timeout" and result.body == b""


def test_a_body_over_the_size_limit_is_refused(site: Site) -> None:
    site.static("/big", b"<html>" + b"a" * 5000 + b"</html>", "text/html")
    with fetcher(max_bytes=1000) as f:
        result = f.fetch(site.base + "/big", private_hosts=[HOST])
    assert result.error == "too_large"


def test_robots_txt_disallow_is_obeyed_and_cached(site: Site) -> None:
    site.static("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.static("/private/page", b"<html>no</html>", "text/html")
    site.static("/public/page", b"<html>yes</html>", "text/html")
    with fetcher() as f:
        refused = f.fetch(site.base + "/private/page", private_hosts=[HOST])
        allowed = f.fetch(site.base + "/public/page", private_hosts=[HOST])
    assert refused.error == "robots" and allowed.ok
    assert site.requests("/private/page") == 0 and site.requests("/robots.txt") == 1


def test_a_server_error_on_robots_txt_allows_nothing(site: Site) -> None:
    site.routes["/robots.txt"] = lambda request: Reply(500, {}, b"")
    site.static("/page", b"<html>x</html>", "text/html")
    with fetcher(retries=0) as f:
        result = f.fetch(site.base + "/page", private_hosts=[HOST])
    assert result.error == "robots" and site.requests("/page") == 0


def test_a_host_that_is_down_is_unreachable() -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with fetcher(retries=0) as f:
        result = f.fetch(f"http://127.0.0.1:{port}/x", private_hosts=[HOST])
    assert result.error == "unreachable"
