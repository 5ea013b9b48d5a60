"""The headline as the title: no site or section names, sidebars or date lines (invented pages)."""

from __future__ import annotations

import newsloom

_BODY = (
    "<p>The harbour board of Lindenport voted on Tuesday to close the old ferry pier for "
    "repairs, a decision that will reroute the morning boats for most of the summer.</p>"
    "<p>Board members said the pilings had rotted faster than the engineers expected and "
    "that the work could not wait for another season, whatever it costs the town.</p>"
    "<p>Ferry passengers will board at the container quay from next month, the board said, "
    "and a shuttle bus will run from the old pier every twenty minutes.</p>"
)
_NAV = (
    "<div class='menu'><a href='/'>Home</a> <a href='/world'>World</a> "
    "<a href='/national'>National</a> <a href='/breaking'>Breaking News</a></div>"
)


def _title(head: str, top: str = "", url: str | None = None) -> str | None:
    html = (
        f"<html><head>{head}</head><body>{_NAV}{top}<div class='story'>{_BODY}</div></body></html>"
    )
    return newsloom.extract(html, kind="html", url=url).title


def test_site_name_suffix_goes_by_og_site_name() -> None:
    head = (
        "<title>Ferry pier to close for the summer – Lindenport Courier</title>"
        '<meta property="og:site_name" content="Lindenport Courier">'
    )
    assert _title(head) == "Ferry pier to close for the summer"


def test_site_name_goes_by_the_domain() -> None:
    head = "<title>Ferry pier to close for the summer | HARBOURTIMES</title>"
    assert _title(head, url="https://www.harbourtimes.example/news/1") == (
        "Ferry pier to close for the summer"
    )
    credit = "<title>Ferry pier to close for the summer (from The Gazette )</title>"
    assert _title(credit) == "Ferry pier to close for the summer"
    assert _title(credit, url="http://www.thegazette.co.uk/news/2") == (
        "Ferry pier to close for the summer"
    )


def test_a_part_written_as_a_domain_is_the_site() -> None:
    assert _title("<title>Harbourtimes.com: Ferry pier to close for the summer</title>") == (
        "Ferry pier to close for the summer"
    )


def test_section_names_go_where_the_h1_shows_the_headline() -> None:
    head = "<title>Pier Weekly > News > World -- Ferry pier to close for the summer</title>"
    assert _title(head, "<h1>Ferry pier to close for the summer</h1>") == (
        "Ferry pier to close for the summer"
    )
    head = "<title>Ferry pier to close for the summer - Breaking News - National</title>"
    assert _title(head) == "Ferry pier to close for the summer"


def test_a_colon_in_the_headline_stays() -> None:
    head = "<title>The Latest: Ferry pier to close - Lindenport Courier</title>"
    top = "<h1>The Latest: Ferry pier to close</h1>"
    assert _title(head, top) == "The Latest: Ferry pier to close"


def test_a_date_part_and_what_follows_it_go() -> None:
    head = "<title>Ferry pier to close for the summer | June 11, 2019 | LCN</title>"
    assert _title(head) == "Ferry pier to close for the summer"


def test_a_headline_that_names_the_site_is_kept() -> None:
    head = (
        "<title>Courier guide to the new ferry timetable</title>"
        '<meta property="og:site_name" content="Courier">'
    )
    assert _title(head) == "Courier guide to the new ferry timetable"


def test_site_wide_title_gives_way_to_the_headline_above_the_body() -> None:
    head = "<title>Lindenport Courier - News, Sport and Weather</title>"
    top = (
        "<div class='sidebar'><h2>Sponsored Links</h2><a href='/ad'>Cheap ferries</a></div>"
        "<div class='story-headline'>Ferry pier to close for the summer</div>"
        "<div class='byline'>By Ana Lind</div><div>Published 11:34 PM EST Jun 11, 2019</div>"
        "<div class='caption'>The old pier at dawn, seen from the quay</div>"
    )
    assert _title(head, top) == "Ferry pier to close for the summer"


def test_no_sidebar_heading_date_line_or_caption_as_the_title() -> None:
    head = "<title>Lindenport Courier</title>"
    top = (
        "<div class='sidebar'><h2>Talkback</h2><h2>Sponsored Links</h2></div>"
        "<div>Published 11:34 PM EST Jun 11, 2019</div>"
        "<div class='caption'>The old pier at dawn, seen from the quay</div>"
    )
    assert _title(head, top, url="https://lindenportcourier.example/news/1") is None


def test_the_only_h1_when_the_title_has_no_headline() -> None:
    head = "<title>Lindenport Courier - Local news</title>"
    assert _title(head, "<h1>Ferry pier to close for the summer</h1>") == (
        "Ferry pier to close for the summer"
    )


def test_markup_in_a_broken_title_is_no_title() -> None:
    head = "<title>Courier</titl <script src='x.js'></script> Ferry</title>"
    assert _title(head, "<h1>Ferry pier to close for the summer</h1>") == (
        "Ferry pier to close for the summer"
    )
