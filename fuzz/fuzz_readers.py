"""Fuzz the input readers on raw bytes: decoding, sniffing, JSON, JSONL, HTML, feeds and plain text.

Only InputError (a reported bad input) is allowed out of a reader; any other exception is a bug.

    .venv/bin/python fuzz/fuzz_readers.py fuzz/corpus/json fuzz/corpus/text -max_total_time=60
"""

from __future__ import annotations

import io
import sys

import atheris
import common  # noqa: F401  (sets sys.path and silences logging)

with atheris.instrument_imports(include=["rasd"]):
    from rasd.errors import InputError
    from rasd.ingest.readers import _Reader

KINDS = (None, "json", "jsonl", "html", "feed", "text")


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris API
    kind = KINDS[len(data) % len(KINDS)]  # None: sniffed, as for stdin
    errors: list[InputError] = []
    reader = _Reader(None, errors.append, max_chars=5_000)
    stream = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    try:
        for article in reader.read_stream(stream, "<fuzz>", kind):
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
