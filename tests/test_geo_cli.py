"""`rasd geocode TEXT [--format table|json]`."""

from __future__ import annotations

import io
import json
import sys

import pytest

from rasd.cli import main
from rasd.errors import EXIT_INPUT


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_geo_cli_json_fields_and_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    text = "سقطت قذائف شمال بغداد، واستهدف هجوم قاعدة عين الأسد في الأنبار"
    code, out, _ = run(["geocode", "--format", "json", text], capsys)
    assert code == 0
    rows = json.loads(out)
    assert [r["name"] for r in rows] == ["Baghdad", "Ain al-Asad Air Base", "Al Anbar"]
    for r in rows:
        assert {"text", "start", "end", "name", "name_ar", "latitude", "longitude", "country", "iso3", "admin1",
                "admin2", "feature_type", "geo_precision", "candidates"} <= set(r)
        assert text[r["start"]:r["end"]] == r["text"]
    assert rows[0]["relation"] == "north_of" and rows[0]["geo_precision"] == 2
    assert rows[1]["geo_precision"] == 1 and rows[1]["admin1"] == "Al Anbar"


def test_geo_cli_table_has_header_and_rows(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["geocode", "اشتباكات في محافظة إدلب"], capsys)
    lines = out.strip().split("\n")
    assert code == 0 and lines[0].startswith("start\tend\ttext\tname")
    assert len(lines) == 2 and "Idlib" in lines[1] and "admin1" in lines[1]


def test_geo_cli_stdin_and_country_hint(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("انفجار في القنيطرة".encode())))
    code, out, _ = run(["geocode", "--format", "json", "--country", "SYR", "-"], capsys)
    assert code == 0 and json.loads(out)[0]["iso3"] == "SYR"


def test_geo_cli_bad_country_and_no_places(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["geocode", "--country", "Syria", "نص"], capsys)
    assert code == EXIT_INPUT and "--country" in err
    code, out, _ = run(["geocode", "--format", "json", "لا مكان في هذه الجملة"], capsys)
    assert code == 0 and json.loads(out) == []


def test_geo_cli_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["geocode", "--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    for word in ("--format", "table", "json", "--country", "geo_precision", "Exit codes"):
        assert word in text
