"""Property: `newsloom.extract` and `newsloom.analyze` raise nothing but `ExtractionError`
(with a documented reason other than `failed`, which marks a bug) for any input: bytes,
text with lone surrogates and controls, HTML fragments of every kind, impossible
dates, broken URLs; and JSONL lines, feeds and WARC files built from the same parts go
through the readers and extraction with no input failing. Whatever comes out can be
encoded as UTF-8 and stored.

Bounded and the same every time in the normal test run (`FUZZ_EXAMPLES` examples,
`ANALYZE_EXAMPLES` for the slower `analyze`). `make fuzz` sets `NEWSLOOM_FUZZ_EXAMPLES`
for a long, randomised run; there a `failed` outcome (an error inside extraction or
enrichment, turned into `ExtractionError("failed")` by the API or `Failed` by the
pipeline) is written as a JSON line to `NEWSLOOM_FUZZ_FAILED` and counted in the
statistics instead of ending the run, so one run finds every kind of bug it can; any
other exception still fails the test. An input still running after `SLOW_SECONDS` is
interrupted there (SIGALRM) and logged the same way: a pathological regular expression
once hung a long run for good.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import newsloom
from newsloom.extract.errors import EXTRACTION_REASONS, FAILED, ExtractionError
from newsloom.ingest import read_inputs
from newsloom.options import DEFAULT_OPTIONS
from newsloom.pipeline.process import Failed, process_item
from newsloom.record import Article, Dropped

hypothesis = pytest.importorskip("hypothesis")
st = pytest.importorskip("hypothesis.strategies")

# Per test; analyze runs the spaCy stages and gets a tenth.
FUZZ_EXAMPLES = int(os.environ.get("NEWSLOOM_FUZZ_EXAMPLES", "0")) or 200
ANALYZE_EXAMPLES = max(FUZZ_EXAMPLES // 10, 20)
LONG_RUN = "NEWSLOOM_FUZZ_EXAMPLES" in os.environ
FAILED_LOG = os.environ.get("NEWSLOOM_FUZZ_FAILED", "")
SLOW_SECONDS = 60


class _Slow(Exception):
    """Raised into an input that runs past `SLOW_SECONDS` (long runs only)."""


@contextlib.contextmanager
def _bounded() -> Iterator[None]:
    """In a long run, interrupt the body after `SLOW_SECONDS`; the API and the pipeline
    report the interruption as `failed`, which is logged with the input."""
    if not LONG_RUN or not hasattr(signal, "SIGALRM"):
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise _Slow(f"still running after {SLOW_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(SLOW_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _settings(examples: int) -> Any:
    return hypothesis.settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(hypothesis.HealthCheck),
        derandomize=not LONG_RUN,  # the normal run is the same every time
        database=None,
        print_blob=True,
    )


# --- parts -------------------------------------------------------------------------

# Any code point, lone surrogates and controls included.
ANY_CHAR = st.characters(codec=None, exclude_categories=())
WORDS = [
    "The", "harbour", "board", "of", "Vellinmoor", "voted", "on", "Tuesday", "to", "close",
    "pier", "said", "Idris", "Penhallow", "\u201cWe", "will", "reopen\u201d", "Reuters",
    "AP", "By", "Jane", "Roe", "Published", "Updated", "30", "February", "2025", "km",
    "$1.5bn", "12:30", "GMT", "\u00a9", "Share", "on", "Facebook", "Read", "more", "...",
]  # fmt: skip
DATE_TEXT = [
    "2025-02-30", "0000-01-01", "9999-12-31T23:59:59-23:59", "2024-05-14T09:30:00+99:99",
    "2025-13-45", "2024-05-14T25:61:00Z", "20240514", "Thu, 31 Feb 2025 99:00:00 +9999",
    "30 February 2025", "yesterday", "", " ", "2024-05-14", "2024-05-14T09:30:00Z",
    "\u0662\u0660\u0662\u0665-\u0660\u0661-\u0660\u0661", "-0001-01-01", "2024-W20-3",
]  # fmt: skip
URL_TEXT = [
    "http://[::1", "https://a.example:99999/x", "http://[oops/story", "https://a.example/p",
    "javascript:alert(1)", "//a.example/x", "", "http://a.example/\ud800", "file:///etc/x",
    "https://xn--bcher-kva.example/\u00fc?q=1#f", "http://a.example:-1/", "http://:80",
]  # fmt: skip

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join)
any_text = st.text(ANY_CHAR, max_size=300)
date_text = st.one_of(
    st.sampled_from(DATE_TEXT),
    st.from_regex(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?)?",
        fullmatch=True,
    ),
    any_text,
)
url_text = st.one_of(st.sampled_from(URL_TEXT), any_text)
text_piece = st.one_of(words, any_text, date_text, url_text)


@st.composite
def scraped_text(draw: Callable[..., Any]) -> str:
    """Lines like a scraped page: a date line, a headline, prose, furniture, junk."""
    lines = draw(st.lists(text_piece, max_size=25))
    if draw(st.booleans()):
        lines.insert(0, "date " + draw(date_text))
    separator = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\u2028", " "]))
    return separator.join(lines)


TAGS = [
    "html", "head", "body", "article", "main", "div", "p", "span", "a", "h1", "h2", "time",
    "title", "table", "tr", "td", "ul", "li", "figure", "figcaption", "iframe", "svg",
    "math", "noscript", "template", "style", "textarea", "select", "frameset", "object",
    "br", "hr", "img", "base", "form", "button", "header", "footer", "nav", "aside",
]  # fmt: skip
META_NAMES = [
    "article:published_time", "article:modified_time", "og:url", "og:title", "og:site_name",
    "date", "pubdate", "author", "description", "dc.date", "citation_publication_date",
]  # fmt: skip
ATTRIBUTES = ["class", "id", "href", "datetime", "lang", "rel", "itemprop", "content", "src"]
RAW_HTML = [
    "<iframe html>", "<!DOCTYPE html>", "<!DOCTYPE rss [<!ENTITY a 'b'>]>", "<![CDATA[x]]>",
    "&#0;", "&#8;", "&#x110000;", "&#xd800;", "&nbsp;", "&amp", "<!--", "-->", "</",
    "<?xml version='1.0' encoding='x'?>", "<meta charset='utf-7'>", "<base href='http://[x'>",
    "<link rel='canonical' href='http://[::1'>", "<html lang='\ud800'>", "\x00", "<",
]  # fmt: skip


@st.composite
def json_value(draw: Callable[..., Any], depth: int = 0) -> Any:
    if depth > 3 or draw(st.booleans()):
        return draw(st.one_of(text_piece, st.integers(), st.floats(), st.none()))
    if draw(st.booleans()):
        return [draw(json_value(depth + 1)) for _ in range(draw(st.integers(0, 3)))]
    keys = st.sampled_from(["@type", "datePublished", "dateModified", "headline", "url",
                            "articleBody", "author", "name", "@graph", "inLanguage"])  # fmt: skip
    return {draw(keys): draw(json_value(depth + 1)) for _ in range(draw(st.integers(0, 4)))}


@st.composite
def html_tree(draw: Callable[..., Any], depth: int = 0) -> str:
    choice = draw(st.integers(0, 9))
    if depth > 6 or choice < 3:
        return draw(st.one_of(text_piece, st.sampled_from(RAW_HTML)))
    if choice == 3:
        name, value = draw(st.sampled_from(META_NAMES)), draw(st.one_of(date_text, url_text))
        return f'<meta property="{name}" name="{name}" content="{value}">'
    if choice == 4:
        body = json.dumps(draw(json_value()), ensure_ascii=draw(st.booleans()))
        return f'<script type="application/ld+json">{body}</script>'
    if choice == 5:
        return "<div>" * draw(st.integers(0, 400)) + draw(text_piece)
    tag = draw(st.sampled_from(TAGS))
    attributes = "".join(
        f' {draw(st.sampled_from(ATTRIBUTES))}="{draw(text_piece)}"'
        for _ in range(draw(st.integers(0, 2)))
    )
    inner = "".join(draw(st.lists(html_tree(depth + 1), max_size=4)))
    closed = f"</{tag}>" if draw(st.booleans()) else ""
    return f"<{tag}{attributes}>{inner}{closed}"


page_html = st.lists(html_tree(), min_size=1, max_size=8).map("".join)
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "latin-1", "cp1252", "koi8-r", "shift_jis"]


@st.composite
def input_bytes(draw: Callable[..., Any]) -> bytes:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return bytes(draw(st.binary(max_size=2000)))
    text = draw(st.one_of(page_html, scraped_text()))
    encoding = draw(st.sampled_from(ENCODINGS))
    encoded = text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    if kind == 2:
        return gzip.compress(encoded, mtime=0)
    return encoded


kinds = st.sampled_from(["auto", "html", "text"])
optional_url = st.none() | url_text
optional_date = st.none() | date_text


# --- extract and analyze -----------------------------------------------------------


def _stored(article: Article) -> None:
    """What the store does with an article: UTF-8 JSON of its record."""
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")


def _bug(where: str, message: str, inputs: dict[str, Any]) -> None:
    """A `failed` outcome: the test fails, or in a long run it is logged and counted."""
    assert LONG_RUN, (where, message)
    if FAILED_LOG:
        shown = {key: repr(value)[:2000] for key, value in inputs.items()}
        line = json.dumps({"test": where, "error": message, **shown}, ensure_ascii=True)
        with open(FAILED_LOG, "a", encoding="utf-8") as log:
            log.write(line + "\n")


def _only_documented_errors(call: Callable[[], Article], where: str, **inputs: Any) -> None:
    try:
        with _bounded():
            article = call()
    except ExtractionError as error:
        hypothesis.event(error.reason)  # the spread shows with --hypothesis-show-statistics
        assert error.reason in EXTRACTION_REASONS, (error.reason, error.message)
        if error.reason == FAILED:
            _bug(where, error.message, inputs)
        return
    hypothesis.event("article")
    _stored(article)


@_settings(FUZZ_EXAMPLES)
@hypothesis.given(
    data=st.one_of(input_bytes(), page_html, scraped_text(), any_text),
    kind=kinds,
    url=optional_url,
    published=optional_date,
)
def test_extract_raises_only_extraction_errors(
    data: str | bytes, kind: str, url: str | None, published: str | None
) -> None:
    _only_documented_errors(
        lambda: newsloom.extract(data, kind=kind, url=url, published=published),  # type: ignore[arg-type]
        "extract",
        data=data,
        kind=kind,
        url=url,
        published=published,
    )


@_settings(ANALYZE_EXAMPLES)
@hypothesis.given(
    text=st.one_of(scraped_text(), any_text, words),
    published=optional_date,
    title=st.none() | text_piece,
)
def test_analyze_raises_only_extraction_errors(
    text: str, published: str | None, title: str | None
) -> None:
    _only_documented_errors(
        lambda: newsloom.analyze(text, published=published, title=title),
        "analyze",
        text=text,
        published=published,
        title=title,
    )


# --- through the readers -----------------------------------------------------------


@st.composite
def jsonl_file(draw: Callable[..., Any]) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(text_piece))
            continue
        record: dict[str, Any] = {"url": draw(url_text)}
        record[draw(st.sampled_from(["html", "text"]))] = draw(st.one_of(page_html, scraped_text()))
        if draw(st.booleans()):
            record["published"] = draw(date_text)
        if draw(st.booleans()):
            record["extra"] = draw(json_value())
        lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
    if draw(st.booleans()):
        depth = draw(st.integers(90, 3000))
        lines.append('{"url": "u", "text": "t", "x": ' + "[" * depth + "]" * depth + "}")
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def feed_file(draw: Callable[..., Any]) -> bytes:
    items = []
    for _ in range(draw(st.integers(0, 4))):
        body = draw(st.one_of(page_html, scraped_text()))
        body = body * (1 + 400 // max(len(body), 1)) if draw(st.booleans()) else body
        items.append(
            f"<item><title>{_escaped(draw(text_piece))}</title>"
            f"<link>{_escaped(draw(url_text))}</link><guid>{_escaped(draw(text_piece))}</guid>"
            f"<pubDate>{_escaped(draw(date_text))}</pubDate>"
            f"<description>{_escaped(body)}</description></item>"
        )
    prolog = draw(
        st.sampled_from(["", '<?xml version="1.0"?>', "<!DOCTYPE rss [<!ENTITY nbsp '&#160;'>]>"])
    )
    feed = f'{prolog}<rss version="2.0"><channel>{"".join(items)}</channel></rss>'
    return feed.encode("utf-8", "surrogatepass")


@st.composite
def warc_file(draw: Callable[..., Any]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    gzipped = draw(st.booleans())
    out = io.BytesIO()
    for _ in range(draw(st.integers(1, 4))):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=gzipped)
        payload = draw(st.one_of(page_html, scraped_text())).encode("utf-8", "surrogatepass")
        content_type = draw(
            st.sampled_from(["text/html", "text/html; charset=x-bad", "", "image/png"])
        )
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "200", "999 ?"]))
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        # warcio writes header values as UTF-8; a lone surrogate goes in as raw bytes
        url = draw(st.sampled_from(URL_TEXT)).encode("utf-8", "surrogatepass").decode("latin-1")
        record = writer.create_warc_record(
            url or "https://w.example/",
            "response",
            payload=io.BytesIO(payload),
            http_headers=headers,
        )
        writer.write_record(record)
        out.write(buffer.getvalue())
        if draw(st.integers(0, 3)) == 0:  # junk between records
            out.write(draw(st.binary(max_size=200)))
    return out.getvalue()


@_settings(max(FUZZ_EXAMPLES // 2, 20))
@hypothesis.given(
    made=st.one_of(
        jsonl_file().map(lambda data: (data, ".jsonl")),
        feed_file().map(lambda data: (data, ".xml")),
        warc_file().map(lambda data: (data, ".warc")),
        input_bytes().map(lambda data: (data, "")),
    )
)
def test_readers_and_extraction_fail_no_input(made: tuple[bytes, str]) -> None:
    data, suffix = made
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for item in read_inputs([str(path)]):
            with _bounded():
                processed = process_item(item, DEFAULT_OPTIONS)
            outcome = getattr(processed, "reason", type(processed).__name__)
            if isinstance(processed, Dropped) and outcome == "unreadable":
                outcome += f": {processed.message[:60]}"  # which fault, in the statistics
            hypothesis.event(outcome)
            if isinstance(processed, Failed):
                message = f"{processed.reason}: {processed.message}"
                _bug("readers", message, {"data": data, "suffix": suffix})
            if isinstance(processed, Article):
                _stored(processed)
