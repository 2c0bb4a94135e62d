"""Streaming a top-level JSON array item by item, so a multi-gigabyte ``.json`` file keeps memory flat.

``json.JSONDecoder.raw_decode`` decodes one item from a sliding text window; the window grows only
while one item is incomplete, and what has been decoded is dropped.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

from rasd.errors import InputError

CHUNK_BYTES = 1 << 20
MAX_ITEM_CHARS = 256 * 1024 * 1024
"""One array item may span at most this many characters (else: malformed, or not an article)."""
_WS = " \t\r\n"
_NUMBER_CHARS = frozenset("0123456789.eE+-")
_DECODER = json.JSONDecoder()


class _Window:
    """Decoded text of a byte stream, consumed from the left."""

    def __init__(self, stream: IO[bytes], encoding: str, origin: str) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder(encoding)()
        self.origin = origin
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.eof = False
        self.chunk = CHUNK_BYTES

    def fill(self, grow: bool = False) -> bool:
        """Read more text; False at end of input."""
        if self.eof:
            return False
        if grow:
            self.chunk = min(self.chunk * 2, 64 * CHUNK_BYTES)
        data = self.stream.read(self.chunk)
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as err:
            raise InputError(self.origin, f"undecodable bytes ({err.reason})", self.line) from None
        self.line += self.buf.count("\n", 0, self.pos)
        self.buf = self.buf[self.pos:] + text
        self.pos = 0
        if not data:
            self.eof = True
        return True

    def skip_ws(self) -> str:
        """The next non-blank character ('' at the end), not consumed."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.fill():
                return ""

    def where(self, pos: int | None = None) -> int:
        return self.line + self.buf.count("\n", 0, self.pos if pos is None else pos)

    def value(self) -> Any:
        """Decode one JSON value at the cursor, reading more text while it is incomplete."""
        grow = False
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as err:
                if len(self.buf) - self.pos < MAX_ITEM_CHARS and self.fill(grow):
                    grow = True
                    continue
                raise InputError(self.origin, f"malformed JSON: {err.msg}", self.where(err.pos)) from None
            except RecursionError:
                raise InputError(self.origin, "malformed JSON: nested too deeply", self.where()) from None
            # A value at the window's edge, or a number whose next character could continue it
            # ("12" then "5", "0" then ".5"), may go on in the next chunk.
            at_edge = end >= len(self.buf) or (
                isinstance(value, (int, float)) and not isinstance(value, bool) and self.buf[end] in _NUMBER_CHARS
            )
            if at_edge and not self.eof and self.fill(grow):
                grow = True
                continue
            self.pos = end
            return value


def starts_array(head: str) -> bool:
    return head.lstrip("\ufeff" + _WS).startswith("[")


def iter_json_array(stream: IO[bytes], encoding: str, origin: str) -> Iterator[tuple[int, int, Any]]:
    """(item index, line, value) for each item of the top-level array in ``stream``."""
    window = _Window(stream, encoding, origin)
    window.fill()
    if window.buf.startswith("\ufeff"):
        window.pos = 1
    if window.skip_ws() != "[":
        raise InputError(origin, "malformed JSON: expected an array", window.where())
    window.pos += 1
    index = 0
    if window.skip_ws() == "]":
        window.pos += 1
    else:
        while True:
            line = window.where()
            yield index, line, window.value()
            index += 1
            sep = window.skip_ws()
            window.pos += 1
            if sep == "]":
                break
            if sep != ",":
                found = repr(sep) if sep else "end of input"
                raise InputError(origin, f"malformed JSON: expected ',' or ']' after item {index - 1}, got {found}",
                                 window.where())
            if window.skip_ws() == "":
                raise InputError(origin, "malformed JSON: unexpected end of input", window.where())
    if window.skip_ws() != "":
        raise InputError(origin, "malformed JSON: extra data after the array", window.where())


__all__ = ["iter_json_array", "starts_array"]
