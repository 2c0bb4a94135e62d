"""The Dask runner on a real distributed.LocalCluster with 2 workers gives exactly the single-process events."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

from rasd.formats import write_events  # noqa: E402
from rasd.ingest import read_inputs  # noqa: E402
from rasd.pipeline import default_pipeline  # noqa: E402
from rasd.scale.dask_runner import ScaleSummary, extract_to_parquet  # noqa: E402

CONFLICT_WORDS = ("قتل", "غارة", "هجوم", "انفجار", "قصف", "مسلح")


@pytest.fixture(scope="module")
def corpus(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 conflict-laden SaudiNewsNet articles (read from ../shared at test time) as a JSONL file."""
    with zipfile.ZipFile(shared_dir / "data" / "saudinewsnet" / "2015-07-21.zip") as archive:
        items = json.loads(archive.read("2015-07-21.json"))
    chosen = [it for it in items if sum(w in (it.get("content") or "") for w in CONFLICT_WORDS) >= 3][:40]
    assert len(chosen) == 40
    path = tmp_path_factory.mktemp("corpus") / "sample.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for item in chosen:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def local_rows(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    pipeline = default_pipeline()
    events = [e for a in read_inputs([str(corpus)]) for e in pipeline.extract(a)]
    path = tmp_path_factory.mktemp("local") / "events.parquet"
    write_events(events, "parquet", path)
    return pq.read_table(path).to_pylist()


def _dask_rows(out: Path) -> list[dict]:
    rows: list[dict] = []
    for part in sorted(out.glob("part-*.parquet")):
        rows.extend(pq.read_table(part).to_pylist())
    return rows


def test_scale_dask_local_cluster_two_workers_matches_single_process(
    corpus: Path, local_rows: list[dict], tmp_path: Path
) -> None:
    summary = extract_to_parquet([str(corpus)], tmp_path / "out", workers=2, batch_size=6)
    assert isinstance(summary, ScaleSummary)
    assert (summary.workers, summary.articles, summary.partitions) == (2, 40, 7)
    assert summary.events == len(local_rows)
    assert summary.input_errors == summary.extract_errors == 0
    assert _dask_rows(tmp_path / "out") == local_rows


def test_scale_dask_existing_scheduler_and_rerun_replaces_parts(
    corpus: Path, local_rows: list[dict], tmp_path: Path
) -> None:
    from distributed import LocalCluster

    out = tmp_path / "out"
    out.mkdir()
    (out / "part-00099.parquet").write_bytes(b"stale partition from an earlier run")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = extract_to_parquet([str(corpus)], out, scheduler=cluster.scheduler_address, batch_size=25)
    assert (summary.workers, summary.partitions, summary.articles) == (2, 2, 40)
    assert not (out / "part-00099.parquet").exists()
    assert _dask_rows(out) == local_rows


def test_scale_dask_reports_input_errors_and_keeps_going(corpus: Path, tmp_path: Path) -> None:
    errors = []
    summary = extract_to_parquet(
        [str(tmp_path / "missing.jsonl"), str(corpus)], tmp_path / "out", workers=1, on_error=errors.append
    )
    assert summary.articles == 40 and summary.input_errors == 1
    assert [str(e) for e in errors] == [f"{tmp_path / 'missing.jsonl'}: no such file or directory"]


def test_scale_dask_ingest_matches_local_ingest(corpus: Path, tmp_path: Path) -> None:
    from rasd.scale.dask_runner import ingest_with_dask
    from rasd.store import EventFilter, open_store

    local = open_store(tmp_path / "local.db")
    local_summary = local.ingest(read_inputs([str(corpus)]))
    local_events = local.query_events(EventFilter(), limit=10_000, sort="event_id")
    local.close()

    summary = ingest_with_dask([str(corpus)], str(tmp_path / "dask.db"), workers=2, batch_size=8)
    assert summary.articles == 40 and summary.workers == 2
    assert summary.store == local_summary
    store = open_store(tmp_path / "dask.db")
    try:
        assert store.query_events(EventFilter(), limit=10_000, sort="event_id") == local_events
    finally:
        store.close()
