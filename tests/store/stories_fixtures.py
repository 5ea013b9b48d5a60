"""Invented wire stories and their syndicated copies for the stories tests."""

from __future__ import annotations

import datetime as dt

from newsloom.record import Article, Entity, Mention, Provenance

WIRE = [
    "BRELLAN (Korvex Wire) - The harbour authority of Brellan closed the northern"
    " breakwater on Tuesday after a storm surge cracked two of its granite blocks, leaving"
    " fishing boats to shelter in the inner basin.",
    "Engineers from the Osterlund yard inspected the damage at first light and said the"
    " repairs would take at least three weeks, during which cargo ships bound for the"
    " grain terminal will be turned back to Pellamy.",
    '"We cannot risk a second breach while the tides are this high," harbour master'
    " Wendeline Saska told reporters on the quay, adding that pilots had been told to"
    " keep a wide berth of the damaged section.",
    "The closure comes two months after the town council voted to delay a long-planned"
    " upgrade of the breakwater, citing the cost of importing stone from the quarries"
    " across the Ferrow estuary.",
    "Local fishermen said the decision would cost them their autumn herring season."
    " Tobin Arkwright, who runs four trawlers out of Brellan, said his crews had already"
    " lost a week of work to the storm itself.",
    "The regional transport office said it would send a survey vessel to map the"
    " seabed near the breach on Thursday and publish its findings before the end of the"
    " month, when the council meets again.",
    "Brellan handles around a tenth of the region's grain exports, most of it loaded"
    " at the terminal behind the northern breakwater, and traders said prices at the"
    " inland markets rose slightly on the news.",
    "The storm, the strongest to hit the coast in eleven years, also brought down"
    " power lines in the villages of Hask and Morrow Point, where crews were still working"
    " to restore electricity late on Tuesday.",
]

UNRELATED = [
    "PELLAMY (Korvex Wire) - The harbour council of Pellamy approved a new ferry timetable"
    " on Tuesday, adding two evening crossings to the islands for the summer season.",
    "Harbour master Ottilie Fenn said the extra sailings would use the older of the"
    " town's two ferries, which had been kept in reserve since the spring.",
    "Fishermen in Pellamy welcomed the change, saying the late boats would let them"
    " sell their catch at the island markets the same day instead of storing it overnight.",
    "The council also voted to repaint the grain terminal's cranes and to replace the"
    " lights along the breakwater, work that will begin after the autumn storms.",
    "Ticket prices will stay the same until the end of the year, the ferry operator"
    " said in a statement posted on the quay, though a review is planned for January.",
]

BOILERPLATE = (
    "Subscribe to the Coastal Ledger newsletter for the day's shipping news,"
    " delivered every morning before the tide turns."
)
EDITORS_NOTE = "Editor's note: this story was updated to add comments from local fishermen."


def article(
    paragraphs: list[str],
    *,
    title: str,
    url: str,
    published: dt.date | dt.datetime | None,
    site: str,
    source: str | None = "Korvex Wire",
    entities: list[Entity] | None = None,
) -> Article:
    return Article(
        paragraphs=list(paragraphs),
        title=title,
        url=url,
        published=published,
        source=source,
        site=site,
        language="en",
        provenance=[Provenance(f"feeds/{site}.xml", "feed", url)],
        facts={"entities": entities or []},
    )


def wire_original() -> Article:
    return article(
        WIRE,
        title="Storm cracks Brellan breakwater, harbour closed",
        url="https://korvex-wire.example/brellan-breakwater",
        published=dt.datetime(2031, 5, 6, 9, 0, tzinfo=dt.UTC),
        site="korvex-wire.example",
    )


def copy_with_boilerplate() -> Article:
    """Another headline, an editor's note on top and a newsletter plug at the bottom."""
    return article(
        [EDITORS_NOTE, *WIRE, BOILERPLATE],
        title="Brellan shuts breakwater after storm damage",
        url="https://coastal-ledger.example/news/brellan",
        published=dt.datetime(2031, 5, 6, 11, 30, tzinfo=dt.UTC),
        site="coastal-ledger.example",
    )


def copy_cut_and_edited() -> Article:
    """Another headline, another dateline, the last paragraph cut and two words changed."""
    first = WIRE[0].replace("BRELLAN (Korvex Wire) -", "BRELLAN, May 6 (Korvex) --")
    second = WIRE[1].replace("at least three weeks", "at least 3 weeks")
    return article(
        [first, second, *WIRE[2:-1]],
        title="Harbour in Brellan closed: repairs to take weeks",
        url="https://pellamy-post.example/2031/05/06/brellan-harbour",
        published=dt.datetime(2031, 5, 6, 14, 0, tzinfo=dt.UTC),
        site="pellamy-post.example",
    )


def unrelated_same_words() -> Article:
    """Harbour, ferry, grain terminal, breakwater, fishermen: the same words, not the story."""
    return article(
        UNRELATED,
        title="Pellamy harbour council adds evening ferries",
        url="https://korvex-wire.example/pellamy-ferries",
        published=dt.datetime(2031, 5, 6, 10, 0, tzinfo=dt.UTC),
        site="korvex-wire.example",
    )


def entity(entity_id: str, name: str, kind: str, text: str) -> Entity:
    start = text.index(name)
    return Entity(entity_id, name, kind, mentions=[Mention(name, start, start + len(name))])


FOLLOW_UP = [
    "Divers sent down at the breakwater of Brellan found a third cracked granite block"
    " on Wednesday, the harbour master Wendeline Saska said.",
    "She said the survey would decide whether the breakwater can reopen to grain ships"
    " before the herring fleet returns, and that no date had been set.",
    "Traders in the inland markets expect the closure to last into next month.",
]


def follow_up(published: dt.date = dt.date(2031, 5, 7)) -> Article:
    """Written separately about the same event: the same people and place, other words."""
    text = "\n\n".join(FOLLOW_UP)
    return article(
        FOLLOW_UP,
        title="Divers find third cracked block at Brellan breakwater",
        url="https://coastal-ledger.example/news/brellan-divers",
        published=published,
        site="coastal-ledger.example",
        source=None,
        entities=[
            entity("gpe:brellan", "Brellan", "GPE", text),
            entity("person:wendeline-saska", "Wendeline Saska", "PERSON", text),
        ],
    )


def wire_with_entities() -> Article:
    original = wire_original()
    text = original.text
    original.entities = [
        entity("gpe:brellan", "Brellan", "GPE", text),
        entity("person:wendeline-saska", "Wendeline Saska", "PERSON", text),
        entity("org:osterlund-yard", "Osterlund", "ORG", text),
    ]
    return original
