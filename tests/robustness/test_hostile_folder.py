"""One folder of hostile files beside good articles, through the real pipeline.

Each hostile input must end in exactly one counted bucket with a sensible reason, kept
as one row of the store's drops; the good articles are stored; a rerun changes nothing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.robustness import hostile as h
from tests.robustness.harness import (
    Outcome,
    assert_drops_match_counts,
    assert_good_stored,
    ingest,
    write_good,
)

STORED = "stored"
# file name -> what must become of it: STORED (an article carrying its tag) or the
# drop reasons that are acceptable for it.
Expectation = str | frozenset[str]


def _page(tag: str) -> bytes:
    return h.article_html(tag=tag).encode("utf-8")


def _nul_page() -> bytes:
    return h.article_html(tag="nulpage").replace("Tuesday", "Tues\x00day", 1).encode()


def _surrogate_page() -> bytes:
    # UTF-8-encoded lone surrogates (not valid UTF-8) and a literal JS-style escape
    page = h.article_html(tag="surrpage").replace("Tuesday", "Tues\ud800day\udc80")
    return page.encode("utf-8", "surrogatepass")


def _broken_utf8_page() -> bytes:
    raw = h.article_html(tag="brokenutf").encode("utf-8")
    middle = raw.index(b"north quay")
    return raw[:middle] + b"\xff\xfe\xc3\x28\xe2\x82" + raw[middle:]


def _feed_with_scripts() -> bytes:
    body = "".join(f"<p>{p} scriptfeed</p>" for p in h.GOOD_PARAGRAPHS)
    content = f"<script>alert('hostile')</script>{body}<script>document.write('x')</script>"
    item = (
        "<item><title>Tide gauge scriptfeed</title><link>https://courier.example/s</link>"
        f"<guid>s-1</guid><description><![CDATA[{content}]]></description></item>"
    )
    return h.feed([item]).encode()


def _jsonl_hostile() -> bytes:
    text = " ".join(h.GOOD_PARAGRAPHS)
    return b"".join(
        [
            b"[1, 2, 3]\n",  # line 1: JSON, not an object
            h.jsonl_line({"url": "https://j.example/none", "title": "no body"}),  # line 2
            b'{"url": "https://j.example/latin", "text": "caf\xe9 ' + text.encode() + b' latin"}\n',
            h.jsonl_line(
                {"url": "https://j.example/\ud800", "title": "t\udfff\x00", "text": text + " jsurr"}
            ),
            b'{"url": "https://j.example/cut", "text": "unfinished\n',  # line 5
        ]
    )


# name -> (bytes, expectation); an article expected STORED must hold its tag.
FILES: dict[str, tuple[Callable[[], bytes], Expectation]] = {
    "nested.html": (
        lambda: b"<html><body>" + b"<div>" * 50_000 + b"deep" + b"</div>" * 50_000,
        frozenset({"no_text", "too_deep"}),
    ),
    "nulpage.html": (_nul_page, STORED),
    "surrpage.html": (_surrogate_page, STORED),
    "ctrlref.html": (  # a reference to a control made trafilatura give up on the page
        lambda: _page("ctrlref").replace(b"Tuesday", b"Tues&#8;day&#x1f;"),
        STORED,
    ),
    "entities.html": (  # references to surrogates, NUL and past U+10FFFF
        lambda: _page("entities").replace(b"Tuesday", b"Tues&#xD800;day&#0;&#x110000;"),
        STORED,
    ),
    "brokenutf.html": (_broken_utf8_page, STORED),
    "utf16page.html": (lambda: h.article_html(tag="utf16page").encode("utf-16"), STORED),
    "image.html": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, frozenset({"binary"})),
    "zero.html": (lambda: b"", frozenset({"empty"})),
    "blank.txt": (lambda: b" \n\t\r\n   \n" * 300, frozenset({"empty"})),
    "navonly.html": (
        lambda: b"<html><body><nav><a href='/'>Home</a> <a href='/s'>Sport</a></nav></body></html>",
        frozenset({"no_text"}),
    ),
    "broken.xml": (
        lambda: b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title></chan",
        frozenset({"malformed_feed"}),
    ),
    "scriptfeed.rss": (_feed_with_scripts, STORED),
    "nullabel.xml": (  # feedparser raised ValueError on this label (found by hypothesis)
        lambda: h.feed([h.link_item(0)]).replace('"utf-8"', '"\x00utf-8"').encode(),
        frozenset({"malformed_feed"}),
    ),
    "plain.warc": (
        lambda: h.warc_file(
            [("https://w.example/plain", _page("plainwarc").decode())], gzipped=False
        ),
        STORED,
    ),
    "notwarc.warc": (lambda: b"this is not a web archive at all\n" * 20, frozenset({"unreadable"})),
}


# Inputs whose items carry a locator (a feed entry, a WARC record).
LOCATORS = {"scriptfeed.rss": "#entry:s-1", "plain.warc": "#offset:0"}


def _expected_jsonl(path: Path) -> dict[str, Expectation]:
    return {
        f"{path}#line:1": frozenset({"malformed_json"}),
        f"{path}#line:2": frozenset({"missing_fields"}),
        f"{path}#line:3": STORED,
        f"{path}#line:4": STORED,
        f"{path}#line:5": frozenset({"malformed_json"}),
    }


def build_folder(root: Path) -> tuple[Path, dict[str, Expectation]]:
    """The hostile folder, and what must become of each input (keyed by input#locator)."""
    folder = root / "in"
    folder.mkdir()
    write_good(folder)
    expected: dict[str, Expectation] = {}
    for name, (make, expectation) in FILES.items():
        h.write(folder, name, make())
        expected[str(folder / name) + LOCATORS.get(name, "")] = expectation
    jsonl = h.write(folder, "lines.jsonl", _jsonl_hostile())
    expected.update(_expected_jsonl(jsonl))
    (folder / "dir.html").mkdir()  # an empty folder with a page's name: nothing to read
    os.symlink("loop.html", folder / "loop.html")
    os.symlink("nowhere.html", folder / "dangling.html")
    os.symlink("..", folder / "up")  # a link back into the tree
    os.mkfifo(folder / "pipe.html")  # opening it would block: it must not be opened
    for name in ("loop.html", "dangling.html", "pipe.html"):
        expected[str(folder / name)] = frozenset({"unreadable"})
    # the link to the parent folder is walked once: the parent holds `in` itself
    expected[str(folder / "up" / "in")] = frozenset({"unreadable"})
    odd = os.fsencode(folder) + b"/caf\xe9.html"  # a name that is not UTF-8
    with open(odd, "wb") as handle:
        handle.write(_page("oddname"))
    expected[f"{folder}/caf\\xe9.html"] = STORED
    return folder, expected


def _key(input_name: str, locator: str) -> str:
    return f"{input_name}#{locator}" if locator else input_name


def _check(outcome: Outcome, expected: dict[str, Expectation]) -> list[str]:
    problems = []
    drops = {_key(d.input, d.locator): d for d in outcome.drops}
    stored = {_key(p.input, p.locator) for a in outcome.articles for p in a.provenance}
    for key, expectation in expected.items():
        if expectation == STORED:
            if key not in stored:
                problems.append(f"{key}: not stored ({drops.get(key)})")
        elif key not in drops or drops[key].reason not in expectation:
            problems.append(f"{key}: expected {set(expectation)}, got {drops.get(key)}")
    for key, drop in drops.items():
        if key not in expected:
            problems.append(f"unexpected drop {key}: {drop.reason} {drop.message}")
    return problems


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Expectation]]:
    return build_folder(tmp_path_factory.mktemp("hostile"))


def test_every_hostile_input_is_counted_once_and_good_ones_are_stored(
    hostile: tuple[Path, dict[str, Expectation]], tmp_path: Path
) -> None:
    folder, expected = hostile
    outcome = ingest(tmp_path / "s.db", [folder])
    problems = _check(outcome, expected)
    assert not problems, "\n".join(problems)
    assert_good_stored(outcome, folder / "good.html")
    assert_drops_match_counts(outcome)
    assert outcome.counts.failed == {}
    for article in outcome.articles:
        assert "\x00" not in article.text and "alert(" not in article.text
        assert "document.write" not in article.text
        article.text.encode("utf-8")  # no lone surrogate reached the store


def test_rerun_of_the_hostile_folder_leaves_the_store_identical(
    hostile: tuple[Path, dict[str, Expectation]], tmp_path: Path
) -> None:
    folder, _ = hostile
    first = ingest(tmp_path / "s.db", [folder])
    second = ingest(tmp_path / "s.db", [folder])
    assert second.snapshot() == first.snapshot()
    assert second.counts.stored == second.counts.merged == second.counts.updated == 0
    assert second.counts.unchanged == first.counts.stored + first.counts.merged
    assert second.counts.dropped == first.counts.dropped
    assert second.counts.failed == first.counts.failed == {}


def test_unreadable_file_is_dropped(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read a file without read permission")
    locked = h.write(tmp_path, "locked.html", _page("locked"))
    locked.chmod(0)
    try:
        outcome = ingest(tmp_path / "s.db", [locked, write_good(tmp_path / "in")])
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert [d.reason for d in outcome.drops_for(locked)] == ["unreadable"]
    assert_good_stored(outcome, tmp_path / "in" / "good.html")


def test_named_empty_folder_and_missing_names_are_counted(tmp_path: Path) -> None:
    (tmp_path / "x.html").mkdir()
    good = write_good(tmp_path / "in")
    missing = tmp_path / "absent.html"
    outcome = ingest(tmp_path / "s.db", [tmp_path / "x.html", missing, tmp_path / "*.nope", good])
    assert [d.reason for d in outcome.drops_for(tmp_path / "x.html")] == ["empty"]
    assert [d.reason for d in outcome.drops_for(missing)] == ["not_found"]
    assert [d.reason for d in outcome.drops_for(tmp_path / "*.nope")] == ["not_found"]
    assert_good_stored(outcome, good)
    assert_drops_match_counts(outcome)
