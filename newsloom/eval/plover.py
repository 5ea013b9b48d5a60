"""PLOVER gold-standard records (CAMEO manual examples): one coded event per sentence.

Layout: `PLOVER_GSR_CAMEO.json`, a JSON list of records with `id`, `event` (a PLOVER
category), `text` (the sentence) and `source`/`target` (lists of `{actorText, ...}`);
the leading `DOCUMENT` record is skipped. Each sentence is one page. A system answers
one event per sentence (newsloom: the event whose trigger is nearest the parse root,
then the most confident; see `newsloom.enrich.events.stage.main_event`).

Metrics: category accuracy over all sentences (no event counts as wrong), macro-F1 over
the categories in gold or predicted, coverage (sentences given any event), and source /
target actor accuracy over sentences whose gold has that actor: right when the predicted
actor shares a content word with any gold `actorText` (case-folded; articles, `of`,
possessive marks and the like ignored). The majority-class accuracy of the gold is
reported beside them.

Two figures watch over-generation, which one-event-per-sentence accuracy cannot see:
`events per sentence` (the mean number of events the system emits for a sentence; it is
a count, not a share, so it may exceed 1) and `all-event precision` (the share of ALL
emitted events, not just the chosen one, whose category equals the sentence's gold
category). The latter is a loose proxy and a lower bound: the gold codes one event per
sentence, yet a sentence may carry a second real event ("police arrested 12 after
protesters blocked the road"), which is counted as wrong here.

The baseline is a bag-of-keywords first match: the first word that
starts with a lemma from the same lexicon, the words before it as source and the words
after it as target, with no parse.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsloom.eval.metrics import harmonic_mean
from newsloom.eval.runner import Comparison, DatasetLayoutError, DatasetResult, EvalPage, System
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice

NAME = "plover-gsr-cameo"
GOLD_FILE = "PLOVER_GSR_CAMEO.json"
SKIP_EVENTS = frozenset({"DOCUMENT"})
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "'s",
        "'",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
        "at",
        "its",
        "his",
        "her",
        "their",
        "new",
    ]
)
_WORD = re.compile(r"[\w'-]+")
# Words after a baseline trigger taken as its target.
BASELINE_TARGET_WORDS = 4


@dataclass(slots=True, frozen=True)
class Gold:
    category: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class Prediction:
    category: str | None = None
    source: str | None = None
    target: str | None = None
    # The categories of every event emitted for the sentence, the chosen one included.
    emitted: tuple[str, ...] = ()


@dataclass(slots=True, frozen=True)
class PageScore:
    gold: str
    predicted: str | None
    source: bool | None  # None: the gold has no source actor
    target: bool | None
    emitted: int = 0  # events emitted for the sentence
    emitted_right: int = 0  # of them, those of the gold category


@dataclass(slots=True)
class PloverScore:
    pages: list[PageScore] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        total = len(self.pages)
        if not total:
            return {}
        right = sum(p.gold == p.predicted for p in self.pages)
        majority = Counter(p.gold for p in self.pages).most_common(1)[0][1]
        sources = [p.source for p in self.pages if p.source is not None]
        targets = [p.target for p in self.pages if p.target is not None]
        emitted = sum(p.emitted for p in self.pages)
        return {
            "category accuracy": right / total,
            "category macro-F1": self.macro_f1(),
            "coverage": sum(p.predicted is not None for p in self.pages) / total,
            "source acc": sum(sources) / len(sources) if sources else 0.0,
            "target acc": sum(targets) / len(targets) if targets else 0.0,
            "majority-class acc": majority / total,
            "events per sentence": emitted / total,
            "all-event precision": (
                sum(p.emitted_right for p in self.pages) / emitted if emitted else 0.0
            ),
        }

    def macro_f1(self) -> float:
        labels = {p.gold for p in self.pages} | {p.predicted for p in self.pages if p.predicted}
        scores = []
        for label in sorted(labels):
            hits = sum(p.gold == label and p.predicted == label for p in self.pages)
            predicted = sum(p.predicted == label for p in self.pages)
            gold = sum(p.gold == label for p in self.pages)
            precision = hits / predicted if predicted else 0.0
            recall = hits / gold if gold else 0.0
            scores.append(harmonic_mean(precision, recall))
        return sum(scores) / len(scores) if scores else 0.0

    def confusion(self) -> dict[str, dict[str, int]]:
        table: dict[str, Counter[str]] = {}
        for p in self.pages:
            table.setdefault(p.gold, Counter())[p.predicted or "-"] += 1
        return {gold: dict(row.most_common()) for gold, row in sorted(table.items())}

    def to_dict(self) -> dict[str, Any]:
        return {
            "metrics": {k: round(v, 4) for k, v in self.metrics().items()},
            "confusion": self.confusion(),
        }


# Reading the gold -------------------------------------------------------------------


@functools.cache
def _records(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetLayoutError(f"{path} is not readable JSON: {exc}") from exc
    if not isinstance(data, list):
        raise DatasetLayoutError(f"{path} must hold a JSON list")
    return {
        str(r["id"]): r
        for r in data
        if isinstance(r, dict) and r.get("event") not in SKIP_EVENTS and r.get("text")
    }


def _actors(record: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(
        str(a["actorText"])
        for a in record.get(key) or []
        if isinstance(a, dict) and a.get("actorText")
    )


def list_pages(folder: Path, limit: int | None = None) -> list[EvalPage[Gold]]:
    path = folder / GOLD_FILE
    if not path.is_file():
        raise DatasetLayoutError(f"{GOLD_FILE} not found in {folder}")
    pages = [
        EvalPage(key, Gold(str(r["event"]), _actors(r, "source"), _actors(r, "target")), path / key)
        for key, r in sorted(_records(path).items())
    ]
    return pages if limit is None else pages[: max(limit, 0)]


def read_sentence(path: Path) -> str:
    """A page's path is the gold file with the record id appended."""
    record = _records(path.parent).get(path.name)
    if record is None:
        raise OSError(f"no record {path.name}")
    return " ".join(str(record["text"]).split())


# The systems ------------------------------------------------------------------------


def newsloom_event(text: str) -> Prediction:
    """The product path: every enrichment stage on the sentence, then its main event."""
    from newsloom.enrich import default_stages
    from newsloom.enrich.events.stage import main_event
    from newsloom.enrich.nlp import load_pipeline, parse
    from newsloom.record import Article

    article = Article(paragraphs=[text], language="en")
    doc = next(parse(load_pipeline(), [text]))
    for stage in default_stages():
        stage(article, doc)
    event = main_event(article.events, doc)
    emitted = tuple(e.type for e in article.events)
    if event is None:
        return Prediction(emitted=emitted)
    return Prediction(
        event.type,
        event.source.text if event.source else None,
        event.target.text if event.target else None,
        emitted,
    )


@functools.cache
def _keywords() -> tuple[tuple[str, str], ...]:
    from newsloom.enrich.events.lexicon import event_lexicon

    lexicon = event_lexicon()
    table = {**lexicon.nouns, **lexicon.verbs}
    return tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))


def keyword_event(text: str) -> Prediction:
    """First word starting with a lexicon lemma; the words around it as actors."""
    words = _WORD.findall(text)
    for i, word in enumerate(words):
        lower = word.lower()
        for lemma, category in _keywords():
            if len(lemma) >= 3 and lower.startswith(lemma[: max(3, len(lemma) - 1)]):
                source = " ".join(words[:i]) or None
                target = " ".join(words[i + 1 : i + 1 + BASELINE_TARGET_WORDS]) or None
                return Prediction(category, source, target, (category,))
    return Prediction()


# Scoring ----------------------------------------------------------------------------


def content_words(text: str) -> set[str]:
    """Case-folded words less possessive endings and function words."""
    words = (re.sub(r"'s$", "", m.lower()).strip("'-") for m in _WORD.findall(text))
    return {w for w in words if w} - STOPWORDS


def actor_match(predicted: str | None, gold: Sequence[str]) -> bool | None:
    if not gold:
        return None
    if predicted is None:
        return False
    words = content_words(predicted)
    return any(words & content_words(g) for g in gold)


def score_page(gold: Gold, predicted: Prediction) -> PageScore:
    return PageScore(
        gold.category,
        predicted.category,
        actor_match(predicted.source, gold.sources),
        actor_match(predicted.target, gold.targets),
        len(predicted.emitted),
        sum(category == gold.category for category in predicted.emitted),
    )


def aggregate(pages: Sequence[PageScore]) -> PloverScore:
    return PloverScore(list(pages))


def evaluate_plover(
    folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
) -> DatasetResult[PloverScore]:
    comparison: Comparison[Gold, str, Prediction, PageScore, PloverScore] = Comparison(
        name=NAME,
        metric="event category accuracy / macro-F1, source and target actor accuracy",
        read=read_sentence,
        ours=System("newsloom", newsloom_event),
        baseline=System("keyword-first-match", keyword_event, timed=False),
        empty=Prediction(),
        score_page=score_page,
        aggregate=aggregate,
    )
    return comparison.run(list_pages(folder, limit), split)
