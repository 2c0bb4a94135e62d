"""`rasd extract`: inputs (txt, stdin, json, jsonl), every output format, -o, errors and exit codes.

Most tests swap in a small stand-in pipeline that codes the first clause of each article as one
event, so that every format is exercised with real records whatever the extractor finds today; the
tests marked "real pipeline" run the actual extractor and check only the record structure (the
golden test on the seed article belongs to the extractor's tests).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import rasd.pipeline
from rasd.cli import main
from rasd.errors import EXIT_INPUT, EXIT_PARTIAL, EXIT_USAGE
from rasd.formats import ACLED_COLUMNS, FORMATS
from rasd.pipeline import Settings
from rasd.records import EVENT_KEYS, Article, Event, Evidence, event_from_dict

ARTICLE_1 = "أصيب سبعة أميركيين بقصف صاروخي استهدف أمس الاثنين قاعدة عين الأسد في العراق، وفق مسؤول أميركي."
ARTICLE_2 = "قتل ثلاثة مدنيين برصاص مسلحين مجهولين في ريف درعا الغربي، بحسب المرصد السوري لحقوق الإنسان."


class ClausePipeline:
    """Stand-in pipeline: one event per article for its first clause, plus one background event."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def extract(self, article: Article) -> list[Event]:
        end = article.text.index("،") if "،" in article.text else len(article.text)
        clause = article.text[:end]
        news = Event(
            event_id=f"{article.id}-1",
            article_id=article.id,
            event_date=article.published,
            time_precision=1,
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
            country="Iraq",
            iso3="IRQ",
            latitude=33.8,
            longitude=42.44,
            evidence=(Evidence("event_type", 0, end, clause, "stand-in"),),
        )
        context = news.replace(event_id=f"{article.id}-bg", background=True, latitude=None, longitude=None)
        return [news, context]


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rasd.pipeline, "default_pipeline", lambda: ClausePipeline())
    monkeypatch.setattr(rasd.pipeline, "Pipeline", ClausePipeline)


@pytest.fixture
def txt(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE_1, "utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["extract", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def jsonl(out: str) -> list[dict]:
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    for record in records:
        assert tuple(record) == EVENT_KEYS
    return records


def test_cli_extract_txt_to_jsonl(stand_in: None, txt: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(txt), "--published", "2024-08-06")
    assert code == 0 and err == ""
    records = jsonl(out)
    assert len(records) == 2
    news = event_from_dict(records[0])
    assert news.event_date is not None and news.event_date.isoformat() == "2024-08-06"
    item = news.evidence[0]
    assert ARTICLE_1[item.start : item.end] == item.text == "أصيب سبعة أميركيين بقصف صاروخي استهدف أمس الاثنين قاعدة عين الأسد في العراق"


def test_cli_extract_no_background(stand_in: None, txt: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(txt), "--no-background", "--published", "2024-08-06")
    assert code == 0
    assert [r["background"] for r in jsonl(out)] == [False]


def _stdin(monkeypatch: pytest.MonkeyPatch, data: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data.encode("utf-8")))))


def test_cli_extract_stdin(stand_in: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, ARTICLE_2)
    code, out, _ = run(capsys, "-", "--published", "2024-03-03", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [d["event_date"] for d in data] == ["2024-03-03", "2024-03-03"]
    assert data[0]["evidence"][0]["text"].startswith("قتل ثلاثة مدنيين")


def test_cli_extract_jsonl_and_json_inputs(stand_in: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = tmp_path / "articles.jsonl"
    lines.write_text(
        "\n".join(
            json.dumps(a, ensure_ascii=False)
            for a in (
                {"id": "a1", "text": ARTICLE_1, "published": "2024-08-06", "source": "AFP"},
                {"id": "a2", "text": ARTICLE_2, "published": "2024-03-03"},
            )
        ),
        "utf-8",
    )
    array = tmp_path / "articles.json"
    array.write_text(json.dumps([{"id": "b1", "text": ARTICLE_2}], ensure_ascii=False), "utf-8")
    code, out, _ = run(capsys, str(lines), str(array), "--published", "2024-01-01", "--no-background")
    assert code == 0
    records = jsonl(out)
    assert [(r["article_id"], r["event_date"]) for r in records] == [
        ("a1", "2024-08-06"),
        ("a2", "2024-03-03"),
        ("b1", "2024-01-01"),  # no date of its own: --published applies
    ]


def test_cli_extract_output_file(stand_in: None, txt: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "events.csv"
    code, out, _ = run(capsys, str(txt), "--published", "2024-08-06", "--format", "csv", "-o", str(target))
    assert code == 0 and out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
    assert len(rows) == 2 and tuple(rows[0]) == EVENT_KEYS


def _check(fmt: str, text: str, path: Path) -> int:
    """Parse one output and return how many events it holds."""
    if fmt == "jsonl":
        return len(jsonl(text))
    if fmt == "json":
        return len(json.loads(text))
    if fmt in ("csv", "acled-csv"):
        reader = csv.DictReader(io.StringIO(text))
        rows = list(reader)
        expected = EVENT_KEYS if fmt == "csv" else ACLED_COLUMNS
        assert tuple(reader.fieldnames or ())[: len(expected)] == expected
        return len(rows)
    if fmt == "geojson":
        fc = json.loads(text)
        assert fc["type"] == "FeatureCollection"
        return len(fc["features"])
    if fmt == "table":
        lines = text.splitlines()
        assert lines[0].startswith("DATE")
        return len(lines) - 3
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        assert tuple(table.column_names) == EVENT_KEYS
        return table.num_rows
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_extract_every_format(
    stand_in: None, fmt: str, txt: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"events.{fmt}"
    code, _, err = run(capsys, str(txt), "--published", "2024-08-06", "--format", fmt, "-o", str(target))
    assert code == 0, err
    text = "" if fmt == "parquet" else target.read_text("utf-8")
    assert _check(fmt, text, target) == 2


def test_cli_extract_partial_failure(stand_in: None, txt: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, str(missing), str(txt), "--published", "2024-08-06")
    assert code == EXIT_PARTIAL
    assert len(jsonl(out)) == 2
    assert err.splitlines() == [f"rasd: error: {missing}: no such file or directory"]


def test_cli_extract_every_input_failed(stand_in: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", "utf-8")
    code, out, err = run(capsys, str(tmp_path / "nope.txt"), str(empty))
    assert code == EXIT_INPUT and out == ""
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("rasd: error: ") for line in lines)


def test_cli_extract_bad_jsonl_line_is_partial(stand_in: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": ARTICLE_1}, ensure_ascii=False) + "\n{not json\n", "utf-8")
    code, out, err = run(capsys, str(path), "--published", "2024-08-06", "--no-background")
    assert code == EXIT_PARTIAL
    assert [r["article_id"] for r in jsonl(out)] == ["ok"]
    assert err.startswith(f"rasd: error: {path}:2: malformed JSON")


@pytest.mark.parametrize(
    "argv",
    [
        ["x.txt", "--published", "06/08/2024"],
        ["x.txt", "--format", "xml"],
        ["x.txt", "--max-chars", "0"],
        ["x.txt", "--engine", "spark"],
    ],
)
def test_cli_extract_bad_arguments(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", *argv])
    assert exit_info.value.code == EXIT_USAGE
    assert "rasd extract: error:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "parquet"], "--format parquet needs -o FILE"),
        (["--engine", "dask"], "--engine dask writes parquet files: give -o DIR"),
        (["--engine", "dask", "-o", "out", "--format", "csv"], "--format csv is for --engine local"),
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
    ],
)
def test_cli_extract_incompatible_options(
    txt: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, str(txt), *argv)
    assert code == EXIT_USAGE and out == ""
    assert err.strip().startswith("rasd: error:") and message in err


# --- the real pipeline --------------------------------------------------------------------------


def test_cli_extract_real_pipeline_seed_article(seed_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(seed_dir / "ain-al-asad-2024-08-06.txt"), "--published", "2024-08-06", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert isinstance(data, list)
    for record in data:
        assert tuple(record) == EVENT_KEYS


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "parquet"])
def test_cli_extract_real_pipeline_structure(
    fmt: str, txt: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, str(txt), "--published", "2024-08-06", "--format", fmt)
    assert code == 0, err
    # A plain report of a rocket attack: at least one event, whatever else the extractor finds.
    assert _check(fmt, out, tmp_path) >= 1


def test_cli_extract_real_pipeline_evidence_points_into_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "two.txt"
    text = ARTICLE_1 + "\n" + ARTICLE_2
    path.write_text(text, "utf-8")
    code, out, err = run(capsys, str(path), "--published", "2024-08-06")
    assert code == 0, err
    records = jsonl(out)
    assert records
    for record in records:
        for item in record["evidence"]:
            assert text[item["start"] : item["end"]] == item["text"]


def test_cli_extract_warns_once_without_publication_date(tmp_path: Path) -> None:
    """Undated input and no --published: exactly one warning line on stderr, and success."""
    (tmp_path / "one.txt").write_text(ARTICLE_1, "utf-8")
    (tmp_path / "two.txt").write_text(ARTICLE_2, "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "rasd", "extract", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    jsonl(proc.stdout)
    warnings = [line for line in proc.stderr.splitlines() if "publication date" in line]
    assert len(warnings) == 1
    assert "precision" in warnings[0]


def test_cli_extract_dask_engine_calls_the_runner(
    txt: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import types
    from datetime import date

    calls = []

    class Summary:
        articles = 2

        def __str__(self) -> str:
            return "2 articles, 4 events"

    def extract_to_parquet(inputs, out_dir, *, scheduler=None, published=None, max_chars=None, on_error=None):  # type: ignore[no-untyped-def]
        calls.append((list(inputs), out_dir, scheduler, published))
        assert max_chars and callable(on_error)
        return Summary()

    fake = types.ModuleType("rasd.scale.dask_runner")
    fake.extract_to_parquet = extract_to_parquet  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "rasd.scale.dask_runner", fake)
    out_dir = str(tmp_path / "events")
    code, out, err = run(
        capsys, str(txt), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786", "-o", out_dir,
        "--published", "2024-08-06",
    )
    assert code == 0 and out == ""
    assert calls == [([str(txt)], out_dir, "tcp://127.0.0.1:8786", date(2024, 8, 6))]
    assert "2 articles, 4 events" in err


def test_cli_extract_empty_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")  # not an input kind: skipped in directories
    code, out, err = run(capsys, str(tmp_path), "--published", "2024-08-06")
    assert code == EXIT_INPUT and out == ""
    assert err == f"rasd: error: no article found in {tmp_path}\n"


def test_cli_extract_only_network_failures_exit_4(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rasd.errors import EXIT_NETWORK, InputError

    class Unreachable(InputError):
        exit_code = EXIT_NETWORK

    def read_inputs(inputs, *, on_error, **kw):  # type: ignore[no-untyped-def]
        for spec in inputs:
            on_error(Unreachable(spec, "cannot reach after 3 tries"))
        return iter(())

    import rasd.cli.extract as command

    monkeypatch.setattr(command, "_read_inputs", read_inputs)
    code, out, err = run(capsys, "https://example.org/feed.xml", "https://example.org/a.html")
    assert code == EXIT_NETWORK and out == ""
    assert len(err.splitlines()) == 2
