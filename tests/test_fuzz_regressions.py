"""Inputs the fuzzers once crashed on stay fixed.

``fuzz/corpus/regressions/`` holds reader crashes (fixed; replayed by ``fuzz_readers.py`` in
tests/test_fuzz_harnesses.py too). ``fuzz/crashes/*.txt`` holds extractor crashes as UTF-8 text:
each must code without an exception and with evidence spans that point at the text. Crashes not yet
fixed are listed in OPEN and expected to fail until their stage is fixed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.ingest.articles import make_article
from rasd.ingest.readers import _Reader
from rasd.pipeline import default_pipeline

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"
OPEN: dict[str, str] = {}


@pytest.mark.parametrize("path", sorted((FUZZ / "crashes").glob("*.txt")), ids=lambda p: p.name)
def test_fuzz_regressions_extractor(path: Path, request: pytest.FixtureRequest) -> None:
    if path.name in OPEN:
        request.applymarker(pytest.mark.xfail(reason=OPEN[path.name], strict=False))
    text = path.read_text(encoding="utf-8")
    for event in default_pipeline().extract(make_article(text, published="2024-08-06")):
        for ev in event.evidence:
            assert text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize("path", sorted((FUZZ / "corpus" / "regressions").iterdir()), ids=lambda p: p.name)
@pytest.mark.parametrize("kind", [None, "json", "jsonl", "html", "feed", "text", "zip", "gz"])
def test_fuzz_regressions_readers(path: Path, kind: str | None, tmp_path: Path) -> None:
    errors: list[InputError] = []
    reader = _Reader(None, errors.append, max_chars=5_000)
    data = path.read_bytes()
    origin = str(path)
    if kind in ("zip", "gz"):  # through a file, as archives are read
        origin = str(tmp_path / ("input.zip" if kind == "zip" else "input.jsonl.gz"))
        Path(origin).write_bytes(data)
        articles = reader.read_file(Path(origin), "zip" if kind == "zip" else "jsonl")
    else:
        articles = reader.read_stream(io.BytesIO(data), origin, kind)
    try:
        for article in articles:
            article.text.encode("utf-8")
    except InputError as err:
        errors.append(err)
    assert all(str(e).startswith(origin) and "\n" not in str(e) for e in errors)
