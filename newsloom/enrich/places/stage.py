"""The places stage: resolve the article's place entities to gazetteer coordinates.

One `Place` per GPE/LOC/FAC entity whose name the gazetteer knows (see
gazetteer.senses for the senses, places.resolve for the choice among them). The
evidence span is the entity's first mention that is a place name: nationality words
("Ukrainian", which the entity stage files under the country `gpe:ua`) are left out,
since an adjective says who, not where; an entity named only by them gets no place.
A name the gazetteer lacks (an invented town, a street) gets no place either.

The small model sometimes tags a town as a person, an organisation or a group ("north of
Goma", "a Coral Gables man", "WASHINGTON (AP) --", "the situation in Sderot"). Such an
entity is taken as a place when its name is a place's own name in the gazetteer (a
country, a first-level region, or a town of at least `MISTYPED_MIN_POPULATION` people,
any size when qualified) and one of its mentions stands where only a place does: after
a locative preposition ("in", "near", "north of"), or after one joined by "and" or a
comma ("in Hilversum and Almelo"); before a comma and its state or country ("Matias
Romero, Oaxaca State"); before "-based" or a word for a resident ("a Camarillo man"); or
as a dateline. None of its mentions may follow a personal title ("Mr", "Sen."), and a
capital standing for its government (`org:government-*`) stays that organisation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from newsloom.enrich.places.resolve import Choice, NameGroup, is_dateline, qualifier_after, resolve
from newsloom.gazetteer import senses as gaz
from newsloom.gazetteer.countries import country_code, country_of_demonym
from newsloom.record import Article, Entity, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
MISTYPED_TYPES = frozenset({"PERSON", "ORG", "NORP"})
MISTYPED_MIN_POPULATION = 15_000
_COMPASS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
_LOCATIVE = rf"(?:in|near|outside|around|across|throughout|between|{_COMPASS}\s+of)"
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
# "in " / "north of " / "in Hilversum and " / "between Coggeshall, Witham and "
_LOCATIVE_BEFORE = re.compile(
    rf"\b{_LOCATIVE}\s+(?:{_NAME}\s*(?:,|\band\b|\bor\b)\s*){{0,3}}$", re.IGNORECASE
)
_RESIDENT_AFTER = re.compile(
    r"(?:-based\b|\s+(?:man|woman|men|women|resident|residents|native|natives|couple|"
    r"family|teen|teenager|boy|girl)\b)"
)
_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Sgt|Lt|Judge|President|Minister|"
    r"Sir|Lady|Lord|Rev|Father|Sister|Governor|Senator|Mayor)\.?\s+$"
)


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


def _place_tagged_as_other(entity: Entity, text: str) -> bool:
    """A town, region or country the model typed PERSON or ORG (see the module docstring)."""
    if entity.type not in MISTYPED_TYPES or not entity.mentions or not text:
        return False
    if entity.id.startswith("org:government-"):
        return False
    if any(_TITLE_BEFORE.search(text[max(m.start - 16, 0) : m.start]) for m in entity.mentions):
        return False
    placed = [m for m in entity.mentions if _stands_for_a_place(text, m.start, m.end)]
    if not placed:
        return False
    qualified = any(qualifier_after(text, m.end) is not None for m in placed)
    name = placed[0].text
    return any(
        sense.kind in ("country", "admin", "region")
        or (
            sense.kind == "city"
            and not gaz.is_alternate(name, sense)
            and (qualified or sense.population >= MISTYPED_MIN_POPULATION)
        )
        for sense in gaz.lookup(name)
    )


def _stands_for_a_place(text: str, start: int, end: int) -> bool:
    before = text[max(start - 60, 0) : start]
    return bool(
        _LOCATIVE_BEFORE.search(before)
        or _RESIDENT_AFTER.match(text, end)
        or qualifier_after(text, end) is not None
        or is_dateline(text, start, end)
    )


def name_group(entity: Entity, text: str = "") -> NameGroup | None:
    """The entity's place-name mentions as a group; None when it has none.

    The group's spans also hold its nationality words ("Russian" beside "Russia"): they
    refer to the place (context, and a geoparser's toponyms) though they are no evidence."""
    if entity.type not in PLACE_TYPES and not _place_tagged_as_other(entity, text):
        return None
    if text and any(
        _TITLE_BEFORE.search(text[max(m.start - 16, 0) : m.start]) for m in entity.mentions
    ):
        return None  # "Governor Bush": a person the model typed as a place
    spans, names, modifiers = [], [], []
    for mention in entity.mentions:
        if not is_place_name(mention.text):
            if _is_nationality_word(mention.text):
                modifiers.append((mention.start, mention.end))
            continue
        spans.append((mention.start, mention.end))
        if mention.text not in names:
            names.append(mention.text)
    if not spans:
        return None
    return NameGroup(
        entity.id, tuple(sorted(spans + modifiers)), tuple(names), entity.type, tuple(spans)
    )


def _is_nationality_word(text: str) -> bool:
    return text[:1].isupper() and country_of_demonym(text) is not None


def is_place_name(text: str) -> bool:
    """A capitalised name the gazetteer knows, and not a nationality word ("Ukrainian")."""
    if not text[:1].isupper() and not text.lower().startswith("the "):
        return False
    if not gaz.lookup(text):
        return False
    return country_code(text) is not None or country_of_demonym(text) is None


def _place(text: str, choice: Choice) -> Place:
    sense = choice.sense
    start, end = min(choice.group.named)
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
