"""The web page in a real browser (Debian's Chromium driven by Playwright) against a real server and database.

The page loads the demo database, shows markers, filters by the timeline brush and by country, opens an
event with its article and highlighted evidence, and runs none of the script planted in an ingested article.
A screenshot is written to tests/artifacts/ (or $RASD_ARTIFACTS) for people to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rasd.records import Article, Event, Evidence, SourceReport
from rasd.serve.app import create_app
from rasd.serve.demo import SEED_NAME, fill
from rasd.store import open_store
from rasd.store.base import EventFilter

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SEED = Path(os.environ.get("RASD_SHARED", REPO.parent / "shared")).resolve() / "seed"
ARTIFACTS = Path(os.environ.get("RASD_ARTIFACTS", REPO / "tests" / "artifacts"))
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

# Hostile content: each payload, if it ever ran, would change the title or set a flag on window.
XSS_TEXT = (
    "قال شهود إن مسلحين هاجموا حاجزا في <script>document.title='pwned';window.__pwned=1</script> "
    "بلدة الميادين <img src=x onerror=\"document.title='pwned';window.__pwned=2\"> وقتلوا جنديين، "
    "<a href=\"javascript:window.__pwned=3\">اقرأ المزيد</a> <svg onload=\"window.__pwned=4\"></svg>"
)
XSS_ACTOR = "<img src=x onerror=\"window.__pwned=5\">"


def _xss_report() -> tuple[Article, list[Event]]:
    article = Article(id="xss-article", text=XSS_TEXT, published=date(2024, 5, 3),
                      title="<img src=x onerror=\"window.__pwned=6\">عنوان", source="<script>window.__pwned=7</script>",
                      url="javascript:window.__pwned=8")
    start = XSS_TEXT.index("<script>")
    end = XSS_TEXT.index("</script>") + len("</script>")
    s2 = XSS_TEXT.index("<img")
    e2 = XSS_TEXT.index(">", s2) + 1
    event = Event(
        event_id="xss", article_id=article.id, event_date=date(2024, 5, 2), time_precision=1,
        event_type="Battles", sub_event_type="Armed clash", actor1=XSS_ACTOR, actor1_ar=XSS_ACTOR,
        country="Syria", iso3="SYR", admin1="Deir ez-Zor", location="<b onmouseover=\"window.__pwned=9\">Mayadin</b>",
        location_ar="<b onmouseover=\"window.__pwned=9\">الميادين</b>", latitude=35.02, longitude=40.45,
        fatalities=2, notes="<script>window.__pwned=10</script>", source=article.source,
        evidence=(Evidence("location", start, end, XSS_TEXT[start:end]), Evidence("actor1", s2, e2, XSS_TEXT[s2:e2])),
        sources=(SourceReport(article_id=article.id, source=article.source, url=article.url, fatalities=2),),
    )
    return article, [event]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("RASD_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{CHROMIUM} not found")
        pytest.skip(f"{CHROMIUM} not found")
    import uvicorn

    store = open_store(str(tmp_path_factory.mktemp("browser") / "demo.db"))
    fill(store, 240, seed_dir=SEED, extra=[_xss_report()])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}/", "store": store}
    srv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser(server: dict[str, Any]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, server: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ar")
    pg = context.new_page()
    problems: list[str] = []
    dialogs: list[str] = []
    pg.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    pg.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # Nothing may leave the machine: every request goes to the test server.
    outside: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server["url"], "data:")) else None)
    pg.goto(server["url"])
    pg.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    pg.problems, pg.dialogs, pg.outside = problems, dialogs, outside
    yield pg
    context.close()


def _covered(node: Any) -> set[int]:
    """Offsets of the characters inside <mark> elements of ``node``'s text."""
    ranges = node.evaluate("""n => {
        const out = []; let pos = 0;
        for (const child of n.childNodes) {
            const len = child.textContent.length;
            if (child.nodeName === 'MARK') out.push([pos, pos + len]);
            pos += len;
        }
        return out;
    }""")
    return {i for a, b in ranges for i in range(a, b)}


def _visible(page: Any) -> int:
    return int(page.evaluate("rasdPage.visibleCount()"))


def test_serve_browser_loads_database_with_markers(page: Any, server: dict[str, Any]) -> None:
    store = server["store"]
    total = store.count_events(EventFilter())
    located = sum(1 for e in store.query_events(EventFilter(), limit=10000) if e.latitude is not None)
    assert _visible(page) == total
    assert page.evaluate("rasdPage.markerCount()") == located > 200
    # Clustered markers and single ones are drawn on the map, over the country shapes.
    assert page.locator(".cluster-icon").count() > 0
    assert page.locator(".leaflet-overlay-pane path").count() > 100
    assert page.locator("[data-testid=table] tbody tr").count() == min(total, 300)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("[data-testid=apply]").inner_text() == "تطبيق"
    assert not page.problems and not page.outside


def test_serve_browser_timeline_brush_filters_map(page: Any, server: dict[str, Any]) -> None:
    before = _visible(page)
    box = page.locator("[data-testid=timeline]").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.30, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=8)
    page.mouse.up()
    since, until = page.evaluate("rasdPage.brush()")
    assert since < until
    expected = server["store"].count_events(EventFilter(since=date.fromisoformat(since), until=date.fromisoformat(until)))
    assert 0 < _visible(page) == expected < before
    assert page.evaluate("rasdPage.markerCount()") <= expected
    assert page.locator("[data-testid=brush]").count() == 1
    assert page.locator("[data-testid=range]").inner_text() == f"{since} → {until}"
    # The export links carry the brushed range, and the CSV holds exactly the selection.
    href = page.locator("[data-testid=export-csv]").get_attribute("href")
    assert f"since={since}" in href and f"until={until}" in href
    csv_text = page.request.get(server["url"].rstrip("/") + href).text()
    assert len(csv_text.strip().splitlines()) == expected + 1
    page.click("[data-testid=clear-brush]")
    assert _visible(page) == before
    assert not page.problems


def test_serve_browser_country_filter(page: Any, server: dict[str, Any]) -> None:
    page.select_option("[data-testid=f-country]", "Yemen")
    page.wait_for_function("document.querySelector('[data-testid=count]').dataset.visible !== undefined")
    page.wait_for_selector("[data-testid=table] tbody tr >> nth=0")
    page.wait_for_timeout(300)
    expected = server["store"].count_events(EventFilter(country="Yemen"))
    deadline = time.monotonic() + 10
    while _visible(page) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _visible(page) == expected > 0
    countries = page.locator("[data-testid=table] tbody tr td:nth-child(6)").all_inner_texts()
    assert countries and set(countries) == {"Yemen"}
    assert "country=Yemen" in page.locator("[data-testid=export-geojson]").get_attribute("href")
    assert not page.problems


def test_serve_browser_actor_and_type_filters(page: Any, server: dict[str, Any]) -> None:
    # Actor names are suggested from /api/actors, in English and Arabic.
    options = page.locator("#actor-list option")
    assert options.count() > 5
    assert "مسلحون مجهولون" in [options.nth(i).get_attribute("value") for i in range(options.count())]
    page.fill("[data-testid=f-actor]", "مسلحون")
    page.select_option("[data-testid=f-type]", "Violence against civilians")
    expected = server["store"].count_events(EventFilter(actor="مسلحون", event_type="Violence against civilians"))
    deadline = time.monotonic() + 10
    while _visible(page) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _visible(page) == expected > 0
    types = {t.strip() for t in page.locator("[data-testid=table] tbody tr td:nth-child(2)").all_inner_texts()}
    assert types == {"عنف ضد المدنيين"}  # the Arabic label of the type
    assert not page.problems


def test_serve_browser_event_panel_highlights_evidence(page: Any, server: dict[str, Any]) -> None:
    if not (SEED / f"{SEED_NAME}.txt").is_file():
        pytest.skip("seed article not found")
    page.fill("[data-testid=f-search]", "عين الأسد")
    page.click("[data-testid=apply]")
    row = page.locator("[data-testid=table] tbody tr", has_text="قوات موالية لإيران")
    row.first.wait_for()
    row.first.click()
    text = page.locator("[data-testid=article-text]").first
    text.wait_for()
    assert text.get_attribute("dir") == "rtl"
    marks = text.locator("mark")
    assert marks.count() >= 3
    # The text is the article unchanged, and the marks cover exactly the API's evidence spans.
    article = (SEED / f"{SEED_NAME}.txt").read_text(encoding="utf-8")
    assert text.evaluate("n => n.textContent") == article
    event_id = page.evaluate("document.querySelector('[data-testid=table] tr.selected').dataset.id")
    evidence = page.request.get(f"{server['url']}api/events/{event_id}").json()["source_articles"][0]["evidence"]
    assert {"location", "event_type", "actor1"} <= {e["field"] for e in evidence}
    assert _covered(text) == {i for e in evidence for i in range(e["start"], e["end"])}
    assert "قاعدة عين الأسد" in marks.all_inner_texts()
    assert page.locator("[data-testid=figures] th", has_text="AFP").count() == 1
    marks.first.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "serve-event-panel.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    assert not page.problems and not page.outside


def test_serve_browser_hostile_article_runs_nothing(page: Any, server: dict[str, Any]) -> None:
    title = page.title()
    page.fill("[data-testid=f-search]", "الميادين")
    page.click("[data-testid=apply]")
    row = page.locator("[data-testid=table] tbody tr", has_text="<img src=x")
    row.first.wait_for()
    row.first.hover()
    row.first.click()
    text = page.locator("[data-testid=article-text]").first
    text.wait_for()
    # The markup is shown as text, highlighted where it is evidence, and never parsed.
    assert text.evaluate("n => n.textContent") == XSS_TEXT
    assert "<script>" in " ".join(text.locator("mark").all_inner_texts())
    start = XSS_TEXT.index("<script>")
    assert set(range(start, XSS_TEXT.index("</script>") + 9)) <= _covered(text)
    assert page.locator("[data-testid=panel]", has_text=XSS_ACTOR).count() == 1
    for link in page.locator("a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    page.locator("[data-testid=panel] mark").first.hover()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.title() == title
    assert page.locator("img[onerror], svg[onload], [onmouseover]").count() == 0
    assert page.locator("script").count() == 4  # the page's own
    assert not page.dialogs
    # Switching the language redraws everything from the same data, still as text.
    page.click("[data-testid=lang]")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("[data-testid=apply]").inner_text() == "Apply"
    page.locator("[data-testid=article-text]").first.wait_for()
    assert page.evaluate("window.__pwned") is None and page.title() == title
    assert not page.problems and not page.outside


@pytest.fixture(scope="module", autouse=True)
def _no_stray_artifacts() -> Iterator[None]:
    yield
    if ARTIFACTS.exists() and not any(ARTIFACTS.iterdir()):
        shutil.rmtree(ARTIFACTS, ignore_errors=True)
