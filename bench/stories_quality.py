"""Stories: how well syndicated copies and same-event articles are grouped, and how fast.

There is no gold story data set, so the corpus is built here, in memory:

* synthetic (default): invented words in topic vocabularies (unrelated articles of one
  topic share most of their words), shared stock phrases and site boilerplate. Each base
  article gets 1-4 syndicated variants (new headline, boilerplate or editor's note added,
  a paragraph cut, a few words edited, the dateline changed), some get 1-2 independent
  same-event reports (other text, the same invented entities, a similar headline), and
  distractors share a topic, one entity and the window with them.
* real (`--real`): article bodies of ../shared/eval/scrapinghub-article-extraction read at
  run time (nothing is stored), each with 1-3 variants made the same way; the other real
  articles are the distractors. Copy detection only (no entities).

Reports pairwise precision, recall and F1 (pairs of articles put together) for copy
detection (same `copy_of` group) and for stories (same story id), and the time
`assign_story` takes per article on a store of `--n` articles.

    .venv/bin/python bench/stories_quality.py --n 20000
    .venv/bin/python bench/stories_quality.py --quality-only --real
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import newsloom.store.sql.store as sqlite_module
import newsloom.stories.grouping as grouping
from bench.bench_common import DEFAULT_EVAL_DIR, format_table
from newsloom.record import Article, Entity, Provenance
from newsloom.store import open_store

SYLLABLES = ["ka", "lo", "ve", "ri", "tan", "mor", "sel", "un", "dra", "pe", "qui", "bo", "lan"]
FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "was",
    "at",
    "by",
    "said",
    "from",
    "it",
    "his",
    "her",
    "an",
    "be",
    "has",
    "have",
    "are",
    "were",
    "which",
    "this",
    "after",
    "their",
    "more",
    "but",
    "not",
    "they",
    "who",
    "its",
    "will",
    "been",
    "had",
    "over",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
BOILERPLATE = [
    "Subscribe to our newsletter for the morning briefing delivered to your inbox.",
    "Follow us on social media for the latest updates from the region.",
    "This article was produced with the help of our partners at the wire service.",
    "Sign up for breaking news alerts and never miss a story that matters to you.",
]
NOTES = [
    "Editor's note: this story has been updated with additional reporting.",
    "Correction: an earlier version of this story misstated a figure.",
]
Gold = tuple[str, str]  # (copy group, story group)


def invented_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


class Corpus:
    """Invented articles with their gold copy group and story group."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.topics = [[invented_word(self.rng) for _ in range(60)] for _ in range(25)]
        self.stock = [self.sentence(self.topics[0] + FUNCTION_WORDS, 8) for _ in range(40)]
        self.articles: list[Article] = []
        self.gold: dict[str, Gold] = {}
        self.serial = 0

    def sentence(self, words: list[str], length: int | None = None) -> str:
        n = length or self.rng.randint(12, 28)
        picked = [
            self.rng.choice(FUNCTION_WORDS) if self.rng.random() < 0.45 else self.rng.choice(words)
            for _ in range(n)
        ]
        return " ".join(picked).capitalize() + "."

    def paragraph(self, words: list[str], names: list[str]) -> str:
        parts = [self.sentence(words) for _ in range(self.rng.randint(2, 3))]
        if names and self.rng.random() < 0.7:
            parts.insert(1, f"{self.rng.choice(names)} said on {self.rng.choice(WEEKDAYS)}.")
        if self.rng.random() < 0.3:
            parts.append(self.rng.choice(self.stock))
        return " ".join(parts)

    def add(self, article: Article, copy_group: str, story_group: str) -> None:
        self.serial += 1
        site = f"site{self.rng.randint(1, 60)}.example"
        article.site = site
        article.url = f"https://{site}/a/{self.serial}"
        article.provenance = [Provenance("bench", "bench", str(self.serial))]
        article.language = "en"
        self.articles.append(article)
        self.gold[article.assign_id()] = (copy_group, story_group)

    def base(self, day: dt.date) -> tuple[Article, list[str], list[Entity]]:
        words = self.rng.choice(self.topics)
        kinds = ("PERSON", "GPE", "ORG", "PERSON")
        names = [f"{invented_word(self.rng).title()} {invented_word(self.rng).title()}"]
        names += [invented_word(self.rng).title() for _ in range(3)]
        entities = [
            Entity(f"{k.lower()}:{n.lower().replace(' ', '-')}", n, k)
            for k, n in zip(kinds, names, strict=True)
        ]
        place = names[1].upper()
        paragraphs = [self.paragraph(words, names) for _ in range(self.rng.randint(5, 10))]
        paragraphs[0] = f"{place} (Wire) - {paragraphs[0]}"
        title = " ".join([names[1], *self.rng.sample(words, 5)]).capitalize()
        article = Article(
            paragraphs=paragraphs,
            title=title,
            published=dt.datetime.combine(day, dt.time(self.rng.randint(0, 12)), dt.UTC),
            source="Wire",
            facts={"entities": entities},
        )
        return article, words, entities

    def variant(self, base: Article) -> Article:
        paragraphs = list(base.paragraphs)
        if self.rng.random() < 0.5 and len(paragraphs) > 4:
            del paragraphs[self.rng.choice([-1, -1, len(paragraphs) // 2])]
        if self.rng.random() < 0.5:
            paragraphs.append(self.rng.choice(BOILERPLATE))
        if self.rng.random() < 0.3:
            paragraphs.insert(0, self.rng.choice(NOTES))
        if self.rng.random() < 0.5:
            paragraphs[0] = paragraphs[0].replace(
                "(Wire) -", f"{self.rng.randint(1, 28)} (Wire) --"
            )
        for _ in range(self.rng.randint(0, 4)):
            i = self.rng.randrange(len(paragraphs))
            words = paragraphs[i].split()
            words[self.rng.randrange(len(words))] = invented_word(self.rng)
            paragraphs[i] = " ".join(words)
        assert base.published is not None
        return Article(
            paragraphs=paragraphs,
            title=f"{invented_word(self.rng).title()}: {base.title}",
            published=base.published + dt.timedelta(hours=self.rng.randint(0, 30)),
            source="Wire",
            facts={"entities": list(base.entities)},
        )

    def report(self, base: Article, words: list[str], entities: list[Entity]) -> Article:
        """The same event written by someone else: other text, same people, similar headline."""
        names = [e.name for e in entities]
        shared = self.rng.sample(entities, self.rng.randint(2, len(entities)))
        title_words = (base.title or "").split()
        title = " ".join(self.rng.sample(title_words, 4) + self.rng.sample(words, 2))
        lede = " ".join(
            [
                " ".join(e.name for e in shared),
                *self.rng.sample(title_words, 3),
                self.sentence(words),
            ]
        )
        assert base.published is not None
        return Article(
            paragraphs=[
                lede,
                *[self.paragraph(words, names) for _ in range(self.rng.randint(3, 6))],
            ],
            title=title.capitalize(),
            published=base.published + dt.timedelta(days=self.rng.randint(0, 2)),
            facts={"entities": shared},
        )

    def distractor(self, words: list[str], entities: list[Entity], day: dt.date) -> Article:
        """Same topic, one shared entity, same days: another event."""
        other = self.rng.choice(entities)
        names = [other.name, invented_word(self.rng).title()]
        return Article(
            paragraphs=[self.paragraph(words, names) for _ in range(self.rng.randint(4, 8))],
            title=" ".join(self.rng.sample(words, 6)).capitalize(),
            published=day + dt.timedelta(days=self.rng.randint(0, 2)),
            facts={"entities": [other, Entity(f"person:{names[1].lower()}", names[1], "PERSON")]},
        )

    def build(self, size: int) -> None:
        start = dt.date(2031, 1, 1)
        n = 0
        while len(self.articles) < size:
            n += 1
            day = start + dt.timedelta(days=n // 40)
            base, words, entities = self.base(day)
            group = f"g{n}"
            self.add(base, group, group)
            for _ in range(self.rng.randint(1, 4)):
                self.add(self.variant(base), group, group)
            if self.rng.random() < 0.4:
                for r in range(self.rng.randint(1, 2)):
                    self.add(self.report(base, words, entities), f"{group}r{r}", group)
            if self.rng.random() < 0.5:
                self.add(self.distractor(words, entities, day), f"{group}d", f"{group}d")
        self.rng.shuffle(self.articles)


def real_corpus(eval_dir: Path, seed: int) -> Corpus:
    """Real article bodies (read now, kept in memory only) with invented variants."""
    truth = json.loads(
        (eval_dir / "scrapinghub-article-extraction" / "ground-truth.json").read_text("utf-8")
    )
    corpus = Corpus(seed)
    start = dt.date(2031, 1, 1)
    for n, item in enumerate(sorted(truth.values(), key=lambda v: v.get("url") or "")):
        paragraphs = [p for p in (item.get("articleBody") or "").split("\n") if p.strip()]
        if len(paragraphs) < 3:
            continue
        base = Article(
            paragraphs=paragraphs,
            title=f"Real article {n}",
            published=dt.datetime.combine(start + dt.timedelta(days=n % 5), dt.time(8), dt.UTC),
            source="Wire",
        )
        group = f"r{n}"
        corpus.add(base, group, group)
        for _ in range(corpus.rng.randint(1, 3)):
            corpus.add(corpus.variant(base), group, group)
    corpus.rng.shuffle(corpus.articles)
    return corpus


def pair_scores(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a clustering against gold clusters."""

    def pairs(counts: Iterable[int]) -> int:
        return sum(c * (c - 1) // 2 for c in counts)

    both = pairs(Counter((gold[k], predicted[k]) for k in gold).values())
    said = pairs(Counter(predicted[k] for k in gold).values())
    true = pairs(Counter(gold.values()).values())
    precision = both / said if said else 1.0
    recall = both / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def timed_assign(samples: list[float]) -> Callable[..., None]:
    original = sqlite_module.assign_story

    def wrapper(db: Any, article_id: str, article: Article) -> None:
        began = time.perf_counter()
        original(db, article_id, article)
        samples.append(time.perf_counter() - began)

    return wrapper


def run(corpus: Corpus, path: Path) -> dict[str, Any]:
    samples: list[float] = []
    sqlite_module.assign_story = timed_assign(samples)  # type: ignore[assignment]
    began = time.perf_counter()
    with open_store(path) as store:
        gold: dict[str, Gold] = {}
        for article in corpus.articles:
            planned = corpus.gold[article.assign_id()]
            store.save(article)  # an exact copy is merged into the stored article's id
            gold.setdefault(article.id, planned)
        elapsed = time.perf_counter() - began
        copy_pred, story_pred = {}, {}
        for article_id in gold:
            placed = store.story_of(article_id)
            assert placed is not None
            copy_pred[article_id] = placed.copy_of.id if placed.copy_of else article_id
            story_pred[article_id] = placed.story.id
        stories = store.stories(limit=1, shared_only=True)
    del stories
    copy = pair_scores({k: g[0] for k, g in gold.items()}, copy_pred)
    story = pair_scores({k: g[1] for k, g in gold.items()}, story_pred)
    ordered = sorted(samples)
    return {
        "articles": len(gold),
        "copies": dict(zip(("precision", "recall", "f1"), copy, strict=True)),
        "stories": dict(zip(("precision", "recall", "f1"), story, strict=True)),
        "assign_ms_mean": 1000 * statistics.fmean(samples),
        "assign_ms_p50": 1000 * ordered[len(ordered) // 2],
        "assign_ms_p95": 1000 * ordered[int(len(ordered) * 0.95)],
        "assign_ms_last_1000": 1000 * statistics.fmean(samples[-1000:]),
        "saves_per_s": len(corpus.articles) / elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000, help="articles in the timed store")
    parser.add_argument("--quality-n", type=int, default=3000, help="articles scored")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument("--real", action="store_true", help="also score real eval text")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--copy-threshold", type=float, help="try another COPY_JACCARD")
    args = parser.parse_args()
    if args.copy_threshold is not None:
        grouping.COPY_JACCARD = args.copy_threshold  # type: ignore[misc]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpora = [("synthetic", args.quality_n)]
        if not args.quality_only:
            corpora.append(("synthetic", args.n))
        for name, size in corpora:
            corpus = Corpus(args.seed)
            corpus.build(size)
            result = run(corpus, Path(tmp) / f"{name}-{size}.db")
            rows.append((name, result))
        if args.real:
            rows.append(
                (
                    "real-scrapinghub",
                    run(real_corpus(args.eval_dir, args.seed), Path(tmp) / "real.db"),
                )
            )
    header = [
        "corpus",
        "articles",
        "copy P",
        "copy R",
        "copy F1",
        "story P",
        "story R",
        "story F1",
        "assign ms mean",
        "p50",
        "p95",
        "last 1000",
        "saves/s",
    ]
    table = [
        [
            name,
            r["articles"],
            r["copies"]["precision"],
            r["copies"]["recall"],
            r["copies"]["f1"],
            r["stories"]["precision"],
            r["stories"]["recall"],
            r["stories"]["f1"],
            r["assign_ms_mean"],
            r["assign_ms_p50"],
            r["assign_ms_p95"],
            r["assign_ms_last_1000"],
            r["saves_per_s"],
        ]
        for name, r in rows
    ]
    print(format_table(header, table))


if __name__ == "__main__":
    main()
