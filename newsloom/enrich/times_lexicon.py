"""The word lists and patterns of the time tagger, read once from data/times.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

DATA_FILE = "times.toml"


@dataclass(frozen=True, slots=True)
class Pattern:
    kind: str
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    clock: bool = False
    factor: int = 1


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, Unit]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    day_words: dict[str, dict[str, Any]]
    fixed: dict[str, dict[str, Any]]
    shift_words: dict[str, int]
    future_aux: frozenset[str]
    future_lemmas: frozenset[str]
    past_tags: frozenset[str]
    perfect_aux: frozenset[str]
    confidence: dict[str, float]
    earliest_year: int
    latest_year: int
    wrong_side_weight: float
    not_verbs: frozenset[str]
    counted_noun_tags: frozenset[str]
    year_openers: frozenset[str]
    patterns: tuple[Pattern, ...]

    def month(self, word: str) -> int:
        return self.months[word.rstrip(".").lower()]

    def weekday(self, word: str) -> int:
        return self.weekdays[word.rstrip(".").lower()]

    def unit(self, word: str) -> Unit:
        word = word.lower()
        if word not in self.units and word.endswith("ies"):
            word = word[:-3] + "y"
        elif word not in self.units:
            word = word.removesuffix("s")
        return self.units[word]

    def number(self, text: str) -> float | None:
        """A number said in digits or words ("48", "twenty-five", "a"); None when vague."""
        text = text.lower().replace(",", "")
        if text in self.vague_numbers:
            return None
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return float(text)
        total = 0.0
        for part in text.split("-"):
            if part not in self.numbers:
                return None
            total += self.numbers[part]
        return total


def _alternation(words: list[str]) -> str:
    """A regex alternation, longest first so "Sept" wins over "Sep"."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s") for w in ordered)


def _capitalised(words: list[str]) -> list[str]:
    return [w for word in words for w in (word, word.upper())]


@cache
def load_lexicon() -> Lexicon:
    raw = tomllib.loads(resources.files("newsloom.data").joinpath(DATA_FILE).read_text("utf-8"))
    words = raw["words"]
    months = {name.lower(): i for i, names in enumerate(words["months"], 1) for name in names}
    weekdays = {name.lower(): i for i, names in enumerate(words["weekdays"], 1) for name in names}
    units = {name: Unit(**spec) for name, spec in raw["units"].items()}
    unit_words = [
        w for name in units for w in (name, "centuries" if name == "century" else name + "s")
    ]
    number_words = [w for w in words["numbers"] if " " not in w]
    number_phrases = [w for w in words["numbers"] if " " in w] + words["vague_numbers"]
    tens = [w for w, n in words["numbers"].items() if n in (20, 30, 40, 50, 60, 70, 80, 90)]
    ones = [w for w, n in words["numbers"].items() if 1 <= n <= 9 and w not in ("a", "an")]
    num = (
        rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|(?i:(?:{_alternation(tens)})-(?:{_alternation(ones)})"
        rf"|{_alternation(number_phrases)}|{_alternation(number_words)}))"
    )
    fills = {
        "MONTH": _alternation(_capitalised([n for names in words["months"] for n in names])),
        "WEEKDAY": _alternation(_capitalised([n for names in words["weekdays"] for n in names])),
        "NUM": num,
        "UNITS": _alternation(unit_words),
        "PART": _alternation(list(raw["parts_of_day"])),
        "SEASON": _alternation(list(raw["seasons"])),
        "ORD": _alternation(list(words["ordinals"])),
        "APPROX": _alternation(words["approximators"]),
        "ZONE": _alternation(words["time_zones"]),
        "FIXED": _alternation(list(raw["fixed"])),
    }
    patterns = tuple(
        Pattern(spec["kind"], re.compile(_fill(spec["regex"], fills))) for spec in raw["pattern"]
    )
    tense = raw["tense"]
    return Lexicon(
        months=months,
        weekdays=weekdays,
        numbers={k: float(v) for k, v in words["numbers"].items()},
        vague_numbers=frozenset(words["vague_numbers"]),
        ordinals=dict(words["ordinals"]),
        units=units,
        parts_of_day=dict(raw["parts_of_day"]),
        seasons=dict(raw["seasons"]),
        day_words=dict(raw["day_words"]),
        fixed=dict(raw["fixed"]),
        shift_words=dict(raw["shift_words"]),
        future_aux=frozenset(tense["future_aux"]),
        future_lemmas=frozenset(tense["future_lemmas"]),
        past_tags=frozenset(tense["past_tags"]),
        perfect_aux=frozenset(tense["perfect_aux"]),
        confidence=dict(raw["confidence"]),
        earliest_year=raw["limits"]["earliest_year"],
        latest_year=raw["limits"]["latest_year"],
        wrong_side_weight=float(raw["limits"]["wrong_side_weight"]),
        not_verbs=frozenset(raw["filters"]["not_verbs"]),
        counted_noun_tags=frozenset(raw["years"]["counted_noun_tags"]),
        year_openers=frozenset(raw["years"]["year_openers"]),
        patterns=patterns,
    )


def _fill(template: str, fills: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z]+)\}", lambda m: fills[m.group(1)], template)
