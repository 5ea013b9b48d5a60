"""An event found in the parse before its details: shared by parse, filters and details."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass(slots=True)
class Candidate:
    """One coded event before its details (dates, places, casualties) are filled in."""

    type: str
    trigger: Token
    # The verb whose subject and objects are the actors (the trigger for a verb, the light
    # verb or the absorbing frame otherwise, None for a bare event noun).
    clause: Token | None
    mode: str | None
    kind: str  # verb, noun, light_verb
    source: Span | None = None
    target: Span | None = None
    # The reporting verb a `must` clause hangs on ("Y must go", X said): its subject is
    # the one demanding.
    speaker: Token | None = None
    # An event noun under a future verb ("would keep up the protests", "talks will
    # begin"): its object is an announced intent, its subject a planned event.
    planned: str | None = None
    # The trigger stops, puts off or prevents the event its object names.
    stopping: bool = False
    # The reporting verb of an announced act coded as the announcement (PLOVER AGREE or
    # THREATEN: "X said it would withdraw on Friday"): the event is dated by the report.
    announced_by: Token | None = None
