"""Read-only by default, writes behind the operator's token, no cross-origin access unless configured,
security headers, and malformed parameters answered with a 4xx that names the parameter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rasd.records import Event, Evidence
from rasd.serve.app import create_app
from rasd.serve.demo import fill
from rasd.store import open_store

TOKEN = "s3cret-token-for-tests"
ARTICLE = {
    "id": "post-1",
    "text": "قتل ثلاثة أشخاص في قصف مدفعي استهدف بلدة في ريف إدلب صباح اليوم.",
    "published": "2024-03-02",
    "title": "قصف على ريف إدلب",
    "source": "Test Wire",
    "url": "https://example.org/a/1",
}


@pytest.fixture()
def store(tmp_path: Any) -> Iterator[Any]:
    st = open_store(str(tmp_path / "sec.db"))
    fill(st, 40)
    yield st
    st.close()


def _client(store: Any, **kwargs: Any) -> TestClient:
    return TestClient(create_app(store, **kwargs))


def test_serve_security_writes_off_without_token(store: Any) -> None:
    with _client(store) as c:
        r = c.post("/api/articles", json={"articles": [ARTICLE]})
        assert r.status_code == 403 and "turned off" in r.json()["error"]
        assert c.get("/api/articles/post-1").status_code == 404
        for method in ("put", "delete", "patch"):
            assert getattr(c, method)("/api/events").status_code == 405


@pytest.mark.parametrize(("header", "status"), [
    (None, 401), ("Bearer wrong-token", 403), (f"Basic {TOKEN}", 401), ("Bearer ", 401), (f"Bearer {TOKEN}x", 403),
])
def test_serve_security_token_required(store: Any, header: str | None, status: int) -> None:
    with _client(store, token=TOKEN) as c:
        headers = {"Authorization": header} if header is not None else {}
        r = c.post("/api/articles", json={"articles": [ARTICLE]}, headers=headers)
        assert r.status_code == status
        assert c.get("/api/articles/post-1").status_code == 404


def test_serve_security_token_ingests_through_the_store(store: Any) -> None:
    def one_event(article: Any) -> list[Event]:
        start = article.text.index("قصف مدفعي")
        return [Event(event_id="x", article_id=article.id, event_date=article.published, time_precision=1,
                      event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                      country="Syria", iso3="SYR", admin1="Idlib", location="Idlib", latitude=35.9, longitude=36.6,
                      fatalities=3, evidence=(Evidence("event_type", start, start + 9, "قصف مدفعي"),))]

    original = store.ingest
    store.ingest = lambda articles, **kw: original(articles, extractor=one_event, **kw)
    with _client(store, token=TOKEN) as c:
        r = c.post("/api/articles", json={"articles": [ARTICLE]}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201, r.text
        assert r.json()["articles_new"] == 1 and r.json()["events_new"] == 1
        assert c.get("/api/articles/post-1").json()["text"] == ARTICLE["text"]
        found = c.get("/api/events", params={"search": "إدلب", "since": "2024-03-02", "until": "2024-03-02",
                                                "count": "true"}).json()
        assert found["total"] == 1
        assert "post" in c.get("/openapi.json").json()["paths"]["/api/articles"]
        # The same article again is a duplicate, not a second copy.
        again = c.post("/api/articles", json={"articles": [ARTICLE]}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert again.json()["articles_duplicate"] == 1


@pytest.mark.parametrize("body", [
    {}, {"articles": []}, {"articles": [{"title": "no text"}]}, {"articles": [{"text": ""}]},
    {"articles": [{"text": "نص", "published": "yesterday-ish"}]}, {"articles": [{"text": "نص", "id": "a\x00b"}]},
    {"articles": [{"text": "نص\x00"}]}, [1, 2], "not json",
])
def test_serve_security_bad_ingest_body_is_4xx(store: Any, body: Any) -> None:
    with _client(store, token=TOKEN) as c:
        kwargs = {"content": body} if isinstance(body, str) else {"json": body}
        r = c.post("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"}, **kwargs)
        assert 400 <= r.status_code < 500, r.text
        assert r.json()["error"]


def test_serve_security_no_cors_by_default(store: Any) -> None:
    with _client(store) as c:
        r = c.get("/api/stats", headers={"Origin": "https://evil.example"})
        assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
        pre = c.options("/api/stats", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
        assert "access-control-allow-origin" not in pre.headers


def test_serve_security_cors_when_configured(store: Any) -> None:
    with _client(store, cors_origins=("https://maps.example.org",)) as c:
        ok = c.get("/api/stats", headers={"Origin": "https://maps.example.org"})
        assert ok.headers["access-control-allow-origin"] == "https://maps.example.org"
        other = c.get("/api/stats", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize("path", ["/", "/api/stats", "/static/app.js"])
def test_serve_security_headers(store: Any, path: str) -> None:
    with _client(store) as c:
        r = c.get(path)
        assert r.status_code == 200
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(("params", "name"), [
    ({"limit": "ten"}, "limit"), ({"limit": "0"}, "limit"), ({"limit": "100000000"}, "limit"), ({"limit": "20000"}, "limit"),
    ({"offset": "-1"}, "offset"), ({"since": "2024-13-45"}, "since"), ({"until": "yesterday"}, "until"),
    ({"since": "2024-05-01", "until": "2024-04-01"}, "since"), ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "a,b,c,d"}, "bbox"), ({"bbox": "10,50,20,40"}, "bbox"), ({"bbox": "0,0,200,10"}, "bbox"),
    ({"bbox": "nan,0,1,1"}, "bbox"), ({"sort": "-password"}, "sort"), ({"format": "xml"}, "format"),
    ({"background": "maybe"}, "background"), ({"country": "x" * 300}, "country"), ({"search": "a\x00b"}, "search"),
    ({"actor": "\x07"}, "actor"), ({"fields": "all"}, "fields"),
])
def test_serve_security_malformed_params_are_4xx(store: Any, params: dict[str, str], name: str) -> None:
    with _client(store) as c:
        r = c.get("/api/events", params=params)
        assert 400 <= r.status_code < 500, r.text
        assert f"'{name}'" in r.json()["error"]


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "*", "(", "عين*", "NEAR(a b)", "'; DROP TABLE events; --", "%_%"])
def test_serve_security_odd_search_text_is_not_an_error(store: Any, query: str) -> None:
    with _client(store) as c:
        for name in ("search", "actor", "country"):
            r = c.get("/api/events", params={name: query})
            assert r.status_code == 200, r.text
        assert c.get("/api/stats").json()["events"] > 0


def test_serve_security_body_size_and_host_checks(store: Any) -> None:
    with _client(store, token=TOKEN) as c:
        r = c.post("/api/articles", content=b"x", headers={"Authorization": f"Bearer {TOKEN}",
                                                          "Content-Length": "999999999"})
        assert r.status_code == 413
    with TestClient(create_app(store, allowed_hosts=("127.0.0.1", "localhost")), base_url="http://127.0.0.1") as c:
        assert c.get("/api/stats").status_code == 200
        assert c.get("/api/stats", headers={"Host": "rebound.evil.example"}).status_code == 400
