"""Acronyms and the names they stand for.

News defines an acronym once, after the full name ("the Marrowby Tenants Union (MTU)", "the
Popular Liberation Front, or PLF,"), then uses the acronym; or writes it without a
definition ("GlaxoSmithKline ... GSK", "Pacific Gas & Electric Co. ... PG&E").

`spells(letters, name)`: the name's words give the acronym's letters in order: each
significant word its initial, and maybe the capitals inside it ("GlaxoSmithKline" -> GSK,
"HarperCollins Publishers" -> HCP); "&" stands for itself; small words ("of", "and", "the")
and legal endings ("Co.", "Inc.") may be left out or spelt. With `any_order` (a definition
right after the name) the initials may come in another order, as in an acronym of the name
in its own language ("Revolutionary Armed Forces of Colombia, or FARC").

`definitions(doc)`: the acronyms the text defines, each with the capitalised words before
it that spell it: "(ABC)" or ", or ABC" right after the name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsloom.enrich.entities.rules import entity_rules
from newsloom.enrich.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsloom.enrich.entities.candidate import Candidate

# An acronym as news writes it: capitals, maybe with "&" or dots ("PG&E", "U.N.").
ACRONYM = r"[A-Z](?:[A-Z]|&|\.(?=[A-Z]))+\.?"
# "Name (ABC)", "Name, or ABC," / "Name, or ABC."
_DEFINITION = re.compile(
    rf"(?:\s*\((?P<paren>{ACRONYM})\)|,\s+or\s+(?P<or>{ACRONYM})(?=[,.;:)]|\s+(?:[a-z]|$)))"
)
# Name prefixes written with a capital inside ("McDonald"): no acronym's letters.
_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|O['’])(?=[A-Z])")
_WORD = re.compile(r"[\w&][\w&'’.-]*")
_DEFINITIONS_KEY = "newsloom.entities.acronym_definitions"
# Most words of a name the definition looks back over.
MAX_NAME_WORDS = 10


@dataclass(slots=True, frozen=True)
class Definition:
    """ "the Marrowby Tenants Union (MTU)": the name's span (without "the"), the acronym's."""

    start: int
    end: int
    name: str
    acronym: str
    acronym_start: int
    acronym_end: int


def letters_of(acronym: str) -> str:
    """ "U.N." -> "UN", "PG&E" -> "PG&E"."""
    return acronym.replace(".", "").upper()


def is_acronym_form(text: str) -> bool:
    """Capitals, maybe with "&" or dots: two to eight letters ("MTU", "PG&E", "U.N.")."""
    letters = letters_of(text).replace("&", "")
    return (
        2 <= len(letters) <= 8
        and letters.isalpha()
        and text.replace("&", "").replace(".", "").isupper()
    )


@functools.cache
def _optional_words() -> frozenset[str]:
    orgs = entity_rules().orgs
    return orgs.acronym_stopwords | orgs.articles | orgs.legal_suffixes | {"and"}


def _words(name: str) -> list[str]:
    words = [w.rstrip(".,").replace("’", "'") for w in re.split(r"[\s\-/]+", name)]
    words = [w.removesuffix("'s") for w in words if w]
    while words and words[0].lower() in entity_rules().orgs.articles:
        words = words[1:]
    return words


def _optional(word: str) -> bool:
    return word.lower().rstrip(".") in _optional_words()


def spells(acronym: str, name: str, any_order: bool = False) -> bool:
    """The name's words give the acronym's letters (see the module's docstring)."""
    letters = letters_of(acronym)
    words = _words(name)
    if len(letters.replace("&", "")) < 2 or not words:
        return False
    if len(words) == 1 and sum(c.isupper() for c in _NAME_PREFIX.sub("", words[0])) < 2:
        return False  # one word spells an acronym only by its capitals ("GlaxoSmithKline")
    if _in_order(letters, words):
        return True
    if not any_order:
        return False
    initials = sorted(w[0].upper() for w in words if not _optional(w))
    return len(initials) >= 3 and initials == sorted(letters.replace("&", ""))


def _in_order(letters: str, words: list[str]) -> bool:
    @functools.cache
    def match(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        word = words[j]
        if _optional(word) and match(i, j + 1):
            return True
        if i >= len(letters) or word[0].upper() != letters[i]:
            return False
        inner = [c for c in word[1:] if c.isupper()]
        if word.isupper() and len(word) > 1:
            inner = list(word[1:].replace("&", ""))  # "NFL Players Association" -> NFLPA
        return any(
            letters[i + 1 : i + 1 + k] == "".join(inner[:k]) and match(i + 1 + k, j + 1)
            for k in range(len(inner) + 1)
        )

    return match(0, 0)


def definitions(doc: Doc) -> list[Definition]:
    """The acronyms the text defines right after the capitalised words that spell them."""
    found: list[Definition] | None = doc.user_data.get(_DEFINITIONS_KEY)
    if found is None:
        found = []
        text = doc_text(doc)
        for match in _DEFINITION.finditer(text):
            group = "paren" if match.group("paren") else "or"
            acronym = match.group(group)
            name = _name_before(text, match.start(), acronym)
            if name is not None:
                start, end = name
                found.append(
                    Definition(
                        start,
                        end,
                        text[start:end],
                        acronym,
                        match.start(group),
                        match.end(group),
                    )
                )
        doc.user_data[_DEFINITIONS_KEY] = found
    return found


def _name_before(text: str, end: int, acronym: str) -> tuple[int, int] | None:
    """The shortest run of capitalised words (small words inside) ending at `end` that
    spells the acronym, in order or, when no run does, in another order."""
    line_start = text.rfind("\n", 0, end) + 1
    words = list(_WORD.finditer(text, line_start, end))
    if not words or words[-1].end() != end:
        return None
    run: list[re.Match[str]] = []
    for word in reversed(words[-MAX_NAME_WORDS:]):
        token = word.group()
        if not (token[0].isupper() or token == "&" or _optional(token)):
            break
        if text[word.end() : (run[0].start() if run else end)].strip(" "):
            break  # punctuation between the words ends the name
        run.insert(0, word)
    for any_order in (False, True):
        for size in range(1, len(run) + 1):
            first = run[-size]
            if _optional(first.group()):
                continue
            name = text[first.start() : end]
            if spells(acronym, name, any_order=any_order):
                return first.start(), end
    return None


def join_acronym_names(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """One organisation for each name an acronym spells, where the model cut it in pieces
    ("the [Tarsk Communications] and [Media Authority]" beside "TCMA"; "the Tamil [Veldor
    Pulikal] (TVVP)" tagged a person) or missed it beside an acronym it tagged an
    organisation ("the Marrow Tigers of Tarsk (MTT)", "MTT" an ORG); the pieces are no
    mentions of their own (a piece that is a place stays: then nothing is joined), and a
    name a definition spells the model called a person is an organisation."""
    found = _join_defined(doc, found)
    return _join_spelt_runs(doc, found)


def _join_defined(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    relabelled = entity_rules().confidence["relabelled"]
    org_acronyms = {letters_of(c.text) for c in found if c.label == "ORG"}
    for definition in definitions(doc):
        start, end = definition.start, definition.end
        inside = [c for c in found if c.start < end and c.end > start]
        if any(c.start < start - 4 or c.end > definition.acronym_end + 1 for c in inside):
            continue  # a span reaching past the name is another name
        exact = [c for c in inside if c.end == end and _bare(c.text) == definition.name]
        if exact:
            for candidate in exact:
                if candidate.label == "PERSON":
                    candidate.label = "ORG"
                    candidate.confidence = min(candidate.confidence, relabelled)
            continue
        if not inside and letters_of(definition.acronym) not in org_acronyms:
            continue
        if len(definition.name.split()) < 2 or _is_place(definition.name, inside):
            continue
        model_label = inside[0].model_label if inside else None
        joined = _candidate(doc, start, end, "ORG", model_label, relabelled)
        found = sorted([c for c in found if c not in inside] + [joined], key=lambda c: c.start)
    return found


def _is_place(name: str, inside: list[Candidate]) -> bool:
    """A country's name ("United Arab Emirates (UAE)"), or pieces of which one is a place:
    the place stays a place ("the [Tarsk] [Department of Fish and Game] (TDFG)")."""
    from newsloom import gazetteer as places

    if places.country_code(name) is not None:
        return True
    return any(c.label in ("GPE", "LOC", "FAC") for c in inside)


def _bare(text: str) -> str:
    words = text.split()
    if len(words) > 1 and words[0].lower() in entity_rules().orgs.articles:
        words = words[1:]
    return " ".join(words)


def _candidate(
    doc: Doc, start: int, end: int, label: str, model_label: str | None, confidence: float
) -> Candidate:
    from newsloom.enrich.entities.candidate import Candidate

    span = doc.char_span(start, end, alignment_mode="expand")
    root = span.root.i if span is not None else 0
    return Candidate(start, end, doc_text(doc)[start:end], label, model_label, confidence, root)


# Fewest letters of an acronym that joins pieces of a name: two letters are spelt by chance
# ("Apple and Google" beside "AG").
MIN_SPELT_LETTERS = 3
# Words that join two pieces of one organisation's name.
_JOINERS = (" and ", " & ", " of ", " for ")


def _join_spelt_runs(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """Organisation spans joined by "and", "&", "of" or "for" whose words together spell an
    acronym the text writes elsewhere."""
    text = doc_text(doc)
    written = {
        letters_of(w)
        for w in re.findall(rf"(?<![\w&.]){ACRONYM}(?![\w&])", text)
        if len(letters_of(w).replace("&", "")) >= MIN_SPELT_LETTERS
    }
    if not written:
        return found
    joined: list[Candidate] = []
    for candidate in found:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.label == "ORG"
            and candidate.label == "ORG"
            and text[previous.end : candidate.start] in _JOINERS
            and any(
                spells(acronym, _bare(text[previous.start : candidate.end])) for acronym in written
            )
        ):
            previous.end, previous.text = candidate.end, text[previous.start : candidate.end]
            previous.confidence = min(previous.confidence, candidate.confidence)
            continue
        joined.append(candidate)
    return joined
