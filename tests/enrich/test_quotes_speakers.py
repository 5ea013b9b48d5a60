"""Who said it: the source of the cue's clause, then pronouns, role nouns and
organisation nouns resolved back to whom they stand for. Invented articles only."""

from __future__ import annotations

from typing import Any

import newsloom
from newsloom.record import Quote


def run(nlp: Any, text: str) -> list[Quote]:
    """Every stage runs (entities and roles feed the speakers), as `newsloom.analyze`."""
    return newsloom.analyze(text, published="2024-03-05").quotes


def speaker_of(nlp: Any, text: str, words: str) -> str | None:
    """The speaker of the quote whose text starts with `words`."""
    (quote,) = [q for q in run(nlp, text) if q.text.startswith(words)]
    return quote.speaker


def test_a_place_modifying_the_speaker_is_not_the_speaker(nlp: Any) -> None:
    text = (
        "A Lindmoor transit chief says the ferry line will close for a month.\n\n"
        "Interim Harbour Police Chief John Miller told reporters that divers were searching."
    )
    assert speaker_of(nlp, text, "the ferry line") == "John Miller"


def test_the_possessor_is_not_the_speaker(nlp: Any) -> None:
    text = "Brask's Tomas Berg said the plant would reopen in May."
    assert speaker_of(nlp, text, "the plant") == "Tomas Berg"
    text = (
        "Foreign Minister Ana Ruiz met her counterpart on Monday.\n\n"
        "The minister's spokesman said the talks had gone well."
    )
    assert speaker_of(nlp, text, "the talks") != "Ana Ruiz"


def test_a_subject_after_the_cue_speaks_by_its_head(nlp: Any) -> None:
    text = (
        "Job cuts will come later this week, said the Brask Company's recently named "
        "chair Marta Nowak in an email to staff."
    )
    assert speaker_of(nlp, text, "Job cuts") == "Marta Nowak"


def test_a_surname_is_the_living_person_of_that_name(nlp: Any) -> None:
    text = (
        "The death of winemaker Paul Varga shocked the valley.\n\n"
        "His brother Mark Varga said the family would keep the winery.\n\n"
        '"We are still in shock at our loss," Mr Varga said in a statement.'
    )
    assert speaker_of(nlp, text, "We are still in shock") == "Mark Varga"


def test_he_is_never_someone_the_text_says_is_dead(nlp: Any) -> None:
    text = (
        "Daniel Moreno arrived at the mill on Monday morning.\n\n"
        "Tomas Berg died in the blast an hour later.\n\n"
        '"We will rebuild the mill for the whole valley," he said.'
    )
    assert speaker_of(nlp, text, "We will rebuild") == "Daniel Moreno"


def test_a_run_of_quotes_keeps_its_speaker(nlp: Any) -> None:
    text = (
        "Anna Kovacs spoke first at the harbour meeting.\n\n"
        '"We will win the vote on the new bridge," she said.\n\n'
        "Her rival, Maria Lopez, was not in the hall.\n\n"
        '"The bridge will be built next year whatever happens," she said.'
    )
    speakers = [q.speaker for q in run(nlp, text) if q.kind == "direct"]
    assert speakers == ["Anna Kovacs", "Anna Kovacs"]


def test_a_role_noun_is_the_person_with_that_title(nlp: Any) -> None:
    text = (
        "Gov. Anna Kovacs was not at the statehouse on Tuesday.\n\n"
        "Mayor Tomas Berg greeted the crowd of teachers.\n\n"
        "The governor said she would sign the pay bill next week."
    )
    assert speaker_of(nlp, text, "she would sign") == "Anna Kovacs"


def test_a_plural_role_noun_is_not_one_person(nlp: Any) -> None:
    text = (
        "Prosecutor Ana Ruiz opened the case on Monday.\n\n"
        "Prosecutors allege that the ship carried arms to the rebels."
    )
    assert speaker_of(nlp, text, "the ship carried") == "Prosecutors"


def test_according_to_names_the_source_not_a_later_person(nlp: Any) -> None:
    text = (
        "The border will close on Friday, according to embassy officials.\n\n"
        "Daniel Moreno, who runs a bakery near the crossing, said he was worried."
    )
    assert speaker_of(nlp, text, "The border will close") == "embassy officials"


def test_an_organisation_noun_points_back_to_the_named_one(nlp: Any) -> None:
    text = (
        "The state-run Lindmoor News Agency reported the fire on Monday.\n\n"
        "Nobody was hurt in the fire, the news agency said.\n\n"
        "The patient was isolated, the regional health commission said.\n\n"
        "No one else has shown symptoms, the commission said."
    )
    assert speaker_of(nlp, text, "Nobody was hurt") == "Lindmoor News Agency"
    assert speaker_of(nlp, text, "No one else") == "regional health commission"


def test_a_dateline_is_not_the_subject(nlp: Any) -> None:
    text = (
        "Lindmoor – Several thousand teachers wearing red surrounded the Lindmoor "
        "Statehouse on Tuesday to call for better pay and more respect."
    )
    assert "teachers" in (speaker_of(nlp, text, "better pay") or "")


def test_they_is_the_plural_subject_before(nlp: Any) -> None:
    text = (
        "Gov. Anna Kovacs and leaders of the council met the unions on Monday.\n\n"
        "However, they said they would not raise the toll before 2026."
    )
    assert (speaker_of(nlp, text, "they would not") or "").startswith("Gov. Anna Kovacs and")


def test_a_quote_opening_its_own_sentence_continues_the_latest_quote(nlp: Any) -> None:
    text = (
        "Mary Jones pointed out that both firms will continue to work with vendors. "
        '"Brask is open to anyone with a good idea, and that will not change."'
    )
    assert speaker_of(nlp, text, "Brask is open") == "Mary Jones"


def quote_at(nlp: Any, text: str, words: str) -> Quote:
    (quote,) = [q for q in run(nlp, text) if q.text.startswith(words)]
    return quote


def test_a_surname_named_by_the_parse_alone_is_not_the_dead_namesake(nlp: Any) -> None:
    # The surname also names the business ("Drayton's Family Wines"), so the entities
    # stage leaves "Mr Drayton" alone and the speaker is found from the parse's names.
    text = (
        "The death of winemaker Trevor Drayton and the destruction of a key section of "
        "his family winery in a massive explosion will not stop the vintage.\n\n"
        "John Drayton said the family would go on.\n\n"
        "Trevor, 52, and another man died in the blast at Drayton's Family Wines at "
        "Pokolbin.\n\n"
        '"We are still in shock at our loss," Mr Drayton said in a statement.'
    )
    assert speaker_of(nlp, text, "We are still in shock") == "John Drayton"


def test_a_cue_with_its_own_subject_in_a_preposition_keeps_it(nlp: Any) -> None:
    text = (
        "The delay has been costly, given that many traders believe that the port will "
        "stay shut until May."
    )
    assert speaker_of(nlp, text, "the port will stay shut") == "many traders"
    text = "The mayor was quoted as saying the port would reopen soon."
    assert speaker_of(nlp, text, "the port would reopen") == "mayor"


def test_a_relative_pronoun_speaks_for_what_it_stands_for(nlp: Any) -> None:
    text = "The plan was backed by Senator Mark Lund, who said the talks would resume in June."
    quote = quote_at(nlp, text, "the talks would resume")
    assert quote.speaker == "Mark Lund"
    assert quote.speaker_span is not None
    assert text[slice(*quote.speaker_span)] == "who"


def test_who_stands_for_the_person_in_the_phrase_it_hangs_on(nlp: Any) -> None:
    text = (
        "Fighting stopped after the arrival in June of Governor Ada Marlow, who vowed to "
        "end the siege."
    )
    assert speaker_of(nlp, text, "to end the siege") == "Ada Marlow"


def test_it_follows_a_chain_of_it_subjects_to_the_organisation(nlp: Any) -> None:
    text = (
        "In an email, the Velmora Dockers Union said its members would strike on Monday.\n\n"
        "It advised shippers to stay clear of the harbour. It also threatened to close "
        "the ferry terminal.\n\n"
        '"The strike will go on until the port listens to us," it said.'
    )
    assert speaker_of(nlp, text, "The strike will go on") == "Velmora Dockers Union"
    assert speaker_of(nlp, text, "to close the ferry terminal") == "Velmora Dockers Union"


def test_the_group_is_the_named_organisation_that_spoke_last(nlp: Any) -> None:
    text = (
        "A leading dockers' group said on Thursday it would strike.\n\n"
        "Talks with the port broke down in September.\n\n"
        "In an email, the Velmora Dockers Union said its members would walk out on "
        "Monday.\n\n"
        '"The strike will go on until the port listens to us," the group said.'
    )
    assert speaker_of(nlp, text, "The strike will go on") == "Velmora Dockers Union"


def test_the_report_is_not_whichever_organisation_spoke_last(nlp: Any) -> None:
    text = (
        "A new 20-page report on the harbour was made public today.\n\n"
        "The number of ferries fell to 20 last year, the Velmora Dockers Union said.\n\n"
        '"The harbour board failed to act on a number of occasions," the report stated.'
    )
    assert speaker_of(nlp, text, "The harbour board failed") != "Velmora Dockers Union"


def test_speakers_joined_by_and_are_named_together(nlp: Any) -> None:
    text = "Ada Marlow and Tomas Brandt said the port would reopen in May."
    quote = quote_at(nlp, text, "the port would reopen")
    assert quote.speaker == "Ada Marlow and Tomas Brandt"
    assert quote.speaker_id is None
    text = "The Velmora Liberation Front, or VLF, promised two weeks ago to free the hostages."
    assert speaker_of(nlp, text, "to free the hostages") == "Velmora Liberation Front"


def test_his_office_is_the_office_of_whom_his_stands_for(nlp: Any) -> None:
    text = (
        'Tomas Brandt told the rally that "we hear you."\n\n'
        "Teachers did not see Governor Ada Marlow at the statehouse on Tuesday. Her "
        "office said she was keeping long-standing plans to travel to Velmora."
    )
    quote = quote_at(nlp, text, "she was keeping")
    assert quote.speaker == "Ada Marlow's office"
    assert quote.speaker_id is None
    text = (
        "The Velmora Dockers Union called a strike on Monday. Its spokesman said the "
        "strike would last a week."
    )
    assert speaker_of(nlp, text, "the strike would last") == "Velmora Dockers Union's spokesman"


def test_the_report_speaks_for_whoever_put_it_out(nlp: Any) -> None:
    text = (
        "Secretary-General Ada Marlow said in a new report made public today that the "
        "harbour was unsafe.\n\n"
        'The 20-page report noted that "both ferry lines have failed to act."\n\n'
        '"The harbour board demonstrated bad faith on a number of occasions," the report '
        "stated."
    )
    assert speaker_of(nlp, text, "both ferry lines") == "Ada Marlow"
    assert speaker_of(nlp, text, "The harbour board demonstrated") == "Ada Marlow"
    text = (
        "Two crew members were hurt in a ferry fire, the coastguard said in a statement on "
        "Wednesday.\n\n"
        '"The cause of the fire is under investigation," the statement said.\n\n'
        "It did not name the ferry and said it was withholding the names of the crew."
    )
    assert speaker_of(nlp, text, "The cause of the fire") == "coastguard"
    assert speaker_of(nlp, text, "it was withholding") == "coastguard"


def test_the_companies_are_not_the_organisation_that_spoke_last(nlp: Any) -> None:
    text = (
        "The space agency picked nine US companies to fly cargo to the Moon.\n\n"
        "Brask Aerospace Corp. said its lander was ready.\n\n"
        "The companies said they wanted to carry passengers as well."
    )
    assert speaker_of(nlp, text, "they wanted to carry") == "nine US companies"


def test_it_looks_back_one_sentence_past_its_own(nlp: Any) -> None:
    text = (
        "Velmora Ferries Ltd. said the figures were wrong.\n\n"
        "The developers of the app dispute the figures and say they are way off the mark.\n\n"
        "It said ads for the ferry service were placed by a partner."
    )
    assert speaker_of(nlp, text, "ads for the ferry service") is None


def test_a_year_owns_no_survey(nlp: Any) -> None:
    text = (
        "This year's survey covered the whole valley.\n\n"
        "The beetles spread as far south as Lindmoor, according to the survey."
    )
    assert speaker_of(nlp, text, "The beetles spread") != "year"
