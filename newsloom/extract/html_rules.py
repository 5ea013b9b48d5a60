"""Settings and word lists for HTML extraction, kept in one place.

Meta names are matched lower-cased against a tag's `property`, `name` or
`itemprop` attribute; each list is in order of preference.
"""

from __future__ import annotations

import re
from typing import Final, Literal

# Pages longer than this (characters) are cut before parsing: the article body
# sits near the top of the markup, and every pass over the tree (trafilatura,
# htmldate, the byline search) grows with its size.
MAX_HTML_CHARS = 3_000_000
# A parsed tree with more elements than this is parsed again from a prefix of
# the page cut in proportion (news pages have a few thousand elements; a page
# of 100,000 tiny blocks would otherwise take minutes).
MAX_ELEMENTS = 20_000

# Trees with more elements than this are extracted in trafilatura's fast mode:
# its justext fallback is quadratic in the number of blocks and can run for
# minutes on a page of thousands of short blocks. News pages stay far below.
MAX_FULL_ELEMENTS = 15_000

# The wrappers of an embedded post (a tweet) that hold nothing else lose their class, up
# to this many levels above the post (see html.extract_html).
EMBED_WRAPPER_LEVELS = 3

# A body needs one line at least this long: a page whose extracted "text" is
# only menu items and one-word links has no main text.
MIN_PROSE_CHARS = 25

# trafilatura's own text output is Unicode-normalised this way; keep ours identical.
UNICODE_FORM: Final[Literal["NFC"]] = "NFC"

CANONICAL_META = ("og:url", "twitter:url")
SITE_NAME_META = ("og:site_name", "application-name", "twitter:site")
LANGUAGE_META = ("content-language", "language", "dc.language", "og:locale", "inlanguage")
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
)
MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
)

# JSON-LD types that describe the article itself (checked before any other object).
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
    }
)
# How deep to walk nested JSON-LD (`@graph`, `mainEntity`, lists) before giving up.
JSON_LD_MAX_DEPTH = 6
# JSON-LD blocks longer than this are skipped (some pages embed whole app states).
JSON_LD_MAX_CHARS = 500_000

# The page's declared language is kept as it is for bodies shorter than this (or
# when detection is off); on longer bodies only when detection on the opening of
# the text confirms it (`language.confirms_language`), else detection decides:
# declared `lang` disagreed with detection on about 2% of pages, mostly site
# templates declaring `en` over German or Spanish articles.
LANGUAGE_HINT_MAX_BODY_CHARS = 400

# JSON-LD `articleBody` replaces the extracted text when the extraction has
# less than this share of its length (a page whose body is rendered by
# JavaScript); bodies shorter than the minimum are not trusted.
ARTICLE_BODY_MIN_CHARS = 500
ARTICLE_BODY_EXTRACTED_SHARE = 0.25
# Elements that start a new paragraph when `articleBody` is given as HTML.
BLOCK_TAGS = ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")

# A language hint must look like a BCP 47 primary subtag (`en`, `de`, `fil`).
LANGUAGE_TAG_PATTERN = r"[a-z]{2,3}"

# A byline found in the page body longer than this is not a list of names.
BYLINE_MAX_CHARS = 120

# trafilatura joins several authors with this separator.
AUTHOR_SEPARATOR = ";"

# Before the byline search (trafilatura's `AUTHOR_XPATHS`, slow for their regex
# tests), a quick look whether any element could match: an element named below,
# or one of these attributes whose value contains one of these words (each word is
# part of a literal or a regex branch of those XPaths, matched case-sensitively as
# they are: "uthor" covers author, Author, authorName, AuthorCard).
BYLINE_TAGS = ("author", "rel")
BYLINE_ATTRIBUTES = ("class", "id", "rel", "itemprop", "data-testid", "data-component")
BYLINE_ATTRIBUTE_WORDS = (
    "uthor",
    "byl",
    "yline",
    "username",
    "BBL",
    "channel-name",
    "zuozhe",
    "bianji",
    "xiaobian",
    "submitted-by",
    "posted-by",
    "journalist-name",
    "screenname",
    "writer",
)
# sha256 of trafilatura's AUTHOR_XPATHS (their `.path` texts joined by newlines) the
# words above were checked against; on any other version the quick look is skipped.
AUTHOR_XPATHS_FINGERPRINT = "e7cdb233823cbb0a7eadad1211ccea04ebd7789ae4ffc076b2fc765f00286c9f"

# Layout tables (`html_tables`): a table cell with one of these children (trafilatura's
# body elements) holds page layout, not a data value.
LAYOUT_CELL_BLOCKS = frozenset({"p", "head", "list", "quote", "code", "table", "row", "lb"})

# Chrome around the article (`html_chrome`). Link text share of the elements around
# each link, for links and their ancestors up to this many levels, while their text
# is at most this long (characters, whitespace collapsed).
LINK_SHARE_LEVELS = 4
LINK_SHARE_MAX_CHARS = 600
# Elements whose raw text (spaces and all) is longer than this are not read at all.
LINK_SHARE_MAX_RAW_CHARS = 6000
# A line with at least this share of link text is a link list (menu, ticker, toolbar);
# a line that reads as prose needs the higher share.
LINK_DENSE_SHARE = 0.5
LINK_DENSE_PROSE_SHARE = 0.8
# A teaser's linked headline is shorter than this (characters).
TEASER_HEADLINE_MAX_CHARS = 150
# A legal notice of the site or wire (copyright, no reuse, a disclaimer of the views
# or of linked content), up to this many words.
LEGAL_NOTICE = re.compile(
    r"all rights reserved|may not be (?:re)?(?:published|produced|distributed)|redistribut"
    r"|without (?:the )?(?:prior )?(?:written )?(?:permission|consent)|^\(?(?:©|copyright\b)"
    r"|(?:are|is) not necessarily (?:those|the views) of|accepts? no responsibility"
    r"|(?:is|are) not responsible for the content",
    re.IGNORECASE,
)
LEGAL_NOTICE_MAX_WORDS = 80
# A short line (a subheading, a list item, a line of code) costs this much inside the
# article's run in trafilatura's text (where most short lines belong to the article;
# scraped text, full of menus, uses `short_score` of news.toml).
SHORT_LINE_SCORE = -10.0
# The prose of the page must have this stopword density at least (over its lines of
# `PROSE_MIN_WORDS` words or more) for its lines to be classified: the stopword list
# covers English and a few function words of other languages.
PROSE_MIN_STOPWORD_DENSITY = 0.25
PROSE_MIN_WORDS = 8
# A low-scoring line next to the article joins it when it reads as prose: this many
# words and this stopword density at least.
WIDEN_MIN_WORDS = 3
WIDEN_MIN_STOPWORD_DENSITY = 0.2
# Bylines ("By Jane Roe") are read from this many lines before the article.
BYLINE_WINDOW = 6
# A data-table row next to the article joins it with this many non-empty cells.
DATA_ROW_MIN_CELLS = 2
# The page title among the first this many lines of the article opens it.
HEADLINE_WINDOW = 6
