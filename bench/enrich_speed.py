"""Enrichment speed: the whole `Enricher().pipe` beside bare spaCy `nlp.pipe`.

Generates N invented articles (fixed seed; names, roles, places, quotes and dates
from `corpus_words.py`, so every stage has work), then in one process times
`nlp.pipe` over the article texts and `Enricher().pipe` over the articles, after an
untimed warm-up of each (model loading is not counted). With `--rounds N` the two
passes alternate order and the best round of each counts. Prints articles per
second of both, by wall clock and by the process's CPU time, and the overhead of
the stages over spaCy by CPU time (steadier than wall time on a shared machine);
target <= 25 %.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench_common import format_table, write_json
from corpus_words import CLAUSES, OBJECTS, PEOPLE, PLACES, ROLES, SUBJECTS, TIMES, VERBS

from newsloom.enrich import Enricher
from newsloom.enrich.nlp import BATCH_SIZE, load_pipeline
from newsloom.record import Article, Provenance

TARGET_OVERHEAD = 0.25
FIRST_DAY = dt.date(2031, 1, 5)


def make_article(rng: random.Random, index: int) -> Article:
    """One invented article of four paragraphs: a lede, a direct quote, reported speech."""
    person, other = rng.sample(PEOPLE, 2)
    place, elsewhere = rng.sample(PLACES, 2)
    role = rng.choice(ROLES)
    surname = person.split()[-1]
    day = FIRST_DAY + dt.timedelta(days=index % 300)
    lede = (
        f"{rng.choice(SUBJECTS).capitalize()} in {place} {rng.choice(VERBS)} "
        f"{rng.choice(OBJECTS)} {rng.choice(TIMES)}, {rng.choice(CLAUSES)}."
    )
    direct = (
        f'"We have waited long enough for {rng.choice(OBJECTS)}," said {person}, '
        f"the {role} of {place}, on {day:%B} {day.day}."
    )
    reported = (
        f"{other} said {rng.choice(SUBJECTS)} in {elsewhere} would decide by "
        f"{(day + dt.timedelta(days=rng.randint(3, 40))):%B} {rng.randint(1, 28)}, "
        f"and {surname} told reporters the work could take three years."
    )
    closing = (
        f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
        f"next week, {rng.choice(CLAUSES)}."
    )
    return Article(
        paragraphs=[lede, direct, reported, closing],
        title=f"{place} news {index}",
        published=day,
        language="en",
        provenance=[Provenance(f"bench/{index}", "bench")],
    )


def make_articles(count: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    return [make_article(rng, index) for index in range(count)]


Timing = tuple[float, float]  # (wall seconds, CPU seconds)


def timed(run: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def time_spacy(texts: list[str], model: str | None) -> Timing:
    nlp = load_pipeline(model)
    return timed(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE)))


def time_enricher(articles: list[Article], model: str | None) -> Timing:
    enricher = Enricher(model=model)
    return timed(lambda: list(enricher.pipe(articles)))


def best(first: Timing, second: Timing) -> Timing:
    return min(first[0], second[0]), min(first[1], second[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="generated articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--model", default=None, help="spaCy pipeline name or path")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--check", action="store_true", help="exit 1 above the target overhead")
    args = parser.parse_args(argv)

    articles = make_articles(args.articles, args.seed)
    texts = [article.text for article in articles]
    characters = sum(len(text) for text in texts)
    time_spacy(texts[:BATCH_SIZE], args.model)  # warm-up: model loading, first batch
    time_enricher(articles[:BATCH_SIZE], args.model)

    spacy: Timing = (float("inf"), float("inf"))
    enrich: Timing = (float("inf"), float("inf"))
    for round_index in range(max(args.rounds, 1)):
        if round_index % 2 == 0:
            spacy = best(spacy, time_spacy(texts, args.model))
            enrich = best(enrich, time_enricher(articles, args.model))
        else:
            enrich = best(enrich, time_enricher(articles, args.model))
            spacy = best(spacy, time_spacy(texts, args.model))
    count = len(articles)
    overhead = enrich[1] / spacy[1] - 1.0
    wall_overhead = enrich[0] / spacy[0] - 1.0
    found = [a for a in articles if a.enrichment == "done"]
    print(f"{count} articles, {characters / count:.0f} characters each")
    print(
        format_table(
            ["pass", "wall s", "articles/s", "CPU s", "articles/CPU s"],
            [
                ["spacy nlp.pipe", spacy[0], count / spacy[0], spacy[1], count / spacy[1]],
                ["Enricher().pipe", enrich[0], count / enrich[0], enrich[1], count / enrich[1]],
            ],
        )
    )
    print(
        f"overhead of the stages: {overhead * 100:.1f} % of CPU time"
        f" ({wall_overhead * 100:.1f} % wall; target <= {TARGET_OVERHEAD * 100:.0f} %)"
    )
    facts = {
        "entities": sum(len(a.entities) for a in found),
        "quotes": sum(len(a.quotes) for a in found),
        "times": sum(len(a.times) for a in found),
    }
    print("facts found: " + ", ".join(f"{key} {value}" for key, value in facts.items()))
    write_json(
        args.json,
        {
            "articles": len(articles),
            "seed": args.seed,
            "spacy_seconds": spacy[0],
            "enrich_seconds": enrich[0],
            "spacy_cpu_seconds": spacy[1],
            "enrich_cpu_seconds": enrich[1],
            "spacy_articles_per_second": count / spacy[0],
            "enrich_articles_per_second": count / enrich[0],
            "overhead": overhead,
            "wall_overhead": wall_overhead,
            "facts": facts,
        },
    )
    return 1 if args.check and overhead > TARGET_OVERHEAD else 0


if __name__ == "__main__":
    sys.exit(main())
