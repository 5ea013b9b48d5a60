"""From the model's entity spans to one cluster per referent (the heart of EntityStage).

Each model span becomes a `Candidate` (its span trimmed of titles and possessives, its label
corrected when the gazetteer or the article says otherwise) and is keyed:
- people by folded first and last name; a lone surname joins the one full name it ends;
- countries by ISO code (`gpe:ua`), whatever the form ("US", "U.S.", "America");
- nationality adjectives (NORP "Ukrainian") join their country with a lower confidence; a
  plural demonym is a group of people ("thousands of Ukrainians"): a NORP entity keyed by
  the country's code (`norp:ua`), not the country;
- a capital that speaks or owns an institution ("Kyiv said", "Kyiv's ambassador") joins the
  government of its country (`org:government-ua`, type ORG); elsewhere it is the city;
- organisations by name without "the", known short forms, acronyms and "(ABC)" definitions.
`model_label` is None for spans the rules add; the NER evaluation leaves those out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsloom import gazetteer as places
from newsloom.enrich.entities.acronyms import (
    definitions,
    is_acronym_form,
    join_acronym_names,
    letters_of,
    spells,
)
from newsloom.enrich.entities.candidate import Candidate
from newsloom.enrich.entities.clusters import Cluster, Clusters
from newsloom.enrich.entities.furniture import (
    bare_name,
    clean_span,
    in_chrome,
    in_prose,
    not_a_name,
    shown_in_chrome,
)
from newsloom.enrich.entities.labels import unify_labels
from newsloom.enrich.entities.names import (
    fold_spelling,
    is_acronym,
    is_title,
    middle_initials,
    name_parts,
    org_key,
    org_words,
    person_key,
    person_match_key,
    slug,
    surname,
)
from newsloom.enrich.entities.people import relabel_people
from newsloom.enrich.entities.rules import entity_rules
from newsloom.enrich.entities.short_forms import merge_short_forms
from newsloom.enrich.entities.types import DROP, retype
from newsloom.enrich.nlp import doc_text
from newsloom.enrich.roles.rules import role_rules
from newsloom.gazetteer.countries import country_name_rules
from newsloom.gazetteer.senses import state_of_abbreviation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_STATE_AFTER = re.compile(r"\s+State\b")


def candidates(doc: Doc) -> list[Candidate]:
    """The model's entity spans of the kinds kept, trimmed of titles and possessives."""
    rules = entity_rules()
    found = []
    for ent in doc.ents:
        if ent.label_ not in rules.labels:
            continue
        tokens = list(ent)
        while tokens and tokens[-1].text in rules.possessives:
            tokens.pop()
        if ent.label_ == "PERSON":
            while len(tokens) > 1 and is_title(tokens[0].text):
                tokens.pop(0)
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = doc_text(doc)[start:end]
        for ending in rules.possessives:
            if text.endswith(ending) and len(text) > len(ending) + 1 and len(tokens) == 1:
                text, end = text[: -len(ending)], end - len(ending)
                break
        root = doc[tokens[0].i : tokens[-1].i + 1].root.i
        found.append(Candidate(start, end, text, ent.label_, ent.label_, 1.0, root))
    return _joined_org_of_place(doc, found)


def _joined_org_of_place(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """ "[The Federal Reserve Bank] of [Dallas]": the model cut an institution's name at
    "of"; an organisation whose last word names a kind of body (`org_words`) right before
    "of" and a place is one name, and the place is no mention of its own."""
    text = doc_text(doc)
    org_words = entity_rules().people.org_words
    joined: list[Candidate] = []
    for candidate in found:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.label == "ORG"
            and candidate.label in ("GPE", "LOC")
            and text[previous.end : candidate.start] == " of "
            and previous.text.split()[-1].lower() in org_words
        ):
            previous.end = candidate.end
            previous.text = text[previous.start : candidate.end]
            continue
        joined.append(candidate)
    return joined


# `_owner` for a lone word that is the surname of several people and that the model called a
# place ("Drayton's Family Wines" beside two Draytons): it is dropped.
SHARED_SURNAME = "shared-surname"


def names_kept(doc: Doc) -> list[Candidate]:
    """The model's spans and the people it missed, repaired, without page furniture, with
    the labels the evidence contradicts fixed (and the names that are none dropped)."""
    found, in_furniture = [], set()
    for candidate in relabel_people(doc, candidates(doc)):
        clean_span(doc, candidate)
        if not_a_name(candidate.text):
            continue
        if in_chrome(doc, candidate.start, candidate.end, candidate.label):
            in_furniture.add(bare_name(candidate.text))
            continue
        found.append(candidate)
    # A name the page furniture also shows keeps only its mentions in prose.
    found = [
        c
        for c in found
        if in_prose(doc, c.start)
        or not (bare_name(c.text) in in_furniture or shown_in_chrome(doc, c.text))
    ]
    found = join_acronym_names(doc, found)
    retype(doc, found)
    return [c for c in found if c.label != DROP]


def resolve(doc: Doc) -> list[Cluster]:
    conf = entity_rules().confidence
    clusters = Clusters()
    found = names_kept(doc)
    unify_labels(doc, found)
    singulars = _singular_modifiers(doc, found)
    surnames, given, offices = _full_names(doc, found, clusters)
    # "Ford" the model calls an organisation, in an article that names "Ford Motor Co." and
    # "William Clay Ford Jr.", is the company: a surname joins only without that evidence.
    companies = {
        fold_spelling(words[0])
        for c in found
        if c.label == "ORG" and len(words := org_words(c.text)) > 1
    }
    defined = _defined_acronyms(doc, found)
    for candidate in found:
        if candidate.label == "PERSON" and len(candidate.text.split()) > 1:
            continue  # placed by _full_names
        _strip_title_before_surname(doc, candidate, surnames)
        owner = _owner(candidate, clusters, surnames, given, companies, offices)
        if owner == SHARED_SURNAME:
            continue
        if owner is not None:
            if candidate.label != "PERSON":
                candidate.label, candidate.confidence = "PERSON", conf["relabelled"]
            clusters.by_id[owner].mentions.append(candidate)
            continue
        plural = singulars.get(id(candidate))
        if plural is not None:
            clusters.add(_org_id(plural.text), _org_name(plural.text), "ORG", candidate)
            continue
        _place(doc, candidate, clusters, defined)
    merge_short_forms(clusters, doc_text(doc), full_names=set(defined.values()))
    return clusters.ordered()


def _owner(
    candidate: Candidate,
    clusters: Clusters,
    surnames: dict[str, list[str]],
    given: dict[str, list[str]],
    companies: set[str],
    offices: set[str],
) -> str | None:
    """The one person a name stands for: a full name's spelling variant under another label;
    a lone word that is one full name's surname ("Lorne"), or of several but one of them named
    after an office ("Roe" after "President Jane Roe" and "her husband John Roe"), unless
    the model calls it an organisation and a longer organisation's name starts with it
    ("Ford", "Ford Motor Co."),
    or, for a person, its given name ("Hester" after "Hester Lorne") when no other name has
    that word."""
    words = candidate.text.split()
    if len(words) > 1:
        # A full name the model gave another label once ("Jane Roe" ORG after "Jane Roe").
        key = "person:" + person_match_key(words)
        return key if key in clusters.by_id and candidate.label != "PERSON" else None
    if places.country_code(candidate.text) is not None:
        return None
    folded = fold_spelling(candidate.text)
    if candidate.label == "ORG" and folded in companies:
        return None
    owners = surnames.get(folded, [])
    if owners:
        holders = [key for key in owners if key in offices]
        if len(owners) == 1 or len(holders) == 1:
            return owners[0] if len(owners) == 1 else holders[0]
        return SHARED_SURNAME if candidate.label in ("GPE", "LOC", "FAC") else None
    firsts = given.get(folded, [])
    if candidate.label == "PERSON" and len(firsts) == 1:
        return firsts[0]
    return None


def _strip_title_before_surname(
    doc: Doc, candidate: Candidate, surnames: dict[str, list[str]]
) -> None:
    """ "Ms Quillfeather" (whatever the model's label) -> "Quillfeather" when that is a surname."""
    words = candidate.text.split()
    if len(words) == 2 and is_title(words[0]) and fold_spelling(words[1]) in surnames:
        candidate.start = candidate.end - len(words[1])
        candidate.text = doc_text(doc)[candidate.start : candidate.end]


def _full_names(
    doc: Doc, found: list[Candidate], clusters: Clusters
) -> tuple[dict[str, list[str]], dict[str, list[str]], set[str]]:
    """Cluster the multi-word person names; return folded surname -> cluster keys, folded
    given name -> cluster keys, and the keys of people named right after an office ("President
    Jane Roe"). Two names of one first and last name with different middle initials ("George
    H.W. Bush", "George W. Bush") are two people; the name without any joins the one with
    them when there is one."""
    full = [
        (c, c.text.split())
        for c in found
        if c.label == "PERSON" and len(name_parts(c.text.split())[0]) >= 2
    ]
    middles: dict[str, set[str]] = {}
    for _, words in full:
        if middle_initials(words):
            middles.setdefault(person_match_key(words), set()).add(middle_initials(words))
    surnames: dict[str, list[str]] = {}
    given: dict[str, list[str]] = {}
    offices: set[str] = set()
    for candidate, words in full:
        two = len(middles.get(person_match_key(words), ())) > 1 and bool(middle_initials(words))
        match = person_match_key(words) + (f"~{middle_initials(words)}" if two else "")
        key = _known_form(match, clusters)
        person_id = "person:" + person_key(words, middle=two)
        clusters.add(key, candidate.text, "PERSON", candidate, person_id)
        if _after_office(doc, candidate):
            offices.add(key)
        first = name_parts(words)[0][0]
        if len(first.rstrip(".")) > 1:
            owners = given.setdefault(fold_spelling(first), [])
            if key not in owners:
                owners.append(key)
        last = surname(words)
        if places.country_code(last) is not None:
            continue
        owners = surnames.setdefault(fold_spelling(last), [])
        if key not in owners:
            owners.append(key)
    return surnames, given, offices


def _after_office(doc: Doc, candidate: Candidate) -> bool:
    """The name comes right after a word of an office ("President", "chief executive"),
    not an honorific ("Mrs", "Lady")."""
    words = doc_text(doc)[max(0, candidate.start - 40) : candidate.start].split()
    if not words:
        return False
    word = words[-1].lower().rstrip(".,")
    rules = entity_rules()
    if word in rules.people.honorifics:
        return False
    return word in role_rules().role_nouns or word in rules.titles


def _known_form(match_key: str, clusters: Clusters) -> str:
    """The key of a person already named with a longer form of this given name and the same
    surname ("Will Roe" after "William Roe"), else this name's own key."""
    key = "person:" + match_key
    if key in clusters.by_id:
        return key
    given, _, rest = match_key.partition("-")
    min_chars = entity_rules().people.min_short_given
    if len(given) < min_chars or not rest:
        return key
    longer = [
        k
        for k in clusters.by_id
        if k.startswith("person:")
        and k.split("-", 1)[-1] == rest
        and (first := k[len("person:") :].split("-", 1)[0]) != given
        and first.startswith(given)
    ]
    return longer[0] if len(longer) == 1 else key


def _singular_modifiers(doc: Doc, found: list[Candidate]) -> dict[int, Candidate]:
    """ "Veldor Tiger rebels" beside "the Veldor Tigers": the singular of an organisation
    named in the plural, modifying a noun, is that organisation whatever the model called
    it (relabelled ORG here). Returns id(candidate) -> the plural's candidate."""
    plurals = {}
    for candidate in found:
        words = org_words(candidate.text)
        if candidate.label == "ORG" and words[-1].endswith("s") and len(words[-1]) > 3:
            plurals[org_key(" ".join([*words[:-1], words[-1][:-1]]))] = candidate
    relabelled = entity_rules().confidence["relabelled"]
    singulars = {}
    for candidate in found:
        owner = plurals.get(org_key(candidate.text))
        token = doc[candidate.root]
        if owner is None or token.dep_ not in ("compound", "amod") or token.head.i <= token.i:
            continue
        if places.country_code(candidate.text) is not None:
            continue
        if candidate.label != "ORG":
            candidate.label = "ORG"
            candidate.confidence = min(candidate.confidence, relabelled)
        singulars[id(candidate)] = owner
    return singulars


def _defined_acronyms(doc: Doc, found: list[Candidate]) -> dict[str, str]:
    """Acronyms defined in the text, by their letters: "the International Monetary Fund
    (IMF)" -> the fund's key; also "the Popular Liberation Front, or PLF," (`definitions`)."""
    defined = {}
    text = doc_text(doc)
    for candidate in found:
        if candidate.label != "ORG":
            continue
        rest = text[candidate.end : candidate.end + 16].lstrip()
        if rest.startswith("("):
            inner = rest[1:].split(")", 1)[0].strip()
            if is_acronym_form(inner):
                defined[letters_of(inner)] = _org_id(candidate.text)
    names = {(c.end, org_key(c.text)): c for c in found if c.label == "ORG"}
    for definition in definitions(doc):
        owner = names.get((definition.end, org_key(definition.name)))
        if owner is not None:
            defined.setdefault(letters_of(definition.acronym), _org_id(owner.text))
    return defined


def _org_id(text: str) -> str:
    aliases = entity_rules().orgs.aliases
    name = aliases.get(text.lower(), text)
    return "org:" + org_key(name)


def _place(doc: Doc, candidate: Candidate, clusters: Clusters, defined: dict[str, str]) -> None:
    conf = entity_rules().confidence
    text, label = candidate.text, candidate.label
    owner = _acronym_of(candidate, clusters, defined)
    if owner is not None:
        if label != "ORG":
            candidate.label = "ORG"
            candidate.confidence = min(candidate.confidence, conf["relabelled"])
        clusters.add(
            owner, clusters.by_id[owner].name if owner in clusters.by_id else text, "ORG", candidate
        )
        return
    if label == "PERSON":
        if len(text.split()) == 1 and (places.country_code(text) or places.capital_of(text)):
            candidate.label, candidate.confidence = "GPE", conf["relabelled"]
            _place_location(doc, candidate, clusters)
            return
        words = text.split()
        key = "person:" + person_match_key(words)
        clusters.add(key, text, "PERSON", candidate, "person:" + person_key(words))
    elif label == "NORP" and text.lower() in entity_rules().places.nation_demonyms:
        nation = entity_rules().places.nation_demonyms[text.lower()]
        candidate.confidence = conf["nationality"]
        clusters.add(f"gpe:{slug(nation)}", nation, "GPE", candidate)
    elif label == "NORP":
        code = places.country_of_demonym(text)
        if code is None:
            clusters.add("norp:" + slug(text), text, "NORP", candidate)
            return
        if doc[candidate.root].tag_ in entity_rules().places.group_tags:
            clusters.add(f"norp:{code.lower()}", text, "NORP", candidate)
            return
        candidate.confidence = conf["nationality"]
        clusters.add(_country_id(code), places.country_names()[code], "GPE", candidate)
    elif label in ("GPE", "LOC") or places.country_code(text):
        _place_location(doc, candidate, clusters)
    elif label in ("ORG", "FAC", "EVENT") and is_acronym(text):
        key = _org_id(text)
        name = clusters.by_id[key].name if key in clusters.by_id else _org_name(text)
        clusters.add(key, name, "ORG", candidate)
    elif label == "ORG":
        clusters.add(_org_id(text), _org_name(text), "ORG", candidate)
    else:
        clusters.add(f"{label.lower()}:{org_key(text)}", _org_name(text), label, candidate)


def _org_name(text: str) -> str:
    name = entity_rules().orgs.aliases.get(text.lower(), text)
    words = name.split()
    if len(words) > 1 and words[0].lower() in entity_rules().orgs.articles:
        return " ".join(words[1:])
    return name


def _acronym_of(candidate: Candidate, clusters: Clusters, defined: dict[str, str]) -> str | None:
    """The organisation an acronym stands for: the one the text defines it for, else the one
    organisation named before it whose name spells it ("GlaxoSmithKline ... GSK"). An
    acronym the model called a place, a person or a group counts too, unless it is how
    news writes a country ("UK", "US"): "British Airways ... BA" is no Bosnia."""
    text, label = candidate.text, candidate.label
    if not is_acronym_form(text) or label not in ("ORG", "FAC", "EVENT", *_NOT_ORG_LABELS):
        return None
    letters = letters_of(text)
    if letters in defined:
        return defined[letters]
    if _news_country_form(text):
        return None
    owners = [
        c.id
        for c in clusters.by_id.values()
        if c.type == "ORG" and c.mentions and c.name != text and spells(letters, c.name)
    ]
    return owners[0] if len(owners) == 1 else None


# Labels an acronym may wrongly carry ("BA" a place, "GSK" a person).
_NOT_ORG_LABELS = ("GPE", "LOC", "PERSON", "NORP")


def _news_country_form(text: str) -> bool:
    """ "UK", "U.S.", "UAE": a form news writes for a country (not a bare ISO code)."""
    if places.country_code(text) is None:
        return False
    key = text.lower()
    return key in country_name_rules().aliases or key in entity_rules().orgs.country_codes


def _country_id(code: str) -> str:
    return f"gpe:{code.lower()}"


def _place_location(doc: Doc, candidate: Candidate, clusters: Clusters) -> None:
    rules = entity_rules()
    text = candidate.text
    code = places.country_code(text)
    if code is not None and code in places.country_names() and not _state_here(doc, text):
        clusters.add(_country_id(code), places.country_names()[code], "GPE", candidate)
        return
    demonym = places.country_of_demonym(text) if candidate.label == "GPE" else None
    if demonym is not None:
        candidate.confidence = rules.confidence["nationality"]
        clusters.add(_country_id(demonym), places.country_names()[demonym], "GPE", candidate)
        return
    capital = places.capital_of(text)
    if capital is not None and speaks_for_government(doc[candidate.root]):
        candidate.confidence = min(candidate.confidence, rules.confidence["metonymy"])
        country = places.country_names()[capital]
        key = rules.metonymy.government_id.format(code=capital.lower())
        clusters.add(key, rules.metonymy.government_name.format(country=country), "ORG", candidate)
        return
    kind = "LOC" if candidate.label == "LOC" else "GPE"
    name = place_name(text)
    if _STATE_AFTER.match(doc_text(doc), candidate.end):
        state = state_of_abbreviation(text)  # "New York State", "Washington State"
        name = state.name if state is not None else name
    clusters.add(f"{kind.lower()}:{slug(name)}", name, kind, candidate)


def _state_here(doc: Doc, text: str) -> bool:
    """A country's name that is also a US state's ("Georgia") stands for the state when the
    article also writes the state's abbreviation ("Cleveland, Ga.")."""
    state = state_of_abbreviation(text)
    if state is None or state.name != text:
        return False
    for ent in doc.ents:
        other = state_of_abbreviation(ent.text) if ent.text != text else None
        if other is not None and other.name == text:
            return True
    return False


def place_name(text: str) -> str:
    """The canonical name of a place that is not a country: without "the" and an
    administrative ending ("the Gaza Strip" -> "Gaza Strip", "Veldor Autonomous
    Region" -> "Veldor"); a US state for its abbreviation ("Calif." -> California)
    and for its name when the city the gazetteer would give has the name only as an
    alternate and is far smaller (`[places] state_over_city`); else the city's name (a city
    that has the name only as an alternate when it is a capital or a large city)."""
    rules = entity_rules().places
    words = text.split()
    if len(words) > 1 and words[0].lower() in entity_rules().orgs.articles:
        words = words[1:]
    name = " ".join(words)
    lowered = name.lower()
    for ending in rules.admin_endings:
        if lowered.endswith(" " + ending) and len(lowered) > len(ending) + 1:
            name = name[: -len(ending) - 1]
            break
    city = places.city(name)
    own = city is not None and fold_spelling(city.name) == fold_spelling(name)
    if city is not None and not own and not _alternate_of(city, name):
        city = None  # "Marlow" is not the town of "Ada Marlow"
    if city is None or not own:
        state = state_of_abbreviation(name)
        if state is not None and (
            city is None or city.population * rules.state_over_city < state.population
        ):
            return state.name
    return city.name if city is not None else name


def _alternate_of(city: places.City, name: str) -> bool:
    """A city the name is only an alternate of stands for it when it is a capital or a large
    city ("Kiev", "Bombay") and its own name does not merely add words to the name."""
    rules = entity_rules().places
    own = city.name.lower().removesuffix(" city")  # "New York City" is New York's city
    if own == name.lower():
        return True
    if re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", own):
        return False
    return city.capital or city.population >= rules.alternate_min_population


def speaks_for_government(token: Token) -> bool:
    """A place name that is the subject of a speech or decision verb, or owns an institution."""
    rules = entity_rules()
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_.lower() in rules.metonymy.speech_verbs:
        return True
    return token.dep_ == "poss" and head.lemma_.lower() in rules.metonymy.institutional_nouns
