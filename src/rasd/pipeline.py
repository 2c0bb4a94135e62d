"""The pipeline: stages and their order, and one Settings object."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasd.records import Article, Event


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable in one place."""

    max_chars: int = 200_000
    """Articles longer than this are truncated (with a warning)."""
    include_background: bool = True


class Pipeline:
    """Article → events. Stages run in the order listed in ``extract``."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def extract(self, article: Article) -> list[Event]:
        from rasd.extract.events import extract_events

        return extract_events(article, self.settings)


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline()
