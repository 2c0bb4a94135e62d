"""What `rasd watch` keeps in the database: each feed's validators and failures, and the items seen."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedStateMixin:
    """Feed state methods of the SQL stores (they supply ``_x``, ``_all`` and ``_tx``)."""

    _x: Any
    _all: Any
    _tx: Any

    def feed_state(self, url: str) -> dict[str, Any] | None:
        rows = self._all("SELECT etag, last_modified, title, failures FROM feeds WHERE url = ?", (url,))
        if not rows:
            return None
        etag, modified, title, failures = rows[0]
        return {"etag": etag, "last_modified": modified, "title": title, "failures": int(failures)}

    def save_feed_state(
        self, url: str, *, etag: str | None, last_modified: str | None, title: str | None, failures: int
    ) -> None:
        with self._tx():
            self._x(
                "INSERT INTO feeds (url, etag, last_modified, title, last_polled, failures) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
                "title = excluded.title, last_polled = excluded.last_polled, failures = excluded.failures",
                (url, etag, last_modified, title, _now(), failures),
            )

    def unseen_items(self, feed_url: str, keys: Iterable[str]) -> list[str]:
        keys = list(dict.fromkeys(keys))
        if not keys:
            return []
        marks = ", ".join("?" * len(keys))
        seen = {r[0] for r in self._all(
            f"SELECT item_key FROM feed_items WHERE feed_url = ? AND item_key IN ({marks})", [feed_url, *keys])}
        return [k for k in keys if k not in seen]

    def mark_seen(self, feed_url: str, items: Iterable[tuple[str, str | None]]) -> None:
        with self._tx():
            for key, article_id in items:
                self._x("INSERT INTO feed_items (feed_url, item_key, article_id, seen_at) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT DO NOTHING", (feed_url, key, article_id, _now()))
