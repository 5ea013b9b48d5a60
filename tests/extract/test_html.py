"""HTML main-text extraction on invented news pages (fictional people and places).

The page builders here are shared with `test_html_metadata.py`.
"""

from __future__ import annotations

import json
import time
import unicodedata

import pytest

from newsloom.extract import html_rules
from newsloom.extract.errors import ExtractionError
from newsloom.extract.html import extract_html
from newsloom.options import DEFAULT_OPTIONS

BODY = [
    "The town council of Marrowby voted on Tuesday to reopen the old ferry line across "
    "Lake Tessel, ending a closure that had lasted almost six years.",
    "Mayor Odile Fenwright said the decision followed months of talks with boat builders "
    "and residents of the northern shore, who had asked for a faster route to the market.",
    "Under the plan, two electric ferries will cross the lake every hour from May, and "
    "tickets for residents will cost half the price charged before the closure.",
    "Opposition councillor Tamsin Rook welcomed the vote but warned that the landing piers "
    "needed repairs that could take longer than the council expected.",
    "The council will publish the full timetable next month after a final safety review "
    "by the regional harbour office in Quillon.",
]

NAV = """
<nav class="main-menu"><ul>
  <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
</ul></nav>
"""

SHARE = """
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a>
<a href="#">Email</a></div>
"""

RELATED = """
<aside class="related-stories"><h3>Related stories</h3><ul>
  <li><a href="/a">Marrowby bakery wins regional prize</a></li>
  <li><a href="/b">New bridge planned for Quillon harbour</a></li>
  <li><a href="/c">Lake Tessel water levels reach record high</a></li>
</ul></aside>
"""

COOKIES = """
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
"""

FOOTER = """
<footer class="site-footer"><p>Copyright 2031 The Marrowby Courier. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
"""


def json_ld(**fields: object) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def article_page(
    body: list[str] | None = None,
    head: str = "",
    lang: str = "en",
    byline: str = "",
    title: str = "Marrowby reopens the Lake Tessel ferry",
) -> str:
    """A whole article page with navigation, share buttons, related list, cookies, footer."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in (BODY if body is None else body))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | The Marrowby Courier</title>
{head}</head>
<body>{COOKIES}<header><a href="/">The Marrowby Courier</a></header>{NAV}
<main><article><h1>{title}</h1>{byline}{SHARE}
<div class="article-body">{paragraphs}</div>{SHARE}
</article>{RELATED}</main>{FOOTER}</body></html>"""


CHROME_WORDS = ["Share on Facebook", "Accept all cookies", "Privacy policy", "Weather", "Tweet"]


def test_body_keeps_every_paragraph_in_order() -> None:
    article = extract_html(article_page(), None, DEFAULT_OPTIONS)
    text = article.text
    positions = [text.find(paragraph) for paragraph in BODY]
    assert all(p >= 0 for p in positions), text
    assert positions == sorted(positions)


def test_page_chrome_stays_out_of_the_body() -> None:
    text = extract_html(article_page(), None, DEFAULT_OPTIONS).text
    for word in CHROME_WORDS:
        assert word not in text
    assert "Marrowby bakery wins regional prize" not in text


def test_paragraphs_are_stripped_and_non_empty() -> None:
    article = extract_html(article_page(), None, DEFAULT_OPTIONS)
    assert article.paragraphs
    assert all(p == p.strip() and p for p in article.paragraphs)


def test_repeated_paragraph_is_kept_once() -> None:
    page = article_page(body=[*BODY[:3], BODY[1], *BODY[3:]])
    article = extract_html(page, None, DEFAULT_OPTIONS)
    assert article.text.count(BODY[1]) == 1


@pytest.mark.parametrize("html", ["", "   \n\t ", "<html></html>", "<html><body></body></html>"])
def test_empty_input_is_no_text(html: str) -> None:
    with pytest.raises(ExtractionError) as raised:
        extract_html(html, None, DEFAULT_OPTIONS)
    assert raised.value.reason == "no_text"


def test_page_with_only_chrome_is_no_text() -> None:
    page = f"<html><body>{COOKIES}{NAV}{SHARE}{FOOTER}</body></html>"
    with pytest.raises(ExtractionError) as raised:
        extract_html(page, None, DEFAULT_OPTIONS)
    assert raised.value.reason == "no_text"


def test_truncated_html_still_gives_the_paragraphs_before_the_cut() -> None:
    page = article_page()
    cut = page.index(BODY[3]) + 20
    text = extract_html(page[:cut], None, DEFAULT_OPTIONS).text
    assert BODY[0] in text
    assert BODY[2] in text


def test_unclosed_tags_and_stray_markup_are_tolerated() -> None:
    broken = "".join(f"<p>{p}<div><span>" for p in BODY) + "</td></table>"
    page = f"<html><head><title>Ferry</title></head><body><article>{broken}</body>"
    text = extract_html(page, None, DEFAULT_OPTIONS).text
    assert BODY[0] in text and BODY[-1] in text


def test_text_from_a_legacy_encoding_keeps_its_accents() -> None:
    body = [
        "Zoë Marchetti, the café owner in Brévanne, said the façade would be restored "
        "before the summer festival and that the old naïve murals would stay.",
        *BODY[1:],
    ]
    raw = article_page(body=body).encode("cp1252")
    text = extract_html(raw.decode("cp1252"), None, DEFAULT_OPTIONS).text
    assert "Zoë Marchetti, the café owner in Brévanne" in text


def test_lone_surrogate_from_a_lossy_decode_does_not_cut_the_page() -> None:
    body = [BODY[0].replace("Tuesday", "Tues\udce9day"), *BODY[1:]]
    article = extract_html(article_page(body=body), None, DEFAULT_OPTIONS)
    assert BODY[-1] in article.text
    assert "Tues\ufffdday" in article.text


def test_decomposed_accents_come_out_composed() -> None:
    first = unicodedata.normalize("NFD", BODY[0].replace("council", "conseil de Séverac"))
    body = [first, *BODY[1:]]
    text = extract_html(article_page(body=body), None, DEFAULT_OPTIONS).text
    assert "Séverac" in text
    assert unicodedata.is_normalized("NFC", text)


HUGE_FILLER = "<div class='ad-slot'><span>sponsored</span></div>"


@pytest.mark.parametrize(
    ("max_chars", "max_elements"), [(200_000, 10**9), (10**9, 3_000), (10**9, 10**9)]
)
def test_huge_page_is_cut_before_parsing(
    monkeypatch: pytest.MonkeyPatch, max_chars: int, max_elements: int
) -> None:
    """By characters, by elements, and (last case) only by the fast-mode switch."""
    monkeypatch.setattr(html_rules, "MAX_HTML_CHARS", max_chars)
    monkeypatch.setattr(html_rules, "MAX_ELEMENTS", max_elements)
    monkeypatch.setattr(html_rules, "MAX_FULL_ELEMENTS", 2_000)
    copies = 100_000 if max_elements < 10**9 or max_chars < 10**9 else 4_000
    page = article_page().replace("</main>", "</main>" + HUGE_FILLER * copies)
    start = time.perf_counter()
    text = extract_html(page, None, DEFAULT_OPTIONS).text
    assert time.perf_counter() - start < 5
    assert BODY[0] in text


def _script_rendered_page(article_body: str) -> str:
    """A page whose body is drawn by JavaScript: only the JSON-LD has the text."""
    head = json_ld(headline="Ferry returns", articleBody=article_body)
    return (
        f"<html><head><title>Ferry returns</title>{head}</head>"
        f'<body>{NAV}<div id="app"></div><script>render()</script>{FOOTER}</body></html>'
    )


def test_json_ld_article_body_when_the_html_body_is_empty() -> None:
    article = extract_html(_script_rendered_page("\n".join(BODY)), None, DEFAULT_OPTIONS)
    assert article.paragraphs == BODY


def test_json_ld_article_body_given_as_html_is_split_into_paragraphs() -> None:
    body = "".join(f"<p>{p}</p>" for p in BODY[:4])
    article = extract_html(_script_rendered_page(body), None, DEFAULT_OPTIONS)
    assert article.paragraphs == BODY[:4]


def test_short_json_ld_article_body_is_not_trusted() -> None:
    with pytest.raises(ExtractionError):
        extract_html(_script_rendered_page(BODY[0][:80]), None, DEFAULT_OPTIONS)


def test_extracted_text_wins_over_a_json_ld_summary() -> None:
    head = json_ld(articleBody=" ".join(BODY[:2]))
    article = extract_html(article_page(head=head), None, DEFAULT_OPTIONS)
    assert article.paragraphs[-1] == BODY[-1]


def test_headline_repeating_the_title_leaves_the_body() -> None:
    title = "Marrowby reopens the Lake Tessel ferry"
    article = extract_html(article_page(body=[title, *BODY]), None, DEFAULT_OPTIONS)
    assert article.paragraphs[0] == BODY[0]
    assert ("Marrowby reopens the Lake Tessel ferry", "title") in [
        (segment.text, segment.reason) for segment in article.removed
    ]


def test_first_paragraph_unlike_the_title_is_kept() -> None:
    page = article_page(title="Ferry vote").replace("<h1>Ferry vote</h1>", "")
    article = extract_html(page, None, DEFAULT_OPTIONS)
    assert article.paragraphs[0] == BODY[0]
    assert "title" not in [segment.reason for segment in article.removed]


def test_a_page_without_a_body_still_reports_its_title_and_date() -> None:
    page = (
        "<html><head><title>Ferry timetable changes in Ostrand</title>"
        '<meta property="article:published_time" content="2024-06-02T08:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a></nav><div id='app'></div></body></html>"
    )
    with pytest.raises(ExtractionError) as caught:
        extract_html(page, url=None, options=DEFAULT_OPTIONS)
    assert caught.value.reason == "no_text"
    partial = caught.value.partial
    assert partial is not None and partial.title == "Ferry timetable changes in Ostrand"
    assert partial.published is not None and partial.published.isoformat().startswith("2024-06-02")
