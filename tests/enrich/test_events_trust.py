"""Events an analyst can trust, on invented sentences: each rule of the events stage that
decides whether an act happened (its mode), whether a word names an act at all (its
sense), who did it (its actors), when and where (its own clause) and how often it is
told (one row per act). Every pattern is shown in two or three sentences of its own.

An event is *shown* here when the rules score it at least 0.5: its confidence reaches
what that score reads as on the calibration curve (events.toml [calibration]), whose
points were placed on the judged real-news set's tuning half so that the UI's floor of
0.5 means right about half the time.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsloom.enrich import default_stages
from newsloom.enrich.events.lexicon import event_lexicon
from newsloom.enrich.events.stage import calibrated
from newsloom.enrich.nlp import load_pipeline
from newsloom.record import Article, Event, parse_iso

# 2025-09-24 is a Wednesday.
WEDNESDAY = "2025-09-24"
# The rules' own floor: an event the rules score 0.5, read off the calibration curve
# (events.toml [calibration]); these tests check the rules, the judged set the curve.
SHOWN = calibrated(0.5, event_lexicon().calibration.points)

Code = Callable[[str], Article]


@pytest.fixture(scope="module")
def code() -> Code:
    nlp = load_pipeline(None)  # cached per process: the same copy every stage asks for

    def run(text: str) -> Article:
        article = Article(paragraphs=[text], published=parse_iso(WEDNESDAY), language="en")
        doc = nlp(text)
        for stage in default_stages():
            stage(article, doc)
        for event in article.events:
            for actor in (event.source, event.target, event.claimed_by):
                if actor is not None:
                    assert article.text[actor.start : actor.end] == actor.text
        return article

    return run


def shown(article: Article) -> list[str]:
    return [e.type for e in article.events if e.confidence >= SHOWN]


def one(article: Article, type: str) -> Event:
    found = [e for e in article.events if e.type == type]
    assert len(found) == 1, [(e.type, e.trigger, e.mode) for e in article.events]
    return found[0]


# Modes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type", "mode"),
    [
        ("Rescuers were unable to deliver aid to the flooded villages.", "AID", "failed"),
        (
            "Efforts to arrange talks between the two parties failed last month.",
            "CONSULT",
            "failed",
        ),
        ("The rebels failed to release the kidnapped aid workers.", "RETREAT", "failed"),
        ("The minister is unlikely to agree to the new plan.", "AGREE", "predicted"),
        ("Analysts said the rebels are likely to attack the town.", "ASSAULT", "predicted"),
        (
            "Such a move would give the rebels a reason to attack the capital.",
            "ASSAULT",
            "hypothetical",
        ),
        ("The army trained local volunteers to fight the insurgents.", "FIGHT", "hypothetical"),
        ("We need more food aid in the camps, the mayor said.", "AID", "hypothetical"),
        (
            "The agency typically requires importers to pay within ten days.",
            "DEMAND",
            "habitual",
        ),
        ("Our volunteers deliver food parcels to elderly residents.", "AID", "habitual"),
    ],
)
def test_an_act_not_told_as_done_has_its_mode_and_is_not_shown(
    code: Code, text: str, type: str, mode: str
) -> None:
    event = one(code(text), type)
    assert event.mode == mode
    assert event.confidence < SHOWN


@pytest.mark.parametrize(
    "text",
    [
        "The foreign minister is due to visit Ostrell next week.",
        "The envoy is expected to meet rebel leaders on Friday.",
        "The two foreign ministers will meet in Geneva on Friday.",
    ],
)
def test_a_scheduled_act_keeps_its_category_and_is_planned(code: Code, text: str) -> None:
    event = one(code(text), "CONSULT")
    assert event.mode == "planned"
    assert event.confidence >= SHOWN


@pytest.mark.parametrize(
    "text",
    [
        "The two sides failed to reach an agreement on Monday.",
        "Negotiators from Varnia and Ostrell were unable to reach a deal on Tuesday.",
    ],
)
def test_a_failed_agreement_is_a_rejection(code: Code, text: str) -> None:
    assert "AGREE" not in [e.type for e in code(text).events]
    assert one(code(text), "REJECT").mode is None


@pytest.mark.parametrize(
    "text",
    [
        "The government ruled out holding talks with the rebels.",
        "The Orvik council ruled out any deal with the striking drivers.",
    ],
)
def test_ruling_out_an_act_rejects_it(code: Code, text: str) -> None:
    assert shown(code(text)) == ["REJECT"]


@pytest.mark.parametrize(
    "text",
    [
        "A spokeswoman for the ministry declined to comment.",
        "The company refused to comment on the report.",
        "Police declined to give details of the raid's targets.",
    ],
)
def test_declining_to_comment_is_no_rejection(code: Code, text: str) -> None:
    assert "REJECT" not in [e.type for e in code(text).events]


@pytest.mark.parametrize(
    "text",
    [
        "Please support local businesses this winter!",
        "Visit our website for more details.",
        "Deliver faster support to your customers with one platform.",
    ],
)
def test_an_imperative_tells_no_event(code: Code, text: str) -> None:
    assert code(text).events == []


# Senses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The new Kessmoor router supports both cable standards.",
        "The Pellcorp store offered discounts on winter coats.",
        "The court accepted the photographs as evidence on Tuesday.",
        "The Velmar bakery delivered its new ovens to the branch in Tarsk.",
        "The Orvik club fired its coach after the defeat.",
        "Brellford Energy is privately held and based in Valby.",
        "The engineers demonstrated the new pump to visitors.",
        "The minister's plan was met with laughter in the chamber.",
        "Shares in Pellcorp rallied after the results.",
        "Storage demands are growing fast at small firms.",
        "A massive explosion destroyed part of the winery in Dorra.",
        "The clinic admitted 40 patients on Monday.",
        "The Kell team was backing up its servers overnight.",
    ],
)
def test_a_word_in_its_everyday_sense_is_no_event(code: Code, text: str) -> None:
    assert code(text).events == []


@pytest.mark.parametrize(
    ("text", "type"),
    [
        ("The Varnian government supported the ceasefire plan on Monday.", "SUPPORT"),
        ("Ostrell offered to mediate between the two parties.", "AGREE"),
        ("The rebels accepted the peace proposal on Tuesday.", "AGREE"),
        ("The Red Crescent delivered food to the camps near Tarsk.", "AID"),
        ("Soldiers fired rockets at the rebel positions near Dorra.", "FIGHT"),
        ("Gunmen held three aid workers hostage in Kell for a week.", "COERCE"),
        ("Hundreds of students demonstrated outside parliament in Orvik.", "PROTEST"),
        ("The Varnian president met the Ostrell prime minister in Geneva.", "CONSULT"),
        ("Thousands of nurses joined a rally against the pay freeze.", "PROTEST"),
        ("The nurses' demand for higher pay dominated the council meeting.", "DEMAND"),
        ("A car bomb explosion killed four soldiers in Sadrin.", "ASSAULT"),
        ("The rebel leader admitted defeat on Sunday.", "CONCEDE"),
        ("The Kestrel Front vowed revenge for the killing of its commander.", "THREATEN"),
    ],
)
def test_a_word_in_its_event_sense_is_coded(code: Code, text: str, type: str) -> None:
    assert type in [e.type for e in code(text).events]


# Actors -----------------------------------------------------------------------------


def test_a_dateline_is_no_actor(code: Code) -> None:
    for text in (
        "TARSK (AP) — Hundreds of farmers blocked the main road on Monday.",
        "ORVIK, Varnia – Police arrested 14 protesters on Tuesday.",
    ):
        event = code(text).events[0]
        assert event.source is not None
        assert event.source.text not in ("TARSK", "ORVIK"), text


def test_a_pronoun_is_resolved_to_the_actor_named_before_it(code: Code) -> None:
    text = (
        "Ana Velt, the Varnian president, arrived in Ostrell on Monday. "
        "She met the prime minister on Tuesday."
    )
    event = one(code(text), "CONSULT")
    assert event.source is not None and event.source.text == "Ana Velt"
    article = code("Teachers gathered in Tarsk on Monday. They marched to the parliament.")
    march = one(article, "PROTEST")
    assert march.source is not None and march.source.text == "Teachers"
    strike = one(code("The rebels ended their strike on Friday."), "RETREAT")
    assert strike.source is not None and strike.source.text == "rebels"


def test_an_unresolved_pronoun_is_no_actor_and_the_event_is_not_shown(code: Code) -> None:
    event = one(code("They attacked the convoy near Dorra on Monday."), "ASSAULT")
    assert event.source is None
    assert event.confidence < SHOWN


def test_a_weapon_leaves_the_doer_unknown_and_a_victim_is_no_doer(code: Code) -> None:
    bomb = one(code("A car bomb killed four soldiers near Sadrin on Monday."), "ASSAULT")
    assert bomb.source is None and bomb.fatalities == 4
    volley = code("A barrage of bullets killed two guards at the gate in Kell on Monday.").events
    assert [(e.type, e.source, e.fatalities) for e in volley] == [("ASSAULT", None, 2)]
    assert bomb.confidence >= SHOWN  # "a bomb killed": the doer is left open, not missing
    caught = code("I was caught by police and deported from Arizona, the student said.")
    deported = one(caught, "COERCE")
    assert deported.source is not None and deported.source.text == "police"


# When, where, how many: the event's own clause ----------------------------------------


def test_each_event_takes_the_time_of_its_own_clause(code: Code) -> None:
    article = code("The envoy, who met the mayor on Monday, will visit Tarsk on Friday.")
    dates = {e.trigger: (e.date, e.mode) for e in article.events}
    assert dates == {"met": ("2025-09-22", None), "visit": ("2025-09-26", "planned")}
    reported = one(code("Ana Velt said on Monday that the rebels attacked the convoy."), "ASSAULT")
    assert reported.date != "2025-09-22"  # Monday is when she said it
    ahead = one(code("Legislators met ahead of their 2026 session."), "CONSULT")
    assert ahead.date is None or not ahead.date.startswith("2026")


def test_a_past_act_without_its_own_time_is_less_sure(code: Code) -> None:
    dated = one(code("Police in Orvik arrested 14 protesters on Tuesday."), "COERCE")
    undated = one(code("Police in Orvik arrested 14 protesters."), "COERCE")
    assert undated.confidence < dated.confidence


def test_casualties_are_counted_in_their_own_clause(code: Code) -> None:
    article = code(
        "A bomb killed a soldier and wounded four in Tarsk, "
        "while an ambush near Kell left eight dead."
    )
    bomb = next(e for e in article.events if e.trigger == "killed")
    ambush = next(e for e in article.events if e.trigger == "ambush")
    assert (bomb.fatalities, bomb.injured) == (None, 4)
    assert ambush.fatalities == 8
    toll = code("Thirty-nine people were injured and nobody was killed in the blast in Tarsk.")
    assert [(e.fatalities, e.injured) for e in toll.events] == [(None, 39)]


def test_the_place_is_named_in_the_events_own_clause(code: Code) -> None:
    event = one(code("Police in Berlin arrested 14 protesters, the mayor of Paris said."), "COERCE")
    assert event.place_id != "gpe:paris"


# One act, one row -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type"),
    [
        (
            "Police in Orvik arrested 14 protesters on Tuesday. "
            "Police arrested 14 protesters outside the parliament, the mayor said.",
            "COERCE",
        ),
        (
            "A UN team investigated arms smuggling in Varnia in 2000, "
            "a probe that included interviews with officials.",
            "INVESTIGATE",
        ),
        (
            "Ana Velt boycotted the hearing on Monday. She boycotted the hearing, her lawyer said.",
            "REJECT",
        ),
    ],
)
def test_an_act_told_twice_is_one_row(code: Code, text: str, type: str) -> None:
    assert [e.type for e in code(text).events] == [type]


def test_two_acts_of_one_kind_stay_two_rows(code: Code) -> None:
    text = (
        "Varnian troops clashed with rebels near Dorra on Monday. "
        "Varnian troops clashed with rebels in Kell on Tuesday."
    )
    assert [e.type for e in code(text).events] == ["FIGHT", "FIGHT"]


def test_the_details_of_a_reported_or_set_act(code: Code) -> None:
    withdrawing = one(
        code("The Kell Group announced on Monday that it was withdrawing its bid for the port."),
        "RETREAT",
    )
    assert withdrawing.date == "2025-09-22"  # going on when it was announced
    statement = one(
        code("In a statement published on Monday, the ministry accused Varnia of lying."),
        "DISAPPROVE",
    )
    assert statement.date == "2025-09-22"
    border = one(code("Varnia closed its borders with Ostrell on Monday."), "SANCTION")
    assert border.target is not None and border.target.text == "Ostrell"


def test_the_victim_and_the_doer_of_a_reported_passive(code: Code) -> None:
    event = one(code("Another woman said she was sexually assaulted by a rebel."), "ASSAULT")
    assert event.target is not None and event.target.text == "woman"
    assert event.source is not None and event.source.text == "rebel"
    beaten = code("Hundreds of villagers were assaulted or beaten by soldiers.").events[0]
    assert beaten.source is not None and beaten.source.text == "soldiers"


def test_a_group_named_in_apposition_is_the_doer_of_its_relative_clause(code: Code) -> None:
    text = (
        "The party was criticised by Ana Velt, who heads the Farmers Alliance, "
        "a group that has supported the new tariffs."
    )
    event = one(code(text), "SUPPORT")
    assert event.source is not None and event.source.text == "Farmers Alliance"


def test_a_place_is_where_the_act_happened_not_a_modifier(code: Code) -> None:
    assert one(code("Berlin residents marched on Monday."), "PROTEST").place_id is None
    marched = one(code("Residents marched in Berlin on Monday."), "PROTEST")
    assert marched.place_id == "gpe:berlin"


def test_an_announced_act_is_dated_by_its_announcement(code: Code) -> None:
    # PLOVER codes an announced intent as AGREE: the act is the announcement.
    text = "The ministry said on Monday that a Varnian delegation will visit Ostrell on Friday."
    event = one(code(text), "AGREE")
    assert (event.mode, event.date) == (None, "2025-09-22")


def test_an_act_before_the_story_gets_no_publication_day(code: Code) -> None:
    event = one(code("The two leaders had previously discussed a trade deal."), "CONSULT")
    assert event.date is None
    support = one(code("Ana Velt on Tuesday voiced support for the Kell strikers."), "SUPPORT")
    assert support.date == "2025-09-23"


@pytest.mark.parametrize(
    ("text", "type"),
    [
        ("The mayor had also faced a probe over the harbour contracts.", "INVESTIGATE"),
        ("Kell rebels had staged an attack on the garrison, the army said.", "ASSAULT"),
    ],
)
def test_an_act_named_under_a_past_perfect_gets_no_publication_day(
    code: Code, text: str, type: str
) -> None:
    assert one(code(text), type).date is None
    # The positive control: told in the simple past, the day is the publication day's.
    assert (
        one(
            code(text.replace("had also faced", "faced").replace("had staged", "staged")), type
        ).date
        == WEDNESDAY
    )


def test_an_actor_is_the_noun_phrase_without_its_clauses(code: Code) -> None:
    text = (
        "The ministers discussed a joint production deal, "
        "which Ana Velt said was backed by Ostrell."
    )
    event = code(text).events[0]
    assert event.target is not None and event.target.text == "joint production deal"


def test_page_furniture_tells_no_event(code: Code) -> None:
    text = "Home | World | Kell rebels vow revenge | Offers | Sign up to support our reporters"
    assert code(text).events == []


# PLOVER's reading of some acts --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type"),
    [
        # A harm put on a condition is a threat (CAMEO 13x).
        ("Varnia may halt its mediation if the fighting goes on, the minister said.", "THREATEN"),
        ("Ostrell would cut all aid to Kell if the vote went ahead.", "THREATEN"),
        # Easing restrictions is CONCEDE (CAMEO 081), easing sanctions RETREAT (085).
        ("The Varnian government lifted the curfew in Tarsk on Sunday.", "CONCEDE"),
        ("Ostrell lifted sanctions on three Varnian banks on Monday.", "RETREAT"),
        # Torture is ASSAULT (CAMEO 1822).
        ("Prison guards tortured two detained journalists in Kell.", "ASSAULT"),
        # Restrictions imposed are COERCE (CAMEO 172).
        ("The Varnian government imposed restrictions on foreign journalists.", "COERCE"),
        ("Varnia has been sharing intelligence with Ostrell since March.", "COOPERATE"),
        ("Some 800 families sought refuge in Ostrell last month.", "DEMAND"),
        ("The president reneged on his promise to hold elections.", "REJECT"),
        ("Varnia established diplomatic ties with Ostrell on Monday.", "SUPPORT"),
    ],
)
def test_plover_reading(code: Code, text: str, type: str) -> None:
    assert type in shown(code(text)), [(e.type, e.mode, e.confidence) for e in code(text).events]


@pytest.mark.parametrize(
    ("text", "type"),
    [
        ("Thousands of students protested against the new fees in Tarsk on Monday.", "PROTEST"),
        ("Farmers protested outside parliament in Kell on Monday.", "PROTEST"),
        ("Varnia protested the arrest of its diplomat on Monday.", "DISAPPROVE"),
        ("The Varnian ministers protested the decision on Monday.", "DISAPPROVE"),
    ],
)
def test_a_protest_by_many_is_in_the_street_and_by_a_state_in_words(
    code: Code, text: str, type: str
) -> None:
    assert shown(code(text)) == [type]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("The Kell Union gave the flood victims 2 million euros in aid.", ["AID"]),
        ("The minister gave a speech in Kell on Monday.", []),
        ("The rebels finally gave in to the demands on Monday.", ["CONCEDE"]),
        ("The minister asked the Kell council to reopen the border crossing.", ["DEMAND"]),
        ("Reporters asked questions about the budget.", []),
    ],
)
def test_giving_and_asking(code: Code, text: str, types: list[str]) -> None:
    assert shown(code(text)) == types


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The Kell Front issued a statement condemning the arrests.", "Kell Front"),
        ("The council posted a series of notices supporting the strikers.", "council"),
    ],
)
def test_the_author_of_a_statement_does_what_it_says(code: Code, text: str, source: str) -> None:
    event = code(text).events[0]
    assert event.source is not None and event.source.text == source


@pytest.mark.parametrize(
    ("text", "type", "target"),
    [
        ("Varnia withdrew its troops from Ostrell on Monday.", "RETREAT", "Ostrell"),
        ("Ostrell sent 70 million dollars of aid to Varnia on Monday.", "AID", "Varnia"),
        ("Varnia imposed restrictions on Ostrell on Monday.", "COERCE", "Ostrell"),
        ("The rebels attacked a convoy near Dorra on Monday.", "ASSAULT", "convoy"),
    ],
)
def test_the_one_acted_upon_is_the_actor_a_thing_is_done_to(
    code: Code, text: str, type: str, target: str
) -> None:
    event = one(code(text), type)
    assert event.target is not None and event.target.text == target


def test_a_shared_passive_subject_is_the_doer_of_the_next_act(code: Code) -> None:
    text = "The Varnian minister was indicted by a court on Monday and will resign."
    event = one(code(text), "CONCEDE")
    assert event.source is not None and event.source.text == "Varnian minister"


@pytest.mark.parametrize(
    "text",
    [
        "A senior aide, who asked not to be named, said the ministers met on Monday.",
        "The officer asked for anonymity because he was not allowed to talk to reporters.",
        "A harbour official, who requested anonymity, said two ferries were late.",
        "The witness asked not to be identified for fear of reprisals.",
    ],
)
def test_asking_for_anonymity_is_no_demand(code: Code, text: str) -> None:
    assert "DEMAND" not in [e.type for e in code(text).events]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The minister made no apology for the cuts on Tuesday.", "SUPPORT"),
        ("There was no agreement between the two parties on Monday.", "AGREE"),
        ("The two leaders held no talks on Monday, officials said.", "CONSULT"),
    ],
)
def test_an_act_named_with_no_did_not_happen(code: Code, text: str, negated: str) -> None:
    assert negated not in [e.type for e in code(text).events]


def test_an_act_named_without_no_is_still_coded(code: Code) -> None:
    # The positive control of the rule above: the same acts told as done.
    assert "CONSULT" in shown(code("The two leaders held talks in Orvik on Monday."))


@pytest.mark.parametrize(
    ("text", "type", "victim"),
    [
        (
            "Trains stopped in the wake of Mara Dunn's assassination on Monday.",
            "ASSAULT",
            "Mara Dunn",
        ),
        ("The mayor's kidnapping on Tuesday shocked the town of Tarsk.", "COERCE", "mayor"),
        ("Police said Pell Arden's arrest on Monday ended a long search.", "COERCE", "Pell Arden"),
    ],
)
def test_the_owner_of_a_harm_done_is_its_victim(
    code: Code, text: str, type: str, victim: str
) -> None:
    event = one(code(text), type)
    assert event.source is None
    assert event.target is not None and victim in event.target.text


def test_the_owner_of_an_act_done_is_its_doer(code: Code) -> None:
    # The positive control: for acts that are not harm done to someone the owner acts.
    event = one(code("Residents fear a fresh attack by the militia on the town."), "ASSAULT")
    assert event.source is not None and event.source.text == "militia"
    # A harm whose victim an `of` phrase names: the owner did it.
    event = one(code("Police in Tarsk confirmed Kell's arrest of two suspects."), "COERCE")
    assert event.source is not None and event.source.text == "Kell"
    assert event.target is not None and event.target.text == "two suspects"


@pytest.mark.parametrize(
    "text",
    [
        "Varnian authorities received telephone threats of attacks on Monday, an official said.",
        "The Orvik mayor faced threats from a Kell militia on Tuesday.",
    ],
)
def test_who_receives_a_threat_is_its_target(code: Code, text: str) -> None:
    event = one(code(text), "THREATEN")
    assert event.target is not None
    assert event.source is None or event.source.text not in event.target.text
    assert event.source is None or "authorities" not in event.source.text
    assert event.source is None or "mayor" not in event.source.text


@pytest.mark.parametrize(
    "text",
    [
        "Security consultants said they expected a major attack by Kell rebels before the weekend.",
        "Officials said they expect a large protest in Tarsk on Friday.",
        "Residents fear a fresh attack by the militia on the town.",
    ],
)
def test_an_expected_act_is_predicted_and_not_shown(code: Code, text: str) -> None:
    events = [e for e in code(text).events if e.type in ("ASSAULT", "PROTEST")]
    assert events and all(e.mode == "predicted" and e.confidence < SHOWN for e in events)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The ministry accused the rebels of shelling the town.", "ministry", "rebels"),
        ("The Ostrell party accused critics of spreading lies.", "Ostrell party", "critics"),
        (
            "Pell Arden has been accused by Varnian authorities of involvement in the bombing.",
            "Varnian authorities",
            "Pell Arden",
        ),
    ],
)
def test_the_charge_is_no_part_of_an_actor(code: Code, text: str, source: str, target: str) -> None:
    event = one(code(text), "DISAPPROVE")
    assert event.source is not None and event.source.text == source
    assert event.target is not None and event.target.text == target


def test_an_of_phrase_of_a_name_stays_in_the_actor(code: Code) -> None:
    # The positive control: outside a charge, "of" belongs to the name.
    event = one(code("The Bank of Ostrell accused Kell of fraud."), "DISAPPROVE")
    assert event.source is not None and event.source.text == "Bank of Ostrell"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The rebels laid down arms after the election of President Ana Velt, who "
            "promised to end the war.",
            "President Ana Velt",
        ),
        ("Crowds cheered the arrival of envoy Pell Arden, who pledged new aid.", "Pell Arden"),
    ],
)
def test_who_refers_to_the_person_of_an_of_phrase(code: Code, text: str, source: str) -> None:
    event = next(e for e in code(text).events if e.trigger in ("promised", "pledged"))
    assert event.source is not None and event.source.text.endswith(source)
    assert not event.source.text.startswith(("election", "arrival"))


@pytest.mark.parametrize(
    "text",
    [
        "The Foreign Ministry issued a travel warning for the region on Monday.",
        "Forecasters issued a storm warning for the coast on Tuesday.",
    ],
)
def test_an_advisory_is_no_threat(code: Code, text: str) -> None:
    assert "THREATEN" not in [e.type for e in code(text).events]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ('"We must do all we can to help the families," the mayor said.', "DEMAND"),
        ("Neither side was confirming or denying that the talks had collapsed.", "REJECT"),
        ("No party was willing to reject the budget on Monday.", "REJECT"),
        ("The firm violated its agreement with the union, the court found.", "AGREE"),
    ],
)
def test_no_act_of_that_kind_happened(code: Code, text: str, absent: str) -> None:
    assert absent not in [e.type for e in code(text).events]


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # The positive controls of the rules above.
        ('"Kell must withdraw its troops," the mayor said.', "DEMAND"),
        ("The union denied that the talks had collapsed.", "REJECT"),
        ("The firm reached an agreement with the union on Monday.", "AGREE"),
    ],
)
def test_the_same_acts_told_as_done_are_coded(code: Code, text: str, present: str) -> None:
    assert present in [e.type for e in code(text).events]


@pytest.mark.parametrize(
    "text",
    [
        "Prosecutors charged the mayor with fraud on Monday.",
        "The drifter had been charged on Saturday with kidnapping.",
    ],
)
def test_a_criminal_charge_is_coercion(code: Code, text: str) -> None:
    assert "COERCE" in [e.type for e in code(text).events]
    assert "DISAPPROVE" not in [e.type for e in code(text).events]


def test_charging_that_something_happened_is_an_accusation(code: Code) -> None:
    # The positive control: a charge made in words stays DISAPPROVE.
    assert "DISAPPROVE" in [
        e.type for e in code("The opposition charged that the vote had been rigged.").events
    ]


def test_vowing_to_contest_is_no_agreement(code: Code) -> None:
    assert "AGREE" not in [
        e.type for e in code("The opposition has vowed to challenge the results in court.").events
    ]
    # The positive control: a vow to cooperate is one.
    assert "AGREE" in [
        e.type for e in code("The union vowed to cooperate with the new board.").events
    ]


@pytest.mark.parametrize(
    ("text", "type"),
    [
        ("Pell Arden, who boycotted the hearing, spoke to reporters in Orvik.", "REJECT"),
        ("He appeared before a judge who denied his request for bail.", "REJECT"),
    ],
)
def test_background_on_an_actor_gets_no_publication_day(code: Code, text: str, type: str) -> None:
    assert one(code(text), type).date is None


def test_an_event_told_in_a_relative_clause_of_its_own_noun_keeps_the_day(code: Code) -> None:
    # The positive control: "a stabbing that killed" is the event itself.
    article = code("Police said a stabbing that killed a passenger happened on the train.")
    assert one(article, "ASSAULT").date == WEDNESDAY


def test_calibration_keeps_the_order_of_scores_and_the_floor_means_more() -> None:
    points = event_lexicon().calibration.points
    scores = [0.0, 0.2, 0.45, 0.5, 0.55, 0.7, 0.85, 0.9, 1.0]
    read = [calibrated(score, points) for score in scores]
    assert read == sorted(read) and len(set(read)) == len(read)  # strictly rising
    # The UI's floor of 0.5 is reached only by scores the judged set found right half the
    # time: higher than the rules' own 0.5.
    assert calibrated(0.5, points) < 0.5 <= calibrated(0.9, points)
