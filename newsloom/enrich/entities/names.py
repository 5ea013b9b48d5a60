"""Names as keys: titles and possessives off, transliteration variants folded, slugs for ids."""

from __future__ import annotations

import re
import unicodedata

from newsloom.enrich.entities.rules import entity_rules

_NON_WORD = re.compile(r"[^a-z0-9]+")


def strip_possessive(text: str) -> str:
    """ "Trump's" -> "Trump"; a name without a possessive ending is returned unchanged."""
    for ending in entity_rules().possessives:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            return text[: -len(ending)]
    return text


def is_title(word: str) -> bool:
    return word.lower().rstrip(".") in entity_rules().titles


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fold_spelling(word: str) -> str:
    """A key on which transliteration variants meet: "Zelenskiy", "Zelenskyy" -> "zelensky"."""
    folded = ascii_fold(word)
    for pattern, replacement in entity_rules().fold_rules:
        folded = pattern.sub(replacement, folded)
    return folded


def slug(text: str) -> str:
    return _NON_WORD.sub("-", ascii_fold(text)).strip("-")


def is_suffix(word: str) -> bool:
    """A generational suffix after a surname: "Jr.", "Sr", "III"."""
    return word.lower().rstrip(".,") in entity_rules().suffixes


def name_parts(words: list[str]) -> tuple[list[str], str | None]:
    """The words of a person's name without a final suffix ("Jr.", "III"), and the suffix."""
    words = [w.rstrip(",") for w in words if w.rstrip(",")]
    if len(words) > 1 and is_suffix(words[-1]):
        return words[:-1], words[-1].lower().rstrip(".,")
    return words, None


def surname(words: list[str]) -> str:
    """The last name of a full name, a suffix left out ("Martin Luther King Jr." -> "King")."""
    return name_parts(words)[0][-1]


def _first_and_last(words: list[str]) -> tuple[list[str], str | None]:
    names, suffix = name_parts(words)
    full = [w for w in names if not (len(w.rstrip(".")) <= 1)]
    if not full:
        full = names
    return ([full[0], full[-1]] if len(full) > 1 else full), suffix


def middle_initials(words: list[str]) -> str:
    """The initials of the names between the first and the last ("George H.W. Bush" -> "hw",
    "Martin Luther King Jr." -> "l"); "" for none."""
    names = name_parts(words)[0]
    letters = []
    for word in names[1:-1]:
        letters += [part[0].lower() for part in re.split(r"[.\s]+", word) if part]
    return "".join(letters)


def person_key(words: list[str], middle: bool = False) -> str:
    """The id of a person: first and last name (middle names and initials left out, or their
    initials when `middle`: two people of one first and last name) and a suffix, each
    slugged as written, so every token of the id is in the name."""
    picked, suffix = _first_and_last(words)
    if middle and len(picked) == 2:
        picked = [picked[0], *middle_initials(words), picked[1]]
    return "-".join(slug(word) for word in [*picked, *([suffix] if suffix else [])])


def person_match_key(words: list[str]) -> str:
    """What spelling variants of one name share ("Volodymyr Zelenskiy", "Volodimir
    Zelensky"): `person_key` with each name folded. Used to cluster, never as an id."""
    picked, suffix = _first_and_last(words)
    return "-".join(slug(fold_spelling(w)) for w in [*picked, *([suffix] if suffix else [])])


def org_words(text: str) -> list[str]:
    """An organisation's name without "the" and legal endings: "The Acme Group Inc." ->
    ["Acme"] (a name that is nothing but such words is kept whole)."""
    rules = entity_rules().orgs
    words = [w.rstrip(",") for w in text.split() if w.rstrip(",")]
    while len(words) > 1 and words[0].lower() in rules.articles:
        words = words[1:]
    core = list(words)
    while len(core) > 1 and core[-1].lower().rstrip(".") in rules.legal_suffixes:
        core.pop()
    return core


def org_key(text: str) -> str:
    return slug(" ".join(org_words(text)))


def acronym(text: str) -> str:
    """Initials of the significant words: "the International Monetary Fund" -> "IMF"."""
    rules = entity_rules()
    words = [w for w in re.split(r"[\s-]+", text) if w]
    while words and words[0].lower() in rules.orgs.articles:
        words = words[1:]
    return "".join(w[0].upper() for w in words if w.lower() not in rules.orgs.acronym_stopwords)


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()
