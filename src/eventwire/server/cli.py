"""``eventwire serve``: the HTTP API and web UI over a store, run by uvicorn.

The ``eventwire`` command registers this function (``app.command("serve")(serve)``).
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import EventwireError
from ..settings import load_settings
from .app import MAX_BATCH, MAX_BODY_BYTES, MAX_DOWNLOAD


def serve(
    db: Annotated[str | None, typer.Option("--db", help="Store: a SQLite file path or a database URL "
                                           "(postgresql://...). [default: ./eventwire.db, or $EVENTWIRE_DB]")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(envvar="EVENTWIRE_TOKEN", show_default=False,
                                              help="Token clients send as 'Authorization: Bearer <token>' to "
                                                   "post articles (needed unless --read-only).")] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="Serve queries only; refuse every write.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline for coding posted articles.")] = None,
    max_body_bytes: Annotated[int, typer.Option(help="Largest request body accepted.")] = MAX_BODY_BYTES,
    max_batch: Annotated[int, typer.Option(help="Most articles accepted in one request.")] = MAX_BATCH,
    max_download: Annotated[int, typer.Option(help="Most events in one download.")] = MAX_DOWNLOAD,
) -> None:
    """Serve the HTTP API (OpenAPI description at /docs) and web UI over a store."""
    import uvicorn

    from .app import create_app

    settings = load_settings(db=db, model=model)
    try:
        app = create_app(settings.db, token=token, read_only=read_only, model=settings.model,
                         max_body_bytes=max_body_bytes, max_batch=max_batch, max_download=max_download)
        if not read_only:
            app.state.eventwire.get_coder()  # load the pipeline now, so a missing model stops the start
    except EventwireError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"eventwire serving {app.state.eventwire.store.url} on http://{host}:{port} "
               f"({'read-only' if read_only else 'writes need the token'}); API docs at /docs", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
