"""Fault test: a database on a read-only disk can still be queried; writing to it is a one-line
error with exit code 5 (the disk is a real read-only tmpfs mount, as root can write any file)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, services_required

from rasd.errors import EXIT_DATABASE

SEED = REPO / "examples" / "ain-al-asad-2024-08-06.txt"


def _rasd(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rasd", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture()
def read_only_db(tmp_path: Path) -> Iterator[Path]:
    db = tmp_path / "made.db"
    done = _rasd("ingest", str(SEED), "--db", str(db), "--published", "2024-08-06", "--no-progress")
    assert done.returncode == 0, done.stderr
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(mount)], capture_output=True).returncode != 0:
        if services_required():
            pytest.fail("cannot mount a tmpfs (the suite runs as root in CI)")
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        shutil.copy(db, mount / "events.db")
        assert subprocess.run(["mount", "-o", "remount,ro", str(mount)], capture_output=True).returncode == 0
        assert not os.access(mount, os.W_OK)
        yield mount / "events.db"
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_robust_readonly_database_is_readable(read_only_db: Path) -> None:
    done = _rasd("events", "--db", str(read_only_db), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) >= 3
    stats = _rasd("stats", "--db", str(read_only_db))
    assert stats.returncode == 0, stats.stderr


def test_robust_readonly_database_write_is_a_clear_error(read_only_db: Path, tmp_path: Path) -> None:
    article = tmp_path / "new.txt"
    article.write_text("قتل جنديان أمس في هجوم مسلح على حاجز للجيش في مدينة الموصل.", encoding="utf-8")
    done = _rasd("ingest", str(article), "--db", str(read_only_db), "--published", "2024-08-06", "--no-progress")
    assert done.returncode == EXIT_DATABASE
    errors = [line for line in done.stderr.splitlines() if line.startswith("rasd: error:")]
    assert len(errors) == 1 and "readonly" in errors[0].replace("-", "").lower()
    assert "Traceback" not in done.stderr
