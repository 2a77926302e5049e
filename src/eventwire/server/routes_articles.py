"""/articles: post articles to be coded and stored; list stored articles; one article with everything."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool

from ..errors import ArticleNotFound
from ..store import queries
from .auth import require_writer
from .coding import code_and_store
from .state import State

router = APIRouter(tags=["articles"])

_ARTICLE_SCHEMA = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "id": {"type": "string"}, "url": {"type": "string"}, "outlet": {"type": "string"},
        "published": {"type": "string", "format": "date"}, "title": {"type": "string"}, "text": {"type": "string"},
    },
}
_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "oneOf": [_ARTICLE_SCHEMA, {"type": "array", "items": _ARTICLE_SCHEMA}]}}}}}


async def read_limited_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 once it is over ``limit`` bytes (by Content-Length or as read)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HTTPException(400, "Content-Length must be a number of bytes")
        if int(declared) > limit:
            raise HTTPException(413, f"request body is {int(declared):,} bytes, over this server's limit of "
                                     f"{limit:,}; send fewer or shorter articles per request")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise HTTPException(413, f"request body is over this server's limit of {limit:,} bytes; "
                                     "send fewer or shorter articles per request")
    return bytes(body)


@router.post("/articles", dependencies=[Depends(require_writer)], openapi_extra=_BODY,
             summary="Code and store articles (needs Authorization: Bearer <token>)")
async def post_articles(request: Request, state: State) -> dict[str, Any]:
    """Body: one Article object (``id, url, outlet, published, title, text``) or a list of them. Each is
    coded and stored, or skipped when the store already holds the same id with the same text."""
    body = await read_limited_body(request, state.max_body_bytes)
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(400, f"the body is not valid JSON: {exc}") from None
    items = data if isinstance(data, list) else [data]
    if not isinstance(data, (list, dict)):
        raise HTTPException(422, "the body must be an article object or a list of article objects")
    if not items:
        raise HTTPException(422, "the list of articles is empty")
    if len(items) > state.max_batch:
        raise HTTPException(422, f"{len(items)} articles in one request, over this server's limit of "
                                 f"{state.max_batch}; split them into several requests")
    return {"articles": await run_in_threadpool(code_and_store, state, items)}


@router.get("/articles", summary="Stored articles, newest first")
def list_articles(
    state: State,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    total, found = queries.list_articles(state.store, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "articles": found}


@router.get("/articles/{article_id:path}", summary="One article with its text, events, quotes and flags")
def get_article(article_id: str, state: State) -> dict[str, Any]:
    if "\x00" in article_id:  # no stored id holds one (PostgreSQL cannot even compare it)
        raise HTTPException(404, f"no article with id {article_id!r}")
    try:
        return state.store.article(article_id)
    except ArticleNotFound:
        raise HTTPException(404, f"no article with id {article_id!r}") from None
