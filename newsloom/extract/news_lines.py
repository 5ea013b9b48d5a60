"""What one line is, for the news layer: wire, credit, related marker, byline, chrome.

Each function looks at a single stripped line and answers from the patterns in
`newsloom/data/news.toml`; none of them keeps state.
"""

from __future__ import annotations

import functools
import re

from newsloom.extract.news_data import news_patterns
from newsloom.record import normalize_for_hash

_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")
_FINAL_STOP = re.compile(r"[.;,]$")
# A count after a control's label ("View all (4)", "Comments 12"), its closing bracket
# already cut by `chrome_key`.
_COUNT = re.compile(r"\s*\(?\d+\)?$")


# Distinct lines remembered by the per-line rules that run more than once per page.
_LINE_CACHE = 16384


def line_key(line: str) -> str:
    """`normalize_for_hash(line)`, without Unicode normalisation when the line is ASCII."""
    if line.isascii():
        return " ".join(line.lower().split())
    return normalize_for_hash(line)


def word_count(line: str) -> int:
    return len(line.split())


def chrome_key(line: str) -> str:
    """Lower-cased line without edge punctuation and with single spaces."""
    return _SPACES.sub(" ", _EDGE_PUNCTUATION.sub("", line.lower())).strip()


def agency_name(line: str) -> str | None:
    """The canonical agency when the whole line is one agency name ("Reuters", "AP")."""
    return news_patterns().agency_names.get(chrome_key(line).lower()) if line else None


def wire_of(line: str) -> tuple[str | None, bool] | None:
    """(agency, implied) when the line is a wire credit; None otherwise.

    `implied` is True when the agency is only implied by a house-style tail.
    """
    patterns = news_patterns()
    if len(line) > 300:
        return None
    agency = agency_name(line)
    if agency is not None:
        return agency, False
    match = patterns.copyright_pattern.match(line.strip())
    if match:
        return patterns.agency_names[match.group("agency").lower()], False
    slug = patterns.slug_pattern.match(line)
    if slug:
        agency = slug.group("agency") or slug.group("agency_first")
        return patterns.agency_names[agency.lower()], False
    for tail in patterns.wire.tails:
        if tail.pattern.match(line.strip()):
            return tail.implies, True
    return None


def agency_credit(line: str) -> str | None:
    """The canonical agency a short credit line names: "Associated Press", "AP Writer",
    "Associated Press Business Writer", "By The Associated Press", "Article from: AFP";
    else None."""
    text = chrome_key(line)
    if text.startswith("by "):
        text = text[3:].strip()
    found = agency_name(text) or _agency_with_job(text)
    if found is None:
        wire = wire_of(line)  # "Article from: Agence France-Presse", "© 2031 AP"
        found = wire[0] if wire is not None and not wire[1] else None
    return found


def _agency_with_job(text: str) -> str | None:
    """The agency of "<agency> [a few words] <job word>" ("associated press writer")."""
    wire = news_patterns().wire
    words = text.casefold().split()
    if len(words) < 2 or words[-1] not in wire.agency_jobs:
        return None
    for size in range(len(words) - 1, 0, -1):
        agency = agency_name(" ".join(words[:size]))
        if agency is not None:
            return agency if len(words) - size <= wire.agency_job_max_words else None
    return None


def agency_opening(paragraph: str) -> tuple[str, str] | None:
    """(agency, rest) when a paragraph opens with the agency and a time stamp, as pages
    print a wire slug ("ASSOCIATED PRESS 4:10 p.m. March 3, 2031 VELMORA ...")."""
    patterns = news_patterns()
    match = patterns.opening_pattern.match(paragraph)
    if not match:
        return None
    agency = match.group("agency") or match.group("agency_first")
    rest = paragraph[match.end() :].strip()
    if len(rest) < patterns.dateline.min_rest_chars:
        return None
    return patterns.agency_names[agency.lower()], rest


def agency_closing(paragraph: str) -> tuple[str, str] | None:
    """(agency, paragraph without it) when the agency closes the paragraph after its
    last sentence ("... into the US. PTI", "... on Monday. (IANS)")."""
    patterns = news_patterns()
    match = patterns.closing_pattern.search(paragraph)
    if not match or match.start() < patterns.dateline.min_rest_chars:
        return None
    return patterns.agency_names[match.group("agency").lower()], paragraph[: match.start()]


def credit_of(line: str) -> str | None:
    """The photo credit a line carries ("REUTERS/Jane Roe"), or None."""
    patterns = news_patterns()
    line = line.strip()
    if len(line) > patterns.credit.max_chars:
        return None
    for pattern in patterns.credit.patterns:
        match = pattern.match(line)
        if match:
            credit = match.groupdict().get("credit") or match.group(0)
            return credit.strip()
    return None


def caption_credit(line: str) -> str | None:
    """The credit ending a photo caption ("Crews at work (Image: Jane Roe)"), or None."""
    credit = news_patterns().credit
    if word_count(line) > credit.caption_max_words:
        return None
    for pattern in credit.caption_patterns:
        match = pattern.search(line)
        if match:
            return match.group("credit").strip()
    return None


@functools.lru_cache(maxsize=_LINE_CACHE)
def is_related_marker(line: str) -> bool:
    return len(line) <= 60 and bool(news_patterns().related.markers.match(line.strip()))


def related_inline_title(line: str) -> str | None:
    """The headline of a one-line "Read more: <headline>" item, or None."""
    match = news_patterns().related.inline.match(line.strip())
    if not match:
        return None
    title = match.group("title").strip()
    return title if is_headline_like(title) else None


def is_headline_like(line: str) -> bool:
    """A short line without a final full stop, as a headline reads."""
    patterns = news_patterns()
    words = word_count(line)
    if not patterns.related.headline_min_words <= words <= patterns.related.headline_max_words:
        return False
    return not _FINAL_STOP.search(line.strip())


def byline_of(line: str) -> list[str] | None:
    """Author names from a "By Jane Roe and John Doe" line, or None.

    A byline whose names are no person's ("By Staff Reporter") gives []: the line is
    a byline all the same. A wire agency named among them stays, for the caller to
    take as the source ("By Jane Roe and AP").
    """
    patterns = news_patterns()
    line = line.strip()
    if line[:2].casefold() != "by" or word_count(line) > patterns.byline.max_words:
        return None
    line = _without_tail(line)
    if not patterns.byline.pattern.match(line):
        return None
    return _byline_names(line[2:])


def shown_byline(line: str) -> list[str] | None:
    """Author names from a byline shown next to a page's headline, or None: "By ...",
    "Von ...", "Par ...", "Author: ...", with the date or time after the names cut off."""
    line = line.strip()
    if word_count(line) > news_patterns().byline.max_words:
        return None
    match = _shown_opening().match(line)
    if not match:
        return None
    rest = _without_tail(line[match.end() :])
    if not rest or _SENTENCE_MARK.search(rest):
        return None
    return _byline_names(rest)


def is_person_name(name: str) -> bool:
    """Whether `name` reads as a person's name (see [byline] in news.toml)."""
    rules = news_patterns().byline
    words = name.replace("’", "'").split()
    if not rules.name_min_words <= len(words) <= rules.name_max_words:
        return False
    first = words[0].casefold()
    if first.strip(".'") in rules.articles or first.startswith("l'"):
        return False
    for word in words:
        key = _NOT_WORD.sub("", word.casefold())
        if not key or key in rules.not_name_words or "@" in word:
            return False
        if any(c.isdigit() for c in word) or not (word[0].isalpha() or word[0] in "'("):
            return False
        if _RUN_TOGETHER.search(word):  # "GarberFOXBusiness": a name run into a brand
            return False
        if word[0].islower() and key not in rules.particles:
            return False
    return True


def person_name(name: str) -> str:
    """`name` with an all-capitals name written as names are ("HERB KEINON")."""
    if not name.isupper() or len(name) <= 3:
        return name
    return " ".join(w if len(w) <= 2 and w.endswith(".") else w.capitalize() for w in name.split())


_NOT_WORD = re.compile(r"[^\w]+")
_RUN_TOGETHER = re.compile(r"[a-z][A-Z]{2,}")
_SENTENCE_MARK = re.compile(r"[!?]|\.\s+[a-z]")
_TIME = re.compile(r"\s+\d{1,2}[:.]\d{2}\b|\s+\d{1,2}\s*[ap]\.?m\b", re.IGNORECASE)
_DATE_TAIL = re.compile(
    r"\s+(?:on|am|le|el|il|op|at|,)?\s*(?=(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)"
    r"|\s*[|•·]\s*|\s+(?:updated|published|posted|aktualisiert)\b",
    re.IGNORECASE,
)


def _without_tail(line: str) -> str:
    """The line before the date, time or separator that follows a byline's names."""
    from newsloom.extract.html_dates import dates_in  # html_dates reads news_data only

    ends = [len(line)]
    ends += [m.start() for m in (_DATE_TAIL.search(line), _TIME.search(line)) if m]
    ends += [start for start, _, _ in dates_in(line, "mdy")][:1]
    cut = line[: min(ends)].rstrip(" ,;:-–—")
    # "on" / "am" left before a date that was cut off
    return re.sub(r"\s+(?:on|am|le|el|il|op|at|vom|du|del)$", "", cut, flags=re.IGNORECASE)


@functools.cache
def _shown_opening() -> re.Pattern[str]:
    openings = sorted(news_patterns().byline.shown_openings, key=len, reverse=True)
    alternation = "|".join(re.escape(o).replace(":", r"\s*:") for o in openings)
    # "ByJane Roe": markup that joins the word to the name ("By<span>Jane Roe</span>").
    return re.compile(rf"^(?:(?i:{alternation})(?:\s+|(?<=:))|By(?=[A-Z][a-z]))")


@functools.cache
def _joiner() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in news_patterns().byline.joiners)
    return re.compile(rf"\s*(?:,|;|\s(?:{words})\s)\s*", re.IGNORECASE)


def _byline_names(text: str) -> list[str] | None:
    listed = text.strip().split("|")[0]
    listed = re.split(r"\s+[-–—]\s+|\s*,\s*(?=[A-Z][a-z]+\s*$)", listed)[0]
    found = [a.strip(" ,;:") for a in _joiner().split(f" {listed} ") if a.strip(" ,;:")]
    found = [a for a in found if a[:1].isupper()]
    if not found:
        return None
    names: list[str] = []
    for part in found:
        # "Associated Press Writer": the agency's name, for the caller to take as source.
        credited = _agency_with_job(part) if agency_name(part) is None else None
        if credited is not None:
            names.append(credited)
        elif agency_name(part) is not None or is_person_name(person_name(part)):
            names.append(person_name(part))
    return names


@functools.lru_cache(maxsize=_LINE_CACHE)
def is_chrome(line: str) -> bool:
    """Page chrome: share/sign-up/newsletter/cookie/comment prompts, © lines, menus."""
    patterns = news_patterns()
    words = word_count(line)
    if words > patterns.chrome.max_words:
        # A notice to the reader (cookies, comment rules) is chrome at any length.
        return words <= patterns.chrome.notice_max_words and bool(
            patterns.chrome.notices.search(line)
        )
    if patterns.chrome.notices.search(line):
        return True
    key = chrome_key(line)
    if not key or key in patterns.chrome.exact or _COUNT.sub("", key) in patterns.chrome.exact:
        return True
    if patterns.chrome.copyright_prefix.match(line.strip()):
        return True
    if patterns.chrome.labelled_list.match(line.strip()):
        return True
    return bool(patterns.chrome.contains.search(line.lower()))


def split_dateline(paragraph: str) -> tuple[str, str | None, str] | None:
    """(dateline, agency, rest of the sentence) when the paragraph opens with a dateline."""
    patterns = news_patterns()
    match = patterns.dateline_pattern.match(paragraph) or (
        patterns.titled_dateline_pattern.match(paragraph)
    )
    if not match:
        return None
    rest = paragraph[match.end() :].strip()
    if len(rest) < patterns.dateline.min_rest_chars or (
        not rest[:1].isalnum() and rest[:1] not in "\"“'‘"
    ):
        return None
    agency = match.group("agency")
    name = patterns.agency_names.get(agency.lower(), agency) if agency else None
    return match.group("dateline").strip(), name, rest
