"""Being a polite client: robots.txt obeyed and cached, a pause and a cap per host.

`HostGate.slot(host)` holds one of the host's `per_host` connections and waits until
`delay` seconds (or the host's robots.txt Crawl-delay, up to `max_delay`) have passed
since the last request to it started. `RobotsCache` fetches each origin's robots.txt
once per `ttl`: a 4xx answer allows everything (RFC 9309), a 5xx or an unreachable
host allows nothing until it is fetched again.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit


class HostGate:
    def __init__(self, per_host: int, delay: float, stop: threading.Event | None = None) -> None:
        self.per_host = max(1, per_host)
        self.delay = max(0.0, delay)
        self.stop = stop or threading.Event()
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, delay: float) -> None:
        with self._lock:
            self._delays[host] = max(self.delay, delay)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        semaphore.acquire()
        try:
            while True:
                with self._lock:
                    now = time.monotonic()
                    start = self._next.get(host, now)
                    if start <= now:
                        self._next[host] = now + self._delays.get(host, self.delay)
                        break
                self.stop.wait(start - now)
            yield
        finally:
            semaphore.release()


@dataclass(slots=True)
class _Rules:
    parser: urllib.robotparser.RobotFileParser
    fetched: float


# (status, body) of a robots.txt; OSError when it could not be had (nothing allowed).
# Any other exception passes through the cache (the host is down: say so instead).
RobotsGetter = Callable[[str], tuple[int, bytes]]


class RobotsCache:
    def __init__(self, agent: str, ttl: float = 3600.0, max_delay: float = 60.0) -> None:
        self.agent = agent
        self.ttl = ttl
        self.max_delay = max_delay
        self._lock = threading.Lock()
        self._rules: dict[str, _Rules] = {}

    def allowed(self, url: str, get: RobotsGetter) -> tuple[bool, float]:
        """Whether robots.txt lets `agent` fetch `url`, and the origin's Crawl-delay."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            rules = self._rules.get(origin)
        if rules is None or time.monotonic() - rules.fetched > self.ttl:
            rules = _Rules(self._load(origin + "/robots.txt", get), time.monotonic())
            with self._lock:
                self._rules[origin] = rules
        delay = rules.parser.crawl_delay(self.agent)
        allowed = rules.parser.can_fetch(self.agent, url)
        return allowed, min(float(delay or 0.0), self.max_delay)

    def _load(self, robots_url: str, get: RobotsGetter) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            status, body = get(robots_url)
        except OSError:
            status, body = 503, b""
        if 400 <= status < 500:
            parser.parse([])  # no rules: everything allowed
        elif not 200 <= status < 300:
            parser.parse(["User-agent: *", "Disallow: /"])
        else:
            parser.parse(body.decode("utf-8", "replace").splitlines())
        return parser
