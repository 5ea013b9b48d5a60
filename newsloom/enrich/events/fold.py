"""One act, one row: the mentions of one act in an article folded into its first.

News tells an act several times: in the lede and again in the body ("Police arrested 14
protesters on Tuesday ... The 14 were arrested outside parliament"), by a verb and a
noun in one sentence ("the UN team investigated arms smuggling, a probe that ..."), or
through a pronoun resolved to the same actor ("Taylor boycotted the hearing ... he
boycotted the proceedings"). Two events are one act when they have the same category
and mode, the same doer (the same entity, or the same words) and compatible targets and
dates (equal, or one of them unknown). The surer mention (the first of equals) stays as
it is, with a claim and the higher casualty counts the other adds.

Within a sentence an event noun of the category of a verb event of that sentence is the
same act retold ("investigated ..., a probe that ...").
"""

from __future__ import annotations

from collections.abc import Sequence

from newsloom.record import Event, EventActor


def fold(events: Sequence[Event], dated: Sequence[bool]) -> list[Event]:
    """`dated[i]`: the date of `events[i]` was told in its clause (else it is only the
    publication day, which says nothing about whether two mentions are one act)."""
    kept: list[tuple[Event, bool]] = []
    for event, told in zip(events, dated, strict=True):
        index = next((i for i, k in enumerate(kept) if same_act(k, (event, told))), None)
        if index is None:
            kept.append((event, told))
        elif event.confidence > kept[index][0].confidence:
            _merge(event, kept[index][0])  # the surer mention is the better evidence
            kept[index] = (event, told or kept[index][1])
        else:
            _merge(kept[index][0], event)
    return [event for event, _ in kept]


def same_act(a: tuple[Event, bool], b: tuple[Event, bool]) -> bool:
    (first, first_dated), (second, second_dated) = a, b
    if first.type != second.type or first.mode != second.mode:
        return False
    doer = _key(first.source)
    if doer is None or doer != _key(second.source):
        return False
    targets = (_key(first.target), _key(second.target))
    if None not in targets and targets[0] != targets[1]:
        return False
    return not (first_dated and second_dated) or first.date == second.date


def _key(actor: EventActor | None) -> str | None:
    if actor is None:
        return None
    return actor.entity_id or " ".join(actor.text.lower().split())


def _merge(kept: Event, other: Event) -> None:
    """What the other mention adds: a claim and the higher casualty counts."""
    if kept.claimed_by is None:
        kept.claimed_by = other.claimed_by
    for field in ("fatalities", "injured"):
        counts = [c for c in (getattr(kept, field), getattr(other, field)) if c is not None]
        setattr(kept, field, max(counts) if counts else None)


def retold_nouns(kinds: Sequence[str], events: Sequence[Event]) -> list[Event]:
    """The events of one sentence less an event noun that retells a verb event of its
    category ("the team investigated ..., a probe that included ..."): one with no doer
    but the verb's and no count of its own ("while an ambush left eight dead" is another
    act)."""
    verbs = [e for e, kind in zip(events, kinds, strict=True) if kind != "noun"]

    def retells(noun: Event) -> bool:
        if noun.fatalities is not None or noun.injured is not None:
            return False
        doer = _key(noun.source)
        return any(v.type == noun.type and doer in (None, _key(v.source)) for v in verbs)

    return [e for e, kind in zip(events, kinds, strict=True) if kind != "noun" or not retells(e)]
