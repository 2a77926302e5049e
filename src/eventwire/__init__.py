"""eventwire: news articles in, PLOVER political event records out.

    >>> import eventwire
    >>> result = eventwire.code_article("Britain sent tanks to Ukraine on Monday.", published="2023-01-16")
    >>> result.records[0]["event"][0]
    'AID'
"""

__version__ = "0.1.0"

from .api import CodedArticle, Coder, code_article, code_articles  # noqa: E402
from .article import Article  # noqa: E402

__all__ = ["Article", "CodedArticle", "Coder", "__version__", "code_article", "code_articles"]
