"""Data for encoding detection: labels, candidate encodings, thresholds, letter pairs.

Kept apart from the logic in `encoding.py` and `plausibility.py` so the lists can
be tuned in one place.
"""

from __future__ import annotations

import codecs

# Byte order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# How much of the input the declaration scan and the plausibility score look at.
DECLARATION_SCAN_BYTES = 8192
# Plausibility is scored on at most this many whitespace-separated tokens that hold
# non-ASCII bytes (the only ones on which code pages differ).
SCORE_TOKEN_LIMIT = 3000

# Single-byte encodings whose label is checked against the Cyrillic candidates:
# a page labelled with one of these may really be in a Cyrillic code page.
SINGLE_BYTE_FAMILY: frozenset[str] = frozenset(
    {
        "cp1252",
        "iso8859-15",
        "mac-roman",
        "cp1250",
        "iso8859-2",
        "cp1251",
        "koi8-r",
        "koi8-u",
        "mac-cyrillic",
        "iso8859-5",
        "cp866",
    }
)

# The Western code page assumed when nothing is declared (as browsers do), then the
# candidates compared with a label, in tie-break order (earlier wins on equal scores).
WESTERN_FALLBACK = "cp1252"
CANDIDATES: tuple[str, ...] = (
    "cp1252",
    "cp1251",
    "koi8-r",
    "koi8-u",
    "mac-cyrillic",
    "iso8859-5",
    "cp866",
)

# Input that is not valid UTF-8 is still read as UTF-8 when at least this share of
# its non-ASCII characters decode (a UTF-8 page with a few stray cp1252 bytes);
# the stray bytes are then read as cp1252.
MOSTLY_UTF8_MIN_SHARE = 0.8

# A detector's guess is only considered with at least this many non-ASCII bytes:
# below it, any byte soup decodes to plausible-looking CJK characters.
DETECTOR_MIN_NON_ASCII_BYTES = 24

# Another candidate replaces the declared or detected label only when its text is
# more plausible by at least this much (scores are in [0, 1]).
OVERRIDE_MARGIN = 0.15

# Letters of the Russian, Ukrainian and Belarusian alphabets; other Cyrillic letters
# (Serbian, Macedonian, historic) count for less when scoring, as they are rare in
# the text this tool meets and common in wrong decodings.
CORE_CYRILLIC = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў")
RARE_LETTER_WEIGHT = 0.5

# Unicode name prefixes that form one script for word checks (Japanese mixes kanji
# and kana inside a word).
SCRIPT_GROUPS: dict[str, str] = {
    "CJK": "CJK",
    "HIRAGANA": "CJK",
    "KATAKANA": "CJK",
    "KATAKANA-HIRAGANA": "CJK",
}
# Name prefixes that never make a plausible word (half-width forms, symbols).
IMPLAUSIBLE_SCRIPTS = frozenset({"HALFWIDTH", "FULLWIDTH", "BOX", "MODIFIER", "COMBINING"})

# Common lower-case letter pairs of Russian and Ukrainian running text. Text decoded
# with the right Cyrillic code page has many of them; a wrong one scrambles them.
CYRILLIC_BIGRAMS: frozenset[str] = frozenset(
    "\n".join(
        (
            "ст но то на ен ов ни ра во ко по пр ро ре ал ан",
            "ер ор ли ла от ет та ть ос ол ка ва не го ле он",
            "ин ве де ат ит ел ом ми ил ск ес ие ые ой ий ак",
            "ас ам ны ри ед ля ем ез ия мо се сл ся об ус ую",
            "ая ее ти ні ід ті ня ль ві ма ки ії ої ів ій ці",
            "ди за до їх єд ує ає ою іс ку як яз ру ча че чи",
            "ши",
        )
    ).split()
)
