"""Story teasers and truncated copies in a page dump.

A teaser is a summary cut off mid-sentence with an ellipsis ("... the council
said it would..."), usually under a headline in a list of other stories, or as a
shortened copy of the article's own first paragraph. Two rules, both general:

- a truncated line whose text (without the ellipsis) starts another line is a
  copy of that line;
- truncated lines that come in a run (at most `teaser_max_gap` other lines
  between them, a headline and a date) form a teaser list.

A single truncated line on its own is left alone: writers end sentences with a
dramatic "..." too. Thresholds live in news.toml under `[text]`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from newsloom.extract.news_data import news_patterns
from newsloom.extract.news_lines import line_key

# Characters compared before a line is normalised and checked as the full copy.
_HEAD = 12
# Characters at the end of a line searched for the truncation marker.
_TAIL = 16


@dataclass(slots=True, frozen=True)
class Teasers:
    copies: frozenset[int]  # truncated copies of another line
    listed: frozenset[int]  # summaries in a run of teasers

    def all(self) -> frozenset[int]:
        return self.copies | self.listed


def truncated_text(line: str) -> str | None:
    """The text before a mid-sentence ellipsis that ends a long line, else None."""
    patterns = news_patterns()
    if len(line) < patterns.text.teaser_min_chars:
        return None
    # The marker sits at the very end: search only the tail (look-behind still sees before it).
    match = patterns.text.truncation.search(line, max(0, len(line) - _TAIL))
    return line[: match.start()] if match else None


def find_teasers(lines: list[str]) -> Teasers:
    cut = {i: text for i, line in enumerate(lines) if (text := truncated_text(line)) is not None}
    if not cut:
        return Teasers(frozenset(), frozenset())
    copies = frozenset(_copies(lines, cut))
    return Teasers(copies, frozenset(_runs(sorted(cut))))


def _copies(lines: list[str], cut: dict[int, str]) -> set[int]:
    keys = {i: line_key(text) for i, text in cut.items()}
    found: set[int] = set()
    for j, line in enumerate(lines):
        if j in cut:
            continue
        head = line[:_HEAD].casefold()
        for i, key in keys.items():
            if i in found or len(line) <= len(cut[i]) or head != cut[i][:_HEAD].casefold():
                continue
            if line_key(line).startswith(key):
                found.add(i)
    return found


def _runs(indices: list[int]) -> set[int]:
    gap = news_patterns().text.teaser_max_gap + 1
    listed: set[int] = set()
    for a, b in itertools.pairwise(indices):
        if b - a <= gap:
            listed.update((a, b))
    return listed
