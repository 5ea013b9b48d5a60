"""The text-mode cleaner on scraped text: the seed, invented articles, and the eval set."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsloom.extract.text import extract_text
from newsloom.options import Options

OPTIONS = Options()

LEDE = [
    "The Norland rail authority will buy forty electric trains from a Korvik maker, "
    "its chief executive said on Thursday, in a deal meant to retire the diesel fleet.",
    "The first trains are due on the coastal line in 2027, when the old engines reach "
    "the end of their service lives.",
    '"We waited a long time for a deal like this," Ada Linn told a news conference in Halden.',
]
MORE = [
    "Unions welcomed the order but asked for guarantees that maintenance jobs would stay "
    "in the country.",
    "The authority did not say how much the trains would cost.",
]


def repeated_lede_article() -> str:
    """Lede, headline and photo credit, the lede again, the rest, agency, related, chrome."""
    lines = [
        f"  date 2024-03-07 {LEDE[0]}",
        *LEDE[1:],
        "Norland orders forty electric trains to replace diesel fleet",
        "Photo: AFP/Ola Strand",
        *LEDE,
        *MORE,
        "AFP",
        "Read also",
        "Halden tram strike enters second week",
        "Korvik maker posts record profit on export orders",
        "Join the conversation",
        "Get our free newsletter",
        "Popular now",
    ]
    return "\n".join(lines)


def page_dump_article() -> str:
    """A naive page dump: menus, headline, byline, dateline body, related list, footer."""
    lines = [
        "Home",
        "News",
        "Sport",
        "Weather",
        "Search",
        "Tresk storm leaves island without power for three days",
        "By Mira Osk",
        "TRESK, Jan 9 (Reuters) - Thousands of homes on the island of Tresk were without "
        "power on Tuesday after a storm brought down the main cable to the mainland.",
        "Engineers said they would need at least three days to lay a temporary line, "
        "because the sea was still too rough for the repair ship to leave port.",
        "What happens next",
        "The island council opened its school as a shelter and asked older residents who "
        "live alone to register with the emergency service.",
        "Reporting by Mira Osk; Editing by Tom Bray",
        "Share on Facebook",
        "Share on Twitter",
        "More from News",
        "Ferry fares to rise in spring",
        "Halden council approves new bridge",
        "About us",
        "Contact",
        "© 2024 Tresk Daily. All rights reserved.",
    ]
    return "\n".join(lines)


def removed(article: object, reason: str) -> list[str]:
    return [r.text for r in article.removed if r.reason == reason]  # type: ignore[attr-defined]


def test_seed_article(seed_text: str) -> None:
    import newsloom

    article = newsloom.extract(seed_text)
    assert article.published == dt.date(2025, 9, 24)
    assert article.title is not None and not article.title.endswith(".")
    assert article.title in seed_text.splitlines()
    assert article.source == "Reuters"
    assert article.credits == ["REUTERS/Kylie Cooper"]
    assert len(article.paragraphs) == 6
    assert len(set(article.paragraphs)) == 6
    assert len(removed(article, "duplicate")) == 4
    assert len(article.related) == 5
    assert all(r.url is None for r in article.related)
    body = article.text
    for item in article.related:
        assert item.title not in body
    chrome = removed(article, "boilerplate")
    assert "READ MORE:" in chrome
    assert "Most read" in chrome and "Latest Videos" in chrome
    assert not any("Image:" in p or p == "Reuters" for p in article.paragraphs)


def test_repeated_lede_gives_title_body_source_and_related() -> None:
    article = extract_text(repeated_lede_article(), OPTIONS)
    assert article.published == dt.date(2024, 3, 7)
    assert article.title == "Norland orders forty electric trains to replace diesel fleet"
    assert article.paragraphs == LEDE + MORE
    assert removed(article, "duplicate") == LEDE
    assert article.source == "AFP"
    assert article.credits == ["AFP/Ola Strand"]
    assert [r.title for r in article.related] == [
        "Halden tram strike enters second week",
        "Korvik maker posts record profit on export orders",
    ]
    assert "Get our free newsletter" in removed(article, "boilerplate")


def test_page_dump_title_byline_dateline_and_tail() -> None:
    article = extract_text(page_dump_article(), OPTIONS)
    assert article.title == "Tresk storm leaves island without power for three days"
    assert article.authors == ["Mira Osk"]
    assert article.source == "Reuters"
    assert article.paragraphs[0].startswith("Thousands of homes on the island of Tresk")
    assert "What happens next" in article.paragraphs  # a subheading inside the body
    assert article.paragraphs[-1].startswith("The island council opened its school")
    assert "TRESK, Jan 9 (Reuters) -" in removed(article, "dateline")
    assert "Home" in removed(article, "boilerplate")
    assert not any("Share" in p or "©" in p for p in article.paragraphs)


def test_without_date_prefix_or_repeat_the_title_is_the_line_before_the_body() -> None:
    text = "\n".join(["Menu", "Velmora pier to close after ninety years", *MORE[:1], *LEDE])
    article = extract_text(text, OPTIONS)
    assert article.published is None
    assert article.title == "Velmora pier to close after ninety years"
    assert article.paragraphs == [MORE[0], *LEDE]


def test_lines_broken_inside_a_sentence_are_joined() -> None:
    text = "\n".join(
        [
            "Home",
            "The council of Velmora said on Monday that the ferry pier,",
            "which has served the island for ninety years, would close in May.",
            LEDE[1],
        ]
    )
    article = extract_text(text, OPTIONS)
    assert article.paragraphs[0].endswith("would close in May.")
    assert article.paragraphs[0].startswith("The council of Velmora")


def test_comments_section_is_not_body() -> None:
    comment = (
        "I think the council has made the wrong choice here and the island will regret it "
        "for years, because the new landing is far from the village."
    )
    text = "\n".join([*LEDE, *MORE, "12 Comments", "Ola Strand says:", comment, comment + " Yes."])
    article = extract_text(text, OPTIONS)
    assert article.paragraphs == LEDE + MORE


@pytest.mark.shared
def test_scraped_text_eval_gate(shared_dir: Path) -> None:
    from newsloom.eval.metrics import aggregate, score_page

    folder = shared_dir / "eval" / "scraped-text"
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    scores = [
        score_page(body, extract_text((folder / "txt" / f"{key}.txt").read_text(), OPTIONS).text)
        for key, body in gold.items()
    ]
    assert aggregate(scores).f1 >= 0.89


def test_a_short_sentence_with_a_state_abbreviation_is_no_photo_credit() -> None:
    from newsloom.extract.text import _is_photo_credit

    # "Pa." reads like the Press Association's "PA"; in a sentence it is Pennsylvania.
    assert not _is_photo_credit("The ceremony was held in Scranton, Pa., on Sunday.")
    assert not _is_photo_credit("He was born in Bethlehem, Pa.")
    # The positive controls: credits that name the agency at either end.
    assert _is_photo_credit("Jane Roe, AP")
    assert _is_photo_credit("Jane Roe/Kessmoor Times/PA")
