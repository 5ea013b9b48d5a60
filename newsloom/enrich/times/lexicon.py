"""The word lists and patterns of the time tagger, read once from data/times.toml.

Each record below is one table of the file, field for field (see newsloom/rules.py);
`load_lexicon` adds the lookups and the compiled patterns built from several tables.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any

from newsloom.rules import DERIVED, load_rules

DATA_FILE = "times.toml"


@dataclass(frozen=True, slots=True)
class Pattern:
    kind: str
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """A `[[pattern]]` as written: its regex still has {PLACEHOLDERS}."""

    kind: str
    regex: str


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    clock: bool = False
    factor: int = 1


@dataclass(frozen=True, slots=True)
class Words:
    months: tuple[tuple[str, ...], ...]
    weekdays: tuple[tuple[str, ...], ...]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    approximators: tuple[str, ...]
    time_zones: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TenseWords:
    future_aux: frozenset[str]
    future_lemmas: frozenset[str]
    reported_future_aux: frozenset[str]
    reporting_lemmas: frozenset[str]
    past_tags: frozenset[str]
    perfect_aux: frozenset[str]
    past_prepositions: frozenset[str]


@dataclass(frozen=True, slots=True)
class Filters:
    not_verbs: frozenset[str]
    not_compounds: frozenset[str]


@dataclass(frozen=True, slots=True)
class Years:
    counted_noun_tags: frozenset[str]
    year_openers: frozenset[str]
    copyright_marks: tuple[str, ...]
    label_words: frozenset[str]
    street_types: tuple[str, ...]
    address_blocks: frozenset[str]


@dataclass(frozen=True, slots=True)
class Chrome:
    sentence_ends: frozenset[str]


@dataclass(frozen=True, slots=True)
class Limits:
    earliest_year: int
    latest_year: int
    wrong_side_weight: float
    present_months_ahead: int
    dateline_words: int


@dataclass(frozen=True, slots=True)
class Narrative:
    anaphoric_shifts: frozenset[str]
    reference_breaks: int


@dataclass(frozen=True, slots=True)
class Rates:
    before: str


def _rate_pattern(rates: Rates) -> re.Pattern[str]:
    return re.compile(rates.before)


@dataclass(frozen=True, slots=True)
class NextToDate:
    """[next_to_date] as written: the regexes still have {PLACEHOLDERS}."""

    date_after: str
    weekday_before: str


@dataclass(frozen=True, slots=True)
class SpokenYears:
    centuries: dict[str, int]
    millennium: str
    millennium_openers: tuple[str, ...]


def _straight_apostrophes(holidays: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {name.replace("’", "'"): spec for name, spec in holidays.items()}


@dataclass(frozen=True, slots=True)
class Lexicon:
    words: Words
    units: dict[str, Unit]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    day_words: dict[str, dict[str, Any]]
    fixed: dict[str, dict[str, Any]]
    shift_words: dict[str, int]
    tense: TenseWords
    confidence: dict[str, float]
    filters: Filters
    years: Years
    chrome: Chrome
    limits: Limits
    spoken_years: SpokenYears
    holidays: Annotated[dict[str, dict[str, int]], _straight_apostrophes]
    pattern: tuple[PatternSpec, ...]
    next_to_date: NextToDate
    narrative: Narrative
    # [rates] compiled: what comes right before a rate's "a year" ("$5 million a year").
    rates: Annotated[re.Pattern[str], _rate_pattern]
    # Built by load_lexicon: lower-cased month and weekday names -> 1-based number, and
    # the patterns with their placeholders filled in.
    months: dict[str, int] = field(default_factory=dict, metadata=DERIVED)
    weekdays: dict[str, int] = field(default_factory=dict, metadata=DERIVED)
    patterns: tuple[Pattern, ...] = field(default=(), metadata=DERIVED)
    # [next_to_date] compiled: a date right after a weekday, a weekday right before a date.
    date_after: re.Pattern[str] = field(default=re.compile(r"(?!)"), metadata=DERIVED)
    weekday_before: re.Pattern[str] = field(default=re.compile(r"(?!)"), metadata=DERIVED)

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
        if text in self.words.vague_numbers:
            return None
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return float(text)
        total = 0.0
        for part in text.split("-"):
            if part not in self.words.numbers:
                return None
            total += self.words.numbers[part]
        return total

    def holiday(self, name: str) -> dict[str, int]:
        return self.holidays[re.sub(r"\s+", " ", name.replace("’", "'"))]

    def spoken_year(self, text: str) -> int | None:
        """A year said in words: "nineteen ninety-six" 1996, "nineteen oh five" 1905,
        "eighteen hundred" 1800, "two thousand and one" 2001; None when not one."""
        words = re.sub(r"[\s-]+", " ", text.lower()).split()
        if " ".join(words[:2]) == self.spoken_years.millennium:
            rest = [w for w in words[2:] if w != "and"]
            tail = self.number("-".join(rest)) if rest else 0.0
            return 2000 + int(tail) if tail is not None and tail < 100 else None
        centuries = self.spoken_years.centuries
        if len(words) < 2 or words[0] not in centuries:
            return None
        century, rest = centuries[words[0]], words[1:]
        if rest == ["hundred"]:
            return century * 100
        if rest[0] == "oh":
            rest = rest[1:]
        tail = self.number("-".join(rest)) if rest else None
        if tail is None or not 1 <= tail < 100 or tail != int(tail):
            return None
        return century * 100 + int(tail)


def _spoken_year_regex(spoken: SpokenYears, numbers: dict[str, float]) -> str:
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
    openers = "|".join(rf"(?<=\b{re.escape(w)}\s)" for w in spoken.millennium_openers)
    millennium = re.escape(spoken.millennium).replace(r"\ ", r"\s")
    return (
        rf"(?i:(?:{_alternation(list(spoken.centuries))})[\s-](?:hundred|{under_100})"
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
    lexicon = load_rules(DATA_FILE, Lexicon)
    words = lexicon.words
    fills = _fills(lexicon)
    return dataclasses.replace(
        lexicon,
        months={name.lower(): i for i, names in enumerate(words.months, 1) for name in names},
        weekdays={name.lower(): i for i, names in enumerate(words.weekdays, 1) for name in names},
        patterns=tuple(
            Pattern(spec.kind, re.compile(_fill(spec.regex, fills))) for spec in lexicon.pattern
        ),
        date_after=re.compile(_fill(lexicon.next_to_date.date_after, fills)),
        weekday_before=re.compile(_fill(lexicon.next_to_date.weekday_before, fills)),
    )


def _fills(lexicon: Lexicon) -> dict[str, str]:
    """What each {PLACEHOLDER} of a pattern stands for."""
    words = lexicon.words
    unit_words = [
        w
        for name in lexicon.units
        for w in (name, "centuries" if name == "century" else name + "s")
    ]
    number_words = [w for w in words.numbers if " " not in w]
    number_phrases = [w for w in words.numbers if " " in w] + list(words.vague_numbers)
    tens = [w for w, n in words.numbers.items() if n in (20, 30, 40, 50, 60, 70, 80, 90)]
    ones = [w for w, n in words.numbers.items() if 1 <= n <= 9 and w not in ("a", "an")]
    num = (
        rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s1/2\b|½)?"
        rf"|(?i:(?:(?:{_alternation(tens)})-(?:{_alternation(ones)})"
        rf"|{_alternation(number_phrases)}|{_alternation(number_words)})(?:\sand\sa\shalf)?))"
    )
    return {
        "MONTH": _alternation(_capitalised([n for names in words.months for n in names])),
        "WEEKDAY": _alternation(_capitalised([n for names in words.weekdays for n in names])),
        "NUM": num,
        "UNITS": _alternation(unit_words),
        "PART": _alternation(list(lexicon.parts_of_day)),
        "SEASON": _alternation(list(lexicon.seasons)),
        "ORD": _alternation(list(words.ordinals)),
        "APPROX": _alternation(list(words.approximators)),
        "ZONE": _alternation(list(words.time_zones)),
        "FIXED": _alternation(list(lexicon.fixed)),
        "HOLIDAY": _alternation(list(lexicon.holidays)).replace("'", "['’]"),
        "SPOKEN_YEAR": _spoken_year_regex(lexicon.spoken_years, words.numbers),
    }


def _fill(template: str, fills: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z_]+)\}", lambda m: fills[m.group(1)], template)
