"""Fuzz HTML ingest: trafilatura main-text extraction with the plain-strip fallback, on hostile markup.

    .venv/bin/python fuzz/fuzz_html.py fuzz/corpus/html -max_total_time=60
"""

from __future__ import annotations

import sys

import atheris
import common  # noqa: F401  (sets sys.path and silences logging)

with atheris.instrument_imports(include=["rasd"]):
    from rasd.ingest.html import html_to_text, strip_html


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris API
    markup = data.decode("utf-8", "replace")
    doc = html_to_text(markup, url="https://example.org/news/1")
    if not isinstance(doc.text, str):
        raise AssertionError("html_to_text returned no text")
    if not isinstance(strip_html(markup).text, str):
        raise AssertionError("strip_html returned no text")


if __name__ == "__main__":
    atheris.Setup(sys.argv, common.collecting(TestOneInput))
    atheris.Fuzz()
