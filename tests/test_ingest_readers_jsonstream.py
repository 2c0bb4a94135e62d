"""Top-level JSON arrays are read item by item: same items as json.loads, flat memory, clear errors."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.errors import InputError
from rasd.ingest import jsonstream, read_inputs
from rasd.ingest.jsonstream import iter_json_array

SENTENCE = "شنت طائرات التحالف غارات على مواقع للحوثيين في محافظة صعدة، وأفاد سكان بسقوط قتلى."

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from(list("قتل غارة \"\\\n{}[],:0123456789e.-abc")), max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(items=st.lists(json_values, max_size=8), chunk=st.integers(1, 40), indent=st.sampled_from([None, 1]),
       encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_ingest_readers_jsonstream_matches_json_loads(items: list, chunk: int, indent: int | None, encoding: str) -> None:
    data = json.dumps(items, ensure_ascii=False, indent=indent).encode(encoding)
    old = jsonstream.CHUNK_BYTES
    jsonstream.CHUNK_BYTES = chunk  # tiny windows: every item and number straddles a boundary
    try:
        got = [value for _, _, value in iter_json_array(io.BytesIO(data), encoding, "<test>")]
    finally:
        jsonstream.CHUNK_BYTES = old
    assert got == items


@pytest.mark.parametrize(
    ("text", "message", "good_items"),
    [
        ('[{"text": "a"}, {"text": "b" "c"}]', "malformed JSON: Expecting ',' delimiter", 1),
        ('[{"text": "a"}\n\n{"text": "b"}]', "malformed JSON: expected ',' or ']' after item 0", 1),
        ('[{"text": "a"},', "malformed JSON: unexpected end of input", 1),
        ('[{"text": "a"}] trailing', "malformed JSON: extra data after the array", 1),
        ('[{"text": "a", ', "malformed JSON: Expecting property name", 0),
    ],
)
def test_ingest_readers_jsonstream_malformed(text: str, message: str, good_items: int) -> None:
    got: list = []
    with pytest.raises(InputError, match=message):
        for item in iter_json_array(io.BytesIO(text.encode()), "utf-8", "<test>"):
            got.append(item)
    assert len(got) == good_items


def test_ingest_readers_jsonstream_error_has_line_and_earlier_articles_kept(tmp_path: Path) -> None:
    path = tmp_path / "day.json"
    good = json.dumps({"id": "1", "text": SENTENCE}, ensure_ascii=False)
    second = good.replace('"1"', '"2"')
    path.write_text(f"[\n{good},\n{second},\n{{\"id\": \"3\", \"text\": oops}}\n]", encoding="utf-8")
    errors: list[InputError] = []
    articles = list(read_inputs([str(path)], on_error=errors.append))
    assert [a.id for a in articles] == ["1", "2"]
    assert [(e.line, "malformed JSON: Expecting value" in str(e)) for e in errors] == [(4, True)]


def test_ingest_readers_big_json_array_memory_flat(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("[")
        for i in range(6000):
            fh.write(("," if i else "") + json.dumps({"id": str(i), "content": SENTENCE * 30}, ensure_ascii=False))
        fh.write("]")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_inputs([str(path)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 6000
    assert size > 25_000_000 and peak < 10_000_000, f"peak {peak} bytes for a {size}-byte array"
