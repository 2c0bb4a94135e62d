"""The monitoring loop behind `rasd watch`: poll RSS/Atom feeds and ingest only what is new.

Each cycle asks every feed for changes with ``If-None-Match`` / ``If-Modified-Since`` (a 304 costs
nothing), skips the items already listed in the store's seen-items table, ingests the rest (dedup,
extraction, merging) and logs one line. Feed validators, failure counts and seen items live in the
database, so a restarted watcher carries on where it stopped. A feed that cannot be reached is retried
within the cycle with exponential backoff; while every feed keeps failing, the wait between cycles
doubles too (up to ``max_wait``).
"""

from __future__ import annotations

import hashlib
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rasd import __version__
from rasd.errors import InputError, NetworkError
from rasd.ingest.articles import make_article
from rasd.ingest.feeds import FeedEntry, parse_feed
from rasd.records import Article
from rasd.store.base import IngestSummary

log = logging.getLogger("rasd.watch")

USER_AGENT = f"rasd/{__version__} (+feed watcher)"
MAX_FEED_BYTES = 20_000_000


@dataclass(frozen=True, slots=True)
class FeedResponse:
    """One conditional GET of a feed."""

    status: int
    """200 (new content) or 304 (not modified)."""
    data: bytes = b""
    etag: str | None = None
    last_modified: str | None = None


@dataclass(slots=True)
class CycleReport:
    """What one polling cycle did (the figures of its log line)."""

    cycle: int
    feeds: int = 0
    not_modified: int = 0
    failed: int = 0
    items: int = 0
    new_items: int = 0
    summary: IngestSummary = field(default_factory=IngestSummary)

    def line(self) -> str:
        s = self.summary
        return (
            f"cycle {self.cycle}: {self.feeds} feeds ({self.not_modified} not modified, {self.failed} failed), "
            f"{self.new_items} new of {self.items} items, {s.articles_new} new articles, "
            f"{s.events_new} new events, {s.events_merged} updated events"
        )


def parse_interval(text: str) -> float:
    """Seconds in "90", "30s", "15m", "2h" or "1d"."""
    value = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    try:
        if value and value[-1] in units:
            seconds = float(value[:-1]) * units[value[-1]]
        else:
            seconds = float(value)
    except ValueError:
        raise ValueError(f"not a duration (e.g. 90, 30s, 15m, 2h): {text!r}") from None
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative: {text!r}")
    return seconds


def fetch_feed(url: str, *, etag: str | None = None, last_modified: str | None = None,
               timeout: float = 30.0) -> FeedResponse:
    """Conditional GET; raises NetworkError when the feed cannot be reached or answers an error."""
    headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, */*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:  # noqa: S310 - feeds are http(s)
            data = resp.read(MAX_FEED_BYTES + 1)
            return FeedResponse(resp.status, data[:MAX_FEED_BYTES], resp.headers.get("ETag"),
                                resp.headers.get("Last-Modified"))
    except urllib.error.HTTPError as err:
        if err.code == 304:
            return FeedResponse(304, b"", err.headers.get("ETag") or etag,
                                err.headers.get("Last-Modified") or last_modified)
        raise NetworkError(f"{url}: HTTP {err.code} {err.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise NetworkError(f"{url}: cannot reach the feed: {reason}") from None


def item_key(entry: FeedEntry) -> str:
    """What identifies an item across polls: its guid, else its link, else a hash of its content."""
    if entry.id:
        return entry.id
    if entry.url:
        return entry.url
    return "sha256:" + hashlib.sha256(f"{entry.title}\n{entry.text}".encode()).hexdigest()


SHORT_ITEM_CHARS = 400
"""With ``fetch_pages``, items whose feed text is shorter than this are read from their page instead."""


def page_text(url: str) -> str | None:
    """The main text of an article page (rasd.ingest.read_inputs: trafilatura), None if it cannot be read."""
    from rasd.ingest import read_inputs

    problems: list[InputError] = []
    try:
        for article in read_inputs([url], on_error=problems.append):
            return article.text
    except Exception as err:  # noqa: BLE001 - a page that cannot be read leaves the feed's own text
        log.warning("%s: %s", url, err)
    for problem in problems:
        log.warning("%s", problem)
    return None


def entry_article(entry: FeedEntry, feed_url: str, *, fetch_pages: bool = False) -> Article | None:
    text = (entry.text or "").strip()
    if fetch_pages and entry.url and len(text) < SHORT_ITEM_CHARS:
        text = (page_text(entry.url) or text).strip()
    if entry.title and entry.title.strip() and entry.title.strip() not in text[:300]:
        text = f"{entry.title.strip()}\n\n{text}" if text else entry.title.strip()
    if not text:
        return None
    return make_article(text, published=entry.published, title=entry.title, source=entry.source,
                        url=entry.url, origin=feed_url)


class Watcher:
    """Polls feeds into a store. ``run(cycles)`` loops; ``poll_once()`` is one cycle."""

    def __init__(
        self,
        feeds: Sequence[str],
        store: Any,
        *,
        every: float = 900.0,
        extractor: Callable[[Article], list[Any]] | None = None,
        retries: int = 3,
        backoff: float = 2.0,
        max_wait: float = 3600.0,
        timeout: float = 30.0,
        fetch_pages: bool = False,
        sleep: Callable[[float], None] = time.sleep,
        log_line: Callable[[str], None] | None = None,
    ) -> None:
        self.feeds = list(dict.fromkeys(feeds))
        self.store = store
        self.every = every
        self.extractor = extractor
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.timeout = timeout
        self.fetch_pages = fetch_pages
        self.sleep = sleep
        self.log_line = log_line or (lambda line: log.warning("%s", line))
        self.cycle = 0
        self.failing_cycles = 0

    def _fetch(self, url: str, state: dict[str, Any] | None) -> FeedResponse:
        etag = state.get("etag") if state else None
        modified = state.get("last_modified") if state else None
        delay = self.backoff
        for attempt in range(self.retries + 1):
            try:
                return fetch_feed(url, etag=etag, last_modified=modified, timeout=self.timeout)
            except NetworkError:
                if attempt == self.retries:
                    raise
                self.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _poll_feed(self, url: str, report: CycleReport) -> None:
        state = self.store.feed_state(url)
        failures = state["failures"] if state else 0
        title = state.get("title") if state else None
        try:
            response = self._fetch(url, state)
        except NetworkError as err:
            report.failed += 1
            log.warning("%s", err)
            self.store.save_feed_state(url, etag=state.get("etag") if state else None,
                                       last_modified=state.get("last_modified") if state else None,
                                       title=title, failures=failures + 1)
            return
        if response.status == 304:
            report.not_modified += 1
            self.store.save_feed_state(url, etag=response.etag, last_modified=response.last_modified,
                                       title=title, failures=0)
            return
        try:
            entries = parse_feed(response.data, url)
        except InputError as err:
            report.failed += 1
            log.warning("%s", err)
            self.store.save_feed_state(url, etag=None, last_modified=None, title=title, failures=failures + 1)
            return
        keyed = {item_key(e): e for e in entries}
        report.items += len(keyed)
        fresh = self.store.unseen_items(url, keyed)
        report.new_items += len(fresh)
        articles = [(k, entry_article(keyed[k], url, fetch_pages=self.fetch_pages)) for k in fresh]
        todo = [a for _, a in articles if a is not None]
        if todo:
            kwargs = {"extractor": self.extractor} if self.extractor else {}
            report.summary += self.store.ingest(todo, **kwargs)
        self.store.mark_seen(url, [(k, a.id if a else None) for k, a in articles])
        if entries and entries[0].source:
            title = entries[0].source
        # Validators are saved only after the items are stored: a crash in between re-fetches them.
        self.store.save_feed_state(url, etag=response.etag, last_modified=response.last_modified,
                                   title=title, failures=0)

    def poll_once(self) -> CycleReport:
        self.cycle += 1
        report = CycleReport(self.cycle, feeds=len(self.feeds))
        for url in self.feeds:
            self._poll_feed(url, report)
        if self.feeds and report.failed == len(self.feeds):
            self.failing_cycles += 1
        else:
            self.failing_cycles = 0
        self.log_line(report.line())
        return report

    def wait_seconds(self) -> float:
        """The pause before the next cycle: ``every``, doubled for each cycle in which every feed failed."""
        if not self.failing_cycles:
            return self.every
        return min(self.max_wait, max(self.every, 1.0) * 2 ** self.failing_cycles)

    def run(self, cycles: int | None = None) -> list[CycleReport]:
        """Poll until ``cycles`` cycles are done (None: for ever)."""
        reports: list[CycleReport] = []
        done = 0
        while cycles is None or done < cycles:
            report = self.poll_once()
            done += 1
            if cycles is not None:  # a watcher running for ever keeps nothing
                reports.append(report)
                if done >= cycles:
                    break
            self.sleep(self.wait_seconds())
        return reports


def watch(feeds: Sequence[str], store: Any, *, every: float = 900.0, cycles: int | None = None,
          **kwargs: Any) -> list[CycleReport]:
    """Poll ``feeds`` into ``store`` every ``every`` seconds; see :class:`Watcher`."""
    return Watcher(feeds, store, every=every, **kwargs).run(cycles)


__all__ = [
    "FeedResponse", "CycleReport", "Watcher", "watch", "fetch_feed", "parse_interval", "item_key", "entry_article",
    "page_text",
]
