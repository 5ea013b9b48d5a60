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


def person_key(words: list[str]) -> str:
    """Folded first and last name, middle names and initials left out."""
    names = [w for w in words if not (len(w.rstrip(".")) <= 1)]
    if not names:
        names = words
    picked = [names[0], names[-1]] if len(names) > 1 else names
    return "-".join(slug(fold_spelling(word)) for word in picked)


def org_key(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in entity_rules().orgs.articles:
        words = words[1:]
    return slug(" ".join(words))


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
