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

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsloom import gazetteer as places
from newsloom.enrich.entities.candidate import Candidate
from newsloom.enrich.entities.labels import unify_labels
from newsloom.enrich.entities.names import (
    acronym,
    fold_spelling,
    is_acronym,
    is_title,
    org_key,
    person_key,
    slug,
)
from newsloom.enrich.entities.people import relabel_people
from newsloom.enrich.entities.rules import entity_rules
from newsloom.enrich.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(slots=True)
class Cluster:
    id: str
    name: str
    type: str
    mentions: list[Candidate] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


class Clusters:
    """Clusters by id, in order of first appearance."""

    def __init__(self) -> None:
        self.by_id: dict[str, Cluster] = {}

    def add(self, key: str, name: str, kind: str, candidate: Candidate) -> Cluster:
        cluster = self.by_id.get(key)
        if cluster is None:
            cluster = self.by_id[key] = Cluster(key, name, kind)
        cluster.mentions.append(candidate)
        return cluster

    def ordered(self) -> list[Cluster]:
        clusters = [c for c in self.by_id.values() if c.mentions]
        for cluster in clusters:
            cluster.mentions.sort(key=lambda m: (m.start, m.end))
        return sorted(clusters, key=lambda c: c.first)


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
    return found


def resolve(doc: Doc) -> list[Cluster]:
    conf = entity_rules().confidence
    clusters = Clusters()
    found = relabel_people(doc, candidates(doc))
    unify_labels(doc, found)
    surnames = _full_names(found, clusters)
    defined = _defined_acronyms(doc, found)
    for candidate in found:
        if candidate.label == "PERSON" and len(candidate.text.split()) > 1:
            continue  # placed by _full_names
        _strip_title_before_surname(doc, candidate, surnames)
        folded = fold_spelling(candidate.text)
        single = len(candidate.text.split()) == 1
        if single and folded in surnames and places.country_code(candidate.text) is None:
            owners = surnames[folded]
            if len(owners) == 1:
                if candidate.label != "PERSON":
                    candidate.label, candidate.confidence = "PERSON", conf["relabelled"]
                clusters.by_id[owners[0]].mentions.append(candidate)
                continue
        _place(doc, candidate, clusters, defined)
    return clusters.ordered()


def _strip_title_before_surname(
    doc: Doc, candidate: Candidate, surnames: dict[str, list[str]]
) -> None:
    """ "Ms Quillfeather" (whatever the model's label) -> "Quillfeather" when that is a surname."""
    words = candidate.text.split()
    if len(words) == 2 and is_title(words[0]) and fold_spelling(words[1]) in surnames:
        candidate.start = candidate.end - len(words[1])
        candidate.text = doc_text(doc)[candidate.start : candidate.end]


def _full_names(found: list[Candidate], clusters: Clusters) -> dict[str, list[str]]:
    """Cluster the multi-word person names; return folded surname -> cluster ids."""
    surnames: dict[str, list[str]] = {}
    for candidate in found:
        words = candidate.text.split()
        if candidate.label != "PERSON" or len(words) < 2:
            continue
        key = "person:" + person_key(words)
        cluster = clusters.add(key, candidate.text, "PERSON", candidate)
        if places.country_code(words[-1]) is not None:
            continue
        owners = surnames.setdefault(fold_spelling(words[-1]), [])
        if cluster.id not in owners:
            owners.append(cluster.id)
    return surnames


def _defined_acronyms(doc: Doc, found: list[Candidate]) -> dict[str, str]:
    """Acronyms defined in the text: "the International Monetary Fund (IMF)" -> its key."""
    defined = {}
    for candidate in found:
        if candidate.label != "ORG":
            continue
        rest = doc_text(doc)[candidate.end : candidate.end + 16].lstrip()
        if rest.startswith("("):
            inner = rest[1:].split(")", 1)[0].strip()
            if is_acronym(inner):
                defined[inner] = _org_id(candidate.text)
    return defined


def _org_id(text: str) -> str:
    aliases = entity_rules().orgs.aliases
    name = aliases.get(text.lower(), text)
    return "org:" + org_key(name)


def _place(doc: Doc, candidate: Candidate, clusters: Clusters, defined: dict[str, str]) -> None:
    conf = entity_rules().confidence
    text, label = candidate.text, candidate.label
    if label == "PERSON":
        if len(text.split()) == 1 and (places.country_code(text) or places.capital_of(text)):
            candidate.label, candidate.confidence = "GPE", conf["relabelled"]
            _place_location(doc, candidate, clusters)
            return
        key = "person:" + person_key(text.split())
        clusters.add(key, text, "PERSON", candidate)
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
    elif label in ("ORG", "FAC", "EVENT") and (text in defined or is_acronym(text)):
        key = defined.get(text) or _acronym_owner(text, clusters) or _org_id(text)
        name = clusters.by_id[key].name if key in clusters.by_id else _org_name(text)
        clusters.add(key, name, "ORG", candidate)
    elif label == "ORG":
        clusters.add(_org_id(text), _org_name(text), "ORG", candidate)
    else:
        clusters.add(f"{label.lower()}:{org_key(text)}", text, label, candidate)


def _org_name(text: str) -> str:
    name = entity_rules().orgs.aliases.get(text.lower(), text)
    words = name.split()
    if len(words) > 1 and words[0].lower() in entity_rules().orgs.articles:
        return " ".join(words[1:])
    return name


def _acronym_owner(text: str, clusters: Clusters) -> str | None:
    letters = text.replace(".", "")
    owners = [
        c.id for c in clusters.by_id.values() if c.type == "ORG" and acronym(c.name) == letters
    ]
    return owners[0] if len(owners) == 1 else None


def _country_id(code: str) -> str:
    return f"gpe:{code.lower()}"


def _place_location(doc: Doc, candidate: Candidate, clusters: Clusters) -> None:
    rules = entity_rules()
    text = candidate.text
    code = places.country_code(text)
    if code is not None and code in places.country_names():
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
    city = places.city(text)
    kind = "LOC" if candidate.label == "LOC" else "GPE"
    name = city.name if city is not None else text
    clusters.add(f"{kind.lower()}:{slug(name)}", name, kind, candidate)


def speaks_for_government(token: Token) -> bool:
    """A place name that is the subject of a speech or decision verb, or owns an institution."""
    rules = entity_rules()
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_.lower() in rules.metonymy.speech_verbs:
        return True
    return token.dep_ == "poss" and head.lemma_.lower() in rules.metonymy.institutional_nouns


def span_of(doc: Doc, candidate: Candidate) -> Span | None:
    return doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
