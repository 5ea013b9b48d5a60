"""Why a reader drops an input: the machine-readable reasons a run counts.

The last four are decided after reading: by extraction (`ExtractionError.reason`,
which `newsloom.extract` also raises, with `empty`, `too_large` and, for an
unexpected error, `failed`) and by the store.

- `not_found`: a path or glob pattern that names no file.
- `unreadable`: the file could not be opened or read (permissions, an I/O error,
  a corrupt gzip stream, a named pipe, socket or device instead of a file), or one WARC
  record or JSONL line raised an unexpected error (logged; its neighbours are kept).
- `too_large`: a file, WARC record, JSONL line or feed larger than
  `Options.max_document_bytes`; it is not read into memory.
- `empty`: nothing but whitespace (an empty file, record, line, or a feed without entries).
- `binary`: bytes that are not text (an image, an archive, random bytes), whatever the name says.
- `truncated`: a compressed file or WARC that ends in the middle; whatever came
  before the break is still yielded.
- `malformed_feed`: an RSS/Atom file that feedparser cannot read and that has no entries.
- `malformed_json`: a JSONL line that is not a JSON object, or that nests arrays and
  objects more than 100 levels deep (`jsonl.MAX_JSON_DEPTH`).
- `malformed_warc`: bytes in a WARC where a record should be (text between records, a
  header line over 1 MiB, a header that cannot be parsed); reading goes on with the next
  record (the next `WARC/` line, or the next gzip member), so the records around it are kept.
- `missing_fields`: a JSONL object without a `url` string and an `html` or `text` string.
- `no_link`: a feed entry with neither full content nor a link to fetch it.
- `not_html`: a WARC response whose content type is not HTML (an image, a PDF, JSON).
- `http_status`: a WARC response with an HTTP status other than 2xx (redirects, errors).
- `no_text`: extraction found no article body in a document.
- `too_long`: the article extracted is longer than `Options.max_article_chars`
  (500,000 characters): a dump or a runaway page, not an article.
- `too_deep`: markup nested deeper than the parser can follow (RecursionError).
- `store_busy`: the store stayed locked by another writer past the lock wait; the
  input was read but not written, and a rerun writes it.
"""

from __future__ import annotations

NOT_FOUND = "not_found"
UNREADABLE = "unreadable"
TOO_LARGE = "too_large"
EMPTY = "empty"
BINARY = "binary"
TRUNCATED = "truncated"
MALFORMED_FEED = "malformed_feed"
MALFORMED_JSON = "malformed_json"
MALFORMED_WARC = "malformed_warc"
MISSING_FIELDS = "missing_fields"
NO_LINK = "no_link"
NOT_HTML = "not_html"
HTTP_STATUS = "http_status"
NO_TEXT = "no_text"
TOO_LONG = "too_long"
TOO_DEEP = "too_deep"
STORE_BUSY = "store_busy"

ALL_REASONS = frozenset(
    {
        NOT_FOUND,
        UNREADABLE,
        TOO_LARGE,
        EMPTY,
        BINARY,
        TRUNCATED,
        MALFORMED_FEED,
        MALFORMED_JSON,
        MALFORMED_WARC,
        MISSING_FIELDS,
        NO_LINK,
        NOT_HTML,
        HTTP_STATUS,
        NO_TEXT,
        TOO_LONG,
        TOO_DEEP,
        STORE_BUSY,
    }
)
