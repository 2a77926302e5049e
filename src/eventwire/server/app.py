"""The FastAPI application behind ``eventwire serve``: JSON API over a store, plus the web UI if present."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import EventwireError, StoreError
from ..nlp import DEFAULT_MODEL
from ..store import Store, open_store
from . import docs, routes_articles, routes_events, routes_stats
from .state import ServerState

STATIC = Path(__file__).parent / "static"
MAX_BODY_BYTES = 5_000_000
MAX_BATCH = 100
MAX_DOWNLOAD = 1_000_000


def create_app(
    db: str | Path | Store,
    *,
    token: str | None = None,
    read_only: bool = False,
    model: str = DEFAULT_MODEL,
    max_body_bytes: int = MAX_BODY_BYTES,
    max_batch: int = MAX_BATCH,
    max_download: int = MAX_DOWNLOAD,
    coder: object | None = None,
) -> FastAPI:
    """The HTTP API over the store ``db`` (a path, a database URL or an open Store).

    A writable server needs ``token`` (clients send ``Authorization: Bearer <token>`` to POST); without one,
    pass ``read_only=True``. ``coder`` lets a caller share an already loaded ``eventwire.Coder``; otherwise
    one is loaded on the first POST.
    """
    if not read_only and not token:
        raise EventwireError(
            "refusing to serve a writable store without a token: set --token (or EVENTWIRE_TOKEN), "
            "or start a read-only server with --read-only"
        )
    owned = not isinstance(db, Store)
    store = open_store(db) if owned else db
    state = ServerState(store=store, token=token, read_only=read_only, model=model, max_body_bytes=max_body_bytes,
                        max_batch=max_batch, max_download=max_download, coder=coder)  # type: ignore[arg-type]

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            store.close()

    app = FastAPI(title="eventwire", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="PLOVER political event data coded from news articles: query, download, code.")
    app.state.eventwire = state
    for module in (routes_events, routes_articles, routes_stats, docs):
        app.include_router(module.router)
    _add_error_handlers(app)
    _add_ui(app)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StoreError)
    async def store_error(_request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": f"store error: {exc}"}, status_code=503)

    @app.exception_handler(EventwireError)
    async def eventwire_error(_request: Request, exc: EventwireError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=500)


def _add_ui(app: FastAPI) -> None:
    """The web UI (another module's job) if it is installed; else / leads to the API docs."""
    try:
        from .ui import router as ui_router
    except ImportError:
        ui_router = None
    if ui_router is not None:
        app.include_router(ui_router)
    else:
        @app.get("/", include_in_schema=False)
        def root() -> RedirectResponse:
            return RedirectResponse("/docs")
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
