"""newsloom.rules: the one loader of the TOML rule files, and every file it loads."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import pytest

from newsloom.enrich.entities.rules import EntityRules, entity_rules
from newsloom.enrich.events.filters import precision_lexicon
from newsloom.enrich.events.lexicon import PLOVER_CATEGORIES, EventLexicon, event_lexicon
from newsloom.enrich.quotes.config import quote_config
from newsloom.enrich.roles.rules import role_rules
from newsloom.enrich.times.lexicon import load_lexicon
from newsloom.extract.news_data import news_patterns
from newsloom.gazetteer.countries import country_name_rules
from newsloom.gazetteer.senses import place_rules
from newsloom.rules import DERIVED, RulesError, load_rules, longest_first


def _upper(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.upper() for w in words)


def _positive(number: int) -> int:
    if number <= 0:
        raise ValueError("must be positive")
    return number


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    factor: int = 1


@dataclass(frozen=True, slots=True)
class Step:
    kind: str
    regex: str


@dataclass(frozen=True, slots=True)
class Limits:
    low: int
    high: float


@dataclass(frozen=True, slots=True)
class Sample:
    words: frozenset[str]
    ordered: tuple[str, ...]
    weights: dict[str, float]
    names: dict[str, str]
    groups: dict[str, frozenset[str]]
    point: tuple[float, float, str]
    limits: Limits
    units: dict[str, Unit]
    step: tuple[Step, ...]
    shouted: Annotated[frozenset[str], _upper]
    longest: Annotated[tuple[str, ...], longest_first]
    count: Annotated[int, _positive]
    anything: Any
    flag: bool = False
    total: int = field(default=0, metadata=DERIVED)


SAMPLE = """
words = ["b", "a", "b"]
ordered = ["z", "y"]
weights = { one = 1, half = 0.5 }
names = { "u.s." = "US" }
groups = { x = ["p", "q"] }
point = [1, 2.5, "GB"]
anything = { nested = [1, "two"] }
shouted = ["hi", "there"]
longest = ["a", "ccc", "bb", "dd"]
count = 3

[limits]
low = 1
high = 2

[units]
day = { code = "D" }
decade = { code = "Y", factor = 10 }

[[step]]
kind = "date"
regex = "x"

[[step]]
kind = "time"
regex = "y"
"""


def _write(folder: Path, text: str, name: str = "sample.toml") -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _error(folder: Path, record: type, section: str | None = None) -> RulesError:
    with pytest.raises(RulesError) as caught:
        load_rules("sample.toml", record, section, folder=folder)
    return caught.value


def test_values_are_converted_by_the_fields_type_hints(tmp_path: Path) -> None:
    sample = load_rules("sample.toml", Sample, folder=_write(tmp_path, SAMPLE))
    assert sample.words == frozenset({"a", "b"})
    assert sample.ordered == ("z", "y")
    assert sample.weights == {"one": 1.0, "half": 0.5}
    assert isinstance(sample.weights["one"], float)
    assert sample.names == {"u.s.": "US"}
    assert sample.groups == {"x": frozenset({"p", "q"})}
    assert sample.point == (1.0, 2.5, "GB")
    assert sample.limits == Limits(1, 2.0)
    assert isinstance(sample.limits.high, float)
    assert sample.units == {"day": Unit("D"), "decade": Unit("Y", 10)}
    assert list(sample.units) == ["day", "decade"]  # file order is kept
    assert sample.step == (Step("date", "x"), Step("time", "y"))
    assert sample.anything == {"nested": [1, "two"]}
    assert sample.shouted == frozenset({"HI", "THERE"})
    assert sample.longest == ("ccc", "bb", "dd", "a")
    assert sample.count == 3
    assert sample.flag is False
    assert sample.total == 0  # derived: left to the record's own loader


def test_a_section_is_read_by_its_dotted_name(tmp_path: Path) -> None:
    folder = _write(tmp_path, "[outer.limits]\nlow = 1\nhigh = 2.5\n")
    assert load_rules("sample.toml", Limits, "outer.limits", folder=folder) == Limits(1, 2.5)
    error = _error(folder, Limits, "outer.bounds")
    assert (error.file_name, error.section, error.key) == ("sample.toml", "outer", "bounds")
    assert "missing table" in str(error)


def test_an_unknown_key_is_rejected_naming_file_section_and_key(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, SAMPLE.replace("high = 2", "high = 2\nmiddle = 1.5")), Sample)
    assert (error.file_name, error.section, error.key) == ("sample.toml", "limits", "middle")
    assert str(error).startswith("sample.toml [limits] middle: unknown key")


def test_an_unknown_top_level_key_or_table_is_rejected(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, SAMPLE + "\n[extra]\nx = 1\n"), Sample)
    assert (error.section, error.key) == ("", "extra")
    assert str(error).startswith("sample.toml extra: unknown key")


def test_a_derived_field_cannot_be_set_from_the_file(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, "total = 3\n" + SAMPLE), Sample)
    assert error.key == "total"
    assert "unknown key" in str(error)


def test_an_unknown_key_inside_an_array_of_tables_is_named_by_its_index(tmp_path: Path) -> None:
    error = _error(
        _write(tmp_path, SAMPLE.replace('regex = "y"', 'regex = "y"\nflags = 1')), Sample
    )
    assert (error.section, error.key) == ("step[1]", "flags")


def test_a_missing_key_is_rejected(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, SAMPLE.replace("low = 1\n", "")), Sample)
    assert (error.file_name, error.section, error.key) == ("sample.toml", "limits", "low")
    assert str(error) == "sample.toml [limits] low: missing key"
    # A field with a default may be left out, inside a table of tables too.
    error = _error(_write(tmp_path, SAMPLE.replace('day = { code = "D" }', "day = {}")), Sample)
    assert (error.section, error.key) == ("units.day", "code")


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ("count = 3", 'count = "3"', "count", "expected an integer, got '3'"),
        ("count = 3", "count = 3.0", "count", "expected an integer, got 3.0"),
        ("count = 3", "count = true", "count", "expected an integer, got True"),
        ("count = 3", "count = -1", "count", "must be positive"),
        ('ordered = ["z", "y"]', 'ordered = "zy"', "ordered", "expected an array, got 'zy'"),
        ('ordered = ["z", "y"]', 'ordered = ["z", 1]', "ordered[1]", "expected a string, got 1"),
        ("half = 0.5", 'half = "0.5"', "weights.half", "expected a number, got '0.5'"),
        ('"u.s." = "US"', '"u.s." = 1', 'names."u.s."', "expected a string, got 1"),
        ('point = [1, 2.5, "GB"]', "point = [1, 2.5]", "point", "expected an array of 3"),
    ],
)
def test_a_value_of_the_wrong_type_is_rejected(
    tmp_path: Path, old: str, new: str, key: str, problem: str
) -> None:
    assert old in SAMPLE
    error = _error(_write(tmp_path, SAMPLE.replace(old, new)), Sample)
    assert (error.file_name, error.section, error.key) == ("sample.toml", "", key)
    assert problem in str(error)


def test_a_table_where_a_value_belongs_is_rejected(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, SAMPLE.replace("count = 3", "count = { n = 3 }")), Sample)
    assert error.key == "count"
    assert "expected an integer, got a table" in str(error)


def test_a_file_that_is_not_toml_is_rejected(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, "words = [\n"), Sample)
    assert str(error).startswith("sample.toml: not valid TOML")


def test_a_record_field_of_an_unsupported_type_is_a_programming_error(tmp_path: Path) -> None:
    @dataclass
    class Odd:
        values: list[str]

    with pytest.raises(TypeError, match="cannot hold"):
        load_rules("sample.toml", Odd, folder=_write(tmp_path, 'values = ["a"]\n'))


# The real files ---------------------------------------------------------------------


def _data(name: str) -> str:
    return resources.files("newsloom.data").joinpath(name).read_text(encoding="utf-8")


def test_every_rules_file_loads_through_its_stage_loader() -> None:
    assert "PERSON" in entity_rules().labels
    assert entity_rules().possessives[0] in ("'s", "’s")  # longest first
    assert isinstance(entity_rules().fold_rules[0][0], re.Pattern)
    assert "minister" in role_rules().role_nouns
    lexicon = event_lexicon()
    assert set(lexicon.verbs.values()) <= set(PLOVER_CATEGORIES)
    assert lexicon.categories.violent == frozenset({"ASSAULT", "FIGHT", "COERCE"})
    assert lexicon.targets.recipient_prepositions["RETREAT"] == ("from",)
    assert "against" in lexicon.targets.prepositions
    assert lexicon.frames.governing >= lexicon.frames.intent
    assert precision_lexicon() is lexicon.precision
    assert "against" in precision_lexicon().prepositional.prepositions
    quotes = quote_config()
    assert quotes.reported_cues["clausal"] >= quotes.cues.speech - quotes.cues.direct_only
    assert quotes.marks.pairs["“"] == frozenset({"”", '"'})
    times = load_lexicon()
    assert times.months["sept"] == 9 and times.weekdays["sunday"] == 7
    assert len(times.patterns) == len(times.pattern) > 0
    news = news_patterns()
    assert news.agency_names["reuters"] == "Reuters"
    assert news.dateline_pattern.match("KYIV, Ukraine (Reuters) - The rest of the sentence.")
    assert news.wire.tails[1].implies is None
    places = place_rules()
    assert places.gazetteer.city_min_population > 0
    assert places.country_names == country_name_rules()
    assert country_name_rules().demonym_suffixes[0] == "ians"


def test_a_typo_in_a_real_file_is_caught(tmp_path: Path) -> None:
    text = _data("entities.toml").replace("[orgs]\n", "[orgs]\nalliases = {}\n")
    folder = _write(tmp_path, text, "entities.toml")
    with pytest.raises(RulesError) as caught:
        load_rules("entities.toml", EntityRules, folder=folder)
    assert (caught.value.file_name, caught.value.section, caught.value.key) == (
        "entities.toml",
        "orgs",
        "alliases",
    )


def test_an_event_category_outside_plover_is_caught(tmp_path: Path) -> None:
    text = _data("events.toml").replace('"call for" = "DEMAND"', '"call for" = "DEMANDS"')
    folder = _write(tmp_path, text, "events.toml")
    with pytest.raises(RulesError, match=r"events.toml phrases: unknown PLOVER .*DEMANDS"):
        load_rules("events.toml", EventLexicon, folder=folder)


def test_records_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        entity_rules().orgs.articles = frozenset()  # type: ignore[misc]
