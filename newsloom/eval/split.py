"""The fixed two-way split of every evaluation set: a tuning half and a check half.

Why: gains measured on a whole shared set did not hold on its held-out part, because
rules were tuned while looking at the very pages that scored them. So each set is split
once, for good, into two halves:

- the *tuning* half is the one to look at: read its failures, write and tune rules on it;
- the *check* half is only scored, never studied. A rule stays only if the check half
  gains too; a gain on the tuning half alone is fitting, not progress.

The split is a pure function of (split set, item key, `SEED`): the first byte of
`sha256(f"{SEED}:{split set}:{key}")`, even -> tune, odd -> check. No state, no file, no
random generator: the same item falls in the same half on every machine, for every
`--limit`, whatever other items the folder holds (adding pages never moves old ones).
Changing `SEED` would reshuffle every set and void every figure measured on a half, so
it stays as it is; a new split needs a new name (`newsloom-split-v2`).

The item key is the natural unit of a set: the page id or file name of a page set, the
document id (CoNLL document index, MEANTIME file name, TempEval-3 and PolNeAR document,
geoparsing article id), the record id of a PLOVER sentence, the uuid of an L3S-GN1 page.
Sets that share their items share a split set name (`SPLIT_SETS`), so one page is in the
same half wherever it is scored: scraped-text is the ScrapingHub pages as plain text,
the two MEANTIME results score the same documents, and htmldate-eval shares hundreds of
pages (same file names) with trafilatura-eval.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Literal, get_args

# The one seed of the split; see the module docstring before changing it (don't).
SEED = "newsloom-split-v1"

Half = Literal["tune", "check"]
# What `newsloom eval --split` accepts: one half, both halves side by side (and the
# whole set beside them), or the whole set alone.
SplitChoice = Literal["tune", "check", "both", "whole"]
HALVES: tuple[Half, ...] = get_args(Half)
SPLIT_CHOICES: tuple[SplitChoice, ...] = get_args(SplitChoice)
DEFAULT_SPLIT: SplitChoice = "both"

# Report names whose items are those of another set, hashed under that set's name.
SPLIT_SETS: dict[str, str] = {
    "scraped-text": "scrapinghub-article-extraction",
    "htmldate-eval": "trafilatura-eval",
    "meantime-en-entities": "meantime-en",
    "meantime-en-times": "meantime-en",
}


def split_set(name: str) -> str:
    """The set name a result's items are hashed under (its own unless in `SPLIT_SETS`)."""
    return SPLIT_SETS.get(name, name)


def half_of(set_name: str, key: str) -> Half:
    """The half an item belongs to: even first hash byte -> tune, odd -> check."""
    digest = hashlib.sha256(f"{SEED}:{set_name}:{key}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


def keeps(set_name: str, split: SplitChoice) -> Callable[[str], bool]:
    """A filter on item keys: those of one half, or every key for `both` and `whole`."""
    if split == "tune" or split == "check":
        return lambda key: half_of(set_name, key) == split
    return lambda key: True


def halves(set_name: str, keys: Iterable[str]) -> dict[Half, list[str]]:
    """The keys of each half, in the order given."""
    out: dict[Half, list[str]] = {half: [] for half in HALVES}
    for key in keys:
        out[half_of(set_name, key)].append(key)
    return out
