"""Choose one gazetteer sense for each place name of an article, by prior and context.

Works on plain text and name groups (one group per referent: its mention spans and the
names to look up), so the stage and the evaluation on gold spans share it. First the
text around the mentions narrows the senses (weights and word lists in places.toml):
- a natural feature written after the name ("the Sahara desert", "the Neches River",
  "the California coast") leaves only the senses that are no town: a desert is not a
  village; a word for a first-level region ("Kandahar province", "New York
  State") leaves only first-level regions when the name has one;
- a dateline ("NEW YORK --", "RIDGE FARM, Ill. (AP) --") names a town;
- a name of three capitals or fewer ("SAN", "VAT") is an acronym, not a town nor an ISO
  code, unless places.toml lists it ("US", "UK");
- a town matched only through an alternate name is kept only when it is large (GeoNames
  gives villages alternate names that are common words: "Sahara"), and a town of unknown
  or tiny population not at all ("Tītān" for "Titan");
- a city that is the bulk of the first-level region that bears its own name (Kabul,
  Tokyo, Baghdad) stands for the name rather than the region, unless a region word follows.
Each sense left is then scored:
- prior: log10 of its population, a bonus for the prominent kinds (a country, continent,
  region or first-level region named exactly), one for a national capital, a penalty when
  only an alternate name matched, and one for a town when the model typed the name as a
  location that is no political unit (spaCy's LOC: seas, regions, mountains), and one for
  a second-level region (a county, a district: less often meant than a town of its
  name); a bonus for
  the sense news means by a name against its population ("Washington": the capital);
- qualifier: the place written right after a mention behind a comma ("Springfield,
  Illinois", "Paris, Tex.", "Hamilton, Ont.", "Kandahar, Afghanistan") when the sense
  lies in it;
- context: the other groups' chosen senses that share its first-level region or its
  country, the stronger bonus when one of them is in the same sentence (the two levels
  do not add up, so a list of places does not outweigh a prior). Only the others chosen
  with some confidence count, so two unsure towns cannot vouch for each other. Choices
  are first made on prior and qualifier alone, then twice more with that context.
Confidence is the chosen sense's share of exp(score) over all senses, so a name with
several close senses (thirty Springfields, none qualified) gets a low one.

Precision first: a small town chosen with no qualifier and no other place of its
first-level region in the article is left out rather than guessed, and so is any choice
whose confidence falls under the floor.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from newsloom.gazetteer import senses as gaz
from newsloom.gazetteer.senses import Sense

EARTH_RADIUS_KM = 6371.0

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
# ", Illinois" / ", Ill." / ", N.Y." / ", IL" / ", New South Wales" right after a name.
_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][A-Za-z.'-]*)(?:\s+[A-Z][A-Za-z.'-]*){0,2})")
# The word right after a mention ("desert" in "the Sahara desert").
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
# What follows a dateline's place: a dash, a wire credit, or ", State (AP) --".
_DATELINE_TAIL = re.compile(
    r"\s*(?:,\s*[A-Z][A-Za-z. ]{1,20}?\s*)?(?:\((?:AP|Reuters|AFP|UPI|CNN|dpa|Xinhua)\)\s*)?"
    r"(?:--|—|–|-\s|:|\(|\))"
)
_LINE_START = re.compile(r"(?:^|\n)[\s|/(]*$")


@dataclass(slots=True, frozen=True)
class NameGroup:
    """One referent: its mention spans (start, end) in the text and its names.

    `spans` are all its mentions, nationality words included ("Russian" for Russia);
    `name_spans` those that are names (empty: all of them), whose first is the evidence;
    `type` is the model's label for the entity ("GPE", "LOC", ...; "" when unknown)."""

    id: str
    spans: tuple[tuple[int, int], ...]
    names: tuple[str, ...]
    type: str = ""
    name_spans: tuple[tuple[int, int], ...] = ()

    @property
    def named(self) -> tuple[tuple[int, int], ...]:
        return self.name_spans or self.spans


@dataclass(slots=True, frozen=True)
class Choice:
    group: NameGroup
    sense: Sense
    confidence: float
    senses: int


@dataclass(slots=True, frozen=True)
class _Cues:
    """What the text around a group's name mentions says about the kind of place."""

    qualifiers: tuple[Sense, ...]
    preferred: frozenset[int]  # GeoNames ids of the usual news sense of its names
    feature: bool  # a natural-feature word follows ("desert", "river")
    area_word: bool  # a first-level region word follows ("province", "state")
    dateline: bool
    acronym: bool  # three capitals or fewer, not a listed short name


@dataclass(slots=True)
class _Candidate:
    sense: Sense
    alternate: bool
    qualified: bool
    preferred: bool = False


def resolve(text: str, groups: list[NameGroup]) -> list[Choice]:
    """The chosen sense of every group that has one, in the order given."""
    sentences = _sentence_starts(text)
    candidates: dict[str, list[_Candidate]] = {}
    for group in groups:
        found = _candidates(text, group)
        if found:
            candidates[group.id] = found
    live = [g for g in groups if g.id in candidates]
    choices = {g.id: _choose(g, candidates[g.id], [], sentences) for g in live}
    kept = set(choices)
    for _ in range(3):
        trusted = [c for c in _trusted(choices) if c.group.id in kept]
        choices = {
            g.id: _choose(
                g, candidates[g.id], [c for c in trusted if c.group.id != g.id], sentences
            )
            for g in live
        }
        trusted = [c for c in _trusted(choices) if c.group.id in kept]
        kept = {
            g.id
            for g in live
            if _placeable(
                choices[g.id], candidates[g.id], [c for c in trusted if c.group.id != g.id]
            )
        }
    return [choices[g.id] for g in live if g.id in kept]


def _senses(group: NameGroup) -> list[_Candidate]:
    """Each sense any name of the group has, flagged when only an alternate name matched.

    When the longest name is some sense's own name ("New York City" beside "New York"),
    only the senses of that name are kept: the longer name says which place is meant."""
    found: dict[Sense, bool] = {}
    for name in group.names:
        for sense in gaz.lookup(name):
            found[sense] = found.get(sense, True) and gaz.is_alternate(name, sense)
    if len(group.names) > 1:
        longest = max(group.names, key=len)
        own = {s for s in gaz.lookup(longest) if not gaz.is_alternate(longest, s)}
        if own:
            found = {s: alternate for s, alternate in found.items() if s in gaz.lookup(longest)}
    return [_Candidate(sense, alternate, False) for sense, alternate in found.items()]


def _candidates(text: str, group: NameGroup) -> list[_Candidate]:
    """The group's senses that its text allows, qualified ones flagged."""
    rules = gaz.place_rules().resolution
    cues = _cues(text, group)
    found = [c for c in _senses(group) if c.sense.kind != "city" or _town_kept(c, rules)]
    if cues.acronym:
        found = [c for c in found if c.sense.kind == "country" and _short_name(group)]
    if cues.feature:
        found = [c for c in found if c.sense.kind != "city"]
    if cues.area_word and any(c.sense.kind == "admin" for c in found):
        found = [c for c in found if c.sense.kind == "admin"]
    elif cues.dateline and any(c.sense.kind == "city" for c in found):
        found = [c for c in found if c.sense.kind == "city"]
    else:
        found = _without_city_regions(found, rules.seat_share)
    for c in found:
        c.qualified = any(_qualifies(c.sense, q) for q in cues.qualifiers)
        c.preferred = c.sense.geonames_id in cues.preferred and c.sense.kind == "city"
    return found


def _town_kept(candidate: _Candidate, rules: gaz.Resolution) -> bool:
    minimum = rules.alternate_min_population if candidate.alternate else rules.town_min_population
    return candidate.sense.population >= minimum


def _without_city_regions(found: list[_Candidate], share: float) -> list[_Candidate]:
    """A first-level region whose city of the same own name holds `share` of its people or
    more is left out: the name means the city (Kabul, Tokyo, Baghdad; not Oklahoma City,
    whose own name is longer)."""
    cities = [c.sense for c in found if c.sense.kind == "city" and not c.alternate]
    return [
        c
        for c in found
        if c.sense.kind != "admin"
        or not any(
            city.country == c.sense.country
            and city.admin1 == c.sense.admin1
            and city.population >= share * c.sense.population
            for city in cities
        )
    ]


def _short_name(group: NameGroup) -> bool:
    short = gaz.place_rules().resolution.short_names
    return any(gaz.key(name) in short for name in group.names)


def _cues(text: str, group: NameGroup) -> _Cues:
    rules = gaz.place_rules().resolution
    qualifiers: list[Sense] = []
    feature = area_word = dateline = False
    for start, end in group.named:
        qualifier = qualifier_after(text, end)
        if qualifier is not None:
            qualifiers.append(qualifier)
        following = _NEXT_WORD.match(text, end)
        word = following.group(1).lower() if following else ""
        feature |= word in rules.feature_words
        area_word |= word in gaz.place_rules().gazetteer.admin_suffixes
        dateline |= is_dateline(text, start, end)
    names = [text[s:e] for s, e in group.named]
    acronym = bool(names) and all(
        len(n.replace(".", "")) <= 3 and n.isupper() and "." not in n for n in names
    )
    preferred = rules.preferred_senses
    usual = frozenset(preferred[k] for k in map(gaz.key, group.names) if k in preferred)
    return _Cues(tuple(qualifiers), usual, feature, area_word, dateline, acronym)


def is_dateline(text: str, start: int, end: int) -> bool:
    """A place in capitals at the start of a line, before a dash or a wire credit."""
    name = text[start:end]
    if not name.isupper() or len(name) < 4:
        return False
    if not _LINE_START.search(text[max(0, start - 40) : start]):
        return False
    return _DATELINE_TAIL.match(text, end) is not None


def _sentence_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _SENTENCE_BREAK.finditer(text))]


def _sentence(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def qualifier_after(text: str, end: int) -> Sense | None:
    """The country or first-level region written right after a mention behind a comma."""
    match = _QUALIFIER.match(text, end)
    if match is None:
        return None
    words = match.group(1).split()
    # The longest leading run of words that names a state or a country.
    for n in range(len(words), 0, -1):
        phrase = " ".join(words[:n])
        bare = phrase.rstrip(".")  # a sentence's full stop, unless "Ill." is a state
        sense = gaz.area_of_qualifier(phrase) or gaz.area_of_qualifier(bare) or _country_named(bare)
        if sense is not None:
            return sense
    return None


def _country_named(name: str) -> Sense | None:
    return next((s for s in gaz.lookup(name) if s.kind == "country"), None)


def prior(sense: Sense, alternate: bool = False, group_type: str = "") -> float:
    w = gaz.place_rules().weights
    score = w["population"] * math.log10(sense.population + 10) + w["kind"][sense.kind]
    if sense.capital:
        score += w["capital"]
    if alternate:
        score += w["alternate_name"]
    if group_type == "LOC" and sense.kind == "city":
        score += w["loc_town"]
    if sense.kind == "admin" and sense.level == 2:
        score += w["second_level"]
    return float(score)


def _within(sense: Sense, area: Sense) -> tuple[bool, bool]:
    """(same admin area, same country) of `sense` relative to `area`, itself excluded.

    Two first-level regions of one country count as the same area: states named
    together ("Iowa, Nevada and South Carolina") vouch for each other's state sense
    (when listed together only: see `_context`)."""
    if area.geonames_id == sense.geonames_id and area.kind == sense.kind:
        return False, False
    country = sense.country is not None and sense.country == area.country
    admin = country and (
        (sense.admin1 is not None and sense.admin1 == area.admin1)
        or sense.kind == area.kind == "admin"
    )
    return admin, country


def _context(
    sense: Sense, group: NameGroup, others: list[Choice], starts: list[int]
) -> tuple[float, float]:
    """(admin bonus, country bonus) the other chosen places give this sense."""
    w = gaz.place_rules().weights
    mine = {_sentence(starts, s) for s, _ in group.spans}
    admin_bonus = country_bonus = 0.0
    near_km = gaz.place_rules().resolution.neighbour_km
    for other in others:
        admin, country = _within(sense, other.sense)
        if not country and _neighbours(sense, other.sense, near_km):
            country = True  # "Bethlehem" beside "Jerusalem": across a border, next door
        if not country:
            continue
        near = any(_sentence(starts, s) in mine for s, _ in other.group.spans)
        if admin and sense.admin1 != other.sense.admin1 and not _listed(group, other.group):
            admin = False  # sibling regions vouch for each other only when listed together
        if admin:
            admin_bonus = max(admin_bonus, w["sentence_admin"] if near else w["article_admin"])
        country_bonus = max(country_bonus, w["sentence_country"] if near else w["article_country"])
    return admin_bonus, country_bonus


def _neighbours(sense: Sense, other: Sense, near_km: float) -> bool:
    """Two towns within `near_km` of each other (regions and countries have no point)."""
    if sense.kind != "city" or other.kind != "city" or sense.geonames_id == other.geonames_id:
        return False
    return _km(sense.latitude, sense.longitude, other.latitude, other.longitude) <= near_km


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _listed(group: NameGroup, other: NameGroup) -> bool:
    """Some mentions of the two stand close, as in a list ("Iowa, Nevada and Ohio")."""
    gap = gaz.place_rules().resolution.list_gap
    return any(
        0 <= s2 - e1 <= gap or 0 <= s1 - e2 <= gap
        for s1, e1 in group.named
        for s2, e2 in other.named
    )


def _score(
    candidate: _Candidate, group: NameGroup, others: list[Choice], starts: list[int]
) -> float:
    w = gaz.place_rules().weights
    score = prior(candidate.sense, candidate.alternate, group.type)
    if candidate.qualified:
        score += w["qualifier"]
    if candidate.preferred:
        score += w["preferred"]
    admin_bonus, country_bonus = _context(candidate.sense, group, others, starts)
    return score + admin_bonus + country_bonus


def _qualifies(sense: Sense, area: Sense) -> bool:
    if area.kind == "country":
        return sense.country == area.country and sense.kind != "country"
    return sense.country == area.country and sense.admin1 == area.admin1 and sense != area


def _choose(
    group: NameGroup, candidates: list[_Candidate], others: list[Choice], starts: list[int]
) -> Choice:
    scored = sorted(
        ((_score(c, group, others, starts), i) for i, c in enumerate(candidates)), reverse=True
    )
    best_score, best = scored[0]
    share = 1.0 / sum(math.exp(s - best_score) for s, _ in scored)
    cap = float(gaz.place_rules().weights["confidence_cap"])
    return Choice(group, candidates[best].sense, round(cap * share, 3), len(candidates))


def _trusted(choices: dict[str, Choice]) -> list[Choice]:
    """The choices sure enough to serve as context for the others."""
    floor = gaz.place_rules().resolution.context_min_confidence
    return [c for c in choices.values() if c.confidence >= floor]


def _placeable(choice: Choice, candidates: list[_Candidate], others: list[Choice]) -> bool:
    """Kept unless unsure, or a small town nothing in the article vouches for."""
    rules = gaz.place_rules().resolution
    if choice.confidence < rules.min_confidence:
        return False
    sense = choice.sense
    if sense.kind != "city" or sense.population >= rules.town_alone_min_population:
        return True
    if any(c.qualified and c.sense == sense for c in candidates):
        return True
    return any(_within(sense, other.sense)[0] for other in others)
