"""The spaCy pipeline is loaded once per process, however the default model is asked for."""

from __future__ import annotations

from newsloom.enrich.nlp import load_pipeline, resolve_model


def test_the_default_model_is_one_copy_whether_named_or_not() -> None:
    assert load_pipeline() is load_pipeline(None) is load_pipeline(resolve_model())
