"""The seed article's times, checked by structure against EXPECTED.md read at test time."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import newsloom


def _expected_times(shared: Path) -> list[tuple[str, str]]:
    """(phrase, value) pairs from EXPECTED.md's "## Times" section: `"phrase" -> value`."""
    text = (shared / "seed" / "EXPECTED.md").read_text(encoding="utf-8")
    section = text.split("## Times", 1)[1].split("\n## ", 1)[0]
    return re.findall(r'"([^"]+)"(?: \(twice\))? -> (\d{4}-\d{2}-\d{2})\b', section)


@pytest.mark.shared
def test_seed_times_resolve_against_publication_date(seed_text: str, shared_dir: Path) -> None:
    body = newsloom.extract(seed_text).text
    article = newsloom.analyze(body, published="2025-09-24")
    found = Counter((t.text, t.value) for t in article.times)
    expected = _expected_times(shared_dir)
    assert expected, "EXPECTED.md lists no times"
    for phrase, value in expected:
        words = phrase.split()
        # TimeML leaves the preposition out of the extent: "on Tuesday" is "Tuesday".
        extent = " ".join(words[1:]) if words[0] in ("on", "in", "at") else phrase
        if extent not in body:
            continue  # e.g. the title's "next week" is not in the body
        assert found[(extent, value)] >= body.count(extent), (extent, value, found)
