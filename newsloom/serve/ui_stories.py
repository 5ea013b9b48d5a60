"""The stories pages and the article page's story panel."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from newsloom.record import Article
from newsloom.serve.deps import require_read_access
from newsloom.store import Store

router = APIRouter(dependencies=[Depends(require_read_access)], include_in_schema=False)


def article_story(store: Store, article: Article) -> Any:
    """What the article page shows of the article's story and copies (none until built)."""
    del store, article
    return None
