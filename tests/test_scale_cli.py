"""`rasd extract --engine dask -o DIR` writes the same rows as `rasd extract --format parquet -o FILE`."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

from rasd.cli import main  # noqa: E402


@pytest.fixture(scope="module")
def corpus(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """25 SaudiNewsNet articles that mention an attack (read from ../shared at test time)."""
    with zipfile.ZipFile(shared_dir / "data" / "saudinewsnet" / "2015-08-02.zip") as archive:
        items = json.loads(archive.read("2015-08-02.json"))
    chosen = [it for it in items if "هجوم" in (it.get("content") or "")][:25]
    path = tmp_path_factory.mktemp("cli") / "attacks.json"
    path.write_text(json.dumps(chosen, ensure_ascii=False), encoding="utf-8")
    return path


def test_scale_cli_extract_engine_dask_matches_local_parquet(corpus: Path, tmp_path: Path) -> None:
    local = tmp_path / "local.parquet"
    assert main(["extract", str(corpus), "--format", "parquet", "-o", str(local)]) == 0
    out = tmp_path / "events"
    assert main(["extract", str(corpus), "--engine", "dask", "-o", str(out)]) == 0
    parts = sorted(out.glob("part-*.parquet"))
    assert parts
    rows = [row for part in parts for row in pq.read_table(part).to_pylist()]
    assert rows == pq.read_table(local).to_pylist()


def test_scale_cli_engine_dask_needs_output_dir(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(corpus), "--engine", "dask"]) == 2
    assert "-o DIR" in capsys.readouterr().err
