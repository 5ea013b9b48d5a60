"""The seed article's facts, read from ../shared/seed/EXPECTED.md at test time.

Nothing of the seed is copied here: the expected values are parsed from
EXPECTED.md, and the article comes out of the real CLI. The rules behind each
fact are unit-tested on invented articles in tests/extract/.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# The article comes out of a CLI subprocess (about 1.7 s).
pytestmark = pytest.mark.slow

SEED_NAME = "000_316a465328a2c4c2.txt"


def _expected_section(expected: str, heading: str) -> str:
    match = re.search(rf"^## {heading}\n(.*?)(?=^## |\Z)", expected, re.S | re.M)
    assert match, f"EXPECTED.md has no section {heading!r}"
    return match.group(1)


def _bullet(section: str, label: str) -> str:
    """The bullet's text after its label, continuation lines included."""
    match = re.search(rf"^- {re.escape(label)}(.*(?:\n[ \t]+.*)*)", section, re.M)
    assert match, f"EXPECTED.md has no bullet {label!r}"
    return match.group(1)


@pytest.fixture(scope="module")
def expected_article() -> dict[str, Any]:
    expected_md = Path(__file__).resolve().parents[2] / "shared" / "seed" / "EXPECTED.md"
    if not expected_md.is_file():
        pytest.skip("../shared/seed is absent (only CI and developer machines have it)")
    article = _expected_section(expected_md.read_text(encoding="utf-8"), "Article")
    ticks = re.compile(r"`([^`]+)`")
    return {
        "published": re.search(r"\d{4}-\d{2}-\d{2}", _bullet(article, "published:")).group(0),  # type: ignore[union-attr]
        "title": ticks.findall(_bullet(article, "title:"))[0],
        "source": _bullet(article, "source / wire agency:").split("(")[0].strip(" :"),
        "credit": ticks.findall(_bullet(article, "image credit:"))[0],
        "paragraph_starts": [
            start.rstrip(". ").removesuffix("...").strip()
            for start in re.findall(r"^\s+\d\. `([^`]+)`", article, re.M)
        ],
        "related": ticks.findall(_bullet(article, "related stories:").split("\n", 1)[1]),
        "chrome": ticks.findall(_bullet(article, "removed as page chrome:")),
    }


@pytest.fixture(scope="module")
def extracted(expected_article: dict[str, Any]) -> dict[str, Any]:
    seed = Path(__file__).resolve().parents[2] / "shared" / "seed" / SEED_NAME
    result = subprocess.run(
        [sys.executable, "-m", "newsloom", "extract", str(seed), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_metadata(expected_article: dict[str, Any], extracted: dict[str, Any]) -> None:
    assert extracted["published"] == expected_article["published"]
    assert extracted["title"] == expected_article["title"]
    assert extracted["source"] == expected_article["source"]
    assert expected_article["credit"] in extracted["credits"]


def test_body_is_the_listed_paragraphs_once_each_in_order(
    expected_article: dict[str, Any], extracted: dict[str, Any]
) -> None:
    starts = expected_article["paragraph_starts"]
    assert len(starts) == 6
    paragraphs = extracted["paragraphs"]
    assert len(paragraphs) == len(starts)
    for paragraph, start in zip(paragraphs, starts, strict=True):
        assert paragraph.startswith(start.split("...")[0].strip())
    assert extracted["text"] == "\n\n".join(paragraphs)


def test_duplicates_credit_related_and_chrome_are_removed_with_reasons(
    expected_article: dict[str, Any], extracted: dict[str, Any]
) -> None:
    removed = {(seg["text"].strip(), seg["reason"]) for seg in extracted["removed"]}
    duplicates = [text for text, reason in removed if reason == "duplicate"]
    assert len(duplicates) == 4
    assert [item["title"] for item in extracted["related"]] == expected_article["related"]
    body = extracted["text"]
    removed_texts = {text for text, _ in removed}
    for chrome in expected_article["chrome"]:
        assert chrome not in body
        assert any(chrome in text for text in removed_texts), chrome
    assert expected_article["credit"] not in body
    for headline in expected_article["related"]:
        assert headline not in body
