"""The sources file: a TOML list of `[[sources]]` tables that `newsloom watch` follows.

```toml
[[sources]]
url = "https://example.org/feed.xml"   # required
name = "Example"                        # default: the URL's host
kind = "feed"                           # feed | sitemap | page; sniffed when absent
language = "en"
country = "GB"
interval = "15m"                        # s, m, h or d; default 15m
tags = ["world"]
allow_private = false                   # true: this source's own host may be non-public
```

`add_source`/`remove_source` rewrite the file (comments are not kept); an unknown key,
a bad URL or interval is a `SourceError` naming the table.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

KINDS = ("feed", "sitemap", "page")
DEFAULT_INTERVAL = 15 * 60.0
MIN_INTERVAL = 1.0
_INTERVAL = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_KEYS = {"url", "name", "kind", "language", "country", "interval", "tags", "allow_private"}


class SourceError(ValueError):
    """A sources file or entry that cannot be used."""


def parse_interval(text: str | int | float) -> float:
    """Seconds in "90", "90s", "15m", "2h", "1d" (at least `MIN_INTERVAL`)."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return max(MIN_INTERVAL, float(text))
    match = _INTERVAL.match(str(text))
    if not match:
        raise SourceError(f"interval {text!r}: give a number with s, m, h or d (such as 15m)")
    return max(MIN_INTERVAL, float(match.group(1)) * _UNITS[match.group(2)])


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(f"url {url!r}: an http:// or https:// URL is needed")
    return url.strip()


@dataclass(slots=True, frozen=True)
class Source:
    url: str
    name: str = ""
    kind: str | None = None
    language: str | None = None
    country: str | None = None
    interval: str = "15m"
    tags: tuple[str, ...] = field(default_factory=tuple)
    allow_private: bool = False

    @property
    def label(self) -> str:
        return self.name or (urlsplit(self.url).hostname or self.url)

    @property
    def seconds(self) -> float:
        return parse_interval(self.interval)

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    def to_table(self) -> dict[str, Any]:
        table: dict[str, Any] = {"url": self.url}
        for key in ("name", "kind", "language", "country"):
            value = getattr(self, key)
            if value:
                table[key] = value
        if self.interval != "15m":
            table["interval"] = self.interval
        if self.tags:
            table["tags"] = list(self.tags)
        if self.allow_private:
            table["allow_private"] = True
        return table


def source_from_table(table: dict[str, Any], where: str = "") -> Source:
    unknown = set(table) - _KEYS
    if unknown:
        raise SourceError(f"{where}unknown keys {sorted(unknown)}; allowed: {sorted(_KEYS)}")
    if not isinstance(table.get("url"), str):
        raise SourceError(f"{where}a url is required")
    kind = table.get("kind")
    if kind is not None and kind not in KINDS:
        raise SourceError(f"{where}kind {kind!r}: one of {', '.join(KINDS)}")
    interval = str(table.get("interval", "15m"))
    parse_interval(interval)
    tags = table.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise SourceError(f"{where}tags must be a list of strings")
    allow = table.get("allow_private", False)
    if not isinstance(allow, bool):
        raise SourceError(f"{where}allow_private must be true or false")
    text = {key: table.get(key) for key in ("name", "language", "country")}
    for key, value in text.items():
        if value is not None and not isinstance(value, str):
            raise SourceError(f"{where}{key} must be a string")
    return Source(
        url=check_url(table["url"]),
        name=text["name"] or "",
        kind=kind,
        language=text["language"],
        country=text["country"],
        interval=interval,
        tags=tuple(tags),
        allow_private=allow,
    )


def load_sources(path: Path) -> list[Source]:
    """The sources of a file; a missing file has none."""
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SourceError(f"{path}: {error}") from error
    tables = data.get("sources", [])
    if not isinstance(tables, list):
        raise SourceError(f"{path}: `sources` must be [[sources]] tables")
    sources = [source_from_table(t, f"{path} source {i + 1}: ") for i, t in enumerate(tables)]
    urls = [source.url for source in sources]
    if len(set(urls)) != len(urls):
        raise SourceError(f"{path}: a url is listed twice")
    return sources


def load_tables(path: Path, key: str) -> list[dict[str, Any]]:
    """The `[[key]]` tables of a sources file (alerts live beside the sources)."""
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    tables = data.get(key, [])
    return [t for t in tables if isinstance(t, dict)] if isinstance(tables, list) else []


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    text = str(value)
    escaped = "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in text)
    return f'"{escaped}"'


def dump_tables(key: str, tables: list[dict[str, Any]]) -> str:
    blocks = []
    for table in tables:
        lines = [f"[[{key}]]"] + [f"{k} = {_toml_value(v)}" for k, v in table.items()]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def save_sources(path: Path, sources: list[Source]) -> None:
    """Write `sources`, keeping any `[[alerts]]` tables of the file; atomically."""
    alerts = load_tables(path, "alerts")
    text = dump_tables("sources", [source.to_table() for source in sources])
    if alerts:
        text += "\n" + dump_tables("alerts", alerts)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(text, encoding="utf-8")
    temp.replace(path)


def add_source(path: Path, source: Source) -> bool:
    """Add `source`; False (and nothing written) when its URL is listed already."""
    sources = load_sources(path)
    if any(existing.url == source.url for existing in sources):
        return False
    save_sources(path, [*sources, source])
    return True


def remove_source(path: Path, url_or_name: str) -> list[Source]:
    """Remove the sources with this URL or name; the removed ones."""
    sources = load_sources(path)
    removed = [s for s in sources if url_or_name in (s.url, s.name)]
    if removed:
        save_sources(path, [s for s in sources if s not in removed])
    return removed
