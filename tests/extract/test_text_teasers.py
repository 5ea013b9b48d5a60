"""Teaser lists and truncated copies in scraped text, on invented pages."""

from __future__ import annotations

from newsloom.extract.text import extract_text
from newsloom.extract.text_teasers import find_teasers, truncated_text
from newsloom.options import Options

OPTIONS = Options(detect_language=False)

BODY = [
    "ORLEN BAY: The harbour board of Orlen Bay voted on Monday to close the old fish "
    "market, ending a trade that has run on the quay for more than two hundred years.",
    "Traders said they had not been told where they would go, and several said they would "
    "take the board to court before the closure takes effect in the spring.",
    "The board said the building was no longer safe and that repairs would cost more than "
    "a new market on the edge of town, which it plans to open within three years.",
    '"We have sold fish here since my grandmother\'s time," said one trader, Mara Quell.',
]

TEASERS = [
    "Ferry crews vote to strike over winter timetable",
    "KESTON: Crews on the island ferries voted on Tuesday to strike for two days next "
    "month after talks on the new winter timetable broke down, their union said on...",
    "Hospital wing to reopen after flood repairs",
    "DUNMERE: The children's wing of Dunmere general hospital will reopen next week, "
    "three months after a burst pipe flooded the ground floor and forced the...",
    "School roof fund falls short of target",
    "ALVER: Parents in Alver have raised less than half of the money needed to repair "
    "the roof of the village school, and the council has refused to make up the…",
]


def test_truncated_text_needs_a_mid_sentence_ellipsis_on_a_long_line() -> None:
    long = "The council said the plan would go ahead despite the objections of the"
    assert truncated_text(long + "...") == long
    assert truncated_text(long + "…") == long
    assert truncated_text(long + " […]") == long
    assert truncated_text(long + ".") is None
    assert truncated_text("It ended. Or did it...") is None  # too short to be a summary
    # A sentence that ends and then trails off is a writer's pause, not a cut.
    assert truncated_text("She looked at the water for a long time and then she said. ...") is None


def test_a_run_of_truncated_summaries_is_a_teaser_list() -> None:
    teasers = find_teasers([*TEASERS, *BODY])
    assert teasers.listed == {1, 3, 5}
    assert not teasers.copies


def test_a_lone_trailing_ellipsis_in_the_body_is_kept() -> None:
    pause = (
        "The old trader looked out over the water and said he would stay until they carried "
        "him out, or until the tide came up through the floor..."
    )
    text = "\n".join(["Orlen Bay market to close", BODY[0], pause, *BODY[1:]])
    article = extract_text(text, OPTIONS)
    assert pause in article.paragraphs


def test_teaser_list_before_the_article_is_not_body() -> None:
    chrome = ["News", "Sport", *TEASERS, "2 Comments"]
    text = "\n".join([*chrome, "Harbour board shuts market", *BODY])
    article = extract_text(text, OPTIONS)
    assert article.paragraphs[0] == BODY[0]
    assert article.paragraphs[-1] == BODY[-1]
    assert not any(p.endswith(("...", "…")) for p in article.paragraphs)


def test_teaser_list_inside_the_region_is_removed_as_related() -> None:
    text = "\n".join([*BODY[:2], *TEASERS, *BODY[2:]])
    article = extract_text(text, OPTIONS)
    assert BODY[0].split(": ", 1)[1] in article.paragraphs[0]
    assert not any("KESTON" in p or "DUNMERE" in p for p in article.paragraphs)


def test_truncated_copy_of_the_first_paragraph_is_a_duplicate() -> None:
    copy = BODY[0][:120].rsplit(" ", 1)[0] + "..."
    text = "\n".join(["Harbour board shuts market", copy, "By Ida Venn", *BODY])
    teasers = find_teasers(text.splitlines())
    assert teasers.copies == {1}
    article = extract_text(text, OPTIONS)
    assert copy not in article.paragraphs
    assert sum("Orlen Bay" in p for p in article.paragraphs) == 1


def test_lines_of_only_zero_width_spaces_do_not_split_the_body() -> None:
    spacer = "\u200b"
    captions = ["Quay at dawn", spacer, spacer]
    lines = ["Menu", "Harbour board shuts market", BODY[0], spacer, spacer]
    lines += [*captions, BODY[1], spacer, spacer, *captions, BODY[2], spacer, BODY[3]]
    article = extract_text("\n".join(lines), OPTIONS)
    assert article.paragraphs[0] == BODY[0]
    assert article.paragraphs[-1] == BODY[3]
    assert spacer not in article.paragraphs
