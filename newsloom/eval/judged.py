"""The judged real-news set: facts newsloom emitted on real articles, judged by hand.

The articles are real news pages of `../shared/eval` (ScrapingHub HTML, the same pages
as scraped text, L3S-GN1) on politics, conflict, crime, diplomacy and business. Every
fact newsloom emitted on them was judged as `../shared/JUDGING.md` says: the article's
title, date, authors, wire credit and body; the first ten entities; every quote, time,
place and event, each right, partly right (events: type right, a detail wrong) or wrong,
plus what an analyst would have expected and it missed.

The judgements (`data/judged_real_news.jsonl`, one object a line) hold no article text:

    {"article": "l3s-gn1/<uuid>", "as": "html", "kind": "event", "span": [s, e],
     "sig": "<digest>", "verdict": "partly", "detail": "date: the rally, not the vote"}
    {"article": ..., "kind": "quote", "verdict": "missed", "detail": "the mayor's reply"}

A fact is matched by kind and `sig`: a digest of what it says (its span's words and the
n-th time they occur, and the attributes a judge rules on: an event's type, actors,
date, place and casualties; a quote's speaker and kind; a time's value; a place's
gazetteer entry; an entity's id, type and roles). So a fact whose span moved with the
text still matches, and one whose attributes changed needs judging again: the score
lists it as unjudged, and `judge_list` prints the facts that need a verdict.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, cast

from newsloom.eval import l3s_gn1, scrapinghub
from newsloom.eval.sources import load_gold, read_gzip_html, read_utf8_text
from newsloom.record import Article, DocumentKind

JUDGEMENTS_FILE = "judged_real_news.jsonl"
FACT_KINDS = ("entity", "quote", "time", "place", "event")
ARTICLE_KINDS = ("title", "published", "authors", "source", "body")
VERDICTS = ("right", "partly", "wrong")
# Entities judged per article, in order of first mention (JUDGING.md).
ENTITIES_JUDGED = 10
# The confidence floor of the UI's events page: events under it are not shown by default.
EVENT_FLOOR = 0.5
# Where each set's pages are, relative to its folder, and how they are read.
PAGE_LAYOUTS: dict[str, tuple[str, str]] = {
    "scrapinghub-article-extraction": ("html/{key}.html.gz", "html"),
    "l3s-gn1": ("original/{key}.html.gz", "html"),
    "scraped-text": ("txt/{key}.txt", "text"),
}


@dataclass(slots=True, frozen=True)
class JudgedFact:
    """One fact as the judges see it: its kind, evidence span, digest and a readable label."""

    kind: str
    span: tuple[int, int] | None
    sig: str
    label: dict[str, Any]
    confidence: float = 1.0


def _digest(*parts: object) -> str:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _anchor(text: str, start: int, end: int) -> str:
    """The span's words and which occurrence of them it is: stable when other text moves."""
    words = text[start:end]
    return f"{words}#{text.count(words, 0, start)}" if words else f"@{start}"


def facts_to_judge(article: Article) -> list[JudgedFact]:
    """What a judge rules on for one article, in the order JUDGING.md lists it."""
    text = article.text
    facts = [
        JudgedFact("title", None, _digest(article.title), {"value": article.title}),
        JudgedFact(
            "published", None, _digest(_iso(article.published)), {"value": _iso(article.published)}
        ),
        JudgedFact("authors", None, _digest(article.authors), {"value": article.authors}),
        JudgedFact("source", None, _digest(article.source), {"value": article.source}),
        JudgedFact(
            "body", None, article.content_hash[:16], {"paragraphs": len(article.paragraphs)}
        ),
    ]
    entities = sorted(article.entities, key=lambda e: min((m.start for m in e.mentions), default=0))
    for entity in entities[:ENTITIES_JUDGED]:
        first = min(entity.mentions, key=lambda m: m.start)
        roles = sorted({(r.title, r.of, r.to) for r in entity.roles}, key=str)
        label: dict[str, Any] = {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "aliases": entity.aliases,
            "roles": roles,
        }
        facts.append(_fact("entity", text, first.start, first.end, label, entity.confidence))
    for quote in article.quotes:
        label = {
            "kind": quote.kind,
            "speaker": quote.speaker,
            "speaker_id": quote.speaker_id,
            "cue": quote.cue,
        }
        facts.append(_fact("quote", text, quote.start, quote.end, label, quote.confidence))
    for time in article.times:
        facts.append(
            _fact(
                "time",
                text,
                time.start,
                time.end,
                {"value": time.value, "type": time.type},
                time.confidence,
            )
        )
    for place in article.places:
        label = {
            "name": place.name,
            "kind": place.kind,
            "country": place.country,
            "geonames_id": place.geonames_id,
            "lat": round(place.latitude, 2),
            "lon": round(place.longitude, 2),
        }
        facts.append(_fact("place", text, place.start, place.end, label, place.confidence))
    for event in article.events:
        label = {
            "type": event.type,
            "mode": event.mode,
            "source": event.source.text if event.source else None,
            "target": event.target.text if event.target else None,
            "date": event.date,
            "place_id": event.place_id,
            "fatalities": event.fatalities,
            "injured": event.injured,
            "claimed_by": event.claimed_by.text if event.claimed_by else None,
        }
        facts.append(_fact("event", text, *event.trigger_span, label, event.confidence))
    return facts


def _fact(
    kind: str, text: str, start: int, end: int, label: dict[str, Any], confidence: float
) -> JudgedFact:
    return JudgedFact(
        kind, (start, end), _digest(_anchor(text, start, end), label), label, confidence
    )


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(slots=True)
class Judgement:
    article: str
    kind: str
    verdict: str
    sig: str | None = None
    span: tuple[int, int] | None = None
    detail: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Judgement:
        span = data.get("span")
        return cls(
            article=data["article"],
            kind=data["kind"],
            verdict=data["verdict"],
            sig=data.get("sig"),
            span=(span[0], span[1]) if span else None,
            detail=data.get("detail", ""),
        )


def load_judgements(path: Path | None = None) -> list[Judgement]:
    """The judgements shipped with newsloom, or those of `path`."""
    if path is not None:
        text = path.read_text(encoding="utf-8")
    else:
        text = resources.files("newsloom.eval").joinpath("data", JUDGEMENTS_FILE).read_text("utf-8")
    return [Judgement.from_dict(json.loads(line)) for line in text.splitlines() if line.strip()]


@dataclass(slots=True)
class KindTally:
    """One fact kind on the judged articles: what was emitted and how it was judged."""

    emitted: int = 0
    right: int = 0
    partly: int = 0
    wrong: int = 0
    unjudged: int = 0
    missed: int = 0

    @property
    def judged(self) -> int:
        return self.right + self.partly + self.wrong

    def precision(self) -> float | None:
        """Fully right among the judged (partly right counts as not right)."""
        return self.right / self.judged if self.judged else None

    def recall(self) -> float | None:
        """Rough: right among right plus the misses the judges listed."""
        found = self.right + self.partly
        return found / (found + self.missed) if found + self.missed else None

    def add(self, verdict: str | None) -> None:
        self.emitted += 1
        if verdict is None:
            self.unjudged += 1
        else:
            setattr(self, verdict, getattr(self, verdict) + 1)

    def to_dict(self) -> dict[str, Any]:
        precision, recall = self.precision(), self.recall()
        return {
            **dataclasses.asdict(self),
            "precision": round(precision, 3) if precision is not None else None,
            "recall": round(recall, 3) if recall is not None else None,
        }


@dataclass(slots=True)
class JudgedScore:
    """Tallies by fact kind (and events at the UI's floor), for a group of articles."""

    articles: int = 0
    kinds: dict[str, KindTally] = field(default_factory=dict)

    def tally(self, kind: str) -> KindTally:
        return self.kinds.setdefault(kind, KindTally())

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "kinds": {k: t.to_dict() for k, t in self.kinds.items()}}


@dataclass(slots=True, frozen=True)
class JudgedPage:
    article: str  # "<set>/<key>"
    path: Path
    kind: str  # html or text
    url: str | None


def judged_pages(data_dir: Path, articles: Iterable[str]) -> list[JudgedPage]:
    pages = []
    for article in sorted(set(articles)):
        set_name, key = article.split("/", 1)
        pattern, kind = PAGE_LAYOUTS[set_name]
        folder = data_dir / set_name
        pages.append(
            JudgedPage(article, folder / pattern.format(key=key), kind, _url(folder, set_name, key))
        )
    return pages


def _url(folder: Path, set_name: str, key: str) -> str | None:
    gold_files = {scrapinghub.NAME: scrapinghub.GOLD_FILE, l3s_gn1.NAME: l3s_gn1.GOLD_FILE}
    if set_name not in gold_files:
        return None
    entry = load_gold(folder, gold_files[set_name]).get(key) or {}
    return entry.get("url") if isinstance(entry, dict) else None


def read_page(page: JudgedPage) -> str:
    """The page as the eval reads it (gzip HTML decoded like the readers, or UTF-8 text)."""
    return read_gzip_html(page.path) if page.path.suffix == ".gz" else read_utf8_text(page.path)


def extract_page(page: JudgedPage) -> Article:
    """The article newsloom makes of a judged page, enriched (as `newsloom ingest` would)."""
    import newsloom
    from newsloom.options import Options

    kind = cast(DocumentKind, page.kind)
    return newsloom.extract(read_page(page), kind=kind, url=page.url, options=Options(enrich=True))


def score_articles(
    articles: dict[str, Article], judgements: list[Judgement]
) -> tuple[JudgedScore, list[tuple[str, JudgedFact]]]:
    """Tally each emitted fact's verdict, and the listed misses; also the unjudged facts."""
    verdicts = {(j.article, j.kind, j.sig): j.verdict for j in judgements if j.verdict in VERDICTS}
    missed = Counter((j.article, j.kind) for j in judgements if j.verdict == "missed")
    score, unjudged = JudgedScore(), []
    for article_id, article in sorted(articles.items()):
        score.articles += 1
        for fact in facts_to_judge(article):
            verdict = verdicts.get((article_id, fact.kind, fact.sig))
            score.tally(fact.kind).add(verdict)
            if fact.kind == "event" and fact.confidence >= EVENT_FLOOR:
                score.tally("event@floor").add(verdict)
            if verdict is None:
                unjudged.append((article_id, fact))
        for kind in FACT_KINDS:
            score.tally(kind).missed += missed[(article_id, kind)]
    return score, unjudged


def run_judged(
    data_dir: Path, judgements: list[Judgement] | None = None
) -> Iterator[tuple[str, Article]]:
    """Each judged article, extracted now from its page."""
    judgements = judgements if judgements is not None else load_judgements()
    for page in judged_pages(data_dir, (j.article for j in judgements)):
        yield page.article, extract_page(page)


REPORT_KINDS = (*ARTICLE_KINDS, *FACT_KINDS, "event@floor")
# The kinds whose misses the judges list (JUDGING.md), so a recall can be estimated.
MISSES_LISTED = ("quote", "place", "event")


@dataclass(slots=True)
class JudgedRun:
    """The judged set scored on this version: by half of the split, and the facts to judge."""

    halves: dict[str, JudgedScore]
    unjudged: list[tuple[str, JudgedFact]]
    articles: dict[str, Article]
    verdicts: dict[tuple[str, str, str], str] = field(default_factory=dict)


def evaluate_judged(data_dir: Path, judgements: list[Judgement] | None = None) -> JudgedRun:
    """Extract every judged page again and score its facts, per half and over all."""
    from newsloom.eval.split import half_of, split_set

    judgements = judgements if judgements is not None else load_judgements()
    articles = dict(run_judged(data_dir, judgements))
    halves: dict[str, JudgedScore] = {}
    unjudged: list[tuple[str, JudgedFact]] = []
    for name in ("tune", "check", "all"):
        group = {
            article_id: article
            for article_id, article in articles.items()
            if name == "all"
            or half_of(split_set(article_id.split("/", 1)[0]), article_id.split("/", 1)[1]) == name
        }
        halves[name], missing = score_articles(group, judgements)
        if name == "all":
            unjudged = missing
    verdicts = {(j.article, j.kind, j.sig or ""): j.verdict for j in judgements}
    return JudgedRun(halves, unjudged, articles, verdicts)


def format_judged(run: JudgedRun) -> str:
    """A table per fact kind: precision (fully right / judged), rough recall, counts."""
    lines = [
        "| fact | "
        + " | ".join(f"{h}: precision (right/judged), recall" for h in run.halves)
        + " | unjudged |",
        "|---|" + "---|" * len(run.halves) + "---|",
    ]
    for kind in REPORT_KINDS:
        cells = []
        for score in run.halves.values():
            tally = score.kinds.get(kind, KindTally())
            precision, recall = tally.precision(), tally.recall()
            text = "-" if precision is None else f"{precision:.3f} ({tally.right}/{tally.judged})"
            if kind in MISSES_LISTED and recall is not None:
                text += f", {recall:.2f}"
            if kind in ("event", "event@floor") and tally.judged:
                text += f"; wrong {tally.wrong / tally.judged:.3f}"
            if kind == "quote" and tally.judged:
                real = tally.right + tally.partly  # partly: a real quote, wrong speaker
                text += (
                    f"; quotes {real / tally.judged:.3f}, speaker {tally.right / max(real, 1):.3f}"
                )
            cells.append(text)
        unjudged = run.halves["all"].kinds.get(kind, KindTally()).unjudged
        lines.append(f"| {kind} | " + " | ".join(cells) + f" | {unjudged} |")
    counts = ", ".join(f"{name} {score.articles}" for name, score in run.halves.items())
    table = f"Judged real news ({counts} articles)\n\n" + "\n".join(lines)
    return table + "\n\n" + format_curve(confidence_curve(run))


def unjudged_packets(run: JudgedRun) -> Iterator[dict[str, Any]]:
    """The facts that need a verdict, one JSON object each, with the words of their span."""
    for article_id, fact in run.unjudged:
        text = run.articles[article_id].text
        # The label's own fields come first: a quote's label has a "kind" of its own
        # (direct or reported) that must not stand for the fact kind.
        item: dict[str, Any] = {
            **fact.label,
            "article": article_id,
            "kind": fact.kind,
            "sig": fact.sig,
        }
        if fact.span is not None:
            item["span"] = list(fact.span)
            item["span_text"] = text[fact.span[0] : fact.span[1]]
        yield item


# Confidence floors the events curve is read at (the UI's floor among them).
CURVE_FLOORS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(slots=True, frozen=True)
class CurvePoint:
    floor: float
    shown: int
    right: int
    wrong: int


def confidence_curve(run: JudgedRun) -> dict[str, list[CurvePoint]]:
    """Per half: of the judged events at or above each confidence floor, how many are
    fully right and how many wrong; what a floor in the UI would promise."""
    from newsloom.eval.split import half_of, split_set

    events: dict[str, list[tuple[float, str]]] = {"tune": [], "check": [], "all": []}
    for article_id, article in run.articles.items():
        set_name, key = article_id.split("/", 1)
        half = half_of(split_set(set_name), key)
        for fact in facts_to_judge(article):
            verdict = run.verdicts.get((article_id, fact.kind, fact.sig))
            if fact.kind == "event" and verdict in VERDICTS:
                events[half].append((fact.confidence, verdict))
                events["all"].append((fact.confidence, verdict))
    return {
        half: [
            CurvePoint(
                floor,
                sum(c >= floor for c, _ in found),
                sum(c >= floor and v == "right" for c, v in found),
                sum(c >= floor and v == "wrong" for c, v in found),
            )
            for floor in CURVE_FLOORS
        ]
        for half, found in events.items()
    }


def format_curve(curve: dict[str, list[CurvePoint]]) -> str:
    """The events' confidence curve: at each floor, shown events, share right, share wrong."""
    halves = list(curve)
    lines = [
        "Events by confidence floor (judged events at or above it: right, wrong)",
        "",
        "| floor | " + " | ".join(halves) + " |",
        "|---|" + "---|" * len(halves),
    ]
    for index, floor in enumerate(CURVE_FLOORS):
        cells = []
        for half in halves:
            point = curve[half][index]
            if point.shown:
                right, wrong = point.right / point.shown, point.wrong / point.shown
                cells.append(f"{point.shown}: right {right:.2f}, wrong {wrong:.2f}")
            else:
                cells.append("-")
        lines.append(f"| {floor:.1f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
