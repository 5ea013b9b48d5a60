"""Whether a trigger word is used in the sense its category means: the frame around it.

Many event words have an everyday sense: a product "supports" a standard, a firm
"offers" options, shares "rally", a court "accepts" evidence, a spokesman "declines to
comment", a lawyer is "fired", a company is "privately held". The word alone cannot tell;
its complements can. `[precision.senses]` of events.toml lists, for a verb (or a verb
with its particle), the complements that carry its event sense as `slot:class`:

- slot `obj` (the object or passive subject), a preposition (`to`, `with`, `on`, ...),
  `xcomp` (an infinitive: "agreed to withdraw"), `ccomp` (a that-clause) or `alone`
  (no object, no clause);
- class `actor` (a name, a pronoun for people, a noun of a political or social actor),
  `relation` (ties, talks, trade), `event` (an event noun), `act` (a decision, a plan,
  a proposal, a claim), `property`, `aid` (aid, food, money, arms), `weapon`, `place`,
  `force` (troops, police), `captive` (hostage, custody), `fault` (defeat,
  wrongdoing) or `any`.

The verb keeps its sense when one of its complements fills one of the listed slots with
a listed class. `[precision.noun_senses]` does the same for a bare event noun, whose
slots are its possessor (`poss`), a named or actor modifier (`compound`), an adjective
of nationality (`amod`) and its prepositions: "the teachers' rally", "a rally against
the law" are protests; "the rally" of a share price and "product appeal" are not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsloom.enrich.events.lexicon import EventLexicon, PrecisionLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})
COUNT_ENTITIES = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
# Pronouns that stand for people or groups, never for a thing.
PERSONAL = frozenset({"him", "her", "them", "us", "me", "he", "she", "they", "we", "i", "you"})
# Pronouns that may stand for anything: no class can be told.
VAGUE = frozenset({"it", "this", "that", "which", "what", "these", "those", "itself"})


def is_actor(token: Token, rules: PrecisionLexicon, lexicon: EventLexicon) -> bool:
    """A name, a pronoun, or a noun of a political or social actor; never a time.
    "Hundreds of farmers", "members of the union": the actor is the `of` phrase."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    partitive = token.like_num or token.pos_ in ("NUM", "PRON", "DET")
    partitive = partitive or token.lemma_.lower() in rules.nouns.partitives
    if (
        partitive
        and of is not None
        and any(o.dep_ == "pobj" and is_actor(o, rules, lexicon) for o in of.children)
    ):
        return True
    if token.ent_type_ in TIME_ENTITIES or token.ent_type_ in COUNT_ENTITIES:
        return False
    if token.ent_type_ in ACTOR_ENTITIES or (token.pos_ == "PROPN" and not token.ent_type_):
        return True
    if token.pos_ == "PRON" or token.tag_ in ("WP", "WDT"):
        return token.lower_ not in rules.words.nobody
    actors, military = rules.nouns.actors, lexicon.actors.military
    lemma = token.lemma_.lower()
    # "the wounded": a participle the tagger reads as a verb still names people.
    return any(word in actors or word in military for word in (lemma, token.lower_))


def object_classes(token: Token, rules: PrecisionLexicon, lexicon: EventLexicon) -> set[str]:
    """The semantic classes of a complement (see the module docstring)."""
    classes = {"any"}
    lemma = token.lemma_.lower()
    nouns = rules.nouns
    if token.pos_ == "PRON" and lemma in VAGUE:
        return classes
    if token.lower_ in PERSONAL or is_actor(token, rules, lexicon):
        classes.add("actor")
    if lemma in nouns.relations:
        classes.add("relation")
    if event_category(token, lexicon) is not None:
        classes.add("event")
    for name, words in (
        ("property", nouns.property),
        ("act", nouns.acts),
        ("aid", nouns.aid),
        ("weapon", nouns.weapons),
        ("place", nouns.places),
        ("captive", nouns.captives),
        ("fault", nouns.faults),
    ):
        if lemma in words:
            classes.add(name)
    if token.ent_type_ == "MONEY":
        classes.add("aid")
    if token.ent_type_ in PLACE_ENTITIES:
        classes.add("place")
    if lemma in lexicon.actors.military or lemma in nouns.forces:
        classes.add("force")
    for child in token.children:
        # "aid deliveries", "state of emergency": the modifier says what is acted on.
        if child.dep_ == "compound" and child.lemma_.lower() in nouns.relations:
            classes.add("relation")
        if child.dep_ == "compound" and child.lemma_.lower() in nouns.aid:
            classes.add("aid")
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.lemma_.lower() in nouns.relations:
                    classes.add("relation")
                if obj.lemma_.lower() in nouns.aid:
                    classes.add("aid")  # "a shipment of food"
                if obj.lemma_.lower() in nouns.weapons and lemma not in rules.nouns.actors:
                    classes.add("weapon")  # "a barrage of bullets"
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ not in ("its", "their") and "property" in classes:
        classes.add("actor")
    return classes


def event_category(noun: Token, lexicon: EventLexicon) -> str | None:
    """The category of the event a noun names: its own, or for a generic head ("a
    mediation effort", "bombing campaign") its compound's."""
    category = lexicon.nouns.get(noun.lemma_.lower())
    if category is not None or noun.lemma_.lower() not in lexicon.precision.nouns.event_heads:
        return category
    for child in noun.children:
        if child.dep_ == "compound" and child.lemma_.lower() in lexicon.nouns:
            return lexicon.nouns[child.lemma_.lower()]
    return None


def _time(token: Token) -> bool:
    return token.ent_type_ in TIME_ENTITIES


def verb_slots(verb: Token) -> list[tuple[str, Token | None]]:
    """The complements of a verb, each with its slot name (see the module docstring)."""
    slots: list[tuple[str, Token | None]] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative", "oprd") and not _time(child):
            slots.append(("obj", child))
            if child.dep_ == "dobj":
                # "sharing intelligence with X": the parser may hang the verb's
                # preposition on its object.
                slots.extend(
                    (prep.lower_, obj)
                    for prep in child.children
                    if prep.dep_ == "prep"
                    for obj in prep.children
                    if obj.dep_ == "pobj" and not _time(obj)
                )
        elif child.dep_ == "xcomp":
            slots.append(("xcomp", child))
        elif child.dep_ == "ccomp" and child.i > verb.i:
            slots.append(("ccomp", child))
        elif child.dep_ in ("prep", "agent") and child.i > verb.i:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp") and not _time(obj):
                    slots.append((child.lower_, obj))
    if not any(slot in ("obj", "xcomp", "ccomp") for slot, _ in slots):
        slots.append(("alone", None))
    return slots


def sense_key(verb: Token, senses: dict[str, frozenset[str]]) -> str | None:
    """The entry of `senses` for this verb: with its particle first ("back up")."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "prt" and f"{lemma} {child.lower_}" in senses:
            return f"{lemma} {child.lower_}"
    return lemma if lemma in senses else None


def _phrase(verb: Token, lexicon: EventLexicon) -> bool:
    """A verb with its particle or object that is a phrase of the lexicon ("called a
    strike", "set fire to"): the phrase is its own sense."""
    lemma = verb.lemma_.lower()
    return any(
        f"{lemma} {c.lower_}" in lexicon.phrases
        for c in verb.children
        if c.dep_ in ("prt", "dobj") or (c.dep_ == "prep" and c.i == verb.i + 1)
    )


def verb_fits(verb: Token, rules: PrecisionLexicon, lexicon: EventLexicon) -> bool:
    """True unless `[precision.senses]` lists the verb and no complement fits."""
    key = sense_key(verb, rules.senses)
    if key is None or _phrase(verb, lexicon):
        return True
    allowed = rules.senses[key]
    for slot, token in verb_slots(verb):
        if slot in ("alone", "xcomp", "ccomp"):
            if slot in allowed:
                return True
            continue
        assert token is not None
        if any(f"{slot}:{name}" in allowed for name in object_classes(token, rules, lexicon)):
            return True
    return False


def noun_slots(noun: Token) -> list[tuple[str, Token]]:
    """A noun's modifiers and prepositions, with those its verb takes after it when it
    is the verb's object ("staged rallies in the city against the law")."""
    slots: list[tuple[str, Token]] = []
    after = [c for c in noun.head.children if c.i > noun.i] if noun.dep_ == "dobj" else []
    for child in [*noun.children, *(c for c in after if c.dep_ == "prep")]:
        if child.dep_ == "poss":
            slots.append(("poss", child))
        elif child.dep_ in ("compound", "nmod"):
            slots.append(("compound", child))
        elif child.dep_ == "amod":
            slots.append(("amod", child))
        elif child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp") and not _time(obj):
                    slots.append((child.lower_, obj))
        elif child.dep_ in ("acl", "relcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            slots.append(("to", child))  # "a call to release", "a pledge to abolish"
    return slots


def noun_fits(noun: Token, rules: PrecisionLexicon, lexicon: EventLexicon) -> bool:
    """True unless `[precision.noun_senses]` lists the noun and no slot fits."""
    allowed = rules.noun_senses.get(noun.lemma_.lower())
    if allowed is None:
        return True
    for slot, token in noun_slots(noun):
        if slot == "to" and "to:clause" in allowed:
            return True
        if slot == "amod":
            if token.ent_type_ in ACTOR_ENTITIES and "amod:actor" in allowed:
                return True
            continue
        if any(f"{slot}:{name}" in allowed for name in object_classes(token, rules, lexicon)):
            return True
    return False
