"""What is a quote: a speech cue with content that was said, not an act, a plan, a
refusal, a headline or the writer's own voice. Invented articles only."""

from __future__ import annotations

from typing import Any

import newsloom
from newsloom.enrich.quotes import QuoteStage
from newsloom.record import Article, Quote


def run(nlp: Any, text: str) -> list[Quote]:
    article = Article(paragraphs=[text], published=newsloom.record.parse_iso("2024-03-05"))
    QuoteStage()(article, nlp(text))
    return article.quotes


def reported(nlp: Any, text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.cue) for q in run(nlp, text) if q.kind == "reported"]


def test_a_negated_cue_reports_nothing(nlp: Any) -> None:
    text = (
        "The ministry did not confirm that the bridge had closed. "
        "Police are yet to confirm reports that a pump had failed. "
        "The harbour board would not reveal how much the repairs cost."
    )
    assert reported(nlp, text) == []


def test_declining_to_comment_is_not_a_quote(nlp: Any) -> None:
    text = (
        "A spokeswoman for the council declined to comment on the report. "
        "The mayor refused to discuss the toll. "
        "Lindmoor Ferries declined to comment."
    )
    assert reported(nlp, text) == []


def test_a_cue_in_the_purpose_of_a_passive_reports_nothing(nlp: Any) -> None:
    text = "The video had been altered to show the mayor failing to answer a question."
    assert reported(nlp, text) == []


def test_plans_agreements_and_wishes_are_not_quotes(nlp: Any) -> None:
    text = (
        "The council plans to test the new ferry in May. "
        "Brask Holdings agreed to pay $3 million to the town. "
        "Tomas Berg had also planned to charge the club for the name. "
        "Groups that seek to protect the harbour met on Monday."
    )
    assert reported(nlp, text) == []


def test_acts_on_a_noun_phrase_are_not_quotes(nlp: Any) -> None:
    text = (
        "The institute praised the work of Mr Berg and offered condolences to his family. "
        "The company on Tuesday unveiled a faster laptop. "
        "Mary Jones defended the party's actions."
    )
    assert reported(nlp, text) == []


def test_asking_not_to_be_named_is_not_a_quote(nlp: Any) -> None:
    text = "A fisherman, who asked not to be named, said the catch was the worst in years."
    assert reported(nlp, text) == [("the catch was the worst in years", "said")]


def test_according_to_data_is_a_record_not_a_speaker(nlp: Any) -> None:
    text = "The company's bond fell sharply on Monday, according to data from the exchange."
    assert reported(nlp, text) == []


def test_according_to_sources_the_clause_it_hangs_on(nlp: Any) -> None:
    text = (
        "The council is reviewing the toll, according to two officials, "
        "adding to the pressure on the mayor of Lindmoor."
    )
    assert reported(nlp, text) == [("The council is reviewing the toll", "according to")]


def test_headlines_and_link_lists_report_nothing(nlp: Any) -> None:
    text = (
        "| Mayor vows revenge Comments: 12 Council threatens strike Comments: 40 |\n\n"
        "FERRY BOSS PROUD OF CREW AFTER STORM RESCUE\n\n"
        "The ferry returned on Monday."
    )
    assert run(nlp, text) == []


def test_the_writers_own_voice_is_not_a_quote(nlp: Any) -> None:
    text = "As we have noted, the harbour tax raised little money last year."
    assert reported(nlp, text) == []


def test_an_impersonal_passive_names_no_source(nlp: Any) -> None:
    text = "During the talks it was agreed that the ferry would resume in May."
    assert reported(nlp, text) == []


def test_content_stays_in_its_table_cell(nlp: Any) -> None:
    text = (
        "| Home | Weather |\n\n"
        "| Lindmoor, May 2 - The harbour will reopen in June, a port official said here."
    )
    ((content, cue),) = reported(nlp, text)
    assert cue == "said" and "|" not in content
    assert content.endswith("The harbour will reopen in June")


def test_a_clause_before_a_cue_with_its_own_object_is_narration(nlp: Any) -> None:
    text = "Renamed to look like a news site, the account posted a series of messages."
    assert reported(nlp, text) == []
    text = "The harbour will reopen in June, the mayor told reporters."
    assert reported(nlp, text) == [("The harbour will reopen in June", "told")]


def test_an_as_clause_with_an_object_is_an_act_not_an_aside(nlp: Any) -> None:
    text = "The thief grabbed the keys from his hand as he was showing the van to a customer."
    assert run(nlp, text) == []


def test_lone_name_lines_are_headlines_or_datelines(nlp: Any) -> None:
    text = (
        "NEW DELHI: Nearly 150 travellers returned home on Wednesday.\n\n"
        "Officials: the harbour will close for a week.\n\n"
        "Kovacs: Lindmoor needs a new bridge.\n\n"
        "The ferry returned on Monday."
    )
    assert [q for q in run(nlp, text) if q.cue == ":"] == []


def test_names_and_titles_in_marks_are_not_quotes(nlp: Any) -> None:
    text = (
        'She founded a group called "Mothers Against the New Toll Road" last year. '
        'The council published a report titled "Lessons from the long winter storms" '
        "in May. "
        'In 1987 he wrote "The Long Road to Lindmoor Harbour" with a friend.'
    )
    assert [q for q in run(nlp, text) if q.kind == "direct"] == []


def test_the_complement_after_the_cue_is_what_was_said(nlp: Any) -> None:
    text = (
        "Writing for a panel that all agreed the mayor won the debate, John Miller noted "
        "that the way she spoke was critical to her success."
    )
    assert reported(nlp, text) == [("the way she spoke was critical to her success", "noted")]


def test_after_an_inverted_cue_comes_the_speaker_not_the_content(nlp: Any) -> None:
    text = (
        "The river was safe, said the Canadian expert, Ian Smith, who co-wrote a report "
        "on the dams of the region."
    )
    assert reported(nlp, text) == [("The river was safe", "said")]


def test_a_demonstrative_subject_names_no_source(nlp: Any) -> None:
    text = "That suggests the harbour will stay closed. This shows that the toll failed."
    assert reported(nlp, text) == []


def test_who_is_called_on_is_no_content(nlp: Any) -> None:
    text = "Ana Velt called on Kell and Ostrell to stop arming the militias."
    contents = [text for text, _ in reported(nlp, text)]
    assert "Kell and Ostrell" not in contents
    # The positive control: what she called for is said.
    assert reported(nlp, "Ana Velt called for an end to the fighting in Tarsk.") != []


def test_an_offer_for_sale_is_not_a_quote(nlp: Any) -> None:
    text = (
        "Kessmoor Stores offers the Zephyr laptop for $700 this week. "
        "The bakery is offering two loaves for the price of one."
    )
    assert reported(nlp, text) == []


def test_as_evidence_shows_is_not_a_quote(nlp: Any) -> None:
    text = (
        "As the scandal has shown, the mayor enjoys the attention. "
        "As the figures show, ferry fares rose faster than wages."
    )
    assert reported(nlp, text) == []
    # The positive control: a person's words after "as" are reported.
    assert reported(nlp, "As Ana Velt said on Monday, the ferry fares are too high.") != []


def test_a_pronoun_alone_is_no_content(nlp: Any) -> None:
    text = "Reporters asked him about it on Monday."
    assert reported(nlp, text) == []
    # The positive control: what was asked about, in words of its own, is content.
    assert reported(nlp, "Reporters asked him about the cost of the new bridge.") != []


def test_an_abbreviation_makes_no_headline_running_text(nlp: Any) -> None:
    text = (
        "Harbour Dept. watchdog says U.S. drawdown helped smugglers\n\n"
        "The minister said the U.S. ships would stay until May."
    )
    assert reported(nlp, text) == [("the U.S. ships would stay until May", "said")]
    text = "The mayor said the ferry would call at Velmora, Wash."
    assert [cue for _, cue in reported(nlp, text)] == ["said"]


def test_a_clause_the_parse_cut_at_a_hyphen_is_said_whole(nlp: Any) -> None:
    text = (
        "Brask and Velmora Ferries denied any wrongdoing and said they were co-operating "
        "fully with the inquiry."
    )
    assert reported(nlp, text) == [("they were co-operating fully with the inquiry", "said")]


def test_those_who_claim_names_no_source(nlp: Any) -> None:
    text = "Those who claim the harbour will benefit from the games should look again."
    assert reported(nlp, text) == []
    text = "The mayor, who said the harbour would reopen, left early."
    assert reported(nlp, text) == [("the harbour would reopen", "said")]
