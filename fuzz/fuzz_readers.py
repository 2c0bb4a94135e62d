"""Fuzz the input readers on raw bytes: decoding, sniffing, JSON, JSONL, HTML, feeds, plain text, and
zip and gzip archives (inputs starting with their magic bytes go through a scratch file).

Only InputError (a reported bad input) is allowed out of a reader; any other exception is a bug.

    .venv/bin/python fuzz/fuzz_readers.py fuzz/corpus/json fuzz/corpus/text -max_total_time=60
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import atheris
import common  # noqa: F401  (sets sys.path and silences logging)

with atheris.instrument_imports(include=["rasd"]):
    from rasd.errors import InputError
    from rasd.ingest.readers import _Reader
    from rasd.records import Article

KINDS = (None, "json", "jsonl", "html", "feed", "text")


SCRATCH = Path(tempfile.gettempdir()) / f"rasd-fuzz-{os.getpid()}"


def _then_remove(articles: Iterator[Article], path: Path) -> Iterator[Article]:
    try:
        yield from articles
    finally:
        path.unlink(missing_ok=True)


def _articles(reader: _Reader, data: bytes) -> Iterator[Article]:
    """Archives go through the file path (zip members, gzip streams); anything else through a stream."""
    if data.startswith((b"PK", b"\x1f\x8b")):
        path = SCRATCH.with_suffix(".zip" if data.startswith(b"PK") else ".jsonl.gz")
        path.write_bytes(data)
        return _then_remove(reader.read_file(path, "zip" if path.suffix == ".zip" else "jsonl"), path)
    kind = KINDS[len(data) % len(KINDS)]  # None: sniffed, as for stdin
    return reader.read_stream(io.BufferedReader(io.BytesIO(data)), "<fuzz>", kind)  # type: ignore[arg-type]


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris API
    errors: list[InputError] = []
    reader = _Reader(None, errors.append, max_chars=5_000)
    try:
        for article in _articles(reader, data):
            if not article.text.strip() or len(article.text) > 5_000:
                raise AssertionError(f"bad article text of length {len(article.text)}")
            article.text.encode("utf-8")  # no lone surrogates: the text must be writable as UTF-8
    except InputError:
        pass
    for err in errors:
        if "\n" in str(err):
            raise AssertionError(f"multi-line error message: {err!r}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, common.collecting(TestOneInput))
    atheris.Fuzz()
