"""Building Article records: ids from content hashes, publication dates from strings."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from rasd.records import Article


def content_hash(text: str) -> str:
    """sha256 of the whitespace-folded text: the identity of an article's content."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def parse_published(value: date | datetime | str | None) -> date | None:
    """Accept a date, a datetime or an ISO-like string ("2024-08-06", "2024-08-06T10:00:00Z")."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    import dateparser  # slow import: only for unusual formats

    parsed = dateparser.parse(s, settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def make_article(
    text: str,
    published: date | datetime | str | None = None,
    *,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    origin: str | None = None,
) -> Article:
    return Article(
        id=id or content_hash(text)[:16],
        text=text,
        published=parse_published(published),
        title=title,
        source=source,
        url=url,
        origin=origin,
    )
