"""L3S-GN1 (Kohlschuetter et al., WSDM 2010): article bodies and headlines of 2008 news.

Layout: `gold.json` (`{uuid: {"url", "headline", "fulltext", "supplemental", "comments"}}`,
text of the human-labelled spans) and `original/<uuid>.html.gz` (the crawled page).
Old, table-laid-out news pages from hundreds of sites: a check that the HTML extraction
holds beyond the modern pages of the ScrapingHub set.

Scored per page, both systems from one call each:
- the body against `fulltext` with the ScrapingHub shingle metric (`metrics.score_page`,
  `metrics.aggregate`): newsloom's HTML extraction against `trafilatura.extract` defaults;
- the title against `headline`: `title match` is the share of pages whose gold has a
  headline where the title equals it, or one of its lines, once normalised (NFKC,
  case-folded, `\\w+` words only, so punctuation and spacing do not count). A line
  counts because the labelled headline often runs on into its deck or starts with a
  kicker ("Lavigne lawsuit settled\\nClaims of song plagiarism dropped"). `title found`
  is the share of pages given any title. newsloom's `Article.title` against
  trafilatura's metadata title (`extract_metadata`, the title part of
  `extract(..., with_metadata=True)`).
A page newsloom rejects (an `ExtractionError`) counts as an error with neither body nor
title, as in the ScrapingHub set. The split key is the page uuid.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsloom.eval.metrics import BodyScore, PageScore, aggregate, score_page, tokens
from newsloom.eval.runner import Comparison, DatasetResult, EvalPage, System, take
from newsloom.eval.sources import load_gold, read_gzip_html
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice

NAME = "l3s-gn1"
GOLD_FILE = "gold.json"
PAGE_FOLDER = "original"
PAGE_SUFFIX = ".html.gz"


@dataclass(slots=True, frozen=True)
class Gold:
    body: str
    # The normalised headline and each of its lines; empty when the page has none.
    headlines: frozenset[str] = frozenset()


@dataclass(slots=True, frozen=True)
class Extraction:
    body: str = ""
    title: str | None = None


@dataclass(slots=True, frozen=True)
class L3sPage:
    body: PageScore
    title_match: bool | None  # None: the gold has no headline
    title_found: bool


@dataclass(slots=True, frozen=True)
class L3sScore:
    """The shingle body score, and headline match over the pages that have one."""

    body: BodyScore
    headlines: int
    title_matches: int
    titles_found: int

    def metrics(self) -> dict[str, float]:
        return {
            **self.body.metrics(),
            "title match": self.title_matches / self.headlines if self.headlines else 0.0,
            "title found": self.titles_found / self.body.pages if self.body.pages else 0.0,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.body.to_dict(),
            **{k: v for k, v in self.metrics().items() if k.startswith("title")},
            "pages_with_headline": self.headlines,
            "title_matches": self.title_matches,
        }


def normalized_title(text: str | None) -> str:
    """NFKC, case-folded, the `\\w+` words joined by single spaces."""
    return " ".join(tokens(unicodedata.normalize("NFKC", text or "").casefold()))


def score(gold: Gold, predicted: Extraction) -> L3sPage:
    title = normalized_title(predicted.title)
    match = title in gold.headlines if gold.headlines else None
    return L3sPage(score_page(gold.body, predicted.body), match, bool(title))


def total(pages: Sequence[L3sPage]) -> L3sScore:
    judged = [p.title_match for p in pages if p.title_match is not None]
    return L3sScore(
        aggregate(p.body for p in pages),
        len(judged),
        sum(judged),
        sum(p.title_found for p in pages),
    )


def list_pages(folder: Path, limit: int | None = None) -> list[EvalPage[Gold]]:
    gold = load_gold(folder, GOLD_FILE)
    return [
        EvalPage(key, _gold(gold[key]), folder / PAGE_FOLDER / f"{key}{PAGE_SUFFIX}")
        for key in take(gold, limit)
    ]


def _gold(entry: Any) -> Gold:
    entry = entry if isinstance(entry, dict) else {}
    body, headline = entry.get("fulltext"), entry.get("headline")
    headline = headline if isinstance(headline, str) else ""
    forms = {normalized_title(text) for text in [headline, *headline.splitlines()]}
    return Gold(body if isinstance(body, str) else "", frozenset(forms - {""}))


def newsloom_page(html: str) -> Extraction:
    import newsloom

    article = newsloom.extract(html, kind="html")
    return Extraction(article.text, article.title)


def trafilatura_page(html: str) -> Extraction:
    import trafilatura
    from trafilatura.metadata import extract_metadata

    metadata = extract_metadata(html, extensive=False)
    return Extraction(trafilatura.extract(html) or "", metadata.title if metadata else None)


NEWSLOOM = System("newsloom", newsloom_page)
TRAFILATURA = System("trafilatura", trafilatura_page)


def evaluate_l3s_gn1(
    folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
) -> DatasetResult[L3sScore]:
    comparison: Comparison[Gold, str, Extraction, L3sPage, L3sScore] = Comparison(
        name=NAME,
        metric="shingle (body vs fulltext), normalised exact match (title vs headline)",
        read=read_gzip_html,
        ours=NEWSLOOM,
        baseline=TRAFILATURA,
        empty=Extraction(),
        score_page=score,
        aggregate=total,
    )
    return comparison.run(list_pages(folder, limit), split)
