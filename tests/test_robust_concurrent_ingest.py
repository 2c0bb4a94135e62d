"""Two `read_inputs` ingests at once against one SQLite file: no corruption, no article lost, no double."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from rasd.ingest.articles import content_hash

INGEST = """
import sys, time
from pathlib import Path
from rasd.ingest import read_inputs
from rasd.store import open_store

db, src, flag = sys.argv[1:4]
Path(flag).touch()
while len(list(Path(flag).parent.glob("*.ready"))) < 2:   # start both writers together
    time.sleep(0.01)
store = open_store(db)
summary = store.ingest(read_inputs([src]), batch_size=5)
store.close()
print(summary.articles_seen, summary.articles_new, summary.articles_duplicate)
"""


@pytest.fixture(scope="module")
def items(shared_dir: Path) -> list[dict]:
    with zipfile.ZipFile(shared_dir / "data" / "saudinewsnet" / "2015-08-03.zip") as archive:
        data = json.loads(archive.read("2015-08-03.json"))
    return [it for it in data if (it.get("content") or "").strip()][:90]


def test_robust_concurrent_ingest_two_writers_one_sqlite_file(tmp_path: Path, items: list[dict]) -> None:
    pytest.importorskip("rasd.store")
    first, second = items[:60], items[30:]  # 30 articles in common
    paths = []
    for name, part in (("a", first), ("b", second)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps(it, ensure_ascii=False) + "\n" for it in part), encoding="utf-8")
        paths.append(path)
    db = tmp_path / "rasd.db"
    procs = [
        subprocess.Popen([sys.executable, "-c", INGEST, str(db), str(p), str(tmp_path / f"{p.stem}.ready")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for p in paths
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err[-2000:]
    seen = [tuple(map(int, out.split())) for out, _ in outputs]
    expected = len({content_hash(it["content"]) for it in items})

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        hashes = conn.execute("SELECT COUNT(DISTINCT content_hash) FROM articles").fetchone()[0]
    assert stored == hashes == expected                          # nothing lost, nothing twice
    assert sum(s[0] for s in seen) == len(first) + len(second)   # every article seen by its writer
    assert sum(s[1] for s in seen) == expected                   # each new article stored by exactly one
