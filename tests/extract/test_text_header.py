"""The headline and the authors in the header of scraped text (invented pages).

Between a page's headline and its body a scraper's dump holds the byline, the author's
handle, the agency, the date, a wire slug, a photo caption and its credit, share
buttons: the headline is found past all of them, and the author is read from them.
"""

from __future__ import annotations

from newsloom.extract.text import extract_text
from newsloom.extract.text_region import find_title, is_header_furniture
from newsloom.options import Options

OPTIONS = Options()

BODY = [
    "The harbour board of Quellmouth approved a plan on Tuesday to dredge the northern "
    "channel, which has silted up so badly that grain barges can only pass at high tide.",
    "Board chair Ilse Varnow said the work would start in the spring and take about four "
    "months, paid for by a levy on every tonne of cargo landed at the port.",
    "Barge owners welcomed the decision but said the levy would fall hardest on the small "
    "family firms that carry most of the grain from the inland farms.",
]
MENU = ["Home", "Local", "Business", "Sport", "Weather"]
HEADLINE = "Quellmouth board backs dredging of silted grain channel"


def dump(*header: str) -> str:
    return "\n".join([*MENU, HEADLINE, *header, *BODY, "About us", "Contact"])


def test_headline_is_found_past_name_handle_and_date() -> None:
    article = extract_text(dump("Ilse Brandt", "@ilsebrandt", "Mar 4, 2031 at 9:15 am"), OPTIONS)
    assert article.title == HEADLINE
    assert article.authors == ["Ilse Brandt"]
    assert article.paragraphs == BODY


def test_headline_is_found_past_agency_slug_caption_and_credit() -> None:
    article = extract_text(
        dump(
            "By TOMAS ORLE and NIKA VESS",
            "Associated Press",
            "BC-EU--Quellmouth-Harbour, 1st Ld-Writethru",
            "Barges wait for the tide at the mouth of the northern channel",
            "Pera Lind, Associated Press",
        ),
        OPTIONS,
    )
    assert article.title == HEADLINE
    assert article.authors == ["Tomas Orle", "Nika Vess"]


def test_headline_is_found_past_share_buttons() -> None:
    buttons = [
        "Share on Facebook (opens in new window)",
        "Share on Twitter (opens in new window)",
        "Share by email (opens in new window)",
        "Close share panel",
        "Updated 10:02 pm, Tuesday, March 4, 2031",
    ]
    article = extract_text(dump(*buttons), OPTIONS)
    assert article.title == HEADLINE


def test_name_run_into_its_handle_and_name_after_a_dated_by() -> None:
    assert extract_text(dump("Ilse Brandt@ilsebrandt"), OPTIONS).authors == ["Ilse Brandt"]
    article = extract_text(dump("Tuesday March 4, 2031 9:15 am by Tomas Orle"), OPTIONS)
    assert article.authors == ["Tomas Orle"]
    assert article.title == HEADLINE


def test_a_name_without_handle_agency_or_date_after_it_is_no_author() -> None:
    article = extract_text(dump("Market Report", "Key Points"), OPTIONS)
    assert article.authors == []


def test_header_furniture() -> None:
    for line in (
        "Published 11:34 PM EST Mar 4, 2031",
        "Pera Lind, Associated Press",
        "REUTERS / POOL",
        "• 2 min read",
        "@ilsebrandt",
        "Share Tweet Submit",
        "Back to Gallery",
        "https://example.org/quellmouth-harbour",
        "One barge owner did not hold back when asked about the levy by",
    ):
        assert is_header_furniture(line), line
    assert not is_header_furniture(HEADLINE)


def test_longer_headline_above_its_deck() -> None:
    lines = [
        *MENU,
        HEADLINE,
        "Cargo levy to pay for it",
        "By Ilse Brandt",
        *BODY,
    ]
    assert find_title(lines, len(MENU) + 3) == len(MENU)


def test_photo_caption_and_credit_leave_the_body() -> None:
    caption = "Grain barges wait for the tide at the mouth of the silted northern channel."
    lines = [*MENU, HEADLINE, "By Ilse Brandt", BODY[0], caption]
    lines += ["Pera Lind/Kestrel Times/Getty Images", *BODY[1:], "About us"]
    article = extract_text("\n".join(lines), OPTIONS)
    assert caption not in article.paragraphs
    assert "Pera Lind/Kestrel Times/Getty Images" not in article.text
    reasons = {segment.text: segment.reason for segment in article.removed}
    assert reasons[caption] == "caption"
    assert reasons["Pera Lind/Kestrel Times/Getty Images"] == "credit"


def test_a_sentence_naming_an_agency_is_no_credit() -> None:
    line = "The Associated Press reported that the board met behind closed doors, then voted."
    article = extract_text(dump("By Ilse Brandt", line), OPTIONS)
    assert line in article.paragraphs


# --- a header that the body's region took in ------------------------------------------

STANDFIRST = (
    "Barges have waited for the tide at the mouth of the northern channel for three years "
    "and now the harbour board has decided to pay for the dredgers itself."
)
CAPTION = (
    "Grain barges wait at the mouth of the northern channel of Quellmouth harbour on a "
    "grey morning, a sight that the board hopes to end by the summer."
)


def test_the_body_starts_after_a_byline_or_date_stamp_below_the_standfirst() -> None:
    for stamp in [
        "By Ilse Brandt | Special to the Quellmouth Courier",
        "PUBLISHED: March 4, 2031 at 8:59 pm | UPDATED: March 4, 2031 at 10:16 pm",
        "March 4, 2031 Ilse Brandt",
        "Текст: Илзе Брандт · 4 марта 2031",
    ]:
        article = extract_text(dump(STANDFIRST, CAPTION, stamp), OPTIONS)
        assert article.paragraphs == BODY, stamp


def test_a_share_count_and_gallery_counters_are_no_body() -> None:
    body = [BODY[0], "0", BODY[1], "12", BODY[2]]
    article = extract_text("\n".join([*MENU, HEADLINE, *body]), OPTIONS)
    assert article.paragraphs == BODY


def test_prose_above_a_date_line_in_the_body_stays() -> None:
    # Three paragraphs of prose before a dated line: the article, not its header.
    dated = "Updated March 5, 2031 at 9:00 am"
    article = extract_text(dump(*BODY, "The board meets again on Friday"), OPTIONS)
    assert article.paragraphs[:3] == BODY
    lines = [*MENU, HEADLINE, *BODY, "Ilse Varnow at the harbour", dated, *BODY[:1]]
    article = extract_text("\n".join(lines), OPTIONS)
    assert article.paragraphs[:3] == BODY


def test_a_live_report_time_is_no_header_stamp() -> None:
    # A bare time opens each entry of a live report; the entries before it stay.
    lines = [*MENU, HEADLINE, BODY[0], "10 p.m.", BODY[1], "9 p.m.", BODY[2]]
    article = extract_text("\n".join(lines), OPTIONS)
    assert BODY[0] in article.paragraphs


def test_a_caption_label_and_the_caption_after_it_leave_the_body() -> None:
    body = [BODY[0], "Image copyright Pera Lind", "Image caption",
            "Barges wait for the tide at the mouth of the channel", BODY[1], BODY[2]]  # fmt: skip
    article = extract_text("\n".join([*MENU, HEADLINE, *body]), OPTIONS)
    assert article.paragraphs == BODY
