"""Where the article starts and ends among the lines extracted from a page.

trafilatura's text still carries the page around the article on many pages: on old,
table-laid-out pages (menus, tickers, ads, classified listings, related-story lists,
comment prompts, copyright and site footers), and on modern ones other-story teasers
appended to the body. The article is the densest run of prose among those lines, so
the lines are classified as the scraped-text cleaner classifies them (`text_lines`),
with what the page's markup says about each line added, and the run with the highest
score is the article (`text_region.best_region`):

- a line that is mostly link text on the page (a menu, a headline ticker, "Print |
  Email") is chrome: `link_shares` maps the text of every link to another page, and of
  its nearest ancestors, to the share of that text inside links;
- a list of teasers (a linked headline followed by its unlinked summary, twice or more
  in a row) is chrome, however well its summaries read;
- a legal notice (copyright, all rights reserved, may not be redistributed) and a line
  that is only a date or time are chrome;
- a short line costs less than in scraped text (`SHORT_LINE_SCORE`): in trafilatura's
  text most short lines are subheadings, list items or code of the article.

The run is widened over the prose lines and data tables right next to it (a short last
sentence, a scoreboard), prose lines before it are kept (a lede set apart by a menu),
and when the page title opens it, what comes before the headline goes. A link line
inside the run (a promo, another story's headline between two paragraphs) goes too.
Everything else is page chrome; `article_layer` records it as removed. A page whose
prose the stopword list hardly covers (another language) keeps every line: its classes
would be guesses.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml.html import HtmlElement

from newsloom.extract import html_rules as rules
from newsloom.extract.news import NewsLayerResult, apply_news_layer, scan_outside_body
from newsloom.extract.news_lines import byline_of, is_headline_like
from newsloom.extract.text_lines import (
    LineClass,
    LineFeatures,
    classify,
    is_date_line,
    line_features,
    revise_by_context,
)
from newsloom.extract.text_region import Region, best_region, line_scores
from newsloom.record import normalize_for_hash

# trafilatura writes a table row as "| cell | cell |" and a list item as "- item".
_ROW_EDGE = "|"
_CELL_SEPARATOR = " | "
_ITEM_PREFIX = "- "
# Links that lead nowhere else: to a place on the same page, or to a script.
_IN_PAGE_LINKS = ("#", "javascript:")


def article_layer(
    paragraphs: Sequence[str], tree: HtmlElement, title: str | None = None
) -> NewsLayerResult:
    """The news layer over the article's lines; the lines around them are removed as
    chrome, after reading the wire, credits and related lists they give, the authors of
    a byline just before the article, and the headline (when it repeats `title`)."""
    title_key = normalize_for_hash(title) if title else None
    shares = link_shares(tree, text_key(paragraphs))
    kept = article_lines(paragraphs, shares)
    kept = _after_headline(paragraphs, kept, title_key)
    keep = set(kept)
    layer = apply_news_layer([paragraphs[i] for i in kept])
    first = kept[0] if kept else len(paragraphs)
    header = first - rules.BYLINE_WINDOW
    outside: list[str] = []
    for i, line in enumerate(paragraphs):
        if i in keep:
            continue
        if i < first and title_key is not None and normalize_for_hash(line) == title_key:
            layer.remove(line, "title")
            continue
        authors = byline_of(line) if header <= i < first else None
        if authors is None:
            outside.append(line)
            continue
        layer.authors.extend(a for a in authors if a not in layer.authors)
        layer.remove(line, "byline")
    scan_outside_body(outside, layer)
    layer.source = layer.final_source()
    return layer


def _after_headline(lines: Sequence[str], kept: list[int], title_key: str | None) -> list[int]:
    """The article starts after its headline: when the page title opens the kept lines
    (among their first `HEADLINE_WINDOW`, after no line of prose), what comes before it
    is chrome (teasers, tickers). A title that reads as a sentence (a page whose title is
    its first paragraph) is no headline, and one after prose is a subheading."""
    if title_key is None or not is_headline_like(title_key):
        return kept
    for position, i in enumerate(kept[: rules.HEADLINE_WINDOW]):
        if position == len(kept) - 1:
            break
        if normalize_for_hash(lines[i]) == title_key:
            return kept[position + 1 :]
        if classify(line_features(lines[i])) is LineClass.GOOD:
            break
    return kept


def link_shares(tree: HtmlElement, text: str | None = None) -> dict[str, float]:
    """Share of link text in each short element around a link, keyed by its text.

    For every link to another page, the link and its nearest ancestors (up to
    `LINK_SHARE_LEVELS`, while their text is at most `LINK_SHARE_MAX_CHARS`) map their
    whitespace-normalised, lower-cased text to the share of it inside links. Text found
    more than once keeps its lowest share: a sentence that is a link in a sidebar and
    plain text in the article counts as plain text. Each element's text is read once (the
    link text is added up going from each link to its ancestors). With `text` (the
    extracted text, normalised by `text_key`), only links whose text occurs in it are
    followed.
    """
    keys: dict[HtmlElement, str | None] = {}
    linked: dict[HtmlElement, int] = {}
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip().lower()
        if not href or href.startswith(_IN_PAGE_LINKS):
            continue  # a heading's anchor, a table of contents, a script: no way off the page
        key = _short_key(anchor)
        if key is None or (text is not None and key not in text):
            continue
        keys[anchor] = key
        element: HtmlElement | None = anchor
        length = 0
        for _ in range(rules.LINK_SHARE_LEVELS):
            if element is None:
                break
            if element in keys:
                key = keys[element]
            else:
                key = _short_key(element)
                keys[element] = key
            if key is None:
                break
            length = length or len(key)
            linked[element] = linked.get(element, 0) + length
            element = element.getparent()
    shares: dict[str, float] = {}
    for element, length in linked.items():
        key = keys[element]
        if key:
            share = min(1.0, length / len(key))
            shares[key] = min(share, shares.get(key, share))
    return shares


def text_key(lines: Sequence[str]) -> str:
    """The lines normalised as `link_shares` keys its text, one a line."""
    return "\n".join(_key(line) for line in lines)


def _short_key(element: HtmlElement) -> str | None:
    """The element's normalised text; None when empty or longer than the lines looked up."""
    text = element.text_content()
    if len(text) > rules.LINK_SHARE_MAX_RAW_CHARS:
        return None
    key = _key(text)
    return key if 0 < len(key) <= rules.LINK_SHARE_MAX_CHARS else None


def line_link_share(line: str, shares: dict[str, float]) -> float:
    """Share of the line's text that is link text on the page (0 when not found)."""
    if line.startswith(_ITEM_PREFIX):
        line = line[len(_ITEM_PREFIX) :]
    keys = [k for k in (_key(c) for c in _cells(line)) if k]
    total = sum(len(k) for k in keys)
    if not total:
        return 0.0
    return sum(len(k) * shares.get(k, 0.0) for k in keys) / total


def article_lines(lines: Sequence[str], shares: dict[str, float]) -> list[int]:
    """Indices of the article's lines: its region but for the link lines in it, and the
    prose lines before it (a lede set apart from the rest by a menu or a picture is kept;
    the menu is not).

    Where the page's prose has too few of the function words the line classes rely on
    (`PROSE_MIN_STOPWORD_DENSITY`: a language the word list hardly covers), the classes
    cannot tell prose from chrome and every line is kept.
    """
    features = [line_features(line) for line in lines]
    if _prose_stopword_density(features) < rules.PROSE_MIN_STOPWORD_DENSITY:
        return list(range(len(lines)))
    linked = [line_link_share(line, shares) for line in lines]
    classes = revise_by_context(_classes(lines, features, linked))
    region = _region(lines, features, classes, linked)
    dense = [share >= rules.LINK_DENSE_SHARE for share in linked]
    head = [i for i in range(region.start) if classes[i] is LineClass.GOOD and not dense[i]]
    # A link line inside the article (a promo, another story's headline between two
    # paragraphs) is chrome too; a data table's row stays with its table.
    body = [
        i
        for i in range(region.start, region.end)
        if not (dense[i] and classes[i] is LineClass.BAD and not _is_row(lines[i]))
    ]
    return head + body


def article_region(lines: Sequence[str], shares: dict[str, float]) -> Region:
    """The lines of the article (start, end): the best-scoring run, widened over prose."""
    features = [line_features(line) for line in lines]
    linked = [line_link_share(line, shares) for line in lines]
    classes = revise_by_context(_classes(lines, features, linked))
    return _region(lines, features, classes, linked)


def _region(
    lines: Sequence[str],
    features: list[LineFeatures],
    classes: list[LineClass],
    linked: list[float],
) -> Region:
    if not lines:
        return Region(0, 0)
    dense = [share >= rules.LINK_DENSE_SHARE for share in linked]
    scores = [
        rules.SHORT_LINE_SCORE if cls is LineClass.SHORT else score
        for cls, score in zip(classes, line_scores(features, classes), strict=True)
    ]
    region = best_region(scores)
    if region.end <= region.start:
        return Region(0, len(lines))
    start, end = region.start, region.end
    while start > 0:
        step = _widening(lines, features, classes, dense, start - 1, -1)
        if not step:
            break
        start -= step
    while end < len(lines):
        step = _widening(lines, features, classes, dense, end, 1)
        if not step:
            break
        end += step
    return Region(start, end)


def _prose_stopword_density(features: list[LineFeatures]) -> float:
    """Stopword density over the page's longer lines (weighted by their words); 0 for a
    page without such lines (written without spaces, or only short lines)."""
    words = found = 0.0
    for line in features:
        count = len(line.text.split())
        if count >= rules.PROSE_MIN_WORDS and not line.cjk:
            words += count
            found += line.stopword_density * count
    return found / words if words else 0.0


def _classes(
    lines: Sequence[str], features: list[LineFeatures], linked: list[float]
) -> list[LineClass]:
    classes = [
        LineClass.BAD if _is_chrome(line, cls, share) else cls
        for line, cls, share in zip(lines, (classify(f) for f in features), linked, strict=True)
    ]
    dense = [share >= rules.LINK_DENSE_SHARE for share in linked]
    for i in _teasers(features, classes, dense):
        classes[i] = LineClass.BAD
    return classes


def _is_chrome(line: str, cls: LineClass, share: float) -> bool:
    """A link list, a legal notice or a date line."""
    if share >= rules.LINK_DENSE_SHARE and (
        cls is not LineClass.GOOD or share >= rules.LINK_DENSE_PROSE_SHARE
    ):
        return True
    if rules.LEGAL_NOTICE.search(line) and len(line.split()) <= rules.LEGAL_NOTICE_MAX_WORDS:
        return True
    return is_date_line(line)


def _teasers(features: list[LineFeatures], classes: list[LineClass], dense: list[bool]) -> set[int]:
    """Lines of teaser lists: a linked headline, then its unlinked summary, twice in a row."""
    pairs = {
        i
        for i in range(len(features) - 1)
        if dense[i]
        and features[i].length < rules.TEASER_HEADLINE_MAX_CHARS
        and not dense[i + 1]
        and classes[i + 1] in (LineClass.GOOD, LineClass.NEAR)
    }
    found: set[int] = set()
    for i in pairs:
        if i + 2 in pairs or i - 2 in pairs:
            found.update((i, i + 1))
    return found


def _widening(
    lines: Sequence[str],
    features: list[LineFeatures],
    classes: list[LineClass],
    dense: list[bool],
    i: int,
    step: int,
) -> int:
    """How many lines from `i` on (going by `step`) join the article: a prose line, or a
    whole data table (layout tables are paragraphs by now), such as a scoreboard or a
    list of figures that goes with the story; 0 when line `i` is chrome."""
    if not _is_row(lines[i]):
        return 1 if not dense[i] and _widens(lines[i], features[i], classes[i]) else 0
    run = i
    while 0 <= run + step < len(lines) and _is_row(lines[run + step]):
        run += step
    rows = range(min(i, run), max(i, run) + 1)
    if any(dense[r] for r in rows):
        return 0
    data = sum(
        len([c for c in _cells(lines[r]) if c.strip()]) >= rules.DATA_ROW_MIN_CELLS for r in rows
    )
    return len(rows) if data * 2 >= len(rows) else 0


def _is_row(line: str) -> bool:
    return line.startswith(_ROW_EDGE) and line.endswith(_ROW_EDGE) and len(line) > 1


def _widens(line: str, features: LineFeatures, cls: LineClass) -> bool:
    """A prose line next to the article that belongs to it though it scores low."""
    if cls is LineClass.BAD:
        return False
    if len(line.split()) < rules.WIDEN_MIN_WORDS:
        return False
    if features.stopword_density < rules.WIDEN_MIN_STOPWORD_DENSITY:
        return False
    return features.sentence_like or cls is not LineClass.SHORT


def _cells(line: str) -> list[str]:
    """The cells of a table row line, else the line itself."""
    if _is_row(line):
        return [c.replace("\\|", "|") for c in line[1:-1].split(_CELL_SEPARATOR)]
    return [line]


def _key(text: str) -> str:
    return " ".join(text.split()).lower()
