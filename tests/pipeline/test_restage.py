"""`restage`: stored articles through the stages again (what `newsloom enrich` runs)."""

from __future__ import annotations

from typing import ClassVar

import pytest

from newsloom.pipeline.process import restage
from newsloom.record import Article


class _Marks:
    name: ClassVar[str] = "marks"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"site"})

    def __call__(self, article: Article) -> Article:
        if "broken" in article.text:
            raise ValueError("cannot mark")
        article.site = "marked"
        return article


def test_restage_runs_the_stages_in_batches_and_keeps_the_order() -> None:
    articles = [Article(paragraphs=[f"Story {i}."]) for i in range(7)]
    out = list(restage(articles, [_Marks()], batch_size=3))
    assert [a.text for a in out] == [f"Story {i}." for i in range(7)]
    assert {a.site for a in out} == {"marked"}


def test_restage_raises_what_a_stage_raises() -> None:
    with pytest.raises(ValueError, match="cannot mark"):
        list(restage([Article(paragraphs=["A broken story."])], [_Marks()]))
