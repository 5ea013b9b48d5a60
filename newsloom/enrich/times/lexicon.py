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
    reported_future_aux: frozenset[str]
    reporting_lemmas: frozenset[str]
    past_tags: frozenset[str]
    perfect_aux: frozenset[str]
    confidence: dict[str, float]
    earliest_year: int
    latest_year: int
    wrong_side_weight: float
    not_verbs: frozenset[str]
    counted_noun_tags: frozenset[str]
    year_openers: frozenset[str]
    spoken_centuries: dict[str, int]
    millennium: str
    holidays: dict[str, dict[str, int]]
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
        """A number said in digits or words ("48", "twenty-five", "a", "2 1/2", "two and a
        half"); None when vague."""
        text = text.lower().replace(",", "")
        for half in (" 1/2", "½", " and a half"):
            if text.endswith(half) and text != half.strip():
                whole = self.number(text.removesuffix(half))
                return None if whole is None else whole + 0.5
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

    def holiday(self, name: str) -> dict[str, int]:
        return self.holidays[re.sub(r"\s+", " ", name.replace("’", "'"))]

    def spoken_year(self, text: str) -> int | None:
        """A year said in words: "nineteen ninety-six" 1996, "nineteen oh five" 1905,
        "eighteen hundred" 1800, "two thousand and one" 2001; None when not one."""
        words = re.sub(r"[\s-]+", " ", text.lower()).split()
        if " ".join(words[:2]) == self.millennium:
            rest = [w for w in words[2:] if w != "and"]
            tail = self.number("-".join(rest)) if rest else 0.0
            return 2000 + int(tail) if tail is not None and tail < 100 else None
        if len(words) < 2 or words[0] not in self.spoken_centuries:
            return None
        century, rest = self.spoken_centuries[words[0]], words[1:]
        if rest == ["hundred"]:
            return century * 100
        if rest[0] == "oh":
            rest = rest[1:]
        tail = self.number("-".join(rest)) if rest else None
        if tail is None or not 1 <= tail < 100 or tail != int(tail):
            return None
        return century * 100 + int(tail)


def _spoken_year_regex(spoken: dict[str, Any], numbers: dict[str, float]) -> str:
    """Years in words: a century word and a number under a hundred ("ninety-six",
    "oh five", "hundred"), or the millennium ("two thousand and one") after an opener."""
    tens = [w for w, n in numbers.items() if n in (20, 30, 40, 50, 60, 70, 80, 90)]
    ones = [w for w, n in numbers.items() if 1 <= n <= 9 and w not in ("a", "an", "one")]
    ones.append("one")
    teens = [w for w, n in numbers.items() if 10 <= n <= 19]
    under_100 = (
        rf"(?:(?:{_alternation(tens)})(?:[\s-](?:{_alternation(ones)}))?"
        rf"|{_alternation(teens)}|oh[\s-](?:{_alternation(ones)}))"
    )
    # One fixed-width look-behind per opener word.
    openers = "|".join(rf"(?<=\b{re.escape(w)}\s)" for w in spoken["millennium_openers"])
    millennium = re.escape(spoken["millennium"]).replace(r"\ ", r"\s")
    return (
        rf"(?i:(?:{_alternation(list(spoken['centuries']))})[\s-](?:hundred|{under_100})"
        rf"|(?:{openers}){millennium}(?:\s(?:and\s)?(?:{under_100}|{_alternation(ones)}))?)"
    )


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
        rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s1/2\b|½)?"
        rf"|(?i:(?:(?:{_alternation(tens)})-(?:{_alternation(ones)})"
        rf"|{_alternation(number_phrases)}|{_alternation(number_words)})(?:\sand\sa\shalf)?))"
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
        "HOLIDAY": _alternation(list(raw["holidays"])).replace("'", "['’]"),
        "SPOKEN_YEAR": _spoken_year_regex(raw["spoken_years"], words["numbers"]),
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
        reported_future_aux=frozenset(tense["reported_future_aux"]),
        reporting_lemmas=frozenset(tense["reporting_lemmas"]),
        past_tags=frozenset(tense["past_tags"]),
        perfect_aux=frozenset(tense["perfect_aux"]),
        confidence=dict(raw["confidence"]),
        earliest_year=raw["limits"]["earliest_year"],
        latest_year=raw["limits"]["latest_year"],
        wrong_side_weight=float(raw["limits"]["wrong_side_weight"]),
        not_verbs=frozenset(raw["filters"]["not_verbs"]),
        counted_noun_tags=frozenset(raw["years"]["counted_noun_tags"]),
        year_openers=frozenset(raw["years"]["year_openers"]),
        spoken_centuries=dict(raw["spoken_years"]["centuries"]),
        millennium=raw["spoken_years"]["millennium"],
        holidays={k.replace("’", "'"): v for k, v in raw["holidays"].items()},
        patterns=patterns,
    )


def _fill(template: str, fills: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z_]+)\}", lambda m: fills[m.group(1)], template)
