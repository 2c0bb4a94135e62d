"""An ingest killed with SIGKILL (twice, at different moments) and started again ends with exactly the
rows of an uninterrupted run: batches are transactions and stored articles are skipped on the rerun."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_store_support import incident_corpus, pg_url, snapshot, store_url  # noqa: F401 - fixtures

from rasd.store import open_store

TESTS = Path(__file__).resolve().parent
N_INCIDENTS = 24

WORKER = """
import sys, time
from test_store_support import incident_corpus
from rasd.store import open_store

articles, extractor = incident_corpus(int(sys.argv[2]))

def slow(article):
    time.sleep(0.01)  # stands in for the cost of extraction, so the kill lands mid-run
    return extractor(article)

store = open_store(sys.argv[1])
store.ingest(articles, extractor=slow, batch_size=6)
store.close()
"""


def _start(url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-c", WORKER, url, str(N_INCIDENTS)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _stored(url: str) -> int:
    try:
        with open_store(url) as store:
            return int(store._one("SELECT COUNT(*) FROM articles"))
    except Exception:  # noqa: BLE001 - the database may be mid-creation
        return 0


def _kill_after(url: str, at_least: int, timeout: float = 60.0) -> int:
    proc = _start(url)
    deadline = time.monotonic() + timeout
    while _stored(url) < at_least:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return _stored(url)


def test_store_sigkill_then_rerun_equals_an_uninterrupted_run(store_url, tmp_path: Path) -> None:  # noqa: F811
    articles, extractor = incident_corpus(N_INCIDENTS)
    total = len(articles)
    first = _kill_after(store_url, 10)
    assert 10 <= first < total
    second = _kill_after(store_url, first + 12)
    assert first < second < total, "the rerun must resume, not start over"
    proc = _start(store_url)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()

    reference = open_store(tmp_path / "reference.db")
    reference.ingest(articles, extractor=extractor, batch_size=6)
    with open_store(store_url) as resumed:
        got, want = snapshot(resumed), snapshot(reference)
        assert len(got["articles"]) == total
        assert len(got["events"]) == N_INCIDENTS
        assert got == want
        assert resumed.stats()["reports"] == total
    reference.close()


def test_store_two_concurrent_ingests_equal_one(store_url, tmp_path: Path) -> None:  # noqa: F811
    """Two writers on the same input at once: every article stored once, every incident merged once."""
    articles, extractor = incident_corpus(N_INCIDENTS)
    procs = [_start(store_url), _start(store_url)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    reference = open_store(tmp_path / "reference.db")
    reference.ingest(articles, extractor=extractor, batch_size=6)
    with open_store(store_url) as both:
        got, want = snapshot(both), snapshot(reference)
        assert len(got["articles"]) == len(articles) and len(got["events"]) == N_INCIDENTS
        # a writer re-checks inside its transaction, so articles are stored in input order whoever stores them
        assert got == want
    reference.close()
