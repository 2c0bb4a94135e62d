"""rasd.ingest.read_inputs: every input format and encoding becomes the right Article records."""

from __future__ import annotations

import gzip
import io
import json
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.ingest import read_inputs
from rasd.ingest.articles import content_hash

SENTENCE = "أصيب سبعة أميركيين بقصف صاروخي استهدف أمس الاثنين قاعدة عسكرية في العراق، وفق ما أعلن مسؤول أميركي."
SECOND = "وقتل ثلاثة مدنيين في غارة جوية استهدفت سيارة قرب مدينة صعدة شمال اليمن."


def read_all(inputs, **kwargs):
    errors: list[InputError] = []
    articles = list(read_inputs([str(i) for i in inputs], on_error=errors.append, **kwargs))
    return articles, errors


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "iso-8859-6"])
def test_ingest_readers_decodes_arabic_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes((SENTENCE + "\n" + SECOND).encode(encoding))
    articles, errors = read_all([path])
    assert errors == []
    assert [a.text for a in articles] == [SENTENCE + "\n" + SECOND]
    assert articles[0].id == content_hash(SENTENCE + "\n" + SECOND)[:16]


def test_ingest_readers_txt_date_from_file_name_and_default(tmp_path: Path) -> None:
    (tmp_path / "ain-al-asad-2024-08-06.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "undated.txt").write_text(SECOND, encoding="utf-8")
    articles, _ = read_all([tmp_path], published="2024-09-01")
    by_name = {Path(a.origin).name: a for a in articles}
    assert by_name["ain-al-asad-2024-08-06.txt"].published == date(2024, 8, 6)
    assert by_name["undated.txt"].published == date(2024, 9, 1)


def test_ingest_readers_json_object_and_array(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "afp-1", "text": SENTENCE, "published": "2024-08-06T10:00:00Z",
                               "title": "هجوم على عين الأسد", "source": "AFP", "url": "https://example.org/a"}),
                   encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"content": SENTENCE, "date_extracted": "2015-07-23 19:28:17"},
                                {"html": f"<p>{SECOND}</p>", "date": "2015-07-24"}], ensure_ascii=False),
                    encoding="utf-8")
    articles, errors = read_all([one, many])
    assert errors == []
    first = articles[0]
    assert (first.id, first.published, first.title, first.source, first.url) == (
        "afp-1", date(2024, 8, 6), "هجوم على عين الأسد", "AFP", "https://example.org/a")
    assert [a.published for a in articles[1:]] == [date(2015, 7, 23), date(2015, 7, 24)]
    assert articles[2].text == SECOND


def test_ingest_readers_jsonl_reports_bad_line_and_keeps_going(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": SENTENCE}) + "\n"
        + '{"id": "b", "text": "مقتل جندي\n'          # line 2: broken JSON
        + "\n"                                          # line 3: blank, ignored
        + json.dumps(["not", "an", "object"]) + "\n"    # line 4: wrong type
        + json.dumps({"id": "c", "text": SECOND}) + "\n",
        encoding="utf-8",
    )
    articles, errors = read_all([path])
    assert [a.id for a in articles] == ["a", "c"]
    assert [e.line for e in errors] == [2, 4]
    assert str(errors[0]).startswith(f"{path}:2: malformed JSON")
    assert articles[1].origin == f"{path}:5"


def test_ingest_readers_jsonl_windows_1256_lines(tmp_path: Path) -> None:
    path = tmp_path / "legacy.jsonl"
    lines = [json.dumps({"id": str(i), "text": t}, ensure_ascii=False) for i, t in enumerate([SENTENCE, SECOND])]
    path.write_bytes("\n".join(lines).encode("cp1256"))
    articles, errors = read_all([path])
    assert errors == []
    assert [a.text for a in articles] == [SENTENCE, SECOND]


def test_ingest_readers_zip_in_saudinewsnet_layout(tmp_path: Path) -> None:
    path = tmp_path / "2015-07-23.zip"
    items = [{"source": "aawsat", "url": "http://aawsat.com/1", "date_extracted": "2015-07-23 19:28:17",
              "title": "غارة", "author": "", "content": SECOND},
             {"source": "okaz", "url": "http://okaz.com/2", "date_extracted": "2015-07-23 08:00:00",
              "title": "فارغ", "author": "", "content": ""}]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("2015-07-23.json", json.dumps(items, ensure_ascii=False))
    articles, errors = read_all([path])
    assert errors == []  # the empty article is skipped with a warning, not an error
    assert [(a.source, a.url, a.published, a.text) for a in articles] == [
        ("aawsat", "http://aawsat.com/1", date(2015, 7, 23), SECOND)]
    assert articles[0].origin == f"{path}::2015-07-23.json[0]"


def test_ingest_readers_real_saudinewsnet_zip(shared_dir: Path) -> None:
    path = shared_dir / "data" / "saudinewsnet" / "2015-07-23.zip"
    articles, errors = read_all([path])
    assert errors == []
    assert len(articles) > 1000
    assert all(a.published == date(2015, 7, 23) and a.source and a.text.strip() for a in articles)
    assert len({a.id for a in articles}) > 0.95 * len(articles)


def test_ingest_readers_gzip_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "day.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": SENTENCE}, ensure_ascii=False) + "\n")
    articles, errors = read_all([path])
    assert (errors, [a.id for a in articles]) == ([], ["g1"])


def test_ingest_readers_html_main_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    paragraphs = "".join(f"<p>{s}</p>" for s in [SENTENCE, SECOND] * 3)
    page.write_text(
        "<html><head><title>عاجل: هجوم صاروخي</title><script>var x = 'لا تقرأ';</script>"
        "<style>p{color:red}</style></head><body><article>" + paragraphs + "</article></body></html>",
        encoding="utf-8",
    )
    articles, errors = read_all([page])
    assert errors == []
    assert SENTENCE in articles[0].text and SECOND in articles[0].text
    assert "لا تقرأ" not in articles[0].text and "color" not in articles[0].text


def test_ingest_readers_directory_is_recursive_sorted_and_deterministic(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "1.txt").write_text(SECOND, encoding="utf-8")
    (tmp_path / "a" / "deep" / "2.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a" / "0.txt").write_text(SENTENCE + " " + SECOND, encoding="utf-8")
    (tmp_path / "a" / "notes.docx").write_bytes(b"PK\x03\x04 not read")
    (tmp_path / ".hidden.txt").write_text(SENTENCE, encoding="utf-8")
    first, errors = read_all([tmp_path])
    second, _ = read_all([tmp_path])
    names = [Path(a.origin).relative_to(tmp_path).as_posix() for a in first]
    assert errors == []
    assert names == ["a/0.txt", "a/deep/2.txt", "b/1.txt"]
    assert first == second


def test_ingest_readers_stdin_sniffs_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (json.dumps({"id": "s1", "text": SENTENCE}) + "\n" + json.dumps({"id": "s2", "text": SECOND}) + "\n")
    fake = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data.encode("utf-8"))), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    articles, errors = read_all(["-"])
    assert errors == [] and [a.id for a in articles] == ["s1", "s2"]


@pytest.mark.parametrize("payload", [SENTENCE.encode("utf-8"), SENTENCE.encode("cp1256")])
def test_ingest_readers_stdin_plain_text(monkeypatch: pytest.MonkeyPatch, payload: bytes) -> None:
    fake = io.TextIOWrapper(io.BufferedReader(io.BytesIO(payload)), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    articles, errors = read_all(["-"])
    assert errors == [] and [a.text for a in articles] == [SENTENCE]
    assert articles[0].origin == "<stdin>"


def test_ingest_readers_rss_feed_file(tmp_path: Path) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>وكالة الأنباء</title>'
        f"<item><guid>n-1</guid><title>هجوم</title><link>https://example.org/n-1</link>"
        f"<pubDate>Tue, 06 Aug 2024 09:00:00 GMT</pubDate><description><![CDATA[<p>{SENTENCE}</p>]]></description></item>"
        f"<item><guid>n-2</guid><title>غارة</title><link>https://example.org/n-2</link>"
        f"<description>{SECOND}</description></item></channel></rss>",
        encoding="utf-8",
    )
    articles, errors = read_all([feed])
    assert errors == []
    assert [(a.id, a.source, a.published, a.text) for a in articles] == [
        ("n-1", "وكالة الأنباء", date(2024, 8, 6), SENTENCE),
        ("n-2", "وكالة الأنباء", None, SECOND),
    ]


def test_ingest_readers_without_on_error_raises_first_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_inputs([str(tmp_path / "missing.txt")]))


def test_ingest_readers_rejects_bad_published_argument(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a date"):
        list(read_inputs([str(tmp_path)], published="قبل أسبوع تقريبا من الحرب"))
