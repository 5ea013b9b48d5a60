from __future__ import annotations

from typing import Any

import pytest

from newsloom.enrich.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline, loaded once for the session. `load_pipeline` caches it per
    process by its argument, and `Enricher` (so `newsloom.analyze`) asks for
    `load_pipeline(None)`: asking the same way shares its copy (`load_pipeline()` is
    another cache key, and would load the model a second time)."""
    return load_pipeline(None)
