"""The parse helpers: chunked parsing keeps offsets, and a doc's text is built once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from newsloom.enrich.nlp import doc_text, parse, split_for_parsing


def test_doc_text_equals_the_doc_and_is_kept_after_the_first_call() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Ferries to Orvik resume on Monday.\n\nThe harbour master said so.")
    assert doc_text(doc) == doc.text
    doc.user_data["newsloom.text"] = "kept"  # the cached copy is what later calls return
    assert doc_text(doc) == "kept"


def test_chunked_parse_keeps_every_character() -> None:
    nlp = spacy.blank("en")
    text = "\n\n".join(f"Paragraph {n} about the Orvik ferry." for n in range(40))
    assert "".join(split_for_parsing(text, limit=200)) == text
    (doc,) = parse(nlp, [text])
    assert doc.text == text


def test_parse_hands_spacy_a_bounded_number_of_characters_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = spacy.blank("en")
    calls: list[list[str]] = []
    pipe = nlp.pipe

    def counting_pipe(texts: Iterable[str], **kwargs: Any) -> Iterator[Doc]:
        listed = list(texts)
        calls.append(listed)
        return iter(pipe(listed, **kwargs))

    monkeypatch.setattr(nlp, "pipe", counting_pipe)
    monkeypatch.setattr("newsloom.enrich.nlp.PIPE_CHARS", 120)
    texts = [f"The Orvik ferry sailed {n} times this week." * (1 + n % 4) for n in range(12)]
    docs = list(parse(nlp, texts, batch_size=5))
    assert [doc.text for doc in docs] == texts  # every text, in order
    assert len(calls) > 3
    # A call holds one text longer than the limit, or texts within it together.
    assert all(len(call) == 1 or sum(map(len, call)) <= 120 for call in calls)
    assert [text for call in calls for text in call] == texts
