"""Choosing a reader by extension and by sniffing when the extension lies."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsloom.ingest import read_inputs
from newsloom.ingest.formats import choose_format, sniff, suffix_format
from newsloom.record import Document, PendingFetch
from tests.ingest.conftest import article_html

RSS_LINK_ONLY = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Brindlemoor Bulletin</title>'
    "<item><title>Pier closes</title><link>https://bulletin.example/pier</link>"
    "<description>Short teaser.</description></item></channel></rss>"
)


def test_suffixes_look_through_gzip() -> None:
    assert suffix_format("a/b.HTML") == "html"
    assert suffix_format("x.warc.gz") == "warc"
    assert suffix_format("feed.atom") == "feed"
    assert suffix_format("lines.ndjson.gz") == "jsonl"
    assert suffix_format("dir.v2/README") is None


def test_sniffing_recognises_each_format() -> None:
    assert sniff(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n") == "warc"
    assert sniff(RSS_LINK_ONLY.encode()) == "feed"
    assert sniff(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>') == "feed"
    assert sniff(b'{"url": "https://a.example/x", "text": "body"}\n') == "jsonl"
    assert sniff(b"<!DOCTYPE html><html><body><p>x</p>") == "html"
    assert sniff(b"date 2024-01-02 The pier closed.\nReuters\n") == "text"
    assert sniff(b"\x89PNG\r\n\x1a\n\x00\x00") == "binary"


def test_html_page_containing_the_word_rss_is_not_a_feed() -> None:
    page = b"<html><head><title>x</title></head><body><a href='/rss'>&lt;rss&gt;</a></body>"
    assert choose_format("page.html", page) == "html"


def test_feed_named_html_is_read_as_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "latest.html"
    path.write_text(RSS_LINK_ONLY, encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert len(items) == 1 and isinstance(items[0], PendingFetch)


def test_html_named_txt_and_extensionless_files_are_sniffed(tmp_path: Path) -> None:
    (tmp_path / "saved.txt").write_text(article_html(), encoding="utf-8")
    (tmp_path / "noext").write_text("The pier closed.\nReuters\n", encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "saved.txt"), str(tmp_path / "noext")]))
    assert [i.kind for i in items if isinstance(i, Document)] == ["html", "text"]


def test_jsonl_without_extension_and_gzipped_feed(tmp_path: Path) -> None:
    line = {"url": "https://a.example/pier", "text": "The pier closed on Thursday."}
    (tmp_path / "dump").write_text(json.dumps(line) + "\n", encoding="utf-8")
    (tmp_path / "feed.xml.gz").write_bytes(gzip.compress(RSS_LINK_ONLY.encode()))
    items = list(read_inputs([str(tmp_path / "dump"), str(tmp_path / "feed.xml.gz")]))
    assert isinstance(items[0], Document) and items[0].provenance.reader == "jsonl"
    assert isinstance(items[1], PendingFetch)


def test_sniffing_a_line_nested_too_deep_for_json_does_not_raise() -> None:
    """json.loads raised RecursionError on this first line and the file was unreadable."""
    assert sniff(b'{"url": "u", "text": ' + b"[" * 9000) == "text"


DOCTYPE_RSS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n  <!ENTITY nbsp "&#160;">\n  <!-- a > sign -->\n]>\n'
    '<rss version="2.0"><channel><title>Brindlemoor Bulletin</title><item><title>Pier'
    "&nbsp;closes</title><link>https://bulletin.example/pier</link>"
    "<description>Short teaser.</description></item></channel></rss>"
)


def test_feed_whose_doctype_declares_entities_is_a_feed(tmp_path: Path) -> None:
    """The prolog skip stopped at the first `>` inside the internal subset, so the
    feed was read as HTML and dropped `no_text`."""
    assert sniff(DOCTYPE_RSS.encode()) == "feed"
    path = tmp_path / "download"
    path.write_text(DOCTYPE_RSS, encoding="utf-8")
    (item,) = list(read_inputs([str(path)]))
    assert isinstance(item, PendingFetch) and item.url == "https://bulletin.example/pier"
    named = tmp_path / "bulletin.xml"
    named.write_text(DOCTYPE_RSS, encoding="utf-8")
    (item,) = list(read_inputs([str(named)]))
    assert isinstance(item, PendingFetch)


def test_doctype_with_an_unclosed_subset_is_not_a_feed() -> None:
    assert sniff(b'<!DOCTYPE rss [ <!ENTITY a "b">') != "feed"
