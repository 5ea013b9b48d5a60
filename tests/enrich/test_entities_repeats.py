"""Untagged repeats of a name become mentions, only where no other reading is possible."""

from __future__ import annotations

from newsloom.enrich.entities.repeats import REPEAT_CONFIDENCE, RepeatLink, repeat_links
from newsloom.record import Entity, Mention


def _person(name: str, text: str) -> Entity:
    start = text.index(name)
    return Entity(
        f"person:{name.lower()}", name, "PERSON", [Mention(name, start, start + len(name))]
    )


def _linked(links: list[RepeatLink], text: str) -> list[str]:
    return [text[link.start : link.end] for link in links]


def test_a_later_bare_surname_is_a_mention_of_the_one_person_with_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Mayor Ines Garrow opened the bridge. Residents cheered when Garrow cut the ribbon."
    links = repeat_links(nlp(text), [_person("Ines Garrow", text)])
    assert _linked(links, text) == ["Garrow"]
    assert links[0].confidence == REPEAT_CONFIDENCE
    assert links[0].start == text.rindex("Garrow")


def test_a_surname_two_people_share_is_left_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ines Garrow and Tomas Garrow both spoke. Garrow said the vote was fair."
    entities = [_person("Ines Garrow", text), _person("Tomas Garrow", text)]
    assert repeat_links(nlp(text), entities) == []


def test_a_surname_that_is_an_ordinary_word_here_is_not_linked(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The council thanked Alma Young for her work. Young voters stayed away this year."
    assert repeat_links(nlp(text), [_person("Alma Young", text)]) == []


def test_repeats_inside_existing_mentions_are_not_added_twice(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ines Garrow spoke first. Later Ines Garrow spoke again."
    entity = _person("Ines Garrow", text)
    second = text.rindex("Ines Garrow")
    entity.mentions.append(Mention("Ines Garrow", second, second + len("Ines Garrow")))
    assert repeat_links(nlp(text), [entity]) == []
