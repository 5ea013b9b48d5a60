"""Which trigger candidates are events at all: the precision rules of the events stage.

events_parse finds every word that may name an event; much of ordinary news uses those
words for something else. A candidate is dropped here when:

- its trigger is a participle that modifies a noun ("Returning officer", "the detained
  sailors", "the negotiating table", "property seized in 1970"): it describes
  the noun, it does not report an act (a present participle after its noun, which often
  tells the act itself, "a statement demanding ...", is kept);
- it sits in a conditional clause (if/unless/whether) or in a time clause of a future
  main clause ("until the rules are withdrawn"): nothing happened (speculation under
  could/might/may stays, as events_parse's low-confidence `hypothetical`);
- its subject is "nobody", "none" ("Nobody was reported injured");
- a naming verb names rather than asks ("a group calling itself X", "called the ruling a
  victory"): DEMAND only as "call for/on" or "call X to do";
- an everyday verb acts on no political actor, relation, event or property (see
  `needs_object` in events.toml): "cut prices", "closed the car park", "released its
  results", "the museum reopened";
- the word is not used in its event sense, as its complements show (events/senses):
  "the device supports two standards", "fired his lawyer", "storage demands";
- it declines to comment ("declined to comment", "his refusal to say which side ..."),
  or asks not to be named ("asked for anonymity", "asked not to be identified");
- it vows or pledges to contest something ("vowed to challenge the results"): no AGREE;
- its noun is denied by "no" ("made no apology", "held no talks"): it did not happen;
- a gerund names what a noun is ("its policy of requiring ...");
- a warning is an advisory ("a travel warning"), or about someone else's act or a mere
  outcome ("Forecasters warned that winds would hit the coast", "warned of lower
  profits"): THREATEN is a threat by the warner;
- its source cannot act (`non_actors` of events.toml, a bare number or time, unless an
  actor modifies it): "rain closed roads", "78 percent backed", "the museum reopened";
- a state or one person "blocks" a road (a protest is people's), or a FIGHT has actors
  and none of them bears arms or stands for a group ("he fought with a man").

An event noun that a verb stops, puts off or prevents did not happen; the stopping is
the event (`stopped_category`): "police prevented the march" is COERCE, "called off the
strike" RETREAT, "cancelled the visit" SANCTION.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsloom.enrich.events.lexicon import EventLexicon, PrecisionLexicon, event_lexicon
from newsloom.enrich.events.senses import (
    ACTOR_ENTITIES,
    event_category,
    is_actor,
    noun_fits,
    object_classes,
    verb_fits,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsloom.enrich.events.candidate import Candidate

TIME_ENTITIES = frozenset({"DATE", "TIME"})
COUNT_ENTITIES = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
PARTICIPLES = frozenset({"VBG", "VBN"})
CONDITIONAL = frozenset({"if", "unless", "whether"})
NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
REFLEXIVE = frozenset({"itself", "themselves", "himself", "herself", "ourselves"})


def precision_lexicon() -> PrecisionLexicon:
    return event_lexicon().precision


def plausible(candidate: Candidate, lexicon: EventLexicon) -> bool:
    """The syntax-only rules, before actors are attached: a candidate that fails them
    neither is an event nor absorbs the event nouns of its clause."""
    return rejection(candidate, lexicon) is None


def rejection(candidate: Candidate, lexicon: EventLexicon) -> str | None:
    """The syntax rule that rejects the candidate, or None."""
    rules = precision_lexicon()
    trigger, clause = candidate.trigger, candidate.clause
    if _modifier(trigger):
        return "modifier"
    if candidate.kind == "noun" and not noun_fits(trigger, rules, lexicon):
        return "sense"
    if candidate.kind == "noun" and _no_comment_noun(trigger, lexicon):
        return "no comment"
    if negated_noun(trigger):
        return "negated"
    if candidate.type == "THREATEN" and any(
        c.dep_ == "compound" and c.lemma_.lower() in rules.words.advisories
        for c in trigger.children
    ):
        return "warning"  # "a travel warning", "a storm warning": an advisory
    if _conditional(trigger, rules):
        return "conditional"
    if clause is not None and _nobody(clause, rules):
        return "nobody"
    if candidate.kind == "verb" and clause is trigger:
        if _naming(trigger, rules):
            return "naming"
        if not verb_fits(trigger, rules, lexicon):
            return "sense"
        if stopped_category(trigger, lexicon) is None and not _acts_on_enough(
            trigger, rules, lexicon
        ):
            return "object"
        if candidate.type == "THREATEN" and not _threat_by_source(trigger, rules, lexicon):
            return "warning"
        if _no_comment(trigger, lexicon):
            return "no comment"
        if candidate.type == "DEMAND" and _anonymity(trigger, rules):
            return "anonymity"
        if trigger.lemma_.lower() in lexicon.frames.intent and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in rules.words.contest for c in trigger.children
        ):
            return "contest"  # "vowed to challenge the results in court": no cooperation
    return None


def negated_noun(trigger: Token) -> bool:
    """An event noun denied by "no" ("made no apology", "held no talks", "no strike was
    called"): it did not happen. The one test of it, for bare nouns and light verbs alike."""
    return trigger.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ == "no" for c in trigger.children
    )


def _anonymity(verb: Token, rules: PrecisionLexicon) -> bool:
    """ "asked for anonymity", "requested anonymity", "asked not to be named": a source
    keeping its name out of the story demands nothing of anyone."""
    for child in verb.children:
        if child.lemma_.lower() in rules.words.anonymity and child.dep_ == "dobj":
            return True
        if child.dep_ == "prep" and any(
            o.lemma_.lower() in rules.words.anonymity for o in child.children
        ):
            return True
        if (
            child.dep_ == "xcomp"
            and child.lemma_.lower() in rules.words.unnamed
            and any(c.dep_ == "neg" for c in child.children)
        ):
            return True
    return False


def _no_comment_noun(noun: Token, lexicon: EventLexicon) -> bool:
    """ "his refusal to say which side he backs": a refusal to speak."""
    no_comment = precision_lexicon().words.no_comment
    return lexicon.nouns.get(noun.lemma_.lower()) == "REJECT" and any(
        c.dep_ in ("acl", "relcl") and c.lemma_.lower() in no_comment for c in noun.children
    )


def _no_comment(verb: Token, lexicon: EventLexicon) -> bool:
    """ "declined to comment", "refused comment": declining to speak rejects nothing."""
    if verb.lemma_.lower() not in lexicon.frames.refusal:
        return False
    no_comment = precision_lexicon().words.no_comment
    return any(
        c.dep_ in ("xcomp", "dobj") and c.lemma_.lower() in no_comment for c in verb.children
    )


def actor_rejection(candidate: Candidate, lexicon: EventLexicon) -> str | None:
    """After actors are attached: "source" when the source cannot act, "state" when a
    state or its forces "block" a road (no PROTEST), "unarmed" when a FIGHT has actors
    and none of them bears arms or stands for a group ("he fought with a man")."""
    rules = precision_lexicon()
    source, target = candidate.source, candidate.target
    if source is not None and _no_actor(source.root, rules, lexicon):
        return "source"
    if candidate.type == "PROTEST" and source is not None and _state(source.root, rules):
        return "state"
    if candidate.type == "PROTEST" and candidate.kind == "verb" and _blocking(candidate, rules):
        return "state"
    actors = [span.root for span in (source, target) if span is not None]
    if candidate.type == "FIGHT" and actors and not any(_armed(a, rules) for a in actors):
        return "unarmed"
    return None


def _blocking(candidate: Candidate, rules: PrecisionLexicon) -> bool:
    """Blocking a road is a protest of people ("residents blocked the road"), not of a
    country, a government or one person ("Jordan blocked the crossing")."""
    if candidate.trigger.lemma_.lower() not in rules.words.blocking:
        return False
    source = candidate.source
    return source is None or source.root.tag_ not in ("NNS", "NNPS")


def _state(token: Token, rules: PrecisionLexicon) -> bool:
    return token.ent_type_ == "GPE" or token.lemma_.lower() in rules.nouns.states


def _armed(token: Token, rules: PrecisionLexicon) -> bool:
    """Armed forces or groups, or a country, people or organisation standing for them."""
    if token.ent_type_ in ("GPE", "NORP", "ORG") or token.lemma_.lower() in rules.nouns.armed:
        return True
    return any(
        c.dep_ in ("amod", "compound") and c.ent_type_ in ("GPE", "NORP", "ORG")
        for c in token.children
    )


def stopped_event(verb: Token) -> Token | None:
    """The object of a stopping verb: the event noun it stops, if it is one."""
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)


def stopped_category(verb: Token, lexicon: EventLexicon) -> str | None:
    """The category of stopping the event its object names ("suspended their protests":
    RETREAT), "" when nothing happened ("averted a strike"), None when no event noun is
    stopped."""
    rules = precision_lexicon()
    lemma = verb.lemma_.lower()
    keys = {lemma, *(f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt")}
    own, others = keys & rules.stopping.own, keys & rules.stopping.others
    if not (own or others or keys & rules.stopping.none):
        return None
    obj = stopped_event(verb)
    category = event_category(obj, lexicon) if obj is not None else None
    if category is None:
        return None
    # Ending a threat or a demand backs off as ending an attack does.
    hostile = category in lexicon.categories.hostile or category in ("THREATEN", "DEMAND")
    if own:
        return "RETREAT" if hostile else "SANCTION"
    if others:
        return "COERCE" if hostile else "REJECT"
    return ""


def _no_actor(token: Token, rules: PrecisionLexicon, lexicon: EventLexicon) -> bool:
    """A source that cannot act: weather, prices, things, a bare number or time. Judged
    by a list of non-actors, as the nouns for people ("elders", "clerics") are endless;
    an actor modifier or `of` phrase ("army bulldozers", "hundreds of farmers") rescues."""
    if token.pos_ not in ("NOUN", "PROPN", "NUM", "PRON"):
        return False  # a broken parse: no judgement
    if _has_actor(token, rules, lexicon):
        return False
    if _time(token) or token.ent_type_ in COUNT_ENTITIES:
        return True
    return token.lemma_.lower() in rules.nouns.non_actors


def _has_actor(token: Token, rules: PrecisionLexicon, lexicon: EventLexicon) -> bool:
    for child in token.children:
        # "army bulldozers", "Israeli jets", "the rebels' trucks" rescue; a name of the
        # thing itself ("the Black Death pandemic") does not.
        unnamed = child.pos_ == "PROPN" and child.ent_type_ not in ACTOR_ENTITIES
        modifier = child.dep_ in ("compound", "poss", "amod", "nmod") and not unnamed
        if modifier and is_actor(child, rules, lexicon):
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and any(o.dep_ == "pobj" and is_actor(o, rules, lexicon) for o in child.children)
        ):
            return True
    return False


def _time(token: Token) -> bool:
    return token.ent_type_ in TIME_ENTITIES


def _modifier(trigger: Token) -> bool:
    """ "the detained sailors", "Returning officer", "property seized in 1970". A present
    participle after its noun often tells the act itself ("a statement demanding ..."),
    and a past one after an appositive is a misread reporting verb (", a group said")."""
    if trigger.tag_ not in PARTICIPLES:
        return False
    if trigger.dep_ in MODIFIER_DEPS:
        return True
    if trigger.tag_ == "VBG" and trigger.dep_ == "pcomp" and trigger.head.lower_ == "of":
        return trigger.head.head.pos_ == "NOUN"  # "its policy of requiring": what it is
    noun = trigger.head
    return (
        trigger.dep_ == "acl"
        and trigger.tag_ == "VBN"
        and noun.dep_ not in ("appos", "ROOT")
        and noun.head.i != noun.i
    )


def _conditional(trigger: Token, rules: PrecisionLexicon) -> bool:
    """Inside a condition ("if the water is cut"), or a time clause of a future main
    clause ("until the rules are withdrawn"). Speculation under could/might/may is kept,
    as events_parse's low-confidence `hypothetical`: an actor's "may halt talks" is news."""
    token = trigger
    for _ in range(12):
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL:
                return True
            if (
                child.dep_ == "mark"
                and child.lower_ in rules.words.time_marks
                and _future(token.head)
            ):
                return token.dep_ == "advcl"
        if token.head.i == token.i or token.dep_ in ("ccomp", "conj"):
            return False
        token = token.head
    return False


def _future(verb: Token) -> bool:
    return any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll") for c in verb.children
    )


def _nobody(clause: Token, rules: PrecisionLexicon) -> bool:
    """ "Nobody was injured", "Nobody was reported injured", "Neither side was confirming
    or denying", "No party was willing to reject": a negative subject of the clause or
    of the verbs it completes or is joined to."""
    verb = clause
    for _ in range(4):
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if child.lower_ in rules.words.nobody or any(
                c.dep_ in ("det", "preconj") and c.lower_ in NEGATIVE_DETERMINERS
                for c in child.children
            ):
                return True
        if verb.dep_ not in ("xcomp", "oprd", "acomp", "conj") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _naming(verb: Token, rules: PrecisionLexicon) -> bool:
    if verb.lemma_.lower() not in rules.words.naming:
        return False
    if any(
        c.dep_ in ("prep", "prt") and c.lower_ in rules.words.naming_particles
        for c in verb.children
    ):
        return False
    return any(
        c.dep_ in ("oprd", "attr", "acomp") or (c.dep_ == "dobj" and c.lower_ in REFLEXIVE)
        for c in verb.children
    )


def acted_on(verb: Token, prepositional: bool) -> list[Token]:
    """What a verb acts on: its passive subject and object, and when `prepositional` its
    to/at/on objects. Times are never acted on."""
    found = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj", "dative")]
    preps = precision_lexicon().prepositional.prepositions
    for prep in verb.children if prepositional else ():
        if prep.dep_ in ("prep", "dative") and prep.lower_ in preps and prep.i > verb.i:
            found.extend(o for o in prep.children if o.dep_ == "pobj")
    return found


def _acts_on_enough(verb: Token, rules: PrecisionLexicon, lexicon: EventLexicon) -> bool:
    """A verb of `needs_object` codes only when it acts on something of its classes."""
    lemma = verb.lemma_.lower()
    phrase = next(
        (
            f"{lemma} {c.lower_}"
            for c in verb.children
            if c.dep_ == "dobj" and f"{lemma} {c.lower_}" in rules.needs_object
        ),
        None,
    )
    classes = rules.needs_object.get(phrase or lemma)
    if classes is None:
        return True
    objects = [
        o
        for o in acted_on(verb, (phrase or lemma) in rules.prepositional.verbs)
        if (phrase is None or o.lower_ != phrase.split()[1]) and not _time(o)
    ]
    return any(object_classes(o, rules, lexicon) & classes for o in objects)


def _threat_by_source(verb: Token, rules: PrecisionLexicon, lexicon: EventLexicon) -> bool:
    """ "warned that it would attack", "warned the rebels", "warned of retaliation" are
    threats; "warned that winds would hit" and "warned of lower profits" are not."""
    if verb.lemma_.lower() != "warn":
        return True
    if any(c.dep_ == "xcomp" for c in verb.children):
        return True
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and is_actor(child, rules, lexicon):
            return True
        if child.dep_ == "ccomp":
            subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and (subject.pos_ == "PRON" or _same_head(subject, verb)):
                return True
        if child.dep_ == "prep" and child.lower_ in ("of", "against"):
            for obj in child.children:
                lemma = obj.lemma_.lower()
                hostile = lexicon.nouns.get(lemma) in lexicon.categories.hostile
                if obj.dep_ == "pobj" and (hostile or lemma in rules.words.threat_objects):
                    return True
    return False


def _same_head(subject: Token, verb: Token) -> bool:
    """ "The army warned that the army would ...": the warner is the one to act."""
    own = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return own is not None and own.lemma_.lower() == subject.lemma_.lower()
