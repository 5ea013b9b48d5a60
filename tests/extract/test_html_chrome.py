"""Page chrome around the article on invented pages (fictional people and places).

Old pages laid out in tables (menus in one cell, the article in another, headline
tickers, footers), and modern pages with other-story teasers after the article: the
body keeps the article's paragraphs, separate and in order, and nothing else.
"""

from __future__ import annotations

import lxml.html

from newsloom.extract.html import extract_html
from newsloom.extract.html_chrome import (
    article_lines,
    article_region,
    line_link_share,
    link_shares,
)
from newsloom.extract.text_lines import is_date_line
from newsloom.options import DEFAULT_OPTIONS

STORY = [
    "Harbour workers in Pellham walked off the job on Monday after talks over night "
    "shifts broke down, leaving three cargo ships waiting outside the breakwater.",
    "The dockers' union said the port authority had refused to pay for the extra crews "
    "that the new loading cranes need, a claim the authority denied in a statement.",
    "Shipping agents warned that fruit and grain bound for the inland towns could spoil "
    "if the ships stayed at anchor for more than a few days.",
    "No date has been set for new talks.",
]

GRAIN_STORY = [
    "The grain board of Oskerville cut its forecast for the barley harvest on Friday, "
    "blaming a dry spring and a late frost in the eastern valleys.",
    "Farmers in the valleys said they had planted less barley this year because the "
    "price offered by the board had fallen for a third season in a row.",
    "The board expects the wheat harvest to match last year's, and said stocks held "
    "in its silos would cover the shortfall until the autumn.",
]

MENU_CELL = """<td class="nav"><a href="/">Home</a><br><a href="/local">Local news</a><br>
<a href="/sport">Sport</a><br><a href="/jobs">Jobs</a><br><a href="/homes">Homes</a><br>
<a href="/cars">Cars</a><br><a href="/weather">Weather</a></td>"""

TICKER = """<table class="ticker">
<tr><td>2 hrs ago</td><td><a href="/a">Pellham mayor opens new library</a></td></tr>
<tr><td>5 hrs ago</td><td><a href="/b">Lantern festival moves to the river bank</a></td></tr>
<tr><td>1 day ago</td><td><a href="/c">Storm closes the coast road for a night</a></td></tr>
<tr><td>2 days ago</td><td><a href="/d">School choir wins the county cup</a></td></tr>
</table>"""

TOOLBAR = """<table><tr><td><a href="/mail">E-mail this story</a></td><td>|</td>
<td><a href="/print">Printer version</a></td><td>|</td><td><a href="/c">Comment</a></td></tr>
</table>"""

FOOTER = """<table><tr><td>Copyright 2031 The Pellham Gazette. All rights reserved. This
material may not be republished without permission.</td></tr></table>"""


def table_page(story: list[str] = STORY, extra: str = "") -> str:
    """A page laid out in one big table: menu cell, article cell, ticker, toolbar, footer."""
    paragraphs = "".join(f"<p>{p}</p>" for p in story)
    return f"""<html><head><title>Dockers strike in Pellham</title></head><body>
<table width="760"><tr>{MENU_CELL}
<td class="story"><h2>Dockers strike in Pellham</h2><p>Tuesday, March 4, 2031</p>
{paragraphs}{extra}</td></tr></table>
{TICKER}{TOOLBAR}{FOOTER}</body></html>"""


def test_old_table_page_gives_the_article_paragraphs_alone() -> None:
    article = extract_html(table_page(), None, DEFAULT_OPTIONS)
    assert article.paragraphs == STORY
    text = article.text
    for chrome in ("Local news", "Pellham mayor opens", "Printer version", "All rights reserved"):
        assert chrome not in text


def test_layout_cell_paragraphs_stay_separate() -> None:
    article = extract_html(table_page(), None, DEFAULT_OPTIONS)
    assert all("|" not in p for p in article.paragraphs)
    assert len(article.paragraphs) == len(STORY)


def test_removed_chrome_is_recorded() -> None:
    article = extract_html(table_page(), None, DEFAULT_OPTIONS)
    removed = {segment.text for segment in article.removed}
    assert "Tuesday, March 4, 2031" in removed
    assert any("Pellham mayor opens new library" in text for text in removed)


def test_data_table_after_the_article_stays_with_it() -> None:
    results = """<table class="results"><tr><th>Crew</th><th>Time</th><th>Place</th></tr>
<tr><td>Pellham Rowers</td><td>6:02</td><td>1</td></tr>
<tr><td>Oskerville Eights</td><td>6:09</td><td>2</td></tr>
<tr><td>Marrow Club</td><td>6:15</td><td>3</td></tr></table>"""
    page = f"""<html><head><title>Regatta</title></head><body><article>
{"".join(f"<p>{p}</p>" for p in GRAIN_STORY)}{results}</article>
<ul class="menu"><li><a href="/a">Home</a></li><li><a href="/b">Sport</a></li>
<li><a href="/c">Jobs</a></li></ul></body></html>"""
    text = extract_html(page, None, DEFAULT_OPTIONS).text
    assert "Pellham Rowers" in text
    assert "Marrow Club" in text


def test_teasers_after_a_modern_article_are_cut() -> None:
    teasers = "".join(
        f'<p><a href="/t{i}">{headline}</a><br>{summary}</p>'
        for i, (headline, summary) in enumerate(
            [
                (
                    "Ferry fares rise again",
                    "The lake ferry company raised its fares for the second time this "
                    "year, citing the cost of fuel and new safety rules.",
                ),
                (
                    "Council backs new market hall",
                    "Councillors voted to build a covered market next to the station, "
                    "with work to start before the end of the summer.",
                ),
                (
                    "Library opens on Sundays",
                    "The town library will open on Sunday afternoons from next month "
                    "after volunteers offered to staff the reading rooms.",
                ),
            ]
        )
    )
    page = f"""<html><head><title>Barley forecast cut</title></head><body><main>
<div class="story">{"".join(f"<p>{p}</p>" for p in GRAIN_STORY)}
<div class="more">{teasers}</div></div></main></body></html>"""
    text = extract_html(page, None, DEFAULT_OPTIONS).text
    assert GRAIN_STORY[-1] in text
    for words in ("Ferry fares rise", "covered market", "Sunday afternoons"):
        assert words not in text


def test_short_last_sentence_of_the_article_is_kept() -> None:
    text = extract_html(table_page(), None, DEFAULT_OPTIONS).text
    assert text.endswith("No date has been set for new talks.")


def test_byline_before_the_article_gives_its_author() -> None:
    page = table_page(extra="").replace(
        "<p>Tuesday, March 4, 2031</p>", "<p>By Ilse Varnow</p><p>Tuesday, March 4, 2031</p>"
    )
    article = extract_html(page, None, DEFAULT_OPTIONS)
    assert "Ilse Varnow" in article.authors
    assert "By Ilse Varnow" not in article.text


def test_date_lines() -> None:
    assert is_date_line("Tuesday, March 4, 2031")
    assert is_date_line("Posted: 12/03/2031 4:15 PM")
    assert is_date_line("04:52 PM CET on Friday, 18 July 2031")
    assert not is_date_line("The 2031 season starts in March.")
    assert not is_date_line("Pellham, March 4")


def test_link_share_of_lines() -> None:
    tree = lxml.html.fromstring(
        """<html><body><ul><li><a href="/a">Ferry fares rise again</a></li></ul>
<p>The council met on <a href="/m">Monday</a> to discuss the ferry timetable.</p>
<div><a href="/x">Home</a> | <a href="/y">Sport</a></div></body></html>"""
    )
    shares = link_shares(tree)
    assert line_link_share("Ferry fares rise again", shares) == 1.0
    assert line_link_share("- Ferry fares rise again", shares) == 1.0
    assert line_link_share("Home | Sport", shares) > 0.5
    assert (
        line_link_share("The council met on Monday to discuss the ferry timetable.", shares) < 0.2
    )
    assert line_link_share("A line the page does not have", shares) == 0.0


def test_article_region_skips_chrome_at_both_ends() -> None:
    lines = ["Home", "Sport", "Weather", *STORY, "Copyright 2031 The Pellham Gazette."]
    tree = lxml.html.fromstring(
        '<html><body><a href="/">Home</a><a href="/s">Sport</a><a href="/w">Weather</a>'
        "</body></html>"
    )
    region = article_region(lines, link_shares(tree))
    assert lines[region.start : region.end] == STORY


def test_links_within_the_page_are_no_links() -> None:
    tree = lxml.html.fromstring(
        """<html><body><ul><li><a href="#rates">Why the fares rise</a></li></ul>
<h2><a name="rates"></a>Why the fares rise</h2>
<p><a href="javascript:void(0)">Print this story</a></p></body></html>"""
    )
    shares = link_shares(tree)
    assert line_link_share("Why the fares rise", shares) == 0.0
    assert line_link_share("Print this story", shares) == 0.0


def test_lines_of_a_language_the_stopwords_hardly_cover_are_all_kept() -> None:
    # Dutch prose: few of its function words are in the stopword list, so the line
    # classes cannot tell its prose from chrome; nothing is cut.
    lines = [
        "Home",
        "Sport",
        "Het college van Marrowby heeft dinsdag besloten om de oude veerdienst over het "
        "meer weer te openen, na een sluiting van bijna zes jaar.",
        "Burgemeester Odile Fenwright zei dat het besluit volgde op maanden overleg met "
        "bootbouwers en bewoners van de noordelijke oever.",
        "Contact",
    ]
    tree = lxml.html.fromstring(
        '<html><body><a href="/">Home</a><a href="/s">Sport</a></body></html>'
    )
    assert article_lines(lines, link_shares(tree)) == list(range(len(lines)))


def test_a_lede_set_apart_by_a_menu_is_kept() -> None:
    lines = [STORY[0], "Local news", "Sport", "Jobs", *STORY[1:]]
    tree = lxml.html.fromstring(
        '<html><body><a href="/l">Local news</a><a href="/s">Sport</a><a href="/j">Jobs</a>'
        "</body></html>"
    )
    kept = article_lines(lines, link_shares(tree))
    assert [lines[i] for i in kept] == STORY


def test_legal_notices_and_disclaimers_are_chrome() -> None:
    disclaimer = (
        "The views expressed in the columns are not necessarily those of the Pellham "
        "Gazette, and the Gazette accepts no responsibility for them."
    )
    notice = "Copyright 2031 Pellham Gazette. This material may not be redistributed."
    lines = [disclaimer, *STORY, notice]
    kept = article_lines(lines, link_shares(lxml.html.fromstring("<html><body></body></html>")))
    assert [lines[i] for i in kept] == STORY


# --- link lines inside the article, embedded posts, a headline opening the body -------


def _modern_page(inner: str, title: str = "Barley forecast cut") -> str:
    return f"""<html><head><title>{title}</title></head><body><main><article>
<div class="story">{inner}</div></article></main>
<ul class="menu"><li><a href="/a">Home</a></li><li><a href="/b">Sport</a></li></ul>
</body></html>"""


def test_a_promo_link_between_paragraphs_leaves_the_body() -> None:
    for promo in [
        '<p><a href="/promo">GET THE OSKERVILLE NEWS APP BY CLICKING HERE</a></p>',
        '<p><strong><a href="/story/77">FARMERS PROTEST NEW WATER RULES IN THE EASTERN '
        "VALLEYS</a></strong></p>",
        '<p><a href="/story/78">Frost damage: the orchards count the cost [PICTURES]</a></p>',
    ]:
        paragraphs = [f"<p>{p}</p>" for p in GRAIN_STORY]
        inner = "".join(paragraphs[:2]) + promo + paragraphs[2]
        article = extract_html(_modern_page(inner), None, DEFAULT_OPTIONS)
        assert article.paragraphs == GRAIN_STORY, promo


def test_a_link_inside_a_sentence_stays() -> None:
    linked = (
        'The <a href="/board">grain board</a> expects the wheat harvest to match last '
        "year's, and said stocks held in its silos would cover the shortfall until autumn."
    )
    inner = "".join(f"<p>{p}</p>" for p in [*GRAIN_STORY[:2], linked])
    article = extract_html(_modern_page(inner), None, DEFAULT_OPTIONS)
    assert len(article.paragraphs) == 3
    assert "grain board expects the wheat harvest" in article.paragraphs[2]


def test_an_embedded_post_in_a_social_wrapper_stays_in_the_body() -> None:
    post = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p>The barley in '
        "the eastern valleys has never looked this thin in forty years of farming here.</p>"
        '— Ada Linn (@adalinn) <a href="https://example.org/status/1">May 3, 2031</a>'
        "</blockquote></div>"
    )
    paragraphs = [f"<p>{p}</p>" for p in GRAIN_STORY]
    inner = "".join(paragraphs[:2]) + post + paragraphs[2]
    text = extract_html(_modern_page(inner), None, DEFAULT_OPTIONS).text
    assert "has never looked this thin" in text
    assert (
        text.index(GRAIN_STORY[1])
        < text.index("never looked this thin")
        < text.index(GRAIN_STORY[2])
    )


def test_a_share_widget_stays_out_of_the_body() -> None:
    widget = (
        '<div class="social-share"><a href="https://example.org/share">Share on '
        'Kellbook</a> <a href="https://example.org/mail">Email this story</a></div>'
    )
    inner = "".join(f"<p>{p}</p>" for p in GRAIN_STORY) + widget
    text = extract_html(_modern_page(inner), None, DEFAULT_OPTIONS).text
    assert "Share on Kellbook" not in text


def test_a_headline_opening_the_body_is_the_title_of_a_page_without_one() -> None:
    headline = "Barley forecast cut after a dry spring in the eastern valleys"
    story = "".join(f"<p>{p}</p>" for p in GRAIN_STORY)
    page = f"""<html><head></head><body><table><tr><td>
<p>{headline}</p>{story}</td></tr></table></body></html>"""
    article = extract_html(page, None, DEFAULT_OPTIONS)
    assert article.title == headline
    assert article.paragraphs == GRAIN_STORY


def test_a_sentence_opening_the_body_is_no_title() -> None:
    page = f"""<html><head></head><body><table><tr><td>
{"".join(f"<p>{p}</p>" for p in GRAIN_STORY)}</td></tr></table></body></html>"""
    article = extract_html(page, None, DEFAULT_OPTIONS)
    assert article.title is None
    assert article.paragraphs == GRAIN_STORY
