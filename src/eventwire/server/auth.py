"""Who may write: a bearer token for POST requests; a read-only server refuses every write."""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

from .state import State


def require_writer(request: Request, state: State) -> None:
    """FastAPI dependency for writes: 403 on a read-only server, 401 without a token, 403 with a wrong one."""
    if state.read_only:
        raise HTTPException(403, "read-only server: it does not accept articles")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "writing needs a token: send the header 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not state.token or not hmac.compare_digest(given.strip().encode(), state.token.encode()):
        raise HTTPException(403, "wrong token")
