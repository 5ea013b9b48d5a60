"""The judged real-news set: facts are matched to their verdicts by kind and digest."""

from __future__ import annotations

import json
from pathlib import Path

from newsloom.eval.judged import (
    Judgement,
    facts_to_judge,
    load_judgements,
    score_articles,
)
from newsloom.record import Article, Event, EventActor, Quote, TimeExpression

BODY = "Harbour workers in Velmora walked out on Monday, the union said."


def article(body: str = BODY, prefix: str = "") -> Article:
    text = prefix + body
    start = text.index("walked out")
    made = Article(paragraphs=[text], title="Velmora strike")
    made.events = [
        Event(
            "PROTEST",
            "walked out",
            (start, start + len("walked out")),
            len(prefix),
            len(text),
            source=EventActor("Harbour workers", len(prefix), len(prefix) + 15),
            date="2031-03-03",
        )
    ]
    day = text.index("Monday")
    made.times = [TimeExpression("on Monday", "2031-03-03", "DATE", day - 3, day + 6)]
    said = text.index("Harbour")
    made.quotes = [Quote(text[said : text.index(",")], "reported", said, text.index(","))]
    return made


def sig(made: Article, kind: str) -> str:
    return next(f.sig for f in facts_to_judge(made) if f.kind == kind)


def test_a_fact_keeps_its_digest_when_the_text_before_it_moves() -> None:
    assert sig(article(), "event") == sig(article(prefix="Updated story.\n\n"), "event")
    assert sig(article(), "time") == sig(article(prefix="Updated story.\n\n"), "time")


def test_a_fact_whose_judged_attributes_change_needs_a_new_verdict() -> None:
    changed = article()
    changed.events[0].type = "STRIKE"
    assert sig(changed, "event") != sig(article(), "event")
    changed = article()
    changed.times[0].value = "2031-03-10"
    assert sig(changed, "time") != sig(article(), "time")


def test_the_article_level_facts_are_judged_too() -> None:
    kinds = [f.kind for f in facts_to_judge(article())]
    assert kinds[:5] == ["title", "published", "authors", "source", "body"]


def test_score_tallies_verdicts_misses_and_unjudged_facts() -> None:
    made = article()
    judgements = [
        Judgement("set/a", "event", "partly", sig(made, "event"), detail="date"),
        Judgement("set/a", "time", "right", sig(made, "time")),
        Judgement("set/a", "event", "missed", detail="the lockout"),
        Judgement("set/b", "time", "wrong", sig(made, "time")),  # another article's verdict
    ]
    score, unjudged = score_articles({"set/a": made}, judgements)
    assert score.articles == 1
    event = score.kinds["event"]
    assert (event.emitted, event.right, event.partly, event.wrong, event.missed) == (1, 0, 1, 0, 1)
    assert event.precision() == 0.0 and event.recall() == 0.5
    assert score.kinds["time"].right == 1 and score.kinds["time"].precision() == 1.0
    assert score.kinds["quote"].unjudged == 1
    assert {fact.kind for _, fact in unjudged} >= {"quote", "title", "body"}
    assert "event@floor" in score.kinds  # the event (confidence 1.0) is above the UI floor


def test_judgements_load_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    lines = [
        {"article": "set/a", "kind": "time", "sig": "x", "span": [1, 2], "verdict": "right"},
        {"article": "set/a", "kind": "event", "verdict": "missed", "detail": "a raid"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    loaded = load_judgements(path)
    assert loaded[0].span == (1, 2) and loaded[1].sig is None and loaded[1].detail == "a raid"


def test_a_new_run_is_rescored_against_the_verdicts(tmp_path: Path) -> None:
    from newsloom.eval.judged import evaluate_judged, facts_to_judge

    folder = tmp_path / "scraped-text" / "txt"
    folder.mkdir(parents=True)
    page = (
        "Velmora Gazette | Home | Sport\n"
        "Dock strike closes Velmora harbour\n"
        "Harbour workers in Velmora walked out on Monday after talks with the port board "
        "broke down, the union said.\n"
        '"We will stay out until the board listens," said Ada Quenby, the union\'s leader.\n'
        "The port board said it regretted the strike.\n"
        "Share this story\n"
    )
    (folder / "k1.txt").write_text(page, encoding="utf-8")
    judged = [Judgement("scraped-text/k1", "title", "right", "-")]
    first = evaluate_judged(tmp_path, judged)
    (article,) = first.articles.values()
    facts = facts_to_judge(article)
    assert len(first.unjudged) == len(facts)  # nothing matched the made-up sig
    verdicts = [Judgement("scraped-text/k1", f.kind, "right", f.sig) for f in facts[1:]]
    second = evaluate_judged(tmp_path, verdicts)
    assert [fact.kind for _, fact in second.unjudged] == [facts[0].kind]
    everything = second.halves["all"]
    assert all(t.wrong == 0 and t.partly == 0 for t in everything.kinds.values())
    assert everything.kinds["body"].precision() == 1.0
    assert everything.kinds["title"].unjudged == 1


def test_an_unjudged_quote_is_packed_as_a_quote_not_as_its_own_kind() -> None:
    from newsloom.eval.judged import JudgedRun, unjudged_packets

    made = article()
    quote = next(f for f in facts_to_judge(made) if f.kind == "quote")
    assert quote.label.get("kind") == "reported"  # the label names the quote's own kind
    run = JudgedRun(
        halves={}, unjudged=[("scraped-text/k1", quote)], articles={"scraped-text/k1": made}
    )
    (packet,) = unjudged_packets(run)
    assert packet["kind"] == "quote" and packet["article"] == "scraped-text/k1"
    assert packet["span_text"] == made.text[quote.span[0] : quote.span[1]]  # type: ignore[index]
