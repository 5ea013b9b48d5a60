"""The quotes page (issue 11): who said what, filtered by speaker, entity discussed,
words, days and kind (direct or reported), each quote linked to its highlight in the
article with its review, paged by cursor, exported whole through `/api/export/quotes`;
the quotes an analyst rejected only when asked (`include_rejected`)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from newsloom.serve.deps import StoreDep, require_read_access
from newsloom.serve.ui.lists import PAGE_SIZE, Notices, Pager, export_links
from newsloom.serve.ui.render import render
from newsloom.serve.ui.reviews import verdicts_of, wants_rejected
from newsloom.store.sql.analyst import QuoteFilter

router = APIRouter(dependencies=[Depends(require_read_access)], include_in_schema=False)

KINDS: tuple[Literal["direct", "reported"], ...] = ("direct", "reported")


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    store: StoreDep,
    speaker: str = "",
    about: str = "",
    q: str = "",
    since: str = "",
    until: str = "",
    kind: str = "",
    include_rejected: str = "",
    cursor: str = "",
) -> HTMLResponse:
    notices = Notices()
    showing = wants_rejected(include_rejected)
    first, last = notices.day("since", since), notices.day("until", until)
    chosen = next((k for k in KINDS if k == kind), None)
    filters = QuoteFilter(
        speaker=speaker.strip()[:200] or None,
        about=about.strip()[:200] or None,
        words=q.strip()[:200] or None,
        since=first,
        until=last,
        kind=chosen,
        include_rejected=showing,
    )
    # Say which entity a short name was taken for, and what else it may mean.
    resolved = {}
    for key, name in (("speaker", filters.speaker), ("about", filters.about)):
        if name:
            resolved[key] = store.resolve_entities(name)
    offset = notices.offset(cursor)
    hits = store.find_quotes(filters, limit=PAGE_SIZE, offset=offset)
    total = store.count_quotes(filters)
    params = {
        "speaker": filters.speaker or "",
        "about": filters.about or "",
        "q": filters.words or "",
        "since": first.isoformat() if first else "",
        "until": last.isoformat() if last else "",
        "kind": chosen or "",
        "include_rejected": "true" if showing else "",
    }
    facts = [(h.record.article.id, h.record.quote.start, h.record.quote.end) for h in hits]
    return render(
        "quotes.html",
        page="quotes",
        filters=params,
        kinds=KINDS,
        resolved=resolved,
        quotes=hits,
        verdicts=verdicts_of(store, "quote", facts),
        total=total,
        pager=Pager("/quotes", params, offset, len(hits), total, PAGE_SIZE),
        exports=export_links("quotes", params),
        notices=notices.messages,
    )
