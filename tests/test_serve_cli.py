"""`rasd serve`: its help, its argument checks, and a real server answering over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from rasd.cli import build_parser, main
from rasd.serve.demo import fill
from rasd.store import open_store


def test_serve_cli_help_documents_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--help"])
    out = capsys.readouterr().out
    for option in ("--db", "--host", "--port", "--token-env", "--cors-origin", "read-only"):
        assert option in out


@pytest.mark.parametrize("argv", [["serve", "--port", "70000"], ["serve", "--cors-origin", "evil.example"]])
def test_serve_cli_rejects_bad_arguments(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "rasd: error:" in capsys.readouterr().err


def test_serve_cli_serves_a_database(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    store = open_store(str(db))
    fill(store, 30)
    store.close()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, "RASD_CLI_TEST_TOKEN": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "rasd", "serve", "--db", str(db), "--port", str(port), "--token-env",
         "RASD_CLI_TEST_TOKEN"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"{base}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["events"] > 0
        assert "رصد" in httpx.get(base + "/").text
        assert httpx.get(f"{base}/api/stats", headers={"Host": "evil.example"}).status_code == 400
        assert httpx.post(f"{base}/api/articles", json={"articles": [{"text": "نص"}]}).status_code == 403
    finally:
        proc.terminate()
        proc.wait(10)
    assert "read-only" in (proc.stdout.read() if proc.stdout else "")
