"""The news layer shared by HTML and scraped-text extraction.

It takes candidate body paragraphs (in reading order) and separates what belongs
to the article from what does not: repeated paragraphs, wire-agency lines and
datelines, image credits, related-story lists and page chrome. Everything taken
out is kept as a `RemovedSegment` with its reason. Rules are conservative: each
one needs a short line that matches a pattern from `newsloom/data/news.toml`, so
clean body paragraphs (long sentences) pass through untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsloom.extract.news_data import news_patterns
from newsloom.extract.news_lines import (
    agency_closing,
    agency_opening,
    byline_of,
    caption_credit,
    credit_of,
    is_chrome,
    is_headline_like,
    is_related_marker,
    line_key,
    related_inline_title,
    split_dateline,
    wire_of,
    word_count,
)
from newsloom.extract.text_lines import is_date_line, is_date_stamp
from newsloom.record import RelatedItem, RemovedSegment


@dataclass(slots=True)
class NewsLayerResult:
    paragraphs: list[str] = field(default_factory=list)
    removed: list[RemovedSegment] = field(default_factory=list)
    related: list[RelatedItem] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    # A source implied only by house style (a Reuters-style reporting tail); used
    # when no agency is named.
    implied_source: str | None = None

    def remove(self, text: str, reason: str) -> None:
        self.removed.append(RemovedSegment(text, reason))

    def add_credit(self, credit: str) -> None:
        if credit not in self.credits:
            self.credits.append(credit)

    def set_source(self, agency: str | None, implied: bool = False) -> None:
        if not agency:
            return
        if implied:
            self.implied_source = self.implied_source or agency
        else:
            self.source = self.source or agency

    def final_source(self) -> str | None:
        return self.source or self.implied_source


def apply_news_layer(paragraphs: list[str]) -> NewsLayerResult:
    """Split candidate body paragraphs into body and everything else, with reasons."""
    result = NewsLayerResult()
    seen: set[str] = set()
    index = 0
    dated = False
    while index < len(paragraphs):
        paragraph = paragraphs[index].strip()
        index += 1
        key = line_key(paragraph)
        if not key:
            continue
        if key in seen:
            result.remove(paragraph, "duplicate")
            continue
        seen.add(key)
        if is_related_marker(paragraph):
            result.remove(paragraph, "boilerplate")
            index = _take_related(paragraphs, index, result, seen)
            continue
        if _take_non_body(paragraph, result, allow_byline=not result.paragraphs):
            continue
        if not dated and len(result.paragraphs) < news_patterns().wire.dateline_reach:
            # A plain dateline opens the first paragraph (past a headline the extractor
            # kept); one that names an agency may open any of the first few.
            first = all(is_headline_like(p) for p in result.paragraphs)
            paragraph, dated = _strip_dateline(paragraph, result, plain=first)
        result.paragraphs.append(paragraph)
    _strip_closing_agency(result)
    _strip_closing_tail(result)
    result.source = result.final_source()
    return result


# A bracketed credit after the body's last sentence: "... the peace process. (Editing by
# Jane Roe)".
_BRACKETED_END = re.compile(r"(?<=[.!?\"”’])\s*(\([^()]{4,240}\))\s*$")


def _strip_closing_tail(result: NewsLayerResult) -> None:
    """A wire's reporting tail glued to the last paragraph, in brackets."""
    if not result.paragraphs:
        return
    last = result.paragraphs[-1]
    match = _BRACKETED_END.search(last)
    wire = wire_of(match.group(1)) if match else None
    if match is None or wire is None:
        return
    result.remove(match.group(1), "wire")
    result.paragraphs[-1] = last[: match.start()].rstrip()
    agency, implied = wire
    result.set_source(agency, implied)


def _strip_closing_agency(result: NewsLayerResult) -> None:
    """An agency after the last sentence of the body ("... into the US. PTI")."""
    if not result.paragraphs:
        return
    closing = agency_closing(result.paragraphs[-1])
    if closing is None:
        return
    agency, rest = closing
    result.remove(result.paragraphs[-1][len(rest) :].strip(), "wire")
    result.paragraphs[-1] = rest.rstrip()
    result.set_source(agency)


def scan_outside_body(
    lines: list[str], result: NewsLayerResult, max_plain: int | None = None
) -> int:
    """Record what lines next to (not in) the body say: wire, credits, related lists.

    Every line that is none of those is removed as boilerplate; nothing here
    becomes a body paragraph. With `max_plain`, scanning stops after that many
    plain lines in a row; the return value is the number of lines consumed.
    """
    index, plain = 0, 0
    while index < len(lines):
        if max_plain is not None and plain >= max_plain:
            break
        line = lines[index].strip()
        index += 1
        if not line:
            continue
        if is_related_marker(line):
            result.remove(line, "boilerplate")
            index = _take_related(lines, index, result, set())
            plain = 0
            continue
        closing = agency_closing(line)
        if closing is not None:
            # The body's last sentence left outside it: "... into the US. PTI".
            result.set_source(closing[0])
        if _take_non_body(line, result, allow_byline=False):
            plain = 0 if result.removed[-1].reason != "boilerplate" else plain + 1
        else:
            result.remove(line, "boilerplate")
            plain += 1
    return index


def _take_non_body(paragraph: str, result: NewsLayerResult, allow_byline: bool) -> bool:
    """Remove `paragraph` if it is wire, credit, inline related, byline or chrome."""
    wire = wire_of(paragraph)
    if wire is not None:
        agency, implied = wire
        result.set_source(agency, implied)
        result.remove(paragraph, "wire")
        return True
    credit = credit_of(paragraph)
    if credit is not None:
        result.add_credit(credit)
        result.remove(paragraph, "credit")
        return True
    credit = caption_credit(paragraph)
    if credit is not None:
        result.add_credit(credit)
        result.remove(paragraph, "caption")
        return True
    title = related_inline_title(paragraph)
    if title is not None:
        result.related.append(RelatedItem(title))
        result.remove(paragraph, "related")
        return True
    if allow_byline:
        authors = byline_of(paragraph)
        if authors is not None:
            result.authors.extend(a for a in authors if a not in result.authors)
            result.remove(paragraph, "byline")
            return True
    if is_chrome(paragraph) or is_date_stamp(paragraph):
        result.remove(paragraph, "boilerplate")
        return True
    return False


def _take_related(lines: list[str], index: int, result: NewsLayerResult, seen: set[str]) -> int:
    """Take the headline-like lines after a related marker; return the next index.

    A teaser's summary or date under its headline ("A new study suggests ...") goes with
    it when another headline or marker follows: a list of teasers, not the article. A
    summary just before the next marker ("Read more") may run longer."""
    related = news_patterns().related
    taken = 0
    while index < len(lines) and taken < related.max_items:
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if is_related_marker(line) or not is_headline_like(line) or is_chrome(line):
            marker_next = _marker_follows(lines, index + 1)
            limit = related.marked_summary_max_words if marker_next else None
            if (
                taken
                and _is_teaser_part(line, limit)
                and (marker_next or _item_follows(lines, index + 1))
            ):
                result.remove(line, "related")
                seen.add(line_key(line))
                index += 1
                continue
            break
        result.related.append(RelatedItem(line))
        result.remove(line, "related")
        seen.add(line_key(line))
        taken += 1
        index += 1
    return index


def _is_teaser_part(line: str, limit: int | None = None) -> bool:
    """A teaser's summary (a sentence or two, at most `limit` words, `summary_max_words`
    unless given) or its date, under the teaser's headline."""
    if is_related_marker(line) or is_chrome(line):
        return False
    limit = limit if limit is not None else news_patterns().related.summary_max_words
    return is_date_line(line) or word_count(line) <= limit


def _marker_follows(lines: list[str], index: int) -> bool:
    """Whether the next line past teaser dates is a related marker."""
    index = _past_dates(lines, index)
    return index < len(lines) and is_related_marker(lines[index].strip())


def _item_follows(lines: list[str], index: int) -> bool:
    """Whether another teaser follows from `index` (past teaser dates): a related marker,
    or a headline with its own summary, headline or marker after it (a list repeats its
    shape; a subheading opens paragraphs longer than a summary)."""
    index = _past_dates(lines, index)
    if index >= len(lines):
        return False
    line = lines[index].strip()
    if is_related_marker(line):
        return True
    if not is_headline_like(line) or is_chrome(line):
        return False
    after = _past_dates(lines, index + 1)
    return after >= len(lines) or (
        _is_teaser_part(lines[after].strip()) or is_related_marker(lines[after].strip())
    )


def _past_dates(lines: list[str], index: int) -> int:
    while index < len(lines) and (not lines[index].strip() or is_date_line(lines[index])):
        index += 1
    return index


def _strip_dateline(paragraph: str, result: NewsLayerResult, plain: bool) -> tuple[str, bool]:
    """The paragraph without its dateline, and whether it had one.

    An opening wire slug ("ASSOCIATED PRESS 3:56 a.m. January 8, 2008") goes first, then
    the dateline after it; a dateline without an agency only where `plain`.
    """
    dated = False
    opening = agency_opening(paragraph)
    if opening is not None:
        slug_agency, after_slug = opening
        result.remove(paragraph[: len(paragraph) - len(after_slug)].strip(), "dateline")
        result.set_source(slug_agency)
        paragraph, dated = after_slug, True
    split = split_dateline(paragraph)
    if split is None:
        return paragraph, dated
    dateline, agency, rest = split
    if agency is None and not (plain or dated):
        return paragraph, dated
    result.remove(dateline, "dateline")
    result.set_source(agency)
    return rest, True
