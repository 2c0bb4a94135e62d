"""URLs and feeds on a loopback server: retried with backoff, then reported; feeds and pages become articles."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rasd.errors import EXIT_NETWORK, FetchError, InputError, NetworkError
from rasd.ingest import read_inputs, urls

SENTENCE = "قتل جنديان وأصيب ثلاثة آخرون في هجوم بطائرة مسيرة على موقع عسكري قرب الحدود الشمالية صباح الخميس."
FEED = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>الوكالة الوطنية</title>'
    "<entry><id>tag:news,2024:1</id><title>هجوم بمسيرة</title><link href='https://example.org/1'/>"
    f"<updated>2024-08-08T07:00:00Z</updated><content type='html'>&lt;p&gt;{SENTENCE}&lt;/p&gt;</content></entry>"
    "</feed>"
)
PAGE = (
    "<!doctype html><html><head><title>هجوم بمسيرة</title>"
    "<meta property='article:published_time' content='2024-08-08T09:00:00Z'></head><body>"
    "<nav><a href='/'>الرئيسية</a></nav><article><h1>هجوم بمسيرة</h1>"
    + "".join(f"<p>{SENTENCE}</p>" for _ in range(4))
    + "</article><footer>جميع الحقوق محفوظة</footer></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: str, ctype: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        hits = self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if self.path == "/feed":
            self._send(200, FEED, "application/atom+xml; charset=utf-8")
        elif self.path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/flaky-feed":
            if hits <= 2:
                self._send(503, "busy", "text/plain")
            else:
                self._send(200, FEED, "application/rss+xml")
        elif self.path == "/down":
            self._send(503, "busy", "text/plain")
        elif self.path == "/legacy":
            data = SENTENCE.encode("cp1256")
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(data)
        else:
            self._send(404, "not found", "text/plain")


@pytest.fixture()
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setattr(urls, "BACKOFF", 0.01)
    monkeypatch.setattr(urls, "TIMEOUT", 5.0)
    _Handler.hits = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def read_all(inputs):
    errors: list[InputError] = []
    return list(read_inputs(inputs, on_error=errors.append)), errors


def test_robust_urls_atom_feed_entries(server: str) -> None:
    articles, errors = read_all([f"{server}/feed"])
    assert errors == []
    assert [(a.id, a.title, a.source, a.published, a.text) for a in articles] == [
        ("tag:news,2024:1", "هجوم بمسيرة", "الوكالة الوطنية", date(2024, 8, 8), SENTENCE)]


def test_robust_urls_article_page_main_text(server: str) -> None:
    articles, errors = read_all([f"{server}/page"])
    assert errors == []
    (article,) = articles
    assert SENTENCE in article.text
    assert "جميع الحقوق محفوظة" not in article.text
    assert article.published == date(2024, 8, 8)
    assert article.url == f"{server}/page"


def test_robust_urls_transient_failures_are_retried(server: str) -> None:
    articles, errors = read_all([f"{server}/flaky-feed"])
    assert errors == [] and [a.text for a in articles] == [SENTENCE]
    assert _Handler.hits["/flaky-feed"] == 3


def test_robust_urls_legacy_encoding_without_charset(server: str) -> None:
    articles, errors = read_all([f"{server}/legacy"])
    assert errors == [] and [a.text for a in articles] == [SENTENCE]


@pytest.mark.parametrize(
    ("path", "message", "attempts"),
    [("/down", "unreachable after 4 attempts: HTTP 503 Service Unavailable", 4),
     ("/missing", "unreachable: HTTP 404 Not Found", 1)],
)
def test_robust_urls_failures_reported_after_retries(server: str, path: str, message: str, attempts: int) -> None:
    articles, errors = read_all([f"{server}{path}", f"{server}/feed"])
    assert len(articles) == 1                                  # the next input is still read
    (err,) = errors
    assert isinstance(err, FetchError) and isinstance(err, NetworkError)
    assert err.exit_code == EXIT_NETWORK
    assert str(err) == f"{server}{path}: {message}"
    assert _Handler.hits[path] == attempts


def test_robust_urls_connection_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urls, "BACKOFF", 0.01)
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    articles, errors = read_all([f"http://127.0.0.1:{port}/rss"])
    assert articles == []
    assert str(errors[0]).startswith(f"http://127.0.0.1:{port}/rss: unreachable after 4 attempts:")
