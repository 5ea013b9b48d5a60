from __future__ import annotations

from typing import Annotated

import typer

from newsloom.cli.common import DEFAULT_DB, DbOption, err


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind; loopback unless told.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    protect_reads: Annotated[
        bool, typer.Option(help="Read endpoints need the token (NEWSLOOM_TOKEN) too.")
    ] = False,
) -> None:
    """Serve the REST API and the web UI on one port (the store at --db)."""
    import dataclasses

    import uvicorn

    from newsloom.serve import ServeSettings, create_app

    settings = dataclasses.replace(
        ServeSettings.from_env(str(db)), store=str(db), protect_reads=protect_reads
    )
    if host not in {"127.0.0.1", "localhost", "::1"}:
        err.print(f"serving on {host}: reachable beyond this machine", markup=False)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
