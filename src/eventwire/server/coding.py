"""Coding articles posted to the server: the same steps as ``eventwire code`` (a rerun of the same id and
text is skipped; failures are recorded), one batch at a time through the app's single Coder."""

from __future__ import annotations

from typing import Any

from ..api import CodedArticle
from ..article import Article
from ..errors import ArticleError
from .state import ServerState


def code_and_store(state: ServerState, items: list[Any]) -> list[dict[str, Any]]:
    """Code and store each posted article object; one result per item, in order."""
    results: list[dict[str, Any] | None] = [None] * len(items)
    with state.coding_lock:  # one batch at a time: the spaCy pipeline is not shared between threads
        pending: list[tuple[int, Article]] = []
        for n, raw in enumerate(items):
            try:
                article = Article.from_dict(raw, default_id=None)
            except ArticleError as exc:
                results[n] = _result(exc.article_id, "failed", error=exc.reason)
                continue
            if state.store.is_coded(article.id, article.hash):
                stored = state.store.article(article.id)
                results[n] = _result(article.id, "skipped", stored["events"], stored["flags"])
            else:
                pending.append((n, article))
        if pending:
            coded = state.get_coder().code_many(article for _, article in pending)
            for (n, article), outcome in zip(pending, coded, strict=True):
                results[n] = _store(state, article, outcome)
    return [r for r in results if r is not None]


def _store(state: ServerState, article: Article, outcome: CodedArticle | ArticleError) -> dict[str, Any]:
    if isinstance(outcome, ArticleError):
        state.store.save_failure(article.id, article.hash, outcome.reason)
        return _result(article.id, "failed", error=outcome.reason)
    state.store.save_article(article, outcome.records, outcome.quotes, outcome.flags)
    return _result(article.id, "coded", outcome.records, outcome.flags)


def _result(
    article_id: str, status: str, events: list[dict[str, Any]] | None = None,
    flags: list[dict[str, Any]] | None = None, error: str | None = None,
) -> dict[str, Any]:
    return {"article_id": article_id, "status": status, "events": events or [], "flags": flags or [], "error": error}
