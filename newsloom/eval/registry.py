"""The evaluation sets newsloom knows how to score, in report order.

A set is found by its folder name under the data directory, so any folder laid
out the same way can be scored under that name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsloom.eval import (
    conll2003,
    geoparsing,
    htmldate_eval,
    l3s_gn1,
    meantime_entities,
    meantime_times,
    plover,
    polnear,
    scraped_text,
    scrapinghub,
    tempeval3,
    trafilatura_eval,
)
from newsloom.eval.runner import DatasetResult
from newsloom.eval.split import SplitChoice


@dataclass(slots=True, frozen=True)
class DatasetSpec:
    """A set to score: `name` in the report and in --only, read from `folder`.

    `evaluate(folder, limit, split)` scores the first `limit` items (all when None) that
    fall in `split` (`newsloom.eval.split`).
    """

    name: str
    task: str
    evaluate: Callable[[Path, int | None, SplitChoice], DatasetResult[Any]]
    folder_name: str | None = None

    @property
    def folder(self) -> str:
        return self.folder_name or self.name


DATASETS: tuple[DatasetSpec, ...] = (
    DatasetSpec(
        scrapinghub.NAME,
        "article body from news HTML (vs trafilatura defaults)",
        scrapinghub.evaluate_scrapinghub,
    ),
    DatasetSpec(
        l3s_gn1.NAME,
        "article body and headline from 2008 news HTML, L3S-GN1 (vs trafilatura defaults)",
        l3s_gn1.evaluate_l3s_gn1,
    ),
    DatasetSpec(
        trafilatura_eval.NAME,
        "main text snippets from web pages (vs trafilatura, upstream settings)",
        trafilatura_eval.evaluate_trafilatura,
    ),
    DatasetSpec(
        htmldate_eval.NAME,
        "publication date from HTML (vs htmldate)",
        htmldate_eval.evaluate_htmldate,
    ),
    DatasetSpec(
        scraped_text.NAME,
        "article body from scraped plain text (vs the whole text)",
        scraped_text.evaluate_scraped_text,
    ),
    DatasetSpec(
        conll2003.NAME,
        "named entities, CoNLL-2003 dev (vs the bare spaCy model)",
        conll2003.evaluate_conll2003,
    ),
    DatasetSpec(
        meantime_entities.RESULT_NAME,
        "named entity mentions in MEANTIME news (vs the bare spaCy model)",
        meantime_entities.evaluate_meantime_entities,
        folder_name=meantime_entities.NAME,
    ),
    DatasetSpec(
        polnear.NAME,
        "quotes and their speakers, PolNeAR dev (vs a quote-mark + said baseline)",
        polnear.evaluate_polnear,
    ),
    DatasetSpec(
        tempeval3.NAME,
        "time expressions resolved to TIMEX3 values, TempEval-3 TBAQ (vs dateparser)",
        tempeval3.evaluate_tempeval3,
    ),
    DatasetSpec(
        meantime_times.RESULT_NAME,
        "TIMEX3 in MEANTIME news (vs dateparser)",
        meantime_times.evaluate_meantime_times,
        folder_name=meantime_times.NAME,
    ),
    DatasetSpec(
        plover.NAME,
        "PLOVER event category and actors per sentence (vs a keyword first-match baseline)",
        plover.evaluate_plover,
    ),
    DatasetSpec(
        "lgl",
        "toponyms in US local news resolved to coordinates, LGL (vs spaCy + most populous)",
        geoparsing.evaluator("lgl"),
    ),
    DatasetSpec(
        "geowebnews",
        "toponyms in news resolved to coordinates, GeoWebNews (vs spaCy + most populous)",
        geoparsing.evaluator("geowebnews"),
    ),
    DatasetSpec(
        "tr-news",
        "toponyms in news resolved to coordinates, TR-News (vs spaCy + most populous)",
        geoparsing.evaluator("tr-news"),
    ),
    DatasetSpec(
        "geovirus",
        "toponyms in outbreak news resolved to coordinates, GeoVirus (vs spaCy + most populous)",
        geoparsing.evaluator("geovirus"),
    ),
)


class UnknownDatasetError(ValueError):
    """A requested set name that the registry does not list."""


def dataset_names() -> list[str]:
    return [spec.name for spec in DATASETS]


def select(only: list[str] | None) -> list[DatasetSpec]:
    """The registered sets named in `only` (all when None), in registry order."""
    if not only:
        return list(DATASETS)
    unknown = sorted(set(only) - set(dataset_names()))
    if unknown:
        known = ", ".join(dataset_names())
        raise UnknownDatasetError(f"unknown dataset(s): {', '.join(unknown)}; known: {known}")
    return [spec for spec in DATASETS if spec.name in only]
