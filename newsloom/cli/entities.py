"""`newsloom entities` (the corpus's entities, most articles first) and `newsloom entity NAME`."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from newsloom.cli.common import DEFAULT_DB, DbOption, cell, emit, err, out, require_store, say
from newsloom.store import EntityDetail, QuoteRecord, open_store

# Aliases shown per entity in the table (all of them in --json).
SHOWN_ALIASES = 4


def entities(
    db: DbOption = DEFAULT_DB,
    entity_type: Annotated[
        str | None, typer.Option("--type", help="Only this type: PERSON, ORG, GPE, LOC, ...")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many entities.")] = 20,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines output.")] = False,
) -> None:
    """List the entities found in stored articles, those in most articles first."""
    require_store(db)
    with open_store(db) as store:
        found = store.entities(
            type=entity_type.upper() if entity_type else None, limit=limit, offset=offset
        )
    if as_json:
        for item in found:
            emit(json.dumps(item.to_dict(), ensure_ascii=False))
        return
    table = Table("id", "name", "type", "articles", "mentions", "aliases")
    for item in found:
        aliases = ", ".join(item.aliases[:SHOWN_ALIASES])
        if len(item.aliases) > SHOWN_ALIASES:
            aliases += f" (+{len(item.aliases) - SHOWN_ALIASES})"
        table.add_row(
            cell(item.id),
            cell(item.name),
            cell(item.type),
            cell(item.article_count),
            cell(item.mention_count),
            cell(aliases),
        )
    out.print(table)


def entity(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Entity id, name or any alias.")],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
) -> None:
    """Show one entity: aliases, roles, the articles that mention it, quotes by and about it."""
    require_store(db)
    with open_store(db) as store:
        detail = store.entity(name)
    if detail is None:
        say(f"no entity named {name!r}", console=err)
        raise typer.Exit(1)
    if as_json:
        emit(json.dumps(detail.to_dict(), ensure_ascii=False))
        return
    _print_detail(detail)


def _print_detail(detail: EntityDetail) -> None:
    summary = detail.entity
    say(f"{summary.name} ({summary.type}) {summary.id}")
    say(
        f"{summary.article_count} articles, {summary.mention_count} mentions;"
        f" aliases: {', '.join(summary.aliases) or '-'}"
    )
    if detail.roles:
        roles = Table("role", "of", "to", "article", "evidence", title="Roles")
        for role in detail.roles:
            roles.add_row(
                cell(role.title),
                cell(role.of),
                cell(role.to),
                cell(role.article_id),
                cell(role.text),
            )
        out.print(roles)
    if detail.articles:
        articles = Table("id", "published", "title", title="Articles")
        for article in detail.articles:
            articles.add_row(cell(article.id), cell(article.published), cell(article.title))
        out.print(articles)
    for title, quotes in (("Quotes by", detail.quotes_by), ("Quotes about", detail.quotes_about)):
        if quotes:
            out.print(quote_table(quotes, title))


def quote_table(quotes: list[QuoteRecord], title: str | None = None) -> Table:
    """Quotes with their speaker and the article to cite (shared with `newsloom quotes`)."""
    table = Table("quote", "speaker", "date", "article", "title", title=title)
    for record in quotes:
        quote = record.quote
        date = quote.date or (str(record.article.published) if record.article.published else "")
        table.add_row(
            cell(quote.text),
            cell(quote.speaker),
            cell(date),
            cell(record.article.id),
            cell(record.article.title),
        )
    return table


def register(app: typer.Typer) -> None:
    app.command("entities")(entities)
    app.command("entity")(entity)
