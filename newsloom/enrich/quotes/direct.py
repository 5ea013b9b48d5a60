"""Direct quotes: stretches of text between quote marks, found without the parse.

Straight, curly, low-nine and guillemet double marks and curly single marks are
read; a single curly mark only opens at a word start and only closes when no
letter follows (so `don’t` and `Ukraine’s` are apostrophes). A quote left open
at the end of a paragraph continues when the next paragraph opens with a quote
mark (the newspaper convention for a quote running over paragraphs), unless that
paragraph opens a transcript turn (`"NAME: ...`, read as reported speech by its
label instead); any other unclosed mark is ignored, and no quote runs over
`max_chars`. A closing curly mark that opens a paragraph (`”We will win.”`, a
common slip of pasted text) opens a quote there.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newsloom.enrich.quotes.config import QuoteConfig

# Characters that may precede an opening mark besides whitespace.
_BEFORE_OPENING = "([{—–-/:;,"
# Stripped from both ends of quote content.
_TRIM = " \t\n\r"
# A closing mark that may open a quote at a paragraph start, closed by itself.
_REVERSED = "”"


@dataclass(slots=True, frozen=True)
class QuotedSpan:
    """One quote: `open`/`close` are the marks' offsets, `start`/`end` its trimmed content."""

    open: int
    close: int
    start: int
    end: int

    def contains(self, offset: int) -> bool:
        return self.open <= offset <= self.close


def find_quoted_spans(text: str, config: QuoteConfig) -> list[QuotedSpan]:
    spans: list[QuotedSpan] = []
    any_mark = _mark_pattern(tuple(config.marks.pairs))
    position = 0
    while position < len(text):
        # Jump to the next quote mark instead of testing every character.
        match = any_mark.search(text, position)
        if match is None:
            break
        position, mark = match.start(), match.group()
        if _opens(text, position, mark) and not _turn_label(text, position, config):
            found = _close(text, position, mark, config)
            if found is not None:
                close, closer = found
                span = _trimmed(text, position, len(mark), close)
                if span is not None:
                    spans.append(span)
                position = close + len(closer)
                continue
        position += 1
    return spans


@functools.cache
def _mark_pattern(marks: tuple[str, ...]) -> re.Pattern[str]:
    """Any opening mark, the longest first where one begins another (`''` before `'`);
    a closing curly mark only where it opens a paragraph."""
    ordered = sorted(marks, key=len, reverse=True)
    alternatives = [re.escape(mark) for mark in ordered]
    return re.compile("|".join([*alternatives, f"(?:^|(?<=\n)){_REVERSED}"]))


def _turn_label(text: str, index: int, config: QuoteConfig) -> bool:
    """A mark at a line start that opens a transcript turn (`"NAME: ...`)."""
    return config.cues.colon_speaker.match(text, index) is not None


def _opens(text: str, index: int, mark: str) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + len(mark)] if index + len(mark) < len(text) else " "
    if after.isspace():
        return False
    if mark in ("‘", '"', "''"):
        return before.isspace() or before in _BEFORE_OPENING or index == 0
    return not before.isalnum() or mark in "“«»„"


def _closes(text: str, index: int, mark: str) -> bool:
    before = text[index - 1]
    after = text[index + len(mark)] if index + len(mark) < len(text) else " "
    if before.isspace():
        return False
    if mark in ("’", '"', "''"):
        return not after.isalnum()
    return True


def _close(text: str, opening: int, mark: str, config: QuoteConfig) -> tuple[int, str] | None:
    """The closing mark's offset and the mark, or None when the quote is never closed
    in bounds."""
    closers = sorted(config.marks.pairs.get(mark, frozenset((mark,))), key=len, reverse=True)
    limit = min(len(text), opening + config.marks.max_chars)
    index = opening + len(mark)
    while index < limit:
        closer = next((c for c in closers if text.startswith(c, index)), None)
        if closer is not None and _closes(text, index, closer):
            return index, closer
        if text[index] == "\n":
            while index < len(text) and text[index].isspace():
                index += 1
            if text.startswith(mark, index) and not _turn_label(text, index, config):
                index += len(mark)  # the quote runs on into a paragraph that reopens it
                continue
            return None
        index += 1
    return None


def _trimmed(text: str, opening: int, width: int, close: int) -> QuotedSpan | None:
    start, end = opening + width, close
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if start >= end:
        return None
    return QuotedSpan(opening, close, start, end)
