"""Reviewing facts on the article page (issue 11, item 5).

Each fact the page lists (entity, quote, time, place, event) shows its review, and to a
signed-in analyst (`deps.signed_in`: the sign-in cookie) a small "review" control: a
form that confirms, rejects or corrects it (with the corrected value and a comment) or
clears its review. The form posts to `/articles/{id}/review`, which needs the cookie, a
request from this server's own pages (`login.same_origin`) and the form's token
(`deps.form_token`), then goes back to the fact. No script: the control is a <details>.

An entity is reviewed by its mentions (`reviews.fact_span`): the control gives every
mention of it the same verdict. Rejected facts are hidden (`ArticleReviews.hidden`)
unless the page is asked for them (`include_rejected=true`), then shown struck through.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response

from newsloom.record import Article
from newsloom.serve.deps import (
    SettingsDep,
    SignedIn,
    StoreDep,
    form_token_matches,
    require_read_access,
)
from newsloom.serve.ui.login import same_origin
from newsloom.serve.ui.render import SECURITY_HEADERS, render
from newsloom.store import Store
from newsloom.store.sql.reviews import (
    ARTICLE_KEYS,
    VERDICTS,
    ArticleReviews,
    Review,
    fact_span,
)

router = APIRouter(dependencies=[Depends(require_read_access)], include_in_schema=False)

# The kinds the article page lists, and the section each is listed in.
SECTIONS = {
    "entity": "entities",
    "quote": "quotes",
    "time": "times",
    "place": "places",
    "event": "events",
}
# What a correction of each kind usually gives (the value field's placeholder).
CORRECTION_HINTS = {
    "entity": "corrected name or type, e.g. ORG",
    "quote": "corrected speaker or text",
    "time": "corrected value, e.g. 2031-03-07",
    "place": "corrected place",
    "event": "corrected type, e.g. PROTEST",
}
CLEAR = "clear"
REVIEWER = "web UI"
MAX_FIELD_CHARS = 4000


def wants_rejected(value: str) -> bool:
    """Whether a page's `include_rejected` asks for rejected facts too."""
    return value.strip().lower() in {"true", "1", "on", "yes"}


def value_text(value: Any) -> str:
    """A corrected value as the page shows it: text as it is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def parse_value(text: str) -> Any:
    """A corrected value as typed: a JSON object or list when it reads as one (`{"speaker":
    "Tilda Quenby"}`), else the text itself."""
    text = text.strip()
    if text[:1] in "{[":
        try:
            parsed = json.loads(text)
        except ValueError:
            return text
        return parsed
    return text


@dataclass(slots=True, frozen=True)
class FactRow:
    """One fact as the article page lists it, with its review."""

    kind: str
    position: int  # in the article's list of its kind, hidden facts counted
    fact: Any
    span: tuple[int, int] | None  # what the review form names (an entity: a mention)
    reviews: tuple[Review, ...]  # an entity's: of its mentions
    rejected: bool  # hidden unless the page shows rejected facts
    spans: int = 1  # how many spans the fact's verdict covers (an entity: its mentions)

    @property
    def anchor(self) -> str:
        return f"f-{self.kind}-{self.position}"

    @property
    def verdict(self) -> str | None:
        """The fact's verdict, when every span of it has the same one."""
        verdicts = {review.verdict for review in self.reviews}
        if len(verdicts) == 1 and len(self.reviews) == self.spans:
            return verdicts.pop()
        return None

    @property
    def state(self) -> str | None:
        """What the page says of the fact's review; None when it has none."""
        if not self.reviews:
            return None
        verdict = self.verdict
        if verdict == "corrected":
            return f"corrected: {value_text(self.reviews[0].value)}"
        if verdict is not None:
            return verdict
        return f"{len(self.reviews)} of {self.spans} mentions reviewed"

    @property
    def comment(self) -> str:
        return next((r.comment for r in self.reviews if r.comment), "")

    @property
    def corrected_value(self) -> str:
        """The value a correction form starts with: the current correction, if any."""
        return value_text(self.reviews[0].value) if self.verdict == "corrected" else ""


def fact_rows(
    article: Article, reviews: ArticleReviews, include_rejected: bool
) -> dict[str, list[FactRow]]:
    """The page's facts of each kind, with their reviews; the rejected ones left out
    unless `include_rejected` (an entity shows the mentions not rejected)."""
    rows: dict[str, list[FactRow]] = {}
    for kind, key in ARTICLE_KEYS.items():
        rows[kind] = []
        for n, fact in enumerate(article.facts_of(key)):
            review = reviews.of(kind, fact)
            rows[kind].append(
                FactRow(
                    kind,
                    n,
                    fact,
                    fact_span(kind, fact),
                    (review,) if review else (),
                    reviews.hidden(kind, fact),
                )
            )
    rows["entity"] = []
    for n, entity in enumerate(article.entities):
        shown = entity
        if not include_rejected:
            shown = replace(
                entity,
                mentions=[m for m in entity.mentions if not reviews.hidden("entity", m)],
                roles=[r for r in entity.roles if not reviews.hidden("role", r)],
            )
        rows["entity"].append(
            FactRow(
                "entity",
                n,
                shown,
                fact_span("entity", entity.mentions[0]) if entity.mentions else None,
                tuple(reviews.of_entity(entity)),
                reviews.hidden("entity", entity),
                len(entity.mentions),
            )
        )
    if not include_rejected:
        rows = {kind: [row for row in found if not row.rejected] for kind, found in rows.items()}
    return rows


def rejected_facts(article: Article, reviews: ArticleReviews) -> int:
    """How many of the facts the page lists are rejected (an entity: every mention)."""
    count = sum(reviews.hidden("entity", entity) for entity in article.entities)
    for kind, key in ARTICLE_KEYS.items():
        count += sum(reviews.hidden(kind, fact) for fact in article.facts_of(key))
    return count


@dataclass(slots=True, frozen=True)
class ReviewForm:
    """What every review form of a page carries besides its fact."""

    article_id: str
    token: str
    include_rejected: bool
    hints: dict[str, str]

    @property
    def action(self) -> str:
        return f"/articles/{quote(self.article_id, safe='')}/review"


def find_fact(article: Article, kind: str, span: tuple[int, int]) -> tuple[int, list[Any]] | None:
    """(position, the spans a verdict on it covers) of the listed fact of `kind` that
    the review form names by `span`; None when the article has no such fact."""
    if kind == "entity":
        for n, entity in enumerate(article.entities):
            spans = [fact_span("entity", m) for m in entity.mentions]
            if span in spans:
                return n, spans
        return None
    key = ARTICLE_KEYS.get(kind)
    if key is None:
        return None
    for n, fact in enumerate(article.facts_of(key)):
        if fact_span(kind, fact) == span:
            return n, [span]
    return None


def _refuse(message: str, code: int) -> Response:
    return Response(message, code, headers=SECURITY_HEADERS, media_type="text/plain")


def _article_url(article_id: str, include_rejected: bool) -> str:
    shown = "?include_rejected=true" if include_rejected else ""
    return f"/articles/{quote(article_id, safe='')}{shown}"


@router.post("/articles/{article_id}/review")
def review_fact(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    analyst: SignedIn,
    article_id: str,
    kind: Annotated[str, Form(max_length=20)],
    start: Annotated[int, Form(ge=0)],
    end: Annotated[int, Form(ge=0)],
    verdict: Annotated[str, Form(max_length=20)],
    csrf: Annotated[str, Form(max_length=200)] = "",
    value: Annotated[str, Form(max_length=MAX_FIELD_CHARS)] = "",
    comment: Annotated[str, Form(max_length=MAX_FIELD_CHARS)] = "",
    include_rejected: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Keep (or clear) the signed-in analyst's verdict on one fact, then show it again."""
    if not analyst:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "sign in to review facts")
    if not same_origin(request) or not form_token_matches(settings, csrf):
        return _refuse("Review facts from this server's own pages.", status.HTTP_403_FORBIDDEN)
    article = store.get(article_id)
    if article is None:
        return render("not_found.html", 404, page="", what="article", key=article_id)
    found = find_fact(article, kind, (start, end)) if kind in SECTIONS else None
    if found is None:
        return _refuse("The article has no such fact (any more).", status.HTTP_404_NOT_FOUND)
    position, spans = found
    showing = wants_rejected(include_rejected)
    if verdict == "corrected" and not value.strip():
        return _refuse("A correction needs its corrected value.", 422)
    if verdict == CLEAR:
        for first, last in spans:
            store.delete_review(article.id, kind, first, last)
    elif verdict in VERDICTS:
        for first, last in spans:
            store.save_review(
                Review(
                    article.id,
                    kind,
                    first,
                    last,
                    verdict,
                    value=parse_value(value) if verdict == "corrected" else None,
                    comment=comment.strip() or None,
                    reviewer=REVIEWER,
                )
            )
    else:
        return _refuse("The verdict is confirmed, rejected, corrected or clear.", 422)
    # Back to the fact, or to its section when rejecting it hid it.
    gone = verdict == "rejected" and not showing
    anchor = SECTIONS[kind] if gone else f"f-{kind}-{position}"
    target = f"{_article_url(article.id, showing)}#{anchor}"
    return RedirectResponse(target, status.HTTP_303_SEE_OTHER, headers=SECURITY_HEADERS)


def verdicts_of(
    store: Store, kind: str, facts: list[tuple[str, int, int]]
) -> dict[tuple[str, int, int], str]:
    """The verdict on each listed fact (article id, span) that has a review."""
    reviews = store.reviews_for([article_id for article_id, _, _ in facts], kind)
    wanted = set(facts)
    return {key: r.verdict for r in reviews if (key := (r.article_id, r.start, r.end)) in wanted}
