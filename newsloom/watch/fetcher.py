"""The fetcher: one URL to its response body, politely and safely, never raising.

Every hop (the URL and each redirect) is checked before a connection is made: an
http(s) URL, a host whose every address is public (`safety.py`; a source's own host
may be private when it says `allow_private`), allowed by the origin's robots.txt. The
connection itself goes through `PinnedBackend`, which checks again at connect time.
Requests to one host wait for its slot (`politeness.HostGate`). A 429 or 5xx answer is
tried again after its Retry-After (or a doubling backoff), at most `retries` times and
never waiting more than `max_retry_wait`. Once `stop` is set no new request starts; one
whose answer is arriving is read to its end (bounded by `total_timeout`), so a stop
costs no response that was paid for. Bodies are read as they arrive: over
`max_bytes` raw or decoded (a gzip bomb), or still arriving after `total_timeout` (a
slow drip), they are cut off and the fetch fails. Failures are a `FetchResult` with an
`error` from `ERRORS`; nothing here raises.
"""

from __future__ import annotations

import email.utils
import importlib.util
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsloom.watch.decoding import BoundedDecoder, TooLarge, UnsupportedEncoding
from newsloom.watch.politeness import HostGate, RobotsCache
from newsloom.watch.safety import PinnedBackend, Resolver, UnsafeAddress, resolve_public
from newsloom.watch.safety import system_resolver as _system_resolver

MEGABYTE = 1024 * 1024
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Why a fetch failed (FetchResult.error).
ERRORS = (
    "refused",  # a non-public address, or not http(s): no connection was made
    "robots",  # robots.txt disallows it
    "unreachable",  # DNS, connection or TLS failure
    "timeout",  # connect or read timeout, or a body still arriving at total_timeout
    "too_large",  # over max_bytes, raw or decoded
    "bad_encoding",  # a Content-Encoding not asked for, or a broken stream
    "redirect_loop",
    "too_many_redirects",
    "http_status",  # a final status other than 2xx or 304
    "stopped",  # the watcher is stopping
)
HTTP2 = importlib.util.find_spec("h2") is not None


@dataclass(slots=True, frozen=True)
class FetchOptions:
    contact: str = ""  # a URL or mailto: naming who runs this crawler
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * MEGABYTE
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    max_retry_wait: float = 120.0
    per_host: int = 2
    host_delay: float = 1.0
    robots: bool = True
    robots_ttl: float = 3600.0

    @property
    def user_agent(self) -> str:
        from newsloom import __version__

        contact = f"; +{self.contact}" if self.contact else ""
        return f"newsloom/{__version__} (news monitor{contact})"


@dataclass(slots=True)
class FetchResult:
    url: str
    final_url: str = ""
    status: int | None = None
    reason: str = ""
    http_version: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    error: str | None = None
    message: str = ""
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


class _Stop(Exception):
    pass


class _Failed(Exception):
    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error = error
        self.message = message


def retry_after(value: str | None) -> float | None:
    """Seconds in a Retry-After header (a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


class _PinnedTransport(httpx.HTTPTransport):
    def __init__(self, backend: PinnedBackend) -> None:
        super().__init__(http2=HTTP2, trust_env=False, retries=0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            http1=True,
            http2=HTTP2,
            max_connections=50,
            network_backend=backend,
        )


class Fetcher:
    def __init__(
        self,
        options: FetchOptions = FetchOptions(),
        stop: threading.Event | None = None,
        resolver: Resolver = _system_resolver,
    ) -> None:
        self.options = options
        self.stop = stop or threading.Event()
        self.resolver = resolver
        self.gate = HostGate(options.per_host, options.host_delay, self.stop)
        self.robots = RobotsCache("newsloom", options.robots_ttl)
        self.backends = {flag: PinnedBackend(flag, resolver) for flag in (False, True)}
        timeout = httpx.Timeout(
            options.read_timeout, connect=options.connect_timeout, pool=options.total_timeout
        )
        self.clients = {
            flag: httpx.Client(
                transport=_PinnedTransport(backend),
                timeout=timeout,
                follow_redirects=False,
                trust_env=False,
                headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
            )
            for flag, backend in self.backends.items()
        }

    @property
    def attempted(self) -> list[str]:
        """Every address a connection was tried to (both clients)."""
        return [a for backend in self.backends.values() for a in backend.attempted]

    def close(self) -> None:
        for client in self.clients.values():
            client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(
        self,
        url: str,
        *,
        private_hosts: Iterable[str] = (),
        etag: str | None = None,
        last_modified: str | None = None,
        check_robots: bool = True,
    ) -> FetchResult:
        """GET `url`, following redirects; hosts in `private_hosts` may be non-public.
        `etag`/`last_modified` make it conditional (a 304 is `not_modified`)."""
        allowed = frozenset(host.lower() for host in private_hosts)
        result = FetchResult(url=url)
        seen: list[str] = []
        current = url
        try:
            while True:
                if self.stop.is_set():
                    raise _Stop
                seen.append(current)
                self._check(current, allowed, check_robots)
                headers = {}
                if len(seen) == 1:  # validators are for the URL they were given for
                    if etag:
                        headers["If-None-Match"] = etag
                    if last_modified:
                        headers["If-Modified-Since"] = last_modified
                self._get(current, allowed, headers, result)
                location = result.header("location")
                if result.status not in REDIRECT_STATUSES or not location:
                    break
                target = urljoin(current, location.strip())
                if target in seen:
                    raise _Failed("redirect_loop", f"{target} redirects back to itself")
                if len(seen) > self.options.max_redirects:
                    raise _Failed("too_many_redirects", f"over {self.options.max_redirects}")
                current = target
            result.final_url = current
            if result.status is not None and not (
                200 <= result.status < 300 or result.status == 304
            ):
                result.error, result.message = "http_status", f"HTTP {result.status}"
        except _Failed as failure:
            result.final_url = current
            result.error, result.message, result.body = failure.error, failure.message, b""
        except _Stop:
            result.final_url = current
            result.error, result.message, result.body = "stopped", "stopping", b""
        return result

    def _check(self, url: str, allowed: frozenset[str], check_robots: bool) -> None:
        parts = urlsplit(url)
        try:
            host, port = parts.hostname, parts.port
        except ValueError as error:
            raise _Failed("refused", f"bad URL {url!r}: {error}") from error
        if parts.scheme not in ("http", "https") or not host:
            raise _Failed("refused", f"not an http(s) URL: {url!r}")
        port = port or (443 if parts.scheme == "https" else 80)
        try:
            resolve_public(host, port, host.lower() in allowed, self.resolver)
        except UnsafeAddress as error:
            raise _Failed("refused", str(error)) from error
        if check_robots and self.options.robots:
            ok, delay = self.robots.allowed(url, lambda u: self._robots(u, allowed))
            if not ok:
                raise _Failed("robots", f"robots.txt disallows {url}")
            if delay:
                self.gate.set_delay(parts.netloc.lower(), delay)

    def _robots(self, url: str, allowed: frozenset[str]) -> tuple[int, bytes]:
        result = self.fetch(url, private_hosts=allowed, check_robots=False)
        if result.error in ("http_status", None):
            return result.status or 0, result.body
        if result.error in ("unreachable", "refused", "stopped"):
            raise _Failed(result.error, f"{result.message} (fetching robots.txt)")
        raise OSError(result.message)  # too large, a timeout, a redirect loop: allow nothing

    def _get(
        self, url: str, allowed: frozenset[str], headers: dict[str, str], result: FetchResult
    ) -> None:
        """One hop, tried again on 429 and 5xx; fills `result`."""
        host = (urlsplit(url).hostname or "").lower()
        client = self.clients[host in allowed]
        netloc = urlsplit(url).netloc.lower()
        for attempt in range(self.options.retries + 1):
            with self.gate.slot(netloc):
                if self.stop.is_set():
                    raise _Stop
                result.attempts += 1
                self._once(client, url, headers, result)
            if result.status not in RETRY_STATUSES or attempt == self.options.retries:
                return
            wait = retry_after(result.header("retry-after"))
            if wait is None:
                wait = self.options.backoff * 2**attempt
            if wait > self.options.max_retry_wait:
                return
            if self.stop.wait(wait):
                raise _Stop

    def _once(
        self, client: httpx.Client, url: str, headers: dict[str, str], result: FetchResult
    ) -> None:
        limit = self.options.max_bytes
        try:
            with client.stream("GET", url, headers=headers) as response:
                result.status = response.status_code
                result.reason = response.reason_phrase
                result.http_version = response.http_version
                result.headers = [(k, v) for k, v in response.headers.multi_items()]
                length = response.headers.get("content-length", "")
                if length.isdigit() and int(length) > limit:
                    raise _Failed("too_large", f"Content-Length {length} over {limit} bytes")
                decoder = BoundedDecoder(response.headers.get("content-encoding", ""), limit)
                deadline = time.monotonic() + self.options.total_timeout
                raw, parts = 0, []
                for chunk in response.iter_raw():
                    raw += len(chunk)
                    if raw > limit:
                        raise TooLarge(f"body over {limit} bytes")
                    parts.append(decoder.feed(chunk))
                    if time.monotonic() > deadline:
                        raise _Failed(
                            "timeout", f"body still arriving after {self.options.total_timeout}s"
                        )
                parts.append(decoder.flush())
                result.body = b"".join(parts)
        except TooLarge as error:
            raise _Failed("too_large", str(error)) from error
        except UnsupportedEncoding as error:
            raise _Failed("bad_encoding", str(error)) from error
        except httpx.TimeoutException as error:
            raise _Failed("timeout", f"{type(error).__name__}: {error}") from error
        except httpx.ConnectError as error:
            refused = str(error).startswith("refused")
            raise _Failed("refused" if refused else "unreachable", str(error)) from error
        except (httpx.HTTPError, httpx.InvalidURL, OSError) as error:
            raise _Failed("unreachable", f"{type(error).__name__}: {error}") from error
