"""Event extraction (being written)."""

from __future__ import annotations

from typing import Any

from rasd.records import Article, Event


def extract_events(article: Article, settings: Any) -> list[Event]:
    return []
