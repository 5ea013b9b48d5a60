"""Highlighted article text: built from offsets, escaped, well nested when spans overlap."""

from __future__ import annotations

from html.parser import HTMLParser

from newsloom.record import Article, Entity, Mention, Quote, TimeExpression
from newsloom.serve.ui.highlight import fact_annotations, highlight_paragraphs
from tests.store.articles import make_enriched_article


class NestingChecker(HTMLParser):
    """Fails on a closing tag that does not match the innermost open one; keeps the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.marks: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.marks.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> NestingChecker:
    checker = NestingChecker()
    checker.feed(html)
    checker.close()
    assert checker.stack == []
    return checker


def article_with(paragraphs: list[str]) -> Article:
    return Article(paragraphs=paragraphs, title="t")


def test_text_survives_highlighting_exactly() -> None:
    article = make_enriched_article()
    for paragraph, html in zip(article.paragraphs, highlight_paragraphs(article), strict=True):
        assert "".join(parse(str(html)).text) == paragraph


def test_crossing_spans_are_split_into_well_nested_marks() -> None:
    article = article_with(["Alpha Beta Gamma Delta"])
    # entity "Alpha Beta" crosses the quote "Beta Gamma"; a time sits inside both ends
    article.entities = [Entity("org:ab", "Alpha Beta", "ORG", [Mention("Alpha Beta", 0, 10)])]
    article.quotes = [Quote("Beta Gamma", "direct", 6, 16, speaker="Someone")]
    article.times = [TimeExpression("Gamma Delta", "2031", "DATE", 11, 22)]
    html = str(highlight_paragraphs(article)[0])
    checker = parse(html)
    assert "".join(checker.text) == "Alpha Beta Gamma Delta"
    kinds = [attrs["data-kind"] for attrs in checker.marks]
    # entity (Alpha), quote around the entity (Beta) and time (Gamma), then time (Delta)
    assert kinds == ["entity", "quote", "entity", "time", "time"]


def test_span_across_a_paragraph_break_is_reopened() -> None:
    article = article_with(["One two", "three four"])
    text = article.text
    start, end = text.index("two"), text.index("three") + len("three")
    article.quotes = [Quote(text[start:end], "reported", start, end)]
    first, second = (str(p) for p in highlight_paragraphs(article))
    assert first.endswith('data-confidence="1.00">two</mark>')
    assert second.startswith("<mark ") and ">three</mark> four" in second


def test_spans_outside_the_text_are_ignored() -> None:
    article = article_with(["short"])
    article.times = [
        TimeExpression("x", "v", "DATE", 3, 99),
        TimeExpression("y", "v", "DATE", 4, 4),
        TimeExpression("z", "v", "DATE", -1, 2),
    ]
    assert fact_annotations(article) == []
    assert str(highlight_paragraphs(article)[0]) == "short"


def test_markup_in_text_and_labels_is_escaped() -> None:
    article = article_with(['<b onclick="x()">Zed</b> & co'])
    start = article.text.index("Zed")
    article.entities = [
        Entity('person:"><script>', "<script>", "PERSON", [Mention("Zed", start, start + 3, 0.5)])
    ]
    html = str(highlight_paragraphs(article)[0])
    assert html.startswith("&lt;b onclick=&#34;x()&#34;&gt;<mark ")
    assert "<script>" not in html and "<b " not in html
    assert 'data-link="/entities/person:&#34;&gt;&lt;script&gt;"' in html
    assert 'data-confidence="0.50"' in html and "&amp; co" in html


def test_places_and_event_triggers_are_marked_with_their_evidence() -> None:
    from newsloom.record import Event, EventActor, Place

    text = "Farmers marched through Orvik on Monday. Orvik police watched."
    article = article_with([text])
    first, second = text.index("Orvik"), text.rindex("Orvik")
    orvik = Entity(
        "gpe:orvik",
        "Orvik",
        "GPE",
        [Mention("Orvik", first, first + 5), Mention("Orvik", second, second + 5)],
    )
    article.entities = [orvik]
    article.places = [Place("gpe:orvik", "Orvik", 60.5, 5.25, "city", "Orvik", first, first + 5)]
    trigger = text.index("marched")
    farmers = EventActor("Farmers", 0, 7)
    sentence_end = text.index(".") + 1
    article.events = [
        Event(
            "PROTEST",
            "marched",
            (trigger, trigger + 7),
            0,
            sentence_end,
            source=farmers,
            date="2031-03-03",
            place_id="gpe:orvik",
            confidence=0.8,
        )
    ]
    kinds = [(a.kind, text[a.start : a.end]) for a in fact_annotations(article)]
    assert kinds.count(("place", "Orvik")) == 2 and ("entity", "Orvik") not in kinds
    assert ("event", "marched") in kinds
    checker = parse(str(highlight_paragraphs(article)[0]))
    assert "".join(checker.text) == text
    event = next(m for m in checker.marks if m.get("data-kind") == "event")
    assert event["data-label"] == "PROTEST: Farmers, at Orvik, on 2031-03-03"
    assert event["data-evidence"] == "Farmers marched through Orvik on Monday."
    place = next(m for m in checker.marks if m.get("data-kind") == "place")
    assert "60.5000, 5.2500" in (place["data-label"] or "")
