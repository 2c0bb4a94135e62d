"""`rasd ingest`, `rasd events` and `rasd stats` from the command line, on both backends."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from test_store_support import (  # noqa: F401 - fixtures
    incident_corpus,
    pg_url,
    store_url,
    write_jsonl,
)

from rasd.cli import build_parser, main
from rasd.store import EventFilter, open_store
from rasd.store.schema import SCHEMA_VERSION

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "ain-al-asad-2024-08-06.txt"


@pytest.fixture
def filled(store_url):  # noqa: F811
    """A database holding the incident corpus, ingested through the library with known events."""
    articles, extractor = incident_corpus(8)
    with open_store(store_url) as store:
        store.ingest(articles, extractor=extractor)
    return store_url


def test_cli_ingest_twice_adds_nothing(store_url, tmp_path: Path, capsys) -> None:  # noqa: F811
    articles, _ = incident_corpus(4)
    src = write_jsonl(tmp_path / "in.jsonl", articles)
    assert main(["ingest", str(src), "--db", store_url, "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert f"{len(articles)} articles read: {len(articles)} new, 0 already stored" in err
    assert "articles/s" in err
    assert main(["ingest", str(src), "--db", store_url, "--no-progress"]) == 0
    assert f"{len(articles)} articles read: 0 new, {len(articles)} already stored" in capsys.readouterr().err
    with open_store(store_url) as store:
        assert store.stats()["articles"] == len(articles)


def test_cli_ingest_reads_a_zip_of_json_arrays(tmp_path: Path, capsys) -> None:
    """The SaudiNewsNet layout: a zip holding one JSON array of {source, url, date_extracted, title, content}."""
    articles, _ = incident_corpus(3)
    rows = [{"source": a.source, "url": f"http://example.org/{a.id}", "date_extracted": f"{a.published} 10:00:00",
             "title": a.title, "author": "", "content": a.text} for a in articles]
    zpath = tmp_path / "2015-07-20.zip"
    with zipfile.ZipFile(zpath, "w") as z:
        z.writestr("2015-07-20.json", json.dumps(rows, ensure_ascii=False))
    db = tmp_path / "z.db"
    assert main(["ingest", str(zpath), "--db", str(db), "--no-progress"]) == 0
    with open_store(db) as store:
        stored = store.list_articles(limit=100)
        assert len(stored) == len(articles)
        assert {a.source for a in stored} == {"aawsat", "okaz", "alyaum", "alriyadh"} & {a.source for a in articles}
        assert {a.published for a in stored} == {date(2015, 7, 20)}


def test_cli_ingest_partial_failure_exit_code(tmp_path: Path, capsys) -> None:
    articles, _ = incident_corpus(2)
    src = write_jsonl(tmp_path / "in.jsonl", articles)
    code = main(["ingest", str(src), str(tmp_path / "missing.jsonl"), "--db", str(tmp_path / "p.db"), "--no-progress"])
    assert code == 6
    assert "missing.jsonl" in capsys.readouterr().err


def test_cli_ingest_through_the_pipeline_keeps_structure(tmp_path: Path) -> None:
    """End to end with the real extractor: only structural facts, whatever it finds."""
    db = tmp_path / "seed.db"
    assert main(["ingest", str(SEED), "--db", str(db), "--published", "2024-08-06", "--no-progress"]) == 0
    with open_store(db) as store:
        (article,) = store.list_articles()
        assert article.published == date(2024, 8, 6)
        events = store.query_events(EventFilter(), limit=1000)
        stats = store.stats()
        assert stats["articles"] == 1 and stats["events"] == stats["reports"] == len(events)
        for ev in events:  # one article: nothing merges, every event is its own report
            assert [s.article_id for s in ev.sources] == [article.id]
            assert ev.article_id == article.id
            assert store.get_event(ev.event_id) == ev
            for span in ev.evidence:
                assert article.text[span.start:span.end] == span.text
    assert main(["ingest", str(SEED), "--db", str(db), "--published", "2024-08-06", "--no-progress"]) == 0
    with open_store(db) as store:
        assert store.stats()["events"] == len(events)


@pytest.mark.parametrize("fmt", ["jsonl", "acled-csv", "geojson", "table", "json", "csv"])
def test_cli_events_formats(filled: str, fmt: str, capsys) -> None:
    assert main(["events", "--db", filled, "--format", fmt, "--country", "Iraq"]) == 0
    out = capsys.readouterr().out
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
        assert len(rows) == 8
        assert all(len(r["sources"]) >= 2 and "; " in r["source"] for r in rows)
        assert all(r["fatalities_low"] <= r["fatalities"] <= r["fatalities_high"] for r in rows)
    elif fmt == "acled-csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == 8 and rows[0]["country"] == "Iraq"
    elif fmt == "geojson":
        data = json.loads(out)
        assert data["type"] == "FeatureCollection" and len(data["features"]) == 8
    elif fmt == "json":
        assert len(json.loads(out)) == 8
    else:
        assert "Iraq" in out or "IRQ" in out


def test_cli_events_parquet_and_filters(filled: str, tmp_path: Path, capsys) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "e.parquet"
    assert main(["events", "--db", filled, "--format", "parquet", "-o", str(out), "--search", "بالرمادي"]) == 0
    assert pq.read_table(out).num_rows == 2
    assert main(["events", "--db", filled, "--format", "parquet"]) == 2
    capsys.readouterr()
    assert main(["events", "--db", filled, "--since", "2015-07-21", "--limit", "1"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1 and rows[0]["event_date"] >= "2015-07-21"
    assert main(["events", "--db", filled, "--since", "2015-07-22", "--until", "2015-07-20"]) == 2


def test_cli_stats(filled: str, capsys) -> None:
    assert main(["stats", "--db", filled, "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["events"] == 8 and stats["by_type"] == {"Explosions/Remote violence": 8}
    assert main(["stats", "--db", filled]) == 0
    table = capsys.readouterr().out
    assert "events by country:" in table and "Iraq" in table and "events by month:" in table


@pytest.mark.parametrize("command", [["ingest", "x.jsonl"], ["events"], ["stats"]])
def test_cli_newer_schema_exits_5(tmp_path: Path, command: list[str], capsys) -> None:
    db = tmp_path / "new.db"
    store = open_store(db)
    with store._tx():
        store._x("UPDATE rasd_meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 3),))
    store.close()
    assert main([*command, "--db", str(db)]) == 5
    assert "newer than this rasd supports" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("ingest", ["--db", "--batch-size", "RASD_DB", "WAL", "postgresql://"]),
        ("events", ["--search", "--format", "acled-csv", "--no-background", "بالأنبار"]),
        ("stats", ["--db", "country"]),
        ("watch", ["--every", "--cycles", "ETag"]),
    ],
)
def test_cli_help_is_documented(command: str, words: list[str]) -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    text = sub.choices[command].format_help()  # type: ignore[attr-defined]
    for word in words:
        assert word in text, word
