"""Quotes laid out by punctuation: a dash and a name after the quote, transcript turns,
a paragraph opened by a reversed curly mark. Invented articles only."""

from __future__ import annotations

from typing import Any

import newsloom
from newsloom.enrich.quotes import QuoteStage
from newsloom.enrich.quotes.config import quote_config
from newsloom.enrich.quotes.direct import find_quoted_spans
from newsloom.record import Article, Quote


def run(nlp: Any, text: str) -> list[Quote]:
    article = Article(paragraphs=[text], published=newsloom.record.parse_iso("2024-03-05"))
    QuoteStage()(article, nlp(text))
    return article.quotes


def contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text, quote_config())]


def test_a_dash_and_a_name_after_the_quote_attribute_it_even_without_a_space(
    nlp: Any,
) -> None:
    text = (
        "“The ferry should run every hour. We have waited long enough.”― Tomas Berg\n"
        "“Nobody asked the fishermen what they needed this winter.” ― Mary Jones\n"
    )
    quotes = run(nlp, text)
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("direct", "Tomas Berg"),
        ("direct", "Mary Jones"),
    ]


def test_a_name_ending_the_line_above_does_not_make_the_next_quote_woven(nlp: Any) -> None:
    text = (
        "“The council has ignored the harbour for ten long years.” ― Anna Kovacs\n"
        "“We need a bridge that does not close every storm.” ― Paul White"
    )
    assert [q.speaker for q in run(nlp, text)] == ["Anna Kovacs", "Paul White"]


def test_a_paragraph_opened_by_a_reversed_mark_is_a_quote() -> None:
    text = "Readers wrote in.\n\n”The harbour tax is unfair to everyone here.” ― Brian Smith"
    assert contents(text) == ["The harbour tax is unfair to everyone here."]
    assert contents("He said “it is over” and ”left") == ["it is over"]


def test_transcript_turns_are_not_one_long_quote(nlp: Any) -> None:
    text = (
        "The interview went as follows:\n\n"
        '"MODERATOR: Will the bridge reopen before the winter storms?\n\n'
        '"KOVACS: We will rebuild it this year, whatever the council says.\n\n'
        '"MODERATOR: And the ferry?"'
    )
    quotes = run(nlp, text)
    turns = [(text[q.speaker_start : q.speaker_end], q.kind) for q in quotes]  # type: ignore[misc]
    assert turns == [("MODERATOR", "reported"), ("KOVACS", "reported"), ("MODERATOR", "reported")]
    assert quotes[1].text == "We will rebuild it this year, whatever the council says"
