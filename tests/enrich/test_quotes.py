"""QuoteStage on short invented articles, and on the seed read at test time."""

from __future__ import annotations

import re
from pathlib import Path

import newsloom
from newsloom.enrich.quotes.config import quote_config
from newsloom.enrich.quotes.direct import find_quoted_spans
from newsloom.enrich.quotes.stage import QuoteStage
from newsloom.record import Article, Quote

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def run(nlp: object, text: str, published: str | None = "2024-03-05") -> list[Quote]:
    article = Article(paragraphs=[text], published=newsloom.record.parse_iso(published))
    QuoteStage()(article, nlp(text))  # type: ignore[operator]
    return article.quotes


def contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text, quote_config())]


def test_every_quote_mark_style_is_read() -> None:
    assert contents('He said "we go now" then.') == ["we go now"]
    assert contents("She said “it is done” today.") == ["it is done"]
    assert contents("Il a dit «c'est fini» hier.") == ["c'est fini"]
    assert contents("Brenna’s aide said ‘we won’t stop’ loudly.") == ["we won’t stop"]


def test_a_quote_runs_over_paragraphs_that_reopen_it() -> None:
    text = '"The first part of it\n\n"and the second part," he said.'
    assert contents(text) == ['The first part of it\n\n"and the second part,']


def test_an_unclosed_mark_does_not_swallow_the_article() -> None:
    text = (
        'He said "this never closes.\n\n' + "Filler words here. " * 400 + '"Yes it does," I said.'
    )
    found = contents(text)
    assert found == ["Yes it does,"]
    assert contents('"' + "word " * 2000) == []


def test_split_quote_with_pronoun_after_a_named_subject(nlp: object) -> None:
    text = (
        "Maria Lopez visited the harbour of Lindmoor on Monday.\n\n"
        '"It is over," she said, "and we won the vote."'
    )
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert [q.text for q in quotes] == ["It is over,", "and we won the vote."]
    assert all(q.speaker == "Maria Lopez" and q.cue == "said" for q in quotes)
    assert text[quotes[0].speaker_start : quotes[0].speaker_end] == "she"  # type: ignore[misc]


def test_attribution_before_with_channel_and_publication_date(nlp: object) -> None:
    text = 'Tomas Berg said in a statement: "We will rebuild every bridge in the valley."'
    (quote,) = run(nlp, text)
    assert quote.kind == "direct" and quote.speaker == "Tomas Berg"
    assert quote.channel == "in a statement" and quote.date == "2024-03-05"
    assert quote.text == "We will rebuild every bridge in the valley."


def test_reported_speech_variants(nlp: object) -> None:
    text = (
        "Governor Anna Kovacs said the dam would be finished in May. "
        "The ministry told reporters that the talks had failed. "
        "The river will rise again tonight, officials warned. "
        "According to the Lindmoor council, the ferry will stop running."
    )
    quotes = {q.text: q for q in run(nlp, text)}
    assert (quotes["the dam would be finished in May"].speaker or "").endswith("Anna Kovacs")
    told = quotes["the talks had failed"]
    assert told.speaker == "ministry" and told.channel == "told reporters"
    assert quotes["The river will rise again tonight"].cue == "warned"
    assert quotes["the ferry will stop running"].cue == "According to"
    assert all(q.kind == "reported" for q in quotes.values())


def test_role_noun_resolves_to_the_person_in_apposition(nlp: object) -> None:
    text = (
        "Daniel Moreno, the ambassador, arrived in Lindmoor on Tuesday.\n\n"
        "The harbour will reopen next month, the ambassador said."
    )
    (quote,) = [q for q in run(nlp, text) if q.cue == "said"]
    assert quote.speaker == "Daniel Moreno"
    assert text[quote.speaker_start : quote.speaker_end] == "the ambassador"  # type: ignore[misc]


def test_confidence_ranks_named_over_pronoun(nlp: object) -> None:
    text = 'Anna Kovacs said the plan works. "We will not give up on it," she said.'
    by_kind = {q.kind: q for q in run(nlp, text)}
    assert by_kind["reported"].speaker == by_kind["direct"].speaker == "Anna Kovacs"
    assert by_kind["reported"].confidence > by_kind["direct"].confidence - 0.2


def test_scare_quotes_and_woven_fragments_are_not_quotes(nlp: object) -> None:
    text = 'The mayor called the plan a "total mess" in the city of Lindmoor.'
    assert [q for q in run(nlp, text) if q.kind == "direct"] == []


def test_empty_text_has_no_quotes(nlp: object) -> None:
    assert run(nlp, "") == []


def _expected_surnames(shared: Path) -> dict[str, str]:
    expected = (shared / "seed" / "EXPECTED.md").read_text(encoding="utf-8")
    section = expected.split("## Quotes", 1)[1]
    direct = re.search(r"spoken by (\w+) (\w+)", section)
    reported = re.findall(r"(\w+) said", section.split("Reported speech", 1)[1])
    assert direct and reported
    return {"direct": direct.group(2), "reported": " ".join(reported)}


def test_seed_quotes(seed_text: str, shared_dir: Path) -> None:
    body = newsloom.extract(seed_text).text
    article = newsloom.analyze(body, published="2025-09-24")
    expected = _expected_surnames(shared_dir)
    direct = [q for q in article.quotes if q.kind == "direct"]
    assert len(direct) == 1
    (quote,) = direct
    assert expected["direct"] in (quote.speaker or "")
    assert quote.cue == "said" and quote.date == "2025-09-24"
    assert quote.channel is not None and quote.channel.endswith("television")
    reported = [q for q in article.quotes if q.kind == "reported" and q.cue == "said"]
    speakers = [(q.speaker or "").split()[-1] for q in reported]
    assert speakers == expected["reported"].split()


def test_transcript_lines_name_their_speaker(nlp: object) -> None:
    text = (
        "MODERATOR: What will you do about the bridge?\n\n"
        "KOVACS: We will rebuild it this year.\n\n"
        "MODERATOR: And the ferry?"
    )
    quotes = run(nlp, text)
    assert [(q.cue, text[q.speaker_start : q.speaker_end]) for q in quotes] == [  # type: ignore[misc]
        (":", "MODERATOR"),
        (":", "KOVACS"),
        (":", "MODERATOR"),
    ]
    assert quotes[1].text == "We will rebuild it this year"


def test_reported_beliefs_and_speech_acts_with_their_contents(nlp: object) -> None:
    text = (
        "Brian Smith believes the bridge is safe. "
        "Mary Jones vowed to close the harbour next year. "
        "David Brown called for higher taxes. "
        "Paul White accused Mary Jones of hiding the report."
    )
    quotes = {q.text: q for q in run(nlp, text) if q.kind == "reported"}
    assert quotes["the bridge is safe"].speaker == "Brian Smith"
    assert quotes["to close the harbour next year"].cue == "vowed"
    assert quotes["higher taxes"].speaker == "David Brown"
    assert quotes["Mary Jones of hiding the report"].speaker == "Paul White"


def test_plans_and_bare_noun_phrases_are_not_what_was_said(nlp: object) -> None:
    text = (
        "Mary Jones wants to close the harbour next year. "
        "Laura Green announced a plan to rebuild the station. "
        "Tomas Berg defended the toll."
    )
    assert [q for q in run(nlp, text) if q.kind == "reported"] == []


def test_verbs_outside_the_cue_lists_report_nothing(nlp: object) -> None:
    text = "Brian Smith tried to fix the roof. Mary Jones raised more than $2 million."
    assert [q for q in run(nlp, text) if q.kind == "reported"] == []


def test_reported_speech_needs_a_source(nlp: object) -> None:
    text = "The new bridge was praised for its design."
    assert [q for q in run(nlp, text) if q.kind == "reported"] == []


def test_reported_content_with_a_quoted_tail_stays_reported(nlp: object) -> None:
    text = 'Brian Smith said the council would never allow "a second toll on the old bridge."'
    (quote,) = run(nlp, text)
    assert quote.kind == "reported" and quote.text.startswith("the council would never")


def test_a_named_appositive_speaks_for_a_common_noun_subject(nlp: object) -> None:
    text = "Its founder's grandson, chief executive Piers Holloway, said he regretted it."
    (quote,) = run(nlp, text)
    assert quote.speaker == "Piers Holloway"
    assert text[quote.speaker_start : quote.speaker_end].endswith("Piers Holloway")  # type: ignore[misc]


def test_a_parenthetical_cue_reports_the_clause_it_interrupts(nlp: object) -> None:
    text = "The harbour, Mary Jones said, will reopen in May."
    (quote,) = run(nlp, text)
    assert quote.kind == "reported" and quote.speaker == "Mary Jones"
    assert quote.text == "The harbour, Mary Jones said, will reopen in May"


def test_two_apostrophes_are_one_quote_mark(nlp: object) -> None:
    assert contents("''We will win the vote,'' she said. It's Bob's dog.") == [
        "We will win the vote,"
    ]
    text = "''The bridge will reopen in May,'' Mary Jones said."
    (quote,) = run(nlp, text)
    assert quote.kind == "direct" and quote.speaker == "Mary Jones"


def test_a_cue_in_a_prepositional_phrase_borrows_the_clause_subject(nlp: object) -> None:
    text = "Mary Jones was quoted as saying the harbour would close."
    (quote,) = run(nlp, text)
    assert quote.text == "the harbour would close" and quote.speaker == "Mary Jones"


def test_a_nested_attribution_stays_part_of_the_outer_content(nlp: object) -> None:
    text = "Mary Jones said the harbour master believes the pier is unsafe."
    quotes = [q for q in run(nlp, text) if q.kind == "reported"]
    assert [(q.text, q.cue) for q in quotes] == [
        ("the harbour master believes the pier is unsafe", "said")
    ]


def test_a_quotation_brought_in_by_that_is_reported(nlp: object) -> None:
    text = 'Tomas Berg wrote that, "the ferry will never run again on this coast."'
    (quote,) = run(nlp, text)
    assert quote.kind == "reported" and quote.speaker == "Tomas Berg"
    assert quote.text == "the ferry will never run again on this coast"


def test_calling_something_by_a_name_reports_object_and_name(nlp: object) -> None:
    text = "Mary Brown called the new toll a disgrace. The mayor called a meeting at noon."
    quotes = [q for q in run(nlp, text) if q.kind == "reported"]
    assert [(q.text, q.speaker) for q in quotes] == [("the new toll a disgrace", "Mary Brown")]


def test_noun_cues_report_their_clause_with_the_possessor_as_source(nlp: object) -> None:
    text = (
        "The council studied Mary Jones's claim that the pier was unsafe. "
        "Tomas Berg made a promise to rebuild the ferry dock. "
        "The claim that he made was never checked."
    )
    quotes = {q.text: q for q in run(nlp, text) if q.kind == "reported"}
    assert set(quotes) == {"the pier was unsafe", "to rebuild the ferry dock"}
    assert quotes["the pier was unsafe"].cue == "claim"
    assert quotes["the pier was unsafe"].speaker == "Mary Jones"
    assert quotes["to rebuild the ferry dock"].speaker == "Tomas Berg"


def test_a_noun_cue_without_a_source_reports_nothing(nlp: object) -> None:
    text = "The announcement that the plant will close shocked the town of Lindmoor."
    assert [q for q in run(nlp, text) if q.kind == "reported"] == []


def test_findings_are_reported_and_knowledge_is_not(nlp: object) -> None:
    text = (
        "Brian Smith knows the harbour wall is unsafe. "
        "Investigators learned that the pump had failed. "
        "The survey indicates that the race in Lindmoor is close."
    )
    quotes = {q.cue: q for q in run(nlp, text) if q.kind == "reported"}
    assert "knows" not in quotes and "learned" not in quotes
    assert quotes["indicates"].text == "the race in Lindmoor is close"


def test_acts_are_not_what_was_said(nlp: object) -> None:
    text = (
        "Rebels attacked a convoy near Brask. "
        "The two ministers signed the grain deal in Orvik. "
        "The council published its accounts on Monday."
    )
    assert [q for q in run(nlp, text) if q.kind == "reported"] == []


def test_a_passive_object_cue_reports_nothing(nlp: object) -> None:
    text = "The toll plan was rejected by Mary Jones. The bridge was praised for its design."
    assert [q for q in run(nlp, text) if q.kind == "reported"] == []


def test_an_as_clause_cue_reports_the_clause_around_it(nlp: object) -> None:
    text = "Lindmoor, as Mayor Mary Jones observed, normally does not get two storms."
    (quote,) = run(nlp, text)
    assert (quote.speaker or "").endswith("Mary Jones") and quote.cue == "observed"
    assert quote.text.startswith("Lindmoor") and quote.text.endswith("not get two storms")


def test_a_transcript_line_may_open_with_a_quote_mark(nlp: object) -> None:
    text = 'The debate went on.\n\n"KOVACS: We will rebuild the old bridge this year.'
    quotes = [q for q in run(nlp, text) if q.cue == ":"]
    assert [text[q.speaker_start : q.speaker_end] for q in quotes] == ["KOVACS"]  # type: ignore[misc]
    assert quotes[0].text == "We will rebuild the old bridge this year"
