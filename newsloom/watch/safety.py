"""Which addresses the fetcher may reach: public ones only, unless a source allows more.

`resolve_public(host, port, allow_private)` resolves a host name and checks every
address it resolves to; one non-public address refuses the host (a name that
resolves to a public and a private address is refused too). `PinnedBackend` is the
httpcore network backend the fetcher's clients connect through: it resolves and
checks at connect time and connects to an address it just checked, so a name that
resolves to a public address for the check and a private one for the connection (DNS
rebinding) never reaches the private one. Redirects are new connections and are
checked the same way.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


class UnsafeAddress(Exception):
    """A URL whose host is, or resolves to, an address newsloom may not reach."""


def is_public(address: IPAddress) -> bool:
    """True for a globally routable unicast address (not loopback, private, link-local,
    shared, multicast, reserved, unspecified, documentation or benchmarking)."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return is_public(mapped)
        if address.teredo is not None:
            return False
    return bool(
        address.is_global
        and not address.is_multicast
        and not address.is_reserved
        and not address.is_loopback
        and not address.is_link_local
        and not address.is_private
        and not address.is_unspecified
    )


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


def resolve_public(
    host: str, port: int, allow_private: bool = False, resolver: Resolver = system_resolver
) -> list[str]:
    """The addresses of `host` to connect to, every one checked; `UnsafeAddress` when
    any is not public (and `allow_private` is False) or the name does not resolve."""
    literal = _literal(host)
    try:
        addresses = [str(literal)] if literal is not None else resolver(host, port)
    except (OSError, UnicodeError) as error:
        raise UnsafeAddress(f"{host}: does not resolve ({error})") from error
    if not addresses:
        raise UnsafeAddress(f"{host}: resolves to no address")
    if not allow_private:
        for text in addresses:
            address = _literal(text)
            if address is None or not is_public(address):
                raise UnsafeAddress(f"{host}: resolves to the non-public address {text}")
    return addresses


class PinnedBackend(httpcore.NetworkBackend):
    """Connects only to addresses checked by `resolve_public` at connect time.

    `attempted` lists every address a connection was tried to (tests assert that a
    refused one never was)."""

    def __init__(self, allow_private: bool, resolver: Resolver = system_resolver) -> None:
        self.allow_private = allow_private
        self.resolver = resolver
        self.inner = httpcore.SyncBackend()
        self.attempted: list[str] = []

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve_public(host, port, self.allow_private, self.resolver)
        except UnsafeAddress as error:
            raise httpcore.ConnectError(f"refused: {error}") from error
        last: Exception | None = None
        for address in addresses:
            self.attempted.append(address)
            try:
                stream = self.inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last = error
                continue
            return stream
        assert last is not None
        raise last

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("refused: no Unix sockets")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)
