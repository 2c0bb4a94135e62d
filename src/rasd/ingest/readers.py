"""Every input rasd reads, as a stream of :class:`~rasd.records.Article`.

``read_inputs`` accepts files, directories, ``-`` (stdin) and http(s) URLs:

=================  ===============================================================================
input              how it is read
=================  ===============================================================================
``.txt``           one article per file (decoded: UTF-8 ± BOM, UTF-16, windows-1256, ISO-8859-6)
``.html``/``.htm`` one article: main text via trafilatura, else a plain strip of the markup
``.json``          one article object or an array of them
``.jsonl``         one article object per line, streamed (memory stays flat)
``.zip``           every ``.json``/``.jsonl``/``.txt``/``.html`` member (SaudiNewsNet layout)
``.gz``            any of the above, gzip-compressed (``x.jsonl.gz``)
``.xml``/``.rss``  an RSS/Atom feed file
directory          every readable file below it, recursively, in sorted order
``-``              stdin, sniffed: JSON array, JSONL, HTML, feed or plain text
``http(s)://``     an RSS/Atom feed or an article page (retried with backoff)
=================  ===============================================================================

Article objects may carry ``id``, ``text`` | ``html`` | ``content``, ``published`` | ``date`` |
``date_extracted``, ``title``, ``source``, ``url``. Problems are reported as
:class:`~rasd.errors.InputError` (with the line number for JSONL) through ``on_error`` and reading
goes on with the next line, item or input; without ``on_error`` the first problem is raised.
"""

from __future__ import annotations

import codecs
import gzip
import json
import logging
import lzma
import os
import re
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

from rasd.errors import InputError
from rasd.ingest.articles import make_article, parse_published
from rasd.ingest.encoding import SAMPLE_BYTES, decode_bytes, detect_encoding, has_arabic
from rasd.ingest.feeds import FeedEntry, looks_like_feed, page_entry, parse_feed
from rasd.ingest.html import html_to_text, looks_like_html
from rasd.ingest.jsonstream import iter_json_array, starts_array
from rasd.ingest.streams import bounded_lines, wide_lines
from rasd.ingest.streams import buffered as peekable
from rasd.ingest.urls import fetch, is_url
from rasd.records import Article

log = logging.getLogger("rasd.ingest")

KINDS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".zip": "zip",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
"""File extension → reader. Files with other extensions are skipped inside directories."""

TEXT_KEYS = ("text", "content", "body", "html")
DATE_KEYS = ("published", "date", "date_published", "date_extracted", "pubdate")
HTML_BYTES_PER_CHAR = 20
"""An HTML page may hold this many bytes of markup per character of text before it is cut."""
MAX_JSON_BYTES = 1 << 30
"""A single JSON document (not JSONL) larger than this is refused: use JSONL for big inputs."""

_FILENAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_SPACE_BEFORE = re.compile(r"\s\S*\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")

OnError = Callable[[InputError], None]

# What a damaged file, zip or gzip stream can raise (zipfile lets zlib, lzma and unicode errors through).
_ARCHIVE_ERRORS = (
    OSError, EOFError, zipfile.BadZipFile, gzip.BadGzipFile, zlib.error, lzma.LZMAError, NotImplementedError,
    RuntimeError, UnicodeDecodeError, ValueError,
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class _Reader:
    """State for one ``read_inputs`` call: defaults, the error sink and once-only warnings."""

    def __init__(self, published: date | None, on_error: OnError | None, max_chars: int) -> None:
        self.published = published
        self.on_error = on_error
        self.max_chars = max_chars
        self.warned_undated = False

    # -- reporting --------------------------------------------------------------------------------

    def report(self, err: InputError) -> None:
        err = _one_line_error(err)
        if self.on_error is None:
            raise err
        self.on_error(err)

    # -- article construction ---------------------------------------------------------------------

    def article(
        self,
        text: str,
        origin: str,
        *,
        line: int | None = None,
        id: Any = None,
        published: Any = None,
        title: Any = None,
        source: Any = None,
        url: Any = None,
    ) -> Article:
        text = _clean(text).replace("\r\n", "\n").replace("\r", "\n").strip("\ufeff \t\n")
        where = f"{origin}:{line}" if line is not None else origin
        if not text.strip():
            raise InputError(origin, "empty article (no text)", line)
        if len(text) > self.max_chars:
            cut = self.max_chars
            tail = _SPACE_BEFORE.search(text, max(0, cut - 200), cut)
            if tail:
                cut = tail.start()
            original = len(text)
            text = text[:cut].rstrip()
            log.warning("%s: article of %d characters truncated to %d (max_chars)", where, original, len(text))
        if not has_arabic(text):
            log.warning("%s: no Arabic text found; processed anyway", where)
        own = _date(published, where)
        day = own or self.published
        if day is None and not self.warned_undated:
            self.warned_undated = True
            log.warning(
                "%s: no publication date (give --published): relative dates will get lower precision", where
            )
        return make_article(
            text,
            published=day,
            id=_opt_str(id),
            title=_opt_str(title),
            source=_opt_str(source),
            url=_opt_str(url),
            origin=where,
        )

    def from_object(
        self, obj: Any, origin: str, line: int | None = None, item: int | None = None
    ) -> Article | None:
        where = origin if item is None else f"{origin}[{item}]"
        if not isinstance(obj, dict):
            raise InputError(where, f"expected an article object, got {type(obj).__name__}", line)
        text = None
        for key in TEXT_KEYS:
            value = obj.get(key)
            if isinstance(value, str) and value.strip():
                text = html_to_text(value).text if key == "html" or _is_markup(value) else value
                break
        if text is None:
            if any(isinstance(obj.get(key), str) for key in TEXT_KEYS):
                log.info("%s: article with empty text skipped", f"{where}:{line}" if line else where)
                return None
            raise InputError(where, "article has no text (expected 'text', 'html' or 'content')", line)
        published = next((obj[k] for k in DATE_KEYS if obj.get(k)), None)
        return self.article(
            text, where, line=line, id=obj.get("id"), published=published, title=obj.get("title"),
            source=obj.get("source"), url=obj.get("url"),
        )

    def from_entry(self, entry: FeedEntry, origin: str) -> Article:
        return self.article(
            entry.text, origin, id=entry.id, published=entry.published, title=entry.title,
            source=entry.source, url=entry.url,
        )

    # -- dispatch ---------------------------------------------------------------------------------

    def read(self, spec: str) -> Iterator[Article]:
        if spec == "-":
            stdin = peekable(sys.stdin.buffer)
            try:
                yield from self.read_stream(stdin, "<stdin>", None)
            finally:
                stdin.detach()  # leave sys.stdin open for the rest of the program
        elif is_url(spec):
            yield from self.read_url(spec)
        else:
            path = Path(spec)
            if path.is_dir():
                yield from self.read_dir(path)
            elif path.is_file():
                yield from self.read_file(path, _kind_of(path.name) or None)
            elif path.exists():
                raise InputError(spec, "not a regular file")
            else:
                raise InputError(spec, "no such file or directory")

    def read_dir(self, root: Path) -> Iterator[Article]:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                kind = _kind_of(name)
                if name.startswith(".") or kind is None:
                    continue
                yield from self.guard(self.read_file(Path(dirpath) / name, kind))

    def each(self, make: Callable[..., Article], *args: Any) -> Iterator[Article]:
        """Yield ``make(*args)``; an InputError is reported and nothing is yielded."""
        try:
            article = make(*args)
        except InputError as err:
            self.report(err)
            return
        yield article

    def guard(self, articles: Iterator[Article]) -> Iterator[Article]:
        """Yield from ``articles``; an InputError ends this input only (reported, not raised)."""
        try:
            yield from articles
        except InputError as err:
            self.report(err)

    def read_file(self, path: Path, kind: str | None) -> Iterator[Article]:
        origin = str(path)
        try:
            if kind == "zip":
                yield from self.read_zip(path)
                return
            if path.name.lower().endswith(".gz"):
                with gzip.open(path, "rb") as stream:
                    yield from self.read_stream(stream, origin, kind)  # type: ignore[arg-type]
                return
            with open(path, "rb") as stream:
                yield from self.read_stream(stream, origin, kind, name=path.name)
        except _ARCHIVE_ERRORS as err:
            raise InputError(origin, f"cannot read: {getattr(err, 'strerror', None) or err}") from None

    def read_zip(self, path: Path) -> Iterator[Article]:
        origin = str(path)
        try:
            archive = zipfile.ZipFile(path)
        except _ARCHIVE_ERRORS as err:
            raise InputError(origin, f"cannot read zip: {err}") from None
        with archive:
            members = sorted(
                (m for m in archive.infolist() if not m.filename.endswith("/") and "__MACOSX" not in m.filename),
                key=lambda m: m.filename,
            )
            for member in members:
                kind = _kind_of(member.filename)
                if kind in (None, "zip"):
                    continue
                where = f"{origin}::{member.filename}"
                if kind == "json" and member.file_size > MAX_JSON_BYTES:
                    self.report(InputError(where, f"JSON member larger than {MAX_JSON_BYTES} bytes; skipped"))
                    continue
                try:
                    with archive.open(member) as stream:
                        yield from self.guard(self.read_stream(stream, where, kind, name=member.filename))
                except _ARCHIVE_ERRORS as err:
                    self.report(InputError(where, f"cannot read zip member: {err}"))

    def read_stream(self, stream: IO[bytes], origin: str, kind: str | None, name: str = "") -> Iterator[Article]:
        stream = peekable(stream)
        if kind == "jsonl":
            yield from self.read_jsonl(stream, origin)
            return
        if kind is None:
            kind = self.sniff(stream)
            if kind == "jsonl":
                yield from self.read_jsonl(stream, origin)
                return
        if kind == "json":
            buffered = peekable(stream)
            head = buffered.peek(SAMPLE_BYTES)[:SAMPLE_BYTES]
            encoding = detect_encoding(head, origin, partial=True)
            if starts_array(codecs.getincrementaldecoder(encoding)("ignore").decode(head[:4096], final=False)):
                yield from self.read_json_array(buffered, encoding, origin)  # type: ignore[arg-type]
                return
            stream = buffered  # type: ignore[assignment]
        limit = MAX_JSON_BYTES if kind == "json" else self.byte_budget(kind)
        data = stream.read(limit + 1)
        truncated = len(data) > limit
        if truncated:
            if kind in ("json", "feed"):
                raise InputError(origin, f"larger than {limit} bytes; use JSONL for big inputs")
            data = data[:limit]
        text = self.decode(data, origin, partial=truncated)
        if kind == "json":
            yield from self.read_json_text(text, origin)
        elif kind == "feed":
            for entry in parse_feed(text, origin):
                yield from self.each(self.from_entry, entry, origin)
        elif kind == "html":
            doc = html_to_text(text)
            published = doc.date or _filename_date(name)
            yield self.article(doc.text, origin, published=published, title=doc.title, source=doc.sitename)
        else:
            yield self.article(text, origin, published=_filename_date(name))

    def byte_budget(self, kind: str) -> int:
        """How many bytes of one document can matter given max_chars (4 bytes a character at most)."""
        per_char = HTML_BYTES_PER_CHAR if kind in ("html", "feed") else 4
        return max(self.max_chars * per_char + 4, 1 << 20)

    def decode(self, data: bytes, origin: str, *, partial: bool = False) -> str:
        if not partial:
            return decode_bytes(data, origin).text
        encoding = detect_encoding(data[:SAMPLE_BYTES], origin)
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(data, final=False)
        except UnicodeDecodeError as err:
            raise InputError(origin, f"undecodable bytes at byte {err.start} (read as {encoding})") from None
        return text.lstrip("\ufeff")

    @staticmethod
    def sniff(stream: IO[bytes]) -> str:
        """Guess the kind of an unnamed stream (stdin) from its first bytes, without consuming them."""
        head = peekable(stream).peek(SAMPLE_BYTES)[:SAMPLE_BYTES]
        try:
            start = head.decode(detect_encoding(head, "<stdin>", partial=True), "ignore").lstrip("\ufeff \t\r\n")
        except InputError:
            return "text"
        if start.startswith("["):
            return "json"
        if start.startswith("{"):
            first = start.split("\n", 1)[0]
            try:
                json.loads(first)
                return "jsonl"
            except ValueError:
                return "json"
        if looks_like_feed(start):
            return "feed"
        if looks_like_html(start):
            return "html"
        return "text"

    def read_json_text(self, text: str, origin: str) -> Iterator[Article]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(origin, f"malformed JSON: {err.msg} (column {err.colno})", err.lineno) from None
        except RecursionError:
            raise InputError(origin, "malformed JSON: nested too deeply") from None
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        if isinstance(data, list):
            for i, obj in enumerate(data):
                try:
                    article = self.from_object(obj, origin, item=i)
                except InputError as err:
                    self.report(err)
                    continue
                if article is not None:
                    yield article
        else:
            article = self.from_object(data, origin)
            if article is not None:
                yield article

    def read_json_array(self, stream: IO[bytes], encoding: str, origin: str) -> Iterator[Article]:
        """A top-level array, item by item (memory stays flat); a bad item is reported and skipped."""
        for index, _line, obj in iter_json_array(stream, encoding, origin):
            try:
                article = self.from_object(obj, origin, item=index)
            except InputError as err:
                self.report(err)
                continue
            if article is not None:
                yield article

    def read_jsonl(self, stream: IO[bytes], origin: str) -> Iterator[Article]:
        """One object per line; bad lines are reported with their number and skipped."""
        buffered = peekable(stream)
        head = buffered.peek(SAMPLE_BYTES)[:SAMPLE_BYTES]
        encoding = detect_encoding(head, origin, partial=True)
        limit = self.byte_budget("json") * 2
        if encoding.startswith(("utf-16", "utf-32")):
            lines: Iterable[tuple[bytes | str | None, bool]] = wide_lines(buffered, encoding, origin)
        else:
            lines = bounded_lines(buffered, limit)  # type: ignore[arg-type]
        seen = False
        for number, (raw, complete) in enumerate(lines, start=1):
            if not complete:
                self.report(InputError(origin, f"line longer than {limit} bytes; skipped", number))
                continue
            if raw is None:
                self.report(InputError(origin, f"undecodable bytes (unpaired surrogate in {encoding})", number))
                continue
            try:
                line = raw if isinstance(raw, str) else raw.decode(encoding)
            except UnicodeDecodeError as err:
                self.report(InputError(origin, f"undecodable bytes at column {err.start + 1} ({encoding})", number))
                continue
            line = line.lstrip("\ufeff").strip()
            if not line:
                continue
            seen = True
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                self.report(InputError(origin, f"malformed JSON: {err.msg} (column {err.colno})", number))
                continue
            except RecursionError:
                self.report(InputError(origin, "malformed JSON: nested too deeply", number))
                continue
            try:
                article = self.from_object(obj, origin, line=number)
            except InputError as err:
                self.report(err)
                continue
            if article is not None:
                yield article
        if not seen:
            raise InputError(origin, "empty input (no JSON lines)")

    def read_url(self, url: str) -> Iterator[Article]:
        fetched = fetch(url)
        if looks_like_feed(fetched.data, fetched.content_type):
            for entry in parse_feed(fetched.data, url):
                yield from self.each(self.from_entry, entry, url)
            return
        if "json" in fetched.content_type:
            yield from self.read_json_text(self.decode(fetched.data, url), url)
            return
        text = _decode_http(fetched.data, fetched.charset, url)
        if "html" in fetched.content_type or looks_like_html(text):
            entry = page_entry(text, fetched.url)
            yield self.article(
                entry.text, url, published=entry.published, title=entry.title, source=entry.source, url=entry.url
            )
        else:
            yield self.article(text, url, url=url)


def _decode_http(data: bytes, charset: str | None, url: str) -> str:
    if charset:
        try:
            return data.decode(charset).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_bytes(data, url).text


def _kind_of(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return KINDS.get(os.path.splitext(lower)[1])


def _is_markup(value: str) -> bool:
    head = value.lstrip()[:200].lower()
    return head.startswith("<") and looks_like_html(head) or head.startswith("<p")


def _one_line(text: str) -> str:
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def _one_line_error(err: InputError) -> InputError:
    """The same error with control characters (newlines in a file or zip member name) escaped."""
    text = str(err)
    if not _CONTROL.search(text):
        return err
    where = f"{err.origin}:{err.line}" if err.line is not None else err.origin
    message = text[len(where) + 2:] if text.startswith(where + ": ") else text
    return type(err)(_one_line(err.origin), _one_line(message), err.line)


def _clean(text: str) -> str:
    """Lone surrogates (legal in JSON escapes, not in UTF-8 output) become U+FFFD; length is kept."""
    return _SURROGATE.sub("\ufffd", text)


def _opt_str(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return _clean(str(value))


def _date(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return parse_published(value if isinstance(value, date) else str(value))
    except (ValueError, TypeError, OverflowError):
        log.warning("%s: unreadable date %r ignored", where, value)
        return None


def _filename_date(name: str) -> date | None:
    """A YYYY-MM-DD in a .txt/.html file name is taken as that article's own date."""
    match = _FILENAME_DATE.search(os.path.basename(name))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def read_inputs(
    inputs: Sequence[str],
    *,
    published: date | str | None = None,
    on_error: OnError | None = None,
    max_chars: int = 200_000,
) -> Iterator[Article]:
    """Stream the articles of every input, in order.

    ``published`` is the date for articles that carry none. Each problem (a missing file, a bad
    JSONL line, an undecodable file...) is passed to ``on_error`` as an InputError and reading goes on;
    with ``on_error=None`` the first problem is raised instead. Articles longer than ``max_chars`` are
    truncated with a warning.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [str(inputs)]
    default = None
    if published is not None and published != "":
        default = _date(published, "--published")
        if default is None:
            raise InputError("--published", f"not a date: {published!r}")
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    reader = _Reader(default, on_error, max_chars)
    for spec in inputs:
        yield from reader.guard(reader.read(str(spec)))


__all__ = ["read_inputs", "KINDS"]
