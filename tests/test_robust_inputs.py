"""Bad input never raises a traceback: each problem is one InputError naming the file, and the rest is read."""

from __future__ import annotations

import json
import logging
import os
import tracemalloc
from pathlib import Path

import pytest

from rasd.errors import EXIT_INPUT, InputError
from rasd.ingest import read_inputs

SENTENCE = "أعلنت وزارة الصحة مقتل خمسة أشخاص وإصابة عشرين آخرين في انفجار سيارة مفخخة وسط بغداد مساء الأحد."


def read_all(inputs, **kwargs):
    errors: list[InputError] = []
    articles = list(read_inputs([str(i) for i in inputs], on_error=errors.append, **kwargs))
    return articles, errors


BAD_FILES = {
    "empty.txt": (b"", "empty input"),
    "blank.txt": (b"  \n\r\n\t ", "empty input"),
    "nul.txt": (b"\x00" * 64, "empty input"),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + os.urandom(256), "binary file (PNG image)"),
    "doc.json": (b"%PDF-1.7\n" + os.urandom(256), "binary file (PDF document)"),
    "noise.txt": (bytes(range(256)) * 8, "binary file"),
    "broken-utf8.txt": (SENTENCE.encode()[:40] + b"\xff\xfe\xfd" + SENTENCE.encode()[40:], "invalid UTF-8 at byte 39"),
    "high-noise.txt": (bytes((i * 37) % 128 + 128 for i in range(4000)), "undecodable bytes"),
    "bad.json": (b'{"text": "\xd9\x82\xd8\xaa\xd9\x84", ', "malformed JSON"),
    "deep.json": (b"[" * 100_000 + b"]" * 100_000, "malformed JSON"),
    "scalar.json": (b"42", "expected an article object, got int"),
    "notext.json": (json.dumps({"title": "عنوان بلا نص"}).encode(), "article has no text"),
    "lines.jsonl": (b"\n\n\n", "empty input"),
    "broken.zip": (b"PK\x03\x04" + b"\x00" * 64, "cannot read"),
    "broken.jsonl.gz": (b"\x1f\x8b\x08\x00garbage", "cannot read"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_robust_bad_file_is_one_error_naming_it(tmp_path: Path, name: str) -> None:
    data, message = BAD_FILES[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    articles, errors = read_all([bad, good])
    assert [a.text for a in articles] == [SENTENCE]      # the next input is still read
    assert len(errors) == 1
    assert errors[0].exit_code == EXIT_INPUT
    assert str(errors[0]).startswith(str(bad))
    assert message in str(errors[0])
    assert "\n" not in str(errors[0])


def test_robust_missing_file_and_directory_entry(tmp_path: Path) -> None:
    articles, errors = read_all([tmp_path / "nope.txt", tmp_path / "nope-dir" / "x.jsonl"])
    assert articles == []
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'nope.txt'}: no such file or directory",
        f"{tmp_path / 'nope-dir' / 'x.jsonl'}: no such file or directory",
    ]


def test_robust_non_arabic_text_processed_with_note(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "english.txt"
    path.write_text("Five people were killed in a car bomb explosion in central Baghdad.", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="rasd.ingest"):
        articles, errors = read_all([path], published="2024-08-06")
    assert errors == [] and len(articles) == 1
    assert any("no Arabic text" in r.getMessage() and str(path) in r.getMessage() for r in caplog.records)


def test_robust_oversize_article_truncated_with_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "long.txt"
    path.write_text((SENTENCE + "\n") * 400, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="rasd.ingest"):
        articles, errors = read_all([path], max_chars=1000)
    assert errors == []
    text = articles[0].text
    assert 800 <= len(text) <= 1000
    assert ((SENTENCE + "\n") * 400).startswith(text)
    assert not text[-1].isspace() and (SENTENCE + "\n") * 400 != text
    assert any("truncated" in r.getMessage() for r in caplog.records)


def test_robust_undated_warning_given_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(SENTENCE + f" رقم {i}", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="rasd.ingest"):
        articles, _ = read_all([tmp_path])
    assert [a.published for a in articles] == [None, None, None]
    assert sum("no publication date" in r.getMessage() for r in caplog.records) == 1


def test_robust_jsonl_oversize_line_skipped_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "big-line.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "before", "text": SENTENCE}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"id": "huge", "text": "قصف " * 600_000}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"id": "after", "text": SENTENCE}, ensure_ascii=False) + "\n")
    articles, errors = read_all([path], max_chars=10_000)
    assert [a.id for a in articles] == ["before", "after"]
    assert [(e.line, "longer than" in str(e)) for e in errors] == [(2, True)]


def test_robust_huge_jsonl_is_streamed_with_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    line = json.dumps({"text": SENTENCE * 20}, ensure_ascii=False)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(8000):
            fh.write(line[:-1] + f', "id": "{i}"}}\n')
    size = path.stat().st_size
    assert size > 25_000_000
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_inputs([str(path)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 8000
    assert peak < size / 10, f"peak {peak} bytes for a {size}-byte file"


def test_robust_huge_text_file_read_only_up_to_max_chars(tmp_path: Path) -> None:
    path = tmp_path / "transcript.txt"
    path.write_text((SENTENCE + " ") * 200_000, encoding="utf-8")  # ~36 MB
    tracemalloc.start()
    try:
        articles = list(read_inputs([str(path)], max_chars=50_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(articles[0].text) <= 50_000
    assert peak < 5_000_000


def test_robust_utf16_jsonl_with_lone_surrogate(tmp_path: Path) -> None:
    """Found by fuzz/fuzz_readers.py: an unpaired UTF-16 surrogate escaped as UnicodeDecodeError."""
    path = tmp_path / "wide.jsonl"
    first = (json.dumps({"id": "w1", "text": SENTENCE}, ensure_ascii=False) + "\n").encode("utf-16-le")
    broken = '{"id": "w2", "text": "'.encode("utf-16-le") + b"\x00\xdd" + '"}\n'.encode("utf-16-le")
    path.write_bytes(b"\xff\xfe" + first + broken)
    articles, errors = read_all([path])
    assert [a.id for a in articles] == ["w1"]
    assert len(errors) == 1 and errors[0].line == 2 and "undecodable bytes" in str(errors[0])


def test_robust_json_lone_surrogate_escape_replaced(tmp_path: Path) -> None:
    """JSON may escape a lone surrogate (\\ud800); it must not reach UTF-8 output as one."""
    path = tmp_path / "surrogate.jsonl"
    path.write_text('{"id": "s", "title": "\\udc00", "text": "قتل جندي \\ud800 في هجوم"}\n', encoding="utf-8")
    articles, errors = read_all([path])
    assert errors == []
    assert articles[0].text == "قتل جندي \ufffd في هجوم" and articles[0].title == "\ufffd"
    articles[0].text.encode("utf-8")


@pytest.mark.parametrize("name", ["day.zip", "day.jsonl.gz"])
def test_robust_corrupt_compressed_data_reported(tmp_path: Path, name: str) -> None:
    """Bit rot inside a compressed stream (zlib.error, not OSError) is one error, not a traceback."""
    import gzip
    import zipfile

    items = [{"id": str(i), "content": SENTENCE * 40} for i in range(30)]
    path = tmp_path / name
    if name.endswith(".zip"):
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("day.json", json.dumps(items, ensure_ascii=False))
    else:
        path.write_bytes(gzip.compress("".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items).encode()))
    data = bytearray(path.read_bytes())
    for i in range(120, 320):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    articles, errors = read_all([path, good])
    assert articles[-1].text == SENTENCE
    assert len(errors) == 1 and str(errors[0]).startswith(str(path)) and "cannot read" in str(errors[0])
