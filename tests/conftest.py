from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "samples"


@pytest.fixture
def shared_dir() -> Path:
    """`../shared` beside the checkout; tests that need it skip in a user's clone."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (only CI and developer machines have it)")
    return SHARED


@pytest.fixture
def seed_text(shared_dir: Path) -> str:
    path = shared_dir / "seed" / "000_316a465328a2c4c2.txt"
    if not path.is_file():
        pytest.skip("the seed article is absent from ../shared/seed")
    return path.read_text(encoding="utf-8")
