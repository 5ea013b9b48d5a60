"""Choose one gazetteer sense for each place name of an article, by prior and context.

Works on plain text and name groups (one group per referent: its mention spans and the
names to look up), so the stage and the evaluation on gold spans share it. Each sense
is scored (weights in places.toml):
- prior: log10 of its population, a bonus for the prominent kinds (a country, continent
  or US state named exactly), one for a national capital, a penalty when only an
  alternate name matched;
- qualifier: the place written right after a mention behind a comma ("Springfield,
  Illinois", "Paris, Tex.", "Hamilton, Canada") when the sense lies in it;
- context: the other groups' chosen senses, in the same sentence or anywhere in the
  article, that share its US state / admin area or its country. Choices are first
  made on prior and qualifier alone, then once more with that context.
Confidence is the chosen sense's share of exp(score) over all senses, so a name with
several close senses (thirty Springfields, none qualified) gets a low one.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from newsloom.gazetteer import senses as gaz
from newsloom.gazetteer.senses import Sense

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
# ", Illinois" / ", Ill." / ", N.Y." / ", IL" / ", New South Wales" right after a name.
_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][A-Za-z.'-]*)(?:\s+[A-Z][A-Za-z.'-]*){0,2})")


@dataclass(slots=True, frozen=True)
class NameGroup:
    """One referent: its mention spans (start, end) in the text and its names."""

    id: str
    spans: tuple[tuple[int, int], ...]
    names: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class Choice:
    group: NameGroup
    sense: Sense
    confidence: float
    senses: int


def resolve(text: str, groups: list[NameGroup]) -> list[Choice]:
    """The chosen sense of every group that has one, in the order given."""
    senses = {g.id: _senses(g) for g in groups}
    live = [g for g in groups if senses[g.id]]
    sentences = _sentence_starts(text)
    qualifiers = {g.id: _qualifiers(text, g) for g in live}
    choices = {g.id: _choose(g, senses[g.id], qualifiers[g.id], [], sentences) for g in live}
    for _ in range(2):
        choices = {
            g.id: _choose(
                g,
                senses[g.id],
                qualifiers[g.id],
                [c for other, c in choices.items() if other != g.id],
                sentences,
            )
            for g in live
        }
    return [choices[g.id] for g in live]


def _senses(group: NameGroup) -> tuple[tuple[Sense, bool], ...]:
    """Each sense any name of the group has, flagged when only an alternate name matched."""
    found: dict[Sense, bool] = {}
    for name in group.names:
        for sense in gaz.lookup(name):
            found[sense] = found.get(sense, True) and gaz.is_alternate(name, sense)
    return tuple(found.items())


def _sentence_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _SENTENCE_BREAK.finditer(text))]


def _sentence(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def _qualifiers(text: str, group: NameGroup) -> list[Sense]:
    """Countries and admin areas written right after a mention behind a comma."""
    found: list[Sense] = []
    for _, end in group.spans:
        match = _QUALIFIER.match(text, end)
        if match is None:
            continue
        words = match.group(1).split()
        # The longest leading run of words that names a state or a country.
        for n in range(len(words), 0, -1):
            phrase = " ".join(words[:n])
            bare = phrase.rstrip(".")  # a sentence's full stop, unless "Ill." is a state
            sense = (
                gaz.state_of_abbreviation(phrase)
                or gaz.state_of_abbreviation(bare)
                or _country_named(bare)
            )
            if sense is not None:
                found.append(sense)
                break
    return found


def _country_named(name: str) -> Sense | None:
    return next((s for s in gaz.lookup(name) if s.kind == "country"), None)


def prior(sense: Sense, alternate: bool = False) -> float:
    w = gaz.place_rules().weights
    score = w["population"] * math.log10(sense.population + 10) + w["kind"][sense.kind]
    if sense.capital:
        score += w["capital"]
    if alternate:
        score += w["alternate_name"]
    return float(score)


def _within(sense: Sense, area: Sense) -> tuple[bool, bool]:
    """(same admin area, same country) of `sense` relative to `area`, itself excluded."""
    if area.geonames_id == sense.geonames_id and area.kind == sense.kind:
        return False, False
    country = sense.country is not None and sense.country == area.country
    admin = country and sense.admin1 is not None and sense.admin1 == area.admin1
    return admin, country


def _score(
    sense: Sense,
    alternate: bool,
    group: NameGroup,
    qualifiers: list[Sense],
    others: list[Choice],
    starts: list[int],
) -> float:
    w = gaz.place_rules().weights
    score = prior(sense, alternate)
    if any(_qualifies(sense, q) for q in qualifiers):
        score += w["qualifier"]
    mine = {_sentence(starts, s) for s, _ in group.spans}
    admin_near = country_near = admin_far = country_far = False
    for other in others:
        admin, country = _within(sense, other.sense)
        if not country:
            continue
        near = any(_sentence(starts, s) in mine for s, _ in other.group.spans)
        admin_near |= admin and near
        country_near |= country and near
        admin_far |= admin
        country_far |= country
    score += w["sentence_admin"] * admin_near + w["sentence_country"] * country_near
    score += w["article_admin"] * admin_far + w["article_country"] * country_far
    return score


def _qualifies(sense: Sense, area: Sense) -> bool:
    if area.kind == "country":
        return sense.country == area.country and sense.kind != "country"
    return sense.country == area.country and sense.admin1 == area.admin1 and sense != area


def _choose(
    group: NameGroup,
    senses: tuple[tuple[Sense, bool], ...],
    qualifiers: list[Sense],
    others: list[Choice],
    starts: list[int],
) -> Choice:
    scored = sorted(
        (
            (_score(s, alt, group, qualifiers, others, starts), i)
            for i, (s, alt) in enumerate(senses)
        ),
        reverse=True,
    )
    best_score, best = scored[0]
    share = 1.0 / sum(math.exp(s - best_score) for s, _ in scored)
    cap = float(gaz.place_rules().weights["confidence_cap"])
    return Choice(group, senses[best][0], round(cap * share, 3), len(senses))
