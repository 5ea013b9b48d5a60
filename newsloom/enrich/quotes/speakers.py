"""Who a speaker phrase stands for: a name, a pronoun, a role noun or an organisation.

The speaker's span stays the words in the text (`she`, `the ambassador`); the name is
resolved from the phrase's head, never from a word that only modifies it (`A
California transit chief` is a chief, not California; `Acme's Ada Quenby` is Ada
Quenby, not Acme; `the minister's spokesman` is the spokesman, not the minister):

- a name heading the phrase is its entity (from the entities stage, else the parse's
  names); a surname alone (`Mr Veil`) is the one living person of that surname
  the article names in full;
- `he`/`she` is the most recent person of that gender (titles such as `Mrs`, or an
  earlier pronoun resolved to them) who is the subject of a sentence or spoke, so a
  run of quotes keeps its speaker until the text names another; `it` is an
  organisation that was the subject just before (through a chain of `it` subjects);
- a relative pronoun (`X, who said`) is what it stands for, its span the pronoun;
- speakers joined by `and` (`GSK and AstraZeneca said`) are named together, no one id;
- a singular role noun (`the governor`) is the person the text gives that role (a
  title, `Gov. X`, `X, the governor`), else the first person named after it who speaks
  and has no other role; a plural one (`prosecutors`) or one owned by someone (`his
  spokesman`) stays unresolved: the phrase is the speaker's name;
- an organisation noun (`the news agency`, `the commission`) is the organisation named
  earlier with that word (`Xinhua News Agency`, `the regional health commission`), or
  the named one that spoke after such a description (`the group`);
- a document (`the report`, `the statement`) speaks for whoever put it out: the
  speaker of `said in a report`, the owner of `his report`, who `released a report`;
- an office or role owned by a pronoun (`his office`, `its spokesman`) is named for
  the owner the pronoun stands for (`Ada Marlow's office`), with no id of its own.

Nobody the text says is dead (`the death of X`, `X was killed`, `X died`) is the
speaker of a pronoun, a role noun or a surname. What cannot be resolved is left
unresolved (kind `unresolved`, lower confidence) rather than guessed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsloom.enrich.quotes.config import QuoteConfig
from newsloom.enrich.quotes.cues import (
    antecedent,
    conjuncts,
    is_cue,
    is_relative,
    noun_phrase,
    speaker_of,
)
from newsloom.record import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")
SUBJECTS = ("nsubj", "nsubjpass")
# Determiners of a phrase that points back to something named before.
DEFINITE = ("the", "this", "that")
# Dependencies that tie a name to the noun it names (`winemaker [Oskar Veil]`).
NAME_LINKS = ("compound", "flat", "appos", "conj")
# Possessive pronouns and the pronoun whose referent owns the noun (`his office`).
POSSESSIVES = {"his": "he", "her": "she", "its": "it"}
# Verbs whose object is a document its subject put out (`the ministry released a report`).
ISSUING = ("release", "issue", "publish", "present", "submit", "file", "send", "write")
# How many sentences back a chain of `it` subjects is followed to its organisation.
IT_CHAIN = 8


@dataclass(slots=True, frozen=True)
class Speaker:
    name: str | None
    id: str | None
    start: int
    end: int
    kind: str  # entity, named, pronoun, role, organisation, noun, unresolved


@dataclass(slots=True, frozen=True)
class _Person:
    """One mention of a person outside quotation marks, and who it refers to."""

    start: int
    end: int
    name: str
    id: str | None
    token: Token

    @property
    def key(self) -> str:
        return self.id or self.name


@dataclass(slots=True)
class SpeakerResolver:
    article: Article
    doc: Doc
    config: QuoteConfig
    inside: list[bool]
    genders: dict[str, str] = field(default_factory=dict)
    _persons: list[_Person] = field(default_factory=list)
    _dead: set[str] = field(default_factory=set)
    _spoke: list[_Person] = field(default_factory=list)
    _resolved: dict[tuple[int, int], Speaker] = field(default_factory=dict)
    _roles: dict[int, set[str]] = field(default_factory=dict)
    # Organisations that spoke, in text order, as their phrase was resolved.
    _organisations: list[Speaker] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._persons = self._mentions()
        for person in self._persons:
            self._note_title(person)
            if self._died(person.token):
                self._dead.add(person.key)
        self._persons = [self._full(person) for person in self._persons]

    # The people of the text --------------------------------------------------------

    def _mentions(self) -> list[_Person]:
        """Person mentions outside quotes: the entities stage's, then the parse's names
        it did not take (their name completed by an earlier full name)."""
        persons: list[_Person] = []
        taken: set[int] = set()
        for entity in self.article.entities:
            if entity.type != "PERSON":
                continue
            for mention in entity.mentions:
                span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None or len(span) == 0 or self.inside[span.root.i]:
                    continue
                persons.append(
                    _Person(mention.start, mention.end, entity.name, entity.id, span.root)
                )
                taken.update(range(span.start, span.end))
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or self.inside[ent.root.i]:
                continue
            if not taken.intersection(range(ent.start, ent.end)):
                name = _clean_name(ent)
                persons.append(_Person(ent.start_char, ent.end_char, name, None, ent.root))
        return sorted(persons, key=lambda p: p.start)

    def _note_title(self, person: _Person) -> None:
        span = self.doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None or span.start == 0:
            return
        title = self.doc[span.start - 1].lower_
        if span[0].lower_ in self.config.speakers.male_titles:
            title = span[0].lower_
        if span[0].lower_ in self.config.speakers.female_titles:
            title = span[0].lower_
        if title in self.config.speakers.male_titles:
            self.genders.setdefault(person.key, "m")
        elif title in self.config.speakers.female_titles:
            self.genders.setdefault(person.key, "f")

    def _died(self, token: Token) -> bool:
        """The text says this person is dead: `X died`, `X was killed`, `killed X`, `the
        death of X`, `the late X`."""
        speakers = self.config.speakers
        # Up from a name to the noun it names: `[Oskar] Veil`, `winemaker, [X]`.
        while token.dep_ in NAME_LINKS and token.head.i != token.i:
            if token.dep_ == "compound" and token.head.pos_ != "PROPN":
                break
            token = token.head
        head = token.head
        if any(c.lower_ == "late" and c.dep_ == "amod" for c in token.children):
            return True
        if token.dep_ == "nsubj" and head.lemma_.lower() in speakers.death_verbs:
            return True
        if token.dep_ in ("nsubjpass", "dobj") and head.lemma_.lower() in speakers.killing_verbs:
            return True
        if token.dep_ == "pobj" and head.lower_ == "of":
            return head.head.lemma_.lower() in speakers.death_nouns
        return any(
            c.dep_ == "relcl" and c.lemma_.lower() in speakers.death_verbs for c in token.children
        )

    def _full(self, person: _Person) -> _Person:
        """A surname alone stands for the one living person of that surname named in full
        (nobody the text says is dead); of several, it stays the surname."""
        if len(person.name.split()) != 1:
            return person
        surname = person.name.lower()
        named = [
            p
            for p in self._persons
            if len(p.name.split()) > 1
            and p.name.split()[-1].lower() == surname
            and p.key not in self._dead
        ]
        if len({p.key for p in named}) != 1:
            return person
        other = named[0]
        return _Person(person.start, person.end, other.name, other.id, person.token)

    # Resolving a phrase ------------------------------------------------------------

    def resolve(self, phrase: Span) -> Speaker:
        """The speaker a phrase stands for; a phrase resolved before keeps its answer."""
        key = (phrase.start_char, phrase.end_char)
        if key not in self._resolved:
            self._resolved[key] = self._resolve(phrase)
        return self._resolved[key]

    def resolve_all(self, phrases: list[Span]) -> None:
        """Resolve phrases in text order, so a pronoun can follow the quotes before it."""
        for phrase in sorted(phrases, key=lambda p: p.start_char):
            self.resolve(phrase)

    def _resolve(self, phrase: Span) -> Speaker:
        start, end = phrase.start_char, phrase.end_char
        head = _head(phrase)
        speakers = self.config.speakers
        if len(phrase) == 1 and head.lower_ in speakers.pronouns:
            return self._pronoun(head, start, end)
        joined = [t for t in conjuncts(head) if phrase.start <= t.i < phrase.end]
        if len(joined) > 1:
            return self._joined(joined, start, end)
        if len(phrase) == 1 and is_relative(head):
            # `who` speaks for what it stands for; its span stays the pronoun.
            meant = self._resolve(noun_phrase(antecedent(head)))
            return Speaker(meant.name, meant.id, start, end, meant.kind)
        person = self._person_at(head)
        if person is not None:
            self._spoke.append(_Person(start, end, person.name, person.id, head))
            kind = "entity" if person.id else "named"
            return Speaker(person.name, person.id, start, end, kind)
        titled = self._titled_surname(head)
        if titled is not None:
            return Speaker(titled.name, titled.id, start, end, "entity" if titled.id else "named")
        named = self._other_name(head)
        if named is not None:
            speaker = Speaker(named[0], named[1], start, end, "entity" if named[1] else "named")
            if named[2] == "ORG":
                self._organisations.append(speaker)
            return speaker
        lemma = head.lemma_.lower()
        role = lemma in speakers.roles or head.lower_ in speakers.roles
        if role or _is_organisation(phrase, self.config):
            owned = self._owned(phrase, head, start, end)
            if owned is not None:
                return owned
        if role:
            return self._role(phrase, head, start, end)
        if _is_organisation(phrase, self.config):
            return self._organisation(phrase, head, start, end)
        return Speaker(_phrase_name(phrase), None, start, end, "noun")

    def _joined(self, heads: list[Token], start: int, end: int) -> Speaker:
        """Speakers joined by `and`: each resolved on its own, named together; no one id."""
        parts = [self._resolve(noun_phrase(head)) for head in heads]
        if len({part.id for part in parts}) == 1 and parts[0].id:
            return Speaker(parts[0].name, parts[0].id, start, end, parts[0].kind)
        names = [part.name for part in parts if part.name]
        if len(names) < len(parts):
            return Speaker(None, None, start, end, "unresolved")
        name = ", ".join(names[:-1]) + " and " + names[-1]
        weakest = min(parts, key=lambda part: self.config.confidence[part.kind])
        return Speaker(name, None, start, end, weakest.kind)

    def _person_at(self, head: Token) -> _Person | None:
        """The person whose mention holds the phrase's head, or a name in apposition with
        it either way (`Ada Quenby, Labour MP for Velmora, said`)."""
        tokens = [head, *(c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN")]
        if head.dep_ == "appos":
            tokens.append(head.head)
        for token in tokens:
            for person in self._persons:
                if person.start <= token.idx < person.end:
                    return person
        return None

    def _titled_surname(self, head: Token) -> _Person | None:
        """`Mr Varga` the parse took for an organisation: a title says it is a person, the
        one living person of that surname named in full."""
        titles = self.config.speakers.male_titles | self.config.speakers.female_titles
        if head.pos_ != "PROPN" or head.i == 0 or head.doc[head.i - 1].lower_ not in titles:
            return None
        person = self._full(_Person(head.idx, head.idx + len(head), head.text, None, head))
        return person if person.name != head.text else None

    def _other_name(self, head: Token) -> tuple[str, str | None, str] | None:
        """An organisation, nation or place heading the phrase (`the Kremlin said`), and
        its type."""
        for entity in self.article.entities:
            if entity.type == "PERSON":
                continue
            if any(m.start <= head.idx < m.end for m in entity.mentions):
                return entity.name, entity.id, entity.type
        for ent in head.doc.ents:
            if ent.start <= head.i < ent.end and ent.label_ in NAME_LABELS:
                return _clean_name(ent), None, ent.label_
        return None

    def _alive(self, person: _Person) -> bool:
        return person.key not in self._dead

    # Pronouns ----------------------------------------------------------------------

    def _pronoun(self, token: Token, start: int, end: int) -> Speaker:
        pronoun = token.lower_
        if pronoun == "it":
            return self._it(token, start, end)
        if pronoun == "they":
            return self._they(token, start, end)
        if pronoun not in ("he", "she"):
            return Speaker(None, None, start, end, "unresolved")
        gender = self.config.speakers.pronouns[pronoun]
        chosen = self._referent(start, gender)
        if chosen is None:
            return Speaker(None, None, start, end, "unresolved")
        self.genders.setdefault(chosen.key, gender)
        self._spoke.append(_Person(start, end, chosen.name, chosen.id, token))
        return Speaker(chosen.name, chosen.id, start, end, "pronoun")

    def _referent(self, start: int, gender: str, salient: bool = True) -> _Person | None:
        """Who `he` or `she` at `start` is: the latest living person of that gender who
        was a subject or spoke, else (or unless `salient`) the latest one named."""
        window = self.config.speakers.role_window
        candidates = [
            p
            for p in [*self._persons, *self._spoke]
            if p.end <= start
            and start - p.start < window
            and self._alive(p)
            and self.genders.get(p.key, gender) == gender
        ]
        chosen = [p for p in candidates if p.token.dep_ in SUBJECTS or p in self._spoke]
        pool = chosen if chosen and salient else candidates
        return max(pool, key=lambda p: p.start) if pool else None

    def _owned(self, phrase: Span, head: Token, start: int, end: int) -> Speaker | None:
        """`his office`, `her spokesman`, `its chief executive`: the office of the one
        the possessive pronoun stands for, named `<owner>'s office`; no id (the office is
        not its owner)."""
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None or owner.lower_ not in POSSESSIVES or owner.i < phrase.start:
            return None
        found = self._owner(owner)
        name = found.name if found is not None else None
        rest = phrase.doc[owner.i + 1 : phrase.end].text.strip()
        if not name or not rest:
            return None
        return Speaker(f"{name}'s {rest}", None, start, end, "noun")

    def _they(self, token: Token, start: int, end: int) -> Speaker:
        """`they said`: the plural subject of this sentence or one of the two before
        (`Marlow and leaders of the council have avoided ... they said`), named as
        written; a pronoun subject passes on what it stands for."""
        sentences = list(token.doc.sents)
        index = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
        for sentence in reversed(sentences[max(0, index - 2) : index + 1]):
            subjects = [
                t for t in sentence if t.dep_ in SUBJECTS and t.i < token.i and not self.inside[t.i]
            ]
            for subject in reversed(subjects):
                if subject.lower_ == "they":
                    known = self._resolved.get((subject.idx, subject.idx + len(subject)))
                    if known is not None and known.name:
                        return Speaker(known.name, known.id, start, end, "pronoun")
                    continue
                if subject.pos_ == "PRON":
                    continue
                if subject.tag_ in ("NNS", "NNPS") or any(
                    c.dep_ == "conj" for c in subject.children
                ):
                    name = _plural_name(subject)
                    if name is not None:
                        self._resolved[(start, end)] = Speaker(name, None, start, end, "pronoun")
                        return self._resolved[(start, end)]
        return Speaker(None, None, start, end, "unresolved")

    def _it(self, token: Token, start: int, end: int) -> Speaker:
        """`it said`: the organisation that was a subject in this sentence or the one
        before (sentences wholly in quotation marks left out); an `it` subject between
        carries the chain back (`MEND said ... . It also threatened ... . "...," it
        said`), and an organisation that spoke counts however it was named."""
        sentences = list(token.doc.sents)
        index = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
        counted = 0
        for sentence in reversed(sentences[max(0, index - IT_CHAIN) : index + 1]):
            subjects = [
                t for t in sentence if t.dep_ in SUBJECTS and t.i < token.i and not self.inside[t.i]
            ]
            for subject in reversed(subjects):
                found = self._organisation_subject(subject)
                if found is not None:
                    speaker = Speaker(found[0], found[1], start, end, "organisation")
                    self._organisations.append(speaker)
                    return speaker
            own = sentence.start <= token.i < sentence.end
            if own or (subjects and not all(t.lower_ == "it" for t in subjects)):
                counted += 1  # the pronoun's own sentence, then one more with a subject
                if counted == 2:
                    break
        return Speaker(None, None, start, end, "unresolved")

    def _organisation_subject(self, subject: Token) -> tuple[str, str | None] | None:
        """The organisation a subject names: an organisation's name, or a phrase resolved
        before to an organisation that spoke (`the group said`, `it said`)."""
        for speaker in reversed(self._organisations):
            if speaker.start <= subject.idx < speaker.end and speaker.name:
                return speaker.name, speaker.id
        for entity in self.article.entities:
            if entity.type != "ORG":
                continue
            for mention in entity.mentions:
                if mention.start <= subject.idx < mention.end:
                    return entity.name, entity.id
        return None

    # Role nouns --------------------------------------------------------------------

    def _role(self, phrase: Span, head: Token, start: int, end: int) -> Speaker:
        owned = any(c.dep_ == "poss" for c in head.children)
        if head.tag_ in ("NNS", "NNPS") or owned:
            # "Prosecutors allege", "the minister's spokesman said": not one named person.
            return Speaker(_phrase_name(phrase), None, start, end, "noun")
        holder = self._role_holder(head)
        if holder is not None:
            self._spoke.append(_Person(start, end, holder.name, holder.id, head))
            return Speaker(holder.name, holder.id, start, end, "role")
        organisation = self._owner_organisation(head)
        if organisation is not None:
            # "A company spokesperson said" -> the spokesperson of the company named before.
            return Speaker(f"{organisation} {head.text}", None, start, end, "noun")
        return Speaker(_phrase_name(phrase), None, start, end, "noun")

    def _role_holder(self, role: Token) -> _Person | None:
        lemma = role.lemma_.lower()
        holders = {p.key for p in self._persons if self._alive(p) and lemma in self._roles_of(p)}
        # Any mention of a holder counts: the latest before the role noun is who it means.
        titled = [p for p in self._persons if p.key in holders]
        if titled:
            before = [p for p in titled if p.start < role.idx]
            return max(before, key=lambda p: p.start) if before else titled[0]
        untitled = {p.key for p in self._persons if not self._roles_of(p)}
        window_end = role.idx + self.config.speakers.role_window
        for person in self._persons:
            nearby = role.idx < person.start < window_end
            free = person.key in untitled and self._alive(person)
            if nearby and free and _speaks(person.token, self.config):
                return person
        return None

    def _roles_of(self, person: _Person) -> set[str]:
        """The role words the text gives a person: the entities stage's roles, a title
        before the name (`Gov.`, `Police Chief`), a role noun in apposition."""
        if person.start not in self._roles:
            self._roles[person.start] = self._role_words(person)
        return self._roles[person.start]

    def _role_words(self, person: _Person) -> set[str]:
        speakers = self.config.speakers
        words: set[str] = set()
        for entity in self.article.entities:
            if entity.id == person.id:
                for role in entity.roles:
                    words.update(w.lower() for w in role.title.split())
        span = self.doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None:
            return words
        index = span.start - 1
        while index >= 0 and index >= span.start - 4:
            word = self.doc[index].lower_
            word = speakers.abbreviations.get(word.rstrip("."), word)
            if word not in speakers.roles and self.doc[index].pos_ not in ("PROPN", "NOUN"):
                break
            words.add(word)
            index -= 1
        for token in span:
            word = speakers.abbreviations.get(token.lower_.rstrip("."), token.lower_)
            if word in speakers.roles:
                words.add(word)
        head = person.token
        links = [*head.children, head.head] if head.dep_ == "appos" else [*head.children]
        words.update(c.lemma_.lower() for c in links if c.dep_ == "appos" and c.pos_ == "NOUN")
        return {word for word in words if word in speakers.roles}

    def _owner_organisation(self, role: Token) -> str | None:
        for child in role.children:
            if (
                child.dep_ == "compound"
                and child.lemma_.lower() in self.config.speakers.organisations
            ):
                found = self._organisation_named(child, [])
                if found is not None:
                    return found[0]
        return None

    # Organisations -----------------------------------------------------------------

    def _organisation(self, phrase: Span, head: Token, start: int, end: int) -> Speaker:
        if head.lemma_.lower() in self.config.speakers.documents and phrase[0].lower_ in DEFINITE:
            author = self._author(head)
            if author is not None and author.name:
                speaker = Speaker(author.name, author.id, start, end, "pronoun")
                self._organisations.append(speaker)  # `it` may stand for the report
                return speaker
        # Only "the agency" or "the news agency" points back; "the Jordanian government"
        # and "a ministry" name their own.
        others = [t for t in phrase if t.i != head.i and not t.is_punct]
        words = [t.lower_ for t in others[1:]]
        definite = bool(others) and others[0].lower_ in DEFINITE
        if definite and all(t.dep_ == "compound" and t.pos_ == "NOUN" for t in others[1:]):
            found = self._organisation_named(head, words, spoke=True)
            if found is not None:
                speaker = Speaker(found[0], found[1], start, end, "organisation")
                self._organisations.append(speaker)
                return speaker
        return Speaker(_phrase_name(phrase), None, start, end, "organisation")

    def _author(self, document: Token) -> Speaker | None:
        """Who wrote `the report` that says something: the speaker of an earlier mention
        of it (`Ban said in a new report`), its owner (`his previous report`, `the
        ministry's report`) or who issued it (`the ministry released a report`)."""
        lemma = document.lemma_.lower()
        earlier = [
            t
            for t in document.doc[: document.i]
            if t.lemma_.lower() == lemma and t.pos_ == "NOUN" and not self.inside[t.i]
        ]
        for mention in reversed(earlier):
            owner = next((c for c in mention.children if c.dep_ == "poss"), None)
            if owner is not None:
                return self._owner(owner)
            head = mention.head
            if mention.dep_ == "pobj" and head.lower_ == "in" and is_cue(head.head, self.config):
                phrase = speaker_of(head.head)
            elif mention.dep_ == "dobj" and head.lemma_.lower() in ISSUING:
                phrase = speaker_of(head)
            else:
                continue
            return self.resolve(phrase) if phrase is not None else None
        return None

    def _owner(self, owner: Token) -> Speaker | None:
        """Who a possessor is: a possessive pronoun's referent, or the one it names (a
        person, an organisation or a nation; not a time: `this year's survey`)."""
        start, end = owner.idx, owner.idx + len(owner)
        pronoun = POSSESSIVES.get(owner.lower_)
        if pronoun is None and owner.ent_type_ not in NAME_LABELS:
            return None
        if pronoun == "it":
            return self._it(owner, start, end)
        if pronoun is not None:
            gender = self.config.speakers.pronouns[pronoun]
            person = self._referent(start, gender, salient=False)
            if person is None:
                return None
            return Speaker(person.name, person.id, start, end, "pronoun")
        return self.resolve(noun_phrase(owner))

    def _organisation_named(
        self, noun: Token, modifiers: list[str], spoke: bool = False
    ) -> tuple[str, str | None] | None:
        """The organisation an organisation noun points back to: the latest named one
        whose name holds the noun (`the agency` -> Xinhua News Agency), else the latest
        longer phrase of the same noun (`the regional health commission`), unless (with
        `spoke`) a named organisation spoke after that phrase (`A militant group said ...
        . MEND said ... . "...," the group said`), else, for a generic noun (`the
        company`), the one the article names most."""
        word = noun.lemma_.lower()
        latest: tuple[int, str, str | None] | None = None
        mentions: Counter[tuple[str, str]] = Counter()
        for entity in self.article.entities:
            if entity.type not in ("ORG", "NORP"):
                continue
            for mention in entity.mentions:
                if mention.end > noun.idx:
                    continue
                mentions[(entity.name, entity.id)] += 1
                words = {w.lower().rstrip(".,") for w in entity.name.split()}
                named = word in words and all(m in words for m in modifiers)
                if named and (latest is None or mention.start > latest[0]):
                    latest = (mention.start, entity.name, entity.id)
        if latest is not None:
            return latest[1], latest[2]
        document = word in self.config.speakers.documents
        plural = noun.tag_ in ("NNS", "NNPS")  # "the companies" are not one that spoke
        spoken = [o for o in self._organisations if o.id and o.end <= noun.idx]
        spoken = spoken if spoke and not document and not plural else []
        for chunk in reversed([c for c in noun.doc.noun_chunks if c.end <= noun.i]):
            text = _phrase_name(chunk)
            longer = len(text.split()) > 1 + len(modifiers)
            same = chunk.root.lemma_.lower() == word and not self.inside[chunk.root.i]
            if same and longer and all(m in text.lower() for m in modifiers):
                last = spoken[-1] if spoken else None
                if last is not None and last.name and last.start > chunk.start_char:
                    return last.name, last.id
                return text, None
        if word in self.config.speakers.generic_organisations and mentions:
            ranked = mentions.most_common(2)
            if ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                return ranked[0][0]
        return None


def _head(phrase: Span) -> Token:
    """The phrase's head: its root, unless that is a possessor (`Acme's Ada Quenby`
    parsed with Dell as root) or a determiner standing alone before a name."""
    root = phrase.root
    if root.dep_ == "poss" or any(c.dep_ == "case" for c in root.children):
        later = [t for t in phrase if t.i > root.i and t.pos_ in ("PROPN", "NOUN")]
        if later:
            return later[-1]
    return root


def _plural_name(subject: Token) -> str | None:
    """A plural subject as written, with its conjuncts (`Marlow and council leaders`), left
    out when it runs long (a clause in it)."""
    doc = subject.doc
    tokens = [t for t in subject.subtree if t.dep_ not in ("relcl", "acl", "punct")]
    right = max(t.i for t in tokens)
    for t in subject.subtree:
        if t.dep_ in ("relcl", "acl", "prep") and t.i > subject.i:
            right = min(right, t.left_edge.i - 1)
    while right > subject.i and doc[right].is_punct:
        right -= 1
    phrase = doc[subject.left_edge.i : right + 1]
    if len(phrase) > 8 or len(phrase) == 0:
        return None
    return _phrase_name(phrase)


def _clean_name(ent: Span) -> str:
    text = ent.text.strip()
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    return text


def _phrase_name(phrase: Span) -> str:
    """The phrase as written, without a leading determiner ("the ambassador" -> "ambassador")."""
    if len(phrase) > 1 and phrase[0].pos_ == "DET":
        return phrase[1:].text.strip()
    return phrase.text.strip()


def _is_organisation(phrase: Span, config: QuoteConfig) -> bool:
    text = phrase.text.lower()
    return phrase.root.lemma_.lower() in config.speakers.organisations or any(
        " " in word and word in text for word in config.speakers.organisations
    )


def _speaks(token: Token, config: QuoteConfig) -> bool:
    head = token.head
    return token.dep_ in SUBJECTS and head.lemma_.lower() in config.cues.speech
