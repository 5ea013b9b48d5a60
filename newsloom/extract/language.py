"""Language identification with py3langid (its model ships inside the package)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Below this many characters language guesses are noise.
MIN_CHARS = 20
# The opening of an article is enough to tell its language; more only costs time.
SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def detect_language(text: str) -> str | None:
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    language, _probability = _identifier().classify(sample)
    return str(language)
