"""Fuzz RSS/Atom ingest: feedparser plus our entry → text conversion.

    .venv/bin/python fuzz/fuzz_feed.py fuzz/corpus/feed -max_total_time=60
"""

from __future__ import annotations

import sys

import atheris
import common  # noqa: F401  (sets sys.path and silences logging)

with atheris.instrument_imports(include=["rasd"]):
    from rasd.errors import InputError
    from rasd.ingest.feeds import looks_like_feed, parse_feed


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris API
    looks_like_feed(data, "application/rss+xml" if len(data) % 2 else "")
    try:
        entries = parse_feed(data, "<fuzz>")
    except InputError:
        return
    for entry in entries:
        if not isinstance(entry.text, str):
            raise AssertionError("feed entry without text")


if __name__ == "__main__":
    atheris.Setup(sys.argv, common.collecting(TestOneInput))
    atheris.Fuzz()
