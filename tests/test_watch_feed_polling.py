"""`rasd watch` against a real RSS feed served on loopback by http.server in a thread: the feed gains items
between polls, answers 304 to ETag/Last-Modified, and each item is ingested exactly once — across restarts
and network failures too."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import pytest
from test_store_support import pg_url, store_url  # noqa: F401 - fixtures

from rasd.cli import main
from rasd.ingest.watch import Watcher, parse_interval
from rasd.store import EventFilter, open_store

ITEMS = [
    ("قتل خمسة جنود عراقيين في هجوم بسيارة مفخخة استهدف نقطة تفتيش قرب الرمادي.", "Mon, 20 Jul 2015 08:00:00 GMT"),
    ("أعلنت قوات التحالف تنفيذ غارات جوية على مواقع للحوثيين في صعدة شمال اليمن.", "Mon, 20 Jul 2015 10:00:00 GMT"),
    ("أصيب ثلاثة مدنيين بانفجار عبوة ناسفة في سوق شعبي بمدينة بعقوبة.", "Tue, 21 Jul 2015 07:30:00 GMT"),
    ("تظاهر مئات الطلاب في بيروت احتجاجا على أزمة النفايات وتدهور الخدمات.", "Tue, 21 Jul 2015 12:00:00 GMT"),
    ("اشتبكت قوات البشمركة مع مسلحي داعش جنوب كركوك وأسفرت المعارك عن مقتل عشرة مسلحين.", "Wed, 22 Jul 2015 09:00:00 GMT"),
]
PAGE_EXTRA = "وقال مصدر أمني إن قوات الأمن فتحت تحقيقا في الحادث، فيما نقل الجرحى إلى المستشفى القريب."


class Feed:
    """The feed's state: how many items it shows, and what the server answered."""

    def __init__(self) -> None:
        self.shown = 1
        self.version = 1
        self.statuses: list[int] = []
        self.down = False
        self.short = False  # items carry only their title; the text is on the article page
        self.base = ""

    def publish(self, n: int = 1) -> None:
        if n > 0:
            self.shown = min(len(ITEMS), self.shown + n)
            self.version += 1

    def xml(self) -> bytes:
        items = "".join(
            f"<item><title>{escape(text[:30])}</title><link>{self.base}/news/{i}</link>"
            f"<guid>news-{i}</guid><pubDate>{when}</pubDate>"
            f"<description>{escape(text[:30] if self.short else text)}</description></item>"
            for i, (text, when) in enumerate(ITEMS[: self.shown])
        )
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>وكالة الاختبار</title>'
                f"<link>http://127.0.0.1/</link><description>test</description>{items}</channel></rss>").encode()


@pytest.fixture
def feed() -> Iterator[tuple[str, Feed]]:
    state = Feed()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if self.path.startswith("/news/"):
                text = ITEMS[int(self.path.rsplit("/", 1)[1])][0]
                page = (f"<html><head><meta charset='utf-8'><title>{escape(text[:30])}</title></head><body>"
                        f"<nav>الرئيسية</nav><article><h1>{escape(text[:30])}</h1><p>{escape(text)}</p>"
                        f"<p>{escape(PAGE_EXTRA)}</p></article></body></html>").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)
                return
            # statuses are recorded before answering: the client may check them as soon as it has the answer
            if state.down:
                state.statuses.append(503)
                self.send_response(503)
                self.end_headers()
                return
            etag = f'"v{state.version}"'
            modified = formatdate(1437350400 + state.version * 60, usegmt=True)
            if self.headers.get("If-None-Match") == etag:
                state.statuses.append(304)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            body = state.xml()
            state.statuses.append(200)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield f"{state.base}/feed.xml", state
    finally:
        server.shutdown()
        server.server_close()


def test_watch_ingests_each_new_item_once(store_url, feed) -> None:  # noqa: F811
    url, state = feed
    lines: list[str] = []
    schedule = iter([2, 0, 2])  # items published during each pause between polls

    def pause(_seconds: float) -> None:
        state.publish(next(schedule))

    with open_store(store_url) as store:
        reports = Watcher([url], store, every=0, sleep=pause, log_line=lines.append, extractor=lambda a: []).run(4)
        assert [r.new_items for r in reports] == [1, 2, 0, 2]
        assert [r.not_modified for r in reports] == [0, 0, 1, 0]
        assert state.statuses == [200, 200, 304, 200]
        assert store.stats()["articles"] == len(ITEMS)
        assert len(lines) == 4 and lines[1].startswith("cycle 2: 1 feeds") and "2 new articles" in lines[1]
        texts = sorted(a.text for a in store.list_articles(limit=50))
        assert len(texts) == len(set(texts)) == len(ITEMS)
        assert {a.source for a in store.list_articles(limit=50)} == {"وكالة الاختبار"}
        assert {a.published.isoformat() for a in store.list_articles(limit=50)} == {  # type: ignore[union-attr]
            "2015-07-20", "2015-07-21", "2015-07-22"}
    # a restarted watcher remembers the validators and the seen items
    with open_store(store_url) as store:
        again = Watcher([url], store, every=0, sleep=lambda s: None, log_line=lines.append).run(1)
        assert again[0].not_modified == 1 and state.statuses[-1] == 304
        state.version += 1  # the server forgets its ETag: a full 200 with only seen items
        again = Watcher([url], store, every=0, sleep=lambda s: None, log_line=lines.append).run(1)
        assert again[0].items == len(ITEMS) and again[0].new_items == 0
        assert store.stats()["articles"] == len(ITEMS)


def test_watch_survives_network_failures_with_backoff(tmp_path, feed) -> None:
    url, state = feed
    state.down = True
    waits: list[float] = []
    lines: list[str] = []
    with open_store(tmp_path / "w.db") as store:
        watcher = Watcher([url], store, every=10, retries=2, backoff=0.5, sleep=waits.append, log_line=lines.append,
                          extractor=lambda a: [])
        reports = watcher.run(3)
        assert [r.failed for r in reports] == [1, 1, 1]
        # retries inside each cycle wait 0.5 then 1.0; the pause between failing cycles doubles
        assert waits == [0.5, 1.0, 20.0, 0.5, 1.0, 40.0, 0.5, 1.0]
        assert store.feed_state(url)["failures"] == 3  # type: ignore[index]
        assert "1 failed" in lines[0]
        state.down = False
        report = watcher.poll_once()
        assert report.failed == 0 and report.new_items == 1
        assert watcher.wait_seconds() == 10
        assert store.feed_state(url)["failures"] == 0  # type: ignore[index]


def test_watch_fetches_pages_for_short_items(tmp_path, feed) -> None:
    url, state = feed
    state.short = True
    state.shown = 2
    with open_store(tmp_path / "p.db") as store:
        Watcher([url], store, every=0, fetch_pages=True, sleep=lambda s: None, log_line=lambda s: None,
                extractor=lambda a: []).run(1)
        texts = sorted(a.text for a in store.list_articles())
        assert len(texts) == 2
        for item, _ in ITEMS[:2]:
            assert sum(item in text and PAGE_EXTRA in text for text in texts) == 1, item
    with open_store(tmp_path / "q.db") as store:  # without fetching, the short feed text is all there is
        Watcher([url], store, every=0, sleep=lambda s: None, log_line=lambda s: None, extractor=lambda a: []).run(1)
        assert all(PAGE_EXTRA not in a.text and len(a.text) <= 30 for a in store.list_articles())


def test_watch_cli_runs_bounded_cycles(tmp_path, feed, capsys) -> None:
    url, state = feed
    db = tmp_path / "cli.db"
    assert main(["watch", url, "--db", str(db), "--every", "0s", "--cycles", "2"]) == 0
    err = capsys.readouterr().err
    assert err.count("rasd watch: cycle") == 2
    assert "cycle 1: 1 feeds (0 not modified, 0 failed), 1 new of 1 items" in err
    with open_store(db) as store:
        assert store.stats()["articles"] == 1
        assert store.count_events(EventFilter()) >= 0


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400)])
def test_watch_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("bad", ["", "soon", "-5m", "m"])
def test_watch_parse_interval_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_interval(bad)
