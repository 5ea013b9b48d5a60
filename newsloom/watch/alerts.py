"""Alerts: saved queries checked against each round's new articles, sent at most once.

An alert is an `[[alerts]]` table in the sources file:

```toml
[[alerts]]
name = "deadly floods"          # required, unique: what was sent is kept under it
words = ["flood"]               # every word in the title or text (case-insensitive)
entity = "Red Cross"            # an entity's name, alias or id
place = "Kenya"                 # a place's name, country code or id
event_type = "ASSAULT"          # a PLOVER event type
min_fatalities = 5              # an event with at least this many deaths (or min_injured)
jsonl = "alerts.jsonl"          # append one JSON line per match, and/or
webhook = "https://hooks.example.org/newsloom"   # POST the same JSON object
```

Without event conditions an article is the match; with them each matching event is
one (its article and evidence span). A match is claimed in the watch state before it
is sent, so it is sent at most once however often its article is stored again.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from newsloom.record import Article, Event
from newsloom.store import Store
from newsloom.watch.sources import SourceError
from newsloom.watch.state import WatchState, now

log = logging.getLogger(__name__)

_KEYS = {
    "name",
    "words",
    "entity",
    "place",
    "event_type",
    "min_fatalities",
    "min_injured",
    "jsonl",
    "webhook",
}


@dataclass(slots=True, frozen=True)
class Alert:
    name: str
    words: tuple[str, ...] = ()
    entity: str | None = None
    place: str | None = None
    event_type: str | None = None
    min_fatalities: int | None = None
    min_injured: int | None = None
    jsonl: str | None = None
    webhook: str | None = None

    @property
    def on_events(self) -> bool:
        return any(
            value is not None for value in (self.event_type, self.min_fatalities, self.min_injured)
        )


def alert_from_table(table: dict[str, Any], where: str = "") -> Alert:
    unknown = set(table) - _KEYS
    if unknown:
        raise SourceError(f"{where}unknown keys {sorted(unknown)}; allowed: {sorted(_KEYS)}")
    if not isinstance(table.get("name"), str) or not table["name"]:
        raise SourceError(f"{where}an alert needs a name")
    if not table.get("jsonl") and not table.get("webhook"):
        raise SourceError(f"{where}an alert needs jsonl or webhook")
    words = table.get("words", [])
    if isinstance(words, str):
        words = [words]
    for key in ("min_fatalities", "min_injured"):
        if key in table and not isinstance(table[key], int):
            raise SourceError(f"{where}{key} must be a whole number")
    return Alert(
        name=table["name"],
        words=tuple(str(word) for word in words),
        entity=table.get("entity"),
        place=table.get("place"),
        event_type=table.get("event_type"),
        min_fatalities=table.get("min_fatalities"),
        min_injured=table.get("min_injured"),
        jsonl=table.get("jsonl"),
        webhook=table.get("webhook"),
    )


def load_alerts(tables: list[dict[str, Any]]) -> list[Alert]:
    alerts = [alert_from_table(t, f"alert {i + 1}: ") for i, t in enumerate(tables)]
    names = [alert.name for alert in alerts]
    if len(set(names)) != len(names):
        raise SourceError("two alerts have the same name")
    return alerts


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _has_words(article: Article, words: tuple[str, ...]) -> bool:
    text = _folded(f"{article.title or ''} {article.text}")
    return all(re.search(rf"\b{re.escape(_folded(word))}\b", text) for word in words)


def _has_entity(article: Article, wanted: str) -> bool:
    wanted = _folded(wanted)
    for entity in article.entities:
        names = {entity.id, entity.name, *(m.text for m in entity.mentions)}
        if wanted in {_folded(name) for name in names}:
            return True
    return False


def _has_place(article: Article, wanted: str) -> bool:
    wanted = _folded(wanted)
    return any(
        wanted in {_folded(p.name), _folded(p.entity_id), _folded(p.country or "")}
        for p in article.places
    )


def _event_matches(alert: Alert, event: Event) -> bool:
    if alert.event_type and event.type.upper() != alert.event_type.upper():
        return False
    if alert.min_fatalities is not None and (event.fatalities or 0) < alert.min_fatalities:
        return False
    return not (alert.min_injured is not None and (event.injured or 0) < alert.min_injured)


def matches(alert: Alert, article: Article) -> list[tuple[str, dict[str, Any]]]:
    """(match key, payload) for each match of `alert` in `article`."""
    if alert.words and not _has_words(article, alert.words):
        return []
    if alert.entity and not _has_entity(article, alert.entity):
        return []
    if alert.place and not _has_place(article, alert.place):
        return []
    base = {
        "alert": alert.name,
        "article": article.id,
        "url": article.url,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
    }
    if not alert.on_events:
        return [(article.id, base)]
    found = []
    for event in article.events:
        if _event_matches(alert, event):
            key = f"{article.id}:event:{event.type}:{event.start}:{event.end}"
            evidence = article.text[event.start : event.end]
            payload = {
                **base,
                "event": {
                    "type": event.type,
                    "trigger": event.trigger,
                    "fatalities": event.fatalities,
                    "injured": event.injured,
                    "evidence": evidence,
                },
            }
            found.append((key, payload))
    return found


def deliver(alert: Alert, payload: dict[str, Any]) -> None:
    """Send one match; raises OSError or httpx.HTTPError when it could not be."""
    if alert.jsonl:
        with open(Path(alert.jsonl), "a", encoding="utf-8") as file:
            file.write(json.dumps(payload, ensure_ascii=False) + "\n")
    if alert.webhook:
        response = httpx.post(alert.webhook, json=payload, timeout=10.0, follow_redirects=False)
        response.raise_for_status()


def check_alerts(
    alerts: list[Alert], store: Store, article_ids: list[str], state: WatchState
) -> int:
    """Send every match not sent before among `article_ids`; how many were sent."""
    sent = 0
    for article_id in dict.fromkeys(article_ids):
        article = store.get(article_id)
        if article is None:
            continue
        for alert in alerts:
            for key, payload in matches(alert, article):
                if not state.claim_alert(alert.name, key):
                    continue
                try:
                    deliver(alert, {**payload, "sent": now()})
                except (OSError, httpx.HTTPError) as error:
                    log.error("alert %s: could not send %s (%s)", alert.name, key, error)
                    continue
                sent += 1
    return sent
