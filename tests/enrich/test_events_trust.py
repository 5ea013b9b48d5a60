"""Events an analyst can trust, on invented sentences: each rule of the events stage that
decides whether an act happened (its mode), whether a word names an act at all (its
sense), who did it (its actors), when and where (its own clause) and how often it is
told (one row per act). Every pattern is shown in two or three sentences of its own.

An event is *shown* when its confidence reaches the UI's floor (0.5).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsloom.enrich import default_stages
from newsloom.enrich.nlp import load_pipeline
from newsloom.record import Article, Event, parse_iso

# 2025-09-24 is a Wednesday.
WEDNESDAY = "2025-09-24"
SHOWN = 0.5

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
