"""`newsloom enrich`: run enrichment again over every stored article and save the facts."""

from __future__ import annotations

import json
from collections import Counter
from typing import Annotated

import typer

from newsloom.cli.common import DEFAULT_DB, DbOption, emit, out, require_store
from newsloom.options import Options
from newsloom.store import open_store


def enrich(
    db: DbOption = DEFAULT_DB,
    model: Annotated[
        str | None, typer.Option(help="spaCy pipeline name or path (default en_core_web_sm).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Find entities, roles, quotes and times in stored articles (again), replacing old facts.

    Counts: `updated` articles whose facts changed, `unchanged` those that got the
    same facts again, `skipped` those not in English; then the facts now stored.
    """
    from newsloom.pipeline.process import restage
    from newsloom.pipeline.stages import default_stages

    require_store(db)
    counts: Counter[str] = Counter()
    stages = default_stages(Options(enrich=True, model=model))
    with open_store(db) as store:
        for article in restage(store.iter_articles(), stages):
            outcome = store.save(article)
            counts["articles"] += 1
            if (article.enrichment or "").startswith("skipped"):
                counts["skipped"] += 1
            else:
                counts[str(outcome)] += 1
            counts["entities"] += len(article.entities)
            counts["mentions"] += sum(len(entity.mentions) for entity in article.entities)
            counts["roles"] += sum(len(entity.roles) for entity in article.entities)
            counts["quotes"] += len(article.quotes)
            counts["times"] += len(article.times)
    keys = ("articles", "updated", "unchanged", "skipped", "entities", "mentions", "roles")
    result = {key: counts[key] for key in (*keys, "quotes", "times")}
    if as_json:
        emit(json.dumps(result))
        return
    out.print(", ".join(f"{key} {value}" for key, value in result.items()), markup=False)


def register(app: typer.Typer) -> None:
    app.command("enrich")(enrich)
