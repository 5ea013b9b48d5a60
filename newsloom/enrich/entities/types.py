"""Types the model gets wrong, fixed only on strong evidence in the sentence or the gazetteer.

Precision first: a label is changed when the text says otherwise, and a name that cannot be a
person, a place or an organisation is dropped (label `DROP`); a changed label carries the
confidence `relabelled`. The evidence (word lists in entities.toml `[types]`):
- a place: a name the gazetteer knows (its own name, not an alternate) that is the object of
  a location preposition ("moved to Glasgow", "in Chula Vista"), or that another span of the
  article already calls a place; "<place>-based" ("a London-based firm"); a "person" right
  after "near" or "outside", or after "in" with a compass word or a place's possessive ("in
  southern Orvia's al-Marsa"); a name that modifies a noun of places ("the Karvel refugee
  camp": LOC);
- a company: a name that modifies a noun only companies have ("Twitter account", "Acme
  shares": `company_heads`) or a model code ("Dell AX4"), a company noun beside it
  ("Fenwick Beauty, the retailer": `[descriptions] company_nouns`), a short "person" or an
  unknown one-word "place" the text
  writes with a capital inside a word ("RoadMate", "PayPal": no given name or surname is
  written so, Mc/Mac/De/La/Le/Di/Van/O' prefixes aside), a store name in the possessive
  that is itself the subject or object ("Rival Lowe's fell"), an unknown "place" that speaks
  ("Bloomberg reported");
- not a person: a counted plural ("the fastest Macintoshes"), a span with a possessive inside
  ("Kent's Maidstone"), a bare name right after "the" or "a" that is not a modifier ("The
  Chronicle says", "from the Gyle"): kept as an ORG when it speaks, else dropped;
- no name: an acronym the text defines from words in lower case ("ballistic missile defence
  (BMD)"); a name with "a" or "an" ("a good Samaritan"); "the <name>" that modifies a
  capitalised noun after it, cut short by the model ("the New York State [Attorney General]");
- a natural feature or a building: an organisation whose last word is one of
  `feature_words` (LOC: "Marrow Valley") or `building_words` (FAC: "Velmora Statehouse");
- a NORP that is no nationality: a place the gazetteer knows after a location preposition
  ("in Punjab"), or named a place elsewhere in the article, or a state or a large city
  ("Lahore police"); else an organisation when the article names one so ("Brightline");
- a town, by its context: "the town of X", "the province of X", apposition with a noun of
  towns ("the Orvian capital, X"), a dateline ("X, Orvia (Reuters) - ..."); a US state's
  abbreviation right after a place ("Brask, NY");
- an event: an organisation or a building whose last word is one of `event_words` ("the
  Dubai Air Show"); a mountain the model called a building is a LOC;
- no person: one word right after a model number ("the 737 Max");
- a company's short name: a "place" the gazetteer has no entry of that begins an
  organisation's name in the article ("Emirates" beside "Emirates Airline").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsloom import gazetteer as places
from newsloom.enrich.entities.furniture import bare_name as bare
from newsloom.enrich.entities.names import org_words
from newsloom.enrich.entities.rules import entity_rules
from newsloom.enrich.nlp import doc_text
from newsloom.gazetteer import senses

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsloom.enrich.entities.candidate import Candidate

DROP = "DROP"
_CAMEL = re.compile(r"[a-z]{2}[A-Z]")
# Name prefixes written with a capital inside ("McDonald", "MacArthur", "DeSantis").
_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|O['’])(?=[A-Z])")
_ARTICLES = ("the ", "a ", "an ")
_COMPANY_KEY = "newsloom.entities.company_modifiers"
_ACRONYMS_KEY = "newsloom.entities.common_acronyms"
_DEFINED = re.compile(r"\(([A-Z]{2,8})\)")
_INNER_POSSESSIVE = re.compile(r"\w['’]s\s+\w")


def retype(doc: Doc, found: list[Candidate]) -> None:
    """Fix or drop the labels the evidence contradicts (in place; dropped ones get DROP)."""
    places_here = {_surface(c.text) for c in found if c.label in ("GPE", "LOC")}
    orgs_here = {_surface(c.text) for c in found if c.label == "ORG"}
    for candidate in found:
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is None:
            continue
        label = _evidence_label(doc, candidate, span, places_here, orgs_here)
        if label is not None and label != candidate.label:
            _relabel(candidate, label)
    # A "person" that the evidence made a place elsewhere in the article is that place.
    retyped = {_surface(c.text): c.label for c in found if c.label in ("GPE", "LOC")}
    for candidate in found:
        if candidate.label == "PERSON" and _surface(candidate.text) in retyped:
            _relabel(candidate, retyped[_surface(candidate.text)])
    _company_short_names(found)


def _company_short_names(found: list[Candidate]) -> None:
    """ "Emirates" or "Nvidia" a place beside "Emirates Airline", "the Nvidia Quadro FX": a
    "place" the gazetteer has no entry of (not even as another name) that begins an
    organisation's longer name in the article is that organisation's short name
    (short_forms joins it when the long name came first). A person is left alone: "Roe"
    beside "the Roe administration" is the person."""
    starts: set[str] = set()
    for candidate in found:
        words = org_words(candidate.text)
        if candidate.label == "ORG" and len(words) > 1:
            starts.update(" ".join(words[:size]).lower() for size in range(1, len(words)))
    for candidate in found:
        if candidate.label not in ("GPE", "LOC"):
            continue
        name = _surface(candidate.text)
        if name in starts and places.country_code(name) is None and not senses.lookup(name):
            _relabel(candidate, "ORG")


def _relabel(candidate: Candidate, label: str) -> None:
    candidate.label = label
    candidate.confidence = min(candidate.confidence, entity_rules().confidence["relabelled"])


def _surface(text: str) -> str:
    words = text.lower().split()
    if len(words) > 1 and words[0] in entity_rules().orgs.articles:
        words = words[1:]
    return " ".join(words)


def _evidence_label(
    doc: Doc, candidate: Candidate, span: Span, places_here: set[str], orgs_here: set[str]
) -> str | None:
    label = candidate.label
    if candidate.text in _common_acronyms(doc):
        return DROP
    if _based(span) and _known_place(candidate.text):
        return "GPE"
    if label != "NORP" and _indefinite(span):
        return DROP
    if label in ("PERSON", "ORG", "NORP") and _settlement(doc, candidate, span):
        return "GPE"
    if label != "GPE" and _state_after_place(doc, candidate):
        return "GPE"
    if label in ("ORG", "FAC"):
        words = candidate.text.split()
        last = words[-1].lower()
        if len(words) > 1 and last in entity_rules().types.event_words:
            return "EVENT"  # "the Dubai Air Show", "the Velmora Film Festival"
        if len(words) > 1 and last in entity_rules().types.feature_words and label == "FAC":
            return "LOC"  # "Blood Mountain"
    if label == "PERSON" and _after_model_number(span):
        return DROP
    if label == "PERSON":
        return _person_label(doc, candidate, span, places_here)
    if label == "ORG":
        return "GPE" if _plainly_located(span.root, near=False) else _org_label(candidate, span)
    if label == "GPE":
        return _gpe_label(candidate, span)
    if label in ("NORP", "ORG") and _names_a_place_noun(span) and not _known_org(candidate):
        return "LOC"
    if label == "NORP":
        unknown = places.country_of_demonym(candidate.text) is None
        if unknown and _known_place(candidate.text):
            here = _surface(candidate.text) in places_here
            if here or _locative(span.root) or _large_place(candidate.text):
                return "GPE"  # "in Punjab", "a visit to Tunis", "Lahore police"
            return None
        if unknown and (_surface(candidate.text) in orgs_here or _modifies_company_noun(span)):
            return "ORG"
    return None


def _after_model_number(span: Span) -> bool:
    """ "the 737 Max": a one-word "person" right after a number of three or more digits that
    is no year is part of a model's name."""
    if len(span) != 1 or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    digits = before.text.replace(",", "")
    if not (digits.isdigit() and len(digits) >= 3) or before.whitespace_ != " ":
        return False
    return not (len(digits) == 4 and 1800 <= int(digits) <= 2100)


def _state_after_place(doc: Doc, candidate: Candidate) -> bool:
    """ "Brask, NY", "Brask, Ga.": a US state's abbreviation right after a place and a comma
    is the state, whatever the model called it."""
    text = candidate.text
    if not (text.isupper() or text.endswith(".")) or len(text) > 6:
        return False
    if senses.state_of_abbreviation(text) is None or text[:1].islower():
        return False
    before = doc_text(doc)[max(0, candidate.start - 2) : candidate.start]
    if before != ", ":
        return False
    span = doc.char_span(candidate.start - 2, candidate.start - 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    previous = doc[span.start - 1]
    return previous.ent_type_ in ("GPE", "LOC") or _known_place(previous.text)


def _large_place(text: str) -> bool:
    """A state or province, or a city of `[types] large_place` people or more, of that name."""
    name = _surface(text)
    floor = entity_rules().types.large_place
    return any(
        senses.key(s.name) == senses.key(name)
        and ((s.kind == "admin" and s.level == 1) or s.population >= floor)
        for s in senses.lookup(name)
    )


def _settlement(doc: Doc, candidate: Candidate, span: Span) -> bool:
    """The name of a town, by its context: "the town of X", "the province of X"; in
    apposition with such a noun ("the Orvian capital, X"; "X, a village near Y"); or the
    place of a dateline ("X, Orvia (Reuters) -", "X -" in capitals at a line's start). An
    organisation's name with a word of bodies ("X Council") is left alone."""
    if _known_org(candidate) or len(candidate.text.split()) > 3:
        return False
    nouns = entity_rules().types.settlement_nouns
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in nouns:
        return head.head.i < span.start and not head.head.text[:1].isupper()
    if root.dep_ == "appos" and head.lemma_.lower() in nouns and not head.text[:1].isupper():
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in root.rights):
        return True
    return _dateline(doc, candidate)


# After a dateline's place: maybe ", Country", ", State" or ", <date>", maybe "(Agency)",
# then a dash.
_DATELINE_REST = re.compile(
    r"(?:,\s*[A-Z0-9][\w.]*(?:\s+[A-Z0-9][\w.]*){0,2})?\s*(?:\([A-Za-z][\w ]{0,30}\)\s*)?"
    r"[-–—]\s"
)


def _dateline(doc: Doc, candidate: Candidate) -> bool:
    """ "KALVORA, Orvia (Reuters) - Troops entered ...", "Kalvora, 2 Jan. (AKI) - ...": the
    first name of a line, in capitals or followed by a country, a state or a date, then a
    dash and the story's first sentence, is where the story was filed."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, candidate.start) + 1
    if text[line_start : candidate.start].strip():
        return False
    rest = _DATELINE_REST.match(text, candidate.end)
    if rest is None or bare(candidate.text) in entity_rules().furniture.agencies:
        return False
    line_end = text.find("\n", rest.end())
    story = text[rest.end() : line_end if line_end >= 0 else len(text)]
    if len(story.split()) < entity_rules().furniture.prose_words:
        return False  # "JANE ROE - Staff writer": a byline, not a story
    letters = [c for c in candidate.text if c.isalpha()]
    after = rest.group().strip(" ,-–—")
    after = after.split("(")[0].strip(" ,")
    return all(c.isupper() for c in letters) or (
        after[:1].isdigit() or (after[:1].isupper() and _known_place(after))
    )


def _person_label(doc: Doc, candidate: Candidate, span: Span, places_here: set[str]) -> str | None:
    text = candidate.text
    root = span.root
    if _counted_plural(span):
        return DROP
    if _INNER_POSSESSIVE.search(text):
        return DROP
    if _surface(text) in places_here or (_known_place(text) and _locative(root)):
        return "GPE"
    if _plainly_located(root) or _names_a_place_noun(span):
        return "LOC" if _names_a_place_noun(span) else "GPE"
    if _modifies_company_noun(span) or _store_possessive(doc, span) or _company_beside(span):
        return "ORG"
    if text.lower().startswith(_ARTICLES) or _bare_after_article(span):
        return "ORG" if _speaks(root) else DROP
    if len(text.split()) <= 2 and any(_camel(word) for word in text.split()):
        return "ORG"
    return None


def _counted_plural(span: Span) -> bool:
    """One plural word with a number or an adjective of its own ("the fastest Macintoshes",
    "two Toyotas"); a surname that looks plural ("Jobs said") and a family ("the Clintons")
    have none."""
    root = span.root
    return (
        len(span) == 1
        and root.tag_ in ("NNPS", "NNS")
        and any(c.dep_ in ("amod", "nummod") for c in root.lefts)
    )


def _camel(word: str) -> bool:
    """A capital inside a word after two small letters ("RoadMate", "PayPal"), which no
    given name or surname has once its prefix is off ("MacArthur", "DeSantis")."""
    return bool(_CAMEL.search(_NAME_PREFIX.sub("", word)))


def _org_label(candidate: Candidate, span: Span) -> str | None:
    rules = entity_rules().types
    if candidate.text.lower().startswith(_ARTICLES) and _cut_short(span):
        return DROP
    last = candidate.text.split()[-1].lower()
    if last in rules.feature_words and len(candidate.text.split()) > 1:
        return "LOC"
    if last in rules.building_words:
        return "FAC"
    if len(span) == 1 and _locative(span.root) and _known_place(candidate.text):
        return "GPE"
    return None


def _gpe_label(candidate: Candidate, span: Span) -> str | None:
    text = candidate.text
    if places.country_code(text) is not None or _known_place(text):
        return None
    if _speaks(span.root) or _modifies_company_noun(span):
        return "ORG"
    if len(span) == 1 and _camel(text):
        return "ORG"
    return None


def _known_org(candidate: Candidate) -> bool:
    words = candidate.text.lower().split()
    return any(w in entity_rules().people.org_words for w in words)


def _plainly_located(token: Token, near: bool = True) -> bool:
    """ "near X", "outside X" (when `near`), "in southern X", "in Syria's X": a place."""
    rules = entity_rules().types
    if token.dep_ != "pobj":
        return False
    prep = token.head.lower_
    if near and prep in rules.near_prepositions:
        return True
    return prep in rules.place_prepositions and any(
        c.lower_ in rules.compass_words or (c.dep_ == "poss" and c.ent_type_ in ("GPE", "LOC"))
        for c in token.lefts
    )


def _names_a_place_noun(span: Span) -> bool:
    """The name modifies a noun of a place ("the Karvel refugee camp", "al-Marsa base")."""
    root = span.root
    if root.dep_ != "compound" or root.head.i < span.end:
        return False
    head = root.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head  # "the Zarqan refugee camp"
    return head.lemma_.lower() in entity_rules().types.place_heads


def _known_place(text: str) -> bool:
    """The gazetteer knows the name as its own (not only as another place's alternate)."""
    name = _surface(text)
    if places.country_code(name) is not None:
        return True
    return any(senses.key(s.name) == senses.key(name) for s in senses.lookup(name))


def _locative(token: Token) -> bool:
    """The object of a location preposition, or joined by "and"/"or" to one."""
    rules = entity_rules().types
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ in rules.place_prepositions:
        return True
    return prep.lower_ == "to" and prep.head.lemma_.lower() in rules.motion_words


def _based(span: Span) -> bool:
    doc = span.doc
    end = span.end
    return (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and doc[end + 1].lower_ in entity_rules().types.place_suffixes
    )


def _modifies_company_noun(span: Span) -> bool:
    """The name (here or anywhere in the article) modifies a noun only companies have."""
    root = span.root
    if (
        root.dep_ == "compound"
        and root.head.i >= span.end
        and root.head.lower_ in entity_rules().types.company_heads
    ):
        return True
    return _surface(span.text) in _company_modifiers(span.doc)


def _company_modifiers(doc: Doc) -> set[str]:
    """Runs of capitalised modifiers right before a company noun ("Acme shares") or a model
    code ("Acme AX4"), in lower case."""
    found: set[str] | None = doc.user_data.get(_COMPANY_KEY)
    if found is None:
        found = set()
        heads = entity_rules().types.company_heads
        for token in doc:
            if token.i == 0 or not (token.lower_ in heads or _model_code(token.text)):
                continue
            i = token.i - 1
            while i >= 0 and doc[i].text[:1].isupper() and doc[i].dep_ == "compound":
                i -= 1
            if i < token.i - 1:
                found.add(doc[i + 1 : token.i].text.lower())
        doc.user_data[_COMPANY_KEY] = found
    return found


def _company_beside(span: Span) -> bool:
    """A company noun stands in apposition with the name or right before it ("Fenwick
    Beauty, the retailer"; "the retailer, Fenwick Beauty"; "fact-checking website Full
    Fact")."""
    nouns = entity_rules().descriptions.company_nouns
    root = span.root
    if any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in root.rights):
        return True
    if root.dep_ == "appos" and root.head.i < span.start and root.head.lemma_.lower() in nouns:
        return True
    return any(
        c.i < span.start and c.dep_ == "compound" and c.lemma_.lower() in nouns for c in root.lefts
    )


def _store_possessive(doc: Doc, span: Span) -> bool:
    """ "Rival Lowe's was lower": a name with "'s" that is itself the subject or object."""
    end = span.end
    if end >= len(doc) or doc[end].tag_ != "POS":
        return False
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and doc[end].head.i == root.i


def _model_code(word: str) -> bool:
    """A product's model code: capitals and digits ("AX4", "A380"); its maker modifies it."""
    return any(c.isdigit() for c in word) and any(c.isupper() for c in word)


def _bare_after_article(span: Span) -> bool:
    """ "The Chronicle says", "from the Gyle": a determiner right before a name that heads its
    phrase ("the Kennedy family", "the late Jane Roe" are left alone)."""
    root = span.root
    if root.dep_ == "compound" or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.lower_ in ("the", "a", "an") and before.head.i == root.i


def _common_acronyms(doc: Doc) -> set[str]:
    """Acronyms the text defines from words in lower case ("ballistic missile defence
    (BMD)", "an initial public offering (IPO)"): abbreviations of things, not names."""
    found: set[str] | None = doc.user_data.get(_ACRONYMS_KEY)
    if found is None:
        found = set()
        text = doc_text(doc)
        for match in _DEFINED.finditer(text):
            letters = match.group(1)
            words = re.findall(r"[\w'-]+", text[max(0, match.start() - 120) : match.start()])
            expansion = words[-len(letters) :]
            if (
                len(expansion) == len(letters)
                and all(w[0].islower() for w in expansion)
                and "".join(w[0] for w in expansion) == letters.lower()
            ):
                found.add(letters)
        doc.user_data[_ACRONYMS_KEY] = found
    return found


def _indefinite(span: Span) -> bool:
    """ "a good Samaritan", "an Xserve": a name with "a" or "an" is no name."""
    root = span.root
    return root.dep_ != "compound" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") and c.i < span.start for c in root.lefts
    )


def _cut_short(span: Span) -> bool:
    """ "the New York State [Attorney General]": the span modifies a capitalised noun after
    it, so the model cut the name short."""
    outside = {t.head.i for t in span if not span.start <= t.head.i < span.end}
    if len(outside) != 1:
        return False
    head = span.doc[outside.pop()]
    return head.i >= span.end and head.text[:1].isupper() and not head.ent_type_


def _speaks(token: Token) -> bool:
    rules = entity_rules()
    if token.dep_ == "nsubj" and token.head.lemma_.lower() in rules.metonymy.speech_verbs:
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "to":
        according = token.head.head
        return according.lower_ == "according"
    return False
