"""Choosing publication and modification times (invented dates and pages)."""

from __future__ import annotations

import datetime as dt

import pytest

import newsloom
from newsloom.extract.html_dates import (
    Line,
    ShownDate,
    dates_in,
    headline_line,
    modification_time,
    numeric_order,
    publication_time,
    shown_date,
)

PLUS_TWO = dt.timezone(dt.timedelta(hours=2))
MINUS_EIGHT = dt.timezone(dt.timedelta(hours=-8))

_BODY = (
    "<p>The harbour board of Lindenport voted to close the old ferry pier for repairs, a "
    "decision that will reroute the morning boats for most of the summer season.</p>"
    "<p>Board members said the pilings had rotted faster than the engineers expected and "
    "that the work could not wait for another year, whatever the cost to the town.</p>"
    "<p>Ferry passengers will board at the container quay from next month, the board said, "
    "and a shuttle bus will run from the old pier every twenty minutes.</p>"
)


def _page(head: str = "", above: str = "", below: str = "", body: str = _BODY) -> str:
    return (
        f"<html><head><title>Ferry pier to close | Lindenport Courier</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a></nav>{above}<article><h1>Ferry pier to close</h1>"
        f"{below}{body}</article></body></html>"
    )


def _day(html: str, url: str | None = None) -> dt.date | None:
    published = newsloom.extract(html, kind="html", url=url).published
    if isinstance(published, dt.datetime):
        return published.date()
    return published


# --- the shown date against page plumbing ---------------------------------------------


def test_shown_date_wins_over_an_expiry_header() -> None:
    html = _page(
        head='<meta http-equiv="expires" content="Tue, 02 Jan 2018 00:00:00 GMT">',
        below="<p class='meta'>Published: 14 March 2017</p>",
    )
    assert _day(html) == dt.date(2017, 3, 14)


def test_no_date_from_scripts_or_comments() -> None:
    html = _page(
        head="<script>//2016-10-15: fixed the menu\nvar built = '2016-10-15';</script>",
        below="<!-- cached 2016-10-16 --><p>By Ana Lind</p>",
    )
    assert _day(html) is None


def test_shown_date_wins_over_the_date_of_a_checked_claim() -> None:
    claim = (
        '<script type="application/ld+json">{"@type": "ClaimReview", '
        '"datePublished": "2019-02-02", "itemReviewed": {"@type": "Claim", '
        '"datePublished": "2019-01-20"}}</script>'
    )
    html = _page(head=claim, below="<p>Posted on February 9, 2019</p>")
    assert _day(html) == dt.date(2019, 2, 9)


def test_local_day_shown_beats_a_utc_timestamp_of_the_next_day() -> None:
    html = _page(
        head='<meta property="article:published_time" content="2019-06-12T05:40:00Z">',
        below="<p>Updated 10:40 pm PDT, Tuesday, June 11, 2019</p>",
    )
    assert _day(html) == dt.date(2019, 6, 11)


def test_utc_timestamp_next_to_a_local_url_day() -> None:
    html = _page(head='<meta property="article:published_time" content="2019-06-12T03:10:00Z">')
    url = "https://courier.example/2019/06/11/ferry-pier-to-close/"
    assert _day(html, url) == dt.date(2019, 6, 11)


def test_structured_date_kept_with_its_time_when_the_shown_day_agrees() -> None:
    html = _page(
        head='<meta property="article:published_time" content="2019-06-11T21:15:00-07:00">',
        below="<p>June 11, 2019</p>",
    )
    published = newsloom.extract(html, kind="html").published
    assert published == dt.datetime(2019, 6, 11, 21, 15, tzinfo=dt.timezone(dt.timedelta(hours=-7)))


def test_itemprop_date_on_a_time_element() -> None:
    html = _page(below='<time itemprop="datePublished" datetime="2018-04-03T10:20:00">3 Apr</time>')
    assert _day(html) == dt.date(2018, 4, 3)


# --- which date near the headline -----------------------------------------------------


def test_published_date_before_the_update_date() -> None:
    below = "<p>Posted: May 4, 2021 09:10 | Updated: May 6, 2021 18:00</p>"
    assert _day(_page(below=below)) == dt.date(2021, 5, 4)
    above = "<div>Aug 2, 2020 14:05 | Updated Aug 3, 2020 08:00</div>"
    assert _day(_page(above=above)) == dt.date(2020, 8, 2)


def test_update_date_when_the_page_shows_no_other() -> None:
    below = (
        "<p>Mira Holm. Updated October 21st, 2022</p>"
        "<p>Readers wrote in all week about the pier.</p>"
        "<blockquote>The pier is gone and nobody told us, said one reader. "
        "— Pier Friends (@pierfriends) October 18, 2022</blockquote>"
    )
    assert _day(_page(below=below)) == dt.date(2022, 10, 21)


def test_a_date_inside_the_standfirst_is_not_the_publication() -> None:
    below = (
        "<p class='standfirst'>The pier first opened to boats on the morning of "
        "Sunday, June 4, 1995, after years of delay.</p>"
        "<p>By Oskar Berg</p><p>08:15, 2 JUN 2021</p>"
    )
    assert _day(_page(below=below)) == dt.date(2021, 6, 2)


def test_a_teaser_list_above_the_headline_yields_to_structured_data() -> None:
    above = (
        "<h2>Harbour fees rise again</h2><div>12. März 2019</div><div>Hafen</div><div>Boote</div>"
    )
    head = '<meta property="article:published_time" content="2019-09-30T08:00:00+02:00">'
    assert _day(_page(head=head, above=above)) == dt.date(2019, 9, 30)


def test_a_registration_date_is_not_the_publication() -> None:
    below = "<p>Beiträge: 1626</p><p>Registriert: 18.09.2008, 05:56</p>"
    assert _day(_page(below=below)) is None


def test_german_and_french_shown_dates() -> None:
    assert _day(_page(below="<p>Erschienen am 26. Jan 2022 im Format Aktuelles</p>")) == dt.date(
        2022, 1, 26
    )
    assert _day(_page(below="<p>Publié le 3 février 2020 à 10h12</p>")) == dt.date(2020, 2, 3)


# --- numeric dates: day or month first ------------------------------------------------


def test_a_us_page_writes_the_month_first() -> None:
    html = _page(below="<p>Computer News 1/8/08</p>")
    assert _day(html, "http://news.example.com/story/apple-080108") == dt.date(2008, 1, 8)


def test_a_british_page_writes_the_day_first() -> None:
    html = _page(below="<p>Courier Staff 07/01/2008</p>")
    assert _day(html, "http://www.courier.example.co.uk/news/1") == dt.date(2008, 1, 7)


def test_the_page_own_unambiguous_dates_tell_the_order() -> None:
    html = _page(
        below="<p>Courier Staff 07/01/2008</p>",
        body=_BODY + "<aside><p>Comment by Ola (25/12/2007 10:15)</p></aside>",
    )
    assert _day(html, "http://courier.example.com/news/1") == dt.date(2008, 1, 7)


def test_structured_date_tells_how_an_ambiguous_date_reads() -> None:
    head = '<meta property="article:published_time" content="2021-11-01T05:00:14">'
    html = "<html lang='de'>" + _page(head=head, below="<p>Zweirad 11/01/2021</p>")[6:]
    assert _day(html) == dt.date(2021, 11, 1)


def test_numeric_order() -> None:
    lines = [Line("Comments (12/19/2007 16:36)")]
    assert numeric_order(lines, None, None) == "mdy"
    assert numeric_order([Line("(19/12/2007)")], "en", "x.example.com") == "dmy"
    assert numeric_order([], "en", "news.example.co.uk") == "dmy"
    assert numeric_order([], "de", None) == "dmy"
    assert numeric_order([], None, "example.com") == "mdy"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted : Mon, 07 Jan 2008 11:59:03 GMT", dt.date(2008, 1, 7)),
        ("Aktualisiert am 06. Mär. 2023", dt.date(2023, 3, 6)),
        ("10 de diciembre de 2019", dt.date(2019, 12, 10)),
        ("Written: 2023-11-07 15:03:30", dt.date(2023, 11, 7)),
        ("29.04.2020, 12:01 Uhr", dt.date(2020, 4, 29)),
        ("Dec. 16, 2007 18:22", dt.date(2007, 12, 16)),
        ("9:35am Wed 9 Jan 08", dt.date(2008, 1, 9)),
        ("2021年5月6日", dt.date(2021, 5, 6)),
        ("20 мая 2020", dt.date(2020, 5, 20)),
    ],
)
def test_dates_in_text(text: str, expected: dt.date) -> None:
    assert [shown.day for _, _, shown in dates_in(text, "mdy")] == [expected]


def test_no_date_in_versions_times_or_old_years() -> None:
    assert list(dates_in("version 1.2.3 at 10:30, Mar 5", "mdy")) == []
    assert list(dates_in("the 12 May 1945 surrender", "mdy")) == []


def test_headline_line_prefers_the_h1() -> None:
    lines = [Line("Ferry pier to close", 2), Line("12 May 2021"), Line("Ferry pier to close", 1)]
    assert headline_line(lines, ["Ferry pier to close | Courier"]) == 2
    # No line shows the title: the first h1 of three words or more.
    assert headline_line(lines, ["Something else entirely"]) == 2
    assert headline_line([Line("Ferry news", 1)], ["Something else entirely"]) is None
    assert headline_line([Line("Council votes on the pier budget", 1)], []) == 0


def test_shown_date_without_a_headline() -> None:
    assert shown_date([Line("12 May 2021")], None, "mdy") is None


# --- combining the evidence -----------------------------------------------------------


def test_local_timestamp_wins_over_its_utc_day() -> None:
    """htmldate read the UTC copy of the time (the day before); the local day is kept."""
    local = dt.datetime(2031, 3, 5, 1, 30, tzinfo=PLUS_TWO)
    assert publication_time(None, local, "2031-03-04") == local


def test_structured_timestamp_wins_over_htmldate() -> None:
    other_day = dt.datetime(2031, 3, 9, 12, 0, tzinfo=PLUS_TWO)
    assert publication_time(None, other_day, "2031-03-04") == other_day


def test_utc_timestamp_gives_way_to_the_local_day_next_to_it() -> None:
    utc = dt.datetime(2031, 3, 5, 5, 30, tzinfo=dt.UTC)
    assert publication_time(None, utc, "2031-03-04") == dt.date(2031, 3, 4)
    assert publication_time(None, utc, "2031-03-05") == utc
    assert publication_time(None, utc, "2031-02-20") == utc


def test_shown_day_and_timestamp() -> None:
    evening = dt.datetime(2031, 3, 4, 22, 0, tzinfo=MINUS_EIGHT)
    assert publication_time(ShownDate(dt.date(2031, 3, 4)), evening, None) == evening
    utc = dt.datetime(2031, 3, 5, 6, 0, tzinfo=dt.UTC)
    assert publication_time(ShownDate(dt.date(2031, 3, 4)), utc, None) == dt.date(2031, 3, 4)
    far = dt.datetime(2031, 1, 10, 9, 0, tzinfo=PLUS_TWO)
    assert publication_time(ShownDate(dt.date(2031, 3, 4)), far, None) == dt.date(2031, 3, 4)


def test_weak_shown_day_only_without_structured_date() -> None:
    weak = ShownDate(dt.date(2031, 3, 4), weak=True)
    noon = dt.datetime(2031, 6, 1, 12, 0, tzinfo=PLUS_TWO)
    assert publication_time(weak, noon, None) == noon
    assert publication_time(weak, None, "2031-06-01") == dt.date(2031, 3, 4)


def test_htmldate_day_alone() -> None:
    assert publication_time(None, None, "2031-03-04") == dt.date(2031, 3, 4)
    assert publication_time(None, None, None) is None


def test_modification_before_publication_is_dropped() -> None:
    published = dt.datetime(2031, 3, 4, 9, 0, tzinfo=PLUS_TWO)
    assert modification_time(dt.date(2031, 3, 1), published) is None
    assert modification_time(dt.date(2031, 3, 4), published) == dt.date(2031, 3, 4)
    assert modification_time(dt.date(2031, 3, 1), None) == dt.date(2031, 3, 1)


def test_a_day_stamped_in_the_url_beats_a_date_in_the_prose() -> None:
    # A long paragraph, as body prose is: a date inside its sentence is no shown date.
    body = _BODY + (
        "<p>Covering the period from 1 November 2015 to the end of May, the harbour survey "
        "found that the pilings had lost a third of their strength in two winters, and that "
        "the old ferry ramp would need new steel before the boats could use it again.</p>"
    )
    stamped = "https://news.example/story/20170314085406tsop.nb/top/Ferry.html"
    assert _day(_page(body=body), url=stamped) == dt.date(2017, 3, 14)
    # The positive control: a shown date next to the headline still comes first.
    shown = _page(body=body, below="<p class='meta'>Published: 12 March 2017</p>")
    assert _day(shown, url=stamped) == dt.date(2017, 3, 12)


# --- a date labelled far from the headline -------------------------------------------


@pytest.mark.parametrize(
    "footer",
    [
        ["Last modified: 31.10.2031 - 14:49", "Erschienen am: 01.11.2031"],
        ["First published", "1 November 2031"],
        ["Reads: 61", "Date published: Nov. 1, 2031 | 2 min read"],
    ],
)
def test_a_publication_date_labelled_in_the_footer(footer: list[str]) -> None:
    # No date next to the headline: the page labels its publication at the bottom.
    body = [Line("The ferry pier closes for repairs this summer, the board said. " * 4)] * 2
    lines = [Line("Ferry pier to close", heading=1), *body, *(Line(f) for f in footer)]
    shown = shown_date(lines, 0, "dmy")
    assert shown is not None and shown.day == dt.date(2031, 11, 1) and shown.weak


def test_several_labelled_days_far_from_the_headline_say_nothing() -> None:
    # A list of other stories, each with its date, under the article.
    body = [Line("The ferry pier closes for repairs this summer, the board said. " * 4)] * 2
    lines = [Line("Ferry pier to close", heading=1), *body]
    lines += [Line("Bridge reopens"), Line("Published: 3 May 2031")]
    lines += [Line("New ferry timetable"), Line("Published: 9 May 2031")]
    assert shown_date(lines, 0, "dmy") is None
    one = [Line("Ferry pier to close", heading=1), *body, Line("Published: 3 May 2031")]
    assert shown_date(one, 0, "dmy") == ShownDate(dt.date(2031, 5, 3), weak=True)
