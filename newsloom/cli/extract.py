from __future__ import annotations

import dataclasses
import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from newsloom.cli.common import EnrichOption, ModelOption, PathsArgument, emit, err, say
from newsloom.options import Options
from newsloom.printable import printable
from newsloom.record import Article, Document, DocumentKind, Dropped, PendingFetch

if TYPE_CHECKING:
    from newsloom.pipeline.process import Failed


class Kind(StrEnum):
    auto = "auto"
    html = "html"
    text = "text"


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def extract(
    paths: PathsArgument,
    kind: Annotated[Kind, typer.Option("--as", help="Input kind; auto sniffs it.")] = Kind.auto,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.json,
    enrich: EnrichOption = True,
    model: ModelOption = None,
) -> None:
    """Extract articles and print them; nothing is stored.

    json prints one object for one document and an array for several; jsonl one
    object per line; text the body text of each article.
    """
    from newsloom.ingest import read_inputs
    from newsloom.pipeline.process import process_item
    from newsloom.pipeline.stages import default_stages

    options = Options(enrich=enrich, model=model)
    stages = default_stages(options)
    articles: list[dict[str, Any]] = []
    extracted = 0
    for item in read_inputs(paths, options):
        if isinstance(item, Document) and kind is not Kind.auto:
            item = dataclasses.replace(item, kind=cast(DocumentKind, kind.value))
        processed = process_item(item, options, stages)
        if isinstance(processed, Article):
            extracted += 1
            record = processed.to_dict()
            if fmt is Format.json:
                articles.append(record)
            elif fmt is Format.jsonl:
                emit(json.dumps(record, ensure_ascii=False))
            else:
                text = record["text"]
                emit((printable(text, keep_lines=True) if sys.stdout.isatty() else text) + "\n")
        else:
            _report_problem(processed)
    if fmt is Format.json and articles:
        payload: Any = articles[0] if len(articles) == 1 else articles
        emit(json.dumps(payload, ensure_ascii=False, indent=2))
    if not extracted:
        raise typer.Exit(1)


def _report_problem(item: Dropped | PendingFetch | Failed) -> None:
    if isinstance(item, PendingFetch):
        say(f"pending fetch (link only): {item.url}", console=err)
    elif isinstance(item, Dropped):
        say(f"dropped {item.provenance.key()}: {item.reason} {item.message}", console=err)
    else:
        say(f"failed {item.document.provenance.key()}: {item.reason}", console=err)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
