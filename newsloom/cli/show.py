from __future__ import annotations

import json
from typing import Annotated

import typer

from newsloom.cli.common import DEFAULT_DB, DbOption, emit, err, require_store, say
from newsloom.record import Article, Role
from newsloom.store import open_store


def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id (see `list`).")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Show one stored article."""
    require_store(db)
    with open_store(db) as store:
        article = store.get(article_id)
    if article is None:
        say(f"no article with id {article_id}", console=err)
        raise typer.Exit(1)
    if fmt == "json":
        emit(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    else:
        say(render_article(article), keep_lines=True)


def render_article(article: Article) -> str:
    published = article.published.isoformat() if article.published else "undated"
    lines = [article.title or "(untitled)", f"{published} · {article.source or article.site or ''}"]
    if article.authors:
        lines.append("By " + ", ".join(article.authors))
    if article.url:
        lines.append(article.url)
    if article.credits:
        lines.append("Credits: " + "; ".join(article.credits))
    lines.append("")
    lines.append(article.text)
    if article.entities:
        lines += ["", "Who and where:"]
        for entity in article.entities:
            roles = "; ".join(_role(role) for role in entity.roles)
            lines.append(
                f"  {entity.name} ({entity.type}, {len(entity.mentions)} mentions)"
                + (f": {roles}" if roles else "")
            )
    if article.quotes:
        lines += ["", "What was said:"]
        for quote in article.quotes:
            speaker = quote.speaker or "unknown speaker"
            lines.append(f"  [{quote.kind}] {speaker} ({quote.cue or '?'}): {quote.text[:100]}")
    if article.times:
        lines += ["", "When:"]
        lines += [f"  {time.text!r} -> {time.value}" for time in article.times]
    if article.related:
        lines += ["", "Related:"] + [f"  - {item.title}" for item in article.related]
    if article.removed:
        lines += ["", f"Removed by extraction: {len(article.removed)} segments"]
        lines += [f"  [{seg.reason}] {seg.text[:80]}" for seg in article.removed]
    return "\n".join(lines)


def _role(role: Role) -> str:
    where = "".join(
        part for part in (f" of {role.of}" if role.of else "", f" to {role.to}" if role.to else "")
    )
    return role.title + where


def register(app: typer.Typer) -> None:
    app.command("show")(show)
