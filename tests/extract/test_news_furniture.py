"""Page furniture that reaches the body, on short invented articles and lines.

Site notices that read like prose (cookie consent, rules for comments), keyword lists,
follow prompts, teaser lists with their summaries, machine timestamps and photo captions
with their credits: none of them is the article, and the article's own sentences about the
same things stay.
"""

from __future__ import annotations

import pytest

from newsloom.extract.news import apply_news_layer
from newsloom.extract.news_lines import (
    caption_credit,
    is_chrome,
)
from newsloom.extract.text_lines import is_date_stamp

BODY_ONE = (
    "The harbour council of Velmora voted on Monday to close the old ferry pier, "
    "ending ninety years of crossings to the island of Tresk."
)
BODY_TWO = (
    "Councillor Idris Pellam said the pier had become unsafe after the winter storms "
    "and that a new landing would open next spring."
)


def reasons(result: object) -> dict[str, str]:
    return {r.text: r.reason for r in result.removed}  # type: ignore[attr-defined]


# --- notices of the site, at any length -----------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "This website uses cookies to improve your experience while you browse the pages of "
        "the site. Of these, the cookies that are categorised as necessary are stored in your "
        "browser as they are essential for the working of basic functions of the website.",
        "We use cookies and similar tools to give you the best possible experience, to show "
        "you offers that may interest you and to measure how many people read our reports.",
        "As you comment, please be respectful of other readers and of the people we write "
        "about. Our aim is a lively discussion, and comments that abuse others are removed.",
        "Comments are moderated and may take a little while to appear under the story, so "
        "please do not post the same comment twice if it does not show up at once.",
        "Follow Kell Radio on Instagram, Facebook and YouTube.",
        "Get the Velmora Weekly delivered to your door every Saturday. Twelve issues cost "
        "less than a ferry ticket. Click here for more information.",
        "Search for more stories on this topic in our archive of forty years of news. Click here",
        '[button link="https://example.org/send" size="big"] Send us your story[/button]',
        "https://cdn.example.org/images/ferry-pier-1200x800.jpg",
        "@velmoracourier",
    ],
)
def test_a_site_notice_is_chrome_however_long(line: str) -> None:
    assert is_chrome(line)
    result = apply_news_layer([BODY_ONE, line, BODY_TWO])
    assert result.paragraphs == [BODY_ONE, BODY_TWO]


@pytest.mark.parametrize(
    "line",
    [
        "The regulator fined the advertising firm for storing cookies on readers' phones "
        "without asking them first, the third such fine this year.",
        "Pellam said he would follow the council's advice on the landing and wait for the "
        "engineers' report before he comments on the cost.",
        "Readers who want to comment on the plan can write to the council before May.",
        "The bakery's cookies sold out within an hour of the market opening on Saturday "
        "morning in Tresk.",
    ],
)
def test_news_sentences_about_cookies_or_comments_stay(line: str) -> None:
    assert not is_chrome(line)
    assert apply_news_layer([BODY_ONE, line]).paragraphs == [BODY_ONE, line]


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("Tags: ferries, Velmora, harbour council", True),
        ("Tags:ferry pier Tresk island", True),
        ("Теги порт паром Вельмора", True),
        ("Topics Harbours Transport", True),
        ("Topics raised at the meeting included the pier.", False),
        ("View all (4)", True),
        ("Comments 12", True),
        ("Image caption", True),
        ("Page 2 of the report", False),
    ],
)
def test_keyword_lists_and_counted_controls(line: str, chrome: bool) -> None:
    assert is_chrome(line) is chrome


# --- related lists --------------------------------------------------------------------


def test_teaser_summaries_go_with_their_headlines() -> None:
    teasers = [
        "More in Science",
        "A new way to keep the harbour free of ice",
        "Engineers in Tresk say warm water from the mill could do the job.",
        "Why the island's lighthouse still runs on oil",
        "The keepers say the switch to solar power keeps being put off.",
        "Most read",
        "Ferry fares rise for the third year",
    ]
    result = apply_news_layer([BODY_ONE, BODY_TWO, *teasers])
    assert result.paragraphs == [BODY_ONE, BODY_TWO]
    assert "Why the island's lighthouse still runs on oil" in [i.title for i in result.related]


def test_a_long_teaser_summary_goes_when_another_marker_follows() -> None:
    summary = (
        "TRESK — Three years ago a fisherman's daughter started rowing across the bay before "
        "school, and on Sunday she won the national title in the single sculls, beating "
        "rowers from clubs with ten times the money and the boats to match, in a race the "
        "coach called the best he had seen on the bay in forty years of watching it."
    )
    lines = [
        BODY_ONE,
        BODY_TWO,
        "More in Sport",
        "Tresk rower wins national title",
        "November 19, 2031 at 5:10 pm",
        summary,
        "Read More",
        "Ferry fares rise again",
    ]
    result = apply_news_layer(lines)
    assert result.paragraphs == [BODY_ONE, BODY_TWO]


def test_a_short_paragraph_after_a_related_link_stays_when_the_article_goes_on() -> None:
    # "Read more" with one headline, then a short paragraph of the article and a
    # subheading over a paragraph longer than any teaser's summary: no list of teasers.
    long_one = BODY_ONE + " " + BODY_TWO
    lines = [
        BODY_ONE,
        "Read more",
        "Storm closes the coast road for a night",
        BODY_TWO,
        "What happens next",
        long_one,
    ]
    result = apply_news_layer(lines)
    assert result.paragraphs == [BODY_ONE, BODY_TWO, "What happens next", long_one]


# --- date stamps and captions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("2031-11-19T08:57:40+01:00", True),
        ("2031-11-19 08:57", True),
        ("10 p.m.", False),  # a live report's time stamp is its text
        ("Published in 2031 by the harbour board, the report runs to 300 pages.", False),
    ],
)
def test_date_stamps(line: str, stamp: bool) -> None:
    assert is_date_stamp(line) is stamp
    result = apply_news_layer([BODY_ONE, line, BODY_TWO])
    assert (line in result.paragraphs) is not stamp


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Workers clear the storm damage on the pier (Image: KELL NEWS)", "Image: KELL NEWS"),
        (
            "A ferry leaves the quay at Velmora on Aug. 31, 2031. (AP Photo/Ola Strand, File)",
            "AP Photo/Ola Strand, File",
        ),
        (
            "The councillor at the harbour last week.Credit...Ola Strand/The Kell Times",
            "Ola Strand/The Kell Times",
        ),
        ("Divers check the pilings (Ola Strand/Reuters)", "Ola Strand/Reuters"),
    ],
)
def test_a_caption_with_its_credit_leaves_the_body(line: str, credit: str) -> None:
    assert caption_credit(line) == credit
    result = apply_news_layer([BODY_ONE, line, BODY_TWO])
    assert result.paragraphs == [BODY_ONE, BODY_TWO]
    assert credit in result.credits
    assert reasons(result)[line] == "caption"


@pytest.mark.parametrize(
    "line",
    [
        "He said the plan (first reported by the Kell Times) would pass in May.",
        "The board met on Aug. 31, 2031. (The meeting was open to the public.)",
    ],
)
def test_brackets_in_a_sentence_are_no_credit(line: str) -> None:
    assert caption_credit(line) is None
