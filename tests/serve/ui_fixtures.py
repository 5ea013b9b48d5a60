"""A store for the web UI tests: the samples, one enriched article and one hostile article.

All articles are invented. The hostile one carries markup and `javascript:` URLs in every
field a page shows, so tests can check that nothing of it runs or links anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from newsloom.pipeline import Pipeline
from newsloom.record import (
    Article,
    Entity,
    Mention,
    Provenance,
    Quote,
    RelatedItem,
    RemovedSegment,
    TimeExpression,
)
from newsloom.store import open_store
from tests.store.articles import make_enriched_article

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"
STYLE = '<style>body{display:none}</style><div style="background:url(javascript:alert(1))">'


@dataclass(slots=True, frozen=True)
class UIStore:
    path: Path
    enriched_id: str
    hostile_id: str


def hostile_article() -> Article:
    body = (
        f"Zorvath harbour [notice] {SCRIPT} was posted by {IMG} near the quay."
        "\n\n"
        f'"Keep {SCRIPT} away," said Brannoc Ild about {JS_URL} and {STYLE}.'
    )
    article = Article(
        paragraphs=body.split("\n\n"),
        title=f"Zorvath notice {SCRIPT}",
        published=dt.date(2031, 3, 9),
        url=JS_URL,
        canonical_url=" javascript:alert(2)",
        source=f"Zorvath {IMG}",
        site=f"zorvath.example{SCRIPT}",
        authors=[SCRIPT, f'Ilka "Quill" {IMG}'],
        language="en",
        credits=[IMG],
        related=[RelatedItem(f"More {SCRIPT}", JS_URL), RelatedItem(IMG, "JaVaScRiPt:alert(3)")],
        removed=[RemovedSegment(f"Promo {SCRIPT}", f"boilerplate{IMG}")],
        provenance=[Provenance(f"feeds/{IMG}.xml", "feed", SCRIPT)],
    )
    text = article.text
    img_start = text.index(IMG)
    script_start = text.index(SCRIPT)
    article.entities = [
        Entity(
            f'person:x"{IMG}',
            f"Brannoc {IMG}",
            "PERSON",
            mentions=[
                Mention(IMG, img_start, img_start + len(IMG), 0.8),
                Mention("Brannoc Ild", text.index("Brannoc Ild"), text.index("Brannoc Ild") + 11),
            ],
        )
    ]
    quote_start = text.index("Keep")
    quote_end = text.index(" away,") + len(" away,")
    article.quotes = [
        Quote(text[quote_start:quote_end], "direct", quote_start, quote_end, speaker=IMG)
    ]
    article.times = [
        TimeExpression(SCRIPT, f"2031{IMG}", "DATE", script_start, script_start + len(SCRIPT))
    ]
    article.enrichment = "done"
    return article


def build_ui_store(path: Path) -> UIStore:
    """Fill a SQLite store at `path` and say which articles the tests look at."""
    with open_store(str(path)) as store:
        Pipeline(store, stages=[]).ingest([str(SAMPLES)])
        enriched = make_enriched_article(published=dt.date(2031, 3, 4))
        store.save(enriched)
        second = make_enriched_article(
            "Harbour master Tilda Quenby said the port of Marlowe Sound would reopen on Friday.",
            locator="entry-2",
            url="https://velmora-gazette.example/reopen",
            title="Marlowe Sound port to reopen",
            published=dt.date(2031, 3, 6),
        )
        store.save(second)
        hostile = hostile_article()
        store.save(hostile)
    return UIStore(path, enriched.id, hostile.id)
