"""EventStage on invented sentences: categories, actors, modes, casualties, claims, links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsloom.enrich import default_stages
from newsloom.enrich.events.stage import EventStage, main_event
from newsloom.record import Article, Entity, Event, Mention, Place, parse_iso

# 2025-09-24 is a Wednesday.
WEDNESDAY = "2025-09-24"

Code = Callable[..., Article]


@pytest.fixture(scope="module")
def code(nlp: Any) -> Code:
    """Every enrichment stage on one article; `places` are set before the events stage."""

    def run(text: str, places: list[Place] | None = None) -> Article:
        article = Article(paragraphs=[text], published=parse_iso(WEDNESDAY), language="en")
        doc = nlp(text)
        for stage in default_stages():
            if isinstance(stage, EventStage) and places is not None:
                article.places = places
            stage(article, doc)
        for event in article.events:
            assert text[event.trigger_start : event.trigger_end] == event.trigger
            for actor in (event.source, event.target, event.claimed_by):
                if actor is not None:
                    assert text[actor.start : actor.end] == actor.text
            assert event.start <= event.trigger_start < event.trigger_end <= event.end
            assert 0 < event.confidence <= 1
        return article

    return run


def only(article: Article, type: str) -> Event:
    found = [e for e in article.events if e.type == type]
    assert len(found) == 1, [(e.type, e.trigger) for e in article.events]
    return found[0]


def test_arrest_is_coerce_with_actors_and_the_named_day(code: Code) -> None:
    article = code("Police in Orvik arrested 14 protesters on Tuesday.")
    event = only(article, "COERCE")
    assert event.trigger == "arrested"
    assert event.source is not None and event.source.text == "Police"
    assert event.target is not None and "protesters" in event.target.text
    assert event.date == "2025-09-23"
    assert article.text[event.start : event.end] == article.text.strip()


def test_killing_is_assault_with_fatalities_and_one_event(code: Code) -> None:
    article = code("Militants killed at least 12 soldiers in an attack on a base near Kandor.")
    event = only(article, "ASSAULT")
    assert event.fatalities == 12
    assert event.source is not None and event.source.text == "Militants"
    assert len(article.events) == 1  # "in an attack" is the same event, not a second one


def test_place_is_the_resolved_place_named_in_the_sentence(code: Code) -> None:
    text = "Militants killed at least 12 soldiers in an attack on a base near Kandor."
    start = text.index("Kandor")
    kandor = Place("gpe:kandor", "Kandor", 34.5, 69.2, "city", "Kandor", start, start + 6)
    event = only(code(text, places=[kandor]), "ASSAULT")
    assert event.place_id == "gpe:kandor"
    assert only(code(text, places=[]), "ASSAULT").place_id is None


def test_negated_agreement_is_not_coded(code: Code) -> None:
    article = code("The Velmar government did not agree to the ceasefire proposal.")
    assert not [e for e in article.events if e.type == "AGREE"]
    assert code("The Velmar government agreed to the ceasefire proposal.").events[0].type == "AGREE"


def test_announced_withdrawal_is_an_agree_by_the_reporter(code: Code) -> None:
    article = code("The Ostrava government said it would withdraw its troops from Lindel.")
    event = only(article, "AGREE")
    assert event.mode is None  # the announcement is the act (PLOVER AGREE)
    assert event.source is not None and "Ostrava government" in event.source.text


def test_refused_intent_is_reject(code: Code) -> None:
    article = code("Marenland said it will not accept any more refugees from the border camps.")
    assert only(article, "REJECT").trigger == "accept"


def test_threatened_strike_is_one_threaten_and_if_clause_is_hypothetical(code: Code) -> None:
    article = code("Dock workers in Varna threatened to strike if wages were cut again.")
    threat = only(article, "THREATEN")
    assert threat.source is not None and "workers" in threat.source.text
    assert not [e for e in article.events if e.type == "PROTEST"]  # absorbed by the threat
    hypothetical = [e for e in article.events if e.mode == "hypothetical"]
    assert all(e.confidence < threat.confidence for e in hypothetical)


def test_passive_puts_the_agent_first(code: Code) -> None:
    event = only(code("The minister was arrested by border police on Monday."), "COERCE")
    assert event.source is not None and "police" in event.source.text
    assert event.target is not None and "minister" in event.target.text


def test_casualty_patterns(code: Code) -> None:
    passive = code("Twelve people were killed and five injured when a bomb exploded in Tarsk.")
    event = next(e for e in passive.events if e.fatalities is not None)
    assert (event.fatalities, event.injured) == (12, 5)
    assert len([e for e in passive.events if e.trigger == "injured"]) == 0  # one event
    toll = code("Gunmen attacked a bus in Lorrin. The death toll rose to 30 on Thursday.")
    assert [e.fatalities for e in toll.events if e.type == "ASSAULT"] == [30]
    injuring = code("Rebels shelled the town of Pell, injuring five civilians.")
    assert next(e.injured for e in injuring.events if e.type in ("ASSAULT", "FIGHT")) == 5


def test_claim_of_responsibility_reaches_back_to_the_attack(code: Code) -> None:
    text = (
        "A car bomb exploded near the market in Sadrin on Monday, killing three people. "
        "The Red Dawn Front claimed responsibility for the blast."
    )
    article = code(text)
    attack = next(e for e in article.events if e.type == "ASSAULT")
    assert attack.fatalities == 3
    assert attack.claimed_by is not None and attack.claimed_by.text == "Red Dawn Front"


def test_event_inside_a_direct_quote_is_less_certain(code: Code) -> None:
    plain = code("The Kestrel Union condemned the raid on its offices.")
    quoted = code('"The Kestrel Union condemned the raid on its offices," Anna Molt said.')
    assert only(quoted, "DISAPPROVE").confidence < only(plain, "DISAPPROVE").confidence


def test_actor_linked_to_entity_by_span_overlap(nlp: Any) -> None:
    text = "Varnia imposed sanctions on the Duchy of Orl after the vote."
    article = Article(paragraphs=[text], published=parse_iso(WEDNESDAY), language="en")
    article.entities = [Entity("gpe:varnia", "Varnia", "GPE", [Mention("Varnia", 0, 6)])]
    EventStage()(article, nlp(text))
    event = only(article, "SANCTION")
    assert event.source is not None and event.source.entity_id == "gpe:varnia"
    assert event.target is None or event.target.entity_id is None


def test_date_falls_back_to_publication_day_with_lower_confidence(code: Code) -> None:
    dated = only(code("Police in Orvik arrested 14 protesters on Tuesday."), "COERCE")
    undated = only(code("Police in Orvik arrested 14 protesters."), "COERCE")
    assert undated.date == WEDNESDAY
    assert undated.confidence < dated.confidence


def test_main_event_prefers_the_trigger_nearest_the_root(code: Code, nlp: Any) -> None:
    text = "Protesters marched through Kell to demand the release of the detained editor."
    article = code(text)
    main = main_event(article.events, nlp(text))
    assert main is not None and main.type == "PROTEST"


def test_no_event_in_plain_reporting(code: Code) -> None:
    assert code("The spokesman said the weather in Brell was mild on Tuesday.").events == []


def test_intent_on_an_unless_condition_is_a_threat(code: Code) -> None:
    article = code("Marenland said it will withdraw its envoy from Kell unless the fines are paid.")
    event = only(article, "THREATEN")
    assert event.mode is None
    assert event.source is not None and event.source.text == "Marenland"


def test_recipient_is_the_target_of_aid(code: Code) -> None:
    event = only(code("The Orvik council sent blankets to the flood camps in Tarsk."), "AID")
    assert event.target is not None and "camps" in event.target.text


def test_demanded_clause_subject_is_the_target(code: Code) -> None:
    article = code("The Kestrel Union demanded that the Velmar government reopen the mines.")
    event = only(article, "DEMAND")
    assert event.target is not None and "Velmar government" in event.target.text


def test_a_day_is_never_the_target(code: Code) -> None:
    event = only(code("Hundreds of farmers demonstrated on Tuesday in Orvik."), "PROTEST")
    assert event.target is None or "Tuesday" not in event.target.text


def test_relative_pronoun_actor_is_the_noun_it_modifies(code: Code) -> None:
    article = code("The envoy, who met the Orvik mayor on Monday, left for Varna.")
    event = only(article, "CONSULT")
    assert event.source is not None and event.source.text == "envoy"


def test_stopping_an_event_is_coded_by_whose_act_it_was(code: Code) -> None:
    prevented = only(code("Police in Orvik prevented the march on Tuesday."), "COERCE")
    assert prevented.trigger == "prevented"
    assert prevented.source is not None and prevented.source.text == "Police"
    called_off = code("The Kestrel Union called off the strike on Tuesday.")
    assert [e.type for e in called_off.events] == ["RETREAT"]
    cancelled = code("The Varnian minister cancelled a visit to Ostrell on Tuesday.")
    event = only(cancelled, "SANCTION")
    assert event.target is not None and event.target.text == "Ostrell"


def test_everyday_verbs_need_a_political_object(code: Code) -> None:
    assert code("The Velmar bakery cut its prices on Tuesday.").events == []
    ties = only(code("Velmar cut diplomatic ties with Orvik on Tuesday."), "SANCTION")
    assert ties.source is not None and ties.source.text == "Velmar"
    assert code("The Orvik library reopened on Tuesday.").events == []
    hostages = only(code("The rebels released 12 hostages on Tuesday."), "RETREAT")
    assert hostages.target is not None and "hostages" in hostages.target.text


def test_a_warning_is_a_threat_only_of_the_warners_own_act(code: Code) -> None:
    assert code("Forecasters warned that storms would hit Orvik on Tuesday.").events == []
    threat = only(code("The Red Dawn Front warned that it would attack Orvik."), "THREATEN")
    assert threat.source is not None and threat.source.text == "Red Dawn Front"


def test_a_conditional_is_dropped_and_a_named_participle_is_no_event(code: Code) -> None:
    assert code("If the border is closed, the farmers will lose money.").events == []
    assert code("Returning officer Ada Pell read the result on Tuesday.").events == []
    assert code("A group calling itself the Dawn Front wrote to the paper.").events == []
    assert code("Nobody was injured in the fire, the mayor said.").events == []


def test_a_future_event_is_planned_with_lower_confidence(code: Code) -> None:
    intent = only(code("The Kestrel Union said it would keep up the protests."), "THREATEN")
    assert intent.mode is None
    planned = code("Officials said talks would begin in Orvik on Friday.").events
    assert [e.mode for e in planned] == ["planned"]
    held = code("Officials held talks in Orvik on Tuesday.").events
    assert held[0].confidence > planned[0].confidence + 0.2


def test_a_definite_event_noun_names_an_event_already_coded(code: Code) -> None:
    # Signing a formal agreement is PLOVER SUPPORT (CAMEO 057).
    text = "Velmar and Orvik signed a trade agreement on Tuesday. The agreement covers grain."
    assert [e.type for e in code(text).events] == ["SUPPORT"]
