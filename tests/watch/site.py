"""A local test site on 127.0.0.1: invented articles, feeds and a sitemap, plus routes
that misbehave (slow drip, gzip bomb, redirect loop, 429). Nothing here is real news."""

from __future__ import annotations

import hashlib
import random
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

_WORDS = [
    "harbour",
    "council",
    "ferry",
    "quarry",
    "lantern",
    "orchard",
    "tramline",
    "glassworks",
    "riverbank",
    "festival",
    "archive",
    "cooperative",
    "bakery",
    "signal",
    "reservoir",
    "bridge",
    "ledger",
    "mill",
    "observatory",
    "canal",
    "granary",
    "weaver",
    "tannery",
    "beacon",
    "meadow",
    "foundry",
    "apiary",
    "ropewalk",
    "cistern",
    "turbine",
    "delegates",
    "announced",
    "tuesday",
    "repairs",
    "budget",
    "volunteers",
    "residents",
    "inspectors",
    "plans",
    "northern",
    "eastern",
    "quiet",
    "busy",
    "delayed",
    "restored",
    "expanded",
    "rebuilt",
    "measured",
    "counted",
]


def invented_text(seed: int, sentences: int = 12) -> list[str]:
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(3):
        said = []
        for _ in range(sentences // 3):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 16))]
            said.append(" ".join(words).capitalize() + ".")
        paragraphs.append(" ".join(said))
    return paragraphs


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


Route = Callable[[BaseHTTPRequestHandler], Reply | None]


class Site:
    """Routes by path; every request is logged as (path, status sent)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, int]] = []
        self.headers_seen: list[dict[str, str]] = []
        self.started: list[str] = []  # paths as requests arrive (before any reply)
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def requests(self, path: str) -> int:
        with self.lock:
            return sum(1 for logged, _ in self.log if logged == path)

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _ in self.log]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                with site.lock:
                    site.started.append(path)
                route = site.routes.get(path)
                reply = route(self) if route else Reply(404, {}, b"not here")
                with site.lock:
                    site.headers_seen.append(dict(self.headers.items()))
                    site.log.append((path, reply.status if reply else 200))
                if reply is None:
                    return  # the route wrote its own response
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

        return Handler

    def start(self) -> Site:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    # -- content --

    def static(self, path: str, body: bytes, content_type: str, etag: bool = True) -> None:
        tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'

        def route(request: BaseHTTPRequestHandler) -> Reply:
            headers = {"Content-Type": content_type}
            if etag:
                headers["ETag"] = tag
                if request.headers.get("If-None-Match") == tag:
                    return Reply(304, headers)
            return Reply(200, headers, body)

        self.routes[path] = route


class NewsSite:
    """Invented articles at /news/story-<n>, listed by feeds and a news sitemap."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.listings: dict[str, list[int]] = {}
        self.start = datetime(2031, 5, 1, 8, 0, tzinfo=UTC)

    def article_path(self, n: int) -> str:
        return f"/news/story-{n}"

    def title(self, n: int) -> str:
        return f"Story {n}: the {_WORDS[n % len(_WORDS)]} of the {_WORDS[(n * 7) % len(_WORDS)]}"

    def add_article(self, n: int, extra: str = "") -> None:
        paragraphs = invented_text(n)
        if extra:
            paragraphs.append(extra)
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        published = (self.start + timedelta(hours=n)).isoformat()
        html = (
            f"<!doctype html><html><head><title>{escape(self.title(n))}</title>"
            f'<meta property="article:published_time" content="{published}"></head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{escape(self.title(n))}</h1>"
            f"{body}</article><footer>Invented Gazette</footer></body></html>"
        )
        self.site.static(self.article_path(n), html.encode(), "text/html; charset=utf-8")

    def feed(self, path: str, numbers: list[int]) -> None:
        self.listings[path] = list(numbers)
        items = "".join(
            f"<item><title>{escape(self.title(n))}</title>"
            f"<link>{self.site.base}{self.article_path(n)}?utm_source=feed</link>"
            f"<guid>{self.site.base}{self.article_path(n)}</guid>"
            f"<pubDate>{format_datetime(self.start + timedelta(hours=n))}</pubDate></item>"
            for n in numbers
        )
        xml = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Invented Gazette {path}</title><link>{self.site.base}/</link>"
            f"{items}</channel></rss>"
        )
        self.site.static(path, xml.encode(), "application/rss+xml")

    def sitemap(self, path: str, numbers: list[int]) -> None:
        self.listings[path] = list(numbers)
        urls = "".join(
            f"<url><loc>{self.site.base}{self.article_path(n)}</loc><news:news>"
            f"<news:publication_date>{(self.start + timedelta(hours=n)).isoformat()}"
            f"</news:publication_date><news:title>{escape(self.title(n))}</news:title>"
            "</news:news></url>"
            for n in numbers
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
            ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{urls}</urlset>"
        )
        self.site.static(path, xml.encode(), "application/xml")


def slow_drip(request: BaseHTTPRequestHandler) -> None:
    """Headers, then one byte at a time for as long as the client listens (capped)."""
    request.send_response(200)
    request.send_header("Content-Type", "text/html")
    request.send_header("Content-Length", "100000")
    request.end_headers()
    try:
        for _ in range(3000):
            request.wfile.write(b"x")
            request.wfile.flush()
            time.sleep(0.01)
    except OSError:
        pass


def gzip_bomb(request: BaseHTTPRequestHandler, gigabytes: int = 1) -> None:
    """A gzip stream of `gigabytes` of zeros, compressed as it is sent (never on disk)."""
    request.send_response(200)
    request.send_header("Content-Type", "text/html")
    request.send_header("Content-Encoding", "gzip")
    request.end_headers()
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    try:
        for _ in range(1024 * gigabytes):
            chunk = compressor.compress(block)
            if chunk:
                request.wfile.write(chunk)
        request.wfile.write(compressor.flush())
    except OSError:
        pass
