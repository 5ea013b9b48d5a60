"""RSS/Atom reader: full entries, link-only entries, damaged feeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsloom.ingest import read_inputs
from newsloom.ingest.feeds import FULL_CONTENT_MIN_CHARS
from newsloom.record import Document, Dropped, PendingFetch
from tests.ingest.conftest import PARAGRAPHS

FULL = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) * 2
assert len(FULL) > FULL_CONTENT_MIN_CHARS


def _rss(items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Brindlemoor Bulletin</title>{items}</channel></rss>"
    )


def _item(guid: str, full: bool, link: bool = True) -> str:
    content = f"<content:encoded><![CDATA[{FULL}]]></content:encoded>" if full else ""
    link_tag = f"<link>https://bulletin.example/{guid}</link>" if link else ""
    return (
        f"<item><title>Title {guid}</title>{link_tag}<guid>{guid}</guid>"
        "<pubDate>Thu, 07 Nov 2024 09:30:00 +0100</pubDate>"
        f"<description>Short teaser for {guid}.</description>{content}</item>"
    )


def _read(tmp_path: Path, name: str, text: str) -> list[object]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(read_inputs([str(path)]))


def test_full_entries_become_documents_and_link_only_entries_pending(tmp_path: Path) -> None:
    items = _read(tmp_path, "news.rss", _rss(_item("pier", True) + _item("ferry", False)))
    doc, pending = items
    assert isinstance(doc, Document)
    assert doc.kind == "html" and doc.url == "https://bulletin.example/pier"
    assert doc.title == "Title pier"
    assert doc.published == "2024-11-07T09:30:00+01:00"
    assert "Caddow Island" in str(doc.data)
    assert doc.provenance.locator == "entry:pier"
    assert isinstance(pending, PendingFetch)
    assert pending.url == "https://bulletin.example/ferry"
    assert pending.title == "Title ferry" and pending.published == "2024-11-07T09:30:00+01:00"


def test_atom_entry_with_content(tmp_path: Path) -> None:
    from html import escape

    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>B</title>'
        "<entry><title>Pier closes</title><id>tag:b.example,2024:pier</id>"
        '<link rel="alternate" href="https://b.example/pier"/>'
        "<published>2024-11-07T09:30:00Z</published>"
        f'<content type="html">{escape(FULL)}</content></entry></feed>'
    )
    (doc,) = _read(tmp_path, "b.atom", atom)
    assert isinstance(doc, Document)
    assert doc.url == "https://b.example/pier" and doc.published == "2024-11-07T09:30:00Z"
    assert doc.provenance.locator == "entry:tag:b.example,2024:pier"


def test_entry_without_content_or_link_is_dropped(tmp_path: Path) -> None:
    (item,) = _read(tmp_path, "n.rss", _rss(_item("lost", False, link=False)))
    assert isinstance(item, Dropped) and item.reason == "no_link"


def test_malformed_feed_without_entries(tmp_path: Path) -> None:
    (item,) = _read(tmp_path, "bad.rss", "<?xml version='1.0'?><rss><channel><title>oops")
    assert isinstance(item, Dropped) and item.reason == "malformed_feed"


def test_damaged_feed_still_yields_its_good_entries(tmp_path: Path) -> None:
    damaged = _rss(_item("pier", True) + _item("ferry", False)).replace(
        "</channel></rss>", "<item><title>cut"
    )
    items = _read(tmp_path, "damaged.rss", damaged)
    assert any(isinstance(i, Document) for i in items)
    assert any(isinstance(i, PendingFetch) for i in items)


def test_feed_without_entries_is_empty(tmp_path: Path) -> None:
    (item,) = _read(tmp_path, "none.rss", _rss(""))
    assert isinstance(item, Dropped) and item.reason == "empty"


def test_unexpected_error_in_one_entry_drops_that_entry_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsloom.ingest.feeds as feeds

    real = feeds._published

    def failing(entry: Any) -> str | None:
        if entry.get("id") == "b":
            raise OverflowError("date value out of range")
        return real(entry)

    monkeypatch.setattr(feeds, "_published", failing)
    items = _read(tmp_path, "f.xml", _rss(_item("a", True) + _item("b", True) + _item("c", True)))
    summary = [(i.provenance.locator, type(i).__name__) for i in items]  # type: ignore[attr-defined]
    assert summary == [("entry:a", "Document"), ("entry:b", "Dropped"), ("entry:c", "Document")]
    assert isinstance(items[1], Dropped) and items[1].reason == "unreadable"


def test_entry_with_an_impossible_date_is_kept_without_it(tmp_path: Path) -> None:
    item = _item("a", True).replace("Thu, 07 Nov 2024 09:30:00 +0100", "2025-02-30T10:00:00Z")
    (document,) = _read(tmp_path, "f.xml", _rss(item))
    assert isinstance(document, Document) and document.published is None
