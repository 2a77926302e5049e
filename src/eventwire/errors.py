"""Exceptions raised by eventwire. Surfaces (CLI, HTTP) turn them into messages in one place each."""

from __future__ import annotations


class EventwireError(Exception):
    """Base class for every error eventwire raises on purpose."""


class ArticleError(EventwireError):
    """One article cannot be read or coded. Carries the article id (or file name) and the reason."""

    def __init__(self, article_id: str, reason: str, stage: str = "read") -> None:
        self.article_id = article_id
        self.reason = reason
        self.stage = stage  # "read": the source could not be read; "code": the pipeline failed on it
        super().__init__(f"{article_id}: {reason}")


class ReaderError(EventwireError):
    """A source (file, directory, glob) cannot be opened at all."""


class ModelNotFound(EventwireError):
    """The spaCy pipeline named in the settings is not installed."""


class StoreError(EventwireError):
    """The store cannot be opened or written."""


class ArticleNotFound(StoreError):
    """No article with that id is in the store."""


class KnowledgeBaseError(EventwireError):
    """A knowledge-base data file is malformed."""
