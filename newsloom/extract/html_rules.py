"""Settings and word lists for HTML extraction, kept in one place.

Meta names are matched lower-cased against a tag's `property`, `name` or
`itemprop` attribute; each list is in order of preference.
"""

from __future__ import annotations

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
