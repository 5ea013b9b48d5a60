"""The news layer, rule by rule, on short invented articles."""

from __future__ import annotations

from newsloom.extract.news import apply_news_layer
from newsloom.extract.news_lines import (
    byline_of,
    credit_of,
    is_chrome,
    split_dateline,
    wire_of,
)

BODY_ONE = (
    "The harbour council of Velmora voted on Monday to close the old ferry pier, "
    "ending ninety years of crossings to the island of Tresk."
)
BODY_TWO = (
    "Councillor Idris Pellam said the pier had become unsafe after the winter storms "
    "and that a new landing would open next spring."
)


def reasons(result: object) -> list[tuple[str, str]]:
    return [(r.text, r.reason) for r in result.removed]  # type: ignore[attr-defined]


def test_repeated_paragraph_is_kept_once_and_recorded_as_duplicate() -> None:
    result = apply_news_layer([BODY_ONE, BODY_TWO, BODY_ONE.upper()])
    assert result.paragraphs == [BODY_ONE, BODY_TWO]
    assert reasons(result) == [(BODY_ONE.upper(), "duplicate")]


def test_clean_body_paragraphs_pass_untouched() -> None:
    paragraphs = [
        BODY_ONE,
        BODY_TWO,
        "Residents who want to comment on the plan can write to the council before May.",
        "Read the full report, the mayor said, before judging the decision.",
    ]
    result = apply_news_layer(paragraphs)
    assert result.paragraphs == paragraphs
    assert result.removed == []
    assert result.source is None


def test_lone_agency_line_names_the_source() -> None:
    for line, agency in [("Reuters", "Reuters"), ("AP", "Associated Press"), ("dpa", "dpa")]:
        result = apply_news_layer([BODY_ONE, line])
        assert result.paragraphs == [BODY_ONE]
        assert result.source == agency
        assert reasons(result) == [(line, "wire")]


def test_copyright_agency_line_is_wire() -> None:
    assert wire_of("© AFP 2024") == ("AFP", False)
    assert wire_of("Copyright Xinhua") == ("Xinhua", False)


def test_copyright_and_article_from_lines_with_more_words_are_wire() -> None:
    assert wire_of("© 2031 The Associated Press. All rights reserved.") == (
        "Associated Press",
        False,
    )
    assert wire_of("Article from: Agence France-Presse") == ("AFP", False)
    assert wire_of("(Copyright 2031 by The Associated Press. All Rights Reserved.)") == (
        "Associated Press",
        False,
    )
    # The positive control: a line that only mentions an agency in prose is none.
    assert wire_of("The agency told Reuters it had no comment on the ferry.") is None


def test_a_reporting_tail_in_brackets_is_wire() -> None:
    tail = "(Reporting by Mira Osk in Velmora; Editing by Tom Bray)"
    result = apply_news_layer([BODY_ONE, tail])
    assert result.paragraphs == [BODY_ONE]
    assert result.source == "Reuters"
    edited = apply_news_layer([BODY_ONE, "(Editing by Tom Bray)"])
    assert edited.paragraphs == [BODY_ONE]
    glued = apply_news_layer([BODY_ONE, BODY_TWO + " (Editing by Tom Bray)"])
    assert glued.paragraphs == [BODY_ONE, BODY_TWO]
    # The positive control: an aside in brackets that credits no one stays.
    aside = BODY_TWO + " (The pier opened in 1931.)"
    assert apply_news_layer([BODY_ONE, aside]).paragraphs == [BODY_ONE, aside]


def test_reporting_tail_implies_reuters_only_without_a_named_agency() -> None:
    tail = "Reporting by Mira Osk in Velmora; Editing by Tom Bray"
    result = apply_news_layer([BODY_ONE, tail])
    assert result.paragraphs == [BODY_ONE]
    assert result.source == "Reuters"
    named = apply_news_layer([BODY_ONE, tail, "© AFP"])
    assert named.source == "AFP"


def test_dateline_is_stripped_from_the_first_paragraph_only() -> None:
    first = "VELMORA, March 3 (AFP) - The ferry pier will close, the council said."
    later = "TRESK (AP) — Islanders said they would miss the boat."
    result = apply_news_layer([first, later])
    assert result.paragraphs == ["The ferry pier will close, the council said.", later]
    assert result.source == "AFP"
    assert ("VELMORA, March 3 (AFP) -", "dateline") in reasons(result)


def test_dateline_forms() -> None:
    assert split_dateline("NEW HALDEN (Reuters) - The bridge reopened on Sunday.") == (
        "NEW HALDEN (Reuters) -",
        "Reuters",
        "The bridge reopened on Sunday.",
    )
    split = split_dateline("KORVIK, Norland, 12 June — Rain closed the airport for a day.")
    assert split is not None and split[1] is None
    assert split_dateline("The NATO summit - held in Korvik - ended early today.") is None


def test_dateline_with_a_long_country_name_and_an_unlisted_agency() -> None:
    split = split_dateline(
        "BRELLAN, Republic of the Upper Vessa (Tarn Valley Press) - Floods cut the road."
    )
    assert split == (
        "BRELLAN, Republic of the Upper Vessa (Tarn Valley Press) -",
        "Tarn Valley Press",
        "Floods cut the road.",
    )
    split = split_dateline("OSTRAVA, Bosnia and Herzegovina - The mayor resigned on Friday.")
    assert split is not None and split[1] is None and split[2].startswith("The mayor")
    # A known agency keeps its canonical name; lower-case words in parentheses are no agency.
    known = split_dateline("KELD (Thomson Reuters) - Talks resumed in the hall.")
    assert known is not None and known[1] == "Reuters"
    assert split_dateline("KELD (see map) - Talks resumed in the hall.") is None


def test_image_credits_are_taken_out_of_the_body() -> None:
    lines = {
        "Image: REUTERS/Ana Vell": "REUTERS/Ana Vell",
        "Photo: Lior Benn": "Lior Benn",
        "Photograph: Sam Rook/Getty Images": "Sam Rook/Getty Images",
        "Tom Pike/AFP via Getty Images": "Tom Pike/AFP via Getty Images",
        "AFP/Jo Marl": "AFP/Jo Marl",
    }
    for line, credit in lines.items():
        assert credit_of(line) == credit
        result = apply_news_layer([BODY_ONE, line, BODY_TWO])
        assert result.paragraphs == [BODY_ONE, BODY_TWO]
        assert result.credits == [credit]
    assert credit_of(BODY_ONE) is None


def test_related_block_after_marker() -> None:
    result = apply_news_layer(
        [
            BODY_ONE,
            "Related stories",
            "Tresk islanders fear for their school",
            "Storm damage bill tops two million, council says",
            "Sign up for our free newsletter",
        ]
    )
    assert result.paragraphs == [BODY_ONE]
    assert [r.title for r in result.related] == [
        "Tresk islanders fear for their school",
        "Storm damage bill tops two million, council says",
    ]
    assert ("Related stories", "boilerplate") in reasons(result)
    assert ("Sign up for our free newsletter", "boilerplate") in reasons(result)


def test_related_block_stops_at_a_sentence() -> None:
    result = apply_news_layer(["You may also like", "Velmora ferry fares to rise", BODY_TWO])
    assert [r.title for r in result.related] == ["Velmora ferry fares to rise"]
    assert result.paragraphs == [BODY_TWO]


def test_inline_read_more_is_a_related_item() -> None:
    result = apply_news_layer([BODY_ONE, "Read more: Velmora ferry fares to rise again", BODY_TWO])
    assert result.paragraphs == [BODY_ONE, BODY_TWO]
    assert [r.title for r in result.related] == ["Velmora ferry fares to rise again"]


def test_chrome_lines() -> None:
    chrome = [
        "Share this article",
        "Subscribe to our morning briefing",
        "We use cookies to improve your experience",
        "© 2024 Velmora Gazette. All rights reserved.",
        "Advertisement",
        "Please read our Comment Policy before commenting.",
    ]
    for line in chrome:
        assert is_chrome(line), line
    result = apply_news_layer([BODY_ONE, *chrome, BODY_TWO])
    assert result.paragraphs == [BODY_ONE, BODY_TWO]
    assert {reason for _, reason in reasons(result)} == {"boilerplate"}
    assert not is_chrome(BODY_TWO)


def test_byline_before_the_body() -> None:
    assert byline_of("By Mira Osk and Tom Bray") == ["Mira Osk", "Tom Bray"]
    result = apply_news_layer(["By Mira Osk", BODY_ONE, "By the way, the pier is closed"])
    assert result.authors == ["Mira Osk"]
    assert result.paragraphs == [BODY_ONE, "By the way, the pier is closed"]


def test_a_reporting_sentence_about_comment_is_body_not_chrome() -> None:
    paragraphs = [
        "The harbour board in Velmora raised berth fees by a tenth on Monday.",
        "A spokesperson for the shipping line declined to comment.",
        "Would you like to comment on this article?",
    ]
    result = apply_news_layer(paragraphs)
    assert "A spokesperson for the shipping line declined to comment." in result.paragraphs
    assert "Would you like to comment on this article?" not in result.paragraphs


def test_gallery_buttons_and_sponsor_lines_are_chrome() -> None:
    for line in ["View all", "See all", "Brought to you by", "Photo gallery"]:
        assert is_chrome(line), line
    # The positive controls: prose that holds the same words, or ends in a number.
    assert not is_chrome("Residents can view all the plans at the library.")
    assert not is_chrome("The council vote on the ferry pier is set for March 12")
