"""jsonl / json / csv / parquet: every key present, and the records come back unchanged."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_formats_samples import sample_events

from rasd.formats import FORMATS, flat_cell, write_events
from rasd.records import EVENT_KEYS, Attribution, Event, Evidence, event_from_dict, event_to_dict


def _write(events: list[Event], fmt: str) -> str:
    out = io.StringIO()
    n = write_events(iter(events), fmt, out)  # a generator is enough: jsonl/json/csv stream
    assert n == len(events)
    return out.getvalue()


def test_formats_jsonl_round_trip() -> None:
    events = sample_events()
    lines = _write(events, "jsonl").splitlines()
    assert len(lines) == len(events)
    for line, event in zip(lines, events, strict=True):
        data = json.loads(line)
        assert tuple(data) == EVENT_KEYS
        assert event_from_dict(data) == event


def test_formats_jsonl_keeps_arabic_unescaped_and_nulls() -> None:
    text = _write(sample_events(), "jsonl")
    assert "قاعدة عين الأسد" in text
    assert "\\u0642" not in text
    protest = json.loads(text.splitlines()[2])
    assert protest["actor1"] is None and protest["event_date"] is None and protest["latitude"] is None
    assert protest["claimed_by"] == [] and protest["background"] is False


def test_formats_json_is_one_array() -> None:
    events = sample_events()
    data = json.loads(_write(events, "json"))
    assert isinstance(data, list)
    assert [event_from_dict(d) for d in data] == events
    assert json.loads(_write([], "json")) == []


def test_formats_csv_flat_columns() -> None:
    events = sample_events()
    rows = list(csv.DictReader(io.StringIO(_write(events, "csv"))))
    assert len(rows) == len(events)
    assert tuple(rows[0]) == EVENT_KEYS
    attack = rows[0]
    assert attack["claimed_by"] == "Al-Thawriyoun (Islamic Resistance in Iraq)"
    assert attack["background"] == "false"
    assert attack["injuries"] == "7"
    evidence = json.loads(attack["evidence"])
    assert evidence[2] == {"field": "actor1_ar", "start": evidence[2]["start"], "end": evidence[2]["end"],
                           "text": "قوات موالية لإيران", "rule": "test"}
    assert json.loads(attack["attributed_to"]) == [{"actor": "Pro-Iran militia", "by": "US Department of Defense"}]
    assert rows[2]["actor1"] == "" and rows[2]["actor1_ar"] == "المئات"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (["rocket", "drone"], "rocket; drone"),
        ([], ""),
        ([{"actor": "X", "by": None}], '[{"actor": "X", "by": null}]'),
        (33.8, "33.8"),
        ("قاعدة", "قاعدة"),
    ],
)
def test_formats_flat_cell(value: object, cell: str) -> None:
    assert flat_cell(value) == cell


def test_formats_parquet_round_trip(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    events = sample_events()
    path = tmp_path / "events.parquet"
    assert write_events(iter(events), "parquet", path) == len(events)
    table = pq.read_table(path)
    assert tuple(table.column_names) == EVENT_KEYS
    back = []
    for row in table.to_pylist():
        row["event_date"] = row["event_date"].isoformat() if row["event_date"] else None
        for s in row["sources"]:
            s["published"] = s["published"].isoformat() if s["published"] else None
        back.append(event_from_dict(row))
    assert back == events


def test_formats_parquet_empty(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "none.parquet"
    assert write_events([], "parquet", path) == 0
    assert pq.read_table(path).num_rows == 0


def test_formats_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        write_events([], "xml", io.StringIO())


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "parquet"])
def test_formats_write_to_path(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"out.{fmt}"
    assert write_events(sample_events(), fmt, path) == 4
    assert path.read_text("utf-8").strip()


_arabic = st.text(alphabet=st.characters(min_codepoint=0x0621, max_codepoint=0x064A), min_size=1, max_size=20)
_opt_text = st.none() | _arabic | st.text(max_size=20)
_opt_int = st.none() | st.integers(min_value=0, max_value=10_000)


@st.composite
def events(draw: st.DrawFn) -> Event:
    start = draw(st.integers(0, 5000))
    fragment = draw(_arabic)
    return Event(
        event_id=draw(st.text(min_size=1, max_size=16)),
        article_id=draw(_opt_text),
        event_date=draw(st.none() | st.dates(min_value=date(1997, 1, 1), max_value=date(2030, 12, 31))),
        time_precision=draw(st.none() | st.integers(1, 3)),
        event_type=draw(st.sampled_from(["Battles", "Protests", "Riots", "Violence against civilians"])),
        sub_event_type=draw(st.text(max_size=30)),
        actor1=draw(_opt_text),
        actor1_ar=draw(st.none() | _arabic),
        inter1=draw(st.none() | st.integers(1, 8)),
        actor2=draw(_opt_text),
        inter2=draw(st.none() | st.integers(1, 8)),
        claimed_by=tuple(draw(st.lists(_arabic, max_size=3))),
        attributed_to=tuple(
            Attribution(actor=a, by=b) for a, b in draw(st.lists(st.tuples(_arabic, _opt_text), max_size=2))
        ),
        latitude=draw(st.none() | st.floats(-90, 90)),
        longitude=draw(st.none() | st.floats(-180, 180)),
        fatalities=draw(_opt_int),
        injuries=draw(_opt_int),
        weapons=tuple(draw(st.lists(st.text(max_size=10), max_size=3))),
        background=draw(st.booleans()),
        notes=draw(_opt_text),
        evidence=(Evidence("event_type", start, start + len(fragment), fragment, "p"),),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(events(), max_size=4))
def test_formats_jsonl_round_trip_property(batch: list[Event]) -> None:
    lines = _write(batch, "jsonl").splitlines()
    assert [event_from_dict(json.loads(line)) for line in lines] == batch
    assert all(tuple(json.loads(line)) == EVENT_KEYS for line in lines)


@settings(max_examples=40, deadline=None)
@given(st.lists(events(), max_size=4))
def test_formats_csv_row_per_event_property(batch: list[Event]) -> None:
    rows = list(csv.DictReader(io.StringIO(_write(batch, "csv"))))
    assert len(rows) == len(batch)
    for row, event in zip(rows, batch, strict=True):
        d = event_to_dict(event)
        assert row["event_id"] == d["event_id"]
        assert json.loads(row["evidence"]) == d["evidence"]
        assert row["notes"] == (d["notes"] or "")
