"""Page furniture and broken spans: model "names" that name nothing in the story.

Extracted text still carries some of the page around the article: menus ("Home | News
Archives | About Us"), breadcrumbs ("Site » World » Article"), tables of stock tickers,
bylines ("By Jane Roe", "Author : Jane Roe"), photo credits ("(AP Photo/Jane Roe)",
"Jane Roe, AP"), copyright lines, promotions, all-caps buttons ("VOTE", "CO-FOUNDER"). The
model tags names there as in prose. Word lists are in entities.toml `[furniture]`.

`not_a_name(text)`: text no name has: no name word (a capitalised word of letters: "| |",
"8.30am", "the 95th"); a character no name holds (`name_breakers`: "|", "!", "/", "@"); a
two-letter word not in capitals ("Us" of "About Us" is not the US); a menu or button word
or a common acronym, whole (`ui_words`, `common_words`: "About Us", "RSS", "IPO", "GMT");
the plural of an acronym ("ICBMs"); a role noun or a title alone in capitals ("CO-FOUNDER").

`in_chrome(doc, start, end)`: a span on a line that is
- a menu, table row or breadcrumb: `min_separators` of `separators` inside it, or one
  separator and a menu word in a cell ("India News | Home");
- a copyright line, a promotion or a contact box (`chrome_marks`: "©", "click here"; an
  e-mail address), a list of headlines
  with two or more comment counts ("Comments: 210"), page metadata ("Category : World":
  `meta_labels`);
- a credit: a short line of capitalised words ending with an agency ("Jane Roe, AP"), or a
  short line that ends like one (`credit_endings`: "With wire services");
(only lines of at most `max_chrome_words` words: a long line is prose, whatever it holds);
a span in a sentence with a copyright or trademark notice (`sentence_marks`: "all rights
reserved", "is a trademark of"); or, for a person or an organisation, in a sentence with an
e-mail address ("Tell reporter Jane Roe at jane@herald.com") or right after a byline or
credit opener (`bylines` when
all the line holds before it: "By", "Author :"; a capital "By" anywhere; `credit_openers`
anywhere: "Photo:", "AP Photo/"), or an agency right before "Photo/". `in_prose` tells a
line of prose (`prose_words`) from a heading or a caption: the entity stage keeps only the
prose mentions of a name the furniture shows (`shown_in_chrome`: tagged there or not).

`clean_span` repairs two shapes of broken span first: a name glued to its own copy by a
pop-up name card ("Jane RoeJane Roe", "Piers HolbrookPiers Holbrook" with only the glued
part in the span, "Acme Acme" -> the first copy), and a span that runs over a line break or
a gap of spaces ("Dan Roe     Storage" -> "Dan Roe").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsloom.enrich.entities.rules import entity_rules
from newsloom.enrich.nlp import doc_text
from newsloom.enrich.roles.rules import role_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsloom.enrich.entities.candidate import Candidate

_GAP = re.compile(r"\n|\s{3,}|\t")
_GLUE = re.compile(r"[a-z][A-Z]")
_PARTS = re.compile(r"[-'’]")
_CELLS = re.compile(r"\\?\||»|•")
_EMAIL = re.compile(r"\w@")  # "jane@herald.com", or cut after the sign ("jane.roe@")
_COUNTER = re.compile(r"\b(?:comments|talkbacks|views|replies)\s*:?\s*\d")
_BY = re.compile(r"(?:^|\S\s+)By\s+$")
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")
_CREDIT_JOINER = re.compile(r"\s*[,/;|]\s*|\s+")
_LINE_KEY = "newsloom.entities.chrome_lines"
_CHROME_TEXT_KEY = "newsloom.entities.chrome_text"


def clean_span(doc: Doc, candidate: Candidate) -> None:
    """Cut a span at a line break or a gap of spaces, and a name glued to its own copy."""
    text = candidate.text
    gap = _GAP.search(text)
    if gap is not None and gap.start() > 0:
        text = text[: gap.start()].rstrip()
    half = _first_copy(text)
    if half is not None:
        text = half
    start, end = candidate.start, candidate.start + len(text)
    glued = _glued_copy(doc_text(doc), start, end)
    if glued is not None:
        start, end = glued
    if (start, end) != (candidate.start, candidate.end):
        candidate.start, candidate.end = start, end
        candidate.text = doc_text(doc)[start:end]


def _glued_copy(text: str, start: int, end: int) -> tuple[int, int] | None:
    """ "Piers HolbrookPiers Holbrook": where a small letter runs into a capital inside the
    span and the words from the capital on are exactly the words right before it, the
    name is those words before (the first copy, which may start before the span)."""
    for match in _GLUE.finditer(text, start, end):
        cut = match.start() + 1
        tail = text[cut:end]
        if len(tail) >= 3 and text[:cut].endswith(tail) and cut - len(tail) >= 0:
            return cut - len(tail), cut
    return None


def _first_copy(text: str) -> str | None:
    """ "Jane RoeJane Roe" or "Acme Acme" -> "Jane Roe", "Acme"; None for any other text."""
    size = len(text)
    half = size // 2
    if size >= 4 and size % 2 == 0 and text[:half] == text[half:]:
        return text[:half]
    if size >= 5 and size % 2 == 1 and text[half].isspace() and text[:half] == text[half + 1 :]:
        return text[:half]
    return None


def not_a_name(text: str) -> bool:
    """Text no name has: no name word, a character names never hold, a button or a word."""
    rules = entity_rules().furniture
    words = text.split()
    if not any(_name_word(word) for word in words):
        return True
    if any(char in text for char in rules.name_breakers):
        return True
    if len(text) <= 2 and not text.isupper():
        return True
    if _ACRONYM_PLURAL.fullmatch(text):
        return True
    key = bare_name(text)
    if key in rules.ui_words or key in rules.common_words:
        return True
    if not text.isupper():
        return False
    return key in role_rules().role_nouns or key.rstrip(".") in entity_rules().titles


def _name_word(word: str) -> bool:
    """A word of letters (with apostrophes, hyphens, dots and "&": "O'Neil", "U.S.", "AT&T")
    of which a part starts with a capital ("al-Aqsa", "d'Estaing")."""
    parts = [p for p in _PARTS.split(word.replace(".", "")) if p]
    if not parts or not all(p.replace("&", "").isalpha() for p in parts):
        return False
    return any(p[0].isupper() for p in parts)


def bare_name(text: str) -> str:
    """The name in lower case without \"the\"."""
    words = text.lower().split()
    if len(words) > 1 and words[0] in entity_rules().orgs.articles:
        words = words[1:]
    return " ".join(words)


def in_chrome(doc: Doc, start: int, end: int, label: str = "PERSON") -> bool:
    """The span sits in a menu, table, breadcrumb, copyright, credit, promotion or counter
    line, or (a person or an organisation) after a byline or credit opener."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, start) + 1
    if _line_kind(doc, text, line_start) == "chrome":
        return True
    sentence = _sentence(doc, start, end)
    if any(mark in sentence.lower() for mark in entity_rules().furniture.sentence_marks):
        return True  # "(C) 2008 Acme Inc. All rights reserved.", "Acme is a trademark of ..."
    if label not in ("PERSON", "ORG"):
        return False  # "By NAIROBI, Kenya": a dateline, not a byline
    if _EMAIL.search(sentence):
        return True  # "Tell reporter Jane Roe at jane.roe@ herald.com."
    before = text[line_start:start]
    after = text[end : end + 8].lower()
    return _after_opener(before) or (after.startswith(" photo/") and _is_agency(text[start:end]))


def _sentence(doc: Doc, start: int, end: int) -> str:
    """The span's sentence, as far as it lies on the span's line: the parser may run a
    sentence over a line break ("Tell reporter Jane Roe at jane@" / "KELVORA - Judges ...")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    sent = span.sent
    text = doc_text(doc)
    line_start = max(sent.start_char, text.rfind("\n", 0, start) + 1)
    line_end = text.find("\n", end)
    line_end = sent.end_char if line_end < 0 else min(line_end, sent.end_char)
    return text[line_start:line_end]


def in_prose(doc: Doc, start: int) -> bool:
    """The span's line reads as prose: enough words, several of them in lower case."""
    text = doc_text(doc)
    return _line_kind(doc, text, text.rfind("\n", 0, start) + 1) == "prose"


def shown_in_chrome(doc: Doc, name: str) -> bool:
    """The name is written on a furniture line of the text (tagged there or not)."""
    lines: str | None = doc.user_data.get(_CHROME_TEXT_KEY)
    if lines is None:
        text = doc_text(doc)
        chrome, start = [], 0
        while start <= len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            if _line_kind(doc, text, start) == "chrome":
                chrome.append(text[start:end].lower())
            start = end + 1
        lines = doc.user_data[_CHROME_TEXT_KEY] = "\n".join(chrome)
    if not lines:
        return False
    return re.search(rf"(?<!\w){re.escape(bare_name(name))}(?!\w)", lines) is not None


def _line_kind(doc: Doc, text: str, line_start: int) -> str:
    """ "chrome", "prose" or "short" (a heading, a caption, a dateline)."""
    known: dict[int, str] = doc.user_data.setdefault(_LINE_KEY, {})
    found = known.get(line_start)
    if found is None:
        line_end = text.find("\n", line_start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        found = known[line_start] = _kind_of_line(line)
    return found


def _kind_of_line(line: str) -> str:
    rules = entity_rules().furniture
    inner = line.strip().strip("|").strip()
    words = inner.split()
    if len(words) <= rules.max_chrome_words and _is_chrome_line(inner):
        return "chrome"
    small = sum(1 for w in words if w[:1].islower())
    return (
        "prose" if len(words) >= rules.prose_words and small >= rules.prose_small_words else "short"
    )


def _is_chrome_line(inner: str) -> bool:
    rules = entity_rules().furniture
    separators = sum(inner.count(mark) for mark in rules.separators)
    if separators >= rules.min_separators:
        return True
    lowered = inner.lower()
    if separators and any(bare_name(c) in rules.ui_words for c in _CELLS.split(lowered)):
        return True  # "India World News | Home"
    if any(mark in lowered for mark in rules.chrome_marks) or _EMAIL.search(inner):
        return True  # a copyright line, a promotion, a contact box
    if len(_COUNTER.findall(lowered)) >= 2:
        return True  # a list of headlines with their comment counts
    label = lowered.split(":", 1)[0].strip() if ":" in lowered else None
    if label in rules.meta_labels:
        return True  # "Category : World", "Posted : Mon, 07 Jan 2008"
    return _is_credit_line(inner)


def _is_credit_line(line: str) -> bool:
    """A short line of capitalised words that ends with an agency ("Jane Roe, AP"), or a
    short line that ends like a credit ("With wire services", "... contributed to this report")."""
    rules = entity_rules().furniture
    if not line or len(line) > 2 * rules.max_credit_chars:
        return False
    tail = line.rstrip(".").lower()
    if any(tail.endswith(ending) for ending in rules.credit_endings):
        return True
    if len(line) > rules.max_credit_chars:
        return False
    parts = [p for p in _CREDIT_JOINER.split(line.rstrip(".")) if p]
    if len(parts) < 2 or not all(_name_word(p) for p in parts):
        return False
    return any(tail.endswith(f" {a}") or tail.endswith(f",{a}") for a in rules.agencies)


def _after_opener(before: str) -> bool:
    rules = entity_rules().furniture
    if _BY.search(before):
        return True  # "January 8, 2008 By Jane Roe": a capital "By" inside a line
    key = " ".join(before.lower().replace("|", " ").split())
    if key in rules.bylines:
        return True
    return any(key.endswith(opener) for opener in rules.credit_openers)


def _is_agency(text: str) -> bool:
    return text.lower() in entity_rules().furniture.agencies
