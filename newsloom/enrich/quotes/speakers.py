"""Who a speaker phrase stands for: a name, a pronoun, a role noun or an organisation.

The speaker's span stays the words in the text (`she`, `the ambassador`); the
name is resolved: from the entities stage when it ran (an entity mention that
overlaps the phrase, or an entity holding the role), else from the parse's
PERSON/ORG names. Pronouns go to the most recent person of compatible gender
(titles such as `Mrs`, or an earlier pronoun resolved to them), preferring the
subject of a sentence. A role noun goes to the person it stands beside
(`X, the ambassador`; `Ambassador X`), else to the first person named after it
who speaks and has no other role: news leads name the role first and the
person a paragraph later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsloom.enrich.quotes.config import QuoteConfig
from newsloom.record import Article, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")


@dataclass(slots=True, frozen=True)
class Speaker:
    name: str | None
    id: str | None
    start: int
    end: int
    kind: str  # entity, named, pronoun, role, organisation, noun


@dataclass(slots=True, frozen=True)
class _Person:
    start: int
    end: int
    name: str
    token: Token


@dataclass(slots=True)
class SpeakerResolver:
    article: Article
    doc: Doc
    config: QuoteConfig
    inside: list[bool]
    genders: dict[str, str] = field(default_factory=dict)
    _persons: list[_Person] = field(default_factory=list)

    def __post_init__(self) -> None:
        full: dict[str, str] = {}
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and not self.inside[ent.root.i]:
                name = _clean_name(ent)
                last = name.split()[-1] if name else ""
                if len(name.split()) > len(full.get(last, "").split()):
                    full[last] = name
                person = _Person(ent.start_char, ent.end_char, full.get(last, name), ent.root)
                self._persons.append(person)
                self._note_title(ent, person.name)

    def _note_title(self, ent: Span, name: str) -> None:
        if ent.start == 0:
            return
        title = self.doc[ent.start - 1].lower_
        if title in self.config.speakers.male_titles:
            self.genders.setdefault(name, "m")
        elif title in self.config.speakers.female_titles:
            self.genders.setdefault(name, "f")

    def resolve(self, phrase: Span) -> Speaker:
        start, end = phrase.start_char, phrase.end_char
        head = phrase.root
        entity = self._entity_at(start, end, prefer_person=True)
        if entity is not None and head.lower_ not in self.config.speakers.pronouns:
            return Speaker(entity.name, entity.id, start, end, "entity")
        named = self._named(phrase)
        if named is not None:
            name, entity = named
            return Speaker(name, entity.id if entity else None, start, end, "named")
        if len(phrase) == 1 and head.lower_ in self.config.speakers.pronouns:
            return self._pronoun(head, start, end)
        if (
            head.lemma_.lower() in self.config.speakers.roles
            or head.lower_ in self.config.speakers.roles
        ):
            holder = self._role_holder(head)
            if holder is not None:
                return self._as_speaker(holder, start, end, "role")
            return Speaker(_phrase_name(phrase), None, start, end, "noun")
        kind = "organisation" if _is_organisation(phrase, self.config) else "noun"
        return Speaker(_phrase_name(phrase), None, start, end, kind)

    def _as_speaker(self, person: _Person, start: int, end: int, kind: str) -> Speaker:
        entity = self._entity_at(person.start, person.end, prefer_person=True)
        if entity is not None:
            return Speaker(entity.name, entity.id, start, end, kind)
        return Speaker(person.name, None, start, end, kind)

    def _entity_at(self, start: int, end: int, prefer_person: bool) -> Entity | None:
        hits = [
            entity
            for entity in self.article.entities
            if any(m.start < end and start < m.end for m in entity.mentions)
        ]
        if prefer_person:
            hits.sort(key=lambda e: e.type != "PERSON")
        return hits[0] if hits else None

    def _named(self, phrase: Span) -> tuple[str, Entity | None] | None:
        root = phrase.root.i
        ents = [
            e
            for e in phrase.ents
            if e.label_ == "PERSON" or (e.label_ in NAME_LABELS and e.start <= root < e.end)
        ]
        if not ents:
            return None
        ent = next((e for e in ents if e.start <= root < e.end), ents[0])
        if ent.label_ == "PERSON":
            person = next((p for p in self._persons if p.start == ent.start_char), None)
            name = person.name if person else _clean_name(ent)
            return name, self._entity_at(ent.start_char, ent.end_char, prefer_person=True)
        return _clean_name(ent), self._entity_at(ent.start_char, ent.end_char, False)

    def _pronoun(self, token: Token, start: int, end: int) -> Speaker:
        gender = self.config.speakers.pronouns[token.lower_]
        if token.lower_ not in ("he", "she"):
            return Speaker(None, None, start, end, "pronoun")
        earlier = [p for p in self._persons if p.end <= start]
        compatible = [p for p in earlier if self.genders.get(p.name, gender) == gender]
        subjects = [p for p in compatible if p.token.dep_ in ("nsubj", "nsubjpass")]
        recent = [p for p in subjects if start - p.start < self.config.speakers.role_window]
        pool = recent or compatible
        if not pool:
            return Speaker(None, None, start, end, "pronoun")
        chosen = pool[-1]
        self.genders.setdefault(chosen.name, gender)
        return self._as_speaker(chosen, start, end, "pronoun")

    def _role_holder(self, role: Token) -> _Person | None:
        lemma = role.lemma_.lower()
        for entity in self.article.entities:
            if any(r.title.lower() == lemma for r in entity.roles) and entity.mentions:
                first = entity.mentions[0]
                return _Person(first.start, first.end, entity.name, role)
        beside = self._beside(lemma)
        if beside is not None:
            return beside
        titled = {p.name for p in self._persons if _has_role_word(p, self.config)}
        window_end = role.idx + self.config.speakers.role_window
        for person in self._persons:
            nearby = role.idx < person.start < window_end
            if nearby and person.name not in titled and _speaks(person.token, self.config):
                return person
        return None

    def _beside(self, lemma: str) -> _Person | None:
        """A person in apposition with, or titled by, the role noun anywhere in the text."""
        for person in self._persons:
            head = person.token
            neighbours = [*head.children, head.head] if head.dep_ == "appos" else [*head.children]
            for other in neighbours:
                if other.lemma_.lower() == lemma and other.dep_ in ("appos", "compound"):
                    return person
            if head.dep_ == "appos" and head.head.lemma_.lower() == lemma:
                return person
        return None


def _clean_name(ent: Span) -> str:
    text = ent.text.strip()
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    return text


def _phrase_name(phrase: Span) -> str:
    """The phrase as written, without a leading determiner ("the ambassador" -> "ambassador")."""
    if len(phrase) > 1 and phrase[0].pos_ == "DET":
        return phrase[1:].text
    return phrase.text


def _is_organisation(phrase: Span, config: QuoteConfig) -> bool:
    text = phrase.text.lower()
    return phrase.root.lemma_.lower() in config.speakers.organisations or any(
        " " in word and word in text for word in config.speakers.organisations
    )


def _has_role_word(person: _Person, config: QuoteConfig) -> bool:
    """Whether the text gives this person a title or role (`President X`, `leader X`)."""
    doc = person.token.doc
    first = doc.char_span(person.start, person.end, alignment_mode="expand")
    if first is None:
        return False
    before = doc[first.start - 1] if first.start > 0 else None
    if before is not None and before.lemma_.lower() in config.speakers.roles:
        return True
    return any(
        c.dep_ == "appos" and c.lemma_.lower() in config.speakers.roles
        for c in person.token.children
    )


def _speaks(token: Token, config: QuoteConfig) -> bool:
    head = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in config.cues.speech
