"""Byte streams for the readers: a peekable buffer big enough for encoding detection, and line
iterators that bound memory (an oversize line is skipped, not held) or survive bad UTF-16."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO

from rasd.errors import InputError
from rasd.ingest.encoding import SAMPLE_BYTES


class Peekable(io.BufferedReader):
    """A reader whose ``peek`` can show a whole detection sample (zip and gzip members peek little)."""


def buffered(stream: IO[bytes]) -> Peekable:
    if isinstance(stream, Peekable):
        return stream
    return Peekable(stream, buffer_size=SAMPLE_BYTES)  # type: ignore[arg-type]


def wide_lines(stream: IO[bytes], encoding: str, origin: str) -> Iterator[tuple[str | None, bool]]:
    """Lines of a UTF-16/32 stream; undecodable bytes end the input with an InputError at that line."""
    number = 0
    # surrogatepass: a lone surrogate spoils only its own line (checked below), not the whole chunk.
    text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogatepass")  # type: ignore[arg-type]
    try:
        for number, line in enumerate(text, start=1):  # noqa: B007 - number is used after the loop
            try:
                line.encode("utf-8")
            except UnicodeEncodeError:
                yield None, True  # reported as undecodable at this line by the caller
                continue
            yield line, True
    except UnicodeDecodeError as err:
        raise InputError(origin, f"undecodable bytes ({encoding}: {err.reason})", number + 1) from None
    finally:
        text.detach()


def bounded_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[bytes, bool]]:
    """Lines of at most ``limit`` bytes; a longer line is drained and yielded as (b"", False)."""
    while True:
        line = stream.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the oversize line without holding it
                more = stream.readline(limit)
                if not more or more.endswith(b"\n"):
                    break
            yield b"", False
        else:
            yield line, True


__all__ = ["Peekable", "buffered", "wide_lines", "bounded_lines"]
