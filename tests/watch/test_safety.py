"""Only public addresses, checked before connecting and again at connect time."""

from __future__ import annotations

import ipaddress

import pytest

from newsloom.watch.fetcher import Fetcher, FetchOptions
from newsloom.watch.safety import UnsafeAddress, is_public, resolve_public
from tests.watch.site import Site


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:0001::1",  # 6to4 of 127.0.0.1
        "192.0.2.1",
    ],
)
def test_non_public_addresses(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111"])
def test_public_addresses(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


def test_a_name_with_one_private_address_is_refused() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.0.0.5"]

    with pytest.raises(UnsafeAddress):
        resolve_public("mixed.test", 80, resolver=resolver)
    assert resolve_public("mixed.test", 80, allow_private=True, resolver=resolver)


def _fetcher(resolver: object = None) -> Fetcher:
    options = FetchOptions(host_delay=0.0, robots=False, retries=0)
    if resolver is None:
        return Fetcher(options)
    return Fetcher(options, resolver=resolver)  # type: ignore[arg-type]


def test_loopback_and_metadata_are_refused_before_connecting(site: Site) -> None:
    site.static("/secret", b"<html>secret</html>", "text/html")
    with _fetcher() as fetcher:
        loopback = fetcher.fetch(site.base + "/secret")
        metadata = fetcher.fetch("http://169.254.169.254/latest/meta-data/")
        assert fetcher.attempted == []
    assert loopback.error == "refused" and metadata.error == "refused"
    assert site.started == []


def test_dns_rebinding_is_refused_at_connect_time(site: Site) -> None:
    """The name resolves to a public address for the check, then to 127.0.0.1."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])

    def rebinding(host: str, port: int) -> list[str]:
        return next(answers, ["127.0.0.1"])

    port = site.base.rsplit(":", 1)[1]
    with _fetcher(rebinding) as fetcher:
        result = fetcher.fetch(f"http://rebind.test:{port}/secret")
        assert fetcher.attempted == []
    assert result.error == "refused" and site.started == []


def test_not_http_is_refused() -> None:
    with _fetcher() as fetcher:
        assert fetcher.fetch("file:///etc/passwd").error == "refused"
        assert fetcher.fetch("ftp://example.org/x").error == "refused"
