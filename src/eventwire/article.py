"""The Article: eventwire's input unit (JSON keys exactly: id, url, outlet, published, title, text)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from .errors import ArticleError

ARTICLE_KEYS = ("id", "url", "outlet", "published", "title", "text")


def content_hash(text: str) -> str:
    """SHA-256 of the article text (after newline normalisation); the store's idempotency key."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """One news article. ``published`` anchors every relative date in the text."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @cached_property
    def hash(self) -> str:
        return content_hash(self.text)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("extra")
        d["published"] = self.published.isoformat() if self.published else None
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any], default_id: str | None = None) -> Article:
        """Build an Article from a JSON object; raise ArticleError with a clear reason if it is unusable."""
        if not isinstance(data, dict):
            raise ArticleError(default_id or "?", f"expected a JSON object, got {type(data).__name__}")
        art_id = data.get("id")
        text = data.get("text")
        if art_id is not None and not isinstance(art_id, (str, int)):
            raise ArticleError(default_id or "?", "'id' must be a string")
        if not isinstance(text, str) or not text.strip():
            ident = str(art_id) if art_id is not None else (default_id or "?")
            raise ArticleError(ident, "missing or empty 'text'")
        ident = str(art_id) if art_id not in (None, "") else (default_id or content_hash(text)[:16])
        return cls(
            id=ident,
            text=text,
            url=_opt_str(data.get("url")),
            outlet=_opt_str(data.get("outlet")),
            published=parse_published(data.get("published"), ident),
            title=_opt_str(data.get("title")),
            extra={k: v for k, v in data.items() if k not in ARTICLE_KEYS},
        )


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def parse_published(value: Any, article_id: str = "?") -> dt.date | None:
    """Accept YYYY-MM-DD or an ISO 8601 datetime; None/empty stays None (dates then stay unresolved)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            raise ArticleError(
                article_id, f"'published' is not an ISO date (YYYY-MM-DD): {text!r}"
            ) from None
