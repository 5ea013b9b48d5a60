"""Triggers and actors in the dependency parse: who did what to whom.

A trigger is a verb (or verb + particle) or an event noun from the lexicon, or a light
verb whose object is an event noun ("held talks", "imposed sanctions"). Frames and modes
are events/modality's: a trigger a frame governs is absorbed by it ("agreed to
withdraw" is one AGREE), an announced intent is PLOVER AGREE or THREATEN, a negated
trigger is not coded, and the rest get their mode (hypothetical, predicted, failed,
planned, habitual). Any candidate that only looks like an event (events/filters,
events/senses) is dropped before it can absorb the event nouns of its clause. The actors
found here are the words of the parse; events/actors settles who they stand for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsloom.enrich.events.candidate import Candidate
from newsloom.enrich.events.filters import (
    event_category,
    negated_noun,
    plausible,
    stopped_category,
    stopped_event,
)
from newsloom.enrich.events.lexicon import EventLexicon, event_lexicon
from newsloom.enrich.events.modality import apply_frames

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "dative", "attr", "oprd")
# Prepositions whose object is the one a thing is done to ("cut ties with X", "withdrew
# troops from X", "imposed restrictions on X").
AFFECTED = ("to", "from", "with", "against", "on", "upon", "into", "toward", "towards")
# Prepositions whose event noun the verb's subject goes to do ("gathered for a rally").
PURPOSE = frozenset({"for", "to", "into"})
# Right-hand children that still belong to an actor's noun phrase.
PHRASE_RIGHT = ("compound", "flat", "conj", "cc", "appos", "nummod")


def find_candidates(sent: Span, lexicon: EventLexicon) -> list[Candidate]:
    """Every coded event in one sentence, frames having absorbed what they govern."""
    found: list[Candidate] = []
    absorbed: set[int] = set()
    for token in sent:
        candidate = _verb_candidate(token, lexicon) if token.pos_ in ("VERB", "AUX") else None
        if candidate is None or not plausible(candidate, lexicon):
            continue
        if candidate.kind == "verb":
            stopped = stopped_category(token, lexicon)
            if stopped == "":
                continue
            candidate.type = stopped or candidate.type
            candidate.stopping = stopped is not None
        found.append(candidate)
        if candidate.kind == "light_verb":
            absorbed.add(candidate.trigger.i)
    verbs = {c.clause.i for c in found if c.clause is not None}
    for token in sent:
        if token.pos_ != "NOUN" or token.i in absorbed:
            continue
        category = lexicon.nouns.get(noun_lemma(token))
        if category is None or _governing_trigger(token, verbs) or negated_noun(token):
            continue
        stopping = _stopping_verb(token, lexicon)
        if stopping is not None:
            # "police prevented the demonstration": the stopping is the event.
            if stopping[1] and stopping[0].i not in verbs:
                verbs.add(stopping[0].i)
                verb = stopping[0]
                found.append(Candidate(stopping[1], verb, verb, None, "verb", stopping=True))
            continue
        if token.dep_ == "compound" and event_category(token.head, lexicon) is None:
            continue  # "call centre", "protest leader": a modifier names no event
        candidate = Candidate(category, token, None, None, "noun", planned=_planned(token, lexicon))
        if plausible(candidate, lexicon):
            found.append(candidate)
    return apply_frames(found, lexicon)


def _planned(noun: Token, lexicon: EventLexicon) -> str | None:
    """ "object" or "subject" when the verb governing the noun is future, else None."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ == "aux" and c.lower_ in lexicon.frames.future for c in verb.children):
        return None
    return "subject" if noun.dep_ in ("nsubj", "nsubjpass") else "object"


def _stopping_verb(noun: Token, lexicon: EventLexicon) -> tuple[Token, str] | None:
    """The verb that stops, puts off or prevents the event a noun names, and its category
    ("" when nothing happened); None when the noun's event is not stopped."""
    if noun.dep_ not in ("dobj", "nsubjpass"):
        return None
    category = stopped_category(noun.head, lexicon)
    return None if category is None else (noun.head, category)


def _verb_candidate(token: Token, lexicon: EventLexicon) -> Candidate | None:
    lemma = token.lemma_.lower()
    if token.dep_ in ("aux", "auxpass"):
        return None
    # A particle, or a preposition right after the verb ("called for", "gave in"): one
    # further on is the verb's adjunct ("gave them money in 2007").
    particle = next(
        (
            c
            for c in token.children
            if (c.dep_ == "prt" and c.i > token.i) or (c.dep_ == "prep" and c.i == token.i + 1)
        ),
        None,
    )
    objects = [c for c in token.children if c.dep_ == "dobj"]
    for word in [particle, *objects]:
        category = lexicon.phrases.get(f"{lemma} {word.lower_}") if word is not None else None
        if category is not None:
            return Candidate(category, token, token, None, "verb")
    joined = _participation(token, lexicon)
    if joined is not None:
        return joined
    light = bool(_lemmas(token) & lexicon.light_verbs.lemmas)
    for obj in token.children:
        if obj.dep_ == "dobj" and light:
            category = lexicon.nouns.get(noun_lemma(obj))
            if category is not None:
                return Candidate(category, obj, token, None, "light_verb")
    if lemma in lexicon.frames.reporting:
        return None
    demand = _obligation(token, lexicon)
    if demand is not None:
        return demand
    category = lexicon.verbs.get(lemma)
    if category is None and token.lower_ in lexicon.verbs:
        category = lexicon.verbs[token.lower_]
    if category is None:
        return None
    return Candidate(category, token, token, None, "verb")


def noun_lemma(noun: Token) -> str:
    """The lemma, joined to a hyphenated modifier the tokenizer split off ("sit-in")."""
    lemma = noun.lemma_.lower()
    doc = noun.doc
    if noun.i >= 2 and doc[noun.i - 1].text == "-" and doc[noun.i - 2].head.i == noun.i:
        return f"{doc[noun.i - 2].lower_}-{lemma}"
    return lemma


def _lemmas(verb: Token) -> set[str]:
    """The lemma and, for a past form the tagger lemmatised wrongly ("staged" -> "stag"),
    the form less its ending."""
    lemma, text = verb.lemma_.lower(), verb.lower_
    found = {lemma, text}
    if text.endswith("ed"):
        found.update((text[:-1], text[:-2]))
    return found


def _participation(verb: Token, lexicon: EventLexicon) -> Candidate | None:
    """ "took part in the protest": the event noun after `in` is the event, the verb its
    clause (so the subject is the actor); taking part in a marathon is no event."""
    lemma = verb.lemma_.lower()
    words = [lemma, *(f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("dobj", "prt"))]
    if not any(word in lexicon.light_verbs.participation for word in words):
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for obj in prep.children:
                category = lexicon.nouns.get(obj.lemma_.lower())
                if obj.dep_ == "pobj" and category is not None:
                    return Candidate(category, obj, verb, None, "light_verb")
    return None


def _obligation(verb: Token, lexicon: EventLexicon) -> Candidate | None:
    """`X said (that) Y must/should do Z`: X demands it of Y (PLOVER DEMAND)."""
    if not any(c.dep_ == "aux" and c.lower_ in lexicon.frames.obligation for c in verb.children):
        return None
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in lexicon.frames.reporting:
        return None
    if any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in verb.children):
        return None  # "we must do all we can": a resolve, not a demand of anyone
    return Candidate("DEMAND", verb, verb, None, "verb", speaker=verb.head)


def _governing_trigger(noun: Token, verbs: set[int]) -> bool:
    """A noun inside the clause of a verb trigger ("killed 12 in an attack") is its detail."""
    head = noun.head
    while head.i != head.head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head.i in verbs


# Actors ----------------------------------------------------------------------------


def attach_actors(candidate: Candidate, lexicon: EventLexicon) -> None:
    _attach(candidate)
    target = candidate.target
    if target is not None and target.root.dep_ == "nsubjpass":
        # "Another woman said she was assaulted": the one it was done to is the reporter.
        candidate.target = _antecedent(target, candidate.clause, lexicon)
    if candidate.type == "DISAPPROVE" and _crowd_protest(candidate, lexicon):
        candidate.type = "PROTEST"  # "thousands protested": in the street, not in words
    trigger = candidate.trigger
    if trigger.lemma_.lower() in lexicon.actors.legal_charges and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children
    ):
        candidate.type = "COERCE"  # "charged the mayor with fraud": CAMEO 173
    if candidate.trigger.lemma_.lower() in lexicon.actors.charging:
        # "accused the rebels of shelling the town": the charge is no part of an actor.
        candidate.source = _before_charge(candidate.source)
        candidate.target = _before_charge(candidate.target)
    if candidate.source is not None:
        candidate.source = _antecedent(candidate.source, candidate.clause, lexicon)
        head = candidate.source.root.lemma_.lower()
        if candidate.type == "ASSAULT" and head in lexicon.actors.military:
            candidate.type = "FIGHT"  # armed forces using force: PLOVER FIGHT


def _before_charge(actor: Span | None) -> Span | None:
    """The actor without an `of` phrase of its head ("the rebels [of shelling ...]")."""
    if actor is None:
        return None
    of = next((c for c in actor.root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None or not actor.start <= of.i < actor.end or of.i == actor.start:
        return actor
    if of.ent_iob_ != "O" or any(c.pos_ == "PROPN" for c in of.children):
        return actor  # "the Bank of Ostrell": part of a name
    end = of.i
    while end > actor.root.i + 1 and actor.doc[end - 1].is_punct:
        end -= 1
    return actor.doc[actor.start : end]


def _crowd_protest(candidate: Candidate, lexicon: EventLexicon) -> bool:
    """A protest verb whose doers are many people ("students protested", "thousands
    protested against the law"): PLOVER PROTEST; a government or one person protesting
    does it in words (DISAPPROVE)."""
    trigger = candidate.trigger
    if candidate.kind != "verb" or trigger.lemma_.lower() not in lexicon.precision.words.crowd:
        return False
    source = candidate.source
    if source is None:
        return False
    root = source.root
    if root.lemma_.lower() in lexicon.precision.nouns.states:
        return False  # "the ministers protested": in words
    many = root.lemma_.lower() in ("hundred", "thousand", "dozen", "million")
    return many or root.tag_ == "NNS"  # a plural common noun: "students", "farmers"


def _antecedent(actor: Span, clause: Token | None, lexicon: EventLexicon) -> Span:
    """A pronoun actor in a reported clause is the reporter: "X said it will go" -> X;
    a relative pronoun is the noun its clause modifies: "X, who met Y" -> X."""
    if len(actor) == 1 and actor[0].tag_ in ("WP", "WDT") and clause is not None:
        if clause.dep_ != "relcl":
            return actor
        noun = clause.head
        noun = noun.head if noun.dep_ == "appos" else noun
        # "the Alliance, a group that has applauded ...": the group is the Alliance.
        if actor[0].lower_ in ("who", "whom") and not noun.ent_type_:
            # "the election of President Velt, who promised ...": who is the person.
            person = _person_of(noun)
            noun = person if person is not None else noun
        return noun_phrase(noun)
    if len(actor) != 1 or actor[0].lower_ not in lexicon.actors.pronouns or clause is None:
        return actor
    token = clause
    for _ in range(4):
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in lexicon.frames.reporting:
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            # "she boycotted it, her lawyer said": the reporter speaks for someone else.
            for_another = subject is not None and any(
                c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children
            )
            if subject is not None and subject.lower_ not in lexicon.actors.pronouns:
                return actor if for_another else noun_phrase(subject)
            return actor
        if token.head.i == token.i:
            return actor
        token = token.head
    return actor


def _person_of(noun: Token) -> Token | None:
    """The person an `of` phrase of the noun names ("the arrival of envoy Pell Arden")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "PERSON":
                    return obj
    return None


def _attach(candidate: Candidate) -> None:
    clause = candidate.clause
    if clause is None:
        candidate.source, candidate.target = _noun_actors(candidate.trigger)
        return
    if candidate.speaker is not None:
        subject = next((c for c in candidate.speaker.children if c.dep_ == "nsubj"), None)
        candidate.source = noun_phrase(subject) if subject is not None else None
        own = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
        candidate.target = noun_phrase(own) if own is not None else None
        return
    candidate.source = _source(clause)
    target_verb = clause
    if candidate.type in ("AGREE", "THREATEN"):
        inner = next((c for c in clause.children if c.dep_ in ("xcomp", "ccomp")), None)
        if inner is not None and not _target(clause):
            target_verb = inner
    candidate.target = _target(target_verb, candidate.type)
    stopped = stopped_event(clause) if candidate.stopping else None
    if stopped is not None:
        # "cancelled a planned visit to Haiti": the one acted upon is the visit's.
        candidate.target = _noun_actors(stopped)[1] or candidate.target
    if candidate.kind == "light_verb":
        candidate.target = (
            candidate.target if candidate.target else _noun_actors(candidate.trigger)[1]
        )
        if candidate.target is not None and candidate.trigger.i in range(
            candidate.target.start, candidate.target.end
        ):
            candidate.target = _noun_actors(candidate.trigger)[1]


def _dateline_subject(token: Token) -> bool:
    """A place that opens its line, in capitals or named as a place, followed by a dash
    before the story ("TARSK (AP) — ...", "Kell, Varnia – ...")."""
    doc = token.doc
    start = token.left_edge.i
    if start > 0 and "\n" not in doc[start - 1].text + doc[start - 1].whitespace_:
        return False
    if not (token.text.isupper() or token.ent_type_ in ("GPE", "LOC")):
        return False
    return any(t.text in ("–", "—", "-") for t in doc[token.i + 1 : token.i + 8])


def passive(verb: Token) -> bool:
    """Told in the passive, or a past participle sharing a passive verb's auxiliary
    ("was caught by police and deported")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    own = any(c.dep_ in ("nsubj", "csubj", "dobj") for c in verb.children)
    shared = verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and not own
    return shared and passive(verb.head)


def _source(verb: Token) -> Span | None:
    if passive(verb):
        # The agent may hang on a conjunct: "were assaulted or dismembered by rebels".
        conjuncts = [c for c in verb.children if c.dep_ == "conj"]
        for head in (verb, verb.head if verb.dep_ == "conj" else verb, *conjuncts):
            for child in head.children:
                if child.dep_ == "agent":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return noun_phrase(objects[0])
        return None
    token = verb
    subjects: tuple[str, ...] = ("nsubj", "csubj")
    for _ in range(4):
        # "TARSK (AP) — Farmers blocked ...": a dateline parsed as a second subject.
        found = [c for c in token.children if c.dep_ in subjects]
        subject = next((c for c in found if not _dateline_subject(c)), None)
        if subject is not None:
            return noun_phrase(subject)
        if token.dep_ in ("xcomp", "conj", "acomp", "advcl") and token.head.i != token.i:
            # "X is expected to meet Y": the raised subject of a passive is the actor;
            # "X was indicted and will resign": so is a shared passive subject.
            shared = token.dep_ in ("xcomp", "conj")
            subjects = ("nsubj", "csubj", "nsubjpass") if shared else subjects
            token = token.head
            continue
        noun = token.head
        while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head  # "a series of tweets supporting X"
        if token.dep_ == "acl" and token.tag_ == "VBG" and noun.dep_ == "dobj":
            # "X issued a statement condemning Y": the statement's author condemns.
            token = noun.head
            continue
        break
    return None


def _target(verb: Token, category: str = "", skip: Token | None = None) -> Span | None:
    """Who is acted upon: the passive subject, the recipient for giving and promising
    ("granted asylum to X", "sent aid to X"), the place left for a withdrawal ("from X"),
    the object, the object of a targeting preposition, else the subject of a demanded
    clause ("demanded that X resign"). Times are never targets."""
    patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if patient is None and verb.dep_ == "conj" and passive(verb):
        patient = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
    if patient is not None:
        return noun_phrase(patient)
    lexicon = event_lexicon()
    targets = lexicon.targets
    preferred = targets.recipient_prepositions.get(category)
    if preferred:
        found = _prep_object(verb, preferred, skip)
        if found is not None:
            return found
    weapons = lexicon.precision.nouns.weapons
    for child in verb.children:
        if child.dep_ == "dative" or (child.dep_ == "dobj" and child is not skip):
            if child.dep_ == "dobj" and (child.i < verb.i or child.lemma_.lower() in weapons):
                continue  # "fired rockets at the base": the base is hit, not the rockets
            if child.dep_ == "dobj":
                affected = _affected(child, verb, preferred or (), lexicon)
                if affected is not None:
                    return affected
            return _possessor(child)
    found = _prep_object(verb, targets.prepositions, skip)
    if found is not None:
        return found
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is not None and category == "DEMAND":
        subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
        return noun_phrase(subject) if subject is not None else None
    return None


def _affected(
    obj: Token, verb: Token, recipients: tuple[str, ...], lexicon: EventLexicon
) -> Span | None:
    """The actor or country a thing is done to, when the object is the thing: "cut ties
    with X", "withdrew its troops from X", "sent 70 million dollars of aid to X",
    "imposed restrictions on X" (the preposition may hang on the verb or the object)."""
    from newsloom.enrich.events.senses import object_classes

    rules = lexicon.precision
    if "actor" in object_classes(obj, rules, lexicon):
        return None
    preps = {*AFFECTED, *recipients}
    holders = [obj, *(c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of")]
    candidates = [c for h in holders for c in h.children if c.dep_ == "prep"]
    candidates += [c for c in verb.children if c.dep_ == "prep" and c.i > obj.i]
    for prep in candidates:
        if prep.lower_ not in preps:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or _is_time(pobj):
                continue
            if object_classes(pobj, rules, lexicon) & {"actor", "place"}:
                return noun_phrase(pobj)
    return None


def _prep_object(verb: Token, preps: tuple[str, ...], skip: Token | None) -> Span | None:
    for child in verb.children:
        if child.dep_ not in ("prep", "prt", "dative") or child.lower_ not in preps:
            continue
        if child.i < verb.i:
            continue
        for obj in child.children:
            if obj.dep_ == "pobj" and obj is not skip and not _is_time(obj):
                return noun_phrase(obj)
    return None


def _is_time(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or token.pos_ in ("ADJ", "ADV", "NUM")


def _possessor(obj: Token) -> Span:
    """ "supported Kandor's bid": the one acted upon is Kandor, the owner of the object."""
    owner = next((c for c in obj.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    return noun_phrase(owner) if owner is not None else noun_phrase(obj)


def _noun_actors(noun: Token) -> tuple[Span | None, Span | None]:
    """A bare event noun's actors: its possessor or a named modifier ("Kandor's
    protest", "Velmar riots", "an attack by X"), else the subject of the verb it is the
    object of ("activists staged rallies"); the target follows against/on/of. The owner
    of a harm done is its victim ("Dunn's assassination"), and so is the subject of a
    verb of receiving ("the mayor faced threats")."""
    source = None
    target = None
    targets = event_lexicon().targets
    target_preps = (*targets.prepositions, "of")
    # "Dunn's assassination": the owner of a harm done is its victim, unless an `of`
    # phrase names the victim ("Kell's arrest of the suspect").
    owner_suffered = noun_lemma(noun) in targets.patient_nouns and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in noun.children
    )
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "amod") and child.ent_type_):
            if owner_suffered:
                target = noun_phrase(child)
            else:
                source = noun_phrase(child)
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and source is None:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            source = noun_phrase(objects[0]) if objects else None
        if child.dep_ == "prep" and child.lower_ in target_preps and target is None:
            objects = [c for c in child.children if c.dep_ == "pobj" and not _is_time(c)]
            target = noun_phrase(objects[0]) if objects else None
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in PURPOSE:
        verb = verb.head
    elif noun.dep_ != "dobj":
        verb = noun  # "spoke at a rally", "in the biggest protest": a circumstance
    if verb is not noun and verb.lemma_.lower() in targets.receiving_verbs:
        # "the mayor faced threats from X": the subject is who it was done to.
        subject = _source(verb)
        return source, target or subject
    if source is None and verb is not noun and verb.pos_ in ("VERB", "AUX"):
        # "activists staged rallies", "thousands gathered for a rally": the verb's doer.
        source = _source(verb)
        if target is None:
            target = _prep_object(verb, ("against",), noun)
    return source, target


def noun_phrase(head: Token) -> Span:
    """The head with its left modifiers, its compounds, conjuncts and an `of` phrase."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and doc[start].dep_ in ("det", "punct", "cc", "predet"):
        start += 1
    end = head.i
    for child in head.rights:
        if child.dep_ in PHRASE_RIGHT or (child.dep_ == "prep" and child.lower_ == "of"):
            end = max(end, child.right_edge.i)
        else:
            break
    for token in doc[head.i + 1 : end + 1]:
        if token.dep_ in ("relcl", "acl") and token.left_edge.i > head.i:
            end = token.left_edge.i - 1  # "a deal involving drones, which X said ...": no clause
            break
    while end > head.i and doc[end].is_punct:
        end -= 1
    return doc[start : end + 1]
