"""RSS and Atom feeds → entries (via feedparser, which tolerates malformed XML).

An entry's text is its full content when the feed carries it, else its summary; HTML in either is
reduced to plain text. Dates come from the entry's published/updated fields.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime

from rasd.errors import InputError
from rasd.ingest.html import html_to_text, strip_html

log = logging.getLogger("rasd.ingest")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed, before it becomes an Article."""

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: date | None = None
    source: str | None = None
    """The feed's own title (the outlet)."""


def looks_like_feed(head: bytes | str, content_type: str = "") -> bool:
    """True for RSS/Atom/RDF documents (by content type or by their first tags)."""
    if any(t in content_type for t in ("rss", "atom", "rdf")):
        return True
    if isinstance(head, bytes):
        head = head[:2048].decode("utf-8", "ignore")
    start = head[:2048].lstrip("\ufeff \t\r\n").lower()
    if not start.startswith("<"):
        return False
    return "<rss" in start or "<feed" in start or "<rdf:rdf" in start


def _struct_date(value: object) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC).date()  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _entry_text(entry: dict) -> str:
    contents = entry.get("content") or []
    best = ""
    for content in contents:
        value = (content or {}).get("value") or ""
        if len(value) > len(best):
            best = value
    if not best:
        best = entry.get("summary") or entry.get("description") or ""
    if "<" in best:
        # Feed content is a fragment: strip it (trafilatura is tuned for whole pages).
        return strip_html(best).text
    return best.strip()


def parse_feed(data: bytes | str, origin: str) -> list[FeedEntry]:
    """Entries of an RSS/Atom document. Raises InputError when it is not a feed at all."""
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as err:  # feedparser is tolerant; anything escaping it is a bad document
        raise InputError(origin, f"malformed feed: {err}") from None
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("feed"):
            reason = parsed.get("bozo_exception")
            raise InputError(origin, f"malformed feed: {reason}")
        log.warning("%s: feed has no entries", origin)
        return []
    source = (parsed.get("feed") or {}).get("title") or None
    out: list[FeedEntry] = []
    for entry in entries:
        text = _entry_text(entry)
        out.append(
            FeedEntry(
                text=text,
                id=entry.get("id") or None,
                title=entry.get("title") or None,
                url=entry.get("link") or None,
                published=_struct_date(entry.get("published_parsed") or entry.get("updated_parsed")),
                source=source,
            )
        )
    return out


def page_entry(data: str, url: str) -> FeedEntry:
    """An article page as one entry (main text via trafilatura)."""
    doc = html_to_text(data, url=url)
    published = None
    if doc.date:
        try:
            published = date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    return FeedEntry(text=doc.text, title=doc.title, url=url, published=published, source=doc.sitename)


__all__ = ["FeedEntry", "looks_like_feed", "parse_feed", "page_entry"]
