"""rasd — Arabic news to ACLED-style political-violence events, with evidence spans.

Public API::

    import rasd
    events = rasd.extract(text, published=date(2024, 8, 6))
"""

from __future__ import annotations

from datetime import date

# Load the ``rasd.extract`` subpackage first, so that the function below, not the subpackage,
# is what ``rasd.extract`` names (Python binds a subpackage on its parent only at first import).
import rasd.extract as _extract_package  # noqa: F401
from rasd.records import Article, Event

__version__ = "0.1.0"


def extract(
    text: str,
    published: date | str | None = None,
    *,
    article_id: str | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> list[Event]:
    """Code one Arabic article into events. ``published`` is the reference for relative dates."""
    from rasd.ingest.articles import make_article
    from rasd.pipeline import default_pipeline

    article = make_article(text, published=published, id=article_id, source=source, url=url, title=title)
    return default_pipeline().extract(article)


__all__ = ["extract", "Article", "Event", "__version__"]
