"""Where a person's role shows in the parse: pre-modifiers, appositions, role noun phrases.

- pre-modifier: "President Donald Trump", "Ukrainian leader Volodymyr Zelensky";
- apposition: "Olha Stefanishyna, Kyiv's ambassador", "Kyiv's ambassador ..., Olha
  Stefanishyna", "Jane Roe, chief executive of Acme";
- role phrase: a mention that is itself a role noun phrase ("the US president").
`of` and `to` are canonical names: a government or nationality gives its country, a capital
after "to" gives its country ("ambassador to Washington" -> United States).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsloom import gazetteer as places
from newsloom.enrich.entities.rules import entity_rules
from newsloom.enrich.roles.rules import role_rules
from newsloom.record import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_DEPS = frozenset({"compound", "amod", "nmod"})
SINGULAR_NOUN_TAGS = frozenset({"NN", "NNP"})


@dataclass(slots=True)
class RoleFinding:
    entity_id: str
    title: str
    noun: int
    start: int
    end: int
    confidence: float
    pattern: str
    of: str | None = None
    to: str | None = None


class EntityIndex:
    """Which entity a token belongs to: the smallest mention covering it."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.entities = {e.id: e for e in entities}
        best: dict[int, tuple[int, Entity]] = {}
        for entity in entities:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    known = best.get(token.i)
                    if known is None or len(span) < known[0]:
                        best[token.i] = (len(span), entity)
        self._by_token = {i: entity for i, (_, entity) in best.items()}

    def entity_at(self, token: Token) -> Entity | None:
        return self._by_token.get(token.i)

    def canonical(self, token: Token, destination: bool = False) -> str | None:
        """The canonical name a modifier or object of a role noun stands for."""
        entity = self.entity_at(token)
        if entity is None:
            code = places.country_of_demonym(token.text)
            return places.country_names().get(code) if code else None
        government = government_country(entity.id)
        if government is not None:
            return government
        if destination and entity.type == "GPE":
            capital = places.capital_of(entity.name)
            if capital is not None:
                return places.country_names().get(capital)
        return entity.name


def government_country(entity_id: str) -> str | None:
    prefix = entity_rules().metonymy.government_id.split("{", 1)[0]
    if not entity_id.startswith(prefix):
        return None
    return places.country_names().get(entity_id[len(prefix) :].upper())


def is_role_noun(token: Token, before_name: bool = False) -> bool:
    """A role noun ("ambassador", "mayor"). Right before a name the small model often tags
    one as an adjective ("chief executive Jane Roe"), so there an ADJ counts too."""
    rules = role_rules()
    tags = ("NOUN", "PROPN", "ADJ") if before_name else ("NOUN", "PROPN")
    return token.pos_ in tags and (
        token.lemma_.lower() in rules.role_nouns or token.lower_ in rules.role_nouns
    )


def title_of(noun: Token) -> str:
    """The role noun with its kept modifiers: its own, or ones the parse hung on its head
    right before it ("chief" in "chief executive Jane Roe" parsed as two modifiers of Roe)."""
    rules = role_rules()
    modifiers = [child for child in noun.lefts if child.dep_ in NAME_DEPS]
    doc, i = noun.doc, noun.i - 1
    while not modifiers and i >= 0 and doc[i].head == noun.head and doc[i].dep_ in NAME_DEPS:
        if doc[i].lower_ not in rules.role_modifiers:
            break
        modifiers.insert(0, doc[i])
        i -= 1
    words = [
        child.lower_
        for child in modifiers
        if child.lower_ in rules.role_modifiers and child.lower_ not in rules.ignored_modifiers
    ]
    return " ".join([*words, noun.lemma_.lower()])


def of_and_to(noun: Token, index: EntityIndex, owner: str) -> tuple[str | None, str | None]:
    """What the role is of and where it is held, from the role noun's dependents."""
    rules = role_rules()
    of: str | None = None
    to: str | None = None
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in NAME_DEPS and child.pos_ in ("PROPN", "ADJ")):
            of = of or _other(index, child, owner)
        elif child.dep_ == "prep" and child.lower_ in rules.of_prepositions:
            of = of or _object(index, child, owner)
        elif child.dep_ == "prep" and child.lower_ in rules.to_prepositions:
            to = to or _object(index, child, owner, destination=True)
    return of, to


def _object(index: EntityIndex, prep: Token, owner: str, destination: bool = False) -> str | None:
    for child in prep.children:
        if child.dep_ == "pobj":
            return _other(index, child, owner, destination)
    return None


def _other(index: EntityIndex, token: Token, owner: str, destination: bool = False) -> str | None:
    entity = index.entity_at(token)
    if entity is not None and entity.id == owner:
        return None
    return index.canonical(token, destination)


def _evidence(doc: Doc, first: Token, last: Token) -> tuple[int, int]:
    while first.dep_ == "det" and first.i < last.i:
        first = doc[first.i + 1]
    return first.idx, last.idx + len(last.text)


def name_roles(doc: Doc, entity: Entity, span: Span, index: EntityIndex) -> list[RoleFinding]:
    """Roles around one name mention: a pre-modifier and appositions."""
    conf = role_rules().confidence
    root = span.root
    found = []
    before = [c for c in root.lefts if c.i < span.start and c.dep_ in NAME_DEPS and is_role_noun(c)]
    if before:
        noun = before[-1]
        start, end = _evidence(doc, noun.left_edge, span[-1])
        found.append(_finding(entity, noun, start, end, conf["premodifier"], "premodifier", index))
    for child in root.rights:
        if child.dep_ == "appos" and is_role_noun(child):
            start, end = span.start_char, _role_end(child).idx + len(_role_end(child).text)
            found.append(
                _finding(entity, child, start, end, conf["apposition"], "apposition", index)
            )
    if root.dep_ == "appos" and is_role_noun(root.head) and root.head.i < span.start:
        noun = root.head
        start, end = _evidence(doc, noun.left_edge, span[-1])
        found.append(_finding(entity, noun, start, end, conf["apposition"], "apposition", index))
    return found


def phrase_role(
    doc: Doc, entity: Entity, span: Span, confidence: float, index: EntityIndex
) -> RoleFinding | None:
    """The role a role-noun-phrase mention gives ("the US president")."""
    noun = span.root
    if not is_role_noun(noun):
        return None
    return _finding(entity, noun, span.start_char, span.end_char, confidence, "role_phrase", index)


def _role_end(noun: Token) -> Token:
    """The last token of a role noun with its `of`/`to` phrases, not its relative clauses."""
    rules = role_rules()
    last = noun
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in rules.of_prepositions | rules.to_prepositions:
            last = max(last, child.right_edge, key=lambda t: t.i)
    doc = noun.doc
    while last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I":
        last = doc[last.i + 1]
    return last


def role_phrase_span(noun: Token) -> tuple[int, int]:
    """A role noun phrase with its determiner and its `of`/`to` phrases."""
    end = _role_end(noun)
    return noun.left_edge.idx, end.idx + len(end.text)


def _finding(
    entity: Entity,
    noun: Token,
    start: int,
    end: int,
    confidence: float,
    pattern: str,
    index: EntityIndex,
) -> RoleFinding:
    of, to = of_and_to(noun, index, entity.id)
    return RoleFinding(entity.id, title_of(noun), noun.i, start, end, confidence, pattern, of, to)


def is_singular(token: Token) -> bool:
    return token.tag_ in SINGULAR_NOUN_TAGS
