"""Geoparsing: toponyms found in news text and resolved to coordinates (LGL, GeoWebNews,
TR-News, GeoVirus; formats and offset quirks in each set's SOURCE.md).

Gold per set (one page per article, offsets into the article's `text`):
- LGL, TR-News: every `toponym` (start, end, phrase; `gaztag` lat/lon when resolved).
  TR-News has offsets that miss their phrase: the occurrence of the phrase nearest to
  the given start is used instead.
- GeoWebNews: toponyms of the pragmatic types that name a place (literal, metonymic,
  mixed, modifiers, coercion, embedded); not `*_Expression`, `Non_Toponym`, `Homonym`,
  nor `Demonym` and `Language`, which newsloom deliberately does not output as places.
- GeoVirus: every `location`; its offsets are shifted by one (`text[start-1:end-1]`).
Metrics (as in Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation"):
recognition P/R/F1 with one-to-one span-overlap matching; on the matched toponyms that
have gold coordinates, accuracy@161 km (share within 100 miles), mean and median error
in km; and resolution alone on the gold spans (`gold-span acc@161`, `gold-span median km`),
where each system is handed every gold toponym and only has to place it.
newsloom: the product path (spaCy parse, entity stage, place resolver with context).
Baseline: the bare spaCy GPE/LOC/FAC spans, each placed at the most populous gazetteer
sense of its text (the same gazetteer, no context), and the same on gold spans.
"""

from __future__ import annotations

import functools
import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsloom.eval.runner import Comparison, DatasetLayoutError, DatasetResult, EvalPage, System
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice

EARTH_RADIUS_KM = 6371.0088
ACCURACY_KM = 161.0
# How far (characters) from a wrong offset a gold phrase is looked for.
OFFSET_SEARCH = 300
GEOWEBNEWS_PLACE_TYPES = frozenset(
    {
        "Literal",
        "Literal_Modifier",
        "Metonymic",
        "Mixed",
        "Coercion",
        "Embedded_Literal",
        "Embedded_Non_Lit",
        "Non_Literal_Modifier",
    }
)


@dataclass(slots=True, frozen=True)
class Toponym:
    """A place name span; coordinates when resolved (gold) or placed (prediction)."""

    start: int
    end: int
    latitude: float | None = None
    longitude: float | None = None

    @property
    def placed(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(slots=True, frozen=True)
class GeoDoc:
    """What a system sees: the text, and the gold spans for the resolution-only score."""

    text: str
    gold_spans: tuple[tuple[int, int], ...]


@dataclass(slots=True, frozen=True)
class GeoOutput:
    found: tuple[Toponym, ...] = ()
    on_gold: tuple[Toponym, ...] = ()  # one per gold span, in order; unplaced if unresolved


@dataclass(slots=True)
class GeoCounts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    errors_km: list[float] = field(default_factory=list)
    gold_placed: int = 0  # matched toponyms whose gold has coordinates
    on_gold_total: int = 0
    on_gold_errors_km: list[float] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class GeoScore:
    counts: GeoCounts

    def metrics(self) -> dict[str, float]:
        c = self.counts
        precision = c.matched / c.predicted if c.predicted else 0.0
        recall = c.matched / c.gold if c.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": precision,
            "recall": recall,
            "F1": f1,
            "acc@161": _within(c.errors_km, c.gold_placed),
            "mean km": statistics.fmean(c.errors_km) if c.errors_km else 0.0,
            "median km": statistics.median(c.errors_km) if c.errors_km else 0.0,
            "gold-span acc@161": _within(c.on_gold_errors_km, c.on_gold_total),
            "gold-span median km": (
                statistics.median(c.on_gold_errors_km) if c.on_gold_errors_km else 0.0
            ),
        }

    def to_dict(self) -> dict[str, Any]:
        c = self.counts
        return {
            "metrics": {k: round(v, 4) for k, v in self.metrics().items()},
            "counts": {
                "gold": c.gold,
                "predicted": c.predicted,
                "matched": c.matched,
                "matched_with_gold_coordinates": c.gold_placed,
                "placed_of_those": len(c.errors_km),
                "gold_spans_with_coordinates": c.on_gold_total,
                "gold_spans_placed": len(c.on_gold_errors_km),
            },
        }


def _within(errors: list[float], total: int) -> float:
    """Share of `total` placed within 161 km (an unplaced toponym counts as a miss)."""
    return sum(e <= ACCURACY_KM for e in errors) / total if total else 0.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# Scoring ----------------------------------------------------------------------------


def score_page(gold: tuple[Toponym, ...], output: GeoOutput) -> GeoCounts:
    counts = GeoCounts(gold=len(gold), predicted=len(output.found))
    free = list(output.found)
    for g in gold:
        hit = next((p for p in free if p.start < g.end and g.start < p.end), None)
        if hit is None:
            continue
        free.remove(hit)
        counts.matched += 1
        if g.placed:
            counts.gold_placed += 1
            if hit.placed:
                counts.errors_km.append(_error(g, hit))
    for g, placed in zip(gold, output.on_gold, strict=False):
        if g.placed:
            counts.on_gold_total += 1
            if placed.placed:
                counts.on_gold_errors_km.append(_error(g, placed))
    return counts


def _error(gold: Toponym, predicted: Toponym) -> float:
    assert gold.latitude is not None and gold.longitude is not None
    assert predicted.latitude is not None and predicted.longitude is not None
    return distance_km(gold.latitude, gold.longitude, predicted.latitude, predicted.longitude)


def aggregate(pages: Sequence[GeoCounts]) -> GeoScore:
    total = GeoCounts()
    for page in pages:
        total.gold += page.gold
        total.predicted += page.predicted
        total.matched += page.matched
        total.gold_placed += page.gold_placed
        total.errors_km += page.errors_km
        total.on_gold_total += page.on_gold_total
        total.on_gold_errors_km += page.on_gold_errors_km
    return GeoScore(total)


# Systems ----------------------------------------------------------------------------


def run_newsloom(doc: GeoDoc) -> GeoOutput:
    from newsloom.enrich.entities.stage import build_entities
    from newsloom.enrich.nlp import load_pipeline, parse
    from newsloom.enrich.places.resolve import NameGroup, resolve
    from newsloom.enrich.places.stage import resolve_entities

    parsed = next(parse(load_pipeline(), [doc.text]))
    found = [
        Toponym(start, end, choice.sense.latitude, choice.sense.longitude)
        for choice in resolve_entities(doc.text, build_entities(parsed))
        for start, end in choice.group.spans
    ]
    groups: dict[str, list[tuple[int, int]]] = {}
    for start, end in doc.gold_spans:
        groups.setdefault(doc.text[start:end], []).append((start, end))
    chosen = {
        c.group.id: c.sense
        for c in resolve(
            doc.text, [NameGroup(name, tuple(spans), (name,)) for name, spans in groups.items()]
        )
    }
    on_gold = []
    for start, end in doc.gold_spans:
        sense = chosen.get(doc.text[start:end])
        on_gold.append(
            Toponym(start, end, sense.latitude, sense.longitude) if sense else Toponym(start, end)
        )
    return GeoOutput(tuple(sorted(found, key=lambda t: t.start)), tuple(on_gold))


def run_baseline(doc: GeoDoc) -> GeoOutput:
    from newsloom.enrich.nlp import load_pipeline, parse

    parsed = next(parse(load_pipeline(), [doc.text]))
    found = [
        _most_populous(doc.text, ent.start_char, ent.end_char)
        for ent in parsed.ents
        if ent.label_ in ("GPE", "LOC", "FAC")
    ]
    on_gold = [_most_populous(doc.text, start, end) for start, end in doc.gold_spans]
    return GeoOutput(tuple(found), tuple(on_gold))


def _most_populous(text: str, start: int, end: int) -> Toponym:
    from newsloom.gazetteer.senses import most_populous

    sense = most_populous(text[start:end])
    if sense is None:
        return Toponym(start, end)
    return Toponym(start, end, sense.latitude, sense.longitude)


NEWSLOOM = System("newsloom", run_newsloom)
BASELINE = System("spacy+population", run_baseline)


# Reading the gold -------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class GeoArticle:
    key: str
    text: str
    gold: tuple[Toponym, ...]


@dataclass(slots=True, frozen=True)
class GeoSet:
    name: str
    file_name: str
    read: Callable[[Path], tuple[GeoArticle, ...]]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def locate(text: str, phrase: str, start: int) -> int | None:
    """The start of `phrase` at `start`, else of its occurrence nearest to it (nearby)."""
    if text[start : start + len(phrase)] == phrase:
        return start
    low = max(0, start - OFFSET_SEARCH)
    best: int | None = None
    at = text.find(phrase, low, start + OFFSET_SEARCH + len(phrase))
    while at != -1:
        if best is None or abs(at - start) < abs(best - start):
            best = at
        at = text.find(phrase, at + 1, start + OFFSET_SEARCH + len(phrase))
    return best


def _read_lgl_style(path: Path) -> tuple[GeoArticle, ...]:
    """LGL and TR-News: `article/text` with `toponyms/toponym{start,end,phrase,gaztag}`."""
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for toponym in article.iter("toponym"):
            phrase = toponym.findtext("phrase") or ""
            start = locate(text, phrase, int(toponym.findtext("start") or 0))
            if start is None or not phrase:
                continue
            tag = toponym.find("gaztag")
            lat = _float(tag.findtext("lat")) if tag is not None else None
            lon = _float(tag.findtext("lon")) if tag is not None else None
            gold.append(Toponym(start, start + len(phrase), lat, lon))
        articles.append(GeoArticle(article.get("docid") or "", text, tuple(gold)))
    return tuple(articles)


def _read_geowebnews(path: Path) -> tuple[GeoArticle, ...]:
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for toponym in article.iter("toponym"):
            if toponym.findtext("type") not in GEOWEBNEWS_PLACE_TYPES:
                continue
            name = toponym.findtext("extractedName") or ""
            start = locate(text, name, int(toponym.findtext("start") or 0))
            if start is None or not name:
                continue
            lat, lon = _float(toponym.findtext("latitude")), _float(toponym.findtext("longitude"))
            gold.append(Toponym(start, start + len(name), lat, lon))
        articles.append(GeoArticle(article.get("file") or "", text, tuple(sorted(gold, key=_at))))
    return tuple(articles)


def _read_geovirus(path: Path) -> tuple[GeoArticle, ...]:
    articles = []
    seen: dict[str, int] = {}
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        source = article.findtext("source") or ""
        seen[source] = seen.get(source, 0) + 1
        gold = []
        for location in article.iter("location"):
            name = location.findtext("name") or ""
            start = locate(text, name, int(location.findtext("start") or 1) - 1)
            if start is None or not name:
                continue
            lat, lon = _float(location.findtext("lat")), _float(location.findtext("lon"))
            gold.append(Toponym(start, start + len(name), lat, lon))
        key = f"{source}#{seen[source]}"
        articles.append(GeoArticle(key, text, tuple(sorted(gold, key=_at))))
    return tuple(articles)


def _at(toponym: Toponym) -> tuple[int, int]:
    return toponym.start, toponym.end


SETS = {
    "lgl": GeoSet("lgl", "lgl.xml", _read_lgl_style),
    "geowebnews": GeoSet("geowebnews", "GeoWebNews.xml", _read_geowebnews),
    "tr-news": GeoSet("tr-news", "TR-News.xml", _read_lgl_style),
    "geovirus": GeoSet("geovirus", "GeoVirus.xml", _read_geovirus),
}


@functools.cache
def _articles(name: str, path: Path) -> tuple[GeoArticle, ...]:
    return SETS[name].read(path)


def list_pages(
    name: str, folder: Path, limit: int | None = None
) -> list[EvalPage[tuple[Toponym, ...]]]:
    """One page per article, in key order (the held-out split is keyed the same way)."""
    spec = SETS[name]
    path = folder / spec.file_name
    if not path.is_file():
        raise DatasetLayoutError(f"{spec.file_name} not found in {folder}")
    articles = sorted(enumerate(_articles(name, path)), key=lambda item: item[1].key)
    pages = [
        EvalPage(article.key, article.gold, path.with_name(f"{spec.file_name}#{name}#{i}"))
        for i, article in articles
    ]
    return pages if limit is None else pages[: max(limit, 0)]


def read_page(path: Path) -> GeoDoc:
    file_name, name, index = path.name.split("#")
    article = _articles(name, path.with_name(file_name))[int(index)]
    return GeoDoc(article.text, tuple((t.start, t.end) for t in article.gold))


def evaluate(
    name: str, folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
) -> DatasetResult[GeoScore]:
    comparison: Comparison[tuple[Toponym, ...], GeoDoc, GeoOutput, GeoCounts, GeoScore] = (
        Comparison(
            name=name,
            metric="toponym overlap P/R/F1; acc@161 km and error km on matched toponyms",
            read=read_page,
            ours=NEWSLOOM,
            baseline=BASELINE,
            empty=GeoOutput(),
            score_page=score_page,
            aggregate=aggregate,
        )
    )
    return comparison.run(list_pages(name, folder, limit), split)


def evaluator(name: str) -> Callable[[Path, int | None, SplitChoice], DatasetResult[GeoScore]]:
    """The registry's entry point for one set."""

    def run(
        folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
    ) -> DatasetResult[GeoScore]:
        return evaluate(name, folder, limit, split)

    run.__name__ = f"evaluate_{name.replace('-', '_')}"
    return run
