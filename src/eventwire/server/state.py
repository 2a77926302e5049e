"""What every request handler shares: the store, the settings of this server and the one Coder."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from ..store import Store

if TYPE_CHECKING:
    from ..api import Coder


@dataclass
class ServerState:
    """One per app (``app.state.eventwire``)."""

    store: Store
    token: str | None
    read_only: bool
    model: str
    max_body_bytes: int
    max_batch: int
    max_download: int
    coder: Coder | None = None
    coding_lock: threading.Lock = field(default_factory=threading.Lock)

    def get_coder(self) -> Coder:
        """The app's Coder, loaded on first use (call with ``coding_lock`` held)."""
        if self.coder is None:
            from ..api import Coder
            from ..kb import load_kb_with_store

            self.coder = Coder(self.model, kb=load_kb_with_store(self.store))  # with what users imported
        return self.coder


def get_state(request: Request) -> ServerState:
    """FastAPI dependency: this app's ServerState."""
    return request.app.state.eventwire


State = Annotated[ServerState, Depends(get_state)]
