"""People, organisations and places: one canonical entity per referent.

The model's spans are clustered by `entities_resolve` (names folded, countries by ISO code,
nationality adjectives on their country, capitals standing for their government); then role
noun phrases tied to one person ("the US president") are added as that person's mentions
(`roles_links`), "the company", "the council" as mentions of the one organisation of that
kind (`entities_descriptions`), and untagged repeats of a name or a person's surname
(`entities_repeats`), none of them in page furniture (`entities_furniture`). Representation
choices:
- a nationality adjective ("Ukrainian") is a mention of the country (`gpe:ua`) with the
  confidence `nationality` (< 1) of entities.toml; a plural demonym ("Ukrainians") is a group
  of people, the NORP entity `norp:ua`;
- a capital as the subject of a speech verb or the owner of an institution ("Kyiv said",
  "Kyiv's ambassador") is a mention of a separate ORG entity `org:government-ua`, "Government
  of Ukraine" (confidence `metonymy`); "in Kyiv" stays the city `gpe:kyiv`;
- titles ("President", "Mr") are not part of a name mention; roles keep them as evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from newsloom.enrich.entities.descriptions import DescriptionLink, description_links
from newsloom.enrich.entities.furniture import in_chrome, in_prose, shown_in_chrome
from newsloom.enrich.entities.repeats import RepeatLink, repeat_links
from newsloom.enrich.entities.resolve import Cluster, resolve
from newsloom.enrich.entities.rules import entity_rules
from newsloom.enrich.nlp import doc_text
from newsloom.enrich.roles.links import PhraseLink, role_phrase_links
from newsloom.record import Article, Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

# spaCy label -> the CoNLL-style type it is scored as (see newsloom/eval/conll2003.py).
NER_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


class EntityStage:
    name: ClassVar[str] = "entities"
    requires: ClassVar[frozenset[str]] = frozenset({"parse"})
    assigns: ClassVar[frozenset[str]] = frozenset({"entities"})

    def __call__(self, article: Article, doc: Doc) -> None:
        article.entities = build_entities(doc)


def build_entities(doc: Doc) -> list[Entity]:
    entities = [_entity(cluster) for cluster in resolve(doc)]
    by_id = {entity.id: entity for entity in entities}
    links: list[PhraseLink | DescriptionLink | RepeatLink] = [
        *role_phrase_links(doc, entities),
        *description_links(doc, entities),
    ]
    links += repeat_links(doc, entities)
    for link in links:
        entity = by_id[link.entity_id]
        if any(m.start == link.start and m.end == link.end for m in entity.mentions):
            continue
        text = doc_text(doc)[link.start : link.end]
        if in_chrome(doc, link.start, link.end, entity.type) or (
            not in_prose(doc, link.start) and shown_in_chrome(doc, text)
        ):
            continue  # a repeat of a name in a menu, a byline or a credit is no mention
        entity.mentions.append(Mention(text, link.start, link.end, link.confidence))
        entity.mentions.sort(key=lambda m: (m.start, m.end))
        entity.confidence = _confidence(entity.mentions, agree=False)
    return entities


def model_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """The name spans newsloom keeps, with their (corrected) spaCy label: what NER scores.

    Mentions the rules add (role noun phrases) are not names and are left out.
    """
    spans = []
    for cluster in resolve(doc):
        for mention in cluster.mentions:
            if mention.model_label is not None:
                spans.append((mention.start, mention.end, mention.label))
    return sorted(spans)


def _entity(cluster: Cluster) -> Entity:
    mentions = [Mention(m.text, m.start, m.end, m.confidence) for m in cluster.mentions]
    agree = all(m.model_label == m.label and m.confidence >= 1.0 for m in cluster.mentions)
    return Entity(
        id=cluster.id,
        name=cluster.name,
        type=cluster.type,
        mentions=mentions,
        confidence=_confidence(mentions, agree),
    )


def _confidence(mentions: list[Mention], agree: bool) -> float:
    conf = entity_rules().confidence
    mean = sum(m.confidence for m in mentions) / len(mentions)
    value = (
        conf["base"] + conf["per_mention"] * (len(mentions) - 1) + (conf["agree"] if agree else 0)
    )
    return round(min(conf["cap"], value) * mean, 3)
