"""The parse helpers: chunked parsing keeps offsets, and a doc's text is built once."""

from __future__ import annotations

import spacy

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
