"""Text-mode cleaning of scraped plain text (page chrome still in it).

A scraper's text has one block per line: menus, the headline, the body, related
lists and footers. The cleaner reads an optional leading `date YYYY-MM-DD`
prefix, classifies lines (`text_lines`), keeps the densest run of prose
(`text_region`), takes the title from just before it (or from between the two
copies of a repeated lede), then runs the news layer over the body and reads
wire, credit and related lines next to it. Everything taken out of the body is
recorded in `Article.removed` with its reason.
"""

from __future__ import annotations

import re

from newsloom.extract.checked import checked_date
from newsloom.extract.errors import NO_TEXT, ExtractionError
from newsloom.extract.html_dates import dates_in
from newsloom.extract.news import NewsLayerResult, apply_news_layer, scan_outside_body
from newsloom.extract.news_data import news_patterns
from newsloom.extract.news_lines import agency_name, byline_of, chrome_key, credit_of, is_chrome
from newsloom.extract.text_lines import (
    LineClass,
    LineFeatures,
    classify,
    ends_like_sentence,
    is_dated,
    is_labelled_date_line,
    join_broken_lines,
    line_features,
    revise_by_context,
    visible_lines,
)
from newsloom.extract.text_region import (
    Region,
    best_region,
    cut_at_end_marker,
    find_title,
    line_scores,
    repeated_lede,
    title_in_header,
)
from newsloom.extract.text_teasers import Teasers, find_teasers
from newsloom.options import Options
from newsloom.record import Article, RemovedSegment

# A person's name on a line of its own: two or three capitalised words.
_NAME = r"[A-Z][\w'’.-]*[a-z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*[a-z][\w'’.-]*){1,2}"
_NAME_LINE = re.compile(rf"^{_NAME}$")
_NAME_WITH_HANDLE = re.compile(rf"^(?P<name>{_NAME})\s*@\w+$")
_TRAILING_BY_NAME = re.compile(rf"(?:\d|\b(?:am|pm|[A-Z]{{2,4}}T))\s*by\s+(?P<name>{_NAME})$")
# Words of a header line that make it no name (months, weekdays, page words).
# fmt: off
_NOT_NAME_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "news", "points", "share", "follow", "save", "more", "read", "latest",
    "home", "menu", "search", "video", "photo", "photos", "gallery",
})
# fmt: on
# A photo credit names an agency or photo service as one of its comma, slash or bar
# parts and is this short (words); its caption, just before it, this long at most.
_CREDIT_PARTS = re.compile(r"\s*[,/|]\s*")
_CREDIT_MAX_WORDS = 10
_CREDIT_MAX_CHARS = 140
_CAPTION_MAX_WORDS = 60
# A line that only labels the caption after it.
_CAPTION_LABELS = frozenset({"image caption", "photo caption", "caption"})
_CAPTION_LABEL_MAX_CHARS = 20
# A line that is only a small number: a share count, a gallery's "1" and "9" (scraped
# text keeps no table, so no data cell stands alone).
_COUNTER = re.compile(r"^\s*\d{1,3}\s*$")
_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+|$)")
# Lines after the body read for wire, credit and related lists.
_TAIL_WINDOW = 4


def extract_text(text: str, options: Options) -> Article:
    published = None
    match = _DATE_PREFIX.match(text)
    if match:
        published = checked_date(match.group(1), "date line")
        text = text[match.end() :]
    lines = join_broken_lines(visible_lines(text))
    if not lines:  # only invisible characters (zero-width spaces, a BOM)
        raise ExtractionError(NO_TEXT, "no visible text")
    features = [line_features(line) for line in lines]
    teasers = find_teasers(lines)
    scores = line_scores(features, _classes(features, teasers))
    region = cut_at_end_marker(lines, scores, best_region(scores))
    if region.end <= region.start:
        region = Region(0, len(lines))
    title, header, region = _title_and_header(lines, region)

    body = [i for i in range(region.start, region.end) if i not in header]
    opening = _header_in_body(lines, body)
    header |= set(body[:opening])
    body = body[opening:]
    captions = _captions(lines, body)
    counters = {i for i in body if _COUNTER.match(lines[i])}
    out = teasers.all() | captions.keys() | counters
    layer = apply_news_layer([lines[i] for i in body if i not in out])
    _remove_teasers(lines, body, teasers, layer)
    _remove_captions(lines, captions, layer)
    layer.removed.extend(RemovedSegment(lines[i], "boilerplate") for i in sorted(counters))
    prefix: list[RemovedSegment] = []
    if title is not None:
        prefix.append(RemovedSegment(lines[title], "title"))
    _read_header(lines, sorted(header - {title} if title is not None else header), layer)
    tail_end = region.end + scan_outside_body(lines[region.end :], layer, _TAIL_WINDOW)
    _remove_rest(lines, region, tail_end, header, layer)
    return Article(
        paragraphs=layer.paragraphs,
        title=lines[title] if title is not None else None,
        published=published,
        source=layer.final_source(),
        authors=layer.authors,
        credits=layer.credits,
        related=layer.related,
        removed=prefix + layer.removed,
    )


def _header_in_body(lines: list[str], body: list[int]) -> int:
    """How many of the body's first lines are the article's header: up to a byline or a
    date stamp among its first `stamp_window` lines ("By Jane Roe | Special to the Kell
    Times", "PUBLISHED: Nov 19, 2031 | UPDATED: ..."), with what stands above it (the
    standfirst, the picture's caption); 0 when none of them is one."""
    settings = news_patterns().text
    for position in range(min(settings.stamp_window, len(body)) - 1, -1, -1):
        if not _is_stamp(lines[body[position]]):
            continue
        above = [lines[i] for i in body[:position]]
        prose = sum(classify(line_features(line)) is LineClass.GOOD for line in above)
        return position + 1 if prose <= settings.stamp_max_prose_above else 0
    return 0


def _is_stamp(line: str) -> bool:
    """A byline, a labelled date line ("Published: Nov 19, 2031 8:22AM"), or a short line
    that gives a date or time and reads as no sentence ("November 20, 2031 Jane Roe"); a
    bare time ("10 p.m.", a live report's) or number ("0", a share count) is none."""
    if byline_of(line) is not None:
        return True
    text = line.strip()
    if not any(c.isalpha() for c in text):
        return False
    if is_labelled_date_line(text):
        return True
    return (
        len(text.split()) <= news_patterns().text.stamp_max_words
        and not ends_like_sentence(text)
        and (is_dated(text) or any(True for _ in dates_in(text, "dmy")))
    )


def _captions(lines: list[str], body: list[int]) -> dict[int, str]:
    """Photo captions in the body with their credits: a credit line naming an agency or a
    photo service as one of its parts ("Jane Roe, AP", "Jane Roe/Kestrel Times/Getty
    Images"), and the caption just before it (reason "caption" or "credit"); a caption
    label ("Image caption") and the caption just after it."""
    found: dict[int, str] = {}
    inside = set(body)
    for i in body:
        if len(lines[i]) <= _CAPTION_LABEL_MAX_CHARS and chrome_key(lines[i]) in _CAPTION_LABELS:
            found[i] = "caption"
            after = i + 1
            if after in inside and len(lines[after].split()) <= _CAPTION_MAX_WORDS:
                found[after] = "caption"
            continue
        if not _is_photo_credit(lines[i]):
            continue
        found[i] = "credit"
        before = i - 1
        if (
            before in inside
            and before not in found
            and len(lines[before].split()) <= _CAPTION_MAX_WORDS
        ):
            found[before] = "caption"
    return found


def _is_photo_credit(line: str) -> bool:
    if len(line) > _CREDIT_MAX_CHARS:
        return False
    if credit_of(line) is not None:
        return True
    if len(line.split()) > _CREDIT_MAX_WORDS or not _CREDIT_PARTS.search(line):
        return False
    parts = [p for p in _CREDIT_PARTS.split(line.strip()) if p]
    # The agency or service opens or closes a credit ("Jane Roe, AP", "REUTERS/Jane
    # Roe"); one in the middle is a place in a sentence ("held in Scranton, Pa., on
    # Sunday": Pa. is no Press Association).
    ends = {0, len(parts) - 1}
    if any(_reads_as_prose(p) for p in parts):
        return False  # "He was born in Scranton, Pa.": a sentence
    return any(
        agency_name(p) is not None or credit_of(p) is not None
        for i, p in enumerate(parts)
        if i in ends
    )


# Words in lower case that a photo credit may hold ("Photo by Jane Roe for Kell Times").
_CREDIT_WORDS = frozenset(
    {"by", "for", "via", "of", "the", "and", "photo", "photos", "image", "images", "staff"}
    | {"file", "handout", "courtesy", "pool", "contributor", "photographer"}
)


def _reads_as_prose(part: str) -> bool:
    lower = [w for w in part.split() if w[:1].islower() and w.lower() not in _CREDIT_WORDS]
    return len(lower) >= 2


def _remove_captions(lines: list[str], captions: dict[int, str], layer: NewsLayerResult) -> None:
    for i in sorted(captions):
        if captions[i] == "credit":
            layer.add_credit(lines[i])
        layer.removed.append(RemovedSegment(lines[i], captions[i]))


def _classes(features: list[LineFeatures], teasers: Teasers) -> list[LineClass]:
    """Line classes with teasers counted as chrome, so the body region avoids them."""
    chrome = teasers.all()
    classes = [LineClass.BAD if i in chrome else classify(line) for i, line in enumerate(features)]
    return revise_by_context(classes)


def _remove_teasers(
    lines: list[str], body: list[int], teasers: Teasers, layer: NewsLayerResult
) -> None:
    for i in body:
        if i in teasers.copies:
            layer.removed.append(RemovedSegment(lines[i], "duplicate"))
        elif i in teasers.listed:
            layer.removed.append(RemovedSegment(lines[i], "related"))


def _title_and_header(lines: list[str], region: Region) -> tuple[int | None, set[int], Region]:
    """The title line, the header lines kept out of the body, and the adjusted region."""
    lede = repeated_lede(lines)
    if lede is not None and region.start <= lede[0] and lede[1] < region.end:
        k, j = lede
        header = set(range(k, j))
        return title_in_header(lines, k, j), header, region
    title = find_title(lines, region.start + 1)
    if title is not None and title >= region.start:
        # The headline opens the region: the body starts after it.
        header = {i for i in range(region.start, title + 1)}
        return title, header, region
    if title is None:
        return None, set(), region
    # Lines between the headline and the body: byline, date, credits.
    return title, set(range(title, region.start)), region


def _read_header(lines: list[str], header: list[int], layer: NewsLayerResult) -> None:
    """Header lines: bylines give authors; credits and wire are kept; the rest is chrome."""
    rest = []
    for i in header:
        authors = byline_of(lines[i]) or _named_author(lines, i)
        if authors:
            layer.authors.extend(a for a in authors if a not in layer.authors)
            layer.removed.append(RemovedSegment(lines[i], "byline"))
        else:
            rest.append(lines[i])
    scan_outside_body(rest, layer)


def _named_author(lines: list[str], i: int) -> list[str] | None:
    """An author named without "By" in the header: a name line followed by the author's
    handle, an agency or the date ("Jane Roe" / "@janeroe"), a name run into its handle
    ("Jane Roe@janeroe"), or a name after "by" ending a dated line ("Nov 2, 2031 by Jane
    Roe")."""
    line = lines[i].strip()
    match = _NAME_WITH_HANDLE.match(line) or _TRAILING_BY_NAME.search(line)
    if match:
        return [match.group("name")]
    if not _NAME_LINE.match(line) or _is_not_a_name(line):
        return None
    after = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if after.startswith("@") or agency_name(after) is not None or is_dated(after):
        return [line]
    return None


def _is_not_a_name(line: str) -> bool:
    return (
        agency_name(line) is not None
        or is_chrome(line)
        or any(word.lower().strip(".") in _NOT_NAME_WORDS for word in line.split())
    )


def _remove_rest(
    lines: list[str], region: Region, tail_end: int, header: set[int], layer: NewsLayerResult
) -> None:
    """Lines before the region and after the tail window are page chrome."""
    before = [i for i in range(region.start) if i not in header]
    for i in before:
        layer.removed.append(RemovedSegment(lines[i], "boilerplate"))
    for i in range(tail_end, len(lines)):
        layer.removed.append(RemovedSegment(lines[i], "boilerplate"))
