"""The places stage: resolve the article's place entities to gazetteer coordinates.

One `Place` per GPE/LOC/FAC entity whose name the gazetteer knows (see
gazetteer.senses for the senses, places.resolve for the choice among them). The
evidence span is the entity's first mention that is a place name: nationality words
("Ukrainian", which the entity stage files under the country `gpe:ua`) are left out,
since an adjective says who, not where; an entity named only by them gets no place.
A name the gazetteer lacks (an invented town, a street) gets no place either.

The small model sometimes tags a city as a person ("north of Goma"). A PERSON entity
whose every mention follows a locative preposition ("in", "near", "north of") and names
a city of at least `LOCATIVE_PERSON_MIN_POPULATION` people is taken as that place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from newsloom.enrich.places.resolve import Choice, NameGroup, resolve
from newsloom.gazetteer import senses as gaz
from newsloom.gazetteer.countries import country_code, country_of_demonym
from newsloom.record import Article, Entity, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_PERSON_MIN_POPULATION = 100_000
_COMPASS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
_LOCATIVE_BEFORE = re.compile(rf"\b(?:in|near|outside|around|{_COMPASS}\s+of)\s+$", re.IGNORECASE)


class PlaceStage:
    name: ClassVar[str] = "places"
    requires: ClassVar[frozenset[str]] = frozenset({"entities"})
    assigns: ClassVar[frozenset[str]] = frozenset({"places"})

    def __call__(self, article: Article, doc: Doc) -> None:
        del doc
        article.places = build_places(article.text, article.entities)


def build_places(text: str, entities: list[Entity]) -> list[Place]:
    return [_place(text, choice) for choice in resolve_entities(text, entities)]


def resolve_entities(text: str, entities: list[Entity]) -> list[Choice]:
    """The chosen sense of each place entity, with the spans that name it."""
    groups = (name_group(entity, text) for entity in entities)
    return resolve(text, [g for g in groups if g is not None])


def _city_tagged_as_person(entity: Entity, text: str) -> bool:
    if entity.type != "PERSON" or not entity.mentions or not text:
        return False
    if not all(
        _LOCATIVE_BEFORE.search(text[max(m.start - 24, 0) : m.start]) for m in entity.mentions
    ):
        return False
    return any(
        sense.kind == "city" and sense.population >= LOCATIVE_PERSON_MIN_POPULATION
        for sense in gaz.lookup(entity.mentions[0].text)
    )


def name_group(entity: Entity, text: str = "") -> NameGroup | None:
    """The entity's place-name mentions as a group; None when it has none."""
    if entity.type not in PLACE_TYPES and not _city_tagged_as_person(entity, text):
        return None
    spans, names = [], []
    for mention in entity.mentions:
        if not is_place_name(mention.text):
            continue
        spans.append((mention.start, mention.end))
        if mention.text not in names:
            names.append(mention.text)
    if not spans:
        return None
    return NameGroup(entity.id, tuple(spans), tuple(names))


def is_place_name(text: str) -> bool:
    """A capitalised name the gazetteer knows, and not a nationality word ("Ukrainian")."""
    if not text[:1].isupper() and not text.lower().startswith("the "):
        return False
    if not gaz.lookup(text):
        return False
    return country_code(text) is not None or country_of_demonym(text) is None


def _place(text: str, choice: Choice) -> Place:
    sense = choice.sense
    start, end = min(choice.group.spans)
    return Place(
        entity_id=choice.group.id,
        name=sense.name,
        latitude=sense.latitude,
        longitude=sense.longitude,
        kind=sense.kind,
        text=text[start:end],
        start=start,
        end=end,
        country=sense.country,
        geonames_id=sense.geonames_id,
        confidence=choice.confidence,
    )
