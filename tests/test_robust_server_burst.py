"""Fault test: a real `rasd serve` survives a bounded burst of concurrent requests on loopback.

The burst mixes valid page queries, malformed parameters, unknown ids, search strings and large
pages, from 32 threads at once (640 requests in all, bounded in count and time). Every answer must
be a 2xx or a 4xx, never a 5xx or a dropped connection, and the server must still answer afterwards.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from rasd.serve.demo import fill
from rasd.store import open_store

PATHS = (
    "/api/events?limit=50",
    "/api/events?country=Iraq&sort=-fatalities&limit=100",
    "/api/events?bbox=30,20,60,40&since=2024-01-01",
    "/api/events?search=%D8%A7%D9%84%D8%A3%D9%86%D8%A8%D8%A7%D8%B1",
    "/api/events?limit=-3",
    "/api/events?bbox=not,a,box",
    "/api/events?since=yesterday",
    "/api/events/does-not-exist",
    "/api/stats",
    "/api/actors",
    "/api/events?format=geojson&limit=500",
    "/api/events?format=csv&limit=500",
    "/",
    "/openapi.json",
    "/api/events?sort=%27%3BDROP%20TABLE%20events--",
    "/api/events?offset=99999999",
)
THREADS = 32
PER_THREAD = 20


def _free_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    sock.close()
    return port


def _wait(base: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{base}/api/stats", timeout=2)
            return
        except httpx.TransportError:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else "server exited"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)


def test_robust_server_survives_concurrent_burst(tmp_path: Path) -> None:
    db = tmp_path / "burst.db"
    store = open_store(str(db))
    fill(store, 200)
    store.close()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "rasd", "serve", "--db", str(db), "--port", str(port)],
        env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        _wait(base, proc)

        def worker(k: int) -> list[int]:
            codes = []
            with httpx.Client(base_url=base, timeout=30) as client:
                for i in range(PER_THREAD):
                    try:
                        codes.append(client.get(PATHS[(k + i) % len(PATHS)]).status_code)
                    except httpx.TransportError:
                        codes.append(-1)  # a dropped connection
            return codes

        started = time.monotonic()
        with ThreadPoolExecutor(THREADS) as pool:
            codes = [c for batch in pool.map(worker, range(THREADS)) for c in batch]
        elapsed = time.monotonic() - started
        tally = Counter(codes)
        assert len(codes) == THREADS * PER_THREAD
        assert all(200 <= c < 500 for c in codes), tally
        assert tally[200] > len(codes) // 2 and any(400 <= c < 500 for c in codes), tally
        assert elapsed < 300
        # Still answering, and the data are intact.
        after = httpx.get(f"{base}/api/stats", timeout=10)
        assert after.status_code == 200 and after.json()["events"] > 0
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(10)
