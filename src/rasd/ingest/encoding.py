"""Bytes → text for Arabic news files.

Handles UTF-8 with or without a byte-order mark, UTF-16/32 (with a BOM, or without one when
charset-normalizer recognises it), and the legacy Arabic code pages windows-1256 and ISO-8859-6.
Detection is Arabic-aware: a candidate decoding is preferred when it yields Arabic letters, because
short windows-1256 texts are easily mistaken for a Latin code page by generic detectors.

Every failure is an :class:`~rasd.errors.InputError` naming the input, never a traceback.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass

from rasd.errors import InputError

log = logging.getLogger("rasd.ingest")

# How many bytes charset detection looks at (the chosen codec then decodes everything).
SAMPLE_BYTES = 256 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of common binary formats that end up in news folders by mistake.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
)

_ARABIC_CODEPAGES = ("cp1256", "iso8859_6")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with the codec that worked."""

    text: str
    encoding: str


def arabic_ratio(text: str) -> float:
    """Share of Arabic letters among all letters of ``text`` (0.0 when it has no letters)."""
    letters = arabic = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc":
                arabic += 1
    return arabic / letters if letters else 0.0


def has_arabic(text: str) -> bool:
    """True when the text holds at least one Arabic letter."""
    return any("\u0621" <= ch <= "\u064a" for ch in text)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f\v") or ch == "\ufffd")
    return bad / len(text)


def _has_words(text: str) -> bool:
    """Prose has spaces between words; noise decoded through a code page has almost none."""
    return len(text) < 40 or sum(1 for ch in text if ch.isspace()) * 25 >= len(text)


def sniff_binary(data: bytes) -> str | None:
    """A description of the binary format if ``data`` looks binary, else None."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            return what
    return None


def _bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def detect_encoding(sample: bytes, origin: str, *, partial: bool | None = None) -> str:
    """Name the codec for bytes that start with ``sample``.

    ``partial`` says the input goes on after the sample (so a character cut at its end is not an
    error); by default a sample of ``SAMPLE_BYTES`` or more is taken as partial.
    Raises InputError for empty, binary and undecodable input.
    """
    if partial is None:
        partial = len(sample) >= SAMPLE_BYTES
    if not sample.strip(b" \t\r\n\x00"):
        raise InputError(origin, "empty input (no text)")
    bom = _bom_encoding(sample)
    if bom:
        return bom
    what = sniff_binary(sample)
    if what:
        raise InputError(origin, f"binary file ({what}), not text")
    # A partial sample may cut a multi-byte character: ignore an incomplete tail.
    head = sample[: max(0, len(sample) - 4)] if partial else sample
    utf8 = _utf8_prefix_ok(sample) if partial else _try(sample, "utf-8")
    if utf8 is not None and b"\x00" not in sample:
        return "utf-8"
    if b"\x00" not in sample:
        _reject_broken_utf8(head, origin)
    return _detect_legacy(sample, origin, partial)


def _reject_broken_utf8(sample: bytes, origin: str) -> None:
    """UTF-8 text with a few corrupt bytes is an error, not a legacy code page (that would be mojibake)."""
    text = sample.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd")
    if bad and good >= 10 and bad * 10 <= good:
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as err:
            raise InputError(origin, f"undecodable bytes: invalid UTF-8 at byte {err.start}") from None


def _utf8_prefix_ok(sample: bytes) -> str | None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        return decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return None


def _detect_legacy(sample: bytes, origin: str, partial: bool) -> str:
    import charset_normalizer

    candidates: list[str] = []
    try:
        candidates = [match.encoding for match in charset_normalizer.from_bytes(sample)]
    except Exception:  # pragma: no cover - the detector itself must never take the batch down
        candidates = []
    # Arabic-aware choice: among the detector's candidates and the Arabic code pages, take the
    # first whose decoding is mostly Arabic letters and has no control characters.
    for enc in [*candidates, *_ARABIC_CODEPAGES]:
        text = _try_prefix(sample, enc) if partial else _try(sample, enc)
        if text is None:
            continue
        if arabic_ratio(text) >= 0.6 and _control_ratio(text) < 0.01 and _has_words(text):
            return enc
    # Not Arabic: accept the detector's best plain-text guess (the text is processed with a note).
    for enc in candidates:
        text = _try_prefix(sample, enc) if partial else _try(sample, enc)
        if text is not None and _control_ratio(text) < 0.01 and _has_words(text):
            return enc
    if b"\x00" in sample:
        raise InputError(origin, "binary file (NUL bytes), not text")
    raise InputError(origin, "undecodable bytes: not UTF-8, UTF-16, windows-1256 or ISO-8859-6 text")


def _try_prefix(sample: bytes, encoding: str) -> str | None:
    try:
        return codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, origin: str) -> Decoded:
    """Decode a whole file. Raises InputError (naming ``origin``) when it is not text."""
    encoding = detect_encoding(data[:SAMPLE_BYTES], origin)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(origin, f"undecodable bytes at byte {err.start} (read as {encoding})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if _control_ratio(text[:SAMPLE_BYTES]) >= 0.01:
        raise InputError(origin, "binary file (control characters), not text")
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        log.info("%s: decoded as %s", origin, encoding)
    return Decoded(text=text, encoding=encoding)


__all__ = ["Decoded", "decode_bytes", "detect_encoding", "arabic_ratio", "has_arabic", "sniff_binary"]
